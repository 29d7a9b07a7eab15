// A case that cannot fail is a defect: for every case, the virtual charger misbehaves in the way the case
// exists to catch (a message not sent, a field changed, two messages swapped, an answer changed), and the
// case reports Fail at the right step. A case for the other kind of charger (a fixed cable, back-up power,
// no local list) runs on a virtual charger of that kind; the two for a charger without the Reservation
// profile are in octt16-declared.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bench } from '../../../src/main/core/bench';
import { FakeClock } from '../../../src/main/clock';
import { runConformance } from '../../../src/main/conformance/runner';
import { octt16Cases } from '../../../src/main/conformance/octt16';
import { virtualTarget, type VirtualTarget } from '../../../src/main/conformance/virtual';
import { otherCharger, testData, type Twins } from './twins/types';
import { coreSessionTwins } from './twins/core-session';
import { miscTwins } from './twins/misc';
import { coreRestTwins } from './twins/core-rest';
import { reservationNotApplicable, reservationTwins } from './twins/reservation';
import { smartChargingTwins } from './twins/smart-charging';

const data = testData;
/** Every group's twins; a group adds its table here. */
const twins: Twins = { ...coreSessionTwins, ...coreRestTwins, ...miscTwins, ...reservationTwins, ...smartChargingTwins };
/** Cases whose twins are elsewhere (octt16-declared.test.ts). */
const elsewhere = [...reservationNotApplicable];

let bench: Bench;
let dataDir: string;
let target: VirtualTarget;
let other: VirtualTarget;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'chargebench-octt-twins-'));
  bench = await Bench.start({ dataDir, host: '127.0.0.1', port: 0, clock: new FakeClock(Date.now()), face: 'test' } as never);
  target = await virtualTarget(bench);
  await bench.virtualChargers.create(otherCharger);
  other = await virtualTarget(bench, otherCharger.id);
});
afterAll(async () => {
  await bench.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('every OCTT case fails when the virtual charger misbehaves the way it exists to catch', () => {
  it('has a twin for every implemented case', () => {
    expect(
      octt16Cases
        .filter((c) => !c.notSupported)
        .map((c) => c.id)
        .filter((id) => !twins[id] && !elsewhere.includes(id)),
    ).toEqual([]);
  });

  for (const [id, twin] of Object.entries(twins)) {
    it(`${id} fails at the step it guards`, async () => {
      const on = twin.other ? other : target;
      const runTheCase = () =>
        runConformance(bench, { chargerId: on.id, cases: octt16Cases.filter((c) => c.id === id), data, declared: on.declared, operator: on.operator, busy: on.busy, virtual: true });
      const vcp = bench.virtualChargers.charger(on.id);
      vcp.connection.misbehaviours.set(twin.rules);
      const undo = twin.arrange?.(vcp);
      try {
        const run = await runTheCase();
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
      const again = await runTheCase();
      expect([again.cases[0]!.verdict, again.cases[0]!.reason]).toEqual(['pass', null]);
    }, 60_000);
  }
});
