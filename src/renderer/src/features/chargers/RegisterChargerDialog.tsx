// "Register charger": tells the bench about a charger before it first connects (identity, optional
// security profile 1 password, boot policy); needed when the bench lets only registered chargers in.
import { useEffect, useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useClient } from '../../api/context';
import { refreshChargers, useBench } from '../../stores/bench';
import { ChargerRegistration } from '../../../../shared/api/commands';
import type { ChargerView } from '../../../../shared/api/views';
import type { RegistrationStatus } from '../../../../shared/ocpp16/enums';
import { BootPolicyField, callErrors, chargerIssueWords } from './chargerFields';
import { PasswordField } from '../../components/PasswordField';
import { issueWords } from '../../../../shared/api/issues';
import { FormDialogActions, FormDialogProblems } from '../../components/FormDialogActions';
import { linkProblem } from '../../components/reach';

const fields = ['id', 'password', 'bootPolicy'] as const;

/** Why no charger can be registered now (the link to the bench is down: registering writes the bench's own record), in words; null while one can. */
export function useRegisterBlocked(): string | null {
  const problem = useBench((s) => linkProblem(s.link, s.linkSince));
  return problem && `${problem}: no charger can be registered until the link is back.`;
}

export function RegisterChargerDialog({ open, onClose, onRegistered }: { open: boolean; onClose: () => void; onRegistered: (charger: ChargerView, created: boolean) => void }) {
  const client = useClient();
  const blocked = useRegisterBlocked();
  const [id, setId] = useState('');
  const [password, setPassword] = useState('');
  const [bootPolicy, setBootPolicy] = useState<RegistrationStatus | ''>('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const known = useBench((s) => s.chargers[id.trim()]);
  /** Whether Settings require a password (null until read): a charger registered without one is then refused. */
  const [required, setRequired] = useState<boolean | null>(null);
  useEffect(() => {
    if (!open) return;
    let live = true;
    client.call('settings:get', {}).then(
      (s) => live && setRequired(s.requirePassword),
      () => undefined,
    );
    return () => void (live = false);
  }, [client, open]);
  // What an empty password field does: a known charger keeps its password (registering never clears one).
  const refused = required ? ': Settings require a password: without one it is refused (401) at its next connection' : '';
  const passwordHelp = known?.hasPassword
    ? `16 to 40 printable characters. Leave it empty to keep the password ${known.id} has on the bench (to remove it: its Password and boot policy settings).`
    : `16 to 40 printable characters. Left empty, the bench has no password for it${refused || ': it connects without Basic auth'}.`;

  const reset = () => {
    setId('');
    setPassword('');
    setBootPolicy('');
    setErrors({});
    setFormError(null);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (blocked) return;
    // Blank fields are left out: registering a known charger again must not clear its password or boot policy.
    const parsed = ChargerRegistration.safeParse({ id: id.trim(), ...(password === '' ? {} : { password }), ...(bootPolicy ? { bootPolicy } : {}) });
    if (!parsed.success) {
      setErrors(issueWords(parsed.error, chargerIssueWords));
      setFormError(null);
      return;
    }
    setErrors({});
    setFormError(null);
    setPending(true);
    try {
      const { charger, created } = await client.call('chargers:register', parsed.data);
      await refreshChargers(client).catch(() => undefined);
      reset();
      onRegistered(charger, created);
    } catch (err) {
      const { fields: f, form } = callErrors(err, fields);
      setErrors(f);
      setFormError(form);
    } finally {
      setPending(false);
    }
  };

  return (
    <Dialog open={open} onClose={pending ? undefined : onClose} fullWidth maxWidth="sm" aria-labelledby="register-charger-title">
      <form onSubmit={submit} noValidate>
        <DialogTitle id="register-charger-title">Register charger</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>
            The identity is the last part of the URL the charger connects to (<code>…/ocpp/&lt;identity&gt;</code>). A password turns on security profile 1: the charger must then send it as its
            AuthorizationKey.
          </DialogContentText>
          <Stack spacing={2.5}>
            <TextField
              label="Charge point identity"
              value={id}
              onChange={(e) => setId(e.target.value)}
              error={!!errors.id}
              helperText={errors.id ?? 'As configured on the charger, e.g. CP-0042.'}
              required
              autoFocus
              fullWidth
              slotProps={{ htmlInput: { spellCheck: false, autoCapitalize: 'off' } }}
            />
            {known && (
              <Alert severity="info">
                {known.id} is already known to the bench (boot policy: {known.bootPolicy ?? 'bench default'}; {known.hasPassword ? 'a password is set' : 'no password'}). Registering keeps its settings
                unless you change them here: an empty password keeps {known.hasPassword ? 'its password' : 'it without one'}, and Bench default keeps its boot policy.
              </Alert>
            )}
            <PasswordField value={password} onChange={setPassword} error={errors.password} label="Password (optional)" helperText={passwordHelp} />
            <BootPolicyField value={bootPolicy} onChange={setBootPolicy} error={errors.bootPolicy} />
            <FormDialogProblems formError={formError} blocked={blocked} pending={pending} />
          </Stack>
        </DialogContent>
        <FormDialogActions pending={pending} onCancel={onClose} submitLabel="Register" disabled={!!blocked} />
      </form>
    </Dialog>
  );
}
