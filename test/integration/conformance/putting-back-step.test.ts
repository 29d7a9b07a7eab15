// While the bench puts a real charger back after a case (it stops the case's session, asks for the cable to
// be unplugged), the run's current step says so, in the API (`step`) and in the events the run page follows:
// not the case's last step, which has ended.
import { describe, expect, it } from 'vitest';
import { strictCharger, useTestBench, waitFor } from '../../helpers/bench';

const tb = useTestBench();

const now = () => new Date().toISOString();

async function finished(runId: string): Promise<any> {
  return waitFor(async () => {
    const r = await tb.request('GET', `/api/test-runs/${runId}`);
    return r.status === 200 && r.body.state !== 'running' ? r.body : null;
  }, 30_000);
}

/** The prompt the run waits on, once it is one of this kind. */
const promptOf = (runId: string, kind: string) =>
  waitFor(async () => {
    const p = (await tb.request('GET', `/api/test-runs/${runId}/prompt`)).body;
    return p?.action?.kind === kind ? p : null;
  }, 15_000);

describe('putting a real charger back after a case', () => {
  it('is the run’s current step while it stops the session and waits for the cable to be unplugged', async () => {
    const cp = await strictCharger(tb.wsUrl(), 'PUTBACK-1');
    cp.client.handle('GetConfiguration', () => ({ configurationKey: [{ key: 'SupportedFeatureProfiles', readonly: true, value: 'Core' }] }));
    cp.client.handle('ChangeConfiguration', () => ({ status: 'Accepted' }));
    // The session stopped from the bench ends, its cable still in (Finishing).
    cp.client.handle('RemoteStopTransaction', ({ params }) => {
      setTimeout(
        () =>
          void cp.client
            .call('StopTransaction', { transactionId: params.transactionId, meterStop: 10, timestamp: now(), reason: 'Remote' })
            .then(() => cp.client.call('StatusNotification', { connectorId: 1, status: 'Finishing', errorCode: 'NoError' }))
            .catch(() => undefined),
        50,
      );
      return { status: 'Accepted' };
    });
    await cp.connect();
    await cp.client.call('BootNotification', { chargePointVendor: 'Acme', chargePointModel: 'Wall' });
    await cp.client.call('StatusNotification', { connectorId: 1, status: 'Available', errorCode: 'NoError' });

    const steps: string[] = [];
    const off = tb.bench.bus.subscribe((e) => void (e.type === 'testRunChanged' && e.run.chargerId === 'PUTBACK-1' && e.run.step && steps.push(e.run.step)));
    const { runId } = (await tb.request('POST', '/api/test-runs', { chargerId: 'PUTBACK-1', cases: ['TC_003_CS'] })).body as { runId: string };
    await promptOf(runId, 'plug');
    await cp.client.call('StatusNotification', { connectorId: 1, status: 'Preparing', errorCode: 'NoError' });
    expect((await tb.request('POST', `/api/test-runs/${runId}/answer`, { answer: 'done' })).status).toBe(204);
    await promptOf(runId, 'presentIdTag');
    expect((await tb.request('POST', `/api/test-runs/${runId}/answer`, { answer: 'done' })).status).toBe(204);
    await cp.client.call('Authorize', { idTag: 'OCTT-VALID' });
    const { transactionId } = await cp.client.call('StartTransaction', { connectorId: 1, idTag: 'OCTT-VALID', meterStart: 0, timestamp: now() });
    await cp.client.call('StatusNotification', { connectorId: 1, status: 'Charging', errorCode: 'NoError' });

    // The case has ended; the bench stopped its session and now asks for the cable out.
    const unplug = await promptOf(runId, 'unplug');
    expect(unplug).toMatchObject({ caseId: 'TC_003_CS', during: 'Putting the charger back after TC_003_CS' });
    const run = (await tb.request('GET', `/api/test-runs/${runId}`)).body;
    expect(run).toMatchObject({ state: 'running', caseId: 'TC_003_CS' });
    expect(run.step).toMatch(/^Putting the charger back after TC_003_CS: waiting for the cable in connector 1 to be unplugged/);
    expect(run.step).not.toMatch(/^Step \d/);
    // The events the run page follows said so too, and what came before it: stopping the case's session.
    expect(steps.at(-1)).toBe(run.step);
    const stopping = steps.findIndex((s) => s.startsWith(`Putting the charger back after TC_003_CS: stopping the session (transaction ${transactionId} on connector 1`));
    expect(stopping).toBeGreaterThan(steps.findLastIndex((s) => s.startsWith('Step ')));

    await cp.client.call('StatusNotification', { connectorId: 1, status: 'Available', errorCode: 'NoError' });
    expect((await tb.request('POST', `/api/test-runs/${runId}/answer`, { answer: 'done' })).status).toBe(204);
    const ended = await finished(runId);
    off();
    expect(ended.cases.map((c: any) => [c.id, c.verdict, c.cleanupProblems])).toEqual([['TC_003_CS', 'pass', []]]);
    // Once the run has ended, it has no current step.
    expect(ended.step).toBeUndefined();
    await cp.client.close();
  }, 60_000);
});
