// A declared capability contradicted, and a case for a charger without a profile, name where the run's
// feature profiles came from: declared for the run (as the UI's form sends them once the person confirmed
// or corrected them, or the API's declaration), or what the charger reports (SupportedFeatureProfiles: the
// virtual charger's own), not SupportedFeatureProfiles whatever the source.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bench } from '../../../src/main/core/bench';
import { FakeClock } from '../../../src/main/clock';
import { runConformance } from '../../../src/main/conformance/runner';
import { octt16Cases } from '../../../src/main/conformance/octt16';
import { virtualTarget, type VirtualTarget } from '../../../src/main/conformance/virtual';
import { featureProfiles, type FeatureProfile } from '../../../src/shared/ocpp16';
import type { PicsDeclaration } from '../../../src/shared/api/test-runs';
import type { Misbehaviour } from '../../../src/main/virtual-cp/misbehaviour';
import { testData as data } from './twins/types';

const all = [...featureProfiles] as FeatureProfile[];
const withoutReservation = all.filter((p) => p !== 'Reservation');

let bench: Bench;
let dataDir: string;
let plain: VirtualTarget;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'chargebench-profile-source-'));
  bench = await Bench.start({ dataDir, host: '127.0.0.1', port: 0, clock: new FakeClock(Date.now()), face: 'test' } as never);
  await bench.virtualChargers.create({ id: 'SOURCE-NO-RESERVATION', connectors: 2, autoStart: true, profiles: withoutReservation });
  plain = await virtualTarget(bench, 'SOURCE-NO-RESERVATION');
}, 60_000);
afterAll(async () => {
  await bench.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function run(ids: string[], declared?: PicsDeclaration, rules: Misbehaviour[] = []) {
  const vcp = bench.virtualChargers.charger(plain.id);
  vcp.connection.misbehaviours.set(rules);
  try {
    const cases = octt16Cases.filter((c) => ids.includes(c.id));
    return (await runConformance(bench, { chargerId: plain.id, cases, data, declared, operator: plain.operator, busy: plain.busy, virtual: true })).cases;
  } finally {
    vcp.connection.misbehaviours.set([]);
  }
}

describe('the source of the feature profiles, in what a run says', () => {
  it('names the declaration in a declared capability contradicted, with what the charger reports beside it', async () => {
    // Every profile ticked by hand on the form, Reservation among them, though the charger does not report it.
    const [result] = await run(['TC_043_CS'], { profiles: all }, [{ kind: 'answer', action: 'SendLocalList', callError: 'NotImplemented' }]);
    expect(result!.verdict).toBe('fail');
    expect(result!.observations.map((o) => o.text)).toContainEqual(
      `Declared capability contradicted: SendLocalList answered CALLERROR NotImplemented although the charger declares the LocalAuthListManagement profile (declared for the run; the charger reports SupportedFeatureProfiles: ${withoutReservation.join(', ')})`,
    );
  }, 60_000);

  it('names the declaration when a case for a charger without Reservation does not apply, and the charger when it reports the profiles', async () => {
    const [declared] = await run(['TC_048_4_CS'], { profiles: all });
    expect([declared!.verdict, declared!.reason]).toEqual([
      'notApplicable',
      `The charger supports the Reservation profile (declared for the run; the charger reports SupportedFeatureProfiles: ${withoutReservation.join(', ')}); the case is for a charger without it`,
    ]);
    // Nothing declared: the charger's own, and the case runs (and passes).
    const [reported] = await run(['TC_048_4_CS']);
    expect(reported!.verdict).toBe('pass');
    // A Reservation case against the profiles the charger reports: it does not apply, and says so.
    const [missing] = await run(['TC_046_1_CS']);
    expect(missing!.reason).toBe(`The charger does not report the Reservation profile (SupportedFeatureProfiles: ${withoutReservation.join(', ')}), and no profiles were declared for the run`);
  }, 60_000);
});
