// Reset on a FakeClock: a soft reset stops the transactions before the power goes, a hard one after (their
// StopTransactions wait for the next boot); the charger connects again 2 s later. A power cut on back-up
// power stops them before the charger goes down.
import { describe, expect, it, vi } from 'vitest';
import { fakeWire } from '../../../../helpers/vcp-model';

describe('reset', () => {
  it('soft: StopTransaction (SoftReset) goes out first, then the power goes; it connects again after 2 s', async () => {
    const w = fakeWire();
    const connect = vi.fn();
    w.cp.connection.connect = connect;
    w.cp.plug(1);
    await w.cp.presentIdTag(1, 'TAG1');
    await w.settle();
    const rebooting = w.cp.reset.reboot('SoftReset', true);
    await w.settle();
    expect(w.calls.find((c) => c.action === 'StopTransaction')?.payload.reason).toBe('SoftReset');
    // It waits (in steps of 100 ms) for the StopTransaction to be answered before the power goes.
    expect(w.cp.connection.state).toBe('connected');
    await w.clock.advance(100);
    expect(w.cp.connection.state).toBe('rebooting');
    expect(w.cp.boot.registration).toBeNull();
    await w.clock.advance(2_000);
    await rebooting;
    expect(w.cp.connection.state).toBe('connecting');
    expect(connect).toHaveBeenCalledTimes(1);
  });

  it('hard: the power goes first, the StopTransaction (HardReset) waits in the queue for the next boot', async () => {
    const w = fakeWire();
    w.cp.connection.connect = () => {};
    w.cp.plug(1);
    await w.cp.presentIdTag(1, 'TAG1');
    await w.settle();
    const rebooting = w.cp.reset.reboot('HardReset', false);
    expect(w.sent()).not.toContain('StopTransaction');
    expect(w.cp.persistentState().queue).toMatchObject([{ action: 'StopTransaction', payload: { reason: 'HardReset' } }]);
    await w.clock.advance(2_000);
    await rebooting;
  });

  it('a power cut on back-up power: the StopTransaction (PowerLoss) and Finishing go out before the charger goes down; without, after the next boot', async () => {
    const w = fakeWire({ backupPower: true });
    w.cp.plug(1);
    await w.cp.presentIdTag(1, 'TAG1');
    await w.settle();
    const from = w.calls.length;
    const off = w.cp.powerOff();
    await w.flush();
    await w.clock.advance(100);
    await off;
    expect(w.sent(from)).toEqual(['StopTransaction', 'StatusNotification']);
    expect(w.calls.find((c) => c.action === 'StopTransaction')?.payload.reason).toBe('PowerLoss');
    expect(w.calls.at(-1)?.payload.status).toBe('Finishing');
    expect(w.cp.isRunning).toBe(false);
    expect(w.cp.persistentState().queue).toEqual([]);

    const dark = fakeWire();
    dark.cp.plug(1);
    await dark.cp.presentIdTag(1, 'TAG1');
    await dark.settle();
    const before = dark.calls.length;
    await dark.cp.powerOff();
    expect(dark.sent(before)).toEqual([]);
    expect(dark.cp.persistentState().queue).toMatchObject([{ action: 'StopTransaction', payload: { reason: 'PowerLoss' } }]);
  });

  it('gives up when the charger is switched off meanwhile', async () => {
    const w = fakeWire();
    const connect = vi.fn();
    w.cp.connection.connect = connect;
    const rebooting = w.cp.reset.reboot('PowerLoss', false);
    await w.cp.stop();
    await w.clock.advance(2_000);
    await rebooting;
    expect(connect).not.toHaveBeenCalled();
    expect(w.cp.connection.state).toBe('stopped');
  });
});
