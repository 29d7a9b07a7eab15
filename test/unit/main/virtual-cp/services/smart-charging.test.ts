// Smart charging as the charger runs it on a FakeClock: the keys bound the profiles, a running session
// follows its schedule's periods by itself, and a remote start's TxProfile is bound to the transaction.
import { describe, expect, it } from 'vitest';
import type { ChargingProfile } from '../../../../../src/shared/ocpp16';
import { fakeWire } from '../../../../helpers/vcp-model';

const txDefault = (periods: Array<[number, number]>, over: Partial<ChargingProfile> = {}): ChargingProfile => ({
  chargingProfileId: 1,
  stackLevel: 0,
  chargingProfilePurpose: 'TxDefaultProfile',
  chargingProfileKind: 'Relative',
  chargingSchedule: { chargingRateUnit: 'A', chargingSchedulePeriod: periods.map(([startPeriod, limit]) => ({ startPeriod, limit })) },
  ...over,
});

describe('smart charging', () => {
  it('follows a schedule\u2019s periods by itself: 16 A, then 0 A (SuspendedEVSE) ten minutes in', async () => {
    const w = fakeWire();
    expect(
      w.cp.smartCharging.set({
        connectorId: 0,
        csChargingProfiles: txDefault([
          [0, 16],
          [600, 0],
        ]),
      }),
    ).toBe('Accepted');
    w.cp.plug(1);
    await w.cp.presentIdTag(1, 'TAG1');
    expect(w.cp.view().connectors[0]).toMatchObject({ status: 'Charging', powerW: 11_040 });
    const from = w.calls.length;
    await w.clock.advance(600_000);
    expect(w.cp.view().connectors[0]).toMatchObject({ status: 'SuspendedEVSE', powerW: 0, meterWh: 1_840 });
    expect(
      w.calls
        .slice(from)
        .filter((c) => c.action === 'StatusNotification')
        .map((c) => c.payload.status),
    ).toEqual(['SuspendedEVSE']);
  });

  it('holds profiles to the charger\u2019s keys: stack level, periods, rate units', () => {
    const w = fakeWire();
    expect(w.cp.smartCharging.set({ connectorId: 1, csChargingProfiles: txDefault([[0, 16]], { stackLevel: 11 }) })).toBe('Rejected');
    expect(w.cp.smartCharging.set({ connectorId: 1, csChargingProfiles: txDefault(Array.from({ length: 25 }, (_, i) => [i * 60, 16])) })).toBe('Rejected');
    w.cp.config.setInternal('ChargingScheduleAllowedChargingRateUnit', 'Power');
    expect(w.cp.smartCharging.set({ connectorId: 1, csChargingProfiles: txDefault([[0, 16]]) })).toBe('Rejected');
    w.cp.config.setInternal('ChargingScheduleAllowedChargingRateUnit', '');
    expect(w.cp.smartCharging.set({ connectorId: 1, csChargingProfiles: txDefault([[0, 16]]) })).toBe('NotSupported');
  });

  it('binds a remote start\u2019s TxProfile to the transaction once StartTransaction is answered, and drops it when it ends', async () => {
    const w = fakeWire();
    expect(w.cp.smartCharging.installRemoteStartProfile(1, txDefault([[0, 10]], { chargingProfilePurpose: 'TxProfile', transactionId: 5 }))).toBe(true);
    w.cp.plug(1);
    await w.cp.presentIdTag(1, 'TAG1');
    await w.settle();
    expect(w.cp.smartCharging.installed().map((p) => p.profile.transactionId)).toEqual([100]);
    expect(w.cp.view().connectors[0].powerW).toBe(6_900);
    w.cp.unplug(1);
    expect(w.cp.smartCharging.installed()).toEqual([]);
  });
});
