// A question before something that cannot be taken back (stop a run, delete a template, sign the
// handover): what happens in words, and a button that says exactly what it does. Cancel does nothing.
import type { ReactNode } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';

export function Ask({
  open,
  title,
  children,
  confirmLabel,
  danger = false,
  pending = false,
  onCancel,
  onConfirm,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  pending?: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  return (
    <Dialog open={open} onClose={onCancel} fullWidth maxWidth="sm" aria-labelledby="ask-title">
      <DialogTitle id="ask-title">{title}</DialogTitle>
      <DialogContent>{children}</DialogContent>
      <DialogActions>
        <Button onClick={onCancel} autoFocus={danger}>
          Cancel
        </Button>
        <Button variant="contained" color={danger ? 'error' : 'primary'} disabled={pending} onClick={onConfirm} autoFocus={!danger}>
          {confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
