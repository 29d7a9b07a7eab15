// A commissioning as a bench killed during its first run's step 2 leaves it in the record: the run recorded
// as running (no end), its first step passed, the record last heard from it 5 s after its start.
import type { Bench } from '../../src/main/core/bench';
import { virtualTarget } from '../../src/main/conformance/virtual';
import type { StoredCommissioning } from '../../src/main/commissioning/model';
import { builtInTemplates, type SiteJob } from '../../src/shared/api/commissioning';

/** Creates the commissioning of a new virtual charger `chargerId` for `job`, its first run killed in step 2 at `now` (not saved yet). */
export async function killedInStep2(bench: Bench, chargerId: string, job: SiteJob, now: number) {
  await virtualTarget(bench, chargerId, 1);
  const c = await bench.commissioning.create({ chargerId, job, template: builtInTemplates[0]! });
  const stored = bench.record.commissionings.get(c.id) as StoredCommissioning;
  const at = new Date(now).toISOString();
  const heardAt = new Date(now + 5000).toISOString();
  const [done, begun] = stored.steps;
  done!.result = { id: done!.id, title: done!.title, verdict: 'pass', reason: null, startedAt: at, steps: [], cleanupProblems: [], measurements: [] } as never;
  stored.runs.push({ startedAt: at, finishedAt: null, outcome: 'running', steps: stored.steps.map((s) => s.id), stoppedIn: null, heard: { at: heardAt, begun: begun!.id, ended: done!.id } });
  return { c, stored, heardAt, begun: begun! };
}
