// False PASSes found by a QA review of the conformance runs, each reproduced with the virtual charger's
// misbehaviour rules: a CALL the declared policy does not tolerate outside the script (a second
// StartTransaction for one session), a StopTransaction without the idTag of the card that stopped it,
// and connector statuses that contradict the script (Faulted, Available while a session is prepared,
// Charging after the stop). Each must fail the case, naming what came; a benign repeat of the current
// status stays tolerated (a false FAIL is as bad as a false PASS).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bench } from '../../../src/main/core/bench';
import { FakeClock } from '../../../src/main/clock';
import { runConformance } from '../../../src/main/conformance/runner';
import { octt16Cases } from '../../../src/main/conformance/octt16';
import { virtualTarget, type VirtualTarget } from '../../../src/main/conformance/virtual';
import type { Misbehaviour } from '../../../src/main/virtual-cp/misbehaviour';
import { testData as data } from './twins/types';

let bench: Bench;
let dataDir: string;
let target: VirtualTarget;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'chargebench-false-pass-'));
  bench = await Bench.start({ dataDir, host: '127.0.0.1', port: 0, clock: new FakeClock(Date.now()), face: 'test' } as never);
  target = await virtualTarget(bench);
});
afterAll(async () => {
  await bench.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Runs one case with the virtual charger following `rules`; returns its result with the deciding step. */
async function runWith(id: string, rules: Misbehaviour[]) {
  const vcp = bench.virtualChargers.charger(target.id);
  vcp.connection.misbehaviours.set(rules);
  try {
    const run = await runConformance(bench, {
      chargerId: target.id,
      cases: octt16Cases.filter((c) => c.id === id),
      data,
      declared: target.declared,
      operator: target.operator,
      busy: target.busy,
      virtual: true,
    });
    const result = run.cases[0]!;
    const step = result.steps.find((s) => s.n === result.decidingStep);
    return { verdict: result.verdict, reason: result.reason, step: step?.title ?? null, observations: result.observations.map((o) => o.text) };
  } finally {
    vcp.connection.misbehaviours.set([]);
  }
}

const now = () => new Date().toISOString();
const status = (connectorId: number, s: string, errorCode = 'NoError') => ({ action: 'StatusNotification', payload: { connectorId, status: s, errorCode } });

describe('a CALL the declared policy does not tolerate, outside the script, fails the case naming it', () => {
  it('TC_003_CS fails when the charger opens two transactions for one session', async () => {
    const got = await runWith('TC_003_CS', [
      { kind: 'insert', action: 'StartTransaction', times: 1, send: { action: 'StartTransaction', payload: { connectorId: 1, idTag: data.validIdTag, meterStart: 0, timestamp: now() } } },
    ]);
    expect(got).toMatchObject({ verdict: 'fail', step: expect.stringMatching(/outside the script/), reason: expect.stringMatching(/sent StartTransaction .* outside the script/) });
  }, 60_000);
});

describe('a StopTransaction of a session a card stopped carries that idTag', () => {
  it('TC_068_CS fails when the StopTransaction leaves out the idTag', async () => {
    const got = await runWith('TC_068_CS', [{ kind: 'patch', action: 'StopTransaction', patch: { idTag: null } }]);
    expect(got).toMatchObject({ verdict: 'fail', step: expect.stringMatching(/StopTransaction/), reason: expect.stringMatching(/idTag/) });
  }, 60_000);
});

describe('a connector status that contradicts the script fails the case', () => {
  it('TC_003_CS fails on Faulted (GroundFailure) between Preparing and Charging', async () => {
    const got = await runWith('TC_003_CS', [{ kind: 'insert', action: 'Authorize', times: 1, send: status(1, 'Faulted', 'GroundFailure') }]);
    expect(got).toMatchObject({ verdict: 'fail', reason: expect.stringMatching(/Faulted/) });
  }, 60_000);

  it('TC_003_CS fails on Available between Preparing and Charging', async () => {
    const got = await runWith('TC_003_CS', [{ kind: 'insert', action: 'Authorize', times: 1, send: status(1, 'Available') }]);
    expect(got).toMatchObject({ verdict: 'fail', reason: expect.stringMatching(/Available/) });
  }, 60_000);

  it('TC_012_CS fails on Charging again after the StopTransaction', async () => {
    const got = await runWith('TC_012_CS', [{ kind: 'insert', action: 'StatusNotification', where: { status: 'Finishing' }, times: 1, send: status(1, 'Charging') }]);
    expect(got).toMatchObject({ verdict: 'fail', reason: expect.stringMatching(/Charging/) });
  }, 60_000);

  it('TC_003_CS still passes when the charger repeats Preparing before Charging (a benign repeat)', async () => {
    const got = await runWith('TC_003_CS', [{ kind: 'insert', action: 'Authorize', times: 1, send: status(1, 'Preparing') }]);
    expect(got).toMatchObject({ verdict: 'pass', reason: null });
    expect(got.observations.some((o) => /Preparing/.test(o))).toBe(true);
  }, 60_000);

  it('TC_003_CS still passes with a Heartbeat and MeterValues outside the script', async () => {
    const got = await runWith('TC_003_CS', [
      { kind: 'insert', action: 'Authorize', times: 1, send: { action: 'Heartbeat', payload: {} } },
      { kind: 'insert', action: 'StartTransaction', times: 1, send: { action: 'DataTransfer', payload: { vendorId: 'X' } } },
    ]);
    expect(got).toMatchObject({ verdict: 'pass', reason: null });
  }, 60_000);
});
