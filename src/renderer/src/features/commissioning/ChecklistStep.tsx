// Step 5, the on-site checks that are not OCPP: each item Conform / Not conform / Not applicable with the
// value measured on the instrument and notes, saved as they are given (text while it is typed); and photos
// from the file picker.
// Read-only once handed over.
import { useEffect, useRef, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import InputAdornment from '@mui/material/InputAdornment';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import { useClient } from '../../api/context';
import { CallFailure } from '../../api/client';
import { ChecklistEntry, checklistItems, checkResults, checkResultWords, type CheckResult, type CommissioningView } from '../../../../shared/api/commissioning';
import { issueWords } from '../../../../shared/api/issues';
import { Photos } from './Photos';
import type { LiveCommissioning } from './useCommissioning';
import { checklistOpen, readingMissingWords } from './checklist-open';
import { useLeaveWarning } from '../../components/useLeaveWarning';
import { reportLostSave } from './lost-saves';
import { readReading, type ReadingRead } from '../../../../shared/format/reading';

type Entry = ChecklistEntry;
type Item = (typeof checklistItems)[number];

/** Text typed in a field is saved this long after the last key (and at once when the field is left). */
export const SAVE_AFTER_MS = 600;

const entryOf = (view: CommissioningView, id: Item['id']): Entry => view.checklist.find((e) => e.id === id) ?? { id, result: null, value: '', note: '' };

/**
 * A reading as typed, to save, read as the bench reads one (shared/format/reading.ts): a decimal comma
 * ("0,8", "<0,5") with a point, as the hint says ("0.8"). A comma before exactly three digits ("1,000",
 * ">1,000") may be a thousands separator or a decimal comma (a thousand times apart): refused, with what to
 * write instead. A reading that is no number, the words the checklist's schema says too.
 */
export function readingOf(item: Item, value: string): ReadingRead {
  return readReading(item.unit, value);
}

/** How a field's latest text stands with the bench: waiting for the pause in typing, on its way, kept, or refused. */
type FieldStatus = 'pending' | 'saving' | 'saved' | { failed: string };
type Field = 'value' | 'note';
const statusWords = (s: FieldStatus | undefined): string | undefined =>
  s === undefined ? undefined : s === 'pending' || s === 'saving' ? 'Saving…' : s === 'saved' ? 'Saved' : `Not saved: ${s.failed}`;
const sameEntry = (a: Entry, b: Entry) => a.result === b.result && a.value === b.value && a.note === b.note;

function ChecklistItem({ commissioning, item, saved, locked, save }: { commissioning: string; item: Item; saved: Entry; locked: boolean; save: (e: Entry) => Promise<string | null> }) {
  // The answer as given here: a quick click on Conform followed by a measured value must not send the
  // value with the result the bench held before the click arrived.
  const [result, setResult] = useState(saved.result);
  const sending = useRef(0);
  const [value, setValue] = useState(saved.value);
  const [note, setNote] = useState(saved.note);
  const [error, setError] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<Partial<Record<Field, FieldStatus>>>({});
  // What the bench holds, unless this field is being edited.
  const [editing, setEditing] = useState<Field | null>(null);
  useEffect(() => {
    if (sending.current === 0) setResult(saved.result);
  }, [saved.result]);
  // A value refused here stays in its field, with why, until it is put right; a text on its way stays as typed
  // until the bench has it, and one the bench did not take stays, beside "Not saved", until it is saved.
  const unsent = (s: FieldStatus | undefined) => s !== undefined && s !== 'saved';
  const keepValue = editing === 'value' || !!error.value || unsent(status.value);
  const keepNote = editing === 'note' || !!error.note || unsent(status.note);
  // Whether the value in the field was typed here: only then is it read (a decimal comma made a point); one
  // the user did not touch in this session is sent back as the bench holds it, never rewritten.
  const typed = useRef(false);
  useEffect(() => {
    if (!keepValue) {
      setValue(saved.value);
      typed.current = false;
    }
    if (!keepNote) setNote(saved.note);
  }, [saved.value, saved.note, keepValue, keepNote]);
  // The entry last sent, while the bench's answer may not be shown yet: the same again is not sent twice.
  const lastSent = useRef<Entry | null>(null);
  const inFlight = useRef<Record<Field, number>>({ value: 0, note: 0 });
  useEffect(() => {
    if (sending.current === 0) lastSent.current = null;
  }, [saved.result, saved.value, saved.note]);

  // Once the item is gone (the step left), a text that is not saved can no longer say so beside its field: the
  // wizard says it.
  const mounted = useRef(false);
  const lost = (field: Field | null, entry: Entry, reason: string) => {
    if (!mounted.current) reportLostSave({ id: commissioning, item: item.id, field, text: field ? entry[field] : (entry.result ?? ''), reason });
  };
  /** Saves the entry; what went wrong, or null once the bench has it. */
  const push = async (entry: Entry, field: Field | null): Promise<string | null> => {
    if (sameEntry(entry, lastSent.current ?? saved)) {
      if (field) setStatus((s) => ({ ...s, [field]: inFlight.current[field] ? 'saving' : s[field] === 'pending' ? (lastSent.current ? 'saved' : undefined) : s[field] }));
      return null;
    }
    lastSent.current = entry;
    sending.current++;
    if (field) {
      inFlight.current[field]++;
      setStatus((s) => ({ ...s, [field]: 'saving' }));
    }
    const failed = await save(entry).finally(() => sending.current--);
    if (field) inFlight.current[field]--;
    if (failed) {
      lastSent.current = null;
      setResult(saved.result);
      if (field) setStatus((s) => ({ ...s, [field]: { failed } }));
      else setError({ '': failed });
      lost(field, entry, failed);
    } else if (field && !inFlight.current[field]) setStatus((s) => (s[field] === 'pending' ? s : { ...s, [field]: 'saved' }));
    return failed;
  };
  /**
   * Sends the answer with the field's text as it is now. `rewrite`: the field shows the reading as read (a
   * decimal comma made a point); not while it is being typed in.
   */
  const send = async (patch: Partial<Entry>, field: Field | null, rewrite = true): Promise<void> => {
    const reading: ReturnType<typeof readingOf> = typed.current ? readingOf(item, value) : { value };
    const checked = reading.error === undefined ? ChecklistEntry.safeParse({ ...saved, result, value: reading.value, note, ...patch }) : null;
    if (!checked?.success) {
      const errors = checked ? issueWords(checked.error, { key: 'first' }) : { value: reading.error! };
      setError(errors);
      const why = Object.values(errors)[0];
      if (why) lost(field, { ...saved, result, value, note, ...patch }, why);
      // A typed reading refused while the bench holds an earlier one (saved during a pause in typing, say):
      // that one is withdrawn, so the item stays open rather than done with a value this field no longer shows.
      const withdrawn = ChecklistEntry.safeParse({ ...saved, result, value: '', note });
      if (errors.value && typed.current && (lastSent.current ?? saved).value !== '' && withdrawn.success) return void (await push(withdrawn.data, field));
      if (field) setStatus((s) => ({ ...s, [field]: undefined }));
      return;
    }
    if (rewrite && checked.data.value !== value) setValue(checked.data.value);
    setError({});
    setResult(checked.data.result);
    await push(checked.data, field);
  };
  // Text is saved while it is typed, once typing pauses; at once when the field is left or the item goes.
  const sendNow = useRef(send);
  sendNow.current = send;
  const timer = useRef<{ handle: ReturnType<typeof setTimeout>; field: Field } | null>(null);
  const schedule = (field: Field) => {
    if (timer.current) clearTimeout(timer.current.handle);
    setStatus((s) => ({ ...s, [field]: 'pending' }));
    timer.current = {
      field,
      handle: setTimeout(() => {
        timer.current = null;
        void sendNow.current({}, field, false);
      }, SAVE_AFTER_MS),
    };
  };
  const flush = (field: Field, changed: boolean) => {
    const waiting = timer.current;
    if (waiting) clearTimeout(waiting.handle);
    timer.current = null;
    if (waiting || changed) void send({}, field);
  };
  // The item goes: what was refused or not saved here (and shown so beside its field) is said by the wizard.
  const sayLost = useRef(() => {});
  sayLost.current = () => {
    const given: Entry = { ...saved, result, value, note };
    for (const field of ['value', 'note'] as const) {
      const s = status[field];
      const why = error[field] ?? (typeof s === 'object' ? s.failed : undefined);
      if (why) lost(field, given, why);
    }
  };
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      sayLost.current();
      const waiting = timer.current;
      if (!waiting) return;
      clearTimeout(waiting.handle);
      timer.current = null;
      void sendNow.current({}, waiting.field, false);
    };
  }, []);
  // Leaving the page while a text is not saved (waiting, on its way, refused or failed) asks first.
  const unsaved = Object.values(status).some((s) => s !== undefined && s !== 'saved') || Object.keys(error).length > 0;
  useLeaveWarning(unsaved);

  const bad = result === 'notConform';
  // Phase rotation is read as a sequence in words, not a number with a unit.
  const words = item.unit === 'sequence';
  return (
    <Box
      component="section"
      aria-label={item.label}
      sx={{ border: 1, borderColor: bad ? 'error.main' : 'divider', borderLeftWidth: 4, borderLeftColor: bad ? 'error.main' : result ? 'success.main' : 'divider', borderRadius: 1, p: 1.5 }}
    >
      <Stack direction={{ xs: 'column', md: 'row' }} sx={{ gap: 1.5, alignItems: { md: 'center' } }}>
        <Typography sx={{ fontWeight: 600, flex: '1 1 260px' }}>{item.label}</Typography>
        <ToggleButtonGroup size="small" exclusive value={result} disabled={locked} aria-label={`${item.label}: result`} onChange={(_e, v: CheckResult | null) => v && void send({ result: v }, null)}>
          {checkResults.map((r) => (
            <ToggleButton key={r} value={r} color={r === 'conform' ? 'success' : r === 'notConform' ? 'error' : 'standard'} sx={{ px: 1.5 }}>
              {checkResultWords[r]}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
        {item.unit !== null && (
          <TextField
            size="small"
            label={words ? 'Measured sequence' : 'Measured'}
            placeholder={words ? 'e.g. L1 L2 L3, clockwise' : undefined}
            value={value}
            disabled={locked}
            onFocus={() => setEditing('value')}
            onChange={(e) => {
              typed.current = true;
              setValue(e.target.value);
              schedule('value');
            }}
            onBlur={() => {
              setEditing(null);
              flush('value', value !== saved.value);
            }}
            error={!!error.value || typeof status.value === 'object'}
            helperText={error.value ?? statusWords(status.value)}
            sx={{ width: words ? 240 : 200 }}
            // The label stays above the field: beside a unit it would run into it ("Measuredsequence").
            slotProps={{
              inputLabel: { shrink: true },
              input: words ? undefined : { endAdornment: <InputAdornment position="end">{item.unit}</InputAdornment> },
              htmlInput: { 'aria-label': `${item.label}: measured value (${item.unit})` },
            }}
          />
        )}
      </Stack>
      <TextField
        size="small"
        fullWidth
        multiline
        placeholder="Notes"
        value={note}
        disabled={locked}
        onFocus={() => setEditing('note')}
        onChange={(e) => {
          setNote(e.target.value);
          schedule('note');
        }}
        onBlur={() => {
          setEditing(null);
          flush('note', note !== saved.note);
        }}
        error={!!error.note || typeof status.note === 'object'}
        helperText={error.note ?? statusWords(status.note)}
        sx={{ mt: 1 }}
        slotProps={{ htmlInput: { 'aria-label': `${item.label}: notes` } }}
      />
      {error[''] && (
        <Alert severity="error" sx={{ mt: 1 }}>
          Not saved: {error['']}
        </Alert>
      )}
    </Box>
  );
}

export function ChecklistStep({ live, view }: { live: LiveCommissioning; view: CommissioningView }) {
  const client = useClient();
  const locked = view.state === 'handedOver' || live.stale;
  // One save at a time, in the order given, so an older answer never lands after a newer one.
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const save = (entry: Entry): Promise<string | null> => {
    const next = queue.current.then(async () => {
      try {
        live.show(await client.call('commissioning:setChecklist', { id: view.id, entries: [entry] }));
        return null;
      } catch (e) {
        return e instanceof CallFailure || e instanceof Error ? e.message : String(e);
      }
    });
    queue.current = next;
    return next;
  };
  const { unanswered, withoutReading } = checklistOpen(view);
  const open = new Set([...unanswered, ...withoutReading]).size;
  return (
    <Stack spacing={2}>
      {view.state === 'handedOver' ? (
        <Alert severity="info">Handed over: the checklist is final.</Alert>
      ) : (
        <Box>
          <Typography variant="body2" color="text.secondary">
            Each answer is saved as you give it. {open ? `${open} item${open > 1 ? 's' : ''} still to check.` : 'Every item is checked.'}
          </Typography>
          {withoutReading.length > 0 && (
            <Box component="ul" aria-label="Measured values missing" sx={{ m: 0, pl: 3 }}>
              {withoutReading.map((i) => (
                <Typography component="li" key={i.id} variant="body2" color="warning.main">
                  {readingMissingWords(i)}
                </Typography>
              ))}
            </Box>
          )}
        </Box>
      )}
      {checklistItems.map((item) => (
        <ChecklistItem key={item.id} commissioning={view.id} item={item} saved={entryOf(view, item.id)} locked={locked} save={save} />
      ))}
      <Photos live={live} view={view} locked={locked} />
    </Stack>
  );
}
