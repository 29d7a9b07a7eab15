// A run's Stop (the UI's, the API's) that waits for the charger to come back, around the run's setup and the
// other ways a run is stopped: the run's view says before Stop whether one would wait and why (stopWouldWait,
// told in the run's events too); a Stop still waiting when the setup ends takes effect before the first case
// (or step), which then never begins (none recorded as cut short by it); and a run already stopped at once
// (the CLI's stop after its own wait, the bench shutting down) is not said to be "waiting up to 30 s" by a
// Stop arriving later. The charger is kept "asked to reset" by a Reset it never answers (a fault of the
// bench's built-in virtual charger), on the wall clock as the UI's runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bench } from '../../../src/main/core/bench';
import { virtualTarget } from '../../../src/main/conformance/virtual';
import { builtInTemplates, CommissioningTemplate, SiteJob } from '../../../src/shared/api/commissioning';
import type { StopWaiting, StopWouldWait } from '../../../src/shared/api/stop-waiting';
import { waitFor } from '../../helpers/bench';

let bench: Bench;
let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'chargebench-stop-wait-setup-'));
  bench = await Bench.start({ dataDir, host: '127.0.0.1', port: 0, ftpPort: 0, face: 'test' } as never);
}, 60_000);
afterAll(async () => {
  await bench.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A connected virtual charger that never answers a Reset: once sent one, a Stop would wait for it (up to 10 s after the Reset). */
async function ignoringReset(id: string): Promise<void> {
  await virtualTarget(bench, id, 1);
  bench.virtualChargers.charger(id).setFaults({ actions: { Reset: { mode: 'ignore', delaySeconds: 10, errorCode: 'InternalError' } } });
}
const sendReset = (id: string) => void bench.operations.operateByName(id, 'Reset', { type: 'Soft' }, { timeoutMs: 1000, skipBenchRules: true }).catch(() => undefined);
const asked: StopWouldWait = expect.objectContaining({ seconds: 30, why: expect.objectContaining({ kind: 'asked' }) }) as never;

/** Every stopWouldWait and stopWaiting the run's events said, in order. */
function told(runId: () => string) {
  const would: Array<StopWouldWait | null | undefined> = [];
  const waiting: Array<StopWaiting | null | undefined> = [];
  const off = bench.bus.subscribe((e) => {
    if (e.type !== 'testRunChanged' || e.run.id !== runId()) return;
    would.push(e.run.stopWouldWait);
    waiting.push(e.run.stopWaiting);
  });
  return { would, waiting, off };
}

/**
 * Runs `cases` on a new charger `id` that never answers a Reset; once a Reset sent to it makes a Stop wait
 * (the run's stopWouldWait), calls `then` with the run's id, that stopWouldWait and the run's events so far
 * (`first`: before the Reset is sent).
 */
async function whileStopWouldWait(
  id: string,
  cases: string[],
  then: (runId: string, would: StopWouldWait, events: ReturnType<typeof told>) => Promise<void>,
  first: (runId: string) => void = () => undefined,
): Promise<void> {
  await ignoringReset(id);
  let runId = '';
  const events = told(() => runId);
  try {
    runId = bench.conformance.start({ chargerId: id, cases }).runId;
    first(runId);
    sendReset(id);
    await then(runId, await waitFor(() => bench.conformance.get(runId).stopWouldWait ?? null, 10_000), events);
  } finally {
    events.off();
  }
}

describe('a test run', () => {
  it('says before Stop that one would wait, and a Stop still waiting when its setup ends starts no case', async () => {
    const id = 'SWS-1';
    const before = (runId: string) => expect(bench.conformance.get(runId).stopWouldWait).toBeNull();
    await whileStopWouldWait(
      id,
      ['TC_019_CS', 'TC_003_CS'],
      async (runId, would, events) => {
        expect(would).toEqual(asked);
        // Told in the run's events as it changed, not only when the run is fetched.
        expect(events.would).toContainEqual(asked);
        expect(bench.conformance.get(runId).cases).toEqual([]);
        bench.conformance.stop(runId);
        expect(bench.conformance.get(runId).stopWaiting).toMatchObject({ waitingFor: id, why: { kind: 'asked' } });
        // Once asked, a Stop no longer "would wait": it does.
        expect(bench.conformance.get(runId).stopWouldWait).toBeNull();
        const run = await bench.conformance.settled(runId);
        expect(run.state).toBe('stopped');
        // No case began after the setup: none is recorded as cut short by the Stop.
        expect(run.cases).toEqual([]);
        expect(run.stop).toMatchObject({ caseId: null, putBack: { after: null } });
      },
      before,
    );
  }, 60_000);

  it('stopped at once (the CLI), a later Stop neither waits nor says it waits', async () => {
    await whileStopWouldWait('SWS-2', ['TC_019_CS'], async (runId, _would, events) => {
      bench.conformance.stop(runId, { atOnce: true, by: 'signal', signal: 'SIGINT' });
      // Stopped: its view no longer says a Stop would wait.
      expect(bench.conformance.get(runId).stopWouldWait ?? null).toBeNull();
      bench.conformance.stop(runId);
      expect(bench.conformance.get(runId).stopWaiting ?? null).toBeNull();
      const run = await bench.conformance.settled(runId);
      expect(run.state).toBe('stopped');
      expect(run.stop).toMatchObject({ by: 'signal', signal: 'SIGINT' });
      expect(events.waiting.filter(Boolean)).toEqual([]);
    });
  }, 60_000);
});

describe('a commissioning', () => {
  it('a Stop still waiting when its setup ends runs no step (none recorded as stopped)', async () => {
    const id = 'SWS-COM-1';
    await ignoringReset(id);
    const svc = bench.commissioning;
    const job = SiteJob.parse({ site: 'Depot Nord', location: 'Bay 1', installer: 'A. Person', customer: 'Stadtwerke' });
    const c = await svc.create({ chargerId: id, job, template: CommissioningTemplate.parse({ ...builtInTemplates[0], name: 'Stop in setup' }) });
    svc.run(c.id, ['C3_IDENTITY']);
    sendReset(id);
    const would = await waitFor(() => svc.get(c.id).running?.stopWouldWait ?? null, 10_000);
    expect(would).toEqual(asked);
    svc.stop(c.id);
    expect(svc.get(c.id).running?.stopWaiting).toMatchObject({ waitingFor: id, why: { kind: 'asked' } });
    await svc.settled(c.id);
    const view = svc.get(c.id);
    expect(view.lastRun).toMatchObject({ outcome: 'stopped', stoppedIn: null });
    expect(view.steps.find((s) => s.id === 'C3_IDENTITY')).toMatchObject({ result: null, attempts: 0 });
  }, 60_000);
});

describe('the bench shutting down', () => {
  it('a Stop arriving after it stopped the run neither waits nor says it waits', async () => {
    await whileStopWouldWait('SWS-3', ['TC_019_CS'], async (runId, _would, events) => {
      const all = bench.conformance.stopAll();
      expect(bench.conformance.get(runId).stopWouldWait ?? null).toBeNull();
      bench.conformance.stop(runId);
      expect(bench.conformance.get(runId).stopWaiting ?? null).toBeNull();
      await all;
      expect(bench.conformance.get(runId)).toMatchObject({ state: 'stopped', stop: { by: 'shutdown' } });
      expect(events.waiting.filter(Boolean)).toEqual([]);
    });
  }, 60_000);
});
