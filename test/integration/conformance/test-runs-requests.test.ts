// A conformance run's request as the API checks it before anything runs, and the run as the record keeps
// it: a connector the charger does not have is refused (or, learnt only at the run's start, ends the run
// before its first case), a choice of cases none of which can run yet is refused, a bad request is a 400 even
// on a busy charger, Stop on an ended run is a 409, a re-run of the failed cases keeps the earlier run's test
// data and declared capabilities, an operator's answer is kept in the step, and a run is in the record from
// its start, so one the bench's stop cuts off is listed after a restart, as stopped.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestBench, useTestBench, waitFor, type TestBench } from '../../helpers/bench';
import { endedRun, useCleanup } from '../../helpers/conformance-api';
import { realCharger } from '../../helpers/real-charger';

const tb = useTestBench();
const cleanup = useCleanup();
const charger = (bench: TestBench, id: string, keys: Array<{ key: string; value: string }> = []) => realCharger(bench, id, keys, cleanup);

const ended = (runId: string): Promise<any> => endedRun(tb, runId);

const prompted = (runId: string, caseId?: string) =>
  waitFor(async () => {
    const p = (await tb.request('GET', `/api/test-runs/${runId}/prompt`)).body;
    return p && (!caseId || p.caseId === caseId) ? p : null;
  }, 15_000);

describe('the connector of the test data, against the charger', () => {
  it("refuses a connector a virtual charger's definition does not have, naming data.connectorId", async () => {
    expect((await tb.request('POST', '/api/virtual-chargers', { id: 'CONN-VCP', connectors: 1 })).status).toBe(201);
    const r = await tb.request('POST', '/api/test-runs', { chargerId: 'CONN-VCP', cases: ['TC_003_CS'], data: { connectorId: 5 } });
    expect(r).toMatchObject({ status: 400, body: { field: 'data.connectorId', error: expect.stringContaining('CONN-VCP has no connector 5: it has 1 (as the virtual charger is defined)') } });
    expect((await tb.request('GET', '/api/test-runs?chargerId=CONN-VCP')).body).toEqual([]);
  });

  it('refuses a connector beyond the NumberOfConnectors the bench last read from a real charger, or the connectors it reported', async () => {
    await charger(tb, 'CONN-READ', [{ key: 'NumberOfConnectors', value: '1' }]);
    await tb.bench.operations.operateByName('CONN-READ', 'GetConfiguration', {}, { timeoutMs: 5000 });
    await tb.bench.record.settled();
    const r = await tb.request('POST', '/api/test-runs', { chargerId: 'CONN-READ', cases: ['TC_017_1_CS', 'TC_003_CS'], data: { connectorId: 3 } });
    expect(r).toMatchObject({
      status: 400,
      body: { field: 'data.connectorId', error: expect.stringContaining('CONN-READ has no connector 3: it has 1 (NumberOfConnectors, as the bench last read it)') },
    });

    const cp = await charger(tb, 'CONN-STATUS');
    await cp.client.call('StatusNotification', { connectorId: 1, status: 'Available', errorCode: 'NoError' });
    await tb.bench.record.settled();
    expect(await tb.request('POST', '/api/test-runs', { chargerId: 'CONN-STATUS', cases: ['TC_003_CS'], data: { connectorId: 2 } })).toMatchObject({
      status: 400,
      body: { field: 'data.connectorId', error: expect.stringContaining('CONN-STATUS has no connector 2: it has 1 (the connectors it has reported a status for') },
    });
  });

  it('ends the run before its first case, with a setup error, when the charger it reads at the start has no such connector', async () => {
    await charger(tb, 'CONN-LATE', [{ key: 'NumberOfConnectors', value: '1' }]);
    const started = await tb.request('POST', '/api/test-runs', { chargerId: 'CONN-LATE', cases: ['TC_017_1_CS', 'TC_003_CS'], data: { connectorId: 3 } });
    expect(started.status).toBe(202);
    const run = await ended(started.body.runId);
    // Nobody stopped it: the bench could not carry it out.
    expect(run).toMatchObject({ state: 'error', cases: [], summary: { fail: 0 } });
    expect(run.error).toBe('Test data: connectorId: CONN-LATE has no connector 3: it reports NumberOfConnectors 1; no case was run');
  });
});

describe('a request checked before the charger is busy', () => {
  it('refuses a choice of only cases not supported yet, naming cases and why', async () => {
    expect((await tb.request('POST', '/api/virtual-chargers', { id: 'UNSUP-VCP', connectors: 1 })).status).toBe(201);
    const r = await tb.request('POST', '/api/test-runs', { chargerId: 'UNSUP-VCP', cases: ['TC_074_CS'] });
    expect(r).toMatchObject({ status: 400, body: { field: 'cases', error: expect.stringMatching(/^None of the cases chosen can run yet: TC_074_CS: .+/) } });
    expect((await tb.request('GET', '/api/test-runs?chargerId=UNSUP-VCP')).body).toEqual([]);
  });

  it('answers 400 for an unknown case on a busy charger; Stop on an ended run is a 409, on an unknown one a 404', async () => {
    await charger(tb, 'BUSY-1');
    const { runId } = (await tb.request('POST', '/api/test-runs', { chargerId: 'BUSY-1', cases: ['TC_003_CS'] })).body;
    await prompted(runId);
    expect(await tb.request('POST', '/api/test-runs', { chargerId: 'BUSY-1', cases: ['TC_999_CS'] })).toMatchObject({ status: 400, body: { field: 'cases', error: 'Unknown test case: TC_999_CS' } });
    expect(await tb.request('POST', '/api/test-runs', { chargerId: 'BUSY-1', cases: ['TC_003_CS'] })).toMatchObject({ status: 409, body: { field: 'chargerId' } });
    expect((await tb.request('POST', `/api/test-runs/${runId}/stop`)).status).toBe(204);
    await ended(runId);
    await tb.bench.conformance.settled(runId);
    expect(await tb.request('POST', `/api/test-runs/${runId}/stop`)).toMatchObject({ status: 409, body: { field: 'runId', error: `Test run ${runId} has already ended` } });
    expect(await tb.request('POST', '/api/test-runs/run-nobody/stop')).toMatchObject({ status: 404 });
  });
});

describe('a re-run of the failed cases', () => {
  it("keeps the earlier run's test data and declared capabilities; a field the request gives wins", async () => {
    await charger(tb, 'RERUN-1');
    const data = { operatorTimeoutS: 77, validIdTag: 'RERUN-TAG' };
    const declared = { profiles: ['Core', 'SmartCharging'], backupPower: true };
    const first = (await tb.request('POST', '/api/test-runs', { chargerId: 'RERUN-1', cases: ['TC_003_CS'], data, declared })).body.runId;
    await prompted(first, 'TC_003_CS');
    expect((await tb.request('POST', `/api/test-runs/${first}/answer`, { answer: 'cannot' })).status).toBe(204);
    const before = await ended(first);
    expect(before.cases.map((c: any) => [c.id, c.verdict])).toEqual([['TC_003_CS', 'inconclusive']]);
    // Which answer it was is kept with the step too, not only that it was skipped.
    expect(before.cases[0].steps[0]).toMatchObject({ by: 'operator', status: 'operatorCouldNot', actual: 'The operator could not do it: plug the EV cable into connector 1' });
    expect(before.declared).toEqual(declared);

    const again = await tb.request('POST', '/api/test-runs', { chargerId: 'RERUN-1', rerunFailedOf: first });
    expect(again.status).toBe(202);
    const rerun = (await tb.request('GET', `/api/test-runs/${again.body.runId}`)).body;
    expect(rerun).toMatchObject({ planned: ['TC_003_CS'], data: { operatorTimeoutS: 77, validIdTag: 'RERUN-TAG' }, declared });
    await prompted(again.body.runId, 'TC_003_CS');
    expect((await tb.request('POST', `/api/test-runs/${again.body.runId}/answer`, { answer: 'skip' })).status).toBe(204);
    expect((await ended(again.body.runId)).pics).toMatchObject({ backupPower: true, profiles: ['Core', 'SmartCharging'], profilesFrom: 'declared' });

    const given = await tb.request('POST', '/api/test-runs', { chargerId: 'RERUN-1', rerunFailedOf: first, data: { validIdTag: 'OTHER-TAG' }, declared: { backupPower: false } });
    expect(given.status).toBe(202);
    expect((await tb.request('GET', `/api/test-runs/${given.body.runId}`)).body).toMatchObject({
      data: { operatorTimeoutS: 77, validIdTag: 'OTHER-TAG' },
      declared: { profiles: ['Core', 'SmartCharging'], backupPower: false },
    });
    await tb.request('POST', `/api/test-runs/${given.body.runId}/stop`);
    await ended(given.body.runId);
  }, 60_000);
});

describe('a run cut off by the bench stopping', () => {
  it('is in the record from its start: after a restart it is listed, as stopped', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'chargebench-run-cut-off-'));
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const first = await startTestBench({ dataDir });
    const cp = await charger(first, 'CUT-1');
    // The charger goes offline while the run asks for its cable: putting it back then waits for it to come
    // back (twice its 10 s), longer than the bench's grace for its runs.
    const { runId } = first.bench.conformance.start({ chargerId: 'CUT-1', cases: ['TC_003_CS'], data: { chargerTimeoutS: 10 } });
    await waitFor(() => first.bench.conformance.prompt(runId), 15_000);
    await cp.client.close({ force: true });
    await waitFor(() => !first.bench.connectedChargers().includes('CUT-1') || null, 15_000);
    await first.stop();

    const after = await startTestBench({ dataDir });
    try {
      expect(after.bench.conformance.list('CUT-1')).toMatchObject([{ id: runId, state: 'stopped', planned: 1 }]);
      expect(await after.request('GET', `/api/test-runs/${runId}`)).toMatchObject({ status: 200, body: { id: runId, state: 'stopped', planned: ['TC_003_CS'] } });
    } finally {
      await after.stop();
    }
  }, 60_000);

  it('keeps the end of a run that finishes, not the save at its start', async () => {
    expect((await tb.request('POST', '/api/virtual-chargers', { id: 'SAVES-VCP', connectors: 1 })).status).toBe(201);
    await waitFor(async () => ((await tb.request('GET', '/api/virtual-chargers/SAVES-VCP')).body.registration === 'Accepted' ? true : null), 10_000);
    const { runId } = (await tb.request('POST', '/api/test-runs', { chargerId: 'SAVES-VCP', cases: ['TC_019_CS'] })).body;
    await tb.bench.conformance.settled(runId);
    await tb.bench.record.settled();
    expect(tb.bench.record.testRuns.list({ chargerId: 'SAVES-VCP' })).toMatchObject([{ id: runId, state: 'finished', summary: { pass: 1 } }]);
  }, 60_000);
});
