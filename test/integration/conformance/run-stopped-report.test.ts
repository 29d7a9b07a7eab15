// A stopped run's reports say how it was stopped: when, by what (the run's Stop through the API or the UI, a
// signal to the CLI), the case and step it cut short, and what putting the charger back came to ("nothing
// was left undone" included), in report.json, the HTML report and the JUnit's properties, not only "stopped".
import { describe, expect, it, vi } from 'vitest';
import { useTestBench, waitFor } from '../../helpers/bench';
import type { RunResult } from '../../../src/shared/api/test-runs';
import { StopWhenBack } from '../../../src/main/conformance/come-back';

const tb = useTestBench();

const report = async (runId: string, file: string) => {
  const res = await fetch(`http://127.0.0.1:${tb.apiPort}/api/test-runs/${runId}/${file}`, { headers: { Authorization: `Bearer ${tb.token}` } });
  expect(res.status).toBe(200);
  return res.text();
};

/** "2026-12-06 23:23:23 UTC": a time as the HTML report writes it. */
const utc = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;

async function aCharger(id: string) {
  expect((await tb.request('POST', '/api/virtual-chargers', { id, connectors: 1 })).status).toBe(201);
  await waitFor(async () => ((await tb.request('GET', `/api/virtual-chargers/${id}`)).body.registration === 'Accepted' ? true : null), 10_000);
}

const ended = (runId: string) =>
  waitFor(async () => {
    const r = await tb.request('GET', `/api/test-runs/${runId}`);
    return r.body.state !== 'running' ? (r.body as RunResult) : null;
  }, 30_000);

describe("a stopped run's reports", () => {
  it('say when and by what it was stopped, what it cut short, and that the charger was put back', async () => {
    await aCharger('STOP-VCP');
    const started = await tb.request('POST', '/api/test-runs', { chargerId: 'STOP-VCP', cases: ['TC_003_CS', 'TC_010_CS', 'TC_019_CS'] });
    expect(started.status).toBe(202);
    const runId = started.body.runId as string;
    // Stopped once a case is on a step that waits (as a person pressing Stop on the run's page); the run
    // says how long that step waits at most, and until when (its page counts it down).
    const waiting = (await waitFor(async () => {
      const r = (await tb.request('GET', `/api/test-runs/${runId}`)).body as RunResult;
      return r.stepWait ? r : null;
    }, 30_000)) as RunResult;
    expect(waiting.stepWait!.withinS).toBeGreaterThan(0);
    expect(Math.abs(Date.parse(waiting.stepWait!.deadline!) - (Date.now() + waiting.stepWait!.withinS * 1000))).toBeLessThan(30_000);
    const before = Date.now();
    expect((await tb.request('POST', `/api/test-runs/${runId}/stop`)).status).toBeLessThan(300);
    const run = await ended(runId);
    expect(run.state).toBe('stopped');

    const json = JSON.parse(await report(runId, 'report.json')) as RunResult;
    const stop = json.stop!;
    expect(stop).toBeTruthy();
    expect(stop.by).toBe('stop');
    expect(Date.parse(stop.requestedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(stop.at)).toBeGreaterThanOrEqual(Date.parse(stop.requestedAt));
    // What it cut short: the case in progress then, and its step.
    expect(json.planned).toContain(stop.caseId);
    expect(stop.step).toBeTruthy();
    // The put-back: after the last case that ran, with what it left undone (nothing, on the bench's own charger).
    const last = json.cases.at(-1)!;
    expect(stop.putBack).toEqual({ after: last.id, problems: last.cleanupProblems });
    expect(stop.putBack.problems).toEqual([]);

    const html = await report(runId, 'report.html');
    expect(html).toContain(`Stopped at ${utc(stop.at)}`);
    expect(html).toContain("by the run's Stop (its page or the API)");
    expect(html).toContain(`during ${stop.caseId} at ${stop.step!.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')}`);
    expect(html).toContain(`Put back after ${last.id}: nothing was left undone.`);

    const junit = await report(runId, 'junit.xml');
    expect(junit).toContain('<property name="stopped.by" value="stop"/>');
    expect(junit).toContain(`<property name="stopped.at" value="${stop.at}"/>`);
    expect(junit).toContain(`<property name="stopped.putBack" value="Put back after ${last.id}: nothing was left undone"/>`);
  }, 90_000);

  it("name the CLI's signal when a signal stopped it", async () => {
    await aCharger('SIG-VCP');
    const service = tb.bench.conformance;
    const { runId } = service.start({ chargerId: 'SIG-VCP', cases: ['TC_003_CS', 'TC_010_CS'] });
    await waitFor(async () => service.get(runId).step ?? null, 30_000);
    // As the CLI stops its run on SIGTERM, at once; the clock ticks while the stop is carried out.
    const carriedOut = StopWhenBack.prototype.stoppedAtOnce;
    const ticking = vi.spyOn(StopWhenBack.prototype, 'stoppedAtOnce').mockImplementation(function (this: StopWhenBack) {
      const t = Date.now();
      while (Date.now() === t);
      carriedOut.call(this);
    });
    service.stop(runId, { atOnce: true, by: 'signal', signal: 'SIGTERM' });
    ticking.mockRestore();
    const run = await service.settled(runId);
    expect(run.state).toBe('stopped');
    // It did not wait: asked and taking effect are one time, and the report says no wait.
    expect(run.stop).toMatchObject({ by: 'signal', signal: 'SIGTERM', requestedAt: run.stop!.at });
    const json = JSON.parse((await service.reportOf(run, 'json')).body as string) as RunResult;
    expect(json.stop).toEqual(run.stop);
    const html = (await service.reportOf(run, 'html')).body as string;
    expect(html).toContain(`Stopped at ${utc(run.stop!.at)} by SIGTERM to the CLI`);
  }, 90_000);
});
