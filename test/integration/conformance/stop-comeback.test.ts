// The UI's (and the API's) Stop of a run right after the run's Reset, the charger rebooting: as the CLI's
// Ctrl-C, the stop waits for the charger to come back (the run's view says so: stopWaiting), then stops the
// run and puts the charger back (its connector Operative again, nothing listed as not done), rather than
// stopping at once and leaving it Inoperative with the put-back listed as not done. A second stop ends the
// wait and leaves the charger as it is. A Stop that waits past the end of the case (its Reset unanswered, the
// case ended with its verdict) names no case as cut short. The same for a commissioning's Reset step (the same engine). On the
// wall clock, as the UI's runs; the chargers are the bench's built-in virtual ones (a reboot takes 2 s).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bench } from '../../../src/main/core/bench';
import { virtualTarget } from '../../../src/main/conformance/virtual';
import { builtInTemplates, CommissioningTemplate, SiteJob } from '../../../src/shared/api/commissioning';
import type { StopWaiting } from '../../../src/shared/api/stop-waiting';
import { waitFor } from '../../helpers/bench';

let bench: Bench;
let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'chargebench-stop-comeback-'));
  bench = await Bench.start({ dataDir, host: '127.0.0.1', port: 0, ftpPort: 0, face: 'test' } as never);
}, 60_000);
afterAll(async () => {
  await bench.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const connector1 = (id: string) =>
  bench.virtualChargers
    .charger(id)
    .view()
    .connectors.find((c) => c.connectorId === 1)!;

/**
 * Calls `dropped` once the charger has accepted the run's Reset and its connection has dropped (it reboots);
 * `accepted` as the Reset's Accepted comes in. Returns the removal.
 */
function afterReset(id: string, dropped: () => void, accepted: () => void = () => undefined): () => void {
  let reset: string | null = null;
  let done = false;
  return bench.bus.subscribe((e) => {
    if (done) return;
    if (e.type === 'frameLogged' && e.message.chargerId === id) {
      const m = e.message;
      if (m.direction === 'out' && m.kind === 'CALL' && m.action === 'Reset') reset = m.messageId;
      else if (reset && m.messageId === reset && m.direction === 'in' && m.kind === 'CALLRESULT' && /"Accepted"/.test(m.raw)) {
        reset = 'accepted';
        accepted();
      }
    } else if (e.type === 'chargerDisconnected' && e.chargerId === id && reset === 'accepted') {
      done = true;
      dropped();
    }
  });
}

const waitingFor = (id: string): StopWaiting => expect.objectContaining({ waitingFor: id, seconds: 30, why: expect.objectContaining({ kind: 'reset' }) }) as never;

describe('a test run stopped through the UI right after its Reset', () => {
  it('waits for the charger to come back, then stops and puts it back (connector Operative, nothing left undone)', async () => {
    const id = 'CB-TEST-1';
    await virtualTarget(bench, id, 1);
    let runId = '';
    let seen: StopWaiting | null | undefined;
    const off = afterReset(id, () => {
      bench.conformance.stop(runId);
      seen = bench.conformance.get(runId).stopWaiting;
    });
    try {
      runId = bench.conformance.start({ chargerId: id, cases: ['TC_013_CS', 'TC_019_CS'] }).runId;
      const run = await bench.conformance.settled(runId);
      expect(run.state).toBe('stopped');
      expect(run.cases.map((c) => [c.id, c.verdict, c.cleanupProblems])).toEqual([['TC_013_CS', 'inconclusive', []]]);
      expect(connector1(id)).toMatchObject({ availability: 'Operative', status: 'Available' });
      expect(seen).toEqual(waitingFor(id));
      expect(bench.conformance.get(runId).stopWaiting).toBeUndefined();
    } finally {
      off();
    }
  }, 90_000);

  it('a second stop ends the wait: the run stops at once, the charger left as it is and the put-back listed as not done', async () => {
    const id = 'CB-TEST-2';
    await virtualTarget(bench, id, 1);
    const vcp = bench.virtualChargers.charger(id);
    let runId = '';
    let seen: StopWaiting | null | undefined;
    // It does not come back by itself: only the second stop ends the wait (well before its 30 s).
    const off = afterReset(
      id,
      () => {
        bench.conformance.stop(runId);
        seen = bench.conformance.get(runId).stopWaiting;
      },
      () => vcp.setFaults({ offline: true, offlineSeconds: 0 }),
    );
    try {
      runId = bench.conformance.start({ chargerId: id, cases: ['TC_013_CS', 'TC_019_CS'] }).runId;
      await waitFor(() => seen !== undefined || null, 60_000);
      expect(seen).toEqual(waitingFor(id));
      expect(bench.conformance.get(runId).state).toBe('running');
      const asked = Date.now();
      bench.conformance.stop(runId);
      const run = await bench.conformance.settled(runId);
      expect(Date.now() - asked).toBeLessThan(25_000);
      expect(run.state).toBe('stopped');
      expect(run.cases.map((c) => [c.id, c.verdict])).toEqual([['TC_013_CS', 'inconclusive']]);
      expect(run.cases[0]!.cleanupProblems.join('\n')).toMatch(/not done: the run was stopped while the charger was offline/);
      expect(connector1(id).availability).toBe('Inoperative');
    } finally {
      off();
      vcp.setFaults({ offline: false });
    }
  }, 90_000);
});

describe('a test run stopped through the UI while its case waits for the answer to its Reset', () => {
  it('takes effect once that case has ended: the reports name no case as cut short, not the one that ended', async () => {
    const id = 'CB-TEST-3';
    await virtualTarget(bench, id, 1);
    // It never answers a Reset: the case's Reset goes unanswered (2 s, the test data's chargerTimeoutS) and the case
    // ends with its verdict, while the Stop still waits for the answer (up to 10 s after the Reset).
    bench.virtualChargers.charger(id).setFaults({ actions: { Reset: { mode: 'ignore', delaySeconds: 10, errorCode: 'InternalError' } } });
    let runId = '';
    let seen: StopWaiting | null | undefined;
    const off = bench.bus.subscribe((e) => {
      if (seen !== undefined || e.type !== 'frameLogged' || e.message.chargerId !== id || e.message.direction !== 'out' || e.message.action !== 'Reset') return;
      seen = null;
      // Once the bench has seen it sent (as a person pressing Stop then).
      setImmediate(() => {
        bench.conformance.stop(runId);
        seen = bench.conformance.get(runId).stopWaiting;
      });
    });
    try {
      runId = bench.conformance.start({ chargerId: id, cases: ['TC_013_CS', 'TC_019_CS'], data: { chargerTimeoutS: 2 } }).runId;
      const run = await bench.conformance.settled(runId);
      expect(seen).toMatchObject({ waitingFor: id, why: { kind: 'asked' } });
      expect(run.state).toBe('stopped');
      expect(run.cases.map((c) => c.id)).toEqual(['TC_013_CS']);
      expect(run.stop).toMatchObject({ caseId: null, step: null, putBack: { after: 'TC_013_CS' } });
      const html = (await bench.conformance.reportOf(run, 'html')).body as string;
      expect(html).toMatch(/Stopped at [^<]* \(asked at [^<]*; it waited for the charger to come back\) by the run's Stop \(its page or the API\), with no case in progress/);
      expect(html).not.toContain('during TC_013_CS');
    } finally {
      off();
      bench.virtualChargers.charger(id).setFaults({ actions: {} });
    }
  }, 90_000);
});

describe("a commissioning stopped through the UI right after its Reset step's Reset", () => {
  it('waits for the charger to come back (running.stopWaiting says so), then stops with it connected', async () => {
    const id = 'CB-COM-1';
    await virtualTarget(bench, id, 1);
    const svc = bench.commissioning;
    const job = SiteJob.parse({ site: 'Depot Süd', location: 'Bay 2', installer: 'A. Person', customer: 'Stadtwerke' });
    const c = await svc.create({ chargerId: id, job, template: CommissioningTemplate.parse({ ...builtInTemplates[0], name: 'Stop waits' }) });
    let seen: StopWaiting | undefined;
    let onlineAtStepEnd: boolean | null = null;
    const off = afterReset(id, () => {
      svc.stop(c.id);
      seen = svc.get(c.id).running?.stopWaiting;
    });
    const offEnd = bench.bus.subscribe((e) => {
      if (e.type === 'commissioningChanged' && e.commissioning.id === c.id && e.commissioning.running?.stopping && onlineAtStepEnd === null) onlineAtStepEnd = bench.centralSystem.isConnected(id);
    });
    try {
      svc.run(c.id, ['C9_RESET']);
      await svc.settled(c.id);
      const view = svc.get(c.id);
      expect(view.lastRun?.outcome).toBe('stopped');
      // The Stop took effect once the charger was back: the run ended with it connected, not skipped as offline.
      expect(onlineAtStepEnd).toBe(true);
      expect(seen).toEqual(waitingFor(id));
      expect(view.steps.find((s) => s.id === 'C9_RESET')!.result!.cleanupProblems).toEqual([]);
    } finally {
      off();
      offEnd();
    }
  }, 90_000);
});
