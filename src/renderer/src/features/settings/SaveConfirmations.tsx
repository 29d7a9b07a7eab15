// What Save asks before it saves a change with consequences: older data deleted at once (retention),
// chargers the bench would refuse at their next connection (passwords required, unknown chargers
// refused), every card refused (only listed idTags, with none to accept). One question at a time.
import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { formatDateTime } from '../../components/format';
import { lockoutLine, lockoutRemedy, type LockedOut } from './strictness';

/** One question Save asks first. */
export type SaveAsk = { kind: 'prune'; cutoff: Date; days: number | null } | { kind: 'lockout'; chargers: LockedOut[] } | { kind: 'noCards'; entries: number };

const formatCutoff = (d: Date) => formatDateTime(d, { seconds: false });

export function SaveConfirmation({
  ask,
  otherChanges,
  onCancel,
  onConfirm,
  register,
}: {
  ask: SaveAsk | undefined;
  /** Whether the save holds more changes than the one asked about. */
  otherChanges: boolean;
  onCancel: () => void;
  onConfirm: () => void;
  /** Registers chargers on the bench (the lockout's offer); rejects with the bench's reason. */
  register: (ids: string[]) => Promise<void>;
}) {
  const [registering, setRegistering] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const others = otherChanges ? ' Your other changes are saved with it.' : '';
  const close = () => {
    setFailure(null);
    onCancel();
  };

  if (ask?.kind === 'prune' || ask === undefined)
    return (
      <Dialog open={ask !== undefined} onClose={close} aria-labelledby="prune-title" aria-describedby="prune-description">
        <DialogTitle id="prune-title">Delete old frames and meter values now?</DialogTitle>
        <DialogContent>
          <DialogContentText id="prune-description">
            Saving keeps {ask?.days === 1 ? '1 day' : `${ask?.days} days`} of data: every message log frame and meter value older than <strong>{ask ? formatCutoff(ask.cutoff) : ''}</strong> is deleted
            now and cannot be recovered. Transactions and operations are kept.{others}
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={close} autoFocus>
            Cancel
          </Button>
          <Button variant="contained" color="error" onClick={onConfirm}>
            Delete frames and meter values older than {ask ? formatCutoff(ask.cutoff) : ''}
          </Button>
        </DialogActions>
      </Dialog>
    );

  if (ask.kind === 'noCards')
    return (
      <Dialog open onClose={close} aria-labelledby="no-cards-title" aria-describedby="no-cards-description">
        <DialogTitle id="no-cards-title">Refuse every card?</DialogTitle>
        <DialogContent>
          <DialogContentText id="no-cards-description">
            {ask.entries === 0
              ? 'The bench is to accept only idTags in its list, and the list is empty: every card presented at a charger, and every remote start, will be refused (Invalid).'
              : `The bench is to accept only idTags in its list, and none of its ${ask.entries} entries is Accepted and unexpired: every card presented at a charger, and every remote start, will be refused.`}{' '}
            Add the cards to the list (Authorization, below the choice) first, or keep accepting any idTag.{others}
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={close} autoFocus>
            Cancel
          </Button>
          <Button variant="contained" color="warning" onClick={onConfirm}>
            Save: refuse every card
          </Button>
        </DialogActions>
      </Dialog>
    );

  const unregistered = ask.chargers.filter((c) => c.reasons.includes('notRegistered')).map((c) => c.id);
  const n = ask.chargers.length;
  const registerAndSave = async () => {
    setRegistering(true);
    setFailure(null);
    try {
      await register(unregistered);
      onConfirm();
    } catch (e) {
      setFailure(`Nothing was saved: registering failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setRegistering(false);
    }
  };
  return (
    <Dialog open onClose={registering ? undefined : close} aria-labelledby="lockout-title" aria-describedby="lockout-description" maxWidth="sm" fullWidth>
      <DialogTitle id="lockout-title">
        Refuse {n === 1 ? `${ask.chargers[0].id}` : `${n} chargers`} at {n === 1 ? 'its' : 'their'} next connection?
      </DialogTitle>
      <DialogContent>
        <DialogContentText id="lockout-description">
          With these settings the bench refuses {n === 1 ? 'this charger it knows' : 'these chargers it knows'} the next time {n === 1 ? 'it connects' : 'they connect'} (a reboot, a power cut, a
          dropped link); a connection open now stays until then.{others}
        </DialogContentText>
        <ul aria-label="Chargers refused at their next connection">
          {ask.chargers.map((c) => (
            <li key={c.id}>
              <strong>{lockoutLine(c)}</strong>. To let it in: {lockoutRemedy(c)}.
            </li>
          ))}
        </ul>
        {unregistered.length > 0 && (
          <DialogContentText>Register {unregistered.length === 1 ? 'it' : 'them'} here, or on the Chargers screen (Register charger, or POST /api/chargers).</DialogContentText>
        )}
        {failure && (
          <Alert severity="error" sx={{ mt: 1.5 }}>
            {failure}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={close} disabled={registering} autoFocus>
          Cancel
        </Button>
        {unregistered.length > 0 && (
          <Button variant="outlined" onClick={() => void registerAndSave()} loading={registering}>
            Register {unregistered.length === 1 ? unregistered[0] : `${unregistered.length} chargers`} and save
          </Button>
        )}
        <Button variant="contained" color="warning" onClick={onConfirm} disabled={registering}>
          Save anyway
        </Button>
      </DialogActions>
    </Dialog>
  );
}
