// A virtual charger's password field: typed, or generated (24 characters without look-alikes, easy to
// read off the screen), shown or hidden. The checks are the bench's (AuthorizationKey: 16 to 40 printable ASCII).
import { useState } from 'react';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import TextField from '@mui/material/TextField';
import Visibility from '@mui/icons-material/Visibility';
import VisibilityOff from '@mui/icons-material/VisibilityOff';

const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

export function generatePassword(length = 24): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(length)), (b) => alphabet[b % alphabet.length]).join('');
}

export function VirtualPasswordField({ value, onChange, error, helperText }: { value: string; onChange: (v: string) => void; error?: string; helperText: string }) {
  const [shown, setShown] = useState(false);
  return (
    <TextField
      label="Password"
      type={shown ? 'text' : 'password'}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={!!error}
      helperText={error ?? helperText}
      autoFocus
      fullWidth
      slotProps={{
        htmlInput: { autoComplete: 'new-password', spellCheck: false },
        input: {
          endAdornment: (
            <InputAdornment position="end">
              <Button
                size="small"
                onClick={() => {
                  onChange(generatePassword());
                  setShown(true);
                }}
              >
                Generate
              </Button>
              <IconButton size="small" edge="end" aria-label={shown ? 'Hide password' : 'Show password'} onClick={() => setShown((s) => !s)}>
                {shown ? <VisibilityOff fontSize="small" /> : <Visibility fontSize="small" />}
              </IconButton>
            </InputAdornment>
          ),
        },
      }}
    />
  );
}
