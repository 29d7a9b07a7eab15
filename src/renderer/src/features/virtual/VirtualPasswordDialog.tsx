// A virtual charger's own password (its AuthorizationKey, security profile 1): set on the charger and
// given to the bench in one go ('set-password'), and the charger reconnects with it at once; or removed
// from both (asked first, saying when a bench that requires passwords will refuse it). While a commissioning
// or a test run runs on the charger, either is asked first, naming the step or case the change interrupts.
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
import { useInterrupts } from './interrupts';
import { useVirtualLink } from './virtual-link';

export function VirtualPasswordDialog({ charger, open, onClose, onSaved }: { charger: VirtualChargerView; open: boolean; onClose: () => void; onSaved: (message: string) => void }) {
  const [pending, setPending] = useState(false);
  return (
    <Dialog open={open} onClose={pending ? undefined : onClose} fullWidth maxWidth="sm" aria-labelledby={`vcp-password-${charger.id}`}>
      <PasswordForm charger={charger} pending={pending} setPending={setPending} onClose={onClose} onSaved={onSaved} />
    </Dialog>
  );
}

/** Mounted only while the dialog is open: what runs on the charger is read when it is asked. */
function PasswordForm({
  charger,
  pending,
  setPending,
  onClose,
  onSaved,
}: {
  charger: VirtualChargerView;
  pending: boolean;
  setPending: (pending: boolean) => void;
  onClose: () => void;
  onSaved: (message: string) => void;
}) {
  const client = useClient();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [failure, setFailure] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  // The new password, checked, while it is asked first (a commissioning or a test run runs on the charger).
  const [confirming, setConfirming] = useState<string | null>(null);
  // Whether the bench requires a password from every charger (null: not read).
  const [required, setRequired] = useState<boolean | null>(null);
  const id = charger.id;
  // What a commissioning's check or a test case running on the charger would be interrupted by.
  // The link to the bench lost: nothing can be sent until it is back (said, and the buttons disabled).
  const { blocked } = useVirtualLink();
  const interrupts = useInterrupts(id, charger.running ? `A new password makes ${id} reconnect at once` : `A new password changes how ${id} connects when it is started`);

  useEffect(() => {
    let live = true;
    client.call('settings:get', {}).then(
      (s) => live && setRequired(s.requirePassword),
      () => undefined,
    );
    return () => void (live = false);
  }, [client]);

  const send = async (next: string | null, saved: string) => {
    setPending(true);
    setFailure(null);
    try {
      const r = await client.call('virtualChargers:act', { id, action: 'set-password', body: { password: next } });
      rememberView(r.charger);
      setAsking(false);
      setConfirming(null);
      onSaved(saved);
    } catch (err) {
      setFailure(explainFailure(err).text);
    } finally {
      setPending(false);
    }
  };

  const newSaved = `${id} has its new password, and so has the bench; ${charger.running ? 'it reconnects with it now' : 'it uses it when started'}.`;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const checked = AuthorizationKey.safeParse(password);
    if (!checked.success) {
      setError('The password must be 16 to 40 printable ASCII characters');
      return;
    }
    if (blocked) return;
    if (interrupts.words) return setConfirming(password);
    await send(password, newSaved);
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
  // Until what runs on the charger is read, nothing is sent: it could interrupt a check or a case unasked.
  const reading = interrupts.known ? null : 'Reading what runs on the charger…';

  return (
    <>
      <form onSubmit={submit} noValidate>
        <DialogTitle id={`vcp-password-${id}`}>Password of virtual charger {id}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>
            {charger.definition.hasPassword
              ? `${id} has a password (security profile 1). A new one replaces it`
              : `${id} has no password and connects without Basic auth. A password turns on security profile 1`}
            : {id} sends it as its AuthorizationKey, the bench is given the same one, and {id} {charger.running ? 'reconnects with it at once' : 'uses it when started'}.
          </DialogContentText>
          {interrupts.words && (
            <Alert severity="warning" sx={{ mb: 2 }}>
              {interrupts.words}
            </Alert>
          )}
          <PasswordField value={password} onChange={setPassword} error={error} helperText="16 to 40 printable characters; Generate fills in a random one." autoFocus />
          {charger.definition.hasPassword && (
            <Button color="error" sx={{ mt: 1.5 }} disabled={pending} onClick={() => setAsking(true)}>
              Remove password…
            </Button>
          )}
          {blocked && !asking && confirming === null && (
            <Alert severity="error" role="alert" sx={{ mt: 2 }}>
              {blocked}
            </Alert>
          )}
          {failure && !asking && confirming === null && (
            <Alert severity="error" sx={{ mt: 2 }}>
              {failure}
            </Alert>
          )}
        </DialogContent>
        <FormDialogActions
          pending={pending && !asking && confirming === null}
          onCancel={onClose}
          submitLabel={interrupts.words ? 'Set password…' : 'Set password'}
          disabled={reading !== null || blocked !== null}
        />
      </form>
      <Ask
        open={asking}
        title={`Remove the password of ${id}?`}
        confirmLabel="Remove password"
        danger={required !== false || interrupts.words !== null}
        pending={pending}
        error={failure}
        blocked={blocked ?? reading}
        onCancel={() => {
          setAsking(false);
          setFailure(null);
        }}
        onConfirm={() => void send(null, removed)}
      >
        <Typography variant="body2">{id} then connects without Basic auth (its AuthorizationKey emptied), and the bench checks no password for it.</Typography>
        {interrupts.words && (
          <Alert severity="warning" sx={{ mt: 2 }}>
            {interrupts.words}
          </Alert>
        )}
        {refusal && (
          <Alert severity="warning" sx={{ mt: 2 }}>
            {refusal}
          </Alert>
        )}
      </Ask>
      <Ask
        open={confirming !== null}
        title={`Set the password of ${id} now?`}
        confirmLabel="Set password and interrupt"
        danger
        pending={pending}
        error={failure}
        blocked={blocked}
        onCancel={() => {
          setConfirming(null);
          setFailure(null);
        }}
        onConfirm={() => void (confirming !== null && send(confirming, newSaved))}
      >
        <Alert severity="warning">{interrupts.words ?? `Nothing runs on ${id} any more: the new password interrupts nothing.`}</Alert>
      </Ask>
    </>
  );
}
