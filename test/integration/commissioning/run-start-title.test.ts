// A run of a commissioning recorded before a step was renamed ("Unlock", now "Unlock each connector") names
// its first step while it waits for the charger as the stepper and Stop name it: by the recorded title.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bench } from '../../../src/main/core/bench';
import { virtualTarget } from '../../../src/main/conformance/virtual';
import { builtInTemplates, SiteJob, type CommissioningStep } from '../../../src/shared/api/commissioning';
import { waitFor } from '../../helpers/bench';

const CP = 'VOLDTITLE';
let bench: Bench;
let dataDir = '';
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'chargebench-run-title-'));
  bench = await Bench.start({ dataDir, host: '127.0.0.1', port: 0, face: 'test' } as never);
  await virtualTarget(bench, CP, 1);
}, 60_000);
afterAll(async () => {
  await bench?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

it('says it waits before the step as recorded ("Unlock"), not as the plan names it now', async () => {
  const id = (await bench.commissioning.create({ chargerId: CP, job: SiteJob.parse({ site: 'S', installer: 'A' }), template: builtInTemplates[0]! })).id;
  const stored = (bench.commissioning as unknown as { stored(id: string): { steps: CommissioningStep[] } }).stored(id);
  stored.steps = stored.steps.map((s) => (s.id === 'C9_UNLOCK' ? { ...s, title: 'Unlock' } : s));
  const vcp = bench.virtualChargers.charger(CP);
  vcp.setFaults({ offline: true, offlineSeconds: 0 });
  await waitFor(async () => (!bench.centralSystem.isConnected(CP) ? true : null), 30_000);
  bench.commissioning.run(id, ['C9_UNLOCK']);
  const v = bench.commissioning.get(id);
  expect(v.running?.before).toBe(`waiting for ${CP} to connect before Unlock; 1 step requested`);
  expect(v.steps.find((s) => s.id === 'C9_UNLOCK')!.title).toBe('Unlock');
  bench.commissioning.stop(id);
  await bench.commissioning.settled(id);
  vcp.setFaults({ offline: false });
}, 60_000);
