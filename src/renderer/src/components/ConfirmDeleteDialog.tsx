// The question before the bench deletes something: what goes and what stays, the bench's refusal, and why
// it cannot be deleted now. Cancel has the focus (Enter deletes nothing); while the deletion is sent, the
// dialog cannot be closed and the delete button shows it is loading.
import type { ReactNode } from 'react';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { FormDialogProblems } from './FormDialogActions';

export interface ConfirmDeleteDialogProps {
  open: boolean;
  /** The id of its title, which names the dialog. */
  titleId: string;
  title: string;
  /** What the bench deletes and what stays. */
  text: ReactNode;
  /** More to read before deleting (shown below the text, above the refusal). */
  children?: ReactNode;
  /** The bench's refusal of the last try. */
  error: string | null;
  /** Why it cannot be deleted now (e.g. the link to the bench is lost); not said while it is sent. */
  blocked?: string | null;
  pending: boolean;
  /** It cannot be deleted now (the dialog says why). */
  disabled?: boolean;
  /** Says what goes: "Delete charger". */
  deleteLabel: string;
  onClose: () => void;
  onDelete: () => void;
}

export function ConfirmDeleteDialog({ open, titleId, title, text, children, error, blocked, pending, disabled = false, deleteLabel, onClose, onDelete }: ConfirmDeleteDialogProps) {
  return (
    <Dialog open={open} onClose={pending ? undefined : onClose} aria-labelledby={titleId} maxWidth="xs" fullWidth>
      <DialogTitle id={titleId}>{title}</DialogTitle>
      <DialogContent>
        <DialogContentText>{text}</DialogContentText>
        {children}
        <FormDialogProblems formError={error} blocked={blocked ?? null} pending={pending} alertSx={{ mt: 2 }} />
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button onClick={onClose} disabled={pending} autoFocus>
          Cancel
        </Button>
        <Button color="error" variant="contained" loading={pending} disabled={disabled || !!blocked} onClick={onDelete}>
          {deleteLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
