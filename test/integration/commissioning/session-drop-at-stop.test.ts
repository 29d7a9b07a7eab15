// A charger dropping just as the test session stops (the virtual charger's "Drop mid-transaction" fault with
// meter values every 60 s and a 30 s session: the drop comes right as the bench sends RemoteStopTransaction),
// on fake time. The StopTransaction arrives on the reconnect: the session is finished whatever the statuses
// (a charger that never reports Finishing included), and measured. The virtual charger reports after the
// reconnect the status it could not send while away (Finishing). A charger whose StopTransaction never comes
// after such a drop is told so with the outage's times, not sent to check the cable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bench } from '../../../src/main/core/bench';
import { FakeClock } from '../../../src/main/clock';
import { virtualTarget } from '../../../src/main/conformance/virtual';
import type { Misbehaviour } from '../../../src/main/virtual-cp/misbehaviour';
import { builtInTemplates, CommissioningTemplate, SiteJob, type CommissioningView } from '../../../src/shared/api/commissioning';

let bench: Bench;
let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'chargebench-drop-stop-'));
  bench = await Bench.start({ dataDir, host: '127.0.0.1', port: 0, clock: new FakeClock(Date.now()), face: 'test' } as never);
}, 60_000);
afterAll(async () => {
  await bench.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

// 16 A on three phases: 11040 W, the virtual charger's 22 kW held to it once the limit is set.
const template = CommissioningTemplate.parse({ ...builtInTemplates[0], name: 'Drop at stop', sessionSeconds: 30, loadLimit: { limit: 16, unit: 'A', phases: 3 } });
const job = SiteJob.parse({ site: 'Depot Drop', installer: 'A. Person' });
const LABEL = "Power under the site's load limit (W)";

/** The load limit set, then the test session with the drop at its stop (and the rules given); each on a charger of its own. */
async function dropAtStop(id: string, rules: Misbehaviour[]): Promise<CommissioningView> {
  await virtualTarget(bench, id, 1);
  const vcp = bench.virtualChargers.charger(id);
  const c = await bench.commissioning.create({ chargerId: id, job, template });
  vcp.setFaults({ dropMidTransaction: true } as never);
  vcp.connection.misbehaviours.set(rules);
  try {
    bench.commissioning.run(c.id, ['C10_LOAD_LIMIT', 'C8_SESSION']);
    await bench.commissioning.settled(c.id);
  } finally {
    vcp.setFaults({ dropMidTransaction: false } as never);
    vcp.connection.misbehaviours.set([]);
  }
  return bench.commissioning.get(c.id);
}
const step = (v: CommissioningView, id = 'C8_SESSION') => v.steps.find((s) => s.id === id)!.result!;
const framesOf = (v: CommissioningView) => step(v).frames.filter((f) => f.direction === 'in' && f.kind === 'CALL');
const dropNote = /^The charger was offline for \d+ s during the session/;

describe('the charger dropping as the test session stops', () => {
  it('finishes the session with its StopTransaction from the reconnect, even without a Finishing status, and judges the load limit', async () => {
    const view = await dropAtStop('DROP-STOP-1', [{ kind: 'drop', action: 'StatusNotification', where: { status: 'Finishing' } }]);
    expect(step(view, 'C10_LOAD_LIMIT').verdict).toBe('pass');
    const r = step(view);
    expect(r.observations.filter((o) => o.note).map((o) => o.text)).toEqual([expect.stringMatching(dropNote)]);
    expect(framesOf(view).some((f) => f.action === 'StatusNotification' && f.raw.includes('"Finishing"'))).toBe(false);
    expect([r.verdict, r.reason ?? null]).toEqual(['pass', null]);
    expect(r.measurements.find((m) => m.label === LABEL)).toMatchObject({ value: 'up to 11040', ok: true });
    expect(r.measurements.find((m) => m.label === 'StopTransaction meterStop (Wh)')?.ok).toBe(true);
  }, 120_000);

  it('the virtual charger reports after the reconnect the Finishing status it could not send while away', async () => {
    const view = await dropAtStop('DROP-STOP-2', []);
    const r = step(view);
    expect(r.verdict).toBe('pass');
    const calls = framesOf(view);
    const stop = calls.findIndex((f) => f.action === 'StopTransaction');
    expect(stop).toBeGreaterThan(0);
    expect(calls.slice(stop).some((f) => f.action === 'StatusNotification' && f.raw.includes('"Finishing"'))).toBe(true);
  }, 120_000);

  it('says the charger went offline (when, and when it was back) when its StopTransaction never comes, not to check the cable', async () => {
    const view = await dropAtStop('DROP-STOP-3', [{ kind: 'drop', action: 'StopTransaction' }]);
    const r = step(view);
    expect(r.verdict).toBe('fail');
    expect(r.reason).toMatch(
      /^The charger went offline at .+ \(simulated clock\), as the bench stopped the test session, and was back at .+ \(simulated clock\): at “Charger ends the test session \(StopTransaction, and Finishing if it reports it\)”, nothing came within 30 s\. Check the charger's network connection \(and its power\); Run again repeats the step\.$/,
    );
    expect(r.reason).not.toMatch(/cable/);
  }, 120_000);
});
