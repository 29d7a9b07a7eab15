// A fault switch with its numbers beside it (Offline "Back after", Slow charging "Trickle power"): a number
// is sent when the user is done with it (Enter, or the focus leaving the switch's row), and switching it on
// sends the numbers as typed with it, in one call: a number being typed is never left behind for the value
// from before, and a number out of its bounds keeps the switch off, its field saying why.
import { useRef, useState, type FocusEvent } from 'react';
import Box from '@mui/material/Box';
import InputAdornment from '@mui/material/InputAdornment';
import TextField from '@mui/material/TextField';
import type { z } from 'zod';
import { SwitchRow } from '../../components/fault-parts';

export interface SwitchSetting {
  field: string;
  label: string;
  unit: string;
  schema: z.ZodNumber;
  /** Its bounds in words: "must be from 0 to 86400 s". */
  rule: string;
}

type Patch = Record<string, unknown>;

export function SwitchWithSettings({
  label,
  explains,
  on,
  checked,
  disabled,
  settings,
  values,
  onSend,
}: {
  label: string;
  explains: string;
  /** The switch's own field (e.g. `offline`). */
  on: string;
  checked: boolean;
  disabled: boolean;
  settings: SwitchSetting[];
  /** The live values of the settings. */
  values: Record<string, unknown>;
  /** Sends a change: the field it is about, and the patch. */
  onSend: (key: string, patch: Patch) => void;
}) {
  // What the user typed since the last send, per field (absent: the field follows the live value).
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  // The drafts as of now, for the handlers of one event after another (a blur, then a click) before a render.
  const now = useRef(drafts);
  now.current = drafts;

  /** The drafts read as numbers: the valid ones, and the messages of the others. */
  const check = () => {
    const good: Record<string, number> = {};
    const bad: Record<string, string> = {};
    for (const s of settings) {
      const text = now.current[s.field];
      if (text === undefined) continue;
      const n = text.trim() === '' ? Number.NaN : Number(text);
      if (s.schema.safeParse(n).success) good[s.field] = n;
      else bad[s.field] = `${s.label} ${s.rule}`;
    }
    return { good, bad };
  };

  /** Takes the sent fields out of the drafts (they show the live value again). */
  const sent = (fields: string[]) => {
    const rest = { ...now.current };
    for (const f of fields) delete rest[f];
    now.current = rest;
    setDrafts(rest);
  };

  /** Sends the valid drafts that differ from the live values; shows why the others are not sent. */
  const commit = () => {
    const { good, bad } = check();
    setErrors(bad);
    const changed = Object.fromEntries(Object.entries(good).filter(([f, n]) => n !== values[f]));
    sent(Object.keys(good));
    const fields = Object.keys(changed);
    if (fields.length > 0) onSend(fields.length === 1 ? fields[0] : on, changed);
  };

  const toggle = (next: boolean) => {
    const { good, bad } = check();
    if (next && Object.keys(bad).length > 0) {
      // Not switched on with a value from before: the field says why.
      setErrors(bad);
      return;
    }
    setErrors(bad);
    sent(Object.keys(good));
    onSend(on, { [on]: next, ...good });
  };

  // Leaving the row (not moving from a field to its switch) is being done with the numbers typed.
  const leave = (e: FocusEvent<HTMLElement>) => {
    if (e.relatedTarget instanceof Node && e.currentTarget.contains(e.relatedTarget)) return;
    commit();
  };

  return (
    <Box onBlur={leave}>
      <SwitchRow label={label} explains={explains} checked={checked} disabled={disabled} onToggle={toggle}>
        {settings.map((s) => (
          <TextField
            key={s.field}
            label={s.label}
            size="small"
            type="number"
            value={drafts[s.field] ?? String(values[s.field])}
            error={Boolean(errors[s.field])}
            helperText={errors[s.field]}
            sx={{ width: 150 }}
            onChange={(e) => {
              const next = { ...now.current, [s.field]: e.target.value };
              now.current = next;
              setDrafts(next);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                commit();
              }
            }}
            slotProps={{ input: { endAdornment: <InputAdornment position="end">{s.unit}</InputAdornment> } }}
          />
        ))}
      </SwitchRow>
    </Box>
  );
}
