// The fault switches at work on a charger with a fake wire: each switch sets the misbehaviour of the part
// it touches, switching one off undoes what it struck, and the offline fault comes back by itself.
import { describe, expect, it, vi } from 'vitest';
import { fakeWire } from '../../../helpers/vcp-model';
import { faultPatch } from '../../../../src/main/virtual-cp/faults';
import { faultRows, faultSwitches, Faults } from '../../../../src/shared/api/virtual-chargers';

describe('fault switches', () => {
  it('each set the misbehaviour of the part they touch, and switched off a good charger again', () => {
    const { cp } = fakeWire();
    cp.connection.connect = () => {};
    const seams = () => ({
      sessionStartFails: cp.transactions.sessionStartFails,
      refuseUnlisted: cp.authorization.refuseUnlisted,
      powerCapW: cp.metering.powerCapW,
      dropMidTransaction: cp.transactions.dropMidTransaction,
      offline: cp.connection.offline,
      lock: { ...cp.connectors.lock },
      installFails: cp.firmware.installFails,
      protocolFaults: cp.protocolFaults,
    });
    const good = seams();
    expect(good).toEqual({
      sessionStartFails: false,
      refuseUnlisted: false,
      powerCapW: Infinity,
      dropMidTransaction: false,
      offline: false,
      lock: { jammed: false, outcomes: null },
      installFails: false,
      protocolFaults: {},
    });
    for (const [name, row] of faultRows) {
      const body = name === 'action' ? { on: true, action: 'Reset', mode: 'reject' } : JSON.parse(row.example);
      cp.setFaults(faultPatch(name, body, cp.faults));
    }
    expect(seams()).toEqual({
      sessionStartFails: true,
      refuseUnlisted: true,
      powerCapW: 230,
      dropMidTransaction: true,
      offline: true,
      lock: { jammed: true, outcomes: { Unlocked: 1, UnlockFailed: 2, NotSupported: 0 } },
      installFails: true,
      protocolFaults: { Reset: { mode: 'reject', delaySeconds: 10, errorCode: 'InternalError' } },
    });
    cp.setFaults(Faults.parse({}));
    expect(seams()).toEqual(good);
  });

  it('switched off, undo what they struck: the lock failure, the failed session start', async () => {
    const w = fakeWire();
    w.cp.setFaults({ sessionStartFailure: true, stuckConnector: true });
    w.cp.plug(1);
    expect((await w.cp.presentIdTag(1, 'TAG1')).message).toBe('Card TAG1 accepted, but the session failed to start (fault)');
    w.cp.connectors.all[1].lockFailure = true;
    w.cp.setFaults({ sessionStartFailure: false, stuckConnector: false });
    expect(w.cp.connectors.all.map((c) => [c.startFailed, c.lockFailure])).toEqual([
      [false, false],
      [false, false],
    ]);
  });

  it('offline: cuts the connection and comes back by itself after the seconds given', async () => {
    const w = fakeWire();
    const connect = vi.fn();
    w.cp.connection.connect = connect;
    w.cp.setFaults(faultPatch('offline', { on: true, seconds: 30 }, w.cp.faults));
    expect(w.cp.view().lastError).toBe('Offline (fault): no heartbeats, no connection');
    await w.clock.advance(29_000);
    expect(w.cp.faults.offline).toBe(true);
    await w.clock.advance(1_000);
    expect(w.cp.faults.offline).toBe(false);
    expect(connect).toHaveBeenCalledTimes(1);
  });

  it('restored with the charger, set their misbehaviour without the effects of switching (no offline timer)', () => {
    const w = fakeWire({}, { powered: false, faults: { offline: true, offlineSeconds: 30, slowCharging: true } });
    expect([w.cp.connection.offline, w.cp.metering.powerCapW, w.clock.timers]).toEqual([true, 230, 0]);
  });

  it('cover every field of the table (a row without its apply does not compile; this checks the names)', () => {
    expect(Object.keys(faultSwitches)).toEqual(faultRows.map(([name]) => name));
  });
});
