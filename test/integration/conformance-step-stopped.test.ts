// A step the run's Stop cut short reads "stopped", apart from one the person chose to Skip ("skipped"): in
// the record (the run as the API gives it, and the JSON report), the HTML report and the JUnit.
import { describe, expect, it } from 'vitest';
import { useTestBench, waitFor } from '../helpers/bench';
import { endedRun, useCleanup } from '../helpers/conformance-api';
import { realCharger } from '../helpers/real-charger';
import { htmlReport } from '../../src/main/conformance/reports/html';
import { junitReport } from '../../src/main/conformance/reports/junit';
import type { RunResult } from '../../src/shared/api/test-runs';

const tb = useTestBench();
const cleanup = useCleanup();

/** Runs TC_003_CS on `id` and, while its first request (plug in) is open, presses Skip or the run's Stop; the run as the API gives it. */
async function atThePrompt(id: string, press: 'skip' | 'stop'): Promise<RunResult> {
  await realCharger(tb, id, [], cleanup);
  const runId = (await tb.request('POST', '/api/test-runs', { chargerId: id, cases: ['TC_003_CS'] })).body.runId as string;
  await waitFor(async () => (await tb.request('GET', `/api/test-runs/${runId}/prompt`)).body?.caseId === 'TC_003_CS' || null, 15_000);
  if (press === 'skip') expect((await tb.request('POST', `/api/test-runs/${runId}/answer`, { answer: 'skip' })).status).toBe(204);
  else expect((await tb.request('POST', `/api/test-runs/${runId}/stop`)).status).toBeLessThan(300);
  return endedRun(tb, runId);
}

describe('a step cut short by the run’s Stop', () => {
  it('reads stopped, not skipped, in the JSON, the HTML report and the JUnit', async () => {
    const run = await atThePrompt('STEP-STOP-1', 'stop');
    expect(run.state).toBe('stopped');
    const c = run.cases[0]!;
    expect(c).toMatchObject({ id: 'TC_003_CS', verdict: 'inconclusive', decidingStep: 1 });
    expect(c.steps[0]).toMatchObject({ by: 'operator', status: 'stopped', actual: 'the run was stopped during this step' });
    // The JSON report (and the evidence pack's report.json) is the run as recorded.
    const json = await fetch(`http://127.0.0.1:${tb.apiPort}/api/test-runs/${run.id}/report.json`, { headers: { Authorization: `Bearer ${tb.token}` } });
    expect(((await json.json()) as RunResult).cases[0]!.steps[0]!.status).toBe('stopped');
    const html = htmlReport(run);
    expect(html).toContain('<tr class="stopped"><td>1</td>');
    expect(html).toContain('the run was stopped during this step</div></td><td>stopped</td>');
    expect(junitReport(run)).toContain('): stopped</skipped>');
  });

  it('leaves the person’s Skip as skipped', async () => {
    const run = await atThePrompt('STEP-SKIP-1', 'skip');
    const c = run.cases[0]!;
    expect(c).toMatchObject({ verdict: 'inconclusive', reason: 'The operator skipped: Plug the EV cable into connector 1, then press Done.' });
    expect(c.steps[0]).toMatchObject({ by: 'operator', status: 'skipped' });
    expect(htmlReport(run)).toContain('<tr class="skipped"><td>1</td>');
    expect(junitReport(run)).not.toContain('stopped</skipped>');
  });
});
