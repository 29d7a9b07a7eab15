// A virtual charger's own password (its AuthorizationKey, security profile 1): set on the charger and
// given to the bench in one go ('set-password'), and the charger reconnects with it at once; or removed
// from both (asked first, saying when a bench that requires passwords will refuse it).
import { useEffect, useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import { useClient } from '../../api/context';
import { AuthorizationKey } from '../../../../shared/api/commands';
import type { VirtualChargerView } from '../../../../shared/api/virtual-chargers';
import { PasswordField } from '../../components/PasswordField';
import { Ask } from '../../components/Ask';
import { explainFailure, rememberView } from './virtual-actions';
import { FormDialogActions } from '../../components/FormDialogActions';

export function VirtualPasswordDialog({ charger, open, onClose, onSaved }: { charger: VirtualChargerView; open: boolean; onClose: () => void; onSaved: (message: string) => void }) {
  const client = useClient();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [failure, setFailure] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [asking, setAsking] = useState(false);
  // Whether the bench requires a password from every charger (null: not read).
  const [required, setRequired] = useState<boolean | null>(null);
  const id = charger.id;

  useEffect(() => {
    if (!open) return;
    setPassword('');
    setError(undefined);
    setFailure(null);
    setAsking(false);
    setRequired(null);
    let live = true;
    client.call('settings:get', {}).then(
      (s) => live && setRequired(s.requirePassword),
      () => undefined,
    );
    return () => void (live = false);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const send = async (next: string | null, saved: string) => {
    setPending(true);
    setFailure(null);
    try {
      const r = await client.call('virtualChargers:act', { id, action: 'set-password', body: { password: next } });
      rememberView(r.charger);
      setAsking(false);
      onSaved(saved);
    } catch (err) {
      setFailure(explainFailure(err).text);
    } finally {
      setPending(false);
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const checked = AuthorizationKey.safeParse(password);
    if (!checked.success) {
      setError('The password must be 16 to 40 printable ASCII characters');
      return;
    }
    await send(password, `${id} has its new password, and so has the bench; ${charger.running ? 'it reconnects with it now' : 'it uses it when started'}.`);
  };

  // When it next connects without a password: at once if it runs (it reconnects), else when started.
  const next = charger.running ? 'when it reconnects, at once' : 'when it is started';
  const refusal =
    required === null
      ? `Whether this bench requires passwords could not be read: if it does, ${id} is refused (401) ${next}.`
      : required
        ? `This bench requires a password from every charger: ${id} will be refused (401) ${next}, until it is given one again.`
        : null;
  const removed = `${id} has no password now, nor has the bench for it; ${charger.running ? 'it reconnects without one now' : 'it connects without one when started'}${required ? `, and is refused ${charger.running ? '' : 'then '}(this bench requires passwords)` : ''}.`;

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
          {charger.definition.hasPassword && (
            <Button color="error" sx={{ mt: 1.5 }} disabled={pending} onClick={() => setAsking(true)}>
              Remove password…
            </Button>
          )}
          {failure && !asking && (
            <Alert severity="error" sx={{ mt: 2 }}>
              {failure}
            </Alert>
          )}
        </DialogContent>
        <FormDialogActions pending={pending && !asking} onCancel={onClose} submitLabel="Set password" />
      </form>
      <Ask
        open={asking}
        title={`Remove the password of ${id}?`}
        confirmLabel="Remove password"
        danger={required !== false}
        pending={pending}
        error={failure}
        onCancel={() => {
          setAsking(false);
          setFailure(null);
        }}
        onConfirm={() => void send(null, removed)}
      >
        <Typography variant="body2">{id} then connects without Basic auth (its AuthorizationKey emptied), and the bench checks no password for it.</Typography>
        {refusal && (
          <Alert severity="warning" sx={{ mt: 2 }}>
            {refusal}
          </Alert>
        )}
      </Ask>
    </Dialog>
  );
}
