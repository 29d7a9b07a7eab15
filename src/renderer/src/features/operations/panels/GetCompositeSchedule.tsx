// Composite schedule: the limits the charger will apply over a coming period, as a chart and a table.
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
import type { ChargingSchedule } from '../../../../../shared/ocpp16';
import { formatTime } from '../../../components/format';
import { compact, fieldState, numberOrText } from '../kit/form';
import type { OperationPage } from '../kit/page';
import { ConnectorSelect, OperationOutcome, PanelShell, SendButton, showEmpty, usePanel } from '../kit/parts';
import { ScheduleChart } from '../kit/ScheduleChart';
import { useOperationForm } from '../kit/useOperation';

export const GetCompositeSchedule: OperationPage<'GetCompositeSchedule'> = {
  label: 'Composite schedule',
  group: 'Smart charging',
  Panel: CompositeSchedulePanel,
  meanings: {
    Accepted: { tone: 'success', meaning: 'This is the schedule the charger will follow, all its profiles combined.' },
    Rejected: { tone: 'error', meaning: 'The charger could not give a schedule (for example an unknown connector, or smart charging not supported).' },
  },
};

function CompositeSchedulePanel() {
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
        <TextField
          select
          label="Unit"
          value={unit}
          onChange={(e) => setUnit(e.target.value as '' | 'A' | 'W')}
          sx={{ minWidth: 180 }}
          {...fieldState(form.errors, 'chargingRateUnit', 'Optional')}
          slotProps={showEmpty}
        >
          <MenuItem value="">The charger's choice</MenuItem>
          <MenuItem value="A">Amperes (A)</MenuItem>
          <MenuItem value="W">Watts (W)</MenuItem>
        </TextField>
      </Stack>
      <SendButton pending={form.op.pending} onClick={form.submit}>
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
