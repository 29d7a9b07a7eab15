// The put-back after a case is done only when the charger says so: a ClearCache the charger refuses, or one
// it never answers, is listed among what the run could not put back (cleanupProblems), not taken as done
// because the call returned.
import { describe, expect, it } from 'vitest';
import { strictCharger, useTestBench, waitFor } from '../../helpers/bench';

const tb = useTestBench();

async function finished(runId: string): Promise<any> {
  return waitFor(async () => {
    const r = await tb.request('GET', `/api/test-runs/${runId}`);
    return r.status === 200 && r.body.state !== 'running' ? r.body : null;
  }, 60_000);
}

/** A charger with an authorization cache switched on, answering ClearCache with `clearCache`. */
async function chargerWithCache(id: string, clearCache: () => unknown) {
  const cp = await strictCharger(tb.wsUrl(), id);
  cp.client.handle('GetConfiguration', () => ({
    configurationKey: [
      { key: 'SupportedFeatureProfiles', readonly: true, value: 'Core' },
      { key: 'AuthorizationCacheEnabled', readonly: false, value: 'true' },
      { key: 'HeartbeatInterval', readonly: false, value: '300' },
    ],
  }));
  cp.client.handle('ChangeConfiguration', () => ({ status: 'Accepted' }));
  cp.client.handle('ClearCache', clearCache);
  await cp.connect();
  await cp.client.call('BootNotification', { chargePointVendor: 'Acme', chargePointModel: 'Wall' });
  await cp.client.call('StatusNotification', { connectorId: 1, status: 'Available', errorCode: 'NoError' });
  return cp;
}

describe('putting the charger back after a case', () => {
  it('lists a ClearCache the charger refused as not done', async () => {
    const cp = await chargerWithCache('PUTBACK-REFUSE', () => ({ status: 'Rejected' }));
    const { runId } = (await tb.request('POST', '/api/test-runs', { chargerId: 'PUTBACK-REFUSE', cases: ['TC_019_CS'] })).body as { runId: string };
    const run = await finished(runId);
    expect(JSON.stringify(run)).toContain('clearing the cache: the charger answered Rejected');
    await cp.client.close();
  });

  it('lists a ClearCache the charger never answered as not done', async () => {
    const cp = await chargerWithCache('PUTBACK-SILENT', () => new Promise(() => undefined));
    const { runId } = (await tb.request('POST', '/api/test-runs', { chargerId: 'PUTBACK-SILENT', cases: ['TC_019_CS'], data: { chargerTimeoutS: 2 } })).body as { runId: string };
    const run = await finished(runId);
    expect(run.cases.map((c: { cleanupProblems: string[] }) => c.cleanupProblems)).toEqual([['clearing the cache: No answer to ClearCache within 2 s']]);
    // Its handler never settles: closed without waiting for it.
    await cp.client.close({ force: true } as never);
  });
});
