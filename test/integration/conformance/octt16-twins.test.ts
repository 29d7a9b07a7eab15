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
import { testData, type Twins } from './twins/types';
import { coreSessionNotApplicable, coreSessionTwins } from './twins/core-session';
import { miscNotApplicable, miscTwins } from './twins/misc';
import { coreRestNotApplicable, coreRestTwins } from './twins/core-rest';
import { reservationNotApplicable, reservationTwins } from './twins/reservation';
import { smartChargingTwins } from './twins/smart-charging';

const data = testData;
/** Every group's twins; a group adds its table here. */
const twins: Twins = { ...coreSessionTwins, ...coreRestTwins, ...miscTwins, ...reservationTwins, ...smartChargingTwins };
/** Cases that do not apply to the virtual charger, so they have no twin. */
const notApplicable = [...coreSessionNotApplicable, ...coreRestNotApplicable, ...miscNotApplicable, ...reservationNotApplicable];

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
    expect(
      octt16Cases
        .filter((c) => !c.notSupported)
        .map((c) => c.id)
        .filter((id) => !twins[id] && !notApplicable.includes(id)),
    ).toEqual([]);
  });

  for (const [id, twin] of Object.entries(twins)) {
    it(`${id} fails at the step it guards`, async () => {
      const vcp = bench.virtualChargers.charger(target.id);
      vcp.connection.misbehaviours.set(twin.rules);
      const undo = twin.arrange?.(vcp);
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
        undo?.();
      }
      // With the misbehaviour gone, the same case passes again on the same charger.
      const again = await runConformance(bench, { chargerId: target.id, cases: octt16Cases.filter((c) => c.id === id), data, operator: target.operator, busy: target.busy, virtual: true });
      expect([again.cases[0]!.verdict, again.cases[0]!.reason]).toEqual(['pass', null]);
    }, 60_000);
  }
});
