// False verdicts of the declared policy on messages outside the script, found by a code review and
// reproduced with the virtual charger's misbehaviour rules: a connector's first fault judged against the
// live status (which already holds it) passed as a "repeat"; an Available after a boot, an Available once
// the cable was unplugged before the StopTransaction, and a BootNotification after a reboot the case caused
// failed the case. Every OCTT case declares the policy that judges it.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startVirtualRunBench, type VirtualRunBench } from '../../helpers/virtual-run';
import { octt16Cases } from '../../../src/main/conformance/octt16';
import { OUTSIDE_SCRIPT } from '../../../src/main/conformance/octt16/cases';
import type { Misbehaviour } from '../../../src/main/virtual-cp/misbehaviour';

let v: VirtualRunBench;
beforeAll(async () => {
  v = await startVirtualRunBench('outside-script-review');
});
afterAll(async () => {
  await v.stop();
});

/** Runs one case with the virtual charger following `rules`; its verdict, reason, deciding step and observations. */
async function runWith(id: string, rules: Misbehaviour[]) {
  const vcp = v.bench.virtualChargers.charger(v.target.id);
  vcp.connection.misbehaviours.set(rules);
  try {
    const run = await v.run([id]);
    const result = run.cases[0]!;
    const step = result.steps.find((s) => s.n === result.decidingStep);
    return { verdict: result.verdict, reason: result.reason, step: step?.title ?? null, observations: result.observations.map((o) => o.text), decisions: result.decisions };
  } finally {
    vcp.connection.misbehaviours.set([]);
  }
}

const status = (connectorId: number, s: string, errorCode = 'NoError') => ({ action: 'StatusNotification', payload: { connectorId, status: s, errorCode } });

describe('a connector status outside the script is judged against the status before it, not the live one', () => {
  it("TC_003_CS fails on connector 0's first Faulted (GroundFailure)", async () => {
    const got = await runWith('TC_003_CS', [{ kind: 'insert', action: 'Authorize', times: 1, send: status(0, 'Faulted', 'GroundFailure') }]);
    expect(got).toMatchObject({ verdict: 'fail', reason: expect.stringMatching(/Faulted.*connector 0|connector 0.*Faulted/) });
  }, 60_000);
});

describe('statuses a case tolerates are not failed by the policy', () => {
  it('TC_032_2_CS passes with Available on the plugged connector right after the boot (an observation, as its decision says)', async () => {
    const got = await runWith('TC_032_2_CS', [{ kind: 'insert', action: 'StatusNotification', where: { connectorId: 1, status: 'Preparing' }, skip: 1, times: 1, send: status(1, 'Available') }]);
    expect(got).toMatchObject({ verdict: 'pass', reason: null });
    expect(got.observations.some((o) => /Available on connector 1 outside the script/.test(o))).toBe(true);
  }, 120_000);

  it('TC_005_1_CS passes when Available comes before the StopTransaction after the unplug', async () => {
    // Finishing, then Available, then the StopTransaction: the Available comes outside the script while the
    // session has not stopped yet, after the case unplugged the cable.
    const got = await runWith('TC_005_1_CS', [
      { kind: 'holdBack', action: 'StopTransaction', times: 1 },
      {
        kind: 'insert',
        action: 'StatusNotification',
        where: { status: 'Available' },
        send: { action: 'StatusNotification', payload: { connectorId: 1, status: 'Finishing', errorCode: 'NoError' } },
        times: 1,
      },
    ]);
    expect(got).toMatchObject({ verdict: 'pass', reason: null });
    expect(got.observations.some((o) => /Available on connector 1 outside the script/.test(o))).toBe(true);
  }, 60_000);

  it('TC_073_CS passes when the charger reboots (BootNotification) to take the new AuthorizationKey', async () => {
    const vcp = v.bench.virtualChargers.charger(v.target.id) as unknown as { boot: { resume(): void; boot(): Promise<void> } };
    const spy = vi.spyOn(vcp.boot, 'resume').mockImplementation(() => void vcp.boot.boot());
    try {
      const got = await runWith('TC_073_CS', []);
      expect(got).toMatchObject({ verdict: 'pass', reason: null });
      expect(got.observations.some((o) => /BootNotification outside the script, after the new AuthorizationKey/.test(o))).toBe(true);
    } finally {
      spy.mockRestore();
    }
  }, 120_000);
});

describe('every OCTT case the policy judges declares it', () => {
  it('lists the outside-the-script decision once on each case the bench runs', () => {
    for (const c of octt16Cases.filter((x) => !x.notSupported)) expect(c.decisions?.filter((d) => d === OUTSIDE_SCRIPT)).toEqual([OUTSIDE_SCRIPT]);
  });
});
