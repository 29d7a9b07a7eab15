// Connector statuses as the spec's state machine gives them, reported once per change with the time the
// state began, and availability changes scheduled behind a running transaction.
import { describe, expect, it } from 'vitest';
import { fakeWire, type FakeWire } from '../../../../helpers/vcp-model';

const statuses = (w: FakeWire, from = 0) =>
  w.calls
    .slice(from)
    .filter((c) => c.action === 'StatusNotification')
    .map((c) => `${c.payload.connectorId}:${c.payload.status}${c.payload.errorCode !== 'NoError' ? `/${c.payload.errorCode}` : ''}`);

describe('status', () => {
  it('follows a session through the state machine, one StatusNotification per change', async () => {
    const w = fakeWire();
    const c1 = w.cp.connectors.all[0];
    w.cp.plug(1);
    expect(w.cp.status.statusOf(c1)).toBe('Preparing');
    await w.cp.presentIdTag(1, 'TAG1');
    w.cp.suspend(1);
    w.cp.resume(1);
    w.cp.setFault(1, 'GroundFailure');
    w.cp.clearFault(1);
    w.cp.refresh();
    expect(statuses(w)).toEqual(['1:Preparing', '1:Charging', '1:SuspendedEV', '1:Charging', '1:Faulted/GroundFailure', '1:Charging']);
  });

  it('reports every connector Faulted while the charger as a whole is faulted, and back after', () => {
    const w = fakeWire();
    w.cp.setFault(0, 'GroundFailure');
    expect(statuses(w).sort()).toEqual(['0:Faulted/GroundFailure', '1:Faulted/GroundFailure', '2:Faulted/GroundFailure']);
    w.cp.clearFault(0);
    expect(statuses(w, 3).sort()).toEqual(['0:Available', '1:Available', '2:Available']);
  });

  it('stamps a status reported late with the time its state began', async () => {
    const w = fakeWire();
    w.accepted = false;
    w.cp.plug(2);
    await w.clock.advance(60_000);
    w.accepted = true;
    w.cp.status.reportAll();
    expect(w.calls.map((c) => [c.payload.connectorId, c.payload.status, c.payload.timestamp])).toEqual([[2, 'Preparing', '2026-01-01T00:00:00.000Z']]);
  });

  it('holds the statuses back while the queue leads, and lets them go when it is done', () => {
    const w = fakeWire();
    w.cp.status.holding = true;
    w.cp.plug(1);
    expect(statuses(w)).toEqual([]);
    w.cp.status.release();
    expect(statuses(w)).toEqual(['1:Preparing']);
  });

  it('schedules an availability change behind a running transaction, and the charger\u2019s behind its last one', async () => {
    const w = fakeWire();
    w.cp.plug(1);
    await w.cp.presentIdTag(1, 'TAG1');
    expect(w.cp.status.changeAvailability(0, 'Inoperative')).toBe('Scheduled');
    w.cp.refresh();
    expect(w.cp.view().connectors.map((c) => c.status)).toEqual(['Charging', 'Unavailable']);
    w.cp.unplug(1);
    expect(w.cp.view().connectors.map((c) => [c.status, c.availability])).toEqual([
      ['Unavailable', 'Inoperative'],
      ['Unavailable', 'Inoperative'],
    ]);
    expect(w.cp.status.chargerStatus()).toEqual({ status: 'Unavailable', errorCode: 'NoError' });
  });
});
