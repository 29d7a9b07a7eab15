// A window in which nothing must come proves nothing while the charger is offline: TC_052_CS ("the
// reservation stays: connector 1 does not go Available", 5 s of silence) and TC_055_CS (no MeterValues
// for 10 s) with the virtual charger going offline inside the window are Inconclusive, naming when the
// connection closed and whether it came back, never a PASS.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bench } from '../../../src/main/core/bench';
import type { VirtualTarget } from '../../../src/main/conformance/virtual';
import { startVirtualRunBench, type VirtualRunBench } from '../../helpers/virtual-run';

let bench: Bench;
let target: VirtualTarget;
let run: VirtualRunBench['run'];
let stop: VirtualRunBench['stop'];

beforeAll(async () => void ({ bench, target, run, stop } = await startVirtualRunBench('silence-offline')));
afterAll(() => stop());

/**
 * For the run: `afterMs` (the run's clock) after the charger answers the case's first `action` (the end of
 * the case may send another), it goes offline for `seconds` (the offline fault, as a user sets it).
 */
function offlineAfter(action: string, afterMs: number, seconds: number): () => void {
  const vcp = bench.virtualChargers.charger(target.id);
  let asked: string | null = null;
  let timer: { cancel(): void } | null = null;
  const off = bench.bus.subscribe((e) => {
    if (e.type !== 'frameLogged' || e.message.chargerId !== target.id || timer) return;
    const m = e.message;
    if (m.direction === 'out' && m.kind === 'CALL' && m.action === action) asked ??= m.messageId;
    else if (m.direction === 'in' && m.kind === 'CALLRESULT' && asked !== null && m.messageId === asked)
      timer = vcp.clock.after(afterMs, () => bench.virtualChargers.setFault(target.id, 'offline', { on: true, seconds }));
  });
  return () => {
    off();
    timer?.cancel();
  };
}

const STAYS = /^The reservation stays: connector \d does not go Available$/;

describe('a "nothing must come" window while the charger is offline', () => {
  it('TC_052_CS with the charger gone for the rest of the window is Inconclusive, naming the disconnect (not passed)', async () => {
    const off = offlineAfter('CancelReservation', 200, 25);
    try {
      const [c] = (await run(['TC_052_CS'])).cases;
      expect(c!.verdict).toBe('inconclusive');
      const step = c!.steps.find((s) => STAYS.test(s.title));
      expect(step?.status).toBe('notJudged');
      expect(c!.decidingStep).toBe(step?.n);
      const closed = /The charger was not connected all through the 5 s, so nothing coming proves nothing: its connection closed at (\S+) \(.+\); it had not come back when they ended at (\S+)$/;
      expect(c!.reason).toMatch(closed);
      expect(step?.actual).toMatch(closed);
      // The times named are the run's: the close inside the step, the end at its end.
      const [, at, end] = closed.exec(c!.reason!)!;
      const began = Date.parse(step!.startedAt);
      expect(Date.parse(at!)).toBeGreaterThanOrEqual(began);
      expect(Date.parse(at!)).toBeLessThanOrEqual(began + 5000);
      expect(Date.parse(end!)).toBeGreaterThanOrEqual(began + 5000);
    } finally {
      off();
      bench.virtualChargers.setFault(target.id, 'offline', { on: false });
    }
  }, 60_000);

  it('TC_052_CS with the charger back before the window ends is still Inconclusive, naming when it came back', async () => {
    const off = offlineAfter('CancelReservation', 200, 2);
    try {
      const [c] = (await run(['TC_052_CS'])).cases;
      expect(c!.verdict).toBe('inconclusive');
      expect(c!.reason).toMatch(/^The charger was not connected all through the 5 s, so nothing coming proves nothing: its connection closed at \S+ \(.+\); it connected again at \S+$/);
    } finally {
      off();
      bench.virtualChargers.setFault(target.id, 'offline', { on: false });
    }
  }, 60_000);

  it('TC_055_CS (no MeterValues for the connector that does not exist) with the charger gone for most of its 10 s is Inconclusive', async () => {
    const off = offlineAfter('TriggerMessage', 1200, 25);
    try {
      const [c] = (await run(['TC_055_CS'])).cases;
      expect(c!.verdict).toBe('inconclusive');
      expect(c!.steps.find((s) => s.n === c!.decidingStep)?.title).toMatch(/^Charger sends no MeterValues \(connectorId 3\) for 10 s$/);
      expect(c!.reason).toMatch(
        /^The charger was not connected all through the 10 s, so nothing coming proves nothing: its connection closed at \S+ \(.+\); it had not come back when they ended at \S+$/,
      );
    } finally {
      off();
      bench.virtualChargers.setFault(target.id, 'offline', { on: false });
    }
  }, 60_000);

  it('with the charger connected all through, TC_052_CS passes', async () => {
    const [c] = (await run(['TC_052_CS'])).cases;
    expect([c!.verdict, c!.reason]).toEqual(['pass', null]);
  }, 60_000);
});
