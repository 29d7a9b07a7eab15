// An answer is bound to the request it was aimed at: each operator request has an id of its own, the window
// sends it with the answer, and the bench refuses (409, in words) an answer for a request that is no longer
// open, so a late click (the request timed out and the run asked the next one) never answers the next one.
// The request the run waits on stays open; an answer naming it (or naming none, as a script's) answers it.
import { describe, expect, it } from 'vitest';
import { useTestBench, waitFor } from '../../helpers/bench';
import { endedRun, useCleanup } from '../../helpers/conformance-api';
import { realCharger } from '../../helpers/real-charger';
import { refuseStaleAnswer, runOperator } from '../../../src/main/conformance/attended';
import type { OperatorAnswer, OperatorPrompt } from '../../../src/shared/api/test-runs';

const tb = useTestBench();
const cleanup = useCleanup();

const powerCycle: OperatorPrompt = { caseId: 'TC_001_CS', step: 2, action: { kind: 'powerCycle' }, text: 'Switch the charger off at the mains …, then press Done.', timeoutS: 0.05 };

describe("a run's operator requests", () => {
  it('each has an id of its own; an answer with the id of one that timed out is refused and the next one stays open', async () => {
    const published: Array<OperatorPrompt | null> = [];
    const op = runOperator({ virtualChargers: { has: () => false } } as never, 'CP001', new AbortController().signal, (p) => published.push(p));
    // A: nobody answers within its time.
    await expect(op.operator.perform(powerCycle)).resolves.toBe('timeout' satisfies OperatorAnswer);
    const a = published[0]!;
    // B: the next request, asked as the run moves on.
    const b = op.operator.perform({ caseId: 'TC_003_CS', step: 1, action: { kind: 'plug', connectorId: 1 }, text: 'Plug the EV cable into connector 1, then press Done.', timeoutS: 60 });
    expect(a.id).toBeTruthy();
    expect(op.prompt()!.id).toBeTruthy();
    expect(op.prompt()!.id).not.toBe(a.id);
    expect(() => refuseStaleAnswer(op.prompt(), a.id, 'Test run run-1')).toThrow(/no longer open.*nothing was answered: Test run run-1 now asks something else \(TC_003_CS step 1/);
    expect(op.prompt()!.caseId).toBe('TC_003_CS');
    op.answer('skip');
    await expect(b).resolves.toBe('skip');
  });

  it('through the API: a stale id is a 409 in words, the open request stays open and is answered with its own id', async () => {
    await realCharger(tb, 'STALE-1', [], cleanup);
    const { runId } = (await tb.request('POST', '/api/test-runs', { chargerId: 'STALE-1', cases: ['TC_003_CS'] })).body;
    const open = await waitFor(async () => (await tb.request('GET', `/api/test-runs/${runId}/prompt`)).body as OperatorPrompt | null, 15_000);
    expect(open.id).toBeTruthy();

    const stale = await tb.request('POST', `/api/test-runs/${runId}/answer`, { answer: 'done', promptId: 'an-earlier-request' });
    expect(stale).toMatchObject({ status: 409, body: { field: 'promptId', error: expect.stringContaining(`This answer was for a request that is no longer open`) } });
    expect(stale.body.error).toContain(`Test run ${runId} now asks something else (TC_003_CS step`);
    // Nothing was answered: the run still waits on the same request.
    expect((await tb.request('GET', `/api/test-runs/${runId}/prompt`)).body).toMatchObject({ id: open.id, caseId: 'TC_003_CS', step: open.step });

    expect((await tb.request('POST', `/api/test-runs/${runId}/answer`, { answer: 'skip', promptId: open.id })).status).toBe(204);
    const ended = await endedRun(tb, runId);
    expect(ended.cases[0]!.steps[0]).toMatchObject({ by: 'operator', status: 'skipped' });
  }, 60_000);
});
