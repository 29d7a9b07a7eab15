// A stop waiting for the charger to come back takes effect once it can take the put-back: after the run's
// Reset, once it has connected again AND its BootNotification on that connection was answered Accepted (a
// Pending or Rejected answer is not back yet); after a mere drop, once connected again its first frame is
// not a BootNotification (it resumed: a reconnect without a reboot sends none), or, when that first frame is
// a BootNotification (it was power-cycled), once that is answered Accepted: connected and silent is not back
// yet (the put-back would race its boot), until it has said nothing for 5 s (a rebooted charger boots as soon
// as it connects); a boot answered Rejected is waited for until its retry (when that is due within the stop's
// wait). The bench's events are played by hand, in the order the bench publishes them.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StopWhenBack } from '../../../../src/main/conformance/come-back';
import { comeBackWhyWords } from '../../../../src/shared/api/stop-waiting';

const ID = 'CP1';

function fakeBench() {
  const fns = new Set<(e: unknown) => void>();
  let online = true;
  const publish = (e: Record<string, unknown>) => [...fns].forEach((fn) => fn(e));
  /** What happened, in order: each frame logged as "in CALL BootNotification", and the put-back. */
  const order: string[] = [];
  const frame = (direction: 'in' | 'out', kind: 'CALL' | 'CALLRESULT', action: string, messageId: string, payload: unknown) => {
    order.push(`${direction} ${kind} ${action}`);
    const raw = JSON.stringify(kind === 'CALL' ? [2, messageId, action, payload] : [3, messageId, payload]);
    publish({ type: 'frameLogged', message: { ts: new Date().toISOString(), chargerId: ID, direction, kind, messageId, action, raw, error: null } });
  };
  const bench = {
    bus: {
      subscribe: (fn: (e: unknown) => void) => {
        fns.add(fn);
        return () => fns.delete(fn);
      },
    },
    connectedChargers: () => (online ? [ID] : []),
  };
  return {
    order,
    frame,
    drop() {
      online = false;
      publish({ type: 'chargerDisconnected', chargerId: ID, ts: new Date().toISOString() });
    },
    connect() {
      online = true;
      publish({ type: 'chargerConnected', chargerId: ID, remoteAddress: null, ts: new Date().toISOString() });
    },
    /** The run's stopper, watching from the run's start (as the service's). */
    stopper: () => new StopWhenBack(bench as never, ID, () => undefined),
  };
}

/** Lets what the last event started run (the stop is made once the wait's promise settles). */
const settle = () => vi.advanceTimersByTimeAsync(0);

/**
 * A stop asked now of a charger whose boot is not answered yet: it waits (the charger dropped), puts nothing
 * back while `meanwhile` runs, and puts it back right after its BootNotification b1 is answered Accepted.
 */
async function stopWaitsForBoot(b: ReturnType<typeof fakeBench>, stopper: ReturnType<ReturnType<typeof fakeBench>['stopper']>, meanwhile: () => Promise<unknown> | void = () => {}) {
  const stop = vi.fn(() => b.order.push('put-back: out CALL ChangeAvailability'));
  stopper.request(stop);
  expect(stopper.waiting()).toMatchObject({ waitingFor: ID, why: { kind: 'dropped' } });
  await meanwhile();
  await settle();
  expect(stop).not.toHaveBeenCalled();
  b.frame('out', 'CALLRESULT', 'BootNotification', 'b1', { status: 'Accepted', currentTime: new Date().toISOString(), interval: 300 });
  await settle();
  expect(stop).toHaveBeenCalledTimes(1);
  expect(b.order.slice(-2)).toEqual(['out CALLRESULT BootNotification', 'put-back: out CALL ChangeAvailability']);
  stopper.dispose();
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('a stop waiting for the charger after the run accepted Reset', () => {
  function resetAndDrop() {
    const b = fakeBench();
    const stopper = b.stopper();
    b.frame('out', 'CALL', 'Reset', 'r1', { type: 'Hard' });
    b.frame('in', 'CALLRESULT', 'Reset', 'r1', { status: 'Accepted' });
    b.drop();
    const stop = vi.fn(() => b.order.push('put-back: out CALL ChangeAvailability'));
    stopper.request(stop);
    expect(stopper.waiting()).toMatchObject({ waitingFor: ID, why: { kind: 'reset' } });
    return { b, stopper, stop };
  }

  it('puts it back only once its BootNotification, sent 2 s after it connected, is answered Accepted', async () => {
    const { b, stopper, stop } = resetAndDrop();
    b.connect();
    await vi.advanceTimersByTimeAsync(2000);
    await settle();
    expect(stop).not.toHaveBeenCalled();
    b.frame('in', 'CALL', 'BootNotification', 'b1', { chargePointVendor: 'Acme', chargePointModel: 'Wall' });
    await settle();
    expect(stop).not.toHaveBeenCalled();
    b.frame('out', 'CALLRESULT', 'BootNotification', 'b1', { status: 'Accepted', currentTime: new Date().toISOString(), interval: 300 });
    await settle();
    expect(stop).toHaveBeenCalledTimes(1);
    expect(b.order.slice(-3)).toEqual(['in CALL BootNotification', 'out CALLRESULT BootNotification', 'put-back: out CALL ChangeAvailability']);
    expect(stopper.waiting()).toBeNull();
    stopper.dispose();
  });

  it('a boot answered Pending is not back yet; the next one answered Accepted is', async () => {
    const { b, stopper, stop } = resetAndDrop();
    b.connect();
    b.frame('in', 'CALL', 'BootNotification', 'b1', {});
    b.frame('out', 'CALLRESULT', 'BootNotification', 'b1', { status: 'Pending', currentTime: new Date().toISOString(), interval: 2 });
    await vi.advanceTimersByTimeAsync(2000);
    await settle();
    expect(stop).not.toHaveBeenCalled();
    expect(stopper.waiting()).toMatchObject({ waitingFor: ID });
    b.frame('in', 'CALL', 'BootNotification', 'b2', {});
    b.frame('out', 'CALLRESULT', 'BootNotification', 'b2', { status: 'Accepted', currentTime: new Date().toISOString(), interval: 300 });
    await settle();
    expect(stop).toHaveBeenCalledTimes(1);
    stopper.dispose();
  });

  it('still gives up after 30 s when its boot is never accepted (the charger is left as it is)', async () => {
    const { b, stopper, stop } = resetAndDrop();
    b.connect();
    b.frame('in', 'CALL', 'BootNotification', 'b1', {});
    b.frame('out', 'CALLRESULT', 'BootNotification', 'b1', { status: 'Rejected', currentTime: new Date().toISOString(), interval: 60 });
    await vi.advanceTimersByTimeAsync(29_000);
    await settle();
    expect(stop).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1500);
    await settle();
    expect(stop).toHaveBeenCalledTimes(1);
    stopper.dispose();
  });
});

describe('a stop waiting for a charger that only dropped (no Reset)', () => {
  function dropped() {
    const b = fakeBench();
    const stopper = b.stopper();
    b.drop();
    const stop = vi.fn(() => b.order.push('put-back: out CALL ChangeAvailability'));
    stopper.request(stop);
    expect(stopper.waiting()).toMatchObject({ waitingFor: ID, why: { kind: 'dropped' } });
    return { b, stopper, stop };
  }

  it('is not back on connecting alone, but once its first frame is not a BootNotification (it resumed)', async () => {
    const { b, stopper, stop } = dropped();
    b.connect();
    await vi.advanceTimersByTimeAsync(4000);
    await settle();
    expect(stop).not.toHaveBeenCalled();
    expect(stopper.waiting()).toMatchObject({ waitingFor: ID, why: { kind: 'dropped' } });
    b.frame('in', 'CALL', 'StatusNotification', 's1', { connectorId: 1, status: 'Available', errorCode: 'NoError' });
    await settle();
    expect(stop).toHaveBeenCalledTimes(1);
    expect(b.order.slice(-2)).toEqual(['in CALL StatusNotification', 'put-back: out CALL ChangeAvailability']);
    stopper.dispose();
  });

  it('a power-cycled one (its first frame after connecting a BootNotification) is put back only once that is answered Accepted, never before its boot', async () => {
    const { b, stopper, stop } = dropped();
    b.connect();
    await settle();
    expect(stop).not.toHaveBeenCalled();
    b.frame('in', 'CALL', 'BootNotification', 'b1', { chargePointVendor: 'Acme', chargePointModel: 'Wall' });
    await settle();
    expect(stop).not.toHaveBeenCalled();
    b.frame('out', 'CALLRESULT', 'BootNotification', 'b1', { status: 'Pending', currentTime: new Date().toISOString(), interval: 2 });
    // Not booted yet: what it sends meanwhile does not make it back.
    b.frame('in', 'CALL', 'StatusNotification', 's1', { connectorId: 1, status: 'Available', errorCode: 'NoError' });
    await vi.advanceTimersByTimeAsync(2000);
    await settle();
    expect(stop).not.toHaveBeenCalled();
    b.frame('in', 'CALL', 'BootNotification', 'b2', {});
    b.frame('out', 'CALLRESULT', 'BootNotification', 'b2', { status: 'Accepted', currentTime: new Date().toISOString(), interval: 300 });
    await settle();
    expect(stop).toHaveBeenCalledTimes(1);
    expect(b.order.slice(-2)).toEqual(['out CALLRESULT BootNotification', 'put-back: out CALL ChangeAvailability']);
    stopper.dispose();
  });

  it('one that reconnects and says nothing for 5 s resumed: it is put back then (a rebooted one would have booted)', async () => {
    const { b, stopper, stop } = dropped();
    b.connect();
    await vi.advanceTimersByTimeAsync(4500);
    await settle();
    expect(stop).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(750);
    await settle();
    expect(stop).toHaveBeenCalledTimes(1);
    expect(b.order).toEqual(['put-back: out CALL ChangeAvailability']);
    stopper.dispose();
  });

  it('a stop asked while it is connected again but silent says it waits, and what back means', () => {
    const b = fakeBench();
    const stopper = b.stopper();
    b.drop();
    b.connect();
    expect(stopper.wouldWait()).toMatchObject({ why: { kind: 'dropped' } });
    expect(comeBackWhyWords(stopper.wouldWait()!.why, () => '10:02:13')).toBe(
      'it went offline at 10:02:13; it is back once connected again and its first message is not a BootNotification (or it sends nothing for 5 s), or its BootNotification is answered Accepted',
    );
    b.frame('in', 'CALL', 'Heartbeat', 'h1', {});
    expect(stopper.wouldWait()).toBeNull();
    stopper.dispose();
  });

  it('one that reconnected and sent a BootNotification not answered yet is waited for until it is answered Accepted', async () => {
    const b = fakeBench();
    const stopper = b.stopper();
    b.drop();
    b.connect();
    b.frame('in', 'CALL', 'BootNotification', 'b1', {});
    await stopWaitsForBoot(b, stopper);
  });
  it('one that reconnected 8 s after the drop and is still silent 2.5 s later is still waited for: a stop then waits for its boot', async () => {
    const b = fakeBench();
    const stopper = b.stopper();
    b.drop();
    await vi.advanceTimersByTimeAsync(8000);
    b.connect();
    await vi.advanceTimersByTimeAsync(2500);
    // 10.5 s after the drop, connected 2.5 s and silent: not known to be back, so a stop says it waits.
    expect(stopper.wouldWait()).toMatchObject({ why: { kind: 'dropped' } });
    await stopWaitsForBoot(b, stopper, async () => {
      await vi.advanceTimersByTimeAsync(1000);
      b.frame('in', 'CALL', 'BootNotification', 'b1', {});
    });
    expect(b.order).toEqual(['in CALL BootNotification', 'out CALLRESULT BootNotification', 'put-back: out CALL ChangeAvailability']);
  });

  it('one whose BootNotification after reconnecting is still unanswered more than 10 s after the drop is still waited for', async () => {
    const b = fakeBench();
    const stopper = b.stopper();
    b.drop();
    await vi.advanceTimersByTimeAsync(3000);
    b.connect();
    b.frame('in', 'CALL', 'BootNotification', 'b1', {});
    await vi.advanceTimersByTimeAsync(9000);
    expect(stopper.wouldWait()).toMatchObject({ why: { kind: 'dropped' } });
    await stopWaitsForBoot(b, stopper);
  });

  it.each(['Pending', 'Rejected'])('one whose boot after reconnecting is answered %s is waited for only until 10 s after the drop, not the whole 30 s', async (status) => {
    const b = fakeBench();
    const stopper = b.stopper();
    b.drop();
    await vi.advanceTimersByTimeAsync(1000);
    b.connect();
    b.frame('in', 'CALL', 'BootNotification', 'b1', {});
    b.frame('out', 'CALLRESULT', 'BootNotification', 'b1', { status, currentTime: new Date().toISOString(), interval: 60 });
    await vi.advanceTimersByTimeAsync(1000);
    // 2 s after the drop: it may be accepted in a moment, so a stop waits.
    expect(stopper.wouldWait()).toMatchObject({ why: { kind: 'dropped' } });
    const stop = vi.fn();
    stopper.request(stop);
    expect(stopper.waiting()).toMatchObject({ waitingFor: ID, why: { kind: 'dropped' } });
    await vi.advanceTimersByTimeAsync(7000);
    expect(stop).not.toHaveBeenCalled();
    // 10.5 s after the drop: the stop is made (the charger left as it is), not 30 s after it was asked.
    await vi.advanceTimersByTimeAsync(1500);
    expect(stop).toHaveBeenCalledTimes(1);
    stopper.dispose();

    // A stop asked later than 10 s after the drop, its boot still answered only Pending or Rejected, does not wait.
    const later = b.stopper();
    b.drop();
    b.connect();
    b.frame('in', 'CALL', 'BootNotification', 'b2', {});
    b.frame('out', 'CALLRESULT', 'BootNotification', 'b2', { status, currentTime: new Date().toISOString(), interval: 60 });
    await vi.advanceTimersByTimeAsync(10_500);
    expect(later.wouldWait()).toBeNull();
    const now = vi.fn();
    later.request(now);
    expect(now).toHaveBeenCalledTimes(1);
    later.dispose();
  });

  it('one whose boot is answered Rejected with a 10 s interval is waited for until its retry is answered Accepted, not put back while it takes no call', async () => {
    const b = fakeBench();
    const stopper = b.stopper();
    b.drop();
    await vi.advanceTimersByTimeAsync(2000);
    b.connect();
    b.frame('in', 'CALL', 'BootNotification', 'b0', {});
    b.frame('out', 'CALLRESULT', 'BootNotification', 'b0', { status: 'Rejected', currentTime: new Date().toISOString(), interval: 10 });
    // 11 s after the drop (9 s into its 10 s of silence): a stop still waits; one made now would only time out.
    await stopWaitsForBoot(b, stopper, async () => {
      await vi.advanceTimersByTimeAsync(9000);
      expect(stopper.waiting()).toMatchObject({ waitingFor: ID, why: { kind: 'dropped' } });
      await vi.advanceTimersByTimeAsync(1500);
      b.frame('in', 'CALL', 'BootNotification', 'b1', {});
    });
  });

  it('one that reconnects long after the drop is waited for only until it resumes', async () => {
    const b = fakeBench();
    const stopper = b.stopper();
    b.drop();
    await vi.advanceTimersByTimeAsync(20_000);
    // Offline for longer than 10 s: a stop would not wait for it.
    expect(stopper.wouldWait()).toBeNull();
    b.connect();
    expect(stopper.wouldWait()).toMatchObject({ why: { kind: 'dropped' } });
    b.frame('in', 'CALL', 'Heartbeat', 'h1', {});
    expect(stopper.wouldWait()).toBeNull();
    stopper.dispose();
  });
});
