// A charger's password and boot policy on the bench ('chargers:update'): the password is never shown,
// only replaced or removed; it applies from the charger's next connection.
import { useEffect, useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useClient } from '../../api/context';
import { refreshChargers, useBench } from '../../stores/bench';
import { linkProblem } from '../../components/reach';
import { ChargerPatch } from '../../../../shared/api/commands';
import type { BenchSettings, ChargerView } from '../../../../shared/api/views';
import type { RegistrationStatus } from '../../../../shared/ocpp16/enums';
import { BootPolicyField, callErrors, chargerIssueWords } from './chargerFields';
import { PasswordField } from '../../components/PasswordField';
import { issueWords } from '../../../../shared/api/issues';
import { FormDialogActions, FormDialogProblems } from '../../components/FormDialogActions';

/** Why the charger's settings on the bench cannot be changed now (the link to the bench is down), in words; null while they can. */
export function useSettingsBlocked(chargerId: string): string | null {
  const problem = useBench((s) => linkProblem(s.link, s.linkSince));
  return problem && `${problem}: the password and boot policy of ${chargerId} cannot be changed until the link is back.`;
}

export function ChargerSettingsDialog({ charger, open, onClose, onSaved }: { charger: ChargerView; open: boolean; onClose: () => void; onSaved: (message: string) => void }) {
  const client = useClient();
  const blocked = useSettingsBlocked(charger.id);
  const [bootPolicy, setBootPolicy] = useState<RegistrationStatus | ''>(charger.bootPolicy ?? '');
  const [password, setPassword] = useState('');
  const [removePassword, setRemovePassword] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  /** The bench's policy, to say what happens to this charger at its next connection (null until read, or if it cannot be). */
  const [policy, setPolicy] = useState<Pick<BenchSettings, 'requirePassword' | 'unknownChargers'> | null>(null);
  const [register, setRegister] = useState(true);

  useEffect(() => {
    if (!open) return;
    setBootPolicy(charger.bootPolicy ?? '');
    setPassword('');
    setRemovePassword(false);
    setErrors({});
    setFormError(null);
    setRegister(true);
    let live = true;
    client.call('settings:get', {}).then(
      (s) => live && setPolicy(s),
      () => live && setPolicy(null),
    );
    return () => void (live = false);
    // Only on opening: live refreshes of the charger must not wipe what the user is typing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (blocked) return;
    const patch: Record<string, unknown> = {};
    if ((bootPolicy || null) !== charger.bootPolicy) patch.bootPolicy = bootPolicy || null;
    if (removePassword) patch.password = null;
    else if (password !== '') patch.password = password;
    const parsed = ChargerPatch.safeParse(patch);
    if (!parsed.success) {
      setErrors(issueWords(parsed.error, chargerIssueWords));
      return;
    }
    const registering = refusedUnknown && register;
    if (!Object.keys(parsed.data).length && !registering) return onClose();
    setErrors({});
    setFormError(null);
    setPending(true);
    try {
      if (registering) await client.call('chargers:register', { id: charger.id });
      if (Object.keys(parsed.data).length) await client.call('chargers:update', { id: charger.id, patch: parsed.data });
      await refreshChargers(client).catch(() => undefined);
      const passwordNote = parsed.data.password !== undefined && charger.connected ? ' The new password applies from its next connection.' : '';
      onSaved(`Saved the settings of ${charger.id}${registering ? ' and registered it' : ''}.${passwordNote}`);
    } catch (err) {
      const { fields, form } = callErrors(err, ['password', 'bootPolicy']);
      setErrors(fields);
      setFormError(form);
    } finally {
      setPending(false);
    }
  };

  // What the bench does at the charger's next connection, as Settings stand now.
  const refusedUnknown = policy?.unknownChargers === 'reject' && !charger.registered;
  const noPasswordWords =
    policy === null
      ? 'The bench has no password for this charger: it connects without Basic auth unless Settings require one.'
      : policy.requirePassword
        ? 'The bench has no password for this charger, and Settings require one: it is refused (401) at its next connection until you set one here, and the same as its AuthorizationKey.'
        : 'The bench has no password for this charger: it connects without Basic auth (Settings do not require one).';
  return (
    <Dialog open={open} onClose={pending ? undefined : onClose} fullWidth maxWidth="sm" aria-labelledby="charger-settings-title">
      <form onSubmit={submit} noValidate>
        <DialogTitle id="charger-settings-title">Password and boot policy of {charger.id}</DialogTitle>
        <DialogContent>
          <Stack spacing={2.5} sx={{ pt: 1 }}>
            <BootPolicyField value={bootPolicy} onChange={setBootPolicy} error={errors.bootPolicy} />
            <Typography variant="body2" color="text.secondary">
              {charger.hasPassword ? 'The bench has a password for this charger (security profile 1). Type a new one to replace it.' : noPasswordWords}
            </Typography>
            {charger.virtual && (
              <Alert severity="info">
                {charger.id} is a virtual charger of this bench: a password set here is only the bench&apos;s, and {charger.id} keeps sending its own. Set it on its card on the Virtual chargers screen
                (Set password…): the charger and the bench get the same one.
              </Alert>
            )}
            {refusedUnknown && (
              <Alert severity="warning">
                {charger.id} is not registered, and Settings refuse unknown chargers: it is refused (403) at its next connection, with or without a password.
                <FormControlLabel
                  sx={{ display: 'flex', mt: 0.5 }}
                  control={<Checkbox checked={register} onChange={(e) => setRegister(e.target.checked)} />}
                  label={`Register ${charger.id} on the bench too`}
                />
              </Alert>
            )}
            <PasswordField
              value={password}
              onChange={(v) => {
                setPassword(v);
                if (v) setRemovePassword(false);
              }}
              error={errors.password}
              label={charger.hasPassword ? 'New password' : 'Password'}
              helperText="16 to 40 printable characters; the charger must send it as its AuthorizationKey. Leave empty to keep the current setting."
            />
            {charger.hasPassword && (
              <FormControlLabel
                control={
                  <Checkbox
                    checked={removePassword}
                    onChange={(e) => {
                      setRemovePassword(e.target.checked);
                      if (e.target.checked) setPassword('');
                    }}
                  />
                }
                label="Remove the password (the charger may connect without Basic auth)"
              />
            )}
            <FormDialogProblems formError={formError} blocked={blocked} pending={pending} />
          </Stack>
        </DialogContent>
        <FormDialogActions pending={pending} onCancel={onClose} submitLabel="Save" disabled={!!blocked} />
      </form>
    </Dialog>
  );
}
