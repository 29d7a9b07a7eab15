// Step 5, the on-site checks that are not OCPP: each item Conform / Not conform / Not applicable with the
// value measured on the instrument and notes, saved as they are given; and photos from the file picker.
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

type Entry = ChecklistEntry;
type Item = (typeof checklistItems)[number];

const entryOf = (view: CommissioningView, id: Item['id']): Entry => view.checklist.find((e) => e.id === id) ?? { id, result: null, value: '', note: '' };

/**
 * A reading as typed, to save: a decimal comma ("0,8", "<0,5") with a point, as the hint says ("0.8").
 * A comma before exactly three digits ("1,000", ">1,000") may be a thousands separator or a decimal comma
 * (a thousand times apart): refused, with what to write instead. Anything else as typed.
 */
export function readingOf(item: Item, value: string): { value: string; error?: undefined } | { error: string } {
  if (item.unit === null || item.unit === 'sequence') return { value };
  const grouped = /^(\s*[<>]?\s*)(\d+(?:,\d{3})+)\s*$/.exec(value);
  if (grouped) {
    const [, sign, number] = grouped;
    const whole = number.replace(/,/g, '');
    const groups = number.split(',');
    const asDecimal = groups.length === 2 ? ` or "${sign.trim()}${groups[0]}.${groups[1]}"` : '';
    return { error: `Is the comma a thousands separator or a decimal comma? Write the value without grouping: "${sign.trim()}${whole}"${asDecimal}` };
  }
  return { value: value.replace(/^(\s*[<>]?\s*\d+),(\d+\s*)$/, '$1.$2') };
}

function ChecklistItem({ item, saved, locked, save }: { item: Item; saved: Entry; locked: boolean; save: (e: Entry) => Promise<string | null> }) {
  // The answer as given here: a quick click on Conform followed by a measured value must not send the
  // value with the result the bench held before the click arrived.
  const [result, setResult] = useState(saved.result);
  const sending = useRef(0);
  const [value, setValue] = useState(saved.value);
  const [note, setNote] = useState(saved.note);
  const [error, setError] = useState<Record<string, string>>({});
  // What the bench holds, unless this field is being edited.
  const [editing, setEditing] = useState<'value' | 'note' | null>(null);
  useEffect(() => {
    if (sending.current === 0) setResult(saved.result);
  }, [saved.result]);
  // A value refused here stays in its field, with why, until it is put right.
  const keepValue = editing === 'value' || !!error.value;
  const keepNote = editing === 'note' || !!error.note;
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
  const send = async (patch: Partial<Entry>) => {
    const reading: ReturnType<typeof readingOf> = typed.current ? readingOf(item, value) : { value };
    if (reading.error !== undefined) return setError({ value: reading.error });
    const next = { ...saved, result, value: reading.value, note, ...patch };
    if (next.value !== value) setValue(next.value);
    const checked = ChecklistEntry.safeParse(next);
    if (!checked.success) return setError(issueWords(checked.error, { key: 'first' }));
    setError({});
    setResult(checked.data.result);
    sending.current++;
    const failed = await save(checked.data).finally(() => sending.current--);
    if (failed) {
      setError({ '': failed });
      setResult(saved.result);
    }
  };
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
        <ToggleButtonGroup size="small" exclusive value={result} disabled={locked} aria-label={`${item.label}: result`} onChange={(_e, v: CheckResult | null) => v && void send({ result: v })}>
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
            }}
            onBlur={() => {
              setEditing(null);
              if (value !== saved.value) void send({});
            }}
            error={!!error.value}
            helperText={error.value}
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
        onChange={(e) => setNote(e.target.value)}
        onBlur={() => {
          setEditing(null);
          if (note !== saved.note) void send({});
        }}
        error={!!error.note}
        helperText={error.note}
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
  const open = view.checklist.filter((e) => !e.result).length + checklistItems.filter((i) => !view.checklist.some((e) => e.id === i.id)).length;
  return (
    <Stack spacing={2}>
      {view.state === 'handedOver' ? (
        <Alert severity="info">Handed over: the checklist is final.</Alert>
      ) : (
        <Typography variant="body2" color="text.secondary">
          Each answer is saved as you give it. {open ? `${open} item${open > 1 ? 's' : ''} still to check.` : 'Every item is checked.'}
        </Typography>
      )}
      {checklistItems.map((item) => (
        <ChecklistItem key={item.id} item={item} saved={entryOf(view, item.id)} locked={locked} save={save} />
      ))}
      <Photos live={live} view={view} locked={locked} />
    </Stack>
  );
}
