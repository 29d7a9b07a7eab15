// Composite schedule: the limits the charger will apply over a coming period, as a chart and a table, said
// as read at the time it was read: one read before a profile change or a boot since says it may no longer
// be the schedule (compositeStanding.ts), and while the charger is not live it is the last known.
import { useState } from 'react';
import Box from '@mui/material/Box';
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
import { formatClock, formatTime } from '../../../components/format';
import { useLastKnownNote } from '../../../components/lastKnownNote';
import { useClient } from '../../../api/context';
import { useBench } from '../../../stores/bench';
import { useChargerSlots } from '../../../stores/operations';
import { compact, fieldState, numberOrText } from '../kit/form';
import type { OperationPage } from '../kit/page';
import { ConnectorSelect, OperationOutcome, PanelContext, PanelShell, SendButton, showEmpty, usePanel, type PanelContextValue } from '../kit/parts';
import { ScheduleChart } from '../kit/ScheduleChart';
import { useOperationForm, type OperationState } from '../kit/useOperation';
import { firstChangeSince, PROFILE_ACTIONS, scheduleStanding, type ScheduleStanding } from './compositeStanding';
import { useRecordedOperations } from './record';

export const GetCompositeSchedule: OperationPage<'GetCompositeSchedule'> = {
  label: 'Composite schedule',
  group: 'Smart charging',
  Panel: CompositeSchedulePanel,
  meanings: {
    Accepted: { tone: 'success', meaning: 'This is the schedule the charger will follow, all its profiles combined.' },
    Rejected: { tone: 'error', meaning: 'The charger could not give a schedule (for example an unknown connector, or smart charging not supported).' },
  },
};

/** The profile changes the record holds looked at: the newest few (a read is compared with those after it). */
const CHANGES_LOOK_BACK = 50;

/** Whether the schedule of an Accepted read still stands (null: no such read): changes and boots since, the charger's reach. */
function useStanding(chargerId: string, op: Pick<OperationState, 'result' | 'requestedAt' | 'settledAt' | 'recorded'>, accepted: boolean): ScheduleStanding | null {
  const slots = useChargerSlots(useClient(), chargerId);
  const record = useRecordedOperations(chargerId, PROFILE_ACTIONS, CHANGES_LOOK_BACK);
  const lastBoot = useBench((s) => s.chargers[chargerId]?.lastBoot);
  const lastKnown = useLastKnownNote(chargerId);
  if (!accepted || !op.result || !op.requestedAt || !op.settledAt) return null;
  const operationId = op.result.operationId ?? op.recorded?.operationId ?? null;
  const read = { requestedAt: op.requestedAt, settledAt: op.settledAt, operationId };
  return scheduleStanding(chargerId, read, firstChangeSince(read, slots, record.list), lastBoot, lastKnown);
}

function CompositeSchedulePanel() {
  const panel = usePanel();
  const { chargerId, connectorIds } = panel;
  const [connectorId, setConnectorId] = useState(String(connectorIds[0] ?? 0));
  const [duration, setDuration] = useState('3600');
  const [unit, setUnit] = useState<'' | 'A' | 'W'>('');
  const form = useOperationForm(chargerId, 'GetCompositeSchedule', compact({ connectorId: numberOrText(connectorId), duration: numberOrText(duration), chargingRateUnit: unit || undefined }));
  const result = form.op.result;
  const response = result?.outcome === 'completed' ? (result.response as { status?: string; scheduleStart?: string; chargingSchedule?: ChargingSchedule }) : null;
  const schedule = response?.status === 'Accepted' ? response.chargingSchedule : undefined;
  const standing = useStanding(chargerId, form.op, response?.status === 'Accepted');
  // The answer's words as it stands now: read when, changed or rebooted since, the last known.
  const here: PanelContextValue = {
    ...panel,
    explain: (action, r, ...rest) => {
      const e = panel.explain(action, r, ...rest);
      return action === 'GetCompositeSchedule' && standing && e.status === 'Accepted' ? { ...e, tone: standing.tone, meaning: standing.meaning } : e;
    },
  };
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
      <PanelContext.Provider value={here}>
        <OperationOutcome op={form.op} />
      </PanelContext.Provider>
      {schedule && (
        <Box sx={standing?.outdated || standing?.lastKnown ? { opacity: 0.6 } : undefined} data-testid="composite-schedule">
          <Typography variant="body2" color="text.secondary">
            {form.op.settledAt && `As read at ${formatClock(form.op.settledAt)}${standing?.outdated ? ' (it may no longer apply)' : standing?.lastKnown ? ' (last known)' : ''} · `}
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
        </Box>
      )}
    </PanelShell>
  );
}
