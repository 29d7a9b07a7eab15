// A charger that ends a session the bench accepted on its own, not at once but a moment later (here 1 s of
// the run's clock after it reported Charging), before the case asked anything of it: a case ending right
// after the start still fails on it (not a PASS), and a case whose later step fails on what followed names
// the charger's own stop in that step's failure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bench } from '../../../src/main/core/bench';
import type { VirtualTarget } from '../../../src/main/conformance/virtual';
import { startVirtualRunBench, type VirtualRunBench } from '../../helpers/virtual-run';
import { defaultTestData } from '../../../src/main/conformance/test-data';

let bench: Bench;
let target: VirtualTarget;
let run: VirtualRunBench['run'];
let stop: VirtualRunBench['stop'];
const data = defaultTestData();

beforeAll(async () => void ({ bench, target, run, stop } = await startVirtualRunBench('own-stop')));
afterAll(() => stop());

/** For the run: 1 s (the charger's clock, the run's) after each Charging it reports, the charger ends the session itself (EmergencyStop). */
function stopsOneSecondLater(): () => void {
  const vcp = bench.virtualChargers.charger(target.id);
  return bench.bus.subscribe((e) => {
    if (e.type !== 'frameLogged' || e.message.chargerId !== target.id) return;
    const m = e.message;
    if (m.direction === 'in' && m.kind === 'CALL' && m.action === 'StatusNotification' && m.raw.includes('"Charging"'))
      vcp.clock.after(1000, () => vcp.transactions.stop(vcp.connectors.get(data.connectorId), 'EmergencyStop'));
  });
}

const ownStop = /the charger ended the session \(transaction \d+\) on its own 1\.\d s after the bench accepted it, before the case asked anything of it \(StopTransaction with reason EmergencyStop\)/;

describe('a charger that ends an accepted session on its own a moment later', () => {
  it('TC_003_CS, which ends right after the start, fails naming the stop (not passed)', async () => {
    const off = stopsOneSecondLater();
    try {
      const [c] = (await run(['TC_003_CS'])).cases;
      expect(c!.verdict).toBe('fail');
      expect(c!.reason).toMatch(ownStop);
      const deciding = c!.steps.find((s) => s.n === c!.decidingStep);
      expect(deciding?.title).toMatch(/^The session \(transaction \d+\) keeps running once the bench accepted it$/);
      expect(deciding?.actual).toMatch(ownStop);
      // The StopTransaction is the step's evidence.
      const stop = c!.frames.find((f) => f.direction === 'in' && f.action === 'StopTransaction');
      expect(deciding?.messageIds).toEqual([stop?.messageId]);
      // The earlier check of the acceptance passed: the stop was not at once.
      expect(c!.steps.find((s) => /^Bench answered the StartTransaction/.test(s.title))?.status).toBe('passed');
    } finally {
      off();
    }
  }, 60_000);

  it('TC_070_CS, whose next step expects meter values, fails at that step naming the charger’s own stop', async () => {
    const off = stopsOneSecondLater();
    try {
      const [c] = (await run(['TC_070_CS'])).cases;
      expect(c!.verdict).toBe('fail');
      const deciding = c!.steps.find((s) => s.n === c!.decidingStep);
      expect(deciding?.title).toMatch(/MeterValues/);
      expect(deciding?.actual).toMatch(ownStop);
      expect(c!.reason).toMatch(ownStop);
    } finally {
      off();
    }
  }, 60_000);

  it('a charger that keeps the session running: TC_003_CS passes', async () => {
    const [c] = (await run(['TC_003_CS'])).cases;
    expect([c!.verdict, c!.reason]).toEqual(['pass', null]);
  }, 60_000);
});
