// A stopped run started with every case of the suite: the cases the bench cannot run yet that it never came
// to are in the run's own notYetSupported (the API's run, its report.json), so the JSON counts as many of them
// as the HTML report's tile and the JUnit's testsuite; and a stopped run kept before it listed them reads
// the same.
import { describe, expect, it } from 'vitest';
import { useTestBench, waitFor } from '../../helpers/bench';
import { octt16Cases } from '../../../src/main/conformance/octt16';
import type { RunResult } from '../../../src/shared/api/test-runs';

const tb = useTestBench();

const unsupported = octt16Cases.filter((c) => c.notSupported).map((c) => c.id);

const report = async (runId: string, file: string) => {
  const res = await fetch(`http://127.0.0.1:${tb.apiPort}/api/test-runs/${runId}/${file}`, { headers: { Authorization: `Bearer ${tb.token}` } });
  expect(res.status).toBe(200);
  return res.text();
};

/** How many cases each report of the run counts as Not supported yet. */
async function counted(runId: string) {
  const json = JSON.parse(await report(runId, 'report.json')) as RunResult;
  const html = await report(runId, 'report.html');
  const junit = await report(runId, 'junit.xml');
  return {
    json: json.summary.notSupported + (json.notYetSupported ?? []).length,
    jsonIds: (json.notYetSupported ?? []).map((c) => c.id),
    html: Number(/<div><b>(\d+)<\/b>Not supported yet<\/div>/.exec(html)?.[1]),
    junit: Number(/<testsuite name="OCTT 1\.6 not yet supported [^"]*" tests="(\d+)"/.exec(junit)?.[1]),
  };
}

describe('a stopped run of the whole suite', () => {
  it('lists the cases the bench cannot run yet that it never came to in its JSON, as its HTML and JUnit count them', async () => {
    expect(unsupported).toHaveLength(12);
    expect((await tb.request('POST', '/api/virtual-chargers', { id: 'NYS-VCP', connectors: 2 })).status).toBe(201);
    await waitFor(async () => ((await tb.request('GET', '/api/virtual-chargers/NYS-VCP')).body.registration === 'Accepted' ? true : null), 10_000);
    // Every case of the suite (none picked): those the bench cannot run yet are planned, none listed as left out.
    const started = await tb.request('POST', '/api/test-runs', { chargerId: 'NYS-VCP' });
    expect(started.status).toBe(202);
    const runId = started.body.runId as string;
    // Stopped in its first case (as Ctrl-C a few seconds in): it never comes to the cases at the suite's end.
    await waitFor(async () => (await tb.request('GET', `/api/test-runs/${runId}`)).body.caseId ?? null, 30_000);
    expect((await tb.request('POST', `/api/test-runs/${runId}/stop`)).status).toBeLessThan(300);
    const run = (await waitFor(async () => {
      const r = await tb.request('GET', `/api/test-runs/${runId}`);
      return r.body.state !== 'running' ? r.body : null;
    }, 30_000)) as RunResult;
    expect(run.state).toBe('stopped');
    expect(run.cases.map((c) => c.id)).not.toEqual(expect.arrayContaining([unsupported[0]]));
    // The API's run lists them all, with why, and none has a verdict.
    expect(run.summary.notSupported).toBe(0);
    expect((run.notYetSupported ?? []).map((c) => c.id).sort()).toEqual([...unsupported].sort());
    expect(run.notYetSupported![0]!.reason).toBe(octt16Cases.find((c) => c.id === run.notYetSupported![0]!.id)!.notSupported);
    // Every report counts the same twelve.
    expect(await counted(runId)).toEqual({ json: 12, jsonIds: run.notYetSupported!.map((c) => c.id), html: 12, junit: 12 });

    // The same run as a bench kept it before the run listed those it never came to: it reads the same.
    const old = { ...run, id: `${runId}-kept-before`, notYetSupported: [] };
    await tb.bench.record.testRuns.save(old);
    const read = (await tb.request('GET', `/api/test-runs/${old.id}`)).body as RunResult;
    expect((read.notYetSupported ?? []).map((c) => c.id)).toEqual(run.notYetSupported!.map((c) => c.id));
    expect(await counted(old.id)).toEqual({ json: 12, jsonIds: run.notYetSupported!.map((c) => c.id), html: 12, junit: 12 });
  }, 90_000);
});
