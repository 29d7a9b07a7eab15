// 2.22 Smart Charging: TxDefaultProfile and TxProfile installed and read back as a composite schedule
// (2.22.1), three profiles combined (2.22.2), cleared one by one (2.22.3), stacked (2.22.4), and a remote
// start carrying a profile (2.22.5). Schedules are compared with the bench's own reading of the profiles.
import type { CaseContext } from '../context';
import { charging } from '../states';
import type { Pics } from '../types';
import { all, profile, type Case } from './cases';
import { chargingProfile, compositeChecks, refusalObservation, type CompositeExpectation, type PlannedProfile } from './schedules';

/** A transactionId no transaction has (TC_058_1_CS leaves it open). */
const UNKNOWN_TX = 987_654;

const atLeast = (key: string, n: number) => (p: Pics) => {
  const v = p.config[key];
  if (v === undefined) return `The charger does not report ${key} (the case needs at least ${n})`;
  return Number(v) >= n ? null : `${key} is ${v ?? 'empty'} (the case needs at least ${n})`;
};

const START_DECISION =
  'Profiles start at now - <Configured Max Time Deviation> (startSchedule), as the memory states of TC_066_CS, TC_067_CS and TC_072_CS have it, so that a charger clock up to that much behind still has them started.';
const PERIODS_DECISION =
  '"Calculated accordingly": the bench works the composite schedule out from the profiles it installed (min of ChargePointMaxProfile and the TxProfile, else TxDefaultProfile; the highest stack level with a running schedule) and compares it second by second, with 2 s either side of each boundary; where no profile sets a limit the charger\u2019s own limit is accepted.';
const IDS_DECISION = 'chargingProfileIds are 1, 2, 3 in the order the document lists the profiles (it does not state them).';
const X_DECISION =
  'The document\u2019s "x" is taken as the time between the profiles\u2019 startSchedule and the schedule\u2019s start in the answer, so the expected periods follow from whatever <Configured Max Time Deviation> is; with a deviation of 0 and an immediate request they are the document\u2019s list.';

/** The time the case's profiles start: now less the allowed clock deviation. */
const profileStart = (t: CaseContext) => t.clock.now() - t.data.maxTimeDeviationS * 1000;

/** Memory state SetChargingProfile: the profile Accepted; a refusal is set against what the charger declares. */
async function setProfile(t: CaseContext, planned: PlannedProfile, installed = 0): Promise<void> {
  t.touched.profiles = true;
  const cp = chargingProfile(t, planned);
  await t.send(
    'SetChargingProfile',
    { connectorId: planned.connectorId, csChargingProfiles: cp },
    {
      title: `Bench sends SetChargingProfile (${planned.purpose} ${planned.id}, stackLevel ${planned.stackLevel}, connector ${planned.connectorId}) expecting status Accepted`,
      checks: [
        (p) => {
          if (p.status === 'Accepted') return null;
          t.observe(refusalObservation(t, cp, installed));
          return `status Accepted (got ${String(p.status)})`;
        },
      ],
    },
  );
}

/** The validity of the profiles of TC_066/067/072: from their start to 401 s after (past the longest schedule read back). */
const validWindow = (start: number) => ({ validFrom: start, validTo: start + 401_000 });

/** The profiles set in order (each refusal set against those installed before it), then the composite schedule they make on the case's connector read back over `duration` s. */
async function setAndCompose(t: CaseContext, profiles: PlannedProfile[], duration: number, transaction: boolean, what: string): Promise<void> {
  for (const [i, p] of profiles.entries()) await setProfile(t, p, i);
  await composite(t, { connectorId: t.connectorId, duration, profiles, transaction }, what);
}

/** GetCompositeSchedule for the configured unit, checked against what the profiles make. */
async function composite(t: CaseContext, e: CompositeExpectation, what: string): Promise<void> {
  await t.send(
    'GetCompositeSchedule',
    { connectorId: e.connectorId, duration: e.duration, chargingRateUnit: t.data.chargingRateUnit },
    { checks: compositeChecks(t, e), title: `Bench sends GetCompositeSchedule (connector ${e.connectorId}, ${e.duration} s, ${t.data.chargingRateUnit}): ${what}` },
  );
}

/** The single-period profile of TC_056/057/082/059: 6 A (6000 W) from 0. */
function sixAmps(t: CaseContext, purpose: 'TxDefaultProfile' | 'TxProfile', o: { transactionId?: number; duration?: number } = {}): PlannedProfile {
  return { id: 1, connectorId: t.connectorId, purpose, stackLevel: t.data.stackLevel, start: profileStart(t), periods: [[0, 6]], ...o };
}

const sc = profile('SmartCharging');

export const smartChargingCases: Case[] = [
  {
    id: 'TC_056_CS',
    title: 'Central Smart Charging - TxDefaultProfile',
    profile: 'SmartCharging',
    section: '2.22.1',
    appliesTo: sc,
    decisions: ['chargingProfileId 1.', START_DECISION, PERIODS_DECISION],
    async run(t) {
      const planned = sixAmps(t, 'TxDefaultProfile', { duration: t.data.chargingScheduleDurationS });
      await setAndCompose(t, [planned], t.data.chargingScheduleDurationS, false, 'the TxDefaultProfile');
    },
  },
  {
    id: 'TC_057_CS',
    title: 'Central Smart Charging - TxProfile',
    profile: 'SmartCharging',
    section: '2.22.1',
    appliesTo: sc,
    decisions: ['chargingProfileId 1; the profile has no duration, as the document lists none.', START_DECISION, PERIODS_DECISION],
    async run(t) {
      const tx = await charging(t);
      const planned = sixAmps(t, 'TxProfile', { transactionId: tx });
      await setAndCompose(t, [planned], t.data.chargingScheduleDurationS, true, 'the TxProfile of the transaction');
    },
  },
  {
    id: 'TC_058_1_CS',
    title: 'Central Smart Charging - No ongoing transaction',
    profile: 'SmartCharging',
    section: '2.22.1',
    appliesTo: sc,
    decisions: [`The TxProfile goes to <Configured ConnectorId> with transactionId ${UNKNOWN_TX}; its schedule is that of TC_056_CS.`],
    async run(t) {
      t.touched.profiles = true;
      const cp = chargingProfile(t, sixAmps(t, 'TxProfile', { transactionId: UNKNOWN_TX, duration: t.data.chargingScheduleDurationS }));
      await t.send('SetChargingProfile', { connectorId: t.connectorId, csChargingProfiles: cp }, { checks: { status: 'Rejected' }, callErrors: ['PropertyConstraintViolation'] });
    },
  },
  {
    id: 'TC_058_2_CS',
    title: 'Central Smart Charging - Wrong transactionId',
    profile: 'SmartCharging',
    section: '2.22.1',
    appliesTo: sc,
    decisions: [
      'The prerequisite "no transaction is running" contradicts the Before section; the bench follows the Before section (state Charging) and sends a TxProfile for the running connector with the running transactionId + 1.',
    ],
    async run(t) {
      const tx = await charging(t);
      t.touched.profiles = true;
      const cp = chargingProfile(t, sixAmps(t, 'TxProfile', { transactionId: tx + 1, duration: t.data.chargingScheduleDurationS }));
      await t.send('SetChargingProfile', { connectorId: t.connectorId, csChargingProfiles: cp }, { checks: { status: 'Rejected' } });
    },
  },
  {
    id: 'TC_082_CS',
    title: 'Central Smart Charging - TxDefaultProfile - with ongoing transaction',
    profile: 'SmartCharging',
    section: '2.22.1',
    appliesTo: sc,
    decisions: ['chargingProfileId 1.', START_DECISION, PERIODS_DECISION],
    async run(t) {
      await charging(t);
      const planned = sixAmps(t, 'TxDefaultProfile', { duration: t.data.chargingScheduleDurationS });
      await setAndCompose(t, [planned], t.data.chargingScheduleDurationS, true, 'the TxDefaultProfile during the transaction');
    },
  },
  {
    id: 'TC_066_CS',
    title: 'Get Composite Schedule',
    profile: 'SmartCharging',
    section: '2.22.2',
    appliesTo: all(sc, atLeast('MaxChargingProfilesInstalled', 3), atLeast('ChargingScheduleMaxPeriods', 5)),
    decisions: [
      'Profile 1 is a ChargePointMaxProfile (the document writes the OCPP 2.0.1 name ChargingStationMaxProfile).',
      'The TxProfile carries the running transaction\u2019s id.',
      IDS_DECISION,
      'The three profiles share one reference time (now - <Configured Max Time Deviation>), taken before the first is sent.',
      'A valid TxProfile overrules the TxDefaultProfile for the whole transaction, after its own schedule ends too (OCPP 1.6, 3.13.1): from 260 s only the ChargePointMaxProfile limits, which is why the document\u2019s last period is (240 - x, 10).',
      X_DECISION,
      PERIODS_DECISION,
    ],
    async run(t) {
      const c = t.connectorId;
      const tx = await charging(t);
      const start = profileStart(t);
      const window = validWindow(start);
      const profiles: PlannedProfile[] = [
        { id: 1, connectorId: 0, purpose: 'ChargePointMaxProfile', stackLevel: 0, start, duration: 86_400, periods: [[0, 10]] },
        {
          id: 2,
          connectorId: c,
          purpose: 'TxDefaultProfile',
          stackLevel: 0,
          start,
          ...window,
          duration: 300,
          periods: [
            [0, 6],
            [60, 10],
            [120, 8],
            [180, 15],
            [260, 8],
          ],
        },
        {
          id: 3,
          connectorId: c,
          purpose: 'TxProfile',
          stackLevel: 0,
          transactionId: tx,
          start,
          ...window,
          duration: 260,
          periods: [
            [0, 8],
            [50, 11],
            [140, 16],
            [200, 6],
            [240, 12],
          ],
        },
      ];
      await setAndCompose(t, profiles, 400, true, 'the three profiles combined');
    },
  },
  {
    id: 'TC_067_CS',
    title: 'Clear Charging Profile',
    profile: 'SmartCharging',
    section: '2.22.3',
    appliesTo: sc,
    decisions: [
      IDS_DECISION,
      'GetCompositeSchedule asks for 350 s in <Configured Charging Rate Unit> on <Configured ConnectorId> (the document gives only the answers\u2019 duration).',
      'After the last clear the bench cannot know the charger\u2019s own limit: one period from 0 with any limit passes.',
      X_DECISION,
      PERIODS_DECISION,
    ],
    async run(t) {
      const c = t.connectorId;
      const start = profileStart(t);
      const window = validWindow(start);
      const [p1, p2, p3]: PlannedProfile[] = [
        {
          id: 1,
          connectorId: c,
          purpose: 'TxDefaultProfile',
          stackLevel: 1,
          start,
          duration: 400,
          periods: [
            [0, 6],
            [60, 8],
            [200, 10],
          ],
        },
        {
          id: 2,
          connectorId: c,
          purpose: 'TxDefaultProfile',
          stackLevel: 0,
          start,
          ...window,
          duration: 400,
          periods: [
            [0, 7],
            [100, 9],
          ],
        },
        {
          id: 3,
          connectorId: 0,
          purpose: 'ChargePointMaxProfile',
          stackLevel: 0,
          start,
          ...window,
          duration: 86_400,
          periods: [
            [0, 11],
            [200, 12],
          ],
        },
      ];
      for (const [i, p] of [p1!, p2!, p3!].entries()) await setProfile(t, p, i);
      const expect = (profiles: PlannedProfile[]): CompositeExpectation => ({ connectorId: c, duration: 350, profiles, transaction: false });
      await t.send('ClearChargingProfile', { id: p1!.id }, { checks: { status: 'Accepted' }, title: `Bench clears profile ${p1!.id} by its id, expecting status Accepted` });
      await composite(t, expect([p2!, p3!]), `profiles ${p2!.id} and ${p3!.id} left`);
      await t.send(
        'ClearChargingProfile',
        { chargingProfilePurpose: 'TxDefaultProfile', stackLevel: 0 },
        { checks: { status: 'Accepted' }, title: 'Bench clears the TxDefaultProfile of stackLevel 0, expecting status Accepted' },
      );
      await composite(t, expect([p3!]), `profile ${p3!.id} left`);
      await t.send('ClearChargingProfile', {}, { checks: { status: 'Accepted' }, title: 'Bench clears every profile, expecting status Accepted' });
      await composite(t, expect([]), 'no profile left: the charger\u2019s own limit');
    },
  },
  {
    id: 'TC_072_CS',
    title: 'Stacking Charging Profiles',
    profile: 'SmartCharging',
    section: '2.22.4',
    appliesTo: sc,
    decisions: [IDS_DECISION, 'Within one purpose, a lower stack level takes over where a higher one\u2019s schedule has ended (the document\u2019s (150 - x, 8)).', X_DECISION, PERIODS_DECISION],
    async run(t) {
      const c = t.connectorId;
      const start = profileStart(t);
      const window = validWindow(start);
      const profiles: PlannedProfile[] = [
        {
          id: 1,
          connectorId: c,
          purpose: 'TxDefaultProfile',
          stackLevel: 0,
          start,
          ...window,
          duration: 400,
          periods: [
            [0, 6],
            [100, 8],
            [200, 10],
          ],
        },
        {
          id: 2,
          connectorId: c,
          purpose: 'TxDefaultProfile',
          stackLevel: 1,
          start,
          ...window,
          duration: 150,
          periods: [
            [0, 7],
            [100, 9],
          ],
        },
      ];
      await setAndCompose(t, profiles, 350, false, 'the two stacked');
    },
  },
  {
    id: 'TC_059_CS',
    title: 'Remote Start Transaction with Charging Profile',
    profile: 'SmartCharging',
    section: '2.22.5',
    appliesTo: sc,
    decisions: [
      'The TxProfile sent with the remote start is that of TC_057_CS (chargingProfileId 1, 6 A or 6000 W, <Configured duration>, no transactionId): the document does not give it.',
      START_DECISION,
      PERIODS_DECISION,
    ],
    async run(t) {
      const planned = sixAmps(t, 'TxProfile', { duration: t.data.chargingScheduleDurationS });
      t.touched.profiles = true;
      await charging(t, { chargingProfile: chargingProfile(t, planned) });
      await composite(t, { connectorId: t.connectorId, duration: t.data.chargingScheduleDurationS, profiles: [planned], transaction: true }, 'the TxProfile of the remote start');
    },
  },
  {
    id: 'TC_060_CS',
    title: 'Remote Start Transaction with Charging Profile - Rejected',
    profile: 'SmartCharging',
    section: '2.22.5',
    appliesTo: sc,
    decisions: ['The profile sent is a TxDefaultProfile (the document says only "not TxProfile"), for <Configured ConnectorId> and <Configured Valid IdTag>.'],
    async run(t) {
      t.touched.profiles = true;
      const cp = chargingProfile(t, sixAmps(t, 'TxDefaultProfile', { duration: t.data.chargingScheduleDurationS }));
      await t.send(
        'RemoteStartTransaction',
        { connectorId: t.connectorId, idTag: t.data.validIdTag, chargingProfile: cp },
        { checks: { status: 'Rejected' }, callErrors: ['PropertyConstraintViolation'] },
      );
    },
  },
];
