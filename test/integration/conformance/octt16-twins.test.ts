// A case that cannot fail is a defect: for every case, the virtual charger misbehaves in the way the case
// exists to catch (a message not sent, a field changed, two messages swapped, an answer changed), and the
// case reports Fail at the right step. Cases not applicable to the virtual charger are listed apart.
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
import type { Misbehaviour } from '../../../src/main/virtual-cp/misbehaviour';

const data = defaultTestData();
const stopReason = (reason: string): Misbehaviour => ({ kind: 'patch', action: 'StopTransaction', patch: { reason } });

/** Case id: the misbehaviour, and words of the step that must fail and of its reason. */
const twins: Record<string, { rules: Misbehaviour[]; step: RegExp; reason: RegExp }> = {
  TC_001_CS: { rules: [{ kind: 'drop', action: 'Heartbeat' }], step: /Heartbeat/, reason: /Heartbeat within/ },
  TC_002_CS: { rules: [{ kind: 'answer', action: 'ChangeConfiguration', patch: { status: 'Rejected' } }], step: /MeterValueSampleInterval/, reason: /Rejected/ },
  TC_003_CS: { rules: [{ kind: 'holdBack', action: 'StatusNotification', where: { status: 'Preparing' } }], step: /Preparing/, reason: /nothing came|first/ },
  TC_004_1_CS: { rules: [{ kind: 'drop', action: 'Authorize' }], step: /Authorize/, reason: /Authorize .*within/ },
  TC_004_2_CS: { rules: [{ kind: 'drop', action: 'StatusNotification', where: { status: 'Available', connectorId: 1 } }], step: /back to Available/, reason: /nothing came/ },
  TC_068_CS: { rules: [{ kind: 'patch', action: 'StopTransaction', patch: { idTag: 'SOMEONE-ELSE' } }], step: /StopTransaction/, reason: /idTag/ },
  TC_069_CS: { rules: [{ kind: 'drop', action: 'Authorize', where: { idTag: data.validIdTag2 } }], step: /Authorize/, reason: /nothing came/ },
  TC_005_1_CS: { rules: [stopReason('Local')], step: /StopTransaction/, reason: /EVDisconnected/ },
  TC_005_2_CS: { rules: [{ kind: 'answer', action: 'UnlockConnector', patch: { status: 'UnlockFailed' } }], step: /UnlockConnector/, reason: /UnlockFailed/ },
  TC_005_3_CS: { rules: [{ kind: 'drop', action: 'StatusNotification', where: { status: 'SuspendedEV' } }], step: /SuspendedEV/, reason: /nothing came/ },
  TC_010_CS: { rules: [{ kind: 'patch', action: 'StartTransaction', patch: { idTag: 'SOMEONE-ELSE' } }], step: /StartTransaction/, reason: /idTag/ },
  TC_011_1_CS: { rules: [{ kind: 'answer', action: 'RemoteStartTransaction', patch: { status: 'Rejected' } }], step: /RemoteStartTransaction/, reason: /Rejected/ },
  TC_011_2_CS: { rules: [{ kind: 'drop', action: 'StatusNotification', where: { status: 'Available', connectorId: 1 } }], step: /back to Available/, reason: /nothing came/ },
  TC_012_CS: { rules: [stopReason('Local')], step: /StopTransaction/, reason: /Remote/ },
  TC_013_CS: { rules: [{ kind: 'answer', action: 'Reset', patch: { status: 'Rejected' } }], step: /Reset/, reason: /Rejected/ },
  TC_014_CS: { rules: [{ kind: 'answer', action: 'ChangeAvailability', patch: { status: 'Rejected' } }], step: /ChangeAvailability/, reason: /Rejected/ },
  TC_015_CS: { rules: [stopReason('Local')], step: /StopTransaction/, reason: /HardReset/ },
  TC_016_CS: { rules: [stopReason('Local')], step: /StopTransaction/, reason: /SoftReset/ },
  TC_017_1_CS: { rules: [{ kind: 'answer', action: 'UnlockConnector', patch: { status: 'UnlockFailed' } }], step: /UnlockConnector/, reason: /UnlockFailed/ },
  TC_018_1_CS: { rules: [stopReason('Local')], step: /StopTransaction/, reason: /UnlockCommand/ },
};
/** Cases that do not apply to the virtual charger (it has sockets), so they have no twin here. */
const notApplicable = ['TC_017_2_CS', 'TC_018_2_CS'];

let bench: Bench;
let dataDir: string;
let target: VirtualTarget;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'chargebench-octt-twins-'));
  bench = await Bench.start({ dataDir, host: '127.0.0.1', port: 0, clock: new FakeClock(Date.now()), face: 'test' } as never);
  target = await virtualTarget(bench);
});
afterAll(async () => {
  await bench.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('every OCTT case fails when the virtual charger misbehaves the way it exists to catch', () => {
  it('has a twin for every implemented case that applies to the virtual charger', () => {
    expect(octt16Cases.map((c) => c.id).filter((id) => !twins[id] && !notApplicable.includes(id))).toEqual([]);
  });

  for (const [id, twin] of Object.entries(twins)) {
    it(`${id} fails at the step it guards`, async () => {
      const vcp = bench.virtualChargers.charger(target.id);
      vcp.connection.misbehaviours.set(twin.rules);
      try {
        const run = await runConformance(bench, { chargerId: target.id, cases: octt16Cases.filter((c) => c.id === id), data, operator: target.operator, busy: target.busy, virtual: true });
        const result = run.cases[0]!;
        const step = result.steps.find((s) => s.n === result.decidingStep);
        expect({ verdict: result.verdict, step: step?.title, reason: result.reason }).toMatchObject({
          verdict: 'fail',
          step: expect.stringMatching(twin.step),
          reason: expect.stringMatching(twin.reason),
        });
        expect(step!.status).toBe('failed');
      } finally {
        vcp.connection.misbehaviours.set([]);
      }
      // With the misbehaviour gone, the same case passes again on the same charger.
      const again = await runConformance(bench, { chargerId: target.id, cases: octt16Cases.filter((c) => c.id === id), data, operator: target.operator, busy: target.busy, virtual: true });
      expect([again.cases[0]!.verdict, again.cases[0]!.reason]).toEqual(['pass', null]);
    }, 60_000);
  }
});
