// 2.20 Reservation: reserving a connector (2.20.1) or the charge point (2.20.2), cancelling (2.20.3), and a
// reservation used through a shared parentIdTag (2.20.4).
import type { CaseContext } from '../context';
import {
  authorized,
  chargePointFaulted,
  chargePointUnavailable,
  charging,
  connectorFaulted,
  connectorOccupied,
  connectorUnavailable,
  everyConnector,
  reserved,
  startedCharging,
  unusedConnectorsUnavailable,
} from '../states';
import type { Pics } from '../types';
import { profilePresent } from '../pics';
import { all, profile, type Case } from './cases';

/** The reservationId the bench uses (the document does not state one), and a different one for TC_052_CS. */
const RID = 7;
const OTHER_RID = RID + 1;
const RID_DECISION = `The bench reserves with reservationId ${RID} (the document does not state the value).`;

const noReservationProfile = (p: Pics) => profilePresent(p, 'Reservation');
const zeroSupported = (p: Pics) =>
  p.config.ReserveConnectorZeroSupported?.toLowerCase() === 'true'
    ? null
    : `ReserveConnectorZeroSupported is ${p.config.ReserveConnectorZeroSupported === undefined ? 'not reported' : (p.config.ReserveConnectorZeroSupported ?? 'empty')} (the case needs true)`;
const ZERO_DECISION = 'ReserveConnectorZeroSupported must be reported true; the bench does not set it (it is read-only on most chargers): otherwise the case is not applicable.';

/** ReserveNow that is not to be accepted: the answer must be `status`. */
async function refusedReservation(t: CaseContext, connectorId: number, status: string): Promise<void> {
  // Should the charger take it after all, the end of the case cancels it.
  t.touched.reservations.add(RID);
  const expiryDate = new Date(t.clock.now() + t.data.reservationExpiryOffsetS * 1000).toISOString();
  await t.send('ReserveNow', { connectorId, expiryDate, idTag: t.data.validIdTag, reservationId: RID }, { checks: { status } });
}

/** The end of a fault case: the fault cleared, the connectors back to Available (the document leaves the fault in place). */
async function clearFault(t: CaseContext, connectorId: number): Promise<void> {
  await t.operator({ kind: 'clearFault', connectorId });
  if (connectorId === 0) await everyConnector(t, 'Available');
  else await t.expect('StatusNotification', { where: { connectorId, status: 'Available' }, title: `Charger sends StatusNotification Available for connector ${connectorId} once the fault is gone` });
}
const FAULT_DECISION = 'The case ends by asking for the fault to be cleared and expecting Available again (the general post-conditions have no faults; the document leaves it in place).';

export const reservationCases: Case[] = [
  {
    id: 'TC_046_1_CS',
    title: 'Reservation of a Connector - Local start transaction',
    profile: 'Reservation',
    section: '2.20.1',
    appliesTo: all(profile('Reservation')),
    decisions: [
      RID_DECISION,
      'The card that is not the reserved one is <Configured Valid IdTag 2> (the bench answers it Accepted, without a parentIdTag). For 5 s after it the charger must send no StartTransaction and no status other than Reserved for the connector; an Authorize of that card is allowed (a charger may need its parentIdTag) and recorded as an observation.',
      'The Authorize of the reserved idTag is optional, as the document says; it may come after Preparing (as in the Authorized state).',
    ],
    async run(t) {
      const c = t.connectorId;
      await unusedConnectorsUnavailable(t);
      await reserved(t, RID);
      await t.operator({ kind: 'presentIdTag', connectorId: c, idTag: t.data.validIdTag2 });
      await t.expectNone(
        ['StartTransaction', { action: 'StatusNotification', where: (p) => p.connectorId === c && p.status !== 'Reserved' }],
        5,
        `A card that is not the reserved one: no StartTransaction and connector ${c} stays Reserved`,
      );
      t.tolerate('Authorize', { idTag: t.data.validIdTag2 }, 'the charger asked about the card that is not the reserved one (allowed)');
      await t.operator({ kind: 'presentIdTag', connectorId: c, idTag: t.data.validIdTag });
      await t.expectAll([
        { action: 'Authorize', checks: { idTag: t.data.validIdTag }, optional: true },
        { action: 'StatusNotification', where: { connectorId: c, status: 'Preparing' } },
      ]);
      await t.operator({ kind: 'plug', connectorId: c });
      await startedCharging(t, c, t.data.validIdTag, { reservationId: RID });
    },
  },
  {
    id: 'TC_046_2_CS',
    title: 'Reservation of a Connector - Remote start transaction',
    profile: 'Reservation',
    section: '2.20.1',
    appliesTo: all(profile('Reservation')),
    decisions: [RID_DECISION, 'In the Charging state on the reserved connector the Authorize is optional even where AuthorizeRemoteTxRequests is true.'],
    async run(t) {
      await reserved(t, RID);
      await charging(t, { reserved: true, startChecks: { reservationId: RID } });
    },
  },
  {
    id: 'TC_047_CS',
    title: 'Reservation of a Connector - Expire',
    profile: 'Reservation',
    section: '2.20.1',
    appliesTo: all(profile('Reservation')),
    decisions: [
      RID_DECISION,
      'The connector must be Available again within <Configured Chargers timeout> after the expiry date, and not earlier than <Configured Max Time Deviation> before it.',
      '"Another valid idTag" is <Configured Valid IdTag 2>.',
    ],
    async run(t) {
      const c = t.connectorId;
      await unusedConnectorsUnavailable(t);
      const expiry = await reserved(t, RID);
      const available = await t.expect('StatusNotification', {
        where: { connectorId: c, status: 'Available' },
        within: t.data.reservationExpiryOffsetS + t.data.chargerTimeoutS,
        title: `Nobody uses the reservation: charger sends StatusNotification Available for connector ${c} once it expires (${t.data.reservationExpiryOffsetS} s)`,
      });
      const early = (expiry - Date.parse(available.ts)) / 1000;
      t.check(early <= t.data.maxTimeDeviationS, 'the connector Available once the reservation expired', `it was Available ${Math.round(early)} s before the expiry date`);
      await charging(t, { idTag: t.data.validIdTag2 });
    },
  },
  {
    id: 'TC_048_1_CS',
    title: 'Reservation of a Connector - Faulted',
    profile: 'Reservation',
    section: '2.20.1',
    appliesTo: all(profile('Reservation')),
    decisions: [FAULT_DECISION],
    async run(t) {
      await connectorFaulted(t);
      await refusedReservation(t, t.connectorId, 'Faulted');
      await clearFault(t, t.connectorId);
    },
  },
  {
    id: 'TC_048_2_CS',
    title: 'Reservation of a Connector - Occupied',
    profile: 'Reservation',
    section: '2.20.1',
    appliesTo: all(profile('Reservation')),
    async run(t) {
      await connectorOccupied(t);
      await refusedReservation(t, t.connectorId, 'Occupied');
    },
  },
  {
    id: 'TC_048_3_CS',
    title: 'Reservation of a Connector - Unavailable',
    profile: 'Reservation',
    section: '2.20.1',
    appliesTo: all(profile('Reservation')),
    async run(t) {
      await connectorUnavailable(t);
      await refusedReservation(t, t.connectorId, 'Unavailable');
    },
  },
  {
    id: 'TC_048_4_CS',
    title: 'Reservation of a Connector - Rejected',
    profile: 'Reservation',
    section: '2.20.1',
    appliesTo: noReservationProfile,
    decisions: [
      'Only a ReserveNow answer with status Rejected passes (OCPP 1.6: "not configured to accept reservations"); a CALLERROR NotSupported or NotImplemented fails, as the document lists no alternative.',
    ],
    async run(t) {
      await refusedReservation(t, t.connectorId, 'Rejected');
    },
  },
  {
    id: 'TC_049_CS',
    title: 'Reservation of a Charge Point - Transaction',
    profile: 'Reservation',
    section: '2.20.2',
    appliesTo: all(profile('Reservation'), zeroSupported),
    decisions: [
      ZERO_DECISION,
      RID_DECISION,
      'The Reserved status is expected for <Configured ConnectorId>, the only connector left available (OCPP 1.6 has no Reserved status for connector 0).',
      'In the Charging state on the reserved connector the Authorize is optional even where AuthorizeRemoteTxRequests is true.',
    ],
    async run(t) {
      await unusedConnectorsUnavailable(t);
      await reserved(t, RID, 0);
      await t.expect('StatusNotification', { where: { connectorId: t.connectorId, status: 'Reserved' } });
      await charging(t, { reserved: true, startChecks: { reservationId: RID } });
    },
  },
  {
    id: 'TC_050_1_CS',
    title: 'Reservation of a Charge Point - Faulted',
    profile: 'Reservation',
    section: '2.20.2',
    appliesTo: all(profile('Reservation'), zeroSupported),
    decisions: [ZERO_DECISION, 'The charger-wide fault must show as Faulted for connector 0 and for each connector (SetChargePointFaulted).', FAULT_DECISION],
    async run(t) {
      await chargePointFaulted(t);
      await refusedReservation(t, 0, 'Faulted');
      await clearFault(t, 0);
    },
  },
  {
    id: 'TC_050_2_CS',
    title: 'Reservation of a Charge Point - Occupied',
    profile: 'Reservation',
    section: '2.20.2',
    appliesTo: all(profile('Reservation'), zeroSupported),
    decisions: [ZERO_DECISION],
    async run(t) {
      for (let c = 1; c <= t.pics.connectors; c++) await connectorOccupied(t, c);
      await refusedReservation(t, 0, 'Occupied');
    },
  },
  {
    id: 'TC_050_3_CS',
    title: 'Reservation of a Charge Point - Unavailable',
    profile: 'Reservation',
    section: '2.20.2',
    appliesTo: all(profile('Reservation'), zeroSupported),
    decisions: [ZERO_DECISION],
    async run(t) {
      await chargePointUnavailable(t);
      await refusedReservation(t, 0, 'Unavailable');
    },
  },
  {
    id: 'TC_050_4_CS',
    title: 'Reservation of a Charge Point - Rejected',
    profile: 'Reservation',
    section: '2.20.2',
    appliesTo: noReservationProfile,
    decisions: ['Only a ReserveNow answer with status Rejected passes; a CALLERROR NotSupported or NotImplemented fails, as the document lists no alternative.'],
    async run(t) {
      await refusedReservation(t, 0, 'Rejected');
    },
  },
  {
    id: 'TC_051_CS',
    title: 'Cancel Reservation',
    profile: 'Reservation',
    section: '2.20.3',
    appliesTo: all(profile('Reservation')),
    decisions: [RID_DECISION],
    async run(t) {
      await reserved(t, RID);
      await t.send('CancelReservation', { reservationId: RID }, { checks: { status: 'Accepted' } });
      await t.expect('StatusNotification', { where: { connectorId: t.connectorId, status: 'Available' } });
      await charging(t, { idTag: t.data.validIdTag2, startChecks: [(p) => (p.reservationId === undefined ? null : `reservationId omitted (got ${JSON.stringify(p.reservationId)})`)] });
    },
  },
  {
    id: 'TC_052_CS',
    title: 'Cancel Reservation - Rejected',
    profile: 'Reservation',
    section: '2.20.3',
    appliesTo: all(profile('Reservation')),
    decisions: [
      `${RID_DECISION} The unknown one is ${OTHER_RID}.`,
      'That the reservation stays in place is checked as no StatusNotification Available for the connector within 5 s of the answer; the end of the case cancels it.',
    ],
    async run(t) {
      await reserved(t, RID);
      await t.send('CancelReservation', { reservationId: OTHER_RID }, { checks: { status: 'Rejected' } });
      await t.expectNone([{ action: 'StatusNotification', where: { connectorId: t.connectorId, status: 'Available' } }], 5, `The reservation stays: connector ${t.connectorId} does not go Available`);
    },
  },
  {
    id: 'TC_053_CS',
    title: 'Use a reserved Connector with parentIdTag',
    profile: 'Reservation',
    section: '2.20.4',
    appliesTo: all(profile('Reservation')),
    decisions: [
      RID_DECISION,
      'The reservation is for <Configured ConnectorId> (the document does not say which).',
      'The bench answers <Configured Valid IdTag> and <Configured Valid IdTag 2> Accepted with parentIdTag <Configured ParentIdTag>, so the charger can match card 2 to the reservation (the document leaves the Authorize answer open).',
    ],
    async run(t) {
      const c = t.connectorId;
      const shared = { status: 'Accepted' as const, parentIdTag: t.data.parentIdTag };
      t.answerIdTags({ [t.data.validIdTag]: shared, [t.data.validIdTag2]: shared });
      await unusedConnectorsUnavailable(t);
      await reserved(t, RID, c, t.data.validIdTag, t.data.parentIdTag);
      await authorized(t, t.data.validIdTag2);
      await t.operator({ kind: 'plug', connectorId: c });
      await startedCharging(t, c, t.data.validIdTag2, { reservationId: RID });
    },
  },
];
