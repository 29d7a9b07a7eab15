// A checklist reading saved before the one reading parser ("1,000" Ω, taken through the API then) is judged by
// the rule it was saved by and never rewritten: the commissioning's page says what its list says (not
// "measured value missing"), and the item's answer and note can still be changed with the value as stored.
// A value given anew is still read by the parser ("1,000" refused, nothing changed).
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestBench } from '../../helpers/bench';
import { virtualTarget } from '../../../src/main/conformance/virtual';
import { readingMissing } from '../../../src/main/commissioning/model';
import { builtInTemplates, ChecklistEntry, SiteJob, type CommissioningView } from '../../../src/shared/api/commissioning';

const tb = useTestBench();
let id: string;
beforeAll(async () => {
  await virtualTarget(tb.bench, 'CP-OLD-READING', 1);
  ({ id } = await tb.bench.commissioning.create({ chargerId: 'CP-OLD-READING', job: SiteJob.parse({ site: 'S', installer: 'A' }), template: builtInTemplates[0]! }));
  // As the record holds it: saved through the API before the parser refused "1,000".
  const stored = (tb.bench.commissioning as unknown as { stored(id: string): { checklist: ChecklistEntry[] } }).stored(id);
  stored.checklist = stored.checklist.map((e) => (e.id === 'earthResistance' ? { ...e, result: 'conform', value: '1,000', note: '' } : e));
}, 60_000);

const patch = (entries: unknown) => tb.request('PATCH', `/api/commissioning/${id}/checklist`, entries);
const earthOf = (v: CommissioningView) => v.checklist.find((e) => e.id === 'earthResistance')!;

describe('a reading stored before the parser ("1,000")', () => {
  it('is not a missing reading', () => {
    expect(readingMissing({ id: 'earthResistance', result: 'conform', value: '1,000' })).toBe(false);
    expect(tb.bench.commissioning.get(id).open.join('\n')).not.toContain('Earth resistance: its measured value is missing');
  });

  it('keeps its value when its note and answer are changed', async () => {
    const res = await patch([{ id: 'earthResistance', result: 'notConform', value: '1,000', note: 'measured at the board' }]);
    expect(res.status).toBe(200);
    expect(earthOf(res.body)).toMatchObject({ result: 'notConform', value: '1,000', note: 'measured at the board' });
  });

  it('is still refused when given anew in another form, and nothing changes', async () => {
    const res = await patch([{ id: 'earthResistance', result: 'conform', value: '2,000', note: '' }]);
    expect(res).toMatchObject({ status: 400, body: { field: '0.value', error: expect.stringContaining('Write the value without grouping: "2000" or "2.000"') } });
    expect(earthOf(tb.bench.commissioning.get(id))).toMatchObject({ result: 'notConform', value: '1,000', note: 'measured at the board' });
  });
});
