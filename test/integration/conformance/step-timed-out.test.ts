// A request nobody acted on within the test data's operatorTimeoutS reads "timed out", not "skipped" (only
// the person's Skip reads so): in the record (the run as the API gives it), the HTML report and the JUnit.
import { describe, expect, it } from 'vitest';
import { useTestBench } from '../../helpers/bench';
import { endedRun, useCleanup } from '../../helpers/conformance-api';
import { realCharger } from '../../helpers/real-charger';
import { htmlReport } from '../../../src/main/conformance/reports/html';
import { junitReport } from '../../../src/main/conformance/reports/junit';

const tb = useTestBench();
const cleanup = useCleanup();

describe('nobody answers the plug-in request', () => {
  it('records the step as timed out, with why, in the JSON, the HTML report and the JUnit', async () => {
    await realCharger(tb, 'TIMEOUT-1', [], cleanup);
    const runId = (await tb.request('POST', '/api/test-runs', { chargerId: 'TIMEOUT-1', cases: ['TC_003_CS'], data: { operatorTimeoutS: 5 } })).body.runId as string;
    const run = await endedRun(tb, runId, 40_000);
    const c = run.cases[0]!;
    expect(c).toMatchObject({ verdict: 'inconclusive', decidingStep: 1, reason: 'Nobody acted within 5 s: Plug the EV cable into connector 1, then press Done.' });
    expect(c.steps[0]).toMatchObject({ by: 'operator', status: 'timedOut', actual: c.reason });
    const html = htmlReport(run);
    expect(html).toContain('<tr class="timedOut"><td>1</td>');
    expect(html).toMatch(/<\/div><\/td><td>timed out<\/td>/);
    expect(junitReport(run)).toContain('Step 1 (Plug the EV cable into connector 1.): timed out</skipped>');
  }, 60_000);
});
