// What Save asks before it saves a change with consequences: older data deleted at once (retention),
// chargers the bench would refuse at their next connection (passwords required, unknown chargers
// refused), every card refused (only listed idTags, with none to accept), FTP uploads and links cut off
// (a new FTP port). One question at a time.
import { useState, type ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { formatDateTime } from '../../components/format';
import { lockoutLine, lockoutRemedy, type LockedOut } from './strictness';
import { FtpPortWords, type FtpPortAsk } from './ftpPortAsk';

/** One question Save asks first. */
export type SaveAsk = { kind: 'prune'; cutoff: Date; days: number | null } | { kind: 'lockout'; chargers: LockedOut[] } | { kind: 'noCards'; entries: number } | FtpPortAsk;

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
      <SaveQuestion
        open={ask !== undefined}
        name="prune"
        title="Delete old frames and meter values now?"
        confirmLabel={`Delete frames and meter values older than ${ask ? formatCutoff(ask.cutoff) : ''}`}
        color="error"
        onCancel={close}
        onConfirm={onConfirm}
      >
        Saving keeps {ask?.days === 1 ? '1 day' : `${ask?.days} days`} of data: every message log frame and meter value older than <strong>{ask ? formatCutoff(ask.cutoff) : ''}</strong> is deleted now
        and cannot be recovered. Transactions and operations are kept.{others}
      </SaveQuestion>
    );

  if (ask.kind === 'noCards')
    return (
      <SaveQuestion open name="no-cards" title="Refuse every card?" confirmLabel="Save: refuse every card" color="warning" onCancel={close} onConfirm={onConfirm}>
        {ask.entries === 0
          ? 'The bench is to accept only idTags in its list, and the list is empty: every card presented at a charger, and every remote start, will be refused (Invalid).'
          : `The bench is to accept only idTags in its list, and none of its ${ask.entries} entries is Accepted and unexpired: every card presented at a charger, and every remote start, will be refused.`}{' '}
        Add the cards to the list (Authorization, below the choice) first, or keep accepting any idTag.{others}
      </SaveQuestion>
    );

  if (ask.kind === 'ftpPort') {
    const to = ask.to === 0 ? 'any free port' : `port ${ask.to}`;
    return (
      <SaveQuestion open name="ftp-port" title={`Move the FTP server to ${to} now?`} confirmLabel={`Save: move FTP to ${to}`} color="warning" onCancel={close} onConfirm={onConfirm}>
        <FtpPortWords ask={ask} others={others} />
      </SaveQuestion>
    );
  }

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

/** A question with one answer besides Cancel (which has the focus): the button says what Save then does. */
function SaveQuestion({
  open,
  name,
  title,
  confirmLabel,
  color,
  children,
  onCancel,
  onConfirm,
}: {
  open: boolean;
  /** Names the title's and the text's ids ("prune": prune-title, prune-description). */
  name: string;
  title: string;
  confirmLabel: string;
  color: 'error' | 'warning';
  children: ReactNode;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  return (
    <Dialog open={open} onClose={onCancel} aria-labelledby={`${name}-title`} aria-describedby={`${name}-description`}>
      <DialogTitle id={`${name}-title`}>{title}</DialogTitle>
      <DialogContent>
        <DialogContentText id={`${name}-description`}>{children}</DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel} autoFocus>
          Cancel
        </Button>
        <Button variant="contained" color={color} onClick={onConfirm}>
          {confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
