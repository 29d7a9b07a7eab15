// The commissioning report as a reader gets it, printed or opened elsewhere: every time says its zone; a
// report made on a fake clock (`chargebench commission --virtual`) says its times are the simulated clock's;
// the Charger section lists who the charger is, and what the identity step measured of its run stays with
// the step; and the steps' tables keep their columns on an A4 page (fixed columns with their share, a
// comma-separated value wrapping at its commas, no value broken anywhere when it has a better place).
import { describe, expect, it } from 'vitest';
import { builtInTemplates, CommissioningTemplate, SiteJob, type CommissioningView } from '../../../src/shared/api/commissioning';
import { formatDateTime, formatDateTimeWithZone } from '../../../src/shared/format/time';
import { commissioningHtml } from '../../../src/main/commissioning/reports/html';
import { useCommissioningBench } from '../../helpers/commissioning-bench';

const CP = 'PRINT-1';
const tb = useCommissioningBench('report-print', CP, 300);

const CSL = 'Energy.Active.Import.Register,Power.Active.Import,Current.Import,Voltage';
const template = CommissioningTemplate.parse({ ...builtInTemplates[0], name: 'Print', keys: { HeartbeatInterval: '300', MeterValuesSampledData: CSL } });
const job = SiteJob.parse({ site: 'Depot Print', location: 'Bay 1', installer: 'A. Person', customer: 'Stadtwerke' });

let view: CommissioningView;
let html: string;
const section = (from: string, to: string) => html.slice(html.indexOf(from), html.indexOf(to, html.indexOf(from)));

describe('the commissioning report', () => {
  it('is made from a run of the identity and baseline steps (on the fake clock of a virtual charger)', async () => {
    const id = (await tb.bench.commissioning.create({ chargerId: CP, job, template })).id;
    tb.bench.commissioning.run(id, ['C3_IDENTITY', 'C5_BASELINE']);
    await tb.bench.commissioning.settled(id);
    view = tb.bench.commissioning.get(id);
    html = String((await tb.bench.commissioning.file(id, 'report.html')).body);
    expect(view.steps.find((s) => s.id === 'C5_BASELINE')!.result).not.toBeNull();
  }, 60_000);

  it('gives every time with its zone, marked as the simulated clock’s, and says so at the top', () => {
    const step = view.steps.find((s) => s.id === 'C3_IDENTITY')!.result!;
    expect(html).toContain(`created ${formatDateTimeWithZone(view.createdAt)} (simulated clock)`);
    expect(html).toContain(`· ${formatDateTimeWithZone(step.startedAt)} (simulated clock)`);
    // No time without its zone.
    for (const t of [view.createdAt, step.startedAt])
      expect(
        html
          .split(formatDateTime(t))
          .slice(1)
          .every((after) => after.startsWith(' UTC')),
      ).toBe(true);
    expect(html).toContain('Times in this report are charger time on a fake clock: <code>chargebench commission --virtual</code>');
  });

  it('on the wall clock, gives the times with their zone and no word of a simulated clock', () => {
    const wall = commissioningHtml({ view, photo: () => null, evidenceSha256: 'x' });
    expect(wall).toContain(`created ${formatDateTimeWithZone(view.createdAt)} ·`);
    expect(wall).not.toContain('simulated clock');
    expect(wall).not.toContain('fake clock');
  });

  it('lists who the charger is in the Charger section, and leaves what the identity step measured of its run with the step', () => {
    const charger = section('<h2>Charger</h2>', '<h2>Steps</h2>');
    expect(charger).toContain('<dt>Vendor</dt><dd>ChargeBench</dd>');
    expect(charger).toContain('<dt>Meter type</dt>');
    expect(charger).not.toContain('Last Heartbeat before this step');
    expect(charger).not.toContain('HeartbeatInterval');
    expect(charger).not.toContain('Clock difference');
    const step = section('<section class="case" id="C3_IDENTITY">', '</section>');
    expect(step).toContain('Last Heartbeat before this step');
    expect(step).toContain('Clock difference');
  });

  it('keeps the columns of a step’s table on paper: fixed, with their share, the ✓ in its own column', () => {
    const step = section('<section class="case" id="C5_BASELINE">', '</section>');
    expect(step).toContain('<table class="steps measured"><colgroup><col class="c-label"><col class="c-value"><col class="c-wanted"><col class="c-ok"></colgroup>');
    expect(html).toMatch(/table\.measured,table\.diff,table\.checks\{table-layout:fixed\}/);
    const widths = (table: string) => [...html.matchAll(new RegExp(`table\\.${table} col\\.c-[a-z]+\\{width:(\\d+)%\\}`, 'g'))].map((m) => Number(m[1]));
    expect(widths('measured')).toHaveLength(4);
    expect(widths('measured').reduce((a, b) => a + b)).toBe(100);
    expect(widths('diff')).toHaveLength(6);
    expect(widths('diff').reduce((a, b) => a + b)).toBe(100);
    expect(html).toContain('table.measured td:last-child,table.diff td:last-child{text-align:center;white-space:nowrap}');
  });

  it('wraps a comma-separated value at its commas, and breaks a word only where nothing better is left', () => {
    // Not "break anywhere" for every value (it made "was 30 / 0, now / 300 (a / lready / set)").
    expect(html).not.toContain('word-break:break-all');
    expect(html).toMatch(/td,th\{overflow-wrap:anywhere\}/);
    const step = section('<section class="case" id="C5_BASELINE">', '</section>');
    const items = CSL.split(',');
    const wrapped = items.map((item, i) => `<span class="csl">${item.replace(/\./g, '.<wbr>')}${i < items.length - 1 ? ',' : ''}</span>`).join('<wbr>');
    expect(step).toContain(`<td>${wrapped}</td>`);
  });
});
