// A re-run of an earlier run's failed cases names that run (its id, when it started, the firmware it ran
// on) in its record and in every report: the JSON, the HTML (with a warning when the charger now runs
// another firmware: the verdicts are for that one) and the evidence pack (rerun-of.json, in its manifest).
import { describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { useTestBench, waitFor } from '../../helpers/bench';
import { endedRun, useCleanup } from '../../helpers/conformance-api';
import { realCharger } from '../../helpers/real-charger';
import { evidencePack } from '../../../src/main/conformance/reports/evidence';

const tb = useTestBench();
const cleanup = useCleanup();

const prompted = (runId: string) => waitFor(async () => (await tb.request('GET', `/api/test-runs/${runId}/prompt`)).body || null, 15_000);
const boot = (cp: Awaited<ReturnType<typeof realCharger>>, firmwareVersion: string) => cp.client.call('BootNotification', { chargePointVendor: 'Acme', chargePointModel: 'Wall', firmwareVersion });

describe('a re-run of the failed cases', () => {
  it('names the run it re-runs, and the firmware that run ran on when the charger runs another now', async () => {
    const cp = await realCharger(tb, 'RERUN-FW', [], cleanup);
    await boot(cp, '2.3.1');
    await tb.bench.record.settled();
    const first = (await tb.request('POST', '/api/test-runs', { chargerId: 'RERUN-FW', cases: ['TC_003_CS'] })).body.runId as string;
    await prompted(first);
    expect((await tb.request('POST', `/api/test-runs/${first}/answer`, { answer: 'cannot' })).status).toBe(204);
    const before = await endedRun(tb, first);
    expect(before.charger.firmware).toBe('2.3.1');
    expect(before.rerunOf).toBeUndefined();

    // The charger now runs the bench's test file (as TC_044_1_CS leaves it).
    await boot(cp, 'chargebench-octt-1.0.1');
    await tb.bench.record.settled();
    const again = (await tb.request('POST', '/api/test-runs', { chargerId: 'RERUN-FW', rerunFailedOf: first })).body.runId as string;
    const origin = { id: first, startedAt: before.wallStartedAt, firmware: '2.3.1' };
    // Known from its start, as the record keeps it.
    expect((await tb.request('GET', `/api/test-runs/${again}`)).body).toMatchObject({ rerunOf: origin });
    await prompted(again);
    expect((await tb.request('POST', `/api/test-runs/${again}/answer`, { answer: 'skip' })).status).toBe(204);
    const rerun = await endedRun(tb, again);
    expect(rerun).toMatchObject({ rerunOf: origin, charger: { firmware: 'chargebench-octt-1.0.1' } });

    const get = (file: string) => fetch(`http://127.0.0.1:${tb.apiPort}/api/test-runs/${again}/${file}`, { headers: { Authorization: `Bearer ${tb.token}` } });
    expect(JSON.parse(await (await get('report.json')).text()).rerunOf).toEqual(origin);
    const html = await (await get('report.html')).text();
    expect(html).toContain(`Re-run of the failed, erred or inconclusive cases of run ${first} (started ${before.wallStartedAt}, on firmware 2.3.1).`);
    expect(html).toContain(`RERUN-FW ran chargebench-octt-1.0.1 in this run; run ${first} ran on 2.3.1: these verdicts are for chargebench-octt-1.0.1.`);

    const zip = unzipSync(evidencePack({ run: rerun, framesJsonl: '' }));
    expect(JSON.parse(strFromU8(zip['rerun-of.json']!))).toMatchObject({
      ...origin,
      firmwareInThisRun: 'chargebench-octt-1.0.1',
      firmwareDiffers: `RERUN-FW ran chargebench-octt-1.0.1 in this run; run ${first} ran on 2.3.1: these verdicts are for chargebench-octt-1.0.1`,
    });
    expect(strFromU8(zip['SHA256SUMS']!)).toMatch(/ {2}rerun-of\.json$/m);
    // A run that re-runs nothing has no such file.
    expect(unzipSync(evidencePack({ run: before, framesJsonl: '' }))['rerun-of.json']).toBeUndefined();
  }, 60_000);
});
