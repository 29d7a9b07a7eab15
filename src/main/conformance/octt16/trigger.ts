// 2.21 RemoteTrigger: TriggerMessage for each message a charger sends by itself, and for a connector that
// does not exist.
import { profile, type Case } from './cases';
import { expectTriggered, NEAR_S, trigger, TRIGGER_S } from './triggered';

/** How long the bench watches for a MeterValues of the connector that does not exist (s): as long as a triggered message may take. */
const WATCH_S = TRIGGER_S;

export const triggerCases: Case[] = [
  {
    id: 'TC_054_CS',
    title: 'Trigger Message',
    profile: 'RemoteTrigger',
    section: '2.21.1',
    appliesTo: profile('RemoteTrigger'),
    decisions: [
      'The triggered MeterValues and StatusNotification must be those of <Configured ConnectorId>.',
      'The DiagnosticsStatusNotification trigger must be Accepted even from a charger without the FirmwareManagement profile, as the document has it.',
      `Each triggered message must come after its TriggerMessage and within ${TRIGGER_S} s of the TriggerMessage.conf (the document gives no time; TC_055_CS watches as long for one that must not come). One sent before the TriggerMessage is not the triggered one.`,
      `A Heartbeat that comes only at about the time the charger's periodic one was due (within ${NEAR_S} s of its last Heartbeat plus HeartbeatInterval, or of the TriggerMessage.conf plus HeartbeatInterval), or a MeterValues at a clock-aligned time (ClockAlignedDataInterval) none of whose values has the context Trigger, cannot be told apart from the one sent on the charger's own schedule: when no other comes in time, the case is Inconclusive, not passed.`,
    ],
    async run(t) {
      const c = t.connectorId;
      await expectTriggered(t, 'MeterValues', await trigger(t, 'MeterValues', c), { connectorId: c });
      await expectTriggered(t, 'Heartbeat', await trigger(t, 'Heartbeat'));
      await expectTriggered(t, 'StatusNotification', await trigger(t, 'StatusNotification', c), { connectorId: c });
      await expectTriggered(t, 'DiagnosticsStatusNotification', await trigger(t, 'DiagnosticsStatusNotification'), {}, { status: 'Idle' });
      const firmware = await trigger(t, 'FirmwareStatusNotification', undefined, ['Accepted', 'NotImplemented']);
      if (firmware.status === 'Accepted') await expectTriggered(t, 'FirmwareStatusNotification', firmware, {}, { status: 'Idle' });
    },
  },
  {
    id: 'TC_055_CS',
    title: 'Trigger Message - Rejected',
    profile: 'RemoteTrigger',
    section: '2.21.2',
    appliesTo: profile('RemoteTrigger'),
    decisions: [
      'The connector is NumberOfConnectors + 1. A CALLERROR of any code passes (the document names none).',
      `No MeterValues of that connector may come for ${WATCH_S} s after the answer (the document gives no time).`,
    ],
    async run(t) {
      const connectorId = t.pics.connectors + 1;
      await t.send(
        'TriggerMessage',
        { requestedMessage: 'MeterValues', connectorId },
        { checks: { status: 'Rejected' }, callErrors: 'any', title: `Bench sends TriggerMessage (MeterValues, connector ${connectorId}) expecting status Rejected or a CALLERROR` },
      );
      await t.expectNone(['MeterValues'], WATCH_S, undefined, { connectorId });
    },
  },
];
