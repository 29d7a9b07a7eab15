// OCTT cases that turn on what a charger declares: the Reservation cases for a charger without that profile
// (TC_048_4_CS, TC_050_4_CS) pass against a virtual charger without it and fail when it accepts a
// reservation after all; and a charger refusing a charging profile within its declared capabilities, or an
// operation of a profile it declares as not implemented, is flagged in the report.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bench } from '../../../src/main/core/bench';
import { FakeClock } from '../../../src/main/clock';
import { runConformance } from '../../../src/main/conformance/runner';
import { octt16Cases } from '../../../src/main/conformance/octt16';
import { virtualTarget, type VirtualTarget } from '../../../src/main/conformance/virtual';
import { featureProfiles } from '../../../src/shared/ocpp16';
import type { Misbehaviour } from '../../../src/main/virtual-cp/misbehaviour';
import { testData as data } from './twins/types';

let bench: Bench;
let dataDir: string;
let plain: VirtualTarget;
let full: VirtualTarget;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'chargebench-octt-declared-'));
  bench = await Bench.start({ dataDir, host: '127.0.0.1', port: 0, clock: new FakeClock(Date.now()), face: 'test' } as never);
  await bench.virtualChargers.create({ id: 'OCTT-NO-RESERVATION', connectors: 2, autoStart: true, profiles: featureProfiles.filter((p) => p !== 'Reservation') });
  plain = await virtualTarget(bench, 'OCTT-NO-RESERVATION');
  full = await virtualTarget(bench);
});
afterAll(async () => {
  await bench.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function run(target: VirtualTarget, ids: string[], rules: Misbehaviour[] = []) {
  const vcp = bench.virtualChargers.charger(target.id);
  vcp.connection.misbehaviours.set(rules);
  try {
    return (await runConformance(bench, { chargerId: target.id, cases: octt16Cases.filter((c) => ids.includes(c.id)), data, operator: target.operator, busy: target.busy, virtual: true })).cases;
  } finally {
    vcp.connection.misbehaviours.set([]);
  }
}

describe('a charger without the Reservation profile', () => {
  const ids = ['TC_048_4_CS', 'TC_050_4_CS'];

  it('passes the cases for it, and the other Reservation cases do not apply', async () => {
    const cases = await run(plain, [...ids, 'TC_046_1_CS', 'TC_050_1_CS']);
    expect(cases.map((c) => [c.id, c.verdict])).toEqual([
      ['TC_046_1_CS', 'notApplicable'],
      ['TC_048_4_CS', 'pass'],
      ['TC_050_1_CS', 'notApplicable'],
      ['TC_050_4_CS', 'pass'],
    ]);
    // And the cases for it do not apply to a charger with the profile.
    expect((await run(full, ids)).map((c) => [c.verdict, c.reason])).toEqual(ids.map(() => ['notApplicable', expect.stringContaining('supports the Reservation profile')]));
  }, 60_000);

  it.each(ids)(
    '%s fails at ReserveNow when the charger accepts the reservation after all',
    async (id) => {
      const [result] = await run(plain, [id], [{ kind: 'answer', action: 'ReserveNow', patch: { status: 'Accepted' } }]);
      expect({ verdict: result!.verdict, step: result!.steps.find((s) => s.n === result!.decidingStep)?.title, reason: result!.reason }).toMatchObject({
        verdict: 'fail',
        step: expect.stringMatching(/ReserveNow/),
        reason: expect.stringMatching(/status Rejected/),
      });
    },
    60_000,
  );
});

describe('declared smart-charging capabilities', () => {
  it('flags a charging profile refused although it is within what the charger declares', async () => {
    const [result] = await run(full, ['TC_056_CS'], [{ kind: 'answer', action: 'SetChargingProfile', patch: { status: 'Rejected' } }]);
    expect(result!.verdict).toBe('fail');
    expect(result!.observations.map((o) => o.text)).toContainEqual(expect.stringMatching(/^Declared capability contradicted: .*ChargingScheduleMaxPeriods 24, the profile has 1/));
  }, 60_000);
});

describe('declared feature profiles', () => {
  it('flags an operation of a declared profile answered NotImplemented, and not one the charger does not declare', async () => {
    const [result] = await run(full, ['TC_043_CS'], [{ kind: 'answer', action: 'SendLocalList', callError: 'NotImplemented' }]);
    expect(result!.verdict).toBe('fail');
    expect(result!.observations.map((o) => o.text)).toContainEqual(
      'Declared capability contradicted: SendLocalList answered CALLERROR NotImplemented although the charger declares the LocalAuthListManagement profile (SupportedFeatureProfiles)',
    );
    // Without the Reservation profile, ReserveNow refused NotSupported is what the case wants of it (TC_048_4_CS fails on Rejected only).
    const [plainResult] = await run(plain, ['TC_048_4_CS'], [{ kind: 'answer', action: 'ReserveNow', callError: 'NotSupported' }]);
    expect(plainResult!.observations.filter((o) => o.text.startsWith('Declared capability contradicted'))).toEqual([]);
  }, 60_000);
});
