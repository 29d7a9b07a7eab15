// "New virtual charger": the definition form, checked with the same schema the bench uses, with the
// bench's own refusal (e.g. the id is taken) shown on the field it names. An id of a real charger the
// bench knows is refused here already, with the bench's reason: a virtual charger must never take a
// real charger's identity.
import { useEffect, useId, useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import IconButton from '@mui/material/IconButton';
import InputAdornment from '@mui/material/InputAdornment';
import MenuItem from '@mui/material/MenuItem';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Visibility from '@mui/icons-material/Visibility';
import VisibilityOff from '@mui/icons-material/VisibilityOff';
import { useClient } from '../../api/context';
import { CallFailure } from '../../api/client';
import { monoFont } from '../../app/theme';
import { useBench } from '../../stores/bench';
import { useVirtualLink } from './virtual-link';
import { featureProfiles, VirtualChargerDefinition, type VirtualChargerView } from '../../../../shared/api/virtual-chargers';
import type { ChargerView } from '../../../../shared/api/views';
import { issueWords } from '../../../../shared/api/issues';
import { generatePassword } from '../../components/PasswordField';

type FieldName = 'id' | 'connectors' | 'vendor' | 'model' | 'serialNumber' | 'firmwareVersion' | 'profiles' | 'password' | 'maxPowerW' | 'phases';

const labels: Record<FieldName, string> = {
  id: 'Charger id',
  connectors: 'Connectors',
  vendor: 'Vendor',
  model: 'Model',
  serialNumber: 'Serial number',
  firmwareVersion: 'Firmware version',
  profiles: 'Feature profiles',
  password: 'Password',
  maxPowerW: 'Max power',
  phases: 'Phases',
};

/** Where zod's own words are generic, the bounds in plain words; the id's and password's rules speak for themselves. */
const rules: Partial<Record<FieldName, string>> = {
  connectors: 'must be a whole number from 1 to 10',
  vendor: 'must be 1 to 20 characters',
  model: 'must be 1 to 20 characters',
  serialNumber: 'must be at most 25 characters',
  firmwareVersion: 'must be 1 to 50 characters',
  maxPowerW: 'must be from 1000 to 350000 W',
  phases: 'must be 1 or 3',
};

const profileWords: Record<(typeof featureProfiles)[number], string> = {
  Core: 'Core',
  FirmwareManagement: 'Firmware management',
  LocalAuthListManagement: 'Local auth list management',
  Reservation: 'Reservation',
  SmartCharging: 'Smart charging',
  RemoteTrigger: 'Remote trigger',
};

interface Form {
  id: string;
  connectors: string;
  vendor: string;
  model: string;
  serialNumber: string;
  firmwareVersion: string;
  profiles: string[];
  password: string;
  maxPowerW: string;
  phases: '1' | '3';
  fixedCable: boolean;
  backupPower: boolean;
  autoStart: boolean;
}

const blank = (id: string): Form => ({
  id,
  connectors: '2',
  vendor: 'ChargeBench',
  model: 'Virtual AC',
  serialNumber: '',
  firmwareVersion: '1.0.0',
  profiles: [...featureProfiles],
  password: '',
  maxPowerW: '22000',
  phases: '3',
  fixedCable: false,
  backupPower: false,
  autoStart: true,
});

const num = (s: string) => (s.trim() === '' ? Number.NaN : Number(s));

/** The definition the form describes: empty optional fields are left out. */
function toInput(f: Form): Record<string, unknown> {
  return {
    id: f.id,
    connectors: num(f.connectors),
    vendor: f.vendor,
    model: f.model,
    ...(f.serialNumber ? { serialNumber: f.serialNumber } : {}),
    firmwareVersion: f.firmwareVersion,
    profiles: f.profiles,
    ...(f.password ? { password: f.password } : {}),
    maxPowerW: num(f.maxPowerW),
    phases: Number(f.phases),
    ...(f.fixedCable ? { fixedCable: true } : {}),
    ...(f.backupPower ? { backupPower: true } : {}),
    autoStart: f.autoStart,
  };
}

type Errors = Partial<Record<FieldName, string>>;
const isField = (name: string | undefined): name is FieldName => name !== undefined && Object.hasOwn(labels, name);

/** Why an id must not be a new virtual charger's: it is a real charger's (the bench refuses it the same way, 409). */
export function realChargerClash(id: string, chargers: Record<string, ChargerView>, virtualIds: Record<string, unknown>): string | null {
  const c = chargers[id];
  if (!c || c.virtual || id in virtualIds) return null;
  return c.connected
    ? `A charger with the id ${id} is connected to this bench now: a virtual charger of the same id would take its place. Choose another id.`
    : `${id} is a real charger this bench knows (it has connected, or was registered): a virtual charger of the same id would take over its identity and record. Choose another id, or delete ${id} on the Chargers screen first.`;
}

function validate(f: Form): Errors {
  const r = VirtualChargerDefinition.safeParse(toInput(f));
  if (r.success) return {};
  const errors: Errors = {};
  for (const [field, message] of Object.entries(issueWords(r.error, { key: 'first', labels, messages: rules }))) if (isField(field)) errors[field] = message;
  return errors;
}

export interface NewVirtualChargerDialogProps {
  open: boolean;
  suggestedId: string;
  onClose: () => void;
  onCreated: (view: VirtualChargerView) => void;
}

export function NewVirtualChargerDialog({ open, suggestedId, onClose, onCreated }: NewVirtualChargerDialogProps) {
  const client = useClient();
  const [form, setForm] = useState<Form>(() => blank(suggestedId));
  const [errors, setErrors] = useState<Errors>({});
  const [checked, setChecked] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // The link to the bench lost: nothing can be created until it is back (said, and Create disabled).
  const { blocked } = useVirtualLink();
  const [showPassword, setShowPassword] = useState(false);
  /** Whether the bench requires a password from every charger (null until read): one is then filled in. */
  const [required, setRequired] = useState<boolean | null>(null);
  const titleId = useId();
  const chargers = useBench((s) => s.chargers);
  const virtualChargers = useBench((s) => s.virtualChargers);
  const clash = realChargerClash(form.id, chargers, virtualChargers);

  // A fresh form each time the dialog opens, with the id that is free now.
  useEffect(() => {
    if (!open) return;
    setForm(blank(suggestedId));
    setErrors({});
    setChecked(false);
    setFailure(null);
    setShowPassword(false);
    let live = true;
    client.call('settings:get', {}).then(
      (s) => {
        if (!live) return;
        setRequired(s.requirePassword);
        // Without a password it would be refused (401): fill one in, shown, for the user to keep or change.
        if (s.requirePassword) {
          setForm((f) => (f.password ? f : { ...f, password: generatePassword() }));
          setShowPassword(true);
        }
      },
      () => undefined,
    );
    return () => void (live = false);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const set = <K extends keyof Form>(key: K, value: Form[K]) => {
    const next = { ...form, [key]: value };
    setForm(next);
    // Once the user has tried to create, show each field's state as it is corrected.
    if (checked) setErrors(validate(next));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = validate(form);
    if (clash && !found.id) found.id = clash;
    setChecked(true);
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length || blocked) return;
    setPending(true);
    try {
      const view = await client.call('virtualChargers:create', toInput(form));
      onCreated(view);
    } catch (err) {
      const field = err instanceof CallFailure ? err.field : undefined;
      const message = err instanceof Error ? err.message : String(err);
      if (isField(field)) {
        // The bench says `Invalid body field "id": must …`; under the field, the label says which.
        const bare = message.replace(/^Invalid body field "[^"]*": /, '');
        setErrors({ [field]: bare === message ? message : `${labels[field]} ${bare}` });
      } else setFailure(message);
    } finally {
      setPending(false);
    }
  };

  const field = (name: FieldName) => ({
    label: labels[name],
    error: Boolean(errors[name]),
    helperText: errors[name],
  });

  return (
    <Dialog open={open} onClose={pending ? undefined : onClose} maxWidth="sm" fullWidth aria-labelledby={titleId}>
      <form onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>New virtual charger</DialogTitle>
        <DialogContent>
          <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 2, pt: 1 }}>
            <TextField
              {...field('id')}
              error={Boolean(errors.id ?? clash)}
              helperText={errors.id ?? clash ?? 'Its charge point identity: the last part of the URL it connects to.'}
              value={form.id}
              onChange={(e) => set('id', e.target.value)}
              autoFocus
              required
              onFocus={(e) => e.target.select()}
              slotProps={{ htmlInput: { style: { fontFamily: monoFont }, spellCheck: false, autoComplete: 'off' } }}
              sx={{ gridColumn: '1 / -1' }}
            />
            <TextField
              {...field('connectors')}
              helperText={errors.connectors ?? '1 to 10'}
              type="number"
              value={form.connectors}
              onChange={(e) => set('connectors', e.target.value)}
              slotProps={{ htmlInput: { min: 1, max: 10, step: 1 } }}
            />
            <TextField
              {...field('maxPowerW')}
              helperText={errors.maxPowerW ?? 'Per connector, 1000 to 350000 W'}
              type="number"
              value={form.maxPowerW}
              onChange={(e) => set('maxPowerW', e.target.value)}
              slotProps={{ htmlInput: { min: 1000, max: 350000, step: 100 }, input: { endAdornment: <InputAdornment position="end">W</InputAdornment> } }}
            />
            <TextField {...field('phases')} select value={form.phases} onChange={(e) => set('phases', e.target.value as Form['phases'])}>
              <MenuItem value="1">1 phase</MenuItem>
              <MenuItem value="3">3 phases</MenuItem>
            </TextField>
            <TextField {...field('firmwareVersion')} value={form.firmwareVersion} onChange={(e) => set('firmwareVersion', e.target.value)} />
            <TextField {...field('vendor')} value={form.vendor} onChange={(e) => set('vendor', e.target.value)} />
            <TextField {...field('model')} value={form.model} onChange={(e) => set('model', e.target.value)} />
            <TextField {...field('serialNumber')} helperText={errors.serialNumber ?? 'Optional'} value={form.serialNumber} onChange={(e) => set('serialNumber', e.target.value)} />
            <TextField
              {...field('password')}
              helperText={
                errors.password ??
                (required
                  ? 'Required by this bench: security profile 1 (Basic auth), 16 to 40 characters; the bench is given it too.'
                  : 'Optional: security profile 1 (Basic auth), 16 to 40 characters; the bench is given it too.')
              }
              type={showPassword ? 'text' : 'password'}
              value={form.password}
              onChange={(e) => set('password', e.target.value)}
              slotProps={{
                htmlInput: { autoComplete: 'new-password', spellCheck: false },
                input: {
                  endAdornment: (
                    <InputAdornment position="end">
                      <IconButton size="small" edge="end" aria-label={showPassword ? 'Hide password' : 'Show password'} onClick={() => setShowPassword((s) => !s)}>
                        {showPassword ? <VisibilityOff fontSize="small" /> : <Visibility fontSize="small" />}
                      </IconButton>
                    </InputAdornment>
                  ),
                },
              }}
            />
            <FormControl component="fieldset" error={Boolean(errors.profiles)} sx={{ gridColumn: '1 / -1' }}>
              <FormLabel component="legend">Feature profiles</FormLabel>
              <FormGroup row>
                {featureProfiles.map((p) => (
                  <FormControlLabel
                    key={p}
                    label={profileWords[p]}
                    control={
                      <Checkbox
                        size="small"
                        checked={form.profiles.includes(p)}
                        disabled={p === 'Core'}
                        onChange={(e) => set('profiles', e.target.checked ? featureProfiles.filter((x) => x === p || form.profiles.includes(x)) : form.profiles.filter((x) => x !== p))}
                      />
                    }
                  />
                ))}
              </FormGroup>
              <FormHelperText>{errors.profiles ?? 'Core cannot be switched off; a switched-off profile\u2019s actions answer NotSupported.'}</FormHelperText>
            </FormControl>
            <FormControlLabel
              control={<Switch checked={form.fixedCable} onChange={(e) => set('fixedCable', e.target.checked)} />}
              label="Fixed cable (no socket): plugging in connects the EV, UnlockConnector answers NotSupported"
            />
            <FormControlLabel
              control={<Switch checked={form.backupPower} onChange={(e) => set('backupPower', e.target.checked)} />}
              label="Back-up power: on a power cut it ends its sessions before going down"
            />
            <FormControlLabel
              sx={{ gridColumn: '1 / -1' }}
              control={<Switch checked={form.autoStart} onChange={(e) => set('autoStart', e.target.checked)} />}
              label="Start it now, and whenever the bench starts"
            />
          </Box>
          {required && (
            <Alert severity={form.password ? 'info' : 'warning'} sx={{ mt: 2 }}>
              {form.password
                ? 'This bench requires a password from every charger: a generated one is filled in. The virtual charger sends it and the bench is given the same one; it can be changed later on its card (Set password…).'
                : 'This bench requires a password from every charger: without one this virtual charger is refused (401) until it is given one on its card (Set password…).'}
            </Alert>
          )}
          {failure && (
            <Alert severity="error" sx={{ mt: 2 }}>
              {failure}
            </Alert>
          )}
          {blocked && !pending && (
            <Alert severity="error" role="alert" sx={{ mt: 2 }}>
              {blocked}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" variant="contained" disabled={pending || blocked !== null}>
            {pending ? 'Creating…' : 'Create'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
