// The foot of a dialog that is a form: Cancel, and the submit button that says what it does; while the
// form is being sent, Cancel is disabled and the submit button shows it is loading.
import Button from '@mui/material/Button';
import DialogActions from '@mui/material/DialogActions';

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
