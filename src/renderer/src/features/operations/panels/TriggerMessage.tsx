// Trigger message: asks the charger to send one of its messages now (for a connector, or all), and once
// it accepted, follows up: the message with its time and what it said, or that it never came. The same
// follow-up goes under each accepted row of a send to several chargers (TriggerFollowUp).
import { useState } from 'react';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { MessageTrigger } from '../../../../../shared/ocpp16';
import { formatWhen } from '../../../components/format';
import { compact, fieldState, numberOrText } from '../kit/form';
import { framesOf, useFollowUp, waitEnd, type Asked, type FollowUpPlan, type FrameSeen } from '../kit/followUp';
import { FollowUpNote, sinceAnswer, type FollowUpWords } from '../kit/FollowUpNote';
import type { OperationResult } from '../../../../../shared/api/contract';
import type { OperationPage } from '../kit/page';
import { ConnectorSelect, OperationOutcome, PanelShell, SendButton, usePanel } from '../kit/parts';
import { useOperationForm } from '../kit/useOperation';
import { useRecordedOperations } from './record';

export const TriggerMessage: OperationPage<'TriggerMessage'> = {
  label: 'Trigger message',
  group: 'Charger',
  Panel: TriggerMessagePanel,
  meanings: {
    Accepted: { tone: 'success', meaning: 'The charger will send the requested message shortly: it is followed up below.' },
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

/** How long after Accepted the requested message may come before it is said missing (OCPP 1.6: the charger SHALL send it). */
export const TRIGGER_WAIT_MS = 30_000;

/** The messages that name a connector, and are asked for one when a connector is given. */
const perConnectorMessages: readonly string[] = ['StatusNotification', 'MeterValues'];

/** What was asked, as the record holds it. */
const askedOf = (asked: Asked) => asked.request as { requestedMessage: MessageTrigger; connectorId?: number };

/** The requested message from the charger (for the connector given, when it names one) after the request went out. */
function triggerPlan(chargerId: string, asked: Asked): FollowUpPlan<FrameSeen> {
  const { requestedMessage, connectorId } = askedOf(asked);
  const ofConnector = connectorId !== undefined && perConnectorMessages.includes(requestedMessage);
  return {
    key: `${asked.id}`,
    ...framesOf(chargerId, requestedMessage, asked.sentAt, waitEnd(asked, TRIGGER_WAIT_MS)),
    matches: (m) => !ofConnector || m.payload?.connectorId === connectorId,
    waitMs: TRIGGER_WAIT_MS,
  };
}

/** What a frame of the requested message said, in a few words: "connector 1 Available"; null for a Heartbeat. */
export function triggeredSaid(action: string, p: Record<string, unknown> | null): string | null {
  if (!p) return null;
  switch (action) {
    case 'StatusNotification':
      return `connector ${String(p.connectorId)} ${String(p.status)}${p.errorCode && p.errorCode !== 'NoError' ? ` (${String(p.errorCode)})` : ''}`;
    case 'MeterValues': {
      const n = Array.isArray(p.meterValue) ? p.meterValue.reduce((sum: number, v: { sampledValue?: unknown[] }) => sum + (Array.isArray(v?.sampledValue) ? v.sampledValue.length : 0), 0) : 0;
      return `connector ${String(p.connectorId)}, ${n} sampled value${n === 1 ? '' : 's'}`;
    }
    case 'BootNotification':
      return `${String(p.chargePointVendor)} ${String(p.chargePointModel)}${typeof p.firmwareVersion === 'string' ? `, firmware ${p.firmwareVersion}` : ''}`;
    case 'FirmwareStatusNotification':
    case 'DiagnosticsStatusNotification':
      return `status ${String(p.status)}`;
    default:
      return null;
  }
}

/** Frames said at most, one after another (a charger of many connectors sends one each). */
const SAID_AT_MOST = 6;

function triggerWords(chargerId: string): FollowUpWords<FrameSeen> {
  const named = (asked: Asked) => {
    const { requestedMessage, connectorId } = askedOf(asked);
    return connectorId !== undefined && perConnectorMessages.includes(requestedMessage) ? `${requestedMessage} of connector ${connectorId}` : requestedMessage;
  };
  return {
    came: (frames, asked) => {
      const said = [...new Set(frames.map((f) => triggeredSaid(f.action ?? '', f.payload)).filter((x): x is string => x !== null))];
      const more = said.length > SAID_AT_MOST ? ` and ${said.length - SAID_AT_MOST} more` : '';
      const first = frames[0];
      return `${askedOf(asked).requestedMessage} came at ${formatWhen(first.ts)} (${sinceAnswer(first.ts, asked)})${said.length ? `: ${said.slice(0, SAID_AT_MOST).join(', ')}${more}` : ''}.`;
    },
    waiting: (asked) => `Waiting for the ${named(asked)}… (asked ${formatWhen(asked.sentAt)})`,
    missing: (why, at, asked) =>
      why === 'offline'
        ? `No ${named(asked)} came before ${chargerId} went offline (last contact ${formatWhen(at)}).`
        : `No ${named(asked)} came in ${TRIGGER_WAIT_MS / 1000} s after Accepted (waited until ${formatWhen(at)}): an OCPP 1.6 charger shall send it once it accepted the request.`,
  };
}

const triggerActions = ['TriggerMessage'] as const;

/** Of a charger's record, the few newest TriggerMessages: the one just sent is among them. */
const RECENT_TRIGGERS = 20;

/**
 * The follow-up of one TriggerMessage sent to `chargerId` outside its panel (a send to several chargers),
 * as the panel says it: `result` is its outcome and `settledAt` when this window got it; nothing unless Accepted.
 */
export function TriggerFollowUp({ chargerId, result, settledAt }: { chargerId: string; result: OperationResult<'TriggerMessage'>; settledAt: string | null }) {
  const record = useRecordedOperations(chargerId, triggerActions, RECENT_TRIGGERS);
  const followUp = useFollowUp<FrameSeen>(chargerId, { pending: false, result, settledAt }, record, (asked) => triggerPlan(chargerId, asked));
  return <FollowUpNote label={`Follow-up of ${chargerId}`} state={followUp} words={triggerWords(chargerId)} />;
}

function TriggerMessagePanel() {
  const { chargerId } = usePanel();
  const record = useRecordedOperations(chargerId, triggerActions);
  const [requestedMessage, setRequestedMessage] = useState<MessageTrigger>('StatusNotification');
  const [connectorId, setConnectorId] = useState('');
  const form = useOperationForm(chargerId, 'TriggerMessage', compact({ requestedMessage, connectorId: numberOrText(connectorId) }));
  const perConnector = perConnectorMessages.includes(requestedMessage);
  const followUp = useFollowUp(chargerId, form.op, record, (asked) => triggerPlan(chargerId, asked));
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
      <FollowUpNote label="Follow-up" state={followUp} words={triggerWords(chargerId)} />
    </PanelShell>
  );
}
