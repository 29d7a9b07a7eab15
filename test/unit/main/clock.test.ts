// The clocks the virtual charge point runs on: FakeClock fires timers in order as time is moved;
// systemClock waits longer than setTimeout's 24.8-day limit without firing early.
import { describe, expect, it } from 'vitest';
import { every, FakeClock, sleep, systemClock } from '../../../src/main/clock';

describe('FakeClock', () => {
  it('fires each timer at its own moment, in order, and not before', async () => {
    const clock = new FakeClock(0);
    const seen: string[] = [];
    clock.after(3000, () => seen.push(`b@${clock.now()}`));
    clock.after(1000, () => seen.push(`a@${clock.now()}`));
    const cancelled = clock.after(2000, () => seen.push('never'));
    cancelled.cancel();
    await clock.advance(2999);
    expect(seen).toEqual(['a@1000']);
    await clock.advance(1);
    expect(seen).toEqual(['a@1000', 'b@3000']);
  });

  it('runs `every` at its period, read again as each wait begins, until cancelled', async () => {
    const clock = new FakeClock(0);
    let period = 1000;
    const at: number[] = [];
    const t = every(
      clock,
      () => period,
      () => at.push(clock.now()),
    );
    await clock.advance(2000);
    // The wait to 3000 has begun; the new period applies from there.
    period = 500;
    await clock.advance(2000);
    t.cancel();
    await clock.advance(5000);
    expect(at).toEqual([1000, 2000, 3000, 3500, 4000]);
  });

  it('fires a background timer when time passes it, but never names it as the next moment to move to', async () => {
    const clock = new FakeClock(0);
    const seen: string[] = [];
    const housekeeping = every(
      clock,
      () => 1000,
      () => seen.push(`sweep@${clock.now()}`),
      { background: true },
    );
    expect([clock.nextAt, clock.timers]).toEqual([null, 0]);
    clock.after(2500, () => seen.push(`wait@${clock.now()}`));
    expect([clock.nextAt, clock.timers]).toEqual([2500, 1]);
    await clock.advance(2500);
    expect(seen).toEqual(['sweep@1000', 'sweep@2000', 'wait@2500']);
    expect(clock.nextAt).toBeNull();
    housekeeping.cancel();
  });

  it('resolves sleep when time reaches it', async () => {
    const clock = new FakeClock(0);
    let done = false;
    void sleep(clock, 10_000).then(() => (done = true));
    await clock.advance(9_999);
    expect(done).toBe(false);
    await clock.advance(1);
    expect(done).toBe(true);
  });
});

describe('systemClock', () => {
  it('does not fire a wait of 40 days at once (setTimeout would)', async () => {
    let fired = false;
    const t = systemClock.after(40 * 86_400_000, () => (fired = true));
    await new Promise((r) => setTimeout(r, 30));
    t.cancel();
    expect(fired).toBe(false);
  });
});
