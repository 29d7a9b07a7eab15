// Runs the bench's shutdown cuts short: it gives them a bounded moment to put the charger back; one still
// going when that runs out is recorded as stopped by the shutdown and not put back, with the configuration
// keys it left changed (here MinimumStatusDuration, set to 0 by the run's setup and put back only at its end).
import { describe, expect, it } from 'vitest';
import { Bench } from '../../../src/main/core/bench';
import { virtualTarget } from '../../../src/main/conformance/virtual';
import type { StoredCommissioning } from '../../../src/main/commissioning/model';
import { builtInTemplates, SiteJob } from '../../../src/shared/api/commissioning';
import { putBackWords } from '../../../src/shared/api/run-stop';
import type { BenchEvent } from '../../../src/shared/api/views';
import { waitFor } from '../../helpers/bench';
import { restartableBenches } from '../../helpers/restartable-bench';

const { open, cleanup } = restartableBenches('shutdown-putback');

/** A virtual charger reporting MinimumStatusDuration 5: a run sets it to 0 for its cases and puts it back after them. */
async function charger(bench: Bench, id: string) {
  const target = await virtualTarget(bench, id, 1);
  const set = await bench.operations.operateByName(target.id, 'ChangeConfiguration', { key: 'MinimumStatusDuration', value: '5' }, {});
  expect(set).toMatchObject({ outcome: 'completed', response: { status: 'Accepted' } });
  return target;
}

const job = SiteJob.parse({ site: 'Depot Süd', installer: 'A. Person' });
const LEFT = 'the bench shut down before the charger was put back (it waits at most 0 s for that); configuration keys still as the run set them: MinimumStatusDuration (';
/** The key as the run left it: set to 0, or its put-back already sent when the wait ran out (a loaded machine), its answer not come (yet, or ever: the shutdown closed the connection). */
const KEY = /MinimumStatusDuration \((left at 0; it was 5|maybe put back to 5: the charger( had not answered|'s answer never came))\)/;
const LEFT_WORDS = new RegExp(`^${LEFT.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);

describe('a run the bench shut down on before it could put the charger back', () => {
  it('is recorded as stopped by the shutdown, not put back, with the keys it left changed (a test run and a commissioning)', async () => {
    const { bench, dataDir } = await open();
    const a = await charger(bench, 'SHUT-RUN');
    const b = await charger(bench, 'SHUT-COM');
    const seen: BenchEvent[] = [];
    bench.bus.subscribe((e) => seen.push(e));
    const { runId } = bench.conformance.start({ chargerId: a.id, cases: ['TC_003_CS', 'TC_004_1_CS', 'TC_005_1_CS', 'TC_021_CS'] });
    const c = await bench.commissioning.create({ chargerId: b.id, job, template: builtInTemplates[0]! });
    bench.commissioning.run(c.id);
    await waitFor(() => seen.some((e) => e.type === 'testCaseFinished' && e.runId === runId), 30_000);
    await waitFor(() => bench.commissioning.get(c.id).steps.some((s) => s.result) || null, 30_000);
    // A person's ChangeConfiguration from Operations during the run is not the run's: not listed as left by it.
    const person = await bench.operations.operateByName(a.id, 'ChangeConfiguration', { key: 'ConnectionTimeOut', value: '91' }, {});
    expect(person).toMatchObject({ outcome: 'completed', response: { status: 'Accepted' } });
    // No time at all for the put-back, and no answer to it (on a loaded machine even a 0 ms wait lasts long
    // enough for a virtual charger to answer): both runs are still going when the wait runs out.
    for (const id of [a.id, b.id]) bench.virtualChargers.setFaults(id, { actions: { ChangeConfiguration: { mode: 'ignore' } } });
    await bench.stop({ runsWithinMs: 0 });

    const after = await open(dataDir);
    cleanup.push(() => after.bench.stop());
    const run = after.bench.conformance.get(runId);
    expect(run.state).toBe('stopped');
    expect(run.stop).toMatchObject({ by: 'shutdown', putBack: { after: expect.any(String) } });
    // The keys the case in progress changed are listed after it (which case that is depends on the moment).
    expect(run.stop!.putBack.problems[0]).toMatch(LEFT_WORDS);
    expect(run.stop!.putBack.problems[0]).toMatch(KEY);
    // Its page and its reports say it in those words.
    expect(putBackWords(run.stop!)).toMatch(new RegExp(`^Not put back after ${run.stop!.putBack.after}: the bench shut down before`));
    const html = (await after.bench.conformance.report(runId, 'html')).body as string;
    expect(html).toContain('the bench shut down before the charger was put back');
    expect(html).toMatch(KEY);
    expect(run.stop!.putBack.problems.join()).not.toContain('ConnectionTimeOut');

    const stored = after.bench.record.commissionings.get(c.id) as StoredCommissioning;
    expect(stored.runs.at(-1)).toMatchObject({ outcome: 'shutDown', stop: { by: 'shutdown' } });
    expect(stored.runs.at(-1)!.stop!.putBack.problems[0]).toMatch(LEFT_WORDS);
    expect(stored.runs.at(-1)!.stop!.putBack.problems[0]).toMatch(KEY);
    const v = after.bench.commissioning.get(c.id);
    const said = v.open.find((o) => o.startsWith('The last run was cut short: the bench shut down at '));
    expect(said).toContain(`; not put back: ${LEFT}`);
    expect(said).toMatch(KEY);
    const report = (await after.bench.commissioning.file(c.id, 'report.html')).body.toString();
    expect(report).toMatch(KEY);
  }, 90_000);

  it('put back within the wait: the record says so, as it says a Stop’s', async () => {
    const { bench, dataDir } = await open();
    const a = await charger(bench, 'SHUT-BACK');
    const seen: BenchEvent[] = [];
    bench.bus.subscribe((e) => seen.push(e));
    const { runId } = bench.conformance.start({ chargerId: a.id, cases: ['TC_003_CS', 'TC_004_1_CS', 'TC_005_1_CS', 'TC_021_CS'] });
    await waitFor(() => seen.some((e) => e.type === 'testCaseFinished' && e.runId === runId), 30_000);
    await bench.stop();
    const after = await open(dataDir);
    cleanup.push(() => after.bench.stop());
    const run = after.bench.conformance.get(runId);
    expect(run.stop).toMatchObject({ by: 'shutdown', putBack: { problems: [] } });
  }, 90_000);
});
