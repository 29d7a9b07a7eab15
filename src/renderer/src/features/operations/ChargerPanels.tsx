// Operations on the charger as a whole or one connector: reset, change availability, unlock, clear
// cache, trigger message and data transfer. The disruptive ones confirm first.
import { useState } from 'react';
import Box from '@mui/material/Box';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import MenuItem from '@mui/material/MenuItem';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { MessageTrigger, type AvailabilityType, type ResetType } from '../../../../shared/ocpp16';
import { monoFont } from '../../app/theme';
import { ConfirmDialog } from './ConfirmDialog';
import { compact, fieldState, numberOrText, textOrAbsent } from './form';
import { ConnectorSelect, OperationOutcome, PanelShell, ResultAlert, SendButton, usePanel } from './parts';
import { plural, useRunning, type RunningTransaction } from './running';
import { useOperationForm } from './useOperation';

/** The button text of a reset: "Hard reset CP001 and end 1 transaction". */
export function resetLabel(type: ResetType, chargerId: string, running: number): string {
  return `${type} reset ${chargerId}${running ? ` and end ${plural(running, 'transaction')}` : ''}`;
}

export function resetConsequence(type: ResetType, chargerId: string, running: RunningTransaction[]): string {
  const tx = running.length ? `${plural(running.length, 'running transaction')} end${running.length === 1 ? 's' : ''} (StopTransaction reason ${type}Reset). ` : '';
  return type === 'Hard'
    ? `${tx}${chargerId} restarts at once, like a power cycle; nothing can charge until it has rebooted and sent BootNotification.`
    : `${tx}${chargerId} closes its sessions gracefully, restarts its software and reconnects with BootNotification.`;
}

export function ResetPanel() {
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
      <SendButton pending={form.op.pending} color="warning" onClick={() => form.prepare() && form.confirm.ask()}>
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

export function availabilityLabel(type: AvailabilityType, chargerId: string, connectorId: number): string {
  return connectorId === 0 ? `Make ${chargerId} ${type} (all connectors)` : `Make connector ${connectorId} of ${chargerId} ${type}`;
}

export function ChangeAvailabilityPanel() {
  const { chargerId } = usePanel();
  const [connectorId, setConnectorId] = useState('0');
  const [type, setType] = useState<AvailabilityType>('Inoperative');
  const n = Number(connectorId);
  const running = useRunning(chargerId, n);
  const form = useOperationForm(chargerId, 'ChangeAvailability', { connectorId: numberOrText(connectorId), type });
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
      <SendButton
        pending={form.op.pending}
        color={type === 'Inoperative' ? 'warning' : 'primary'}
        onClick={() => {
          const p = form.prepare();
          if (!p) return;
          if (type === 'Inoperative') form.confirm.ask();
          else void form.send(p);
        }}
      >
        {type === 'Inoperative' ? `${availabilityLabel(type, chargerId, n)}…` : availabilityLabel(type, chargerId, n)}
      </SendButton>
      <OperationOutcome op={form.op} />
      <ConfirmDialog
        {...form.confirm.dialog}
        title="Take it out of service?"
        target={n === 0 ? `${chargerId} · the whole charger` : `${chargerId} · connector ${n}`}
        running={running}
        consequence={
          running.length
            ? `No new sessions can start. The running ${running.length === 1 ? 'transaction continues' : 'transactions continue'}: the charger should answer Scheduled and switch once ${running.length === 1 ? 'it ends' : 'they end'}.`
            : 'No new sessions can start until it is made Operative again.'
        }
        confirmLabel={availabilityLabel('Inoperative', chargerId, n)}
        dangerous={running.length > 0}
      />
    </PanelShell>
  );
}

export function UnlockPanel() {
  const { chargerId } = usePanel();
  const [connectorId, setConnectorId] = useState('1');
  const n = Number(connectorId);
  const running = useRunning(chargerId, n);
  const form = useOperationForm(chargerId, 'UnlockConnector', { connectorId: numberOrText(connectorId) });
  const tx = running[0];
  return (
    <PanelShell title="Unlock connector" action="UnlockConnector" description="Releases the cable lock of a connector, e.g. when a driver cannot pull the cable out.">
      <ConnectorSelect value={connectorId} onChange={setConnectorId} errors={form.errors} />
      <SendButton pending={form.op.pending} color="warning" onClick={() => form.prepare() && form.confirm.ask()}>
        Unlock connector {connectorId}…
      </SendButton>
      <OperationOutcome op={form.op} />
      <ConfirmDialog
        {...form.confirm.dialog}
        title={`Unlock connector ${n}?`}
        target={`${chargerId} · connector ${n}`}
        running={running}
        consequence={tx ? `Transaction ${tx.transactionId} of ${tx.idTag} on connector ${n} ends (StopTransaction reason UnlockCommand) and the cable is released.` : 'The cable lock is released; a cable left in the socket can be pulled out.'}
        confirmLabel={`Unlock connector ${n} of ${chargerId}`}
        dangerous={running.length > 0}
      />
    </PanelShell>
  );
}

export function ClearCachePanel() {
  const { chargerId } = usePanel();
  const form = useOperationForm(chargerId, 'ClearCache', {});
  return (
    <PanelShell title="Clear cache" action="ClearCache" description="Empties the charger's authorization cache (idTags it remembers from earlier answers). The local list is not touched.">
      <SendButton pending={form.op.pending} color="warning" onClick={() => form.prepare() && form.confirm.ask()}>
        Clear the cache…
      </SendButton>
      <OperationOutcome op={form.op} />
      <ConfirmDialog
        {...form.confirm.dialog}
        title="Clear the authorization cache?"
        target={`${chargerId} · the whole charger`}
        running={[]}
        consequence="Cached idTags are forgotten: the next card is checked online or against the local list. While the charger is offline, cards it only knew from the cache may be refused."
        confirmLabel={`Clear the authorization cache of ${chargerId}`}
      />
    </PanelShell>
  );
}

const triggerHelp: Record<MessageTrigger, string> = {
  BootNotification: 'The charger sends BootNotification again (it does not reboot).',
  DiagnosticsStatusNotification: 'The charger reports its diagnostics upload state.',
  FirmwareStatusNotification: 'The charger reports its firmware update state.',
  Heartbeat: 'The charger sends a Heartbeat now.',
  MeterValues: 'The charger sends its current meter values (for a connector, or all).',
  StatusNotification: 'The charger reports the status of a connector (or all).',
};

export function TriggerMessagePanel() {
  const { chargerId } = usePanel();
  const [requestedMessage, setRequestedMessage] = useState<MessageTrigger>('StatusNotification');
  const [connectorId, setConnectorId] = useState('');
  const form = useOperationForm(chargerId, 'TriggerMessage', compact({ requestedMessage, connectorId: numberOrText(connectorId) }));
  const perConnector = requestedMessage === 'StatusNotification' || requestedMessage === 'MeterValues';
  return (
    <PanelShell title="Trigger message" action="TriggerMessage" description="Asks the charger to send one of its messages now, e.g. to refresh a connector's status.">
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
        <TextField select label="Message" value={requestedMessage} onChange={(e) => setRequestedMessage(e.target.value as MessageTrigger)} sx={{ minWidth: 280 }} {...fieldState(form.errors, 'requestedMessage', triggerHelp[requestedMessage])}>
          {MessageTrigger.options.map((m) => (
            <MenuItem key={m} value={m}>
              {m}
            </MenuItem>
          ))}
        </TextField>
        <ConnectorSelect value={connectorId} onChange={setConnectorId} none="Not given (all connectors)" errors={form.errors} helper={perConnector ? undefined : `Ignored for ${requestedMessage}`} />
      </Stack>
      <SendButton
        pending={form.op.pending}
        onClick={form.submit}
      >
        Trigger {requestedMessage}
      </SendButton>
      <OperationOutcome op={form.op} />
    </PanelShell>
  );
}

export function DataTransferPanel() {
  const { chargerId } = usePanel();
  const [vendorId, setVendorId] = useState('');
  const [messageId, setMessageId] = useState('');
  const [data, setData] = useState('');
  const form = useOperationForm(chargerId, 'DataTransfer', compact({ vendorId, messageId: textOrAbsent(messageId), data: textOrAbsent(data) }), vendorId.trim() === '' ? { vendorId: 'Required: the vendor, e.g. com.example' } : undefined);
  const result = form.op.result;
  const answerData = result?.outcome === 'completed' && typeof result.response.data === 'string' ? result.response.data : null;
  return (
    <PanelShell title="Data transfer" action="DataTransfer" description="Sends vendor-specific data the charger's own extension understands.">
      <Stack direction="row" spacing={2} useFlexGap sx={{ flexWrap: 'wrap' }}>
        <TextField label="Vendor id" required value={vendorId} onChange={(e) => setVendorId(e.target.value)} sx={{ minWidth: 280 }} {...fieldState(form.errors, 'vendorId', 'At most 255 characters')} />
        <TextField label="Message id" value={messageId} onChange={(e) => setMessageId(e.target.value)} {...fieldState(form.errors, 'messageId', 'Optional, at most 50 characters')} />
      </Stack>
      <TextField label="Data" multiline minRows={3} value={data} onChange={(e) => setData(e.target.value)} {...fieldState(form.errors, 'data', 'Optional, sent as text')} slotProps={{ htmlInput: { style: { fontFamily: monoFont } } }} />
      <SendButton
        pending={form.op.pending}
        onClick={form.submit}
      >
        Send data
      </SendButton>
      {result && form.op.action && !form.op.pending ? (
        <ResultAlert action="DataTransfer" result={result}>
          {answerData !== null && (
            <Box component="pre" sx={{ fontFamily: monoFont, fontSize: 12, m: 0, mt: 1, whiteSpace: 'pre-wrap' }}>
              Data in the answer: {answerData}
            </Box>
          )}
        </ResultAlert>
      ) : (
        <OperationOutcome op={form.op} />
      )}
    </PanelShell>
  );
}
