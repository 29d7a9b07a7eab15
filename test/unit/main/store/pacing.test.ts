// Bulk reads (exports, long lists) rest between their steps while the chargers keep the protocol busy,
// so they take at most a third of the reader thread's time then, and run at full speed otherwise.
import { describe, expect, it } from 'vitest';
import { PACING, Pacer, type PacerClock } from '../../../../src/main/store/reader/pacing';

/** A clock that moves only when told to (work) or slept on (rest). */
function fakeClock(): PacerClock & { t: number; rests: number[] } {
  const clock = {
    t: 0,
    rests: [] as number[],
    now: () => clock.t,
    sleep: async (ms: number) => {
      clock.rests.push(ms);
      clock.t += ms;
    },
  };
  return clock;
}

describe('the reader thread pacing its bulk reads', () => {
  it('rests twice as long as a step took while the protocol is busy', async () => {
    const clock = fakeClock();
    const pacer = new Pacer(() => 0.9, clock);
    expect(pacer.step(() => ((clock.t += 12), 'rows'))).toBe('rows');
    await pacer.between();
    pacer.step(() => (clock.t += 30));
    pacer.step(() => (clock.t += 10));
    await pacer.between();
    expect(clock.rests).toEqual([24, 80]);
  });

  it('only yields a turn when the protocol is not busy, and owes nothing for that work later', async () => {
    let load = 0.2;
    const clock = fakeClock();
    const pacer = new Pacer(() => load, clock);
    pacer.step(() => (clock.t += 50));
    await pacer.between();
    load = 0.8;
    pacer.step(() => (clock.t += 5));
    await pacer.between();
    expect(clock.rests).toEqual([0, 10]);
  });

  it('does not count the time between steps (a read waiting for its consumer) as work', async () => {
    const clock = fakeClock();
    const pacer = new Pacer(() => 0.9, clock);
    pacer.step(() => (clock.t += 4));
    clock.t += 1000; // the export's reader took its time to ask for the next batch
    await pacer.between();
    expect(clock.rests).toEqual([8]);
  });

  it('makes a second read wait out the rest the first one began, and rests at most maxRestMs at once', async () => {
    const clock = { t: 0, now: () => clock.t, sleep: (_ms: number) => Promise.resolve() };
    const slept: number[] = [];
    clock.sleep = async (ms: number) => void slept.push(ms);
    const pacer = new Pacer(() => 0.9, clock);
    pacer.step(() => (clock.t += 1000));
    await pacer.between();
    clock.t += 100; // another read reaches a step 100 ms into the rest
    await pacer.between();
    expect(slept).toEqual([PACING.maxRestMs, PACING.maxRestMs - 100]);
  });
});
