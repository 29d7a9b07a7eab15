// Boot on a FakeClock: BootNotification until Accepted (again after the interval while Pending, after 30 s
// without an answer), what registration starts, and a resumed session that lets its queue lead.
import { describe, expect, it } from 'vitest';
import { fakeWire } from '../../../../helpers/vcp-model';

const pending = (interval: number) => () => ({ outcome: 'completed' as const, response: { status: 'Pending', currentTime: new Date().toISOString(), interval } });

describe('boot', () => {
  it('asks again after the interval while Pending, then registers: heartbeat interval, every status, the queue', async () => {
    const w = fakeWire({}, { powered: false });
    w.cp.start();
    w.answers.BootNotification = pending(10);
    await w.cp.boot.boot();
    expect(w.cp.boot.registration).toBe('Pending');
    expect(w.sent()).toEqual(['BootNotification']);
    w.answers.BootNotification = () => ({ outcome: 'completed', response: { status: 'Accepted', currentTime: new Date().toISOString(), interval: 120 } });
    await w.clock.advance(9_000);
    expect(w.sent()).toHaveLength(1);
    await w.clock.advance(1_000);
    await w.settle();
    expect(w.cp.boot.registration).toBe('Accepted');
    expect(w.cp.config.int('HeartbeatInterval')).toBe(120);
    expect(w.calls.slice(1).map((c) => (c.action === 'StatusNotification' ? `${c.action}(${c.payload.connectorId}:${c.payload.status})` : c.action))).toEqual([
      'BootNotification',
      'StatusNotification(0:Available)',
      'StatusNotification(1:Available)',
      'StatusNotification(2:Available)',
    ]);
    await w.clock.advance(120_000);
    expect(w.sent().at(-1)).toBe('Heartbeat');
  });

  it('asks again after 30 s when the central system does not answer', async () => {
    const w = fakeWire({}, { powered: false });
    w.cp.start();
    w.answers.BootNotification = () => ({ outcome: 'timeout', error: { description: 'no answer' } });
    await w.cp.boot.boot();
    await w.clock.advance(29_000);
    expect(w.sent()).toEqual(['BootNotification']);
    await w.clock.advance(1_000);
    expect(w.sent()).toEqual(['BootNotification', 'BootNotification']);
  });

  it('resumes a session after a reconnect with the queued transaction messages ahead of the statuses', async () => {
    const w = fakeWire();
    w.cp.plug(1);
    await w.cp.presentIdTag(1, 'TAG1');
    await w.settle();
    w.accepted = false;
    w.cp.unplug(1);
    const from = w.calls.length;
    w.accepted = true;
    w.cp.boot.resume();
    await w.settle();
    await w.settle();
    expect(w.calls.slice(from).map((c) => (c.action === 'StatusNotification' ? `Status(${c.payload.connectorId}:${c.payload.status})` : c.action))).toEqual(['StopTransaction', 'Status(1:Available)']);
  });

  it('forgets a Pending registration when the connection goes, and keeps an Accepted one', () => {
    const w = fakeWire();
    w.cp.boot.connectionLost();
    expect(w.cp.boot.registration).toBe('Accepted');
    w.cp.boot.registration = 'Pending';
    w.cp.boot.connectionLost();
    expect(w.cp.boot.registration).toBeNull();
  });
});
