// Conformance runs through the API, as the UI and scripts use them: start a run, follow it, answer its
// operator prompt, fetch the result and its reports (HTML, JUnit, JSON, PDF, the evidence pack), which list
// the cases the bench cannot run yet whatever was picked.
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { unzipSync, strFromU8 } from 'fflate';
import { useTestBench, waitFor } from '../../helpers/bench';
import { realCharger } from '../../helpers/real-charger';
import { chromiumPath } from '../../helpers/serve';
import { octt16Cases } from '../../../src/main/conformance/octt16';

const tb = useTestBench();

async function finished(runId: string): Promise<any> {
  return waitFor(async () => {
    const r = await tb.request('GET', `/api/test-runs/${runId}`);
    return r.status === 200 && r.body.state !== 'running' ? r.body : null;
  }, 30_000);
}

describe('conformance runs through the API', () => {
  it('runs cases on a virtual charger, keeps the run in the record, and serves its reports and evidence pack', async () => {
    expect((await tb.request('POST', '/api/virtual-chargers', { id: 'API-VCP', connectors: 2 })).status).toBe(201);
    await waitFor(async () => ((await tb.request('GET', '/api/virtual-chargers/API-VCP')).body.registration === 'Accepted' ? true : null), 10_000);
    const cases = (await tb.request('GET', '/api/test-cases')).body as any[];
    expect(cases.find((c) => c.id === 'TC_003_CS')).toMatchObject({ title: 'Regular Charging Session - Plugin First', profile: 'Core', section: '2.2.1' });

    const started = await tb.request('POST', '/api/test-runs', { chargerId: 'API-VCP', cases: ['TC_003_CS', 'TC_017_1_CS', 'TC_017_2_CS'] });
    expect(started.status).toBe(202);
    // Known from the moment it is started: listed, fetched, with the cases it will run.
    expect(await tb.request('GET', `/api/test-runs/${started.body.runId}`)).toMatchObject({ status: 200, body: { state: 'running', planned: ['TC_003_CS', 'TC_017_1_CS', 'TC_017_2_CS'] } });
    // One run per charger at a time.
    expect(await tb.request('POST', '/api/test-runs', { chargerId: 'API-VCP', cases: ['TC_003_CS'] })).toMatchObject({ status: 409, body: { field: 'chargerId' } });
    const run = await finished(started.body.runId);
    expect(run.cases.map((c: any) => [c.id, c.verdict])).toEqual([
      ['TC_003_CS', 'pass'],
      ['TC_017_1_CS', 'pass'],
      ['TC_017_2_CS', 'notApplicable'],
    ]);
    expect(run.charger).toMatchObject({ vendor: 'ChargeBench', model: 'Virtual AC' });
    expect((await tb.request('GET', '/api/test-runs?chargerId=API-VCP')).body).toEqual([
      expect.objectContaining({ id: run.id, state: 'finished', summary: expect.objectContaining({ pass: 2, notApplicable: 1 }) }),
    ]);

    const get = (file: string) => fetch(`http://127.0.0.1:${tb.apiPort}/api/test-runs/${run.id}/${file}`, { headers: { Authorization: `Bearer ${tb.token}` } });
    const html = await get('report.html');
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(html.headers.get('content-security-policy')).toContain("default-src 'none'");
    const page = await html.text();
    expect(page).toContain('TC_003_CS Regular Charging Session - Plugin First');
    // The bench's own virtual charger runs in real time here: nothing claims a fake clock.
    expect(run.fakeTime).toBe(false);
    expect(page).not.toContain('fake clock');
    expect(page).toContain('The charger has a socket (the case is for a fixed cable)');
    // The cases the bench cannot run yet are in every report, though none was picked, and none counts as failed.
    const later = octt16Cases.filter((c) => c.notSupported);
    expect(later).toHaveLength(12);
    expect(run.notYetSupported).toEqual(later.map((c) => ({ id: c.id, title: c.title, profile: c.profile, section: c.section, reason: c.notSupported })));
    expect(run.summary).toMatchObject({ fail: 0, notSupported: 0 });
    expect(page).toContain('<h2 id="not-yet-supported">Not yet supported</h2>');
    for (const c of later) expect(page).toContain(`<td>${c.id}</td>`);
    const junit = await (await get('junit.xml')).text();
    expect(junit).toMatch(/tests="15" failures="0"/);
    expect(junit).toContain('<testsuite name="OCTT 1.6 not yet supported (API-VCP)" tests="12" failures="0" errors="0" skipped="12"');
    expect(junit.match(/<skipped message="notSupported: /g)).toHaveLength(12);

    const zip = unzipSync(new Uint8Array(await (await get('evidence.zip')).arrayBuffer()));
    for (const name of [
      'report.html',
      'report.json',
      'junit.xml',
      'frames.jsonl',
      'charger.json',
      'configuration-start.json',
      'configuration-end.json',
      'test-data.json',
      'pics.json',
      'version.txt',
      'SHA256SUMS',
    ])
      expect(Object.keys(zip)).toContain(name);
    // The manifest holds for every file in the pack.
    for (const line of strFromU8(zip.SHA256SUMS!).trim().split('\n')) {
      const [sum, name] = line.split(/\s+/);
      expect(createHash('sha256').update(zip[name!]!).digest('hex'), name).toBe(sum);
    }
    const frames = strFromU8(zip['frames.jsonl']!)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(frames.some((f) => f.action === 'UnlockConnector' && f.direction === 'out')).toBe(true);
    expect(JSON.parse(strFromU8(zip['configuration-start.json']!))).toHaveProperty('HeartbeatInterval');
    if (chromiumPath()) {
      const pdf = await get('report.pdf');
      expect(pdf.headers.get('content-type')).toBe('application/pdf');
      expect(
        Buffer.from(await pdf.arrayBuffer())
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
    }
    expect((await get('nonsense.txt')).status).toBe(404);
  }, 60_000);

  it('asks the person at a real charger, and a skipped step makes the case Inconclusive', async () => {
    const cp = await realCharger(tb, 'REAL-1');
    const changes: Array<{ caseId: string | null; step: string | null }> = [];
    const off = tb.bench.bus.subscribe((e) => e.type === 'testRunChanged' && changes.push({ caseId: e.run.caseId, step: e.run.step }));
    const { runId } = (await tb.request('POST', '/api/test-runs', { chargerId: 'REAL-1', cases: ['TC_003_CS'] })).body;
    const prompt = await waitFor(async () => (await tb.request('GET', `/api/test-runs/${runId}/prompt`)).body, 10_000);
    expect(prompt).toMatchObject({ caseId: 'TC_003_CS', action: { kind: 'plug', connectorId: 1 }, text: 'Plug the EV cable into connector 1, then press Done.' });
    // The run says what it will run, and which step it is on (the UI's live view shows both).
    expect((await tb.request('GET', `/api/test-runs/${runId}`)).body.planned).toEqual(['TC_003_CS']);
    expect(changes).toContainEqual({ caseId: 'TC_003_CS', step: expect.stringMatching(/^Step 1: /) });
    off();
    expect((await tb.request('POST', `/api/test-runs/${runId}/answer`, { answer: 'skip' })).status).toBe(204);
    const run = await finished(runId);
    expect(run.cases[0]).toMatchObject({ verdict: 'inconclusive', reason: expect.stringContaining('The operator skipped: Plug the EV cable into connector 1'), decidingStep: 1 });
    expect(run.charger).toMatchObject({ vendor: 'Acme', model: 'Wall' });
    expect(await tb.request('POST', `/api/test-runs/${runId}/answer`, { answer: 'done' })).toMatchObject({ status: 409 });
    expect(await tb.request('POST', '/api/test-runs/run-nobody/answer', { answer: 'done' })).toMatchObject({ status: 404 });
    expect(await tb.request('POST', '/api/test-runs', { chargerId: 'REAL-1', cases: ['TC_999_CS'] })).toMatchObject({ status: 400, body: { field: 'cases' } });
    expect(await tb.request('POST', '/api/test-runs', { chargerId: 'NOBODY', cases: ['TC_003_CS'] })).toMatchObject({ status: 404 });
    // What the person confirms or corrects goes over what the charger reports: back-up power, the feature profiles.
    const declared = (await tb.request('POST', '/api/test-runs', { chargerId: 'REAL-1', cases: ['TC_019_CS'], declared: { backupPower: true, profiles: ['Core', 'SmartCharging'] } })).body;
    expect((await finished(declared.runId)).pics).toMatchObject({ backupPower: true, profiles: ['Core', 'SmartCharging'] });
    await cp.client.close();
  }, 60_000);

  it('stops at once when Stop is pressed while a case waits on the charger: the case inconclusive, the rest left out', async () => {
    const cp = await realCharger(tb, 'REAL-STOP');
    // The charger will wait 30 s for a Preparing that never comes.
    let step: string | null = null;
    const off = tb.bench.bus.subscribe((e) => e.type === 'testRunChanged' && (step = e.run.step));
    const { runId } = (await tb.request('POST', '/api/test-runs', { chargerId: 'REAL-STOP', cases: ['TC_003_CS', 'TC_019_CS'], data: { chargerTimeoutS: 30 } })).body;
    await waitFor(async () => (await tb.request('GET', `/api/test-runs/${runId}/prompt`)).body, 10_000);
    expect((await tb.request('POST', `/api/test-runs/${runId}/answer`, { answer: 'done' })).status).toBe(204);
    await waitFor(() => (step ?? '').startsWith('Step 2') || null, 10_000);
    off();
    const stoppedAt = Date.now();
    expect((await tb.request('POST', `/api/test-runs/${runId}/stop`)).status).toBeLessThan(300);
    const run = await finished(runId);
    // Well before the step's 30 s were up.
    expect(Date.now() - stoppedAt).toBeLessThan(10_000);
    expect(run.state).toBe('stopped');
    expect(run.cases.map((c: any) => [c.id, c.verdict])).toEqual([['TC_003_CS', 'inconclusive']]);
    expect(run.cases[0].reason).toMatch(/^The run was stopped during step 2 \(Charger sends StatusNotification/);
    expect(run.cases[0].steps[1]).toMatchObject({ status: 'stopped', actual: 'the run was stopped during this step' });
    // The run history says how many of its cases it left out (1 of 2 ended), and its wall-clock start, from the record too.
    expect(run.wallStartedAt).toEqual(expect.any(String));
    const listed = async () => (await tb.request('GET', '/api/test-runs?chargerId=REAL-STOP')).body;
    expect(await listed()).toEqual([
      expect.objectContaining({ id: runId, state: 'stopped', planned: 2, wallStartedAt: run.wallStartedAt, summary: expect.objectContaining({ inconclusive: 1, pass: 0 }) }),
    ]);
    await tb.bench.record.settled();
    expect(tb.bench.record.testRuns.list({ chargerId: 'REAL-STOP' })).toEqual([
      expect.objectContaining({
        id: runId,
        planned: 2,
        wallMs: run.wallMs,
        wallStartedAt: run.wallStartedAt,
        summary: { pass: 0, fail: 0, notApplicable: 0, inconclusive: 1, error: 0, notSupported: 0 },
      }),
    ]);
    await cp.client.close();
  }, 60_000);

  it('stopped between a remote start the charger accepted and its session starting, still stops that session', async () => {
    const cp = await realCharger(tb, 'REAL-LATE');
    let runId = '';
    let started: Promise<{ transactionId: number }> | null = null;
    cp.client.handle('RemoteStartTransaction', ({ params }) => {
      // Stop is pressed as the charger accepts; its session begins 1.5 s later (a real charger takes its time).
      void tb.request('POST', `/api/test-runs/${runId}/stop`);
      started = new Promise((resolve) => setTimeout(resolve, 1500)).then(() =>
        cp.client.call('StartTransaction', { connectorId: 1, idTag: params.idTag, meterStart: 0, timestamp: new Date().toISOString() }),
      );
      return { status: 'Accepted' };
    });
    cp.client.handle('RemoteStopTransaction', ({ params }) => {
      setTimeout(
        () => void cp.client.call('StopTransaction', { transactionId: params.transactionId, meterStop: 10, timestamp: new Date().toISOString(), reason: 'Remote' }).catch(() => undefined),
        50,
      );
      return { status: 'Accepted' };
    });
    runId = (await tb.request('POST', '/api/test-runs', { chargerId: 'REAL-LATE', cases: ['TC_010_CS'] })).body.runId;
    await waitFor(async () => (await tb.request('GET', `/api/test-runs/${runId}/prompt`)).body, 10_000);
    await cp.client.call('StatusNotification', { connectorId: 1, status: 'Preparing', errorCode: 'NoError' });
    expect((await tb.request('POST', `/api/test-runs/${runId}/answer`, { answer: 'done' })).status).toBe(204);
    const run = await finished(runId);
    expect(run.state).toBe('stopped');
    expect(run.cases[0]).toMatchObject({ verdict: 'inconclusive', reason: expect.stringMatching(/^The run was stopped/) });
    // The session that began after the Stop was stopped; the cable the case had plugged in is named, not asked out.
    const { transactionId } = await started!;
    await waitFor(async () => ((await tb.request('GET', `/api/transactions/${transactionId}`)).body.active === false ? true : null), 5000);
    expect(run.cases[0].cleanupProblems).toEqual([expect.stringMatching(/^connector 1 \(.*\) may still have a cable in/)]);
    await cp.client.close();
  }, 60_000);

  it('names a session the charger refuses to stop (one it lost) at once, instead of waiting for a StopTransaction that never comes', async () => {
    const cp = await realCharger(tb, 'REAL-LOST');
    cp.client.handle('RemoteStopTransaction', () => ({ status: 'Rejected' }));
    const lost = await cp.client.call('StartTransaction', { connectorId: 1, idTag: 'OLD-CARD', meterStart: 0, timestamp: new Date().toISOString() });
    await tb.bench.record.settled();
    const began = Date.now();
    const { runId } = (await tb.request('POST', '/api/test-runs', { chargerId: 'REAL-LOST', cases: ['TC_003_CS'], data: { chargerTimeoutS: 20 } })).body;
    await waitFor(async () => ((await tb.request('GET', `/api/test-runs/${runId}/prompt`)).body?.caseId === 'TC_003_CS' ? true : null), 15_000);
    // Well before the 20 s a StopTransaction would have been waited for.
    expect(Date.now() - began).toBeLessThan(10_000);
    await tb.request('POST', `/api/test-runs/${runId}/stop`);
    const run = await finished(runId);
    expect(run.setupProblems).toEqual([expect.stringMatching(new RegExp(`^stopping transaction ${lost.transactionId}: the charger answered Rejected`))]);
    await cp.client.close();
  }, 60_000);

  it("asks for a real charger's cable left in to be unplugged before the first case", async () => {
    const cp = await realCharger(tb, 'REAL-CABLE');
    // A session ended earlier, its cable still in.
    await cp.client.call('StatusNotification', { connectorId: 1, status: 'Finishing', errorCode: 'NoError' });
    await tb.bench.record.settled();
    const { runId } = (await tb.request('POST', '/api/test-runs', { chargerId: 'REAL-CABLE', cases: ['TC_003_CS'] })).body;
    const unplug = await waitFor(async () => (await tb.request('GET', `/api/test-runs/${runId}/prompt`)).body, 10_000);
    // Not a step: the faces say nobody answering lets the run go on, not that a step is given up.
    expect(unplug).toMatchObject({ caseId: 'setup', putBack: true, action: { kind: 'unplug', connectorId: 1 } });
    await cp.client.call('StatusNotification', { connectorId: 1, status: 'Available', errorCode: 'NoError' });
    expect((await tb.request('POST', `/api/test-runs/${runId}/answer`, { answer: 'done' })).status).toBe(204);
    // Then the first case starts from an available connector: its own first request.
    const plug = await waitFor(async () => {
      const p = (await tb.request('GET', `/api/test-runs/${runId}/prompt`)).body;
      return p?.caseId === 'TC_003_CS' ? p : null;
    }, 10_000);
    expect(plug).toMatchObject({ action: { kind: 'plug', connectorId: 1 } });
    expect((await tb.request('POST', `/api/test-runs/${runId}/stop`)).status).toBeLessThan(300);
    const run = await finished(runId);
    expect(run.setupProblems).toBeUndefined();
    // Once more, and the person cannot: the run says so, before its cases (and in its report).
    await cp.client.call('StatusNotification', { connectorId: 1, status: 'Finishing', errorCode: 'NoError' });
    const again = (await tb.request('POST', '/api/test-runs', { chargerId: 'REAL-CABLE', cases: ['TC_003_CS'] })).body.runId;
    await waitFor(async () => ((await tb.request('GET', `/api/test-runs/${again}/prompt`)).body?.action?.kind === 'unplug' ? true : null), 30_000);
    expect((await tb.request('POST', `/api/test-runs/${again}/answer`, { answer: 'cannot' })).status).toBe(204);
    await waitFor(async () => ((await tb.request('GET', `/api/test-runs/${again}/prompt`)).body?.caseId === 'TC_003_CS' ? true : null), 10_000);
    await tb.request('POST', `/api/test-runs/${again}/stop`);
    const second = await finished(again);
    // Before the first case there is no "next case" yet: the first cases are what may fail on it.
    expect(second.setupProblems).toEqual(['connector 1 is Finishing (the person could not unplug the cable): the first cases may fail']);
    const report = await (await fetch(`http://127.0.0.1:${tb.apiPort}/api/test-runs/${again}/report.html`, { headers: { Authorization: `Bearer ${tb.token}` } })).text();
    expect(report).toContain('Before the first case');
    const junit = await (await fetch(`http://127.0.0.1:${tb.apiPort}/api/test-runs/${again}/junit.xml`, { headers: { Authorization: `Bearer ${tb.token}` } })).text();
    expect(junit).toContain('<system-err>Before the first case, not put right: connector 1 is Finishing');
    await cp.client.close();
  }, 60_000);

  it('with nobody to ask (the CLI without a terminal), names a cable left in as such, not as a person answering skip', async () => {
    const cp = await realCharger(tb, 'REAL-NOBODY');
    await cp.client.call('StatusNotification', { connectorId: 1, status: 'Finishing', errorCode: 'NoError' });
    await tb.bench.record.settled();
    const { runId } = tb.bench.conformance.start({ chargerId: 'REAL-NOBODY', cases: ['TC_003_CS'], noOperator: 'the run had no terminal to ask (stdin is not a terminal)' });
    const run = await finished(runId);
    expect(run.setupProblems).toEqual(['connector 1 is Finishing (nobody could be asked to unplug it: the run had no terminal to ask (stdin is not a terminal)): the first cases may fail']);
    expect(run.cases[0]).toMatchObject({ verdict: 'inconclusive', reason: expect.stringMatching(/^No operator: /) });
    await cp.client.close();
  }, 60_000);

  it('lets a new run start on a charger as soon as the last one shows ended, even while its record is still being written', async () => {
    expect((await tb.request('POST', '/api/virtual-chargers', { id: 'NEXT-VCP', connectors: 1 })).status).toBe(201);
    await waitFor(async () => ((await tb.request('GET', '/api/virtual-chargers/NEXT-VCP')).body.registration === 'Accepted' ? true : null), 10_000);
    // The record's write of the ended run is held (a busy disk), as it may be for a moment.
    const runs = tb.bench.record.testRuns;
    const save = runs.save.bind(runs);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    runs.save = async (run) => {
      if (run.state !== 'running') await held;
      return save(run);
    };
    try {
      const first = (await tb.request('POST', '/api/test-runs', { chargerId: 'NEXT-VCP', cases: ['TC_017_1_CS'] })).body.runId;
      expect(await finished(first)).toMatchObject({ state: 'finished' });
      const second = await tb.request('POST', '/api/test-runs', { chargerId: 'NEXT-VCP', cases: ['TC_017_1_CS'] });
      expect(second).toMatchObject({ status: 202 });
      release();
      expect(await finished(second.body.runId)).toMatchObject({ state: 'finished' });
    } finally {
      runs.save = save;
      release();
    }
  }, 60_000);

  it('ends a session someone left running on a virtual charger before the first case, instead of failing the case on it', async () => {
    expect((await tb.request('POST', '/api/virtual-chargers', { id: 'BUSY-VCP', connectors: 1 })).status).toBe(201);
    await waitFor(async () => ((await tb.request('GET', '/api/virtual-chargers/BUSY-VCP')).body.registration === 'Accepted' ? true : null), 10_000);
    expect((await tb.request('POST', '/api/virtual-chargers/BUSY-VCP/actions/plug', { connectorId: 1 })).status).toBe(200);
    expect((await tb.request('POST', '/api/virtual-chargers/BUSY-VCP/actions/present-id-tag', { connectorId: 1, idTag: 'USER-CAR' })).body.result).toMatchObject({ accepted: true });
    const session = await waitFor(async () => (await tb.request('GET', '/api/transactions?chargerId=BUSY-VCP&active=true')).body[0] ?? null, 10_000);
    const { runId } = (await tb.request('POST', '/api/test-runs', { chargerId: 'BUSY-VCP', cases: ['TC_003_CS'] })).body;
    const run = await finished(runId);
    expect(run.cases.map((c: any) => [c.id, c.verdict, c.reason])).toEqual([['TC_003_CS', 'pass', null]]);
    expect((await tb.request('GET', `/api/transactions/${session.transactionId}`)).body).toMatchObject({ active: false, stopReason: 'Remote' });
  }, 60_000);
});
