// The test session's row for the site's load limit is always there: measured when the session ran, even when
// the step fails on another check (the power under the template's minimum), and "not measured" saying why
// when the session did not run or the template sets no limit. In the step and in the report.
import { describe, expect, it } from 'vitest';
import { builtInTemplates, CommissioningTemplate, SiteJob, type CommissioningView } from '../../../src/shared/api/commissioning';
import { useCommissioningBench } from '../../helpers/commissioning-bench';

const CP = 'VBAD-LIMIT';
const tb = useCommissioningBench('load-limit-row', CP);

const job = SiteJob.parse({ site: 'Depot Limit', installer: 'A. Person' });
const LABEL = "Power under the site's load limit (W)";
const limited = CommissioningTemplate.parse({ ...builtInTemplates[0], name: 'Sixteen', loadLimit: { limit: 16, unit: 'A', phases: 1 } });

async function session(template: CommissioningTemplate, faults: Record<string, unknown>, clear: Record<string, unknown>): Promise<{ view: CommissioningView; html: string }> {
  const vcp = tb.bench.virtualChargers.charger(CP);
  vcp.setFaults(faults as never);
  try {
    const id = (await tb.bench.commissioning.create({ chargerId: CP, job, template })).id;
    tb.bench.commissioning.run(id, ['C10_LOAD_LIMIT', 'C8_SESSION']); // the limit set first: the session judges it only then
    await tb.bench.commissioning.settled(id);
    return { view: tb.bench.commissioning.get(id), html: String((await tb.bench.commissioning.file(id, 'report.html')).body) };
  } finally {
    vcp.setFaults(clear as never);
  }
}
const step = (view: CommissioningView) => view.steps.find((s) => s.id === 'C8_SESSION')!.result!;
const row = (view: CommissioningView) => step(view).measurements.find((m) => m.label === LABEL);

describe("the session's load-limit row", () => {
  it('is measured when the session fails on its minimum power (slow charging under a 16 A limit)', async () => {
    const { view, html } = await session(limited, { slowCharging: true }, { slowCharging: false });
    expect([step(view).verdict, step(view).reason]).toEqual(['fail', expect.stringMatching(/^The session drew at most 230 W, less than the \d+ W wanted while charging/)]);
    // 230 W of slow charging is under 16 A on one phase (3680 W).
    expect(row(view)).toEqual({ label: LABEL, value: 'up to 230', ok: true, wanted: 'at most 3680' });
    const steps = html.slice(html.indexOf('<h2>Steps</h2>'), html.indexOf('<h2>Configuration</h2>'));
    expect(steps).toContain(`<td>Power under the site's load limit (W)</td><td><code>up to 230</code></td><td>at most 3680</td><td>✓</td>`);
  }, 120_000);

  it('says "not measured" and why when the session did not start', async () => {
    const { view, html } = await session(limited, { actions: { RemoteStartTransaction: { mode: 'reject' } } }, { actions: {} });
    expect(step(view).verdict).toBe('fail');
    expect(row(view)).toEqual({ label: LABEL, value: 'not measured: the test session did not start', ok: null, wanted: 'at most 3680' });
    expect(html).toContain('not measured: the test session did not start');
  }, 120_000);

  it('says "not measured" when the template sets no load limit', async () => {
    const { view } = await session(builtInTemplates[0]!, {}, {});
    expect(step(view).verdict).toBe('pass');
    expect(row(view)).toEqual({ label: LABEL, value: 'not measured: the template sets no load limit', ok: null, wanted: 'no limit set' });
  }, 120_000);
});
