// 2.3 Stop Charging Session.
import { charging, stoppedCharging } from '../states';
import { all, reader, socket, writable, OUTSIDE_SCRIPT, type Case } from './cases';

/** Where the operator's unplug takes the cable out of the socket too, nothing is left to finish. */
const CABLE_GONE =
  'Available is accepted where the document has Finishing: when the unplug leaves no cable at the charger (the virtual charger takes the cable out at both ends), OCPP 1.6 has the connector Available at once.';

export const stopCases: Case[] = [
  {
    id: 'TC_068_CS',
    title: 'Stop transaction - IdTag in StopTransaction matches IdTag in StartTransaction',
    profile: 'Core',
    section: '2.3.1',
    appliesTo: reader,
    decisions: [
      'Another card on the running connector must cause neither Authorize nor StopTransaction for 5 s (the document gives no time).',
      'The card stopped the session, so the StopTransaction must carry its idTag (the document checks "idTag equals the idTag used to start the transaction"): one without an idTag fails, although OCPP 1.6 makes the field optional.',
      OUTSIDE_SCRIPT,
    ],
    async run(t) {
      const tx = await charging(t);
      await t.operator({ kind: 'presentIdTag', connectorId: t.connectorId, idTag: t.data.validIdTag2 });
      await t.expectNone(['Authorize', 'StopTransaction'], 5, 'A different card: no Authorize and no StopTransaction');
      await t.operator({ kind: 'presentIdTag', connectorId: t.connectorId, idTag: t.data.validIdTag });
      await stoppedCharging(t, tx, { idTag: t.data.validIdTag });
    },
  },
  {
    id: 'TC_069_CS',
    title: 'Stop transaction - ParentIdTag in StopTransaction matches ParentIdTag in StartTransaction',
    profile: 'Core',
    section: '2.3.2',
    appliesTo: reader,
    decisions: [
      'The bench answers both valid idTags with the same parentIdTag (<Configured ParentIdTag>), at the start and at the stop (elsewhere it gives no parentIdTag, as the Charging state has it).',
    ],
    async run(t) {
      const shared = { status: 'Accepted' as const, parentIdTag: t.data.parentIdTag };
      t.answerIdTags({ [t.data.validIdTag]: shared, [t.data.validIdTag2]: shared });
      const tx = await charging(t);
      await t.operator({ kind: 'presentIdTag', connectorId: t.connectorId, idTag: t.data.validIdTag2 });
      await t.expect('Authorize', { checks: { idTag: t.data.validIdTag2 } });
      await stoppedCharging(t, tx, { idTag: t.data.validIdTag2 });
    },
  },
  {
    id: 'TC_005_1_CS',
    title: 'EV Side Disconnected - StopTransactionOnEVSideDisconnect = true - UnlockConnectorOnEVSideDisconnect = true',
    profile: 'Core',
    section: '2.3.3',
    appliesTo: all(socket, writable('StopTransactionOnEVSideDisconnect', 'true'), writable('UnlockConnectorOnEVSideDisconnect', 'true')),
    decisions: [CABLE_GONE],
    async run(t) {
      await t.configure('StopTransactionOnEVSideDisconnect', 'true');
      await t.configure('UnlockConnectorOnEVSideDisconnect', 'true');
      const tx = await charging(t);
      await t.operator({ kind: 'unplug', connectorId: t.connectorId });
      await t.expectAll([
        { action: 'StopTransaction', checks: { transactionId: tx, reason: 'EVDisconnected' } },
        { action: 'StatusNotification', where: { connectorId: t.connectorId, status: ['Finishing', 'Available'] } },
      ]);
    },
  },
  {
    id: 'TC_005_2_CS',
    title: 'EV Side Disconnected - StopTransactionOnEVSideDisconnect = true - UnlockConnectorOnEVSideDisconnect = false',
    profile: 'Core',
    section: '2.3.4',
    appliesTo: all(writable('StopTransactionOnEVSideDisconnect', 'true'), writable('UnlockConnectorOnEVSideDisconnect', 'false')),
    decisions: ['UnlockConnector goes to <Configured ConnectorId> (the document does not say).'],
    async run(t) {
      await t.configure('StopTransactionOnEVSideDisconnect', 'true');
      await t.configure('UnlockConnectorOnEVSideDisconnect', 'false');
      const tx = await charging(t);
      await t.operator({ kind: 'unplug', connectorId: t.connectorId });
      await t.expectAll([
        { action: 'StopTransaction', checks: { transactionId: tx, reason: 'EVDisconnected' } },
        { action: 'StatusNotification', where: { connectorId: t.connectorId, status: ['Finishing', 'Available'] } },
      ]);
      await t.send('UnlockConnector', { connectorId: t.connectorId }, { checks: { status: ['Unlocked', 'NotSupported'] } });
    },
  },
  {
    id: 'TC_005_3_CS',
    title: 'EV Side Disconnected - StopTransactionOnEVSideDisconnect = false - UnlockConnectorOnEVSideDisconnect = false',
    profile: 'Core',
    section: '2.3.5',
    appliesTo: all(writable('StopTransactionOnEVSideDisconnect', 'false'), writable('UnlockConnectorOnEVSideDisconnect', 'false')),
    decisions: ['The info field "EV side disconnected" is recorded as an observation, not required (its wording is free text in OCPP).', CABLE_GONE],
    async run(t) {
      await t.configure('StopTransactionOnEVSideDisconnect', 'false');
      await t.configure('UnlockConnectorOnEVSideDisconnect', 'false');
      const tx = await charging(t);
      await t.operator({ kind: 'unplug', connectorId: t.connectorId });
      const suspended = await t.expect('StatusNotification', { where: { connectorId: t.connectorId, status: ['SuspendedEV', 'SuspendedEVSE'] } });
      if (suspended.payload.info !== 'EV side disconnected')
        t.observe(`The suspended status carried info ${JSON.stringify(suspended.payload.info ?? null)}, not "EV side disconnected"`, suspended.messageId);
      await t.send('RemoteStopTransaction', { transactionId: tx });
      await t.expectAll([
        { action: 'StopTransaction', checks: { transactionId: tx, reason: 'Remote' } },
        { action: 'StatusNotification', where: { connectorId: t.connectorId, status: ['Finishing', 'Available'] } },
      ]);
    },
  },
];
