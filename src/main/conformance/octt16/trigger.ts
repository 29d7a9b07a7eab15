// 2.21 RemoteTrigger: TriggerMessage for each message a charger sends by itself, and for a connector that
// does not exist.
import { profile, type Case } from './cases';

/** How long the bench watches for a MeterValues of the connector that does not exist (s). */
const WATCH_S = 10;

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
    ],
    async run(t) {
      const c = t.connectorId;
      await t.send('TriggerMessage', { requestedMessage: 'MeterValues', connectorId: c }, { checks: { status: 'Accepted' } });
      await t.expect('MeterValues', { where: { connectorId: c } });
      await t.send('TriggerMessage', { requestedMessage: 'Heartbeat' }, { checks: { status: 'Accepted' } });
      await t.expect('Heartbeat');
      await t.send('TriggerMessage', { requestedMessage: 'StatusNotification', connectorId: c }, { checks: { status: 'Accepted' } });
      await t.expect('StatusNotification', { where: { connectorId: c } });
      await t.send('TriggerMessage', { requestedMessage: 'DiagnosticsStatusNotification' }, { checks: { status: 'Accepted' } });
      await t.expect('DiagnosticsStatusNotification', { checks: { status: 'Idle' } });
      const firmware = await t.send('TriggerMessage', { requestedMessage: 'FirmwareStatusNotification' }, { checks: { status: ['Accepted', 'NotImplemented'] } });
      if (firmware.status === 'Accepted') await t.expect('FirmwareStatusNotification', { checks: { status: 'Idle' } });
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
