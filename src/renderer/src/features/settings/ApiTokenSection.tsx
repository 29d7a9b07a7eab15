// Serve mode's API token: kept in the data directory so saved links and open tabs survive a restart;
// made anew here when a link has leaked (this tab stays signed in, every other one must sign in again).
import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import InputAdornment from '@mui/material/InputAdornment';
import { useClient } from '../../api/context';
import { CopyButton } from '../../components/CopyButton';
import { monoFont } from '../../app/theme';

export function ApiTokenSection() {
  const client = useClient();
  const [asking, setAsking] = useState(false);
  const [made, setMade] = useState<{ token: string; link: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!client.newApiToken) return null;
  const make = async () => {
    setAsking(false);
    setError(null);
    try {
      setMade(await client.newApiToken!());
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <Stack spacing={1.5}>
      <Typography variant="body2" color="text.secondary">
        The API token is kept in the data directory, so the sign-in link and scripts keep working after a restart. Make a new one if a link or the token was shared where it should not be.
      </Typography>
      {made && (
        <Alert severity="success">
          New token made. This tab stays signed in; other tabs, saved links and scripts need the new one.
          <TextField
            label="New sign-in link"
            value={made.link}
            fullWidth
            size="small"
            sx={{ mt: 1.5 }}
            slotProps={{
              htmlInput: { readOnly: true, style: { fontFamily: monoFont } },
              input: {
                endAdornment: (
                  <InputAdornment position="end">
                    <CopyButton text={made.link} label="Copy the new sign-in link" />
                  </InputAdornment>
                ),
              },
            }}
          />
        </Alert>
      )}
      {error && <Alert severity="error">{error}</Alert>}
      <div>
        <Button variant="outlined" color="warning" onClick={() => setAsking(true)}>
          Make a new API token
        </Button>
      </div>
      <Dialog open={asking} onClose={() => setAsking(false)} aria-labelledby="token-title">
        <DialogTitle id="token-title">Make a new API token?</DialogTitle>
        <DialogContent>
          <DialogContentText>
            The current token stops working at once: other open tabs, saved sign-in links and scripts using it must sign in again with the new one. This tab stays signed in. Chargers are not affected.
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setAsking(false)} autoFocus>
            Cancel
          </Button>
          <Button variant="contained" color="warning" onClick={() => void make()}>
            Make a new token
          </Button>
        </DialogActions>
      </Dialog>
    </Stack>
  );
}
