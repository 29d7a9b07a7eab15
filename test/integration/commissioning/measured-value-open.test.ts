// A measured item (one whose definition asks for a value) answered Conform or Not conform without a reading
// the checklist takes is open: the bench lists it among what is open, in words, and judges the commissioning
// incomplete, so the handover cannot be signed Pass while it is missing (what the API, the CLI and the UI read).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bench } from '../../../src/main/core/bench';
import { FakeClock } from '../../../src/main/clock';
import { virtualTarget } from '../../../src/main/conformance/virtual';
import { JUDGING_RULE, type StoredCommissioning } from '../../../src/main/commissioning/model';
import { builtInTemplates, checklistItems, Handover, SiteJob } from '../../../src/shared/api/commissioning';

let bench: Bench;
let dataDir: string;
let created: StoredCommissioning;
const clock = new FakeClock(Date.UTC(2026, 2, 1, 9, 0, 0));
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'chargebench-measured-open-'));
  bench = await Bench.start({ dataDir, host: '127.0.0.1', port: 0, ftpPort: 0, clock, face: 'test' } as never);
  await virtualTarget(bench, 'CP-MEASURED', 1);
  const { id } = await bench.commissioning.create({
    chargerId: 'CP-MEASURED',
    job: SiteJob.parse({ site: 'Depot Nord', installer: 'A. Person', customer: 'Stadtwerke' }),
    template: builtInTemplates[0]!,
  });
  created = bench.record.commissionings.get(id) as StoredCommissioning;
}, 60_000);
afterAll(async () => {
  await bench.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A commissioning with no step left to run (none planned), so only its checklist decides. */
async function noSteps(id: string): Promise<void> {
  const c: StoredCommissioning = { ...created, id, state: 'finished', steps: [] };
  await bench.record.commissionings.save(
    { id, chargerId: c.chargerId, site: c.job.site, location: c.job.location, state: c.state, verdict: 'incomplete', judgedBy: JUDGING_RULE, createdAt: c.createdAt, updatedAt: c.updatedAt },
    c,
  );
}
const answered = (earth: string) => checklistItems.map((i) => ({ id: i.id, result: 'conform' as const, value: i.id === 'earthResistance' ? earth : i.unit ? '1' : '', note: '' }));
const missing = 'Earth resistance: its measured value is missing or was not accepted';

it('lists a Conform without its measured value as open, and passes once the reading is given', async () => {
  await noSteps('measured');
  const without = await bench.commissioning.setChecklist('measured', answered(''));
  expect(without.checklist.find((e) => e.id === 'earthResistance')).toEqual({ id: 'earthResistance', result: 'conform', value: '', note: '' });
  expect(without.open).toEqual([missing]);
  expect(without.verdict).toBe('incomplete');
  // Not conform without a reading: open for the same reason (besides not conforming).
  const bad = await bench.commissioning.setChecklist('measured', [{ id: 'earthResistance', result: 'notConform', value: '', note: 'too high' }]);
  expect(bad.open).toEqual(['Earth resistance not conform: too high', missing]);
  // Not conform fails the commissioning, the missing reading listed all the same.
  expect(bad.verdict).toBe('fail');
  // Not applicable needs no reading; neither does an item without a measured value.
  const na = await bench.commissioning.setChecklist('measured', [{ id: 'earthResistance', result: 'notApplicable', value: '', note: '' }]);
  expect(na.open).toEqual([]);
  expect(na.verdict).toBe('pass');
  const given = await bench.commissioning.setChecklist('measured', answered('0.8'));
  expect(given.open).toEqual([]);
  expect(given.verdict).toBe('pass');
  // The list says the same.
  expect(bench.commissioning.list({ site: 'Depot Nord' }).find((c) => c.id === 'measured')?.verdict).toBe('pass');
}, 60_000);

it('signs the handover as incomplete, never Pass, while a measured value is missing', async () => {
  await noSteps('unsigned');
  await bench.commissioning.setChecklist('unsigned', answered(''));
  const signed = await bench.commissioning.handover('unsigned', Handover.parse({ installer: { name: 'A. Person', kind: 'typed' }, customer: { name: 'Stadtwerke', acknowledged: true }, notes: '' }));
  expect(signed.handover?.verdict).toBe('incomplete');
  expect(signed.open).toEqual([missing]);
}, 60_000);
