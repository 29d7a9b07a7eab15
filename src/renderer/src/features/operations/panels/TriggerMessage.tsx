// Trigger message: asks the charger to send one of its messages now (for a connector, or all).
import { useState } from 'react';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { MessageTrigger } from '../../../../../shared/ocpp16';
import { compact, fieldState, numberOrText } from '../kit/form';
import type { OperationPage } from '../kit/page';
import { ConnectorSelect, OperationOutcome, PanelShell, SendButton, usePanel } from '../kit/parts';
import { useOperationForm } from '../kit/useOperation';

export const TriggerMessage: OperationPage<'TriggerMessage'> = {
  label: 'Trigger message',
  group: 'Charger',
  Panel: TriggerMessagePanel,
  meanings: {
    Accepted: { tone: 'success', meaning: 'The charger will send the requested message shortly; watch the message log.' },
    Rejected: { tone: 'error', meaning: 'The charger will not send it now (for example the connector does not exist).' },
    NotImplemented: { tone: 'warning', meaning: 'The charger does not support triggering this message.' },
  },
};

const triggerHelp: Record<MessageTrigger, string> = {
  BootNotification: 'The charger sends BootNotification again (it does not reboot).',
  DiagnosticsStatusNotification: 'The charger reports its diagnostics upload state.',
  FirmwareStatusNotification: 'The charger reports its firmware update state.',
  Heartbeat: 'The charger sends a Heartbeat now.',
  MeterValues: 'The charger sends its current meter values (for a connector, or all).',
  StatusNotification: 'The charger reports the status of a connector (or all).',
};

function TriggerMessagePanel() {
  const { chargerId } = usePanel();
  const [requestedMessage, setRequestedMessage] = useState<MessageTrigger>('StatusNotification');
  const [connectorId, setConnectorId] = useState('');
  const form = useOperationForm(chargerId, 'TriggerMessage', compact({ requestedMessage, connectorId: numberOrText(connectorId) }));
  const perConnector = requestedMessage === 'StatusNotification' || requestedMessage === 'MeterValues';
  return (
    <PanelShell title="Trigger message" action="TriggerMessage" description="Asks the charger to send one of its messages now, e.g. to refresh a connector's status.">
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
        <TextField
          select
          label="Message"
          value={requestedMessage}
          onChange={(e) => setRequestedMessage(e.target.value as MessageTrigger)}
          sx={{ minWidth: 280 }}
          {...fieldState(form.errors, 'requestedMessage', triggerHelp[requestedMessage])}
        >
          {MessageTrigger.options.map((m) => (
            <MenuItem key={m} value={m}>
              {m}
            </MenuItem>
          ))}
        </TextField>
        <ConnectorSelect value={connectorId} onChange={setConnectorId} none="Not given (all connectors)" errors={form.errors} helper={perConnector ? undefined : `Ignored for ${requestedMessage}`} />
      </Stack>
      <SendButton pending={form.op.pending} onClick={form.submit}>
        Trigger {requestedMessage}
      </SendButton>
      <OperationOutcome op={form.op} />
    </PanelShell>
  );
}
