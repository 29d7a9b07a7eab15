// The foot of a dialog that is a form: Cancel, and the submit button that says what it does; while the
// form is being sent, Cancel is disabled and the submit button shows it is loading; and above them, what
// stands in the way of sending it.
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import DialogActions from '@mui/material/DialogActions';
import type { SxProps, Theme } from '@mui/material/styles';

/** `disabled`: the form cannot be sent now (the dialog says why). */
export function FormDialogActions({ pending, onCancel, submitLabel, disabled = false }: { pending: boolean; onCancel: () => void; submitLabel: string; disabled?: boolean }) {
  return (
    <DialogActions sx={{ px: 3, pb: 2 }}>
      <Button onClick={onCancel} disabled={pending}>
        Cancel
      </Button>
      <Button type="submit" variant="contained" loading={pending} disabled={disabled}>
        {submitLabel}
      </Button>
    </DialogActions>
  );
}

/**
 * What stands in the way of the form, above its actions: the bench's refusal of what was sent
 * (`formError`), and why it cannot be sent now (`blocked`, e.g. the link to the bench is lost; not while it
 * is being sent).
 */
export function FormDialogProblems({ formError, blocked, pending, alertSx }: { formError: string | null; blocked: string | null; pending: boolean; alertSx?: SxProps<Theme> }) {
  return (
    <>
      {formError && (
        <Alert severity="error" sx={alertSx}>
          {formError}
        </Alert>
      )}
      {blocked && !pending && (
        <Alert severity="error" role="alert" sx={alertSx}>
          {blocked}
        </Alert>
      )}
    </>
  );
}
