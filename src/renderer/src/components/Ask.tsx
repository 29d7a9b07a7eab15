// A question before something that cannot be taken back (stop a run, delete a template, sign the
// handover): what happens in words, and a button that says exactly what it does. Cancel does nothing.
// Once confirmed and sent (pending) it can no longer be cancelled: Cancel and Escape do nothing until the
// bench answers, and with `sending` the dialog says so (and that the bench is slow to answer, when it is).
import type { ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import { Sending, type SendingWords } from './Sending';

export function Ask({
  open,
  title,
  children,
  confirmLabel,
  danger = false,
  pending = false,
  sending,
  error,
  blocked,
  onCancel,
  onConfirm,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  /** Sent, not answered yet: nothing can be cancelled or sent again. */
  pending?: boolean;
  /** What the dialog says while pending ("Signing… sent to the bench; it cannot be withdrawn"). */
  sending?: SendingWords;
  /** Why the last attempt failed, in words (shown in the dialog, which stays open). */
  error?: string | null;
  /** Why it cannot be confirmed now (e.g. the bench cannot be reached); not shown while pending. */
  blocked?: string | null;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const cancel = () => {
    if (!pending) onCancel();
  };
  return (
    <Dialog open={open} onClose={cancel} fullWidth maxWidth="sm" aria-labelledby="ask-title">
      <DialogTitle id="ask-title">{title}</DialogTitle>
      <DialogContent>
        {children}
        {sending && <Sending pending={pending} words={sending} />}
        {!pending && error && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {error}
          </Alert>
        )}
        {!pending && blocked && (
          <Alert severity="warning" sx={{ mt: 2 }}>
            {blocked}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={cancel} disabled={pending} autoFocus={danger}>
          Cancel
        </Button>
        <Button variant="contained" color={danger ? 'error' : 'primary'} disabled={pending || !!blocked} onClick={onConfirm} autoFocus={!danger}>
          {confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
