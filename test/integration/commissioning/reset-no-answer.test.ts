// A charger that never answers Reset, online all along: the commissioning's Reset step says it did not
// answer Reset within 30 s, with advice for a charger that was online (not "check its power and network").
import { expect, it } from 'vitest';
import { builtInTemplates, CommissioningTemplate, SiteJob } from '../../../src/shared/api/commissioning';
import { useCommissioningBench } from '../../helpers/commissioning-bench';

const CP = 'RESETNA-1';
const tb = useCommissioningBench('reset-no-answer', CP, 300);

it('says the charger did not answer Reset within 30 s, and that it was online', async () => {
  const { bench } = tb;
  const template = CommissioningTemplate.parse({ ...builtInTemplates[0], name: 'Reset ignored' });
  const job = SiteJob.parse({ site: 'Depot Ost', location: 'Bay 1', installer: 'A. Person', customer: 'Stadtwerke' });
  const id = (await bench.commissioning.create({ chargerId: CP, job, template })).id;
  bench.virtualChargers.setFaults(CP, { actions: { Reset: { mode: 'ignore' } } });
  try {
    bench.commissioning.run(id, ['C9_RESET']);
    await bench.commissioning.settled(id);
  } finally {
    bench.virtualChargers.setFaults(CP, { actions: {} });
  }
  const r = bench.commissioning.get(id).steps.find((s) => s.id === 'C9_RESET')!.result!;
  expect(r.verdict).toBe('fail');
  expect(r.reason).toContain('the charger did not answer Reset within 30 s.');
  expect(r.reason).toMatch(/^The charger was online but did not answer Reset: /);
  expect(r.reason).not.toMatch(/power and network|did not do what the step needs/);
  expect(bench.centralSystem.isConnected(CP)).toBe(true);
}, 120_000);
