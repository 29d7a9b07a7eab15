// False FAILs of the declared policy on messages outside the script, found by a code review and reproduced
// with the virtual charger's misbehaviour rules: an honest charger's statuses in an order OCPP 1.6 allows
// (SuspendedEVSE before the next session's StartTransaction, Available once the stopped session's user
// interaction is complete with the cable still in), statuses bunched by a MinimumStatusDuration the charger
// kept, and a fault during the put-back, which is the case's observation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVirtualRunBench, type VirtualRunBench } from '../../helpers/virtual-run';
import type { Misbehaviour } from '../../../src/main/virtual-cp/misbehaviour';

let v: VirtualRunBench;
beforeAll(async () => {
  v = await startVirtualRunBench('outside-script-honest');
});
afterAll(async () => {
  await v.stop();
});

const vcp = () => v.bench.virtualChargers.charger(v.target.id);

/** Runs one case with the virtual charger following `rules`; its verdict, reason and observations. */
async function runWith(id: string, rules: Misbehaviour[]) {
  vcp().connection.misbehaviours.set(rules);
  try {
    const run = await v.run([id]);
    const result = run.cases[0]!;
    return { verdict: result.verdict, reason: result.reason, observations: result.observations.map((o) => o.text) };
  } finally {
    vcp().connection.misbehaviours.set([]);
  }
}

const status = (connectorId: number, s: string, errorCode = 'NoError') => ({ action: 'StatusNotification', payload: { connectorId, status: s, errorCode } });

describe('statuses in an order OCPP 1.6 allows are observations', () => {
  it('TC_007_CS passes with SuspendedEVSE just before the second session’s StartTransaction (after Available and Preparing)', async () => {
    const got = await runWith('TC_007_CS', [{ kind: 'insert', action: 'StartTransaction', skip: 1, times: 1, send: status(1, 'SuspendedEVSE') }]);
    expect(got).toMatchObject({ verdict: 'pass', reason: null });
    expect(got.observations.some((o) => /SuspendedEVSE on connector 1 outside the script/.test(o))).toBe(true);
  }, 120_000);

  it('TC_068_CS passes with Available between the StopTransaction and Finishing, the cable still in (during a step)', async () => {
    const got = await runWith('TC_068_CS', [{ kind: 'insert', action: 'StatusNotification', where: { status: 'Finishing' }, times: 1, send: status(1, 'Available') }]);
    expect(got).toMatchObject({ verdict: 'pass', reason: null });
    expect(got.observations.some((o) => /Available on connector 1 outside the script/.test(o))).toBe(true);
  }, 120_000);
});

describe('with MinimumStatusDuration not 0 at the run, the status order rules are observations; faults still fail', () => {
  /** The charger keeps MinimumStatusDuration 5: it refuses the run's 0. */
  async function runKeeping5(id: string, rules: Misbehaviour[]) {
    expect(vcp().config.change('MinimumStatusDuration', '5')).toMatchObject({ status: 'Accepted' });
    try {
      return await runWith(id, [{ kind: 'answer', action: 'ChangeConfiguration', where: { key: 'MinimumStatusDuration', value: '0' }, patch: { status: 'Rejected' } }, ...rules]);
    } finally {
      vcp().config.change('MinimumStatusDuration', '0');
    }
  }

  it('TC_003_CS passes with Available between Preparing and Charging (an observation)', async () => {
    const got = await runKeeping5('TC_003_CS', [{ kind: 'insert', action: 'Authorize', times: 1, send: status(1, 'Available') }]);
    expect(got).toMatchObject({ verdict: 'pass', reason: null });
    expect(got.observations.some((o) => /Available on connector 1 outside the script/.test(o))).toBe(true);
  }, 120_000);

  it('TC_003_CS still fails on Faulted (GroundFailure) between Preparing and Charging', async () => {
    const got = await runKeeping5('TC_003_CS', [{ kind: 'insert', action: 'Authorize', times: 1, send: status(1, 'Faulted', 'GroundFailure') }]);
    expect(got).toMatchObject({ verdict: 'fail', reason: expect.stringMatching(/Faulted/) });
  }, 120_000);
});

describe('the put-back', () => {
  it('records a Faulted status the charger sends while it is put back as an observation of the case', async () => {
    // TC_003_CS ends charging: the put-back stops the session; a fault comes just before its StopTransaction.
    const got = await runWith('TC_003_CS', [{ kind: 'insert', action: 'StopTransaction', times: 1, send: status(1, 'Faulted', 'GroundFailure') }]);
    expect(got).toMatchObject({ verdict: 'pass', reason: null });
    expect(got.observations.some((o) => /Faulted on connector 1 \(GroundFailure\) outside the script: it came after the script's last step/.test(o))).toBe(true);
  }, 120_000);
});
