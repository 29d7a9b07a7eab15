// The fault switches of one virtual charger: each misbehaviour it can be told to have, with what it
// does in one line, and per-action protocol faults. Every change sends just the fields it touches.
import { useState, type FormEvent, type ReactNode } from 'react';
import Accordion from '@mui/material/Accordion';
import AccordionDetails from '@mui/material/AccordionDetails';
import AccordionSummary from '@mui/material/AccordionSummary';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Divider from '@mui/material/Divider';
import FormControlLabel from '@mui/material/FormControlLabel';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import DeleteOutlinedIcon from '@mui/icons-material/DeleteOutlined';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import { useClient } from '../../api/context';
import { ActionFault, Faults, UnlockOutcomes, type VirtualChargerView } from '../../../../shared/api/virtual-chargers';
import { centralSystemActions } from '../../../../shared/ocpp16/actions';
import { errorCodes } from '../../../../shared/ocpp16/frames';
import { NumberField } from './NumberField';
import { activeFaults, rememberView, useRunner } from './virtual-actions';

type Patch = Partial<Faults>;
type BooleanFault = 'sessionStartFailure' | 'stuckConnector' | 'offline' | 'authFailure' | 'slowCharging' | 'firmwareInstallFailure' | 'dropMidTransaction';

const switches: Array<{ key: BooleanFault; label: string; explains: string }> = [
  { key: 'sessionStartFailure', label: 'Session start fails', explains: 'Authorizes the card, then stays Available with no power: no StartTransaction.' },
  { key: 'authFailure', label: 'Card authorization fails', explains: 'Authorize comes back Invalid for every card that is not in the charger\u2019s local list.' },
  { key: 'slowCharging', label: 'Slow charging', explains: 'Charges at a trickle: at most the power below.' },
  { key: 'dropMidTransaction', label: 'Drop mid-transaction', explains: 'Drops the connection after a session\u2019s first MeterValues, then reconnects.' },
  { key: 'offline', label: 'Offline', explains: 'Stops heartbeats and drops the connection; comes back after the seconds below (0: when switched off).' },
  { key: 'stuckConnector', label: 'Stuck connector', explains: 'UnlockConnector answers UnlockFailed and the status reports ConnectorLockFailure, until cleared.' },
  { key: 'firmwareInstallFailure', label: 'Firmware install fails', explains: 'UpdateFirmware downloads, then reports InstallationFailed; the old firmware keeps running.' },
];

const modes: Array<{ mode: ActionFault['mode']; label: string }> = [
  { mode: 'reject', label: 'Reject: answers Rejected (or the action\u2019s refusal)' },
  { mode: 'ignore', label: 'Ignore: never answers' },
  { mode: 'delay', label: 'Delay: answers late' },
  { mode: 'callError', label: 'CALLERROR: answers with an error frame' },
  { mode: 'malformed', label: 'Malformed: answers with a broken frame' },
];

const unlockOutcomeNames = ['Unlocked', 'UnlockFailed', 'NotSupported'] as const;
type Weights = Record<(typeof unlockOutcomeNames)[number], number>;

function describeActionFault(f: ActionFault): string {
  switch (f.mode) {
    case 'delay':
      return `answers after ${f.delaySeconds} s`;
    case 'callError':
      return `answers CALLERROR ${f.errorCode}`;
    case 'reject':
      return 'answers Rejected';
    case 'ignore':
      return 'never answers';
    case 'malformed':
      return 'answers with a broken frame';
  }
}

/** One switch: its name (the switch's label), what it does, and the numbers it takes. */
function Row({ label, explains, checked, disabled, onToggle, children }: { label: string; explains: string; checked: boolean; disabled: boolean; onToggle: (on: boolean) => void; children?: ReactNode }) {
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, py: 0.75, flexWrap: 'wrap' }}>
      <Box sx={{ flex: '0 1 620px', minWidth: 280 }}>
        <FormControlLabel label={label} control={<Switch color="warning" checked={checked} disabled={disabled} onChange={(e) => onToggle(e.target.checked)} />} sx={{ mr: 0 }} />
        <Typography variant="body2" color="text.secondary" sx={{ ml: 6.5, mt: -0.5 }}>
          {explains}
        </Typography>
      </Box>
      {children && <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>{children}</Box>}
    </Box>
  );
}

export function FaultSwitchesPanel({ charger }: { charger: VirtualChargerView }) {
  const client = useClient();
  const { busy, feedback, run, clear } = useRunner();
  const f = charger.faults;
  const active = activeFaults(f);
  const [weights, setWeights] = useState<Weights>(() => f.unlockOutcomes ?? { Unlocked: 1, UnlockFailed: 1, NotSupported: 0 });
  const [weightsError, setWeightsError] = useState<string | null>(null);

  const send = (key: string, patch: Patch) =>
    run(key, async () => {
      const view = await client.call('virtualChargers:setFaults', { id: charger.id, faults: patch });
      rememberView(view);
      return view;
    });

  const setWeight = (name: keyof Weights, value: number) => {
    const next = { ...(f.unlockOutcomes ?? weights), [name]: value };
    setWeights(next);
    const ok = UnlockOutcomes.safeParse(next);
    setWeightsError(ok.success ? null : 'At least one unlock outcome needs a weight above 0');
    if (ok.success && f.unlockOutcomes) void send('unlockOutcomes', { unlockOutcomes: next });
  };

  return (
    <Accordion disableGutters variant="outlined" sx={{ '&::before': { display: 'none' } }}>
      <AccordionSummary expandIcon={<ExpandMoreIcon />} aria-controls={`faults-${charger.id}`}>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <Typography sx={{ fontWeight: 600 }}>Fault switches</Typography>
          {active.length > 0 ? <Chip size="small" color="warning" icon={<WarningAmberIcon />} label={`${active.length} on: ${active.join(', ')}`} sx={{ maxWidth: 560 }} /> : <Typography variant="body2" color="text.secondary">all off: behaves as a good charger</Typography>}
        </Stack>
      </AccordionSummary>
      <AccordionDetails id={`faults-${charger.id}`}>
        {switches.map((s) => (
          <Row key={s.key} label={s.label} explains={s.explains} checked={f[s.key]} disabled={busy !== null} onToggle={(on) => void send(s.key, { [s.key]: on })}>
            {s.key === 'offline' && (
              <NumberField label="Back after" unit="s" value={f.offlineSeconds} schema={Faults.shape.offlineSeconds.unwrap()} rule="must be from 0 to 86400 s" onCommit={(v) => void send('offlineSeconds', { offlineSeconds: v })} />
            )}
            {s.key === 'slowCharging' && (
              <NumberField label="Trickle power" unit="W" value={f.slowChargingW} schema={Faults.shape.slowChargingW.unwrap()} rule="must be from 0 to 3680 W" onCommit={(v) => void send('slowChargingW', { slowChargingW: v })} />
            )}
          </Row>
        ))}
        <Row
          label="Random unlock outcomes"
          explains="UnlockConnector answers at random, with these relative chances."
          checked={f.unlockOutcomes !== null}
          disabled={busy !== null || (f.unlockOutcomes === null && weightsError !== null)}
          onToggle={(on) => void send('unlockOutcomes', { unlockOutcomes: on ? weights : null })}
        >
          {unlockOutcomeNames.map((name) => (
            <NumberField key={name} label={name} width={130} value={(f.unlockOutcomes ?? weights)[name]} schema={UnlockOutcomes.shape[name]} rule="must be 0 or more" onCommit={(v) => setWeight(name, v)} />
          ))}
        </Row>
        {weightsError && (
          <Alert severity="error" sx={{ my: 1 }}>
            {weightsError}
          </Alert>
        )}

        <Divider sx={{ my: 2 }} />
        <ActionFaults charger={charger} busy={busy !== null} onPatch={(key, patch) => void send(key, patch)} />
        {feedback && (
          <Alert severity={feedback.severity} onClose={clear} sx={{ mt: 2 }}>
            {feedback.text}
          </Alert>
        )}
      </AccordionDetails>
    </Accordion>
  );
}

function ActionFaults({ charger, busy, onPatch }: { charger: VirtualChargerView; busy: boolean; onPatch: (key: string, patch: Patch) => void }) {
  const current = charger.faults.actions;
  const [action, setAction] = useState<string>('Reset');
  const [mode, setMode] = useState<ActionFault['mode']>('reject');
  const [delay, setDelay] = useState('10');
  const [errorCode, setErrorCode] = useState<ActionFault['errorCode']>('InternalError');
  const delayValue = delay.trim() === '' ? Number.NaN : Number(delay);
  const delayError = mode === 'delay' && !ActionFault.shape.delaySeconds.unwrap().safeParse(delayValue).success ? 'Delay must be from 0 to 3600 s' : null;

  const add = (e: FormEvent) => {
    e.preventDefault();
    if (delayError) return;
    const fault = ActionFault.parse({ mode, ...(mode === 'delay' ? { delaySeconds: delayValue } : {}), ...(mode === 'callError' ? { errorCode } : {}) });
    onPatch('actions', { actions: { ...current, [action]: fault } });
  };
  const remove = (name: string) => {
    const rest = { ...current };
    delete rest[name];
    onPatch('actions', { actions: rest });
  };

  return (
    <Box>
      <Typography sx={{ fontWeight: 600 }}>Protocol faults per action</Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        How the charger misbehaves when the central system sends it one action.
      </Typography>
      {Object.keys(current).length > 0 && (
        <Table size="small" sx={{ mb: 2, maxWidth: 640 }} aria-label="Protocol faults">
          <TableHead>
            <TableRow>
              <TableCell>Action</TableCell>
              <TableCell>The charger</TableCell>
              <TableCell align="right" />
            </TableRow>
          </TableHead>
          <TableBody>
            {Object.entries(current).map(([name, fault]) => (
              <TableRow key={name}>
                <TableCell>{name}</TableCell>
                <TableCell>{describeActionFault(fault)}</TableCell>
                <TableCell align="right" padding="checkbox">
                  <Tooltip title={`Remove the ${name} fault`}>
                    <span>
                      <IconButton size="small" aria-label={`Remove the ${name} fault`} disabled={busy} onClick={() => remove(name)}>
                        <DeleteOutlinedIcon fontSize="small" />
                      </IconButton>
                    </span>
                  </Tooltip>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <Stack component="form" direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }} onSubmit={add} aria-label="Add a protocol fault">
        <TextField select size="small" label="Action" value={action} onChange={(e) => setAction(e.target.value)} sx={{ width: 230 }}>
          {centralSystemActions.map((a) => (
            <MenuItem key={a} value={a}>
              {a}
            </MenuItem>
          ))}
        </TextField>
        <TextField select size="small" label="Mode" value={mode} onChange={(e) => setMode(e.target.value as ActionFault['mode'])} sx={{ width: 300 }}>
          {modes.map((m) => (
            <MenuItem key={m.mode} value={m.mode}>
              {m.label}
            </MenuItem>
          ))}
        </TextField>
        {mode === 'delay' && <TextField size="small" type="number" label="Delay (s)" value={delay} onChange={(e) => setDelay(e.target.value)} error={Boolean(delayError)} helperText={delayError ?? undefined} sx={{ width: 130 }} />}
        {mode === 'callError' && (
          <TextField select size="small" label="Error code" value={errorCode} onChange={(e) => setErrorCode(e.target.value as ActionFault['errorCode'])} sx={{ width: 240 }}>
            {errorCodes.map((c) => (
              <MenuItem key={c} value={c}>
                {c}
              </MenuItem>
            ))}
          </TextField>
        )}
        <Button type="submit" variant="outlined" color="warning" disabled={busy || Boolean(delayError)} sx={{ height: 40 }}>
          {action in current ? 'Replace fault' : 'Add fault'}
        </Button>
      </Stack>
    </Box>
  );
}
