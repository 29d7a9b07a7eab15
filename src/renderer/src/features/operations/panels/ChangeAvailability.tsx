// Change availability: takes the charger or one connector out of service (confirmed first) or back
// into service (at once; confirmed first too while a test run or a commissioning runs on the charger, whose
// current case or check it may make fail).
import { useState } from 'react';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import type { AvailabilityType } from '../../../../../shared/ocpp16';
import { ConfirmDialog } from '../kit/ConfirmDialog';
import { numberOrText } from '../kit/form';
import type { OperationPage } from '../kit/page';
import { ConnectorSelect, OperationOutcome, PanelShell, SendButton, usePanel } from '../kit/parts';
import { useOperationForm } from '../kit/useOperation';
import { useRunOnCharger } from '../kit/runOnCharger';

export const ChangeAvailability: OperationPage<'ChangeAvailability'> = {
  label: 'Change availability',
  group: 'Charger',
  Panel: ChangeAvailabilityPanel,
  meanings: {
    Accepted: { tone: 'success', meaning: 'Done: the connector(s) now have the new availability. Expect StatusNotification (Available or Unavailable).' },
    Rejected: { tone: 'error', meaning: 'The charger refused the change: the connector may not exist, or the charger cannot change its availability now.' },
    Scheduled: { tone: 'info', meaning: 'A transaction is running: the charger will change availability as soon as it ends.' },
  },
};

function availabilityLabel(type: AvailabilityType, chargerId: string, connectorId: number): string {
  return connectorId === 0 ? `Make ${chargerId} ${type} (all connectors)` : `Make connector ${connectorId} of ${chargerId} ${type}`;
}

/** What making it Inoperative does, with `running` sessions there. */
function outOfService(running: number): string {
  return running
    ? `No new sessions can start. The running ${running === 1 ? 'transaction continues' : 'transactions continue'}: the charger should answer Scheduled and switch once ${running === 1 ? 'it ends' : 'they end'}.`
    : 'No new sessions can start until it is made Operative again.';
}

/** What making it Operative does (connector 0: every connector), with `running` sessions there. */
function backInService(connectorId: number, running: number): string {
  const them = connectorId === 0 ? 'its connectors' : 'the connector';
  const tail = running ? ` The running ${running === 1 ? 'transaction goes' : 'transactions go'} on.` : '';
  return `New sessions can start again: the charger should report ${them} Available (a faulted one stays Faulted). Where it is in service already, nothing changes.${tail}`;
}

function ChangeAvailabilityPanel() {
  const { chargerId } = usePanel();
  const [connectorId, setConnectorId] = useState('0');
  const [type, setType] = useState<AvailabilityType>('Inoperative');
  const n = Number(connectorId);
  const form = useOperationForm(chargerId, 'ChangeAvailability', { connectorId: numberOrText(connectorId), type });
  const during = useRunOnCharger(chargerId);
  const inoperative = type === 'Inoperative';
  const asks = inoperative || during !== null;
  return (
    <PanelShell title="Change availability" action="ChangeAvailability" description="Takes the charger or one connector out of service (Inoperative) or back into service (Operative).">
      <ConnectorSelect value={connectorId} onChange={setConnectorId} withZero errors={form.errors} />
      <FormControl>
        <FormLabel id="availability-type">New availability</FormLabel>
        <RadioGroup row aria-labelledby="availability-type" value={type} onChange={(e) => setType(e.target.value as AvailabilityType)}>
          <FormControlLabel value="Inoperative" control={<Radio />} label="Inoperative (out of service)" />
          <FormControlLabel value="Operative" control={<Radio />} label="Operative (in service)" />
        </RadioGroup>
      </FormControl>
      <SendButton pending={form.op.pending} color={type === 'Inoperative' ? 'warning' : 'primary'} onClick={() => form.confirm.submit(asks)}>
        {asks ? `${availabilityLabel(type, chargerId, n)}…` : availabilityLabel(type, chargerId, n)}
      </SendButton>
      <OperationOutcome op={form.op} />
      <ConfirmDialog
        {...form.confirm.dialog}
        title={inoperative ? 'Take it out of service?' : `Put it back into service${during ? ` ${during}` : ''}?`}
        target={n === 0 ? `${chargerId} · the whole charger` : `${chargerId} · connector ${n}`}
        connectorId={n}
        consequence={(running) => (inoperative ? outOfService(running.length) : backInService(n, running.length))}
        confirmLabel={availabilityLabel(type, chargerId, n)}
        updateUnderWay="availability"
      />
    </PanelShell>
  );
}
