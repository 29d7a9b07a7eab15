// The notes a commissioning's test session step keeps about the charger's connection ("went offline at …")
// say their times as the report says times: with the zone (a reader elsewhere, or the report printed, can
// tell the instant), and on a fake clock (`chargebench commission --virtual`) as the simulated clock's.
import { describe, expect, it } from 'vitest';
import { FakeClock, systemClock, type Clock } from '../../../src/main/clock';
import type { CaseContext } from '../../../src/main/conformance/context';
import { noteOutages, outageWords, unmeasuredWords, type Outage } from '../../../src/main/commissioning/outages';
import { formatDateTimeWithZone } from '../../../src/shared/format/time';

const DROP = Date.parse('2026-03-02T15:02:10.000Z');
const BACK = DROP + 95_000;
const END = DROP + 130_000;
const ZONE = / UTC([+-]\d\d:\d\d)?\b/;

/** The note texts kept for `outages` on a run whose clock is `clock`. */
function notes(clock: Clock, outages: Outage[]): string[] {
  const t = { clock, observations: [] as Array<{ text: string }> } as unknown as CaseContext;
  noteOutages(t, outages, END);
  return (t.observations as Array<{ text: string }>).map((o) => o.text);
}

describe("a test session step's notes on the charger's connection", () => {
  it('say each time with its zone, as the report does, on the wall clock', () => {
    const [back, gone] = notes(systemClock, [
      { from: DROP, to: BACK, phase: 'session' },
      { from: BACK + 1000, to: null, phase: 'session' },
    ]);
    expect(back).toBe(`The charger was offline for 1 min 35 s during the session (${formatDateTimeWithZone(DROP)} to ${formatDateTimeWithZone(BACK)}); meter values from that time may be missing.`);
    expect(gone).toContain(`went offline at ${formatDateTimeWithZone(BACK + 1000)}, during the session`);
    expect(gone).toContain(`when the step ended at ${formatDateTimeWithZone(END)} (`);
    for (const text of [back!, gone!]) {
      expect(text).toMatch(ZONE);
      expect(text).not.toContain('simulated');
    }
  });

  it('say the times are the simulated clock’s on a fake clock (commission --virtual)', () => {
    const clock = new FakeClock(END);
    const [replaced] = notes(clock, [{ from: DROP, to: DROP, phase: 'before', replaced: true }]);
    expect(replaced).toContain(`reconnected (its old connection replaced) at ${formatDateTimeWithZone(DROP)} (simulated clock), during the test session step`);
    expect(outageWords({ from: DROP, to: BACK, phase: 'after' }, END, true)).toContain(`(${formatDateTimeWithZone(DROP)} (simulated clock) to ${formatDateTimeWithZone(BACK)} (simulated clock))`);
  });

  it('say why the session was not measured with the time and its zone, and the simulated clock’s on a fake clock', () => {
    const lost: Outage = { from: DROP, to: null, phase: 'session' };
    const wall = unmeasuredWords(lost, { now: () => END, after: systemClock.after });
    expect(wall).toMatch(
      new RegExp(`^The charger went offline at ${formatDateTimeWithZone(DROP).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(during the session\\) and had not come back 2 min 10 s later`),
    );
    expect(wall).toMatch(ZONE);
    expect(wall).not.toContain('simulated');
    expect(unmeasuredWords(lost, new FakeClock(END))).toContain(`went offline at ${formatDateTimeWithZone(DROP)} (simulated clock) (during the session) and had not come back 2 min 10 s later`);
  });
});
