// The commissioning report's session chart draws the site's load limit only when this commissioning had set
// it on the charger when the test session ran (the condition the session step judges the power against the
// limit on); otherwise it draws no limit line and says, under the chart, that the load limit was not set on
// the charger in this commissioning. On the HTML report, with the built-in virtual charger (22 kW without a
// profile; the site's 16 A on three phases is 11040 W).
import { describe, expect, it } from 'vitest';
import { builtInTemplates, CommissioningTemplate, SiteJob, type CommissioningView } from '../../../src/shared/api/commissioning';
import { useCommissioningBench } from '../../helpers/commissioning-bench';

const CP = 'CHART-LIMIT-H1';
const tb = useCommissioningBench('chart-limit-h1', CP);

const job = SiteJob.parse({ site: 'Depot Chart', installer: 'A. Person' });
const limited = CommissioningTemplate.parse({ ...builtInTemplates[0], name: 'Limited', sessionSeconds: 120, ratedPowerW: 22000, loadLimit: { limit: 16, unit: 'A', phases: 3 } });
const NOT_SET = 'the load limit was not set on the charger in this commissioning';

async function run(id: string, steps: string[]): Promise<CommissioningView> {
  tb.bench.commissioning.run(id, steps);
  await tb.bench.commissioning.settled(id);
  return tb.bench.commissioning.get(id);
}
const verdict = (view: CommissioningView, id: string) => view.steps.find((s) => s.id === id)!.result!.verdict;

/** The report's test session section: from its heading to the next. */
async function sessionSection(id: string): Promise<string> {
  const html = String((await tb.bench.commissioning.file(id, 'report.html')).body);
  const from = html.indexOf('<h2>Test session</h2>');
  return html.slice(from, html.indexOf('<h2>', from + 1));
}
const limitLine = (section: string) => /<line class="limit"|limit 11040 W|site’s load limit \(W\)/.test(section);

describe('the report chart’s load limit line', () => {
  it('is not drawn when the load limit was not set on the charger in this commissioning, and the report says why', async () => {
    // A new charger: no profile of the site's on it (this test runs first).
    const c = await tb.bench.commissioning.create({ chargerId: CP, job, template: limited });
    const view = await run(c.id, ['C8_SESSION']);
    expect(view.session!.samples.length).toBeGreaterThan(0);
    const section = await sessionSection(c.id);
    expect(section).toContain('<svg class="chart"');
    expect(limitLine(section)).toBe(false);
    expect(section).toContain(`<p class="meta chart-limit">No load limit line: ${NOT_SET} when the test session ran`);
    // The power axis is the session's own (22 kW), not stretched to a limit.
    expect(section).toContain('>24200 W</text>');
  }, 120_000);

  it('is drawn when the "Site\'s load limit" step had passed when the session ran, with nothing said', async () => {
    const c = await tb.bench.commissioning.create({ chargerId: CP, job, template: limited });
    const view = await run(c.id, ['C10_LOAD_LIMIT', 'C8_SESSION']);
    expect([verdict(view, 'C10_LOAD_LIMIT'), verdict(view, 'C8_SESSION')]).toEqual(['pass', 'pass']);
    const section = await sessionSection(c.id);
    expect(section).toContain('<line class="limit"');
    expect(section).toContain('limit 11040 W');
    expect(section).not.toContain(NOT_SET);
  }, 120_000);

  it('is not drawn for a session that ran before the load limit was set, though the limit step passed since', async () => {
    const c = await tb.bench.commissioning.create({ chargerId: CP, job, template: limited });
    await run(c.id, ['C8_SESSION']);
    const view = await run(c.id, ['C10_LOAD_LIMIT']);
    expect(verdict(view, 'C10_LOAD_LIMIT')).toBe('pass');
    const section = await sessionSection(c.id);
    expect(limitLine(section)).toBe(false);
    expect(section).toContain(NOT_SET);
  }, 120_000);

  it('is neither drawn nor explained when the template sets no load limit', async () => {
    const c = await tb.bench.commissioning.create({ chargerId: CP, job, template: { ...limited, name: 'Unlimited', loadLimit: null } });
    await run(c.id, ['C8_SESSION']);
    const section = await sessionSection(c.id);
    expect(section).toContain('<svg class="chart"');
    expect(limitLine(section)).toBe(false);
    expect(section).not.toContain(NOT_SET);
  }, 120_000);
});
