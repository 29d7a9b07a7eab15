// "Cannot do" (the person at the charger says they cannot perform a physical step) is its own outcome, apart
// from "Skip": the step reads "Operator could not" in the record (JSON), the HTML report and the JUnit, and
// the reason says what could not be done without the instruction's "then press Done". The case stays
// Inconclusive, as for a skip.
import { describe, expect, it } from 'vitest';
import { useTestBench, waitFor } from '../../helpers/bench';
import { endedRun, useCleanup } from '../../helpers/conformance-api';
import { realCharger } from '../../helpers/real-charger';
import { htmlReport } from '../../../src/main/conformance/reports/html';
import { junitReport } from '../../../src/main/conformance/reports/junit';
import type { RunResult } from '../../../src/shared/api/test-runs';

const tb = useTestBench();
const cleanup = useCleanup();

/** Runs TC_003_CS on `id`, answering its first request (plug in) with `answer`; the run as the API gives it. */
async function answered(id: string, answer: 'cannot' | 'skip'): Promise<RunResult> {
  await realCharger(tb, id, [], cleanup);
  const runId = (await tb.request('POST', '/api/test-runs', { chargerId: id, cases: ['TC_003_CS'] })).body.runId as string;
  await waitFor(async () => (await tb.request('GET', `/api/test-runs/${runId}/prompt`)).body?.caseId === 'TC_003_CS' || null, 15_000);
  expect((await tb.request('POST', `/api/test-runs/${runId}/answer`, { answer })).status).toBe(204);
  return endedRun(tb, runId);
}

describe('the person answers "Cannot do"', () => {
  it('records the step as Operator could not, saying what could not be done, in the JSON, HTML and JUnit; the case Inconclusive', async () => {
    const run = await answered('CANNOT-1', 'cannot');
    const c = run.cases[0]!;
    const said = 'The operator could not do it: plug the EV cable into connector 1';
    expect(c).toMatchObject({ id: 'TC_003_CS', verdict: 'inconclusive', reason: said, decidingStep: 1 });
    expect(c.steps[0]).toMatchObject({ by: 'operator', status: 'operatorCouldNot', actual: said });
    const html = htmlReport(run);
    expect(html).toContain(`<tr class="operatorCouldNot"><td>1</td>`);
    expect(html).toContain(`${said}</div></td><td>operator could not</td>`);
    expect(html).not.toContain('then press Done');
    const junit = junitReport(run);
    expect(junit).toContain(`<skipped message="inconclusive: ${said}">Step 1 (Plug the EV cable into connector 1.): operator could not</skipped>`);
  });

  it('leaves "Skip" as it was: the step Skipped, saying the person skipped', async () => {
    const run = await answered('SKIP-1', 'skip');
    const c = run.cases[0]!;
    expect(c).toMatchObject({ verdict: 'inconclusive', reason: 'The operator skipped: Plug the EV cable into connector 1, then press Done.' });
    expect(c.steps[0]).toMatchObject({ status: 'skipped' });
    expect(htmlReport(run)).toContain('<tr class="skipped"><td>1</td>');
    expect(junitReport(run)).toContain('<skipped message="inconclusive: The operator skipped: Plug the EV cable into connector 1, then press Done."/>');
  });
});
