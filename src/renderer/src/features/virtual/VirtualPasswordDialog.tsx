// A virtual charger's own password (its AuthorizationKey, security profile 1): set on the charger and
// given to the bench in one go ('set-password'), and the charger reconnects with it at once.
import { useEffect, useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { useClient } from '../../api/context';
import { AuthorizationKey } from '../../../../shared/api/commands';
import type { VirtualChargerView } from '../../../../shared/api/virtual-chargers';
import { PasswordField } from '../../components/PasswordField';
import { explainFailure, rememberView } from './virtual-actions';
import { FormDialogActions } from '../../components/FormDialogActions';

export function VirtualPasswordDialog({ charger, open, onClose, onSaved }: { charger: VirtualChargerView; open: boolean; onClose: () => void; onSaved: (message: string) => void }) {
  const client = useClient();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [failure, setFailure] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const id = charger.id;

  useEffect(() => {
    if (!open) return;
    setPassword('');
    setError(undefined);
    setFailure(null);
  }, [open]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const checked = AuthorizationKey.safeParse(password);
    if (!checked.success) {
      setError('The password must be 16 to 40 printable ASCII characters');
      return;
    }
    setPending(true);
    setFailure(null);
    try {
      const r = await client.call('virtualChargers:act', { id, action: 'set-password', body: { password } });
      rememberView(r.charger);
      onSaved(`${id} has its new password, and so has the bench; ${charger.running ? 'it reconnects with it now' : 'it uses it when started'}.`);
    } catch (err) {
      setFailure(explainFailure(err).text);
    } finally {
      setPending(false);
    }
  };

  return (
    <Dialog open={open} onClose={pending ? undefined : onClose} fullWidth maxWidth="sm" aria-labelledby={`vcp-password-${id}`}>
      <form onSubmit={submit} noValidate>
        <DialogTitle id={`vcp-password-${id}`}>Password of virtual charger {id}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>
            {charger.definition.hasPassword
              ? `${id} has a password (security profile 1). A new one replaces it`
              : `${id} has no password and connects without Basic auth. A password turns on security profile 1`}
            : {id} sends it as its AuthorizationKey, the bench is given the same one, and {id} {charger.running ? 'reconnects with it at once' : 'uses it when started'}.
          </DialogContentText>
          <PasswordField value={password} onChange={setPassword} error={error} helperText="16 to 40 printable characters; Generate fills in a random one." autoFocus />
          {failure && (
            <Alert severity="error" sx={{ mt: 2 }}>
              {failure}
            </Alert>
          )}
        </DialogContent>
        <FormDialogActions pending={pending} onCancel={onClose} submitLabel="Set password" />
      </form>
    </Dialog>
  );
}
