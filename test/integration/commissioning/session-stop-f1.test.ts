// The wait for the test session's StopTransaction, on fake time (the charger's timeout: 30 s):
// - a charger back from a drop may replay another session's StopTransaction (another connector's) before the
//   test session's: only the StopTransaction of the session's transaction is taken, the other is an observation;
// - a charger that keeps dropping and coming back without sending the StopTransaction is not waited for forever
//   (each return renews the window): the whole wait is capped at 4 windows, and the step ends inconclusive
//   saying it kept dropping, when it went offline and when it came back.
import { describe, expect, it } from 'vitest';
import type { Misbehaviour } from '../../../src/main/virtual-cp/misbehaviour';
import { builtInTemplates, CommissioningTemplate, SiteJob, type CommissioningView } from '../../../src/shared/api/commissioning';
import { runSessionStep, useCommissioningBench } from '../../helpers/commissioning-bench';

const CP = 'STOP-F1';
const tb = useCommissioningBench('stop-f1', CP);

const template = CommissioningTemplate.parse({ ...builtInTemplates[0], name: 'Stop f1', sessionSeconds: 30 });
const job = SiteJob.parse({ site: 'Depot F1', installer: 'A. Person' });
const step = (v: CommissioningView) => v.steps.find((s) => s.id === 'C8_SESSION')!.result!;
const ENDS = 'Charger ends the test session (StopTransaction, and Finishing if it reports it)';

/** Runs the test session step with `rules`; `drops` times the charger goes offline for 20 s, first as it answers the RemoteStopTransaction, then each time it is back. */
async function runSession(rules: Misbehaviour[], drops = 0): Promise<{ view: CommissioningView; dropped: number }> {
  const vcp = tb.bench.virtualChargers.charger(CP);
  let started = false;
  let stopCall: string | null = null;
  let dropped = 0;
  const drop = () => {
    dropped++;
    vcp.setFaults({ offline: true, offlineSeconds: 20 });
  };
  const view = await runSessionStep(tb.bench, CP, { chargerId: CP, job, template }, rules, (e) => {
    if (e.type === 'chargerConnected' && e.chargerId === CP && dropped > 0 && dropped < drops) setTimeout(drop, 0);
    if (e.type !== 'frameLogged' || e.message.chargerId !== CP) return;
    const m = e.message;
    if (m.direction === 'in' && m.kind === 'CALL' && m.action === 'StartTransaction') started = true;
    else if (started && m.direction === 'out' && m.kind === 'CALL' && m.action === 'RemoteStopTransaction') stopCall = m.messageId;
    else if (drops > 0 && dropped === 0 && m.direction === 'in' && m.kind === 'CALLRESULT' && m.messageId === stopCall) drop();
  });
  return { view, dropped };
}

describe("the wait for the test session's StopTransaction (f1)", () => {
  it("takes the session's own StopTransaction when another transaction's comes first, the other observed", async () => {
    const other = { action: 'StopTransaction', payload: { transactionId: 987654, meterStop: 5000, timestamp: new Date().toISOString(), reason: 'PowerLoss' } };
    const { view } = await runSession([{ kind: 'insert', action: 'StopTransaction', send: other, times: 1 }]);
    const r = step(view);
    expect([r.verdict, r.reason ?? null]).toEqual(['pass', null]);
    expect(r.steps.find((s) => s.title === ENDS)?.status).toBe('passed');
    expect(r.observations.map((o) => o.text)).toContainEqual(expect.stringMatching(/^StopTransaction of transaction 987654, not the test session's \(\d+\): another session's/));
    // The other StopTransaction did come before the session's.
    const stops = r.frames.filter((f) => f.direction === 'in' && f.kind === 'CALL' && f.action === 'StopTransaction');
    expect(stops.map((f) => (JSON.parse(f.raw) as [number, string, string, { transactionId: number }])[3].transactionId)).toEqual([987654, r.transactionId]);
  }, 120_000);

  it('ends inconclusive, saying it kept dropping and when, after at most 4 windows when the charger keeps reconnecting without the StopTransaction', async () => {
    const { view, dropped } = await runSession([{ kind: 'drop', action: 'StopTransaction' }], 10);
    const r = step(view);
    expect(dropped).toBeGreaterThan(4);
    expect(r.verdict).toBe('inconclusive');
    expect(r.reason).toMatch(
      /^The charger kept dropping and coming back while the bench waited for the test session's StopTransaction \(offline at .+ \(simulated clock\), back at .+ \(simulated clock\); offline at .+\), and never sent it: the bench gave up after 120 s \(at most 4 times the charger's timeout of 30 s, \d+ reconnections\)\./,
    );
    expect(r.steps.find((s) => s.title === ENDS)?.status).not.toBe('failed');
  }, 240_000);
});
