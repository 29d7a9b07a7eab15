// The bench's own rules over the OCPP schemas, as every face checks them: a charging profile that ends
// before it starts or is already over (its validity or its Absolute schedule), or is valid only until its
// schedule starts, on a connector its purpose
// does not belong on, a minimum rate above every limit, a card listed twice or with an expiry in the past
// are refused, naming the field.
import { describe, expect, it } from 'vitest';
import { benchRuleErrors } from '../../../../src/shared/api/bench-rules';

const now = Date.parse('2027-01-01T12:00:00.000Z');
const profile = (over: Record<string, unknown> = {}, schedule: Record<string, unknown> = {}) => ({
  chargingProfileId: 1,
  stackLevel: 0,
  chargingProfilePurpose: 'TxDefaultProfile',
  chargingProfileKind: 'Absolute',
  chargingSchedule: {
    chargingRateUnit: 'A',
    chargingSchedulePeriod: [
      { startPeriod: 0, limit: 16 },
      { startPeriod: 3600, limit: 10 },
    ],
    ...schedule,
  },
  ...over,
});
const setProfile = (p: unknown) => benchRuleErrors('SetChargingProfile', { connectorId: 1, csChargingProfiles: p }, { now });

describe("the bench's rules", () => {
  it('refuses a charging profile that ends before it starts, or is already over; a future end is fine', () => {
    expect(setProfile(profile({ validFrom: '2027-01-02T00:00:00Z', validTo: '2027-01-01T18:00:00Z' }))).toEqual({ 'csChargingProfiles.validTo': expect.stringContaining('Ends before it starts') });
    expect(setProfile(profile({ validTo: '2027-01-01T11:00:00Z' }))).toEqual({ 'csChargingProfiles.validTo': expect.stringContaining('Already over') });
    expect(setProfile(profile({ validFrom: '2027-01-01T00:00:00Z', validTo: '2027-01-03T00:00:00Z' }))).toEqual({});
    // The same rules for a profile sent with a remote start.
    expect(
      benchRuleErrors(
        'RemoteStartTransaction',
        { idTag: 'A', chargingProfile: profile({ chargingProfilePurpose: 'TxProfile', validFrom: '2027-01-02T00:00:00Z', validTo: '2027-01-01T18:00:00Z' }) },
        { now },
      ),
    ).toEqual({
      'chargingProfile.validTo': expect.stringContaining('Ends before it starts'),
    });
  });

  it('refuses an Absolute schedule that is already over (its start plus its duration has passed), not one still running or open-ended', () => {
    const over = { 'csChargingProfiles.chargingSchedule.duration': expect.stringContaining('Already over') };
    // Started an hour ago, 60 s long: over before it was sent.
    expect(setProfile(profile({}, { startSchedule: '2027-01-01T11:00:00Z', duration: 60 }))).toEqual(over);
    expect(setProfile(profile({}, { startSchedule: '2027-01-01T11:00:00Z', duration: 3600 }))).toEqual(over);
    // Still running, open-ended, or relative to the start of charging: fine.
    expect(setProfile(profile({}, { startSchedule: '2027-01-01T11:00:00Z', duration: 7200 }))).toEqual({});
    expect(setProfile(profile({}, { startSchedule: '2027-01-01T11:00:00Z' }))).toEqual({});
    expect(setProfile(profile({ chargingProfileKind: 'Relative' }, { duration: 60 }))).toEqual({});
    expect(setProfile(profile({ chargingProfileKind: 'Recurring', recurrencyKind: 'Daily' }, { startSchedule: '2026-12-01T11:00:00Z', duration: 60 }))).toEqual({});
  });

  it('refuses a profile valid only until its schedule starts, or before (it would never apply); not one valid past its start, nor a Relative one', () => {
    const never = { 'csChargingProfiles.validTo': 'Over before its schedule starts: pick a time after "Start schedule", or none' };
    // Valid to 17:00, its schedule starting at 17:30: never applies.
    expect(setProfile(profile({ validTo: '2027-01-01T17:00:00Z' }, { startSchedule: '2027-01-01T17:30:00Z' }))).toEqual(never);
    expect(setProfile(profile({ validTo: '2027-01-01T17:30:00Z' }, { startSchedule: '2027-01-01T17:30:00Z' }))).toEqual(never);
    // A Recurring schedule applies from its first start on: the same.
    expect(setProfile(profile({ chargingProfileKind: 'Recurring', recurrencyKind: 'Daily', validTo: '2027-01-01T17:00:00Z' }, { startSchedule: '2027-01-01T17:30:00Z' }))).toEqual(never);
    // The same rule for a remote start's profile.
    expect(
      benchRuleErrors(
        'RemoteStartTransaction',
        { idTag: 'A', chargingProfile: profile({ chargingProfilePurpose: 'TxProfile', validTo: '2027-01-01T17:00:00Z' }, { startSchedule: '2027-01-01T17:30:00Z' }) },
        { now },
      ),
    ).toEqual({ 'chargingProfile.validTo': never['csChargingProfiles.validTo'] });
    // Valid past its start, with no start, or Relative (its start is when charging starts): fine.
    expect(setProfile(profile({ validTo: '2027-01-01T18:00:00Z' }, { startSchedule: '2027-01-01T17:30:00Z' }))).toEqual({});
    expect(setProfile(profile({ validTo: '2027-01-01T18:00:00Z' }))).toEqual({});
    expect(setProfile(profile({ chargingProfileKind: 'Relative', validTo: '2027-01-01T17:00:00Z' }, { startSchedule: '2027-01-01T17:30:00Z' }))).toEqual({});
  });

  it('puts a ChargePointMaxProfile on connector 0 only and a TxProfile never there; a TxDefaultProfile goes on either', () => {
    const on = (connectorId: number, purpose: string) => benchRuleErrors('SetChargingProfile', { connectorId, csChargingProfiles: profile({ chargingProfilePurpose: purpose }) }, { now });
    expect(on(1, 'ChargePointMaxProfile')).toEqual({ connectorId: 'A ChargePointMaxProfile is set on connector 0 (the whole charger) only' });
    expect(on(0, 'ChargePointMaxProfile')).toEqual({});
    expect(on(0, 'TxProfile')).toEqual({ connectorId: expect.stringContaining('A TxProfile is set on the connector of its running transaction') });
    expect(on(2, 'TxProfile')).toEqual({});
    expect(on(0, 'TxDefaultProfile')).toEqual({});
    expect(on(2, 'TxDefaultProfile')).toEqual({});
    // A remote start's profile is the new transaction's TxProfile.
    expect(benchRuleErrors('RemoteStartTransaction', { idTag: 'A', chargingProfile: profile() }, { now })).toEqual({ 'chargingProfile.chargingProfilePurpose': expect.stringContaining('TxProfile') });
  });

  it('refuses a minimum charging rate above every period limit, not one within them', () => {
    expect(setProfile(profile({}, { minChargingRate: 50 }))).toEqual({ 'csChargingProfiles.chargingSchedule.minChargingRate': expect.stringContaining('the highest is 16') });
    expect(setProfile(profile({}, { minChargingRate: 12 }))).toEqual({});
    // Every limit 0 is a pause: a minimum rate does not contradict it.
    expect(setProfile(profile({}, { minChargingRate: 6, chargingSchedulePeriod: [{ startPeriod: 0, limit: 0 }] }))).toEqual({});
  });

  it('refuses a card listed twice (in any case), or one Accepted with an expiry in the past, in a local list', () => {
    const list = (entries: unknown[]) => benchRuleErrors('SendLocalList', { listVersion: 2, updateType: 'Full', localAuthorizationList: entries }, { now });
    expect(
      list([
        { idTag: 'CARD-1', idTagInfo: { status: 'Accepted' } },
        { idTag: 'CARD-2', idTagInfo: { status: 'Accepted', expiryDate: '2020-01-01T00:00:00Z' } },
        { idTag: 'card-1', idTagInfo: { status: 'Blocked' } },
      ]),
    ).toEqual({
      'localAuthorizationList.1.idTagInfo.expiryDate': expect.stringContaining('Accepted, with an expiry in the past'),
      'localAuthorizationList.2.idTag': 'Listed twice: entry 1 has this idTag too',
    });
    expect(list([{ idTag: 'CARD-1', idTagInfo: { status: 'Accepted', expiryDate: '2028-01-01T00:00:00Z' } }])).toEqual({});
    // What a back office sends for a card that has expired.
    expect(list([{ idTag: 'CARD-3', idTagInfo: { status: 'Expired', expiryDate: '2020-01-01T00:00:00Z' } }])).toEqual({});
  });

  it('refuses a list version above 2147483647: OCPP 1.6 integers are 32-bit', () => {
    const version = (listVersion: number) => benchRuleErrors('SendLocalList', { listVersion, updateType: 'Full', localAuthorizationList: [] }, { now });
    expect(version(99999999999)).toEqual({ listVersion: 'A list version is at most 2147483647 (OCPP 1.6 integers are 32-bit)' });
    expect(version(2147483648)).toEqual({ listVersion: expect.stringContaining('at most 2147483647') });
    expect(version(2147483647)).toEqual({});
  });
});

describe('OCPP 1.6 integers are 32-bit: every integer field of what the bench sends', () => {
  const over = 2147483648;
  const limit = (what: string) => `${what} is at most 2147483647 (OCPP 1.6 integers are 32-bit)`;
  const txProfile = (n: number) =>
    profile(
      { chargingProfileId: n, transactionId: n, stackLevel: n, chargingProfilePurpose: 'TxProfile' },
      {
        duration: n,
        chargingSchedulePeriod: [
          { startPeriod: 0, limit: 16, numberPhases: 3 },
          { startPeriod: n, limit: 10 },
        ],
      },
    );
  // Each operation panel's integer fields, named as the forms name them.
  const cases: Array<[Parameters<typeof benchRuleErrors>[0], (n: number) => unknown, Record<string, string>]> = [
    ['RemoteStartTransaction', (n) => ({ idTag: 'TAG', connectorId: n }), { connectorId: limit('A connector number') }],
    ['RemoteStopTransaction', (n) => ({ transactionId: n }), { transactionId: limit('A transaction id') }],
    ['UnlockConnector', (n) => ({ connectorId: n }), { connectorId: limit('A connector number') }],
    ['ChangeAvailability', (n) => ({ connectorId: n, type: 'Operative' }), { connectorId: limit('A connector number') }],
    ['TriggerMessage', (n) => ({ requestedMessage: 'StatusNotification', connectorId: n }), { connectorId: limit('A connector number') }],
    [
      'ReserveNow',
      (n) => ({ connectorId: n, expiryDate: '2027-01-02T00:00:00Z', idTag: 'TAG', reservationId: n }),
      { connectorId: limit('A connector number'), reservationId: limit('A reservation id') },
    ],
    ['CancelReservation', (n) => ({ reservationId: n }), { reservationId: limit('A reservation id') }],
    ['GetCompositeSchedule', (n) => ({ connectorId: n, duration: n }), { connectorId: limit('A connector number'), duration: limit('A duration (s)') }],
    ['ClearChargingProfile', (n) => ({ id: n, connectorId: n, stackLevel: n }), { id: limit('A charging profile id'), connectorId: limit('A connector number'), stackLevel: limit('A stack level') }],
    ['GetDiagnostics', (n) => ({ location: 'ftp://x/', retries: n, retryInterval: n }), { retries: limit('The number of retries'), retryInterval: limit('The retry interval (s)') }],
    [
      'UpdateFirmware',
      (n) => ({ location: 'ftp://x/f', retrieveDate: '2027-01-02T00:00:00Z', retries: n, retryInterval: n }),
      { retries: limit('The number of retries'), retryInterval: limit('The retry interval (s)') },
    ],
    ['SendLocalList', (n) => ({ listVersion: n, updateType: 'Full' }), { listVersion: limit('A list version') }],
    [
      'SetChargingProfile',
      (n) => ({ connectorId: 1, csChargingProfiles: txProfile(n) }),
      {
        'csChargingProfiles.chargingProfileId': limit('A charging profile id'),
        'csChargingProfiles.transactionId': limit('A transaction id'),
        'csChargingProfiles.stackLevel': limit('A stack level'),
        'csChargingProfiles.chargingSchedule.duration': limit('A duration (s)'),
        'csChargingProfiles.chargingSchedule.chargingSchedulePeriod.1.startPeriod': limit("A period's start (s)"),
      },
    ],
    ['RemoteStartTransaction', (n) => ({ idTag: 'TAG', connectorId: 1, chargingProfile: txProfile(n) }), { 'chargingProfile.stackLevel': limit('A stack level') }],
  ];

  it.each(cases)('%s: refuses a value above 2147483647 on the field, naming it and the limit; 2147483647 is kept', (action, payload, expected) => {
    expect(benchRuleErrors(action, payload(over), { now })).toMatchObject(expected);
    // 99999999999 (beyond 32 bits, within JavaScript's safe integers) likewise.
    expect(benchRuleErrors(action, payload(99999999999), { now })).toMatchObject(expected);
    const atMost = Object.values(benchRuleErrors(action, payload(2147483647), { now })).filter((m) => m.includes('32-bit'));
    expect(atMost).toEqual([]);
  });

  it('refuses a transaction id below 1 in a charging profile, as a remote stop does', () => {
    expect(setProfile(profile({ chargingProfilePurpose: 'TxProfile', transactionId: 0 }))).toEqual({ 'csChargingProfiles.transactionId': 'A transaction id is 1 or more' });
    expect(benchRuleErrors('RemoteStopTransaction', { transactionId: -1 }, { now })).toEqual({ transactionId: 'A transaction id is 1 or more' });
  });
});
