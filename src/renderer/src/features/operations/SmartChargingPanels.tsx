// Smart charging: install a charging profile (SetChargingProfile), remove profiles
// (ClearChargingProfile, confirmed first) and see the schedule the charger will follow (GetCompositeSchedule).
import { useState } from 'react';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { ChargingProfilePurposeType, type ChargingSchedule } from '../../../../shared/ocpp16';
import { formatTime } from '../../components/format';
import { ChargingProfileEditor, newProfileDraft, profileDraftErrors, profileFromDraft } from './ChargingProfileEditor';
import { ConfirmDialog } from './ConfirmDialog';
import { compact, fieldState, numberOrText } from './form';
import { ConnectorSelect, OperationOutcome, PanelShell, SendButton, showEmpty, usePanel } from './parts';
import { useRunning } from './running';
import { ScheduleChart } from './ScheduleChart';
import { useOperationForm } from './useOperation';

export function SetChargingProfilePanel() {
  const { chargerId } = usePanel();
  const [connectorId, setConnectorId] = useState('0');
  const [profile, setProfile] = useState(() => newProfileDraft('TxDefaultProfile'));
  const form = useOperationForm(chargerId, 'SetChargingProfile', { connectorId: numberOrText(connectorId), csChargingProfiles: profileFromDraft(profile) }, profileDraftErrors(profile, 'csChargingProfiles'));
  // What the spec says about purpose and connector; left as advice so a test can still send the odd case.
  const advice =
    profile.purpose === 'ChargePointMaxProfile' && connectorId !== '0'
      ? 'A ChargePointMaxProfile belongs on connector 0; the charger should refuse it elsewhere'
      : profile.purpose === 'TxProfile' && connectorId === '0'
        ? 'A TxProfile belongs on the connector of the running transaction'
        : connectorId === '0'
          ? 'Connector 0: the charger as a whole (a TxDefaultProfile applies to every connector)'
          : undefined;
  return (
    <PanelShell title="Set charging profile" action="SetChargingProfile" description="Installs a charging profile: a limit on current or power over time, stacked with the charger's other profiles.">
      <ConnectorSelect value={connectorId} onChange={setConnectorId} withZero errors={form.errors} helper={advice} sx={{ maxWidth: 480 }} />
      <ChargingProfileEditor value={profile} onChange={setProfile} errors={form.errors} prefix="csChargingProfiles" />
      <SendButton
        pending={form.op.pending}
        onClick={form.submit}
      >
        Install profile {profile.chargingProfileId} on {connectorId === '0' ? 'the charger' : `connector ${connectorId}`}
      </SendButton>
      <OperationOutcome op={form.op} />
    </PanelShell>
  );
}

export function ClearChargingProfilePanel() {
  const { chargerId } = usePanel();
  const [id, setId] = useState('');
  const [connectorId, setConnectorId] = useState('');
  const [purpose, setPurpose] = useState<'' | ChargingProfilePurposeType>('');
  const [stackLevel, setStackLevel] = useState('');
  const payload = compact({ id: numberOrText(id), connectorId: numberOrText(connectorId), chargingProfilePurpose: purpose || undefined, stackLevel: numberOrText(stackLevel) });
  const form = useOperationForm(chargerId, 'ClearChargingProfile', payload);
  const running = useRunning(chargerId, connectorId === '' ? undefined : Number(connectorId));
  const criteria = [id && `id ${id}`, connectorId && `connector ${connectorId}`, purpose && `purpose ${purpose}`, stackLevel && `stack level ${stackLevel}`].filter(Boolean).join(', ');
  return (
    <PanelShell title="Clear charging profile" action="ClearChargingProfile" description="Removes charging profiles: those matching every criterion given, or all of them when none is.">
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <TextField label="Profile id" value={id} onChange={(e) => setId(e.target.value)} {...fieldState(form.errors, 'id', 'Optional')} />
        <ConnectorSelect value={connectorId} onChange={setConnectorId} withZero none="Any connector" errors={form.errors} />
        <TextField select label="Purpose" value={purpose} onChange={(e) => setPurpose(e.target.value as '' | ChargingProfilePurposeType)} sx={{ minWidth: 220 }} {...fieldState(form.errors, 'chargingProfilePurpose', 'Optional')} slotProps={showEmpty}>
          <MenuItem value="">Any purpose</MenuItem>
          {ChargingProfilePurposeType.options.map((p) => (
            <MenuItem key={p} value={p}>
              {p}
            </MenuItem>
          ))}
        </TextField>
        <TextField label="Stack level" value={stackLevel} onChange={(e) => setStackLevel(e.target.value)} {...fieldState(form.errors, 'stackLevel', 'Optional')} />
      </Stack>
      <SendButton pending={form.op.pending} color="warning" onClick={() => form.prepare() && form.confirm.ask()}>
        {criteria ? 'Clear matching profiles…' : 'Clear all profiles…'}
      </SendButton>
      <OperationOutcome op={form.op} />
      <ConfirmDialog
        {...form.confirm.dialog}
        title={criteria ? 'Clear the matching charging profiles?' : 'Clear every charging profile?'}
        target={connectorId === '' ? `${chargerId} · all connectors` : connectorId === '0' ? `${chargerId} · connector 0 (the charger as a whole)` : `${chargerId} · connector ${connectorId}`}
        running={running}
        consequence={`${criteria ? `Profiles matching ${criteria} are removed.` : 'Every charging profile on the charger is removed.'} Their limits stop applying at once, so running transactions may draw more power.`}
        confirmLabel={criteria ? `Clear the charging profiles of ${chargerId} matching ${criteria}` : `Clear all charging profiles of ${chargerId}`}
      />
    </PanelShell>
  );
}

export function CompositeSchedulePanel() {
  const { chargerId, connectorIds } = usePanel();
  const [connectorId, setConnectorId] = useState(String(connectorIds[0] ?? 0));
  const [duration, setDuration] = useState('3600');
  const [unit, setUnit] = useState<'' | 'A' | 'W'>('');
  const form = useOperationForm(chargerId, 'GetCompositeSchedule', compact({ connectorId: numberOrText(connectorId), duration: numberOrText(duration), chargingRateUnit: unit || undefined }));
  const result = form.op.result;
  const response = result?.outcome === 'completed' ? (result.response as { status?: string; scheduleStart?: string; chargingSchedule?: ChargingSchedule }) : null;
  const schedule = response?.status === 'Accepted' ? response.chargingSchedule : undefined;
  return (
    <PanelShell title="Composite schedule" action="GetCompositeSchedule" description="The limits the charger will apply over the coming period, all its profiles combined.">
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap', alignItems: 'flex-start' }}>
        <ConnectorSelect value={connectorId} onChange={setConnectorId} withZero errors={form.errors} />
        <TextField label="Duration (s)" required value={duration} onChange={(e) => setDuration(e.target.value)} {...fieldState(form.errors, 'duration', 'How far ahead, e.g. 3600 for an hour')} />
        <TextField select label="Unit" value={unit} onChange={(e) => setUnit(e.target.value as '' | 'A' | 'W')} sx={{ minWidth: 180 }} {...fieldState(form.errors, 'chargingRateUnit', 'Optional')} slotProps={showEmpty}>
          <MenuItem value="">The charger's choice</MenuItem>
          <MenuItem value="A">Amperes (A)</MenuItem>
          <MenuItem value="W">Watts (W)</MenuItem>
        </TextField>
      </Stack>
      <SendButton
        pending={form.op.pending}
        onClick={form.submit}
      >
        Get composite schedule
      </SendButton>
      <OperationOutcome op={form.op} />
      {schedule && (
        <>
          <Typography variant="body2" color="text.secondary">
            Starts {formatTime(response?.scheduleStart ?? schedule.startSchedule ?? null)}
            {schedule.duration !== undefined ? ` · lasts ${schedule.duration} s` : ''}
            {schedule.minChargingRate !== undefined ? ` · minimum rate ${schedule.minChargingRate} ${schedule.chargingRateUnit}` : ''}
          </Typography>
          <ScheduleChart schedule={schedule} start={response?.scheduleStart ?? schedule.startSchedule} />
          <Table size="small" aria-label="Composite schedule periods">
            <TableHead>
              <TableRow>
                <TableCell>Start offset (s)</TableCell>
                <TableCell>Limit ({schedule.chargingRateUnit})</TableCell>
                <TableCell>Phases</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {schedule.chargingSchedulePeriod.map((p, i) => (
                <TableRow key={i}>
                  <TableCell>{p.startPeriod}</TableCell>
                  <TableCell>{p.limit}</TableCell>
                  <TableCell>{p.numberPhases ?? '—'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}
    </PanelShell>
  );
}
