// A number field for a live setting: the user types freely, and the value is checked (with the schema's
// bounds) and sent when they press Enter or leave the field, not on every keystroke.
import { useEffect, useRef, useState } from 'react';
import TextField from '@mui/material/TextField';
import InputAdornment from '@mui/material/InputAdornment';
import type { z } from 'zod';

export interface NumberFieldProps {
  label: string;
  value: number;
  schema: z.ZodType<number>;
  /** What the bounds are, in words, shown when the value is out of them. */
  rule: string;
  unit?: string;
  disabled?: boolean;
  width?: number;
  onCommit: (value: number) => void;
}

export function NumberField({ label, value, schema, rule, unit, disabled, width = 150, onCommit }: NumberFieldProps) {
  const [text, setText] = useState(String(value));
  const [error, setError] = useState<string | null>(null);
  const editing = useRef(false);
  // Follow the live value unless the user is in the middle of typing another one.
  useEffect(() => {
    if (!editing.current) {
      setText(String(value));
      setError(null);
    }
  }, [value]);

  // Enter commits and the blur that may follow must not send it again before `value` catches up:
  // only an edit since the last commit is committed.
  const commit = () => {
    if (!editing.current) return;
    const n = text.trim() === '' ? Number.NaN : Number(text);
    if (!schema.safeParse(n).success) return setError(`${label} ${rule}`);
    editing.current = false;
    setError(null);
    if (n !== value) onCommit(n);
  };

  return (
    <TextField
      label={label}
      size="small"
      type="number"
      value={text}
      disabled={disabled}
      error={Boolean(error)}
      helperText={error ?? undefined}
      sx={{ width }}
      onChange={(e) => {
        editing.current = true;
        setText(e.target.value);
      }}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          commit();
        }
      }}
      slotProps={{ input: unit ? { endAdornment: <InputAdornment position="end">{unit}</InputAdornment> } : undefined }}
    />
  );
}
