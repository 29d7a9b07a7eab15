// Serve mode's API token, and where the one in use comes from, as the bench says (bench:status): kept in
// the data directory, so saved links and open tabs survive a restart, and made anew here when a link has
// leaked (this tab stays signed in, every other one must sign in again); or given with --api-token for
// this run only, not saved and not replaceable from here.
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
import { useBench } from '../../stores/bench';
import type { ApiTokenView } from '../../../../shared/api/views';
import { CopyButton } from '../../components/CopyButton';
import { monoFont } from '../../app/theme';

/** Where the token in use comes from, in words, as the bench says it (bench:status `apiToken`), or that it does not. */
export function tokenSourceWords(token: ApiTokenView | undefined): string {
  switch (token?.source) {
    case 'option':
      return `The API token in use was given with --api-token when serve was started: it holds for this run only and is not saved. After a restart without --api-token, the token saved in the data directory (${token.file}) applies, made then if there is none. A token given with --api-token cannot be replaced from here: start serve with another one.`;
    case 'saved':
      return `The API token in use is saved in the data directory (${token.file}), so the sign-in link and scripts keep working after a restart. Make a new one if a link or the token was shared where it should not be.`;
    default:
      return 'This bench does not say where its API token comes from: serve printed it at start, with where it is kept. Make a new one if a link or the token was shared where it should not be.';
  }
}

export function ApiTokenSection() {
  const client = useClient();
  const token = useBench((s) => s.status?.apiToken);
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
      <Typography variant="body2" color="text.secondary" data-testid="api-token-source">
        {tokenSourceWords(token)}
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
      {/* A token given with --api-token is fixed for the run: the bench refuses to replace it. */}
      {token?.source !== 'option' && (
        <div>
          <Button variant="outlined" color="warning" onClick={() => setAsking(true)}>
            Make a new API token
          </Button>
        </div>
      )}
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
