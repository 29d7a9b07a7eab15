// A commissioning run that has finished, while the record it wrote settles (a busy disk): it is shown
// finished, so a test run on the same charger may start then, instead of being refused as "being commissioned".
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bench } from '../../../src/main/core/bench';
import { FakeClock } from '../../../src/main/clock';
import { virtualTarget } from '../../../src/main/conformance/virtual';
import { builtInTemplates, CommissioningTemplate, SiteJob } from '../../../src/shared/api/commissioning';
import { waitFor } from '../../helpers/bench';

const CP = 'SETTLE-1';
let bench: Bench;
let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'chargebench-finished-settling-'));
  bench = await Bench.start({ dataDir, host: '127.0.0.1', port: 0, clock: new FakeClock(Date.now()), face: 'test' } as never);
  await virtualTarget(bench, CP, 1);
}, 60_000);
afterAll(async () => {
  await bench.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

it('lets a test run start on the charger once its commissioning run shows finished, while the record settles', async () => {
  const template = CommissioningTemplate.parse({ ...builtInTemplates[0], sessionSeconds: 60 });
  const job = SiteJob.parse({ site: 'Depot', location: 'Bay 2', installer: 'A. Person', customer: 'Stadtwerke' });
  const id = (await bench.commissioning.create({ chargerId: CP, job, template })).id;
  const record = bench.record;
  const settled = record.settled.bind(record);
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  // Once the run has finished, the record takes its time.
  record.settled = async () => {
    if (bench.commissioning.get(id).lastRun?.finishedAt) await held;
    return settled();
  };
  try {
    bench.commissioning.run(id, ['C5_BASELINE']);
    await waitFor(async () => (bench.commissioning.get(id).lastRun?.finishedAt ? true : null), 30_000);
    expect(bench.commissioning.runningOn(CP)).toBeNull();
    const { runId } = bench.conformance.start({ chargerId: CP, cases: ['TC_017_1_CS'] });
    release();
    await bench.commissioning.settled(id);
    expect((await bench.conformance.settled(runId)).state).toBe('finished');
  } finally {
    record.settled = settled;
    release();
  }
}, 60_000);
