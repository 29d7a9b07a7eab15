// serve mode without a valid token: ask for the one chargebench serve printed.
import { useState, type FormEvent } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import EvStationIcon from '@mui/icons-material/EvStation';
import { monoFont } from './theme';

export function SignIn({ onToken, rejected }: { onToken: (token: string) => Promise<boolean>; rejected: boolean }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(rejected ? 'That token was not accepted. Copy it again from the terminal running chargebench serve.' : null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!token.trim()) return setError('Paste the API token that chargebench serve printed.');
    setBusy(true);
    const ok = await onToken(token.trim());
    setBusy(false);
    if (!ok) setError('That token was not accepted (or the bench is not running). Copy it again from the terminal running chargebench serve.');
  };
  return (
    <Box sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', bgcolor: 'background.default', p: 2 }}>
      <Paper component="form" onSubmit={submit} sx={{ p: 4, width: 440, maxWidth: '100%' }} aria-labelledby="signin-title">
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 2 }}>
          <EvStationIcon color="primary" fontSize="large" />
          <Typography id="signin-title" variant="h5">
            ChargeBench
          </Typography>
        </Box>
        <Typography sx={{ mb: 2 }} color="text.secondary">
          This bench asks for its API token.{' '}
          <Box component="code" sx={{ fontFamily: monoFont, whiteSpace: 'nowrap' }}>
            chargebench serve
          </Box>{' '}
          prints it, with a link that signs you in directly.
        </Typography>
        <TextField
          autoFocus
          fullWidth
          label="API token"
          value={token}
          onChange={(e) => setToken(e.target.value)}
          error={!!error}
          helperText={error ?? ' '}
          // MUI ties the helper text to the field (aria-describedby); the live region announces each new error.
          slotProps={{ htmlInput: { spellCheck: false, autoComplete: 'off' }, formHelperText: { 'aria-live': 'assertive' } }}
        />
        <Button type="submit" variant="contained" fullWidth disabled={busy} sx={{ mt: 1 }}>
          {busy ? 'Checking…' : 'Sign in'}
        </Button>
      </Paper>
    </Box>
  );
}
