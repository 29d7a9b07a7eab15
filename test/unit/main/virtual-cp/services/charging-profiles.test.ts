// The virtual charge point's smart charging (OCPP 1.6 section 3.13) against fixed clock times: what
// SetChargingProfile and ClearChargingProfile answer, and the composite schedules and limits that follow.
import { describe, expect, it } from 'vitest';
import { GetCompositeScheduleResponse, type ChargingProfile, type ChargingSchedulePeriod, type GetCompositeScheduleRequest } from '../../../../../src/shared/ocpp16';
import { ChargingProfiles, type ActiveTransaction, type SmartChargingLimits } from '../../../../../src/main/virtual-cp/services/charging-profiles';

const T0 = Date.UTC(2024, 4, 1, 10, 0, 0); // 2024-05-01T10:00:00Z, a Wednesday
const iso = (t: number) => new Date(t).toISOString();
const min = 60_000;
const hour = 60 * min;
const day = 24 * hour;

const limits: SmartChargingLimits = { maxStackLevel: 8, allowedRateUnits: ['A', 'W'], maxPeriods: 24, maxProfiles: 10 };
const noTx = () => null;
const txOn =
  (connectorId: number, transactionId = 42, startedAt = T0 - 10 * min) =>
  (c: number): ActiveTransaction | null =>
    c === connectorId ? { transactionId, startedAt } : null;

type Over = Partial<Omit<ChargingProfile, 'chargingSchedule'>> & { schedule?: Partial<ChargingProfile['chargingSchedule']> };
const profile = (id: number, periods: ChargingSchedulePeriod[], over: Over = {}): ChargingProfile => {
  const { schedule, ...rest } = over;
  return {
    chargingProfileId: id,
    stackLevel: 0,
    chargingProfilePurpose: 'TxDefaultProfile',
    chargingProfileKind: 'Absolute',
    ...rest,
    chargingSchedule: { chargingRateUnit: 'A', chargingSchedulePeriod: periods, ...schedule },
  };
};
const flat = (id: number, limit: number, over: Over = {}) => profile(id, [{ startPeriod: 0, limit }], over);

const sc = (connectors = 2, extra: { voltage?: number; defaultPhases?: number; maxCurrentA?: number } = {}) => new ChargingProfiles({ connectors, ...extra });

/** The composite answer, checked against the OCPP schema every time. */
const composite = (s: ChargingProfiles, req: GetCompositeScheduleRequest, now = T0, activeTx = noTx as (c: number) => ActiveTransaction | null) => {
  const answer = s.composite(req, now, activeTx);
  expect(GetCompositeScheduleResponse.safeParse(answer).success, JSON.stringify(answer)).toBe(true);
  return answer;
};
const periods = (answer: ReturnType<ChargingProfiles['composite']>) => answer.chargingSchedule?.chargingSchedulePeriod.map((p) => [p.startPeriod, p.limit]);

describe('SetChargingProfile', () => {
  it('takes a ChargePointMaxProfile only on connector 0', () => {
    const s = sc();
    const p = flat(1, 32, { chargingProfilePurpose: 'ChargePointMaxProfile' });
    expect(s.set({ connectorId: 1, csChargingProfiles: p }, T0, noTx, limits)).toBe('Rejected');
    expect(s.set({ connectorId: 0, csChargingProfiles: p }, T0, noTx, limits)).toBe('Accepted');
    expect(s.profiles()).toEqual([{ connectorId: 0, profile: p, installedAt: T0 }]);
  });

  it('takes a TxDefaultProfile on connector 0 or any existing connector', () => {
    const s = sc(2);
    expect(s.set({ connectorId: 0, csChargingProfiles: flat(1, 16) }, T0, noTx, limits)).toBe('Accepted');
    expect(s.set({ connectorId: 2, csChargingProfiles: flat(2, 10) }, T0, noTx, limits)).toBe('Accepted');
    expect(s.set({ connectorId: 3, csChargingProfiles: flat(3, 10) }, T0, noTx, limits)).toBe('Rejected');
    expect(s.set({ connectorId: -1, csChargingProfiles: flat(4, 10) }, T0, noTx, limits)).toBe('Rejected');
  });

  it('takes a TxProfile only on a connector with a matching transaction, and binds it to that transaction', () => {
    const s = sc(2);
    const tx = flat(1, 10, { chargingProfilePurpose: 'TxProfile' });
    expect(s.set({ connectorId: 0, csChargingProfiles: tx }, T0, txOn(1), limits)).toBe('Rejected');
    expect(s.set({ connectorId: 1, csChargingProfiles: tx }, T0, noTx, limits)).toBe('Rejected');
    expect(s.set({ connectorId: 2, csChargingProfiles: tx }, T0, txOn(1), limits)).toBe('Rejected');
    expect(s.set({ connectorId: 1, csChargingProfiles: { ...tx, transactionId: 7 } }, T0, txOn(1, 42), limits)).toBe('Rejected');
    expect(s.profiles()).toEqual([]);
    expect(s.set({ connectorId: 1, csChargingProfiles: { ...tx, transactionId: 42 } }, T0, txOn(1, 42), limits)).toBe('Accepted');
    expect(s.set({ connectorId: 1, csChargingProfiles: { ...tx, chargingProfileId: 2, stackLevel: 1 } }, T0, txOn(1, 42), limits)).toBe('Accepted');
    expect(s.profiles().map((ip) => ip.profile.transactionId)).toEqual([42, 42]);
  });

  it('rejects a stack level outside 0..ChargeProfileMaxStackLevel', () => {
    const s = sc();
    expect(s.set({ connectorId: 0, csChargingProfiles: flat(1, 16, { stackLevel: 9 }) }, T0, noTx, limits)).toBe('Rejected');
    expect(s.set({ connectorId: 0, csChargingProfiles: flat(1, 16, { stackLevel: -1 }) }, T0, noTx, limits)).toBe('Rejected');
    expect(s.set({ connectorId: 0, csChargingProfiles: flat(1, 16, { stackLevel: 8 }) }, T0, noTx, limits)).toBe('Accepted');
  });

  it('rejects a rate unit the charger does not allow, and says NotSupported when it allows none', () => {
    const s = sc();
    const watts = flat(1, 11000, { schedule: { chargingRateUnit: 'W' } });
    expect(s.set({ connectorId: 0, csChargingProfiles: watts }, T0, noTx, { ...limits, allowedRateUnits: ['A'] })).toBe('Rejected');
    expect(s.set({ connectorId: 0, csChargingProfiles: watts }, T0, noTx, { ...limits, allowedRateUnits: ['W'] })).toBe('Accepted');
    expect(s.set({ connectorId: 0, csChargingProfiles: flat(2, 16) }, T0, noTx, { ...limits, allowedRateUnits: [] })).toBe('NotSupported');
  });

  it('rejects more periods than ChargingScheduleMaxPeriods', () => {
    const s = sc();
    const three = profile(
      1,
      [0, 60, 120].map((startPeriod) => ({ startPeriod, limit: 10 })),
    );
    expect(s.set({ connectorId: 0, csChargingProfiles: three }, T0, noTx, { ...limits, maxPeriods: 2 })).toBe('Rejected');
    expect(s.set({ connectorId: 0, csChargingProfiles: three }, T0, noTx, { ...limits, maxPeriods: 3 })).toBe('Accepted');
  });

  it('rejects malformed schedules: a Recurring without recurrencyKind, periods out of order, validTo before validFrom', () => {
    const s = sc();
    const bad = [
      flat(1, 16, { chargingProfileKind: 'Recurring' }),
      profile(2, [
        { startPeriod: 60, limit: 10 },
        { startPeriod: 0, limit: 8 },
      ]),
      profile(3, [
        { startPeriod: 0, limit: 10 },
        { startPeriod: 0, limit: 8 },
      ]),
      profile(4, [{ startPeriod: 0, limit: -1 }]),
      profile(5, [{ startPeriod: 0, limit: 10, numberPhases: 4 }]),
      flat(6, 16, { validFrom: iso(T0 + hour), validTo: iso(T0) }),
    ];
    for (const p of bad) expect(s.set({ connectorId: 0, csChargingProfiles: p }, T0, noTx, limits), JSON.stringify(p)).toBe('Rejected');
    expect(s.profiles()).toEqual([]);
  });

  it('replaces a profile with the same chargingProfileId, or the same connector, purpose and stack level', () => {
    const s = sc();
    expect(s.set({ connectorId: 1, csChargingProfiles: flat(1, 16) }, T0, noTx, limits)).toBe('Accepted');
    // Same id, elsewhere: moves.
    expect(s.set({ connectorId: 2, csChargingProfiles: flat(1, 12, { stackLevel: 3 }) }, T0 + 1, noTx, limits)).toBe('Accepted');
    expect(s.profiles()).toEqual([{ connectorId: 2, profile: flat(1, 12, { stackLevel: 3 }), installedAt: T0 + 1 }]);
    // Same connector, purpose and stack level, another id.
    expect(s.set({ connectorId: 2, csChargingProfiles: flat(5, 8, { stackLevel: 3 }) }, T0 + 2, noTx, limits)).toBe('Accepted');
    expect(s.profiles().map((ip) => ip.profile.chargingProfileId)).toEqual([5]);
    // Same stack level on another connector or purpose is a different slot.
    expect(s.set({ connectorId: 1, csChargingProfiles: flat(6, 8, { stackLevel: 3 }) }, T0, noTx, limits)).toBe('Accepted');
    expect(s.set({ connectorId: 0, csChargingProfiles: flat(7, 8, { stackLevel: 3, chargingProfilePurpose: 'ChargePointMaxProfile' }) }, T0, noTx, limits)).toBe('Accepted');
    expect(s.profiles().map((ip) => ip.profile.chargingProfileId)).toEqual([5, 6, 7]);
  });

  it('rejects a profile beyond MaxChargingProfilesInstalled, but not a replacement', () => {
    const s = sc();
    const two = { ...limits, maxProfiles: 2 };
    expect(s.set({ connectorId: 0, csChargingProfiles: flat(1, 16) }, T0, noTx, two)).toBe('Accepted');
    expect(s.set({ connectorId: 1, csChargingProfiles: flat(2, 16) }, T0, noTx, two)).toBe('Accepted');
    expect(s.set({ connectorId: 2, csChargingProfiles: flat(3, 16) }, T0, noTx, two)).toBe('Rejected');
    expect(s.set({ connectorId: 1, csChargingProfiles: flat(2, 10) }, T0, noTx, two)).toBe('Accepted');
    expect(s.set({ connectorId: 0, csChargingProfiles: flat(9, 10) }, T0, noTx, two)).toBe('Accepted');
    expect(s.profiles().map((ip) => ip.profile.chargingProfileId)).toEqual([2, 9]);
  });

  it('starts from restored profiles', () => {
    const restored = [{ connectorId: 0, profile: flat(3, 20), installedAt: T0 - day }];
    const s = new ChargingProfiles({ connectors: 1, profiles: restored });
    expect(s.profiles()).toEqual(restored);
    expect(s.limitW(1, T0, noTx)).toBe(20 * 230 * 3);
  });
});

describe('ClearChargingProfile', () => {
  const setup = () => {
    const s = sc();
    s.set({ connectorId: 0, csChargingProfiles: flat(1, 32, { chargingProfilePurpose: 'ChargePointMaxProfile' }) }, T0, noTx, limits);
    s.set({ connectorId: 0, csChargingProfiles: flat(2, 16) }, T0, noTx, limits);
    s.set({ connectorId: 1, csChargingProfiles: flat(3, 10, { stackLevel: 1 }) }, T0, noTx, limits);
    s.set({ connectorId: 2, csChargingProfiles: flat(4, 10, { stackLevel: 1 }) }, T0, noTx, limits);
    return s;
  };
  const ids = (s: ChargingProfiles) => s.profiles().map((ip) => ip.profile.chargingProfileId);

  it('with an id removes that profile and ignores the other criteria', () => {
    const s = setup();
    expect(s.clear({ id: 3, connectorId: 2, chargingProfilePurpose: 'ChargePointMaxProfile' })).toBe('Accepted');
    expect(ids(s)).toEqual([1, 2, 4]);
    expect(s.clear({ id: 3 })).toBe('Unknown');
    expect(s.clear({ id: 99, connectorId: 0 })).toBe('Unknown');
    expect(ids(s)).toEqual([1, 2, 4]);
  });

  it('otherwise removes every profile matching all given criteria', () => {
    const s = setup();
    expect(s.clear({ connectorId: 0, chargingProfilePurpose: 'TxProfile' })).toBe('Unknown');
    expect(s.clear({ chargingProfilePurpose: 'TxDefaultProfile', stackLevel: 1 })).toBe('Accepted');
    expect(ids(s)).toEqual([1, 2]);
    expect(s.clear({ connectorId: 0, stackLevel: 0, chargingProfilePurpose: 'ChargePointMaxProfile' })).toBe('Accepted');
    expect(ids(s)).toEqual([2]);
  });

  it('with no criteria removes everything', () => {
    const s = setup();
    expect(s.clear({})).toBe('Accepted');
    expect(s.profiles()).toEqual([]);
    expect(s.clear({})).toBe('Unknown');
  });
});

describe('transactions', () => {
  it('takes a TxProfile while the StartTransaction is unanswered (no id yet) and binds it to the id that comes', () => {
    const s = sc();
    const pending = txOn(1, -1);
    expect(s.set({ connectorId: 1, csChargingProfiles: flat(7, 10, { chargingProfilePurpose: 'TxProfile', transactionId: 99 }) }, T0, pending, limits)).toBe('Accepted');
    expect(s.profiles()[0].profile.transactionId).toBeUndefined();
    s.bindTransaction(1, 42);
    expect(s.profiles()[0].profile.transactionId).toBe(42);
    expect(s.limitW(1, T0, txOn(1, 42))).toBe(10 * 230 * 3);
  });

  it('drops the TxProfiles of a transaction when it ends, keeping the defaults', () => {
    const s = sc();
    s.set({ connectorId: 0, csChargingProfiles: flat(1, 16) }, T0, noTx, limits);
    s.set({ connectorId: 1, csChargingProfiles: flat(2, 10, { chargingProfilePurpose: 'TxProfile' }) }, T0, txOn(1, 42), limits);
    s.set({ connectorId: 2, csChargingProfiles: flat(3, 10, { chargingProfilePurpose: 'TxProfile' }) }, T0, txOn(2, 43), limits);
    s.transactionEnded(1, 42);
    expect(s.profiles().map((ip) => ip.profile.chargingProfileId)).toEqual([1, 3]);
    s.transactionEnded(2, null);
    expect(s.profiles().map((ip) => ip.profile.chargingProfileId)).toEqual([1]);
  });

  it('installs a RemoteStartTransaction profile unbound, applies it once the transaction runs, binds it, and drops it at the end', () => {
    const s = sc();
    expect(s.installRemoteStartProfile(1, flat(1, 10), T0, limits)).toBe(false); // TxDefaultProfile
    expect(s.installRemoteStartProfile(0, flat(1, 10, { chargingProfilePurpose: 'TxProfile' }), T0, limits)).toBe(false);
    expect(s.installRemoteStartProfile(1, flat(1, 10, { chargingProfilePurpose: 'TxProfile', schedule: { chargingRateUnit: 'W' } }), T0, { ...limits, allowedRateUnits: ['A'] })).toBe(false);
    const two = profile(
      1,
      [
        { startPeriod: 0, limit: 10 },
        { startPeriod: 60, limit: 12 },
      ],
      { chargingProfilePurpose: 'TxProfile' },
    );
    expect(s.installRemoteStartProfile(1, two, T0, { ...limits, maxPeriods: 1 })).toBe(false);
    expect(s.profiles()).toEqual([]);

    const tx = flat(5, 10, { chargingProfilePurpose: 'TxProfile', chargingProfileKind: 'Relative', transactionId: 1 });
    expect(s.installRemoteStartProfile(1, tx, T0, limits)).toBe(true);
    expect(s.profiles()[0].profile.transactionId).toBeUndefined();
    expect(s.limitW(1, T0, noTx)).toBe(Infinity); // no transaction yet
    expect(s.limitW(1, T0, txOn(1, 42))).toBe(10 * 230 * 3);
    s.bindTransaction(1, 42);
    expect(s.profiles()[0].profile.transactionId).toBe(42);
    expect(s.limitW(1, T0, txOn(1, 43))).toBe(Infinity); // bound to another transaction
    s.transactionEnded(1, 42);
    expect(s.profiles()).toEqual([]);
  });
});

describe('limits', () => {
  it('is Infinity with no profile, and converts A to W with the voltage and phases', () => {
    const s = sc(1, { voltage: 240 });
    expect(s.limitW(1, T0, noTx)).toBe(Infinity);
    s.set({ connectorId: 0, csChargingProfiles: profile(1, [{ startPeriod: 0, limit: 16, numberPhases: 1 }]) }, T0, noTx, limits);
    expect(s.limitW(1, T0, noTx)).toBe(16 * 240);
    expect(s.limitW(0, T0, noTx)).toBe(16 * 240);
    expect(s.limitW(5, T0, noTx)).toBe(Infinity);
    const defaults1 = sc(1, { defaultPhases: 1 });
    defaults1.set({ connectorId: 0, csChargingProfiles: flat(1, 16) }, T0, noTx, limits);
    expect(defaults1.limitW(1, T0, noTx)).toBe(16 * 230);
  });

  it('takes the highest stack level valid at the moment within a purpose', () => {
    const s = sc(1);
    s.set({ connectorId: 1, csChargingProfiles: flat(1, 16) }, T0, noTx, limits);
    s.set({ connectorId: 1, csChargingProfiles: flat(2, 8, { stackLevel: 2, validFrom: iso(T0 + hour), validTo: iso(T0 + 2 * hour) }) }, T0, noTx, limits);
    s.set({ connectorId: 1, csChargingProfiles: flat(3, 20, { stackLevel: 1 }) }, T0, noTx, limits);
    expect(s.limitW(1, T0, noTx)).toBe(20 * 690);
    expect(s.limitW(1, T0 + hour, noTx)).toBe(8 * 690);
    expect(s.limitW(1, T0 + 2 * hour, noTx)).toBe(20 * 690);
  });

  it('is min(ChargePointMaxProfile, TxProfile if present else TxDefaultProfile), whatever the units', () => {
    const s = sc(2);
    s.set({ connectorId: 0, csChargingProfiles: flat(1, 11000, { chargingProfilePurpose: 'ChargePointMaxProfile', schedule: { chargingRateUnit: 'W' } }) }, T0, noTx, limits);
    s.set({ connectorId: 0, csChargingProfiles: flat(2, 10, { stackLevel: 5 }) }, T0, noTx, limits);
    s.set({ connectorId: 1, csChargingProfiles: flat(3, 32, { chargingProfilePurpose: 'TxProfile' }) }, T0, txOn(1), limits);
    expect(s.limitW(2, T0, txOn(1))).toBe(10 * 690); // TxDefaultProfile below the maximum
    expect(s.limitW(1, T0, txOn(1))).toBe(11000); // TxProfile overrides the default even above it, the maximum caps it
    s.clear({ id: 1 });
    expect(s.limitW(1, T0, txOn(1))).toBe(32 * 690);
  });

  it("lets a connector's own TxDefaultProfile override connector 0's", () => {
    const s = sc(2);
    s.set({ connectorId: 0, csChargingProfiles: flat(1, 16, { stackLevel: 5 }) }, T0, noTx, limits);
    s.set({ connectorId: 2, csChargingProfiles: flat(2, 24, { stackLevel: 0, validTo: iso(T0 + hour) }) }, T0, noTx, limits);
    expect(s.limitW(1, T0, noTx)).toBe(16 * 690);
    expect(s.limitW(2, T0, noTx)).toBe(24 * 690);
    expect(s.limitW(2, T0 + hour, noTx)).toBe(16 * 690);
  });
});

describe('GetCompositeSchedule', () => {
  it('is Rejected for a connector that does not exist', () => {
    const s = sc(2);
    expect(composite(s, { connectorId: 3, duration: 3600 })).toEqual({ status: 'Rejected' });
    expect(composite(s, { connectorId: -1, duration: 3600 })).toEqual({ status: 'Rejected' });
  });

  it('is Accepted without a schedule when no profile applies in the window', () => {
    const s = sc(2);
    expect(composite(s, { connectorId: 1, duration: 3600 })).toEqual({ status: 'Accepted', connectorId: 1, scheduleStart: iso(T0) });
    s.set({ connectorId: 1, csChargingProfiles: flat(1, 16, { validFrom: iso(T0 + 2 * hour) }) }, T0, noTx, limits);
    expect(composite(s, { connectorId: 1, duration: 3600 }).chargingSchedule).toBeUndefined();
  });

  it('answers one period for a flat profile, in its own unit by default', () => {
    const s = sc(1);
    s.set({ connectorId: 0, csChargingProfiles: flat(1, 16) }, T0 - day, noTx, limits);
    expect(composite(s, { connectorId: 1, duration: 3600 })).toEqual({
      status: 'Accepted',
      connectorId: 1,
      scheduleStart: iso(T0),
      chargingSchedule: {
        duration: 3600,
        chargingRateUnit: 'A',
        startSchedule: iso(T0),
        chargingSchedulePeriod: [{ startPeriod: 0, limit: 16, numberPhases: 3 }],
      },
    });
  });

  it('converts to the requested unit, rounding limits down to a tenth', () => {
    const s = sc(1);
    s.set({ connectorId: 0, csChargingProfiles: flat(1, 22000, { schedule: { chargingRateUnit: 'W' } }) }, T0, noTx, limits);
    expect(periods(composite(s, { connectorId: 1, duration: 60, chargingRateUnit: 'A' }))).toEqual([[0, 31.8]]);
    expect(periods(composite(s, { connectorId: 1, duration: 60 }))).toEqual([[0, 22000]]);
    const a = sc(1);
    a.set({ connectorId: 0, csChargingProfiles: profile(1, [{ startPeriod: 0, limit: 16.3, numberPhases: 1 }]) }, T0, noTx, limits);
    const w = composite(a, { connectorId: 1, duration: 60, chargingRateUnit: 'W' });
    expect(w.chargingSchedule?.chargingRateUnit).toBe('W');
    expect(w.chargingSchedule?.chargingSchedulePeriod).toEqual([{ startPeriod: 0, limit: 3749, numberPhases: 1 }]);
  });

  it('follows the periods of an Absolute profile from its startSchedule, and merges equal neighbours', () => {
    const s = sc(1);
    const p = profile(
      1,
      [
        { startPeriod: 0, limit: 32 },
        { startPeriod: 600, limit: 16 },
        { startPeriod: 1200, limit: 16 },
        { startPeriod: 1800, limit: 8 },
      ],
      { schedule: { startSchedule: iso(T0 - 300_000) } },
    );
    s.set({ connectorId: 0, csChargingProfiles: p }, T0 - hour, noTx, limits);
    expect(periods(composite(s, { connectorId: 1, duration: 3600 }))).toEqual([
      [0, 32],
      [300, 16],
      [1500, 8],
    ]);
  });

  it('starts an Absolute profile without startSchedule at its install time', () => {
    const s = sc(1);
    s.set(
      {
        connectorId: 0,
        csChargingProfiles: profile(1, [
          { startPeriod: 0, limit: 20 },
          { startPeriod: 900, limit: 10 },
        ]),
      },
      T0 - 600_000,
      noTx,
      limits,
    );
    expect(periods(composite(s, { connectorId: 1, duration: 3600 }))).toEqual([
      [0, 20],
      [300, 10],
    ]);
  });

  it('lets a lower stack level take over when a higher one ends, and stops at the schedule duration', () => {
    const s = sc(1);
    s.set({ connectorId: 0, csChargingProfiles: flat(1, 16) }, T0, noTx, limits);
    s.set({ connectorId: 0, csChargingProfiles: flat(2, 6, { stackLevel: 3, schedule: { startSchedule: iso(T0 + 600_000), duration: 1200 } }) }, T0, noTx, limits);
    expect(periods(composite(s, { connectorId: 1, duration: 3600 }))).toEqual([
      [0, 16],
      [600, 6],
      [1800, 16],
    ]);
  });

  it('leaves out a leading stretch without limit, and ends the schedule where a later one begins', () => {
    const s = sc(1);
    s.set({ connectorId: 0, csChargingProfiles: flat(1, 16, { validFrom: iso(T0 + 600_000), validTo: iso(T0 + 1800_000) }) }, T0, noTx, limits);
    const answer = composite(s, { connectorId: 1, duration: 3600 });
    expect(periods(answer)).toEqual([[600, 16]]);
    expect(answer.chargingSchedule?.duration).toBe(1800);
  });

  it('fills stretches without limit with the rated current when it is known', () => {
    const s = sc(1, { maxCurrentA: 32 });
    s.set({ connectorId: 0, csChargingProfiles: flat(1, 16, { validFrom: iso(T0 + 600_000), validTo: iso(T0 + 1800_000) }) }, T0, noTx, limits);
    const answer = composite(s, { connectorId: 1, duration: 3600 });
    expect(periods(answer)).toEqual([
      [0, 32],
      [600, 16],
      [1800, 32],
    ]);
    expect(answer.chargingSchedule?.duration).toBe(3600);
  });

  it('answers the rated current alone when no profile sets a limit and it is known (OCTT TC_067_CS, last step)', () => {
    const answer = composite(sc(1, { maxCurrentA: 32 }), { connectorId: 1, duration: 350 });
    expect(periods(answer)).toEqual([[0, 32]]);
    expect(answer.chargingSchedule).toMatchObject({ duration: 350, chargingRateUnit: 'A' });
    expect(periods(composite(sc(1, { maxCurrentA: 32 }), { connectorId: 1, duration: 350, chargingRateUnit: 'W' }))).toEqual([[0, 32 * 690]]);
  });

  it('lets a valid TxProfile overrule the TxDefaultProfiles for the whole transaction, after its schedule ends too (OCTT TC_066_CS)', () => {
    const s = sc(1, { maxCurrentA: 32 });
    const window = { validFrom: iso(T0), validTo: iso(T0 + 401_000) };
    s.set({ connectorId: 0, csChargingProfiles: flat(1, 10, { chargingProfilePurpose: 'ChargePointMaxProfile', schedule: { startSchedule: iso(T0), duration: 86_400 } }) }, T0, noTx, limits);
    const steps = (list: Array<[number, number]>) => list.map(([startPeriod, limit]) => ({ startPeriod, limit }));
    const tx = txOn(1);
    s.set(
      {
        connectorId: 1,
        csChargingProfiles: profile(
          2,
          steps([
            [0, 6],
            [60, 10],
            [120, 8],
            [180, 15],
            [260, 8],
          ]),
          { ...window, schedule: { startSchedule: iso(T0), duration: 300 } },
        ),
      },
      T0,
      tx,
      limits,
    );
    s.set(
      {
        connectorId: 1,
        csChargingProfiles: profile(
          3,
          steps([
            [0, 8],
            [50, 11],
            [140, 16],
            [200, 6],
            [240, 12],
          ]),
          { ...window, chargingProfilePurpose: 'TxProfile', schedule: { startSchedule: iso(T0), duration: 260 } },
        ),
      },
      T0,
      tx,
      limits,
    );
    expect(periods(composite(s, { connectorId: 1, duration: 400, chargingRateUnit: 'A' }, T0, tx))).toEqual([
      [0, 8],
      [50, 10],
      [200, 6],
      [240, 10],
    ]);
  });

  it('starts a Relative profile at the transaction start, or at the moment asked without a transaction', () => {
    const s = sc(1);
    const rel = profile(
      1,
      [
        { startPeriod: 0, limit: 32 },
        { startPeriod: 1800, limit: 10 },
      ],
      { chargingProfileKind: 'Relative' },
    );
    s.set({ connectorId: 0, csChargingProfiles: rel }, T0 - day, noTx, limits);
    expect(periods(composite(s, { connectorId: 1, duration: 3600 }, T0, txOn(1, 42, T0 - 20 * min)))).toEqual([
      [0, 32],
      [600, 10],
    ]);
    expect(periods(composite(s, { connectorId: 1, duration: 3600 }))).toEqual([
      [0, 32],
      [1800, 10],
    ]);
    expect(s.limitW(1, T0, txOn(1, 42, T0 - hour))).toBe(10 * 690);
  });

  it('repeats a Daily Recurring profile from its startSchedule', () => {
    const s = sc(1);
    // 16 A from 18:00 for four hours, every day from 2024-04-01.
    const daily = profile(1, [{ startPeriod: 0, limit: 16 }], {
      chargingProfileKind: 'Recurring',
      recurrencyKind: 'Daily',
      schedule: { startSchedule: '2024-04-01T18:00:00Z', duration: 4 * 3600 },
    });
    s.set({ connectorId: 0, csChargingProfiles: daily }, T0, noTx, limits);
    const base = profile(
      2,
      [
        { startPeriod: 0, limit: 32 },
        { startPeriod: 3600, limit: 24 },
      ],
      {
        chargingProfileKind: 'Recurring',
        recurrencyKind: 'Daily',
        stackLevel: 0,
        chargingProfilePurpose: 'ChargePointMaxProfile',
        schedule: { startSchedule: '2024-04-01T00:00:00Z' },
      },
    );
    s.set({ connectorId: 0, csChargingProfiles: base }, T0, noTx, limits);
    // From 10:00 for 36 h: ChargePointMax 24 A until midnight, 32 A 00:00-01:00, 24 A on; TxDefault 16 A 18:00-22:00.
    const answer = composite(s, { connectorId: 1, duration: 36 * 3600 });
    expect(periods(answer)).toEqual([
      [0, 24],
      [8 * 3600, 16],
      [12 * 3600, 24],
      [14 * 3600, 32],
      [15 * 3600, 24],
      [32 * 3600, 16],
    ]);
    expect(s.limitW(1, Date.UTC(2024, 4, 2, 19, 30), noTx)).toBe(16 * 690);
    expect(s.limitW(1, Date.UTC(2024, 2, 31, 19, 0), noTx)).toBe(Infinity); // before the first recurrences
  });

  it('repeats a Weekly Recurring profile', () => {
    const s = sc(1);
    // Mondays 08:00-12:00 at 6 A.
    const weekly = profile(1, [{ startPeriod: 0, limit: 6 }], {
      chargingProfileKind: 'Recurring',
      recurrencyKind: 'Weekly',
      schedule: { startSchedule: '2024-04-01T08:00:00Z', duration: 4 * 3600 },
    });
    s.set({ connectorId: 0, csChargingProfiles: weekly }, T0, noTx, limits);
    expect(s.limitW(1, Date.UTC(2024, 4, 6, 9), noTx)).toBe(6 * 690); // Monday 2024-05-06
    expect(s.limitW(1, Date.UTC(2024, 4, 7, 9), noTx)).toBe(Infinity);
    const answer = composite(s, { connectorId: 1, duration: 7 * 86400 }, Date.UTC(2024, 4, 6, 0));
    expect(periods(answer)).toEqual([[8 * 3600, 6]]);
    expect(answer.chargingSchedule?.duration).toBe(12 * 3600);
  });

  it('honours validFrom and validTo', () => {
    const s = sc(1);
    s.set({ connectorId: 0, csChargingProfiles: flat(1, 16) }, T0, noTx, limits);
    s.set({ connectorId: 0, csChargingProfiles: flat(2, 10, { stackLevel: 1, validFrom: iso(T0 + 15 * min), validTo: iso(T0 + 45 * min) }) }, T0, noTx, limits);
    expect(periods(composite(s, { connectorId: 1, duration: 3600 }))).toEqual([
      [0, 16],
      [900, 10],
      [2700, 16],
    ]);
    expect(s.limitW(1, T0 + 15 * min - 1, noTx)).toBe(16 * 690);
    expect(s.limitW(1, T0 + 45 * min, noTx)).toBe(16 * 690);
  });

  it('combines ChargePointMaxProfile with the TxProfile of the running transaction', () => {
    const s = sc(2);
    s.set(
      {
        connectorId: 0,
        csChargingProfiles: profile(
          1,
          [
            { startPeriod: 0, limit: 20 },
            { startPeriod: 1800, limit: 10 },
          ],
          { chargingProfilePurpose: 'ChargePointMaxProfile', schedule: { startSchedule: iso(T0) } },
        ),
      },
      T0,
      noTx,
      limits,
    );
    s.set({ connectorId: 1, csChargingProfiles: flat(2, 6) }, T0, noTx, limits);
    const tx = txOn(1, 42, T0 - 10 * min);
    s.set(
      {
        connectorId: 1,
        csChargingProfiles: profile(
          3,
          [
            { startPeriod: 0, limit: 32 },
            { startPeriod: 1200, limit: 14 },
          ],
          { chargingProfilePurpose: 'TxProfile', chargingProfileKind: 'Relative' },
        ),
      },
      T0,
      tx,
      limits,
    );
    expect(periods(composite(s, { connectorId: 1, duration: 3600 }, T0, tx))).toEqual([
      [0, 20],
      [600, 14],
      [1800, 10],
    ]);
    // Without the transaction its TxProfile does not apply, the connector's default does.
    expect(periods(composite(s, { connectorId: 1, duration: 3600 }))).toEqual([[0, 6]]);
  });

  it('answers for connector 0 with ChargePointMaxProfile and connector 0 TxDefaultProfile only', () => {
    const s = sc(2);
    s.set({ connectorId: 0, csChargingProfiles: flat(1, 40, { chargingProfilePurpose: 'ChargePointMaxProfile' }) }, T0, noTx, limits);
    s.set({ connectorId: 1, csChargingProfiles: flat(2, 6) }, T0, noTx, limits);
    expect(periods(composite(s, { connectorId: 0, duration: 600 }))).toEqual([[0, 40]]);
    s.set({ connectorId: 0, csChargingProfiles: flat(3, 25, { validTo: iso(T0 + 5 * min) }) }, T0, noTx, limits);
    const answer = composite(s, { connectorId: 0, duration: 600 }, T0, txOn(1));
    expect(answer.connectorId).toBe(0);
    expect(periods(answer)).toEqual([
      [0, 25],
      [300, 40],
    ]);
  });

  it('keeps the number of phases of the limiting period', () => {
    const s = sc(1);
    s.set(
      {
        connectorId: 0,
        csChargingProfiles: profile(1, [
          { startPeriod: 0, limit: 16, numberPhases: 1 },
          { startPeriod: 600, limit: 16 },
        ]),
      },
      T0,
      noTx,
      limits,
    );
    expect(composite(s, { connectorId: 1, duration: 1200 }).chargingSchedule?.chargingSchedulePeriod).toEqual([
      { startPeriod: 0, limit: 16, numberPhases: 1 },
      { startPeriod: 600, limit: 16, numberPhases: 3 },
    ]);
  });

  it('answers a zero duration with the limit at that moment', () => {
    const s = sc(1);
    s.set({ connectorId: 0, csChargingProfiles: flat(1, 16) }, T0, noTx, limits);
    const answer = composite(s, { connectorId: 1, duration: 0 });
    expect(periods(answer)).toEqual([[0, 16]]);
    expect(answer.chargingSchedule?.duration).toBe(0);
  });
});
