// The on-site checks in the report (HTML, and the PDF printed from it): a reading with a unit of measure is
// printed with it ("0.8 Ω"); phase rotation's reading is a sequence in words, printed as written, with no
// "sequence" after it as if that were a unit.
import { describe, expect, it } from 'vitest';
import { builtInTemplates, checklistItems, SiteJob, type ChecklistEntry } from '../../../src/shared/api/commissioning';
import { useCommissioningBench } from '../../helpers/commissioning-bench';

const CP = 'UNIT-1';
const tb = useCommissioningBench('reading-unit', CP, 300);
const job = SiteJob.parse({ site: 'Depot Units', installer: 'A. Person' });

describe('the report’s on-site checks', () => {
  it('print a number with its unit and the phase rotation as written', async () => {
    const id = (await tb.bench.commissioning.create({ chargerId: CP, job, template: builtInTemplates[0]! })).id;
    const values: Record<string, string> = { earthResistance: '0.8', rcdTripTime: '23', rcdTripCurrent: '28', insulation: '>500', phaseRotation: 'L1-L2-L3' };
    const entries: ChecklistEntry[] = checklistItems.map((i) => ({ id: i.id, result: 'conform', value: values[i.id] ?? '', note: '' }));
    await tb.bench.commissioning.setChecklist(id, entries);
    const html = String((await tb.bench.commissioning.file(id, 'report.html')).body);
    const checks = html.slice(html.indexOf('<h2>On-site checks</h2>'), html.indexOf('<h2>Photos</h2>'));
    expect(checks).toContain('<td>Phase rotation</td><td>Conform</td><td>L1-L2-L3</td>');
    expect(checks).not.toContain('sequence');
    expect(checks).toContain('<td>Earth resistance</td><td>Conform</td><td>0.8 Ω</td>');
    expect(checks).toContain('<td>Insulation resistance</td><td>Conform</td><td>&gt;500 MΩ</td>');
    expect(checks).toContain('<td>Cable and connector undamaged and correctly rated</td><td>Conform</td><td></td>');
  }, 60_000);
});
