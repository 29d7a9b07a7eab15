// Reset: restarts the charger, softly or as after a power cut; confirmed first, naming the transactions
// that end with it.
import { useState } from 'react';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Typography from '@mui/material/Typography';
import type { ResetType } from '../../../../../shared/ocpp16';
import { ConfirmDialog } from '../kit/ConfirmDialog';
import type { OperationPage } from '../kit/page';
import { OperationOutcome, PanelShell, SendButton, usePanel } from '../kit/parts';
import { plural, useRunning, type RunningTransaction } from '../kit/running';
import { useOperationForm } from '../kit/useOperation';

export const Reset: OperationPage<'Reset'> = {
  label: 'Reset',
  group: 'Charger',
  Panel: ResetPanel,
  meanings: {
    Accepted: {
      tone: 'success',
      meaning: 'The charger will restart. Running transactions end first (StopTransaction with reason SoftReset or HardReset); expect it to disconnect and come back with a BootNotification.',
    },
    Rejected: { tone: 'error', meaning: 'The charger refused to restart now (for example during a firmware update).' },
  },
};

export function resetLabel(type: ResetType, chargerId: string, running: number): string {
  return `${type} reset ${chargerId}${running ? ` and end ${plural(running, 'transaction')}` : ''}`;
}

function resetConsequence(type: ResetType, chargerId: string, running: RunningTransaction[]): string {
  const tx = running.length ? `${plural(running.length, 'running transaction')} end${running.length === 1 ? 's' : ''} (StopTransaction reason ${type}Reset). ` : '';
  return type === 'Hard'
    ? `${tx}${chargerId} restarts at once, like a power cycle; nothing can charge until it has rebooted and sent BootNotification.`
    : `${tx}${chargerId} closes its sessions gracefully, restarts its software and reconnects with BootNotification.`;
}

function ResetPanel() {
  const { chargerId } = usePanel();
  const running = useRunning(chargerId);
  const [type, setType] = useState<ResetType>('Soft');
  const form = useOperationForm(chargerId, 'Reset', { type });
  return (
    <PanelShell title="Reset" action="Reset" description="Restarts the charger. Soft: a graceful software restart. Hard: a full restart, as after a power cut.">
      <FormControl>
        <FormLabel id="reset-type">Reset type</FormLabel>
        <RadioGroup row aria-labelledby="reset-type" value={type} onChange={(e) => setType(e.target.value as ResetType)}>
          <FormControlLabel value="Soft" control={<Radio />} label="Soft" />
          <FormControlLabel value="Hard" control={<Radio />} label="Hard" />
        </RadioGroup>
      </FormControl>
      <Typography variant="body2">{running.length ? `${plural(running.length, 'transaction')} running on ${chargerId} now.` : `Nothing is charging on ${chargerId} now.`}</Typography>
      <SendButton pending={form.op.pending} color="warning" onClick={() => form.confirm.submit()}>
        {type} reset…
      </SendButton>
      <OperationOutcome op={form.op} />
      <ConfirmDialog
        {...form.confirm.dialog}
        title={`${type} reset ${chargerId}?`}
        target={`${chargerId} · the whole charger`}
        running={running}
        consequence={resetConsequence(type, chargerId, running)}
        confirmLabel={resetLabel(type, chargerId, running.length)}
        dangerous={type === 'Hard' || running.length > 0}
      />
    </PanelShell>
  );
}
