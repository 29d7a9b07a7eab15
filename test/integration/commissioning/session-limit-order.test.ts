// The test session run before the "Site's load limit" step passed (Run again of C8 alone, then C10): its power
// was never judged against the limit, and nothing reopens it once the limit step passes, so the session step is
// inconclusive, saying to run it again after "Site's load limit" passes, and the commissioning is not a pass.
// In the plan's order (the limit first) both pass.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bench } from '../../../src/main/core/bench';
import { FakeClock } from '../../../src/main/clock';
import { virtualTarget } from '../../../src/main/conformance/virtual';
import { builtInTemplates, CommissioningTemplate, SiteJob, type CommissioningView } from '../../../src/shared/api/commissioning';

let bench: Bench;
let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'chargebench-limit-order-'));
  bench = await Bench.start({ dataDir, host: '127.0.0.1', port: 0, clock: new FakeClock(Date.now()), face: 'test' } as never);
}, 60_000);
afterAll(async () => {
  await bench.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const job = SiteJob.parse({ site: 'Depot Order', installer: 'A. Person' });
const template = CommissioningTemplate.parse({ ...builtInTemplates[0], name: 'Limited', sessionSeconds: 60, ratedPowerW: 22000, loadLimit: { limit: 16, unit: 'A', phases: 3 } });
const LABEL = "Power under the site's load limit (W)";

async function run(id: string, steps: string[]): Promise<CommissioningView> {
  bench.commissioning.run(id, steps);
  await bench.commissioning.settled(id);
  return bench.commissioning.get(id);
}
const step = (v: CommissioningView, id = 'C8_SESSION') => v.steps.find((s) => s.id === id)!.result!;

it('the session run before the limit was set, then the limit: the session inconclusive, saying to run it again; not a pass', async () => {
  await virtualTarget(bench, 'ORDER-1', 1);
  const c = await bench.commissioning.create({ chargerId: 'ORDER-1', job, template });
  await run(c.id, ['C8_SESSION']);
  const view = await run(c.id, ['C10_LOAD_LIMIT']);
  expect(step(view, 'C10_LOAD_LIMIT').verdict).toBe('pass');
  const r = step(view);
  expect(r.verdict).toBe('inconclusive');
  expect(r.reason).toBe(
    "The session's power was not judged against the site's load limit: “Site's load limit” had not run when the session ran. Run “Test session” again after “Site's load limit” passes.",
  );
  expect(r.measurements.find((m) => m.label === LABEL)?.ok).toBe(null);
  expect(view.verdict).not.toBe('pass');
  expect(view.open.some((o) => o.includes("Run “Test session” again after “Site's load limit” passes"))).toBe(true);
  // Run again after the limit passed: judged, and a pass.
  const again = await run(c.id, ['C8_SESSION']);
  expect([step(again).verdict, step(again).reason ?? null]).toEqual(['pass', null]);
  expect(step(again).measurements.find((m) => m.label === LABEL)).toMatchObject({ value: 'up to 11040', ok: true });
}, 120_000);

it("the limit first, then the session (the plan's order): both pass, the power judged", async () => {
  await virtualTarget(bench, 'ORDER-2', 1);
  const c = await bench.commissioning.create({ chargerId: 'ORDER-2', job, template });
  const view = await run(c.id, ['C10_LOAD_LIMIT', 'C8_SESSION']);
  expect(step(view, 'C10_LOAD_LIMIT').verdict).toBe('pass');
  expect([step(view).verdict, step(view).reason ?? null]).toEqual(['pass', null]);
  expect(step(view).measurements.find((m) => m.label === LABEL)).toMatchObject({ value: 'up to 11040', ok: true });
}, 120_000);
