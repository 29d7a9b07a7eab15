// The on-site checklist's measured reading, given through the HTTP API, is read as the UI reads one typed
// (one parser, shared/format/reading.ts): "1,000" (a thousands separator or a decimal comma?) is a 400
// naming the field, with the UI's words; a decimal comma is saved as a point.
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestBench } from '../../helpers/bench';
import { virtualTarget } from '../../../src/main/conformance/virtual';
import { builtInTemplates, SiteJob } from '../../../src/shared/api/commissioning';
import { readReading } from '../../../src/shared/format/reading';

const tb = useTestBench();
let id: string;
beforeAll(async () => {
  await virtualTarget(tb.bench, 'CP-READING', 1);
  ({ id } = await tb.bench.commissioning.create({
    chargerId: 'CP-READING',
    job: SiteJob.parse({ site: 'Depot Süd', installer: 'A. Person', customer: 'Stadtwerke' }),
    template: builtInTemplates[0]!,
  }));
}, 60_000);

const patch = (entries: unknown) => tb.request('PATCH', `/api/commissioning/${id}/checklist`, entries);
const earth = (value: string) => [{ id: 'earthResistance', result: 'conform', value, note: '' }];
const stored = async (item: string) => (await tb.request('GET', `/api/commissioning/${id}`)).body.checklist.find((e: { id: string }) => e.id === item)?.value;

describe('PATCH /api/commissioning/{id}/checklist with a measured reading', () => {
  it('answers 400 naming the field for "1,000", in the words the UI says, and saves nothing', async () => {
    const ui = 'Is the comma a thousands separator or a decimal comma? Write the value without grouping: "1000" or "1.000"';
    expect(readReading('Ω', '1,000').error).toBe(ui);
    const res = await patch(earth('1,000'));
    expect(res.status).toBe(400);
    expect(res.body.field).toBe('0.value');
    expect(res.body.error).toBe(`Invalid body field "0.value": ${ui}`);
    expect(await stored('earthResistance')).toBe('');
    const over = await patch([{ id: 'rcdTripTime', result: 'conform', value: '>1,000,000', note: '' }]);
    expect(over).toMatchObject({ status: 400, body: { field: '0.value', error: expect.stringContaining('Write the value without grouping: ">1000000"') } });
  });

  it('saves a decimal comma as a point, as the UI does', async () => {
    const res = await patch([...earth('0,8'), { id: 'insulation', result: 'conform', value: '>1,5', note: '' }]);
    expect(res.status).toBe(200);
    expect(res.body.checklist.find((e: { id: string }) => e.id === 'earthResistance').value).toBe('0.8');
    expect(await stored('insulation')).toBe('>1.5');
    expect(readReading('MΩ', '>1,5').value).toBe('>1.5');
  });

  it('takes 1000 and 1.000, and words for phase rotation as they are', async () => {
    expect((await patch(earth('1000'))).status).toBe(200);
    expect(await stored('earthResistance')).toBe('1000');
    expect((await patch(earth('1.000'))).status).toBe(200);
    expect(await stored('earthResistance')).toBe('1.000');
    expect((await patch([{ id: 'phaseRotation', result: 'conform', value: 'L1,L2,L3', note: '' }])).status).toBe(200);
    expect(await stored('phaseRotation')).toBe('L1,L2,L3');
  });

  it('refuses a reading that is no number, naming the field', async () => {
    expect(await patch(earth('about 1'))).toMatchObject({ status: 400, body: { field: '0.value', error: expect.stringContaining('Enter the reading in Ω as a number') } });
  });
});
