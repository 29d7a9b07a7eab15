// A stopped commissioning run records its stop as a test run does (run.stop): who asked (the Stop of its page
// or the API, a signal to the CLI), when, and the step in progress when it took effect; its view, the API's
// JSON report and the HTML report say so, not only "Stopped".
import { expect, it } from 'vitest';
import { builtInTemplates, SiteJob } from '../../../src/shared/api/commissioning';
import { esc } from '../../../src/main/conformance/reports/html';
import { formatDateTimeWithZone } from '../../../src/shared/format/time';
import { useCommissioningBench } from '../../helpers/commissioning-bench';

const CP = 'RUNSTOP-1';
const tb = useCommissioningBench('run-stop-record', CP);
const job = SiteJob.parse({ site: 'Depot Nord', location: 'Bay 1', installer: 'A. Person', customer: 'Stadtwerke' });

it('records the CLI signal that stopped the run, when, and during which step, in the view and the reports', async () => {
  const { bench } = tb;
  const c = await bench.commissioning.create({ chargerId: CP, job, template: builtInTemplates[0]! });
  bench.commissioning.run(c.id, undefined, (e) => {
    // As `chargebench commission` stops it on SIGTERM (once the step has begun).
    if (e.type === 'stepStarted' && e.caseId === 'C4_CONNECTORS') queueMicrotask(() => bench.commissioning.stop(c.id, { atOnce: true, by: 'signal', signal: 'SIGTERM' }));
  });
  await bench.commissioning.settled(c.id);
  const v = bench.commissioning.get(c.id);
  const stop = v.lastRun?.stop;
  expect(v.lastRun?.outcome).toBe('stopped');
  expect(stop).toMatchObject({ by: 'signal', signal: 'SIGTERM', caseId: 'C4_CONNECTORS', step: expect.any(String), putBack: { after: 'C4_CONNECTORS' } });
  expect(stop!.requestedAt).toBe(stop!.at);
  const title = v.steps.find((s) => s.id === 'C4_CONNECTORS')!.title;
  // What putting the charger back came to, said with the stop (the virtual charger leaves nothing undone).
  expect(stop!.putBack.problems).toEqual([]);
  const said = `The last run was stopped (Stopped by SIGTERM to the CLI at ${formatDateTimeWithZone(stop!.at)} during step ${title} (${stop!.step}); the charger was put back): 8 steps not run yet`;
  expect(v.open).toContain(said);
  const json = JSON.parse((await bench.commissioning.file(c.id, 'report.json')).body.toString()) as typeof v;
  expect(json.lastRun?.stop).toEqual(stop);
  expect((await bench.commissioning.file(c.id, 'report.html')).body.toString()).toContain(esc(said));
}, 120_000);

it('records a Stop before the first step as the Stop of its page or the API, before the first step', async () => {
  const { bench } = tb;
  const c = await bench.commissioning.create({ chargerId: CP, job, template: builtInTemplates[0]! });
  bench.commissioning.run(c.id, ['C6_READER']);
  bench.commissioning.stop(c.id);
  await bench.commissioning.settled(c.id);
  const v = bench.commissioning.get(c.id);
  expect(v.lastRun).toMatchObject({ outcome: 'stopped', stop: { by: 'stop', caseId: null, step: 'before the first step' } });
}, 120_000);
