// A run answers its charger's idTags from its test data (the document's tool answers Accepted for the valid
// idTag): a session of the same idTag elsewhere in the bench's record (here another charger charging with it)
// must not turn the run's StartTransaction answer into ConcurrentTx. And a session case never passes on a
// session the bench did not answer as the test data says (Inconclusive: the charger rightly stops it), nor
// on one the charger ends at once on its own after an Accepted (Fail).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bench } from '../../../src/main/core/bench';
import { FakeClock } from '../../../src/main/clock';
import { runConformance } from '../../../src/main/conformance/runner';
import { octt16Cases } from '../../../src/main/conformance/octt16';
import { virtualTarget, type VirtualTarget } from '../../../src/main/conformance/virtual';
import { defaultTestData } from '../../../src/main/conformance/test-data';
import type { BenchEvent } from '../../../src/shared/api/views';

let bench: Bench;
let dataDir: string;
let target: VirtualTarget;
const data = defaultTestData();

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'chargebench-run-idtags-'));
  bench = await Bench.start({ dataDir, host: '127.0.0.1', port: 0, clock: new FakeClock(Date.now()), face: 'test' } as never);
  target = await virtualTarget(bench);
});
afterAll(async () => {
  await bench.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const run = (ids: string[]) =>
  runConformance(bench, { chargerId: target.id, cases: octt16Cases.filter((c) => ids.includes(c.id)), data, declared: target.declared, operator: target.operator, busy: target.busy, virtual: true });

/** The run charger's sessions as the bench recorded them: how the bench answered each start, and why it stopped. */
async function sessions() {
  await bench.record.settled();
  return bench.record.transactions.list({ chargerId: target.id, limit: 100 }).map((t) => ({ authStatus: t.authStatus, stopReason: t.stopReason }));
}

/** While the run goes on, does `fn` with each frame of the run's charger (the bus calls it at once). */
function onFrame(fn: (m: Extract<BenchEvent, { type: 'frameLogged' }>['message']) => void): () => void {
  return bench.bus.subscribe((e) => {
    if (e.type === 'frameLogged' && e.message.chargerId === target.id) fn(e.message);
  });
}

describe('a run answers its charger as its test data says', () => {
  it('another charger charging with the valid idTag: TC_003_CS and TC_010_CS get Accepted and pass on sessions that run until put back', async () => {
    const other = await virtualTarget(bench, 'CTX-OTHER', 1);
    const vcp = bench.virtualChargers.charger(other.id);
    vcp.plug(1);
    await vcp.presentIdTag(1, data.validIdTag);
    for (let i = 0; i < 500 && !bench.centralSystem.auth.activeTransactionOf(data.validIdTag); i++) await new Promise((r) => setTimeout(r, 10));
    expect(bench.centralSystem.auth.activeTransactionOf(data.validIdTag)?.chargerId).toBe(other.id);
    const result = await run(['TC_003_CS', 'TC_010_CS']);
    expect(result.cases.map((c) => [c.id, c.verdict, c.reason, c.cleanupProblems])).toEqual([
      ['TC_003_CS', 'pass', null, []],
      ['TC_010_CS', 'pass', null, []],
    ]);
    // Answered Accepted, the sessions ran until the put-back stopped them (not DeAuthorized by the charger).
    expect(await sessions()).toEqual([
      { authStatus: 'Accepted', stopReason: 'Remote' },
      { authStatus: 'Accepted', stopReason: 'Remote' },
    ]);
    // Outside a run, the tag is still busy elsewhere for the run's charger: ConcurrentTx as before.
    expect(bench.centralSystem.auth.activeTransactionOf(data.validIdTag)?.chargerId).toBe(other.id);
  }, 60_000);

  it('the bench refuses the session (a behaviour set on the charger during the case): TC_003_CS and TC_010_CS are Inconclusive, not passed', async () => {
    const behaviours = bench.centralSystem.behaviours;
    // Someone sets "answer every idTag Blocked" on the charger as its StartTransaction arrives.
    const off = onFrame((m) => {
      if (m.direction === 'in' && m.kind === 'CALL' && m.action === 'StartTransaction') behaviours.setStanding(target.id, { idTagStatus: 'Blocked' });
    });
    try {
      const result = await run(['TC_003_CS', 'TC_010_CS']);
      for (const c of result.cases) {
        expect([c.id, c.verdict]).toEqual([c.id, 'inconclusive']);
        expect(c.reason).toContain(`The bench answered the charger's StartTransaction for ${data.validIdTag} with idTagInfo.status Blocked, not idTagInfo.status Accepted as the test data says`);
        expect(c.reason).toContain('the bench behaviour set on the charger answers every idTag Blocked');
        expect(c.steps.find((s) => s.n === c.decidingStep)?.title).toMatch(/Bench answered the StartTransaction with idTagInfo.status Accepted/);
        // The charger ended the refused session itself before the put-back: nothing named as not put back.
        expect(c.cleanupProblems).toEqual([]);
      }
    } finally {
      off();
      behaviours.reset(target.id);
    }
  }, 60_000);

  it('the bench refuses the session and the charger ends it before its Charging: TC_003_CS is Inconclusive, not failed', async () => {
    const behaviours = bench.centralSystem.behaviours;
    const vcp = bench.virtualChargers.charger(target.id);
    // The charger goes from the refused StartTransaction straight to its StopTransaction (no Charging).
    vcp.connection.misbehaviours.set([{ kind: 'drop', action: 'StatusNotification', where: { status: 'Charging' } }]);
    const off = onFrame((m) => {
      if (m.direction === 'in' && m.kind === 'CALL' && m.action === 'StartTransaction') behaviours.setStanding(target.id, { idTagStatus: 'Blocked' });
    });
    try {
      const [c] = (await run(['TC_003_CS'])).cases;
      expect(c!.verdict).toBe('inconclusive');
      expect(c!.reason).toMatch(
        /^The bench answered the charger's StartTransaction for \S+ with idTagInfo.status Blocked, not idTagInfo.status Accepted .* \(What followed: Expected .*; the charger sent StopTransaction/,
      );
    } finally {
      off();
      vcp.connection.misbehaviours.set([]);
      behaviours.reset(target.id);
    }
  }, 60_000);

  it('the charger ends the session at once on its own after an Accepted: TC_003_CS fails', async () => {
    const vcp = bench.virtualChargers.charger(target.id);
    // As soon as it reports Charging, the charger's own card stops the session (nothing in the case asked).
    const off = onFrame((m) => {
      if (m.direction === 'in' && m.kind === 'CALL' && m.action === 'StatusNotification' && m.raw.includes('"Charging"')) setImmediate(() => void vcp.presentIdTag(data.connectorId, data.validIdTag));
    });
    try {
      const [c] = (await run(['TC_003_CS'])).cases;
      expect([c!.verdict, c!.reason]).toEqual([
        'fail',
        expect.stringMatching(/to keep running once the bench accepted it; the charger stopped it at once on its own \(StopTransaction with reason Local\)/),
      ]);
    } finally {
      off();
    }
  }, 60_000);
});
