// Clear charging profile: removes the profiles matching the criteria given (all when none is),
// confirmed first; while sessions run where it clears (a connector given: on it; else anywhere on the
// charger), the confirmation says how many and that they may then draw more power.
import { useState } from 'react';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { ChargingProfilePurposeType } from '../../../../../shared/ocpp16';
import { ConfirmDialog } from '../kit/ConfirmDialog';
import { compact, fieldState, numberOrText } from '../kit/form';
import type { OperationPage } from '../kit/page';
import { ConnectorSelect, OperationOutcome, PanelShell, SendButton, showEmpty, usePanel } from '../kit/parts';
import { useOperationForm } from '../kit/useOperation';
import { sessionsWithoutTransaction } from '../../../components/ConfirmDialog';
import { useRunningLive } from '../../../components/running';
import { clearConsequence, clearTitle, reachedBy } from './chargingProfileAsk';

export const ClearChargingProfile: OperationPage<'ClearChargingProfile'> = {
  label: 'Clear charging profile',
  group: 'Smart charging',
  Panel: ClearChargingProfilePanel,
  meanings: {
    Accepted: { tone: 'success', meaning: 'The matching profiles were removed.' },
    Unknown: { tone: 'info', meaning: 'No profile matched; nothing was removed.' },
  },
};

function ClearChargingProfilePanel() {
  const { chargerId, charger } = usePanel();
  const [id, setId] = useState('');
  const [connectorId, setConnectorId] = useState('');
  const [purpose, setPurpose] = useState<'' | ChargingProfilePurposeType>('');
  const [stackLevel, setStackLevel] = useState('');
  const payload = compact({ id: numberOrText(id), connectorId: numberOrText(connectorId), chargingProfilePurpose: purpose || undefined, stackLevel: numberOrText(stackLevel) });
  const form = useOperationForm(chargerId, 'ClearChargingProfile', payload);
  // Where it clears: the connector given (0: the charger's own profiles, which limit every connector), else all.
  const scope = connectorId === '' ? undefined : Number(connectorId) || undefined;
  const held = useRunningLive(chargerId);
  const untracked = sessionsWithoutTransaction(charger?.connectors, held, scope).length;
  const sessions = reachedBy(scope, held).length + untracked;
  const criteria = [id && `id ${id}`, connectorId && `connector ${connectorId}`, purpose && `purpose ${purpose}`, stackLevel && `stack level ${stackLevel}`].filter(Boolean).join(', ');
  return (
    <PanelShell title="Clear charging profile" action="ClearChargingProfile" description="Removes charging profiles: those matching every criterion given, or all of them when none is.">
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <TextField label="Profile id" value={id} onChange={(e) => setId(e.target.value)} {...fieldState(form.errors, 'id', 'Optional')} />
        <ConnectorSelect value={connectorId} onChange={setConnectorId} withZero none="Any connector" errors={form.errors} />
        <TextField
          select
          label="Purpose"
          value={purpose}
          onChange={(e) => setPurpose(e.target.value as '' | ChargingProfilePurposeType)}
          sx={{ minWidth: 220 }}
          {...fieldState(form.errors, 'chargingProfilePurpose', 'Optional')}
          slotProps={showEmpty}
        >
          <MenuItem value="">Any purpose</MenuItem>
          {ChargingProfilePurposeType.options.map((p) => (
            <MenuItem key={p} value={p}>
              {p}
            </MenuItem>
          ))}
        </TextField>
        <TextField label="Stack level" value={stackLevel} onChange={(e) => setStackLevel(e.target.value)} {...fieldState(form.errors, 'stackLevel', 'Optional')} />
      </Stack>
      <SendButton pending={form.op.pending} color="warning" onClick={() => form.confirm.submit()}>
        {criteria ? 'Clear matching profiles…' : 'Clear all profiles…'}
      </SendButton>
      <OperationOutcome op={form.op} />
      <ConfirmDialog
        {...form.confirm.dialog}
        title={clearTitle(criteria, chargerId, sessions)}
        target={connectorId === '' ? `${chargerId} · all connectors` : connectorId === '0' ? `${chargerId} · connector 0 (the charger as a whole)` : `${chargerId} · connector ${connectorId}`}
        connectorId={connectorId === '' ? undefined : Number(connectorId)}
        consequence={(running) => clearConsequence(criteria, running.length + untracked)}
        confirmLabel={criteria ? `Clear the charging profiles of ${chargerId} matching ${criteria}` : `Clear all charging profiles of ${chargerId}`}
      />
    </PanelShell>
  );
}
