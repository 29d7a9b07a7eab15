// A run the bench's own shutdown stops: the bench waits (a few seconds at most) for it to put the charger
// back and record that it was stopped, so after a restart it is not "running" for ever. A run recorded as
// running that is not running (a bench that crashed) reads as stopped, and does not keep the charger busy.
import { describe, expect, it } from 'vitest';
import { virtualTarget } from '../../src/main/conformance/virtual';
import { listItemOf, verdictOf, type StoredCommissioning } from '../../src/main/commissioning/model';
import { builtInTemplates, SiteJob } from '../../src/shared/api/commissioning';
import type { BenchEvent } from '../../src/shared/api/views';
import { waitFor } from '../helpers/bench';
import { restartableBenches } from '../helpers/restartable-bench';
import { esc } from '../../src/main/conformance/reports/html';
import { formatDateTimeWithZone } from '../../src/shared/format/time';

const { open, cleanup } = restartableBenches('stop-runs');

const job = SiteJob.parse({ site: 'Depot Süd', installer: 'A. Person' });

describe('stopping the bench while runs go on', () => {
  it('records the test run as stopped and the commissioning as cut short by the shutdown before it closes the record', async () => {
    const { bench, dataDir } = await open();
    const a = await virtualTarget(bench, 'STOP-RUN', 1);
    const b = await virtualTarget(bench, 'STOP-COM', 1);
    const seen: BenchEvent[] = [];
    bench.bus.subscribe((e) => seen.push(e));
    const { runId } = bench.conformance.start({ chargerId: a.id, cases: ['TC_003_CS', 'TC_004_1_CS', 'TC_005_1_CS', 'TC_021_CS'] });
    const c = await bench.commissioning.create({ chargerId: b.id, job, template: builtInTemplates[0]! });
    bench.commissioning.run(c.id);
    // Both are under way: a case and a step have ended, and the commissioning is (most likely still) in a step that has not.
    await waitFor(() => seen.some((e) => e.type === 'testCaseFinished' && e.runId === runId), 30_000);
    const inStep = (v: ReturnType<typeof bench.commissioning.get>) => v.steps.some((s) => s.result) && !!v.running?.stepId && !v.steps.find((s) => s.id === v.running!.stepId)?.result;
    await waitFor(() => inStep(bench.commissioning.get(c.id)) || null, 30_000);
    const started = Date.now();
    await bench.stop();
    expect(Date.now() - started).toBeLessThan(10_000);
    const after = await open(dataDir);
    try {
      // As recorded, not as read through the services (which would map a stale "running" too).
      expect(after.bench.record.testRuns.list({ chargerId: a.id })).toMatchObject([{ id: runId, state: 'stopped' }]);
      const stored = after.bench.record.commissionings.get(c.id) as StoredCommissioning;
      // Nobody pressed Stop: the record says the bench shut down, when, and during which step (not "stopped").
      expect(stored.runs.at(-1)).toMatchObject({ outcome: 'shutDown', finishedAt: expect.any(String), shutDown: { at: expect.any(String) } });
      const v = after.bench.commissioning.get(c.id);
      expect(v.lastRun).toMatchObject({ outcome: 'shutDown', shutDown: stored.runs.at(-1)!.shutDown });
      expect(v.open.join('\n')).not.toContain('The last run was stopped');
      expect(v.open.some((o) => o.startsWith(`The last run was cut short: the bench shut down at `))).toBe(true);
      // The step the shutdown cut short is the one its mark names, its result saying so; none when it came
      // between steps (fake time runs on: the step waited for may have just ended), then after a step, never "before the first".
      const mark = stored.runs.at(-1)!.shutDown!;
      const cut = v.steps.find((s) => s.id === v.lastRun?.stoppedIn);
      expect({ stoppedIn: v.lastRun?.stoppedIn, reason: cut?.result?.reason }).toEqual(
        mark.during === null ? { stoppedIn: null, reason: undefined } : { stoppedIn: v.steps.find((s) => s.title === mark.during)!.id, reason: expect.stringMatching(/^The bench shut down at /) },
      );
      expect(mark.during ?? mark.after?.step).toEqual(expect.any(String));
    } finally {
      await after.bench.stop();
    }
  }, 90_000);
});

describe('a run recorded as running that is not running', () => {
  it('reads as stopped (a test run) or cut short by the bench stopping unexpectedly (a commissioning), and a commissioning may run on the charger', async () => {
    const first = await open();
    const target = await virtualTarget(first.bench, 'STALE-1', 1);
    const c = await first.bench.commissioning.create({ chargerId: target.id, job, template: builtInTemplates[0]! });
    // What a bench that crashed mid-run leaves: a test run and a commissioning's run recorded as running.
    const at = new Date().toISOString();
    await first.bench.record.testRuns.save({
      id: 'run-stale',
      chargerId: target.id,
      startedAt: at,
      finishedAt: null,
      state: 'running',
      summary: { pass: 1 },
      planned: ['TC_003_CS', 'TC_021_CS'],
      wallMs: 5,
    } as never);
    const stored = first.bench.record.commissionings.get(c.id) as StoredCommissioning;
    // Its progress as last recorded: the identity step begun at `heardAt`, not ended (no shutdown mark).
    const heardAt = new Date(Date.parse(at) + 5000).toISOString();
    const begun = stored.steps[0]!;
    stored.runs.push({ startedAt: at, finishedAt: null, outcome: 'running', steps: stored.steps.map((s) => s.id), stoppedIn: null, heard: { at: heardAt, begun: begun.id, ended: null } });
    await first.bench.record.commissionings.save(listItemOf(stored, stored.state, verdictOf(stored)), stored);
    await first.bench.stop();

    const { bench } = await open(first.dataDir);
    cleanup.push(() => bench.stop());
    expect(bench.conformance.list(target.id)).toMatchObject([{ id: 'run-stale', state: 'stopped' }]);
    expect(bench.conformance.get('run-stale').state).toBe('stopped');
    // The commissioning's run: cut short by the bench stopping unexpectedly (no clean shutdown), nobody's Stop,
    // with when the record last heard from it and the step it was in; so in the view, the API and the report.
    const view = bench.commissioning.get(c.id);
    expect(view.lastRun).toMatchObject({ outcome: 'interrupted', finishedAt: null, interrupted: { lastHeardAt: heardAt, during: begun.title } });
    expect(view.lastRun).not.toHaveProperty('stop');
    const said = `The last run was cut short: the bench stopped unexpectedly (no clean shutdown: it was killed, crashed or lost power) during ${begun.title}; the record last heard from the run at ${formatDateTimeWithZone(heardAt)}; ${view.steps.length} steps not run yet`;
    expect(view.open).toContain(said);
    expect(view.open.join('\n')).not.toContain('was stopped');
    const html = (await bench.commissioning.file(c.id, 'report.html')).body.toString();
    expect(html).toContain(esc(said));
    // The charger is not busy with that test run: the commissioning runs.
    await virtualTarget(bench, target.id, 1);
    bench.commissioning.run(c.id, ['C3_IDENTITY']);
    await bench.commissioning.settled(c.id);
    expect(bench.commissioning.get(c.id).lastRun).toMatchObject({ outcome: 'finished' });
  }, 90_000);
});
