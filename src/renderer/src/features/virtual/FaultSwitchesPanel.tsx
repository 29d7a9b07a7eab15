// The fault switches of one virtual charger, rendered from the shared fault table: each misbehaviour with
// its label and explanation, the numbers it takes, and per-action protocol faults. Every change sends just
// the fields it touches (a switch switched on, with the numbers beside it as typed).
import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import Accordion from '@mui/material/Accordion';
import AccordionDetails from '@mui/material/AccordionDetails';
import AccordionSummary from '@mui/material/AccordionSummary';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Divider from '@mui/material/Divider';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import { useClient } from '../../api/context';
import { ActionFault, actionFaultModes, activeFaults, Faults, faultRows, UnlockOutcomes, type FaultSwitchRow, type VirtualChargerView } from '../../../../shared/api/virtual-chargers';
import { centralSystemActions } from '../../../../shared/ocpp16/actions';
import { errorCodes } from '../../../../shared/ocpp16/frames';
import { NumberField } from './NumberField';
import { SwitchWithSettings } from './SwitchWithSettings';
import { callLabel, rememberView, useRunner } from './virtual-actions';
import { useCardGuard } from './ask-first';
import { useVirtualLink } from './virtual-link';
import { ActionFaultTable, SelectField, SwitchRow } from '../../components/fault-parts';

type Patch = Partial<Faults>;
type Row = FaultSwitchRow;

const modes = Object.entries(actionFaultModes) as Array<[ActionFault['mode'], (typeof actionFaultModes)[ActionFault['mode']]]>;

const unlockOutcomeNames = ['Unlocked', 'UnlockFailed', 'NotSupported'] as const;
type Weights = Record<(typeof unlockOutcomeNames)[number], number>;

/** Whether `patch` switches a fault on (a switch, the random unlock outcomes, or a protocol fault added or changed). */
function switchesOn(f: Faults, patch: Patch): boolean {
  const now = f as unknown as Record<string, unknown>;
  if (Object.entries(patch).some(([k, v]) => v === true && now[k] !== true)) return true;
  if (patch.unlockOutcomes && !f.unlockOutcomes) return true;
  return Object.entries(patch.actions ?? {}).some(([name, fault]) => JSON.stringify(f.actions[name]) !== JSON.stringify(fault));
}

/** A setting's bounds in words, from its schema: "must be from 0 to 3680 W". */
function ruleOf(schema: z.ZodNumber, unit: string): string {
  return `must be from ${schema.minValue} to ${schema.maxValue} ${unit}`;
}

export function FaultSwitchesPanel({ charger }: { charger: VirtualChargerView }) {
  const client = useClient();
  const { busy: running, feedback, run, clear } = useRunner();
  // The link to the bench lost: the switches are the last known, and none can be switched (disabled as while busy).
  const { blocked, asOf } = useVirtualLink();
  const busy = running ?? (blocked !== null ? 'link' : null);
  const f = charger.faults;
  const active = activeFaults(f);
  const [weights, setWeights] = useState<Weights>(() => f.unlockOutcomes ?? { Unlocked: 1, UnlockFailed: 1, NotSupported: 0 });
  const [weightsError, setWeightsError] = useState<string | null>(null);

  // Switching a fault on while a test run or a commissioning runs on the charger is asked first, naming it.
  const { askFirst } = useCardGuard();
  const go = (key: string, patch: Patch) =>
    blocked === null &&
    run(key, async () => {
      const view = await client.call('virtualChargers:setFaults', { id: charger.id, faults: patch });
      rememberView(view);
      return view;
    });
  const send = (key: string, patch: Patch) => {
    if (blocked !== null) return;
    if (!switchesOn(f, patch)) return void go(key, patch);
    const id = charger.id;
    const what = key === 'actions' ? 'the protocol fault' : callLabel(key).replace(/ \(fault switch\)$/, '');
    const request =
      key === 'actions'
        ? { title: `Add the protocol fault to ${id} now?`, action: `The protocol fault changes how ${id} answers at once`, confirmLabel: 'Add fault' }
        : { title: `Switch on "${what}" on ${id} now?`, action: `Switching on "${what}" changes how ${id} behaves at once`, confirmLabel: 'Switch on' };
    askFirst(request, () => void go(key, patch));
  };

  const setWeight = (name: keyof Weights, value: number) => {
    const next = { ...(f.unlockOutcomes ?? weights), [name]: value };
    setWeights(next);
    const ok = UnlockOutcomes.safeParse(next);
    setWeightsError(ok.success ? null : 'At least one unlock outcome needs a weight above 0');
    if (ok.success && f.unlockOutcomes) void send('unlockOutcomes', { unlockOutcomes: next });
  };

  const shape = Faults.shape as unknown as Record<string, z.ZodDefault<z.ZodNumber>>;
  const values = f as unknown as Record<string, unknown>;
  const control = (row: Row, key: string) => {
    switch (row.control.kind) {
      case 'switch': {
        const on = row.control.on;
        const settings = row.control.settings ?? [];
        if (settings.length === 0)
          return <SwitchRow key={key} label={row.label} explains={row.explanation} checked={values[on] === true} disabled={busy !== null} onToggle={(v) => void send(on, { [on]: v })} />;
        // Switched on with the numbers beside it as typed, in one call (never with a value from before).
        return (
          <SwitchWithSettings
            key={key}
            label={row.label}
            explains={row.explanation}
            on={on}
            checked={values[on] === true}
            disabled={busy !== null}
            settings={settings.map((s) => {
              const schema = shape[s.field].unwrap();
              return { field: s.field, label: s.label, unit: s.unit, schema, rule: ruleOf(schema, s.unit) };
            })}
            values={values}
            onSend={(k, patch) => void send(k, patch as Patch)}
          />
        );
      }
      case 'weights':
        return (
          <Box key={key}>
            <SwitchRow
              label={row.label}
              explains={row.explanation}
              checked={f.unlockOutcomes !== null}
              disabled={busy !== null || (f.unlockOutcomes === null && weightsError !== null)}
              onToggle={(on) => void send('unlockOutcomes', { unlockOutcomes: on ? weights : null })}
            >
              {unlockOutcomeNames.map((name) => (
                <NumberField
                  key={name}
                  label={name}
                  width={130}
                  value={(f.unlockOutcomes ?? weights)[name]}
                  schema={UnlockOutcomes.shape[name]}
                  rule="must be 0 or more"
                  onCommit={(v) => setWeight(name, v)}
                />
              ))}
            </SwitchRow>
            {weightsError && (
              <Alert severity="error" sx={{ my: 1 }}>
                {weightsError}
              </Alert>
            )}
          </Box>
        );
      case 'per-action':
        return (
          <Box key={key}>
            <Divider sx={{ my: 2 }} />
            <ActionFaults charger={charger} label={row.label} explanation={row.explanation} busy={busy !== null} onPatch={(k, patch) => void send(k, patch)} />
          </Box>
        );
    }
  };

  return (
    <Accordion disableGutters variant="outlined" sx={{ '&::before': { display: 'none' } }}>
      <AccordionSummary expandIcon={<ExpandMoreIcon />} aria-controls={`faults-${charger.id}`}>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
          <Typography sx={{ fontWeight: 600 }}>Fault switches{asOf ? ` (${asOf})` : ''}</Typography>
          {active.length > 0 ? (
            <Chip size="small" color="warning" icon={<WarningAmberIcon />} label={`${active.length} on: ${active.join(', ')}`} sx={{ maxWidth: 560 }} />
          ) : (
            <Typography variant="body2" color="text.secondary">
              all off: behaves as a good charger
            </Typography>
          )}
        </Stack>
      </AccordionSummary>
      <AccordionDetails id={`faults-${charger.id}`}>
        {blocked && (
          <Alert severity="warning" sx={{ mb: 2 }}>
            {blocked}
          </Alert>
        )}
        {faultRows.map(([name, row]) => control(row, name))}
        {feedback && (
          <Alert severity={feedback.severity} onClose={clear} sx={{ mt: 2 }}>
            {feedback.text}
          </Alert>
        )}
      </AccordionDetails>
    </Accordion>
  );
}

function ActionFaults({
  charger,
  label,
  explanation,
  busy,
  onPatch,
}: {
  charger: VirtualChargerView;
  label: string;
  explanation: string;
  busy: boolean;
  onPatch: (key: string, patch: Patch) => void;
}) {
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
      <Typography sx={{ fontWeight: 600 }}>{label}</Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {explanation}
      </Typography>
      <ActionFaultTable
        rows={Object.entries(current).map(([name, fault]) => [name, actionFaultModes[fault.mode].does(fault)])}
        label="Protocol faults"
        head={['Action', 'The charger']}
        removeLabel={(name) => `Remove the ${name} fault`}
        disabled={busy}
        onRemove={remove}
      />
      <Stack component="form" direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }} onSubmit={add} aria-label="Add a protocol fault">
        <SelectField label="Action" value={action} options={centralSystemActions as readonly string[]} onChange={setAction} width={230} />
        <TextField select size="small" label="Mode" value={mode} onChange={(e) => setMode(e.target.value as ActionFault['mode'])} sx={{ width: 300 }}>
          {modes.map(([mode, m]) => (
            <MenuItem key={mode} value={mode}>
              {m.label}
            </MenuItem>
          ))}
        </TextField>
        {mode === 'delay' && (
          <TextField
            size="small"
            type="number"
            label="Delay (s)"
            value={delay}
            onChange={(e) => setDelay(e.target.value)}
            error={Boolean(delayError)}
            helperText={delayError ?? undefined}
            sx={{ width: 130 }}
          />
        )}
        {mode === 'callError' && <SelectField label="Error code" value={errorCode} options={errorCodes} onChange={setErrorCode} width={240} />}
        <Button type="submit" variant="outlined" color="warning" disabled={busy || Boolean(delayError)} sx={{ height: 40 }}>
          {action in current ? 'Replace fault' : 'Add fault'}
        </Button>
      </Stack>
    </Box>
  );
}
