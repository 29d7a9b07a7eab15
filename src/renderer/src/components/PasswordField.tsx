// The security profile 1 password field the charger forms and a virtual charger's password share: typed,
// or generated (24 characters without look-alikes, easy to read off the screen), shown or hidden.
import { useState } from 'react';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Visibility from '@mui/icons-material/Visibility';
import VisibilityOff from '@mui/icons-material/VisibilityOff';

const passwordAlphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** 24 characters without look-alikes (0/O, 1/l/I): easy to type into a charger's setup page. */
export function generatePassword(length = 24): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (b) => passwordAlphabet[b % passwordAlphabet.length]).join('');
}

export function PasswordField({
  value,
  onChange,
  error,
  label = 'Password',
  helperText,
  autoFocus,
}: {
  value: string;
  onChange: (v: string) => void;
  error?: string;
  label?: string;
  helperText: string;
  autoFocus?: boolean;
}) {
  const [shown, setShown] = useState(false);
  return (
    <TextField
      label={label}
      type={shown ? 'text' : 'password'}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={!!error}
      helperText={error ?? helperText}
      autoComplete="new-password"
      autoFocus={autoFocus}
      fullWidth
      slotProps={{
        htmlInput: { spellCheck: false, style: { fontFamily: shown ? 'monospace' : undefined } },
        input: {
          endAdornment: (
            <InputAdornment position="end">
              <Tooltip title="Fill in a random 24-character password">
                <Button
                  size="small"
                  onClick={() => {
                    onChange(generatePassword());
                    setShown(true);
                  }}
                >
                  Generate
                </Button>
              </Tooltip>
              <IconButton edge="end" onClick={() => setShown((s) => !s)} aria-label={shown ? 'Hide password' : 'Show password'}>
                {shown ? <VisibilityOff /> : <Visibility />}
              </IconButton>
            </InputAdornment>
          ),
        },
      }}
    />
  );
}
