// A charger that drops as the test session stops, on fake time: the bench waits for the session's
// StopTransaction the charger's timeout (30 s), started again in full when the charger reconnects during the
// wait, so a charger back near the end of the first window is judged on the StopTransaction it sends once
// back, not failed for it coming after the first window. The virtual charger answers RemoteStopTransaction,
// loses its StopTransaction's first attempt (a `drop` rule: not sent) as the `offline` fault cuts it off for
// 28 s, and sends it again after TransactionMessageRetryInterval (40 s): 12 s after it is back, 10 s after
// the first window ended. A charger that never comes back is waited for no longer than the window.
import { describe, expect, it } from 'vitest';
import type { Misbehaviour } from '../../../src/main/virtual-cp/misbehaviour';
import { builtInTemplates, CommissioningTemplate, SiteJob, type CommissioningView } from '../../../src/shared/api/commissioning';
import { runSessionStep, useCommissioningBench } from '../../helpers/commissioning-bench';

const CP = 'STOP-RECONNECT-H1';
const tb = useCommissioningBench('stop-reconnect-h1', CP);

// Meter values every 60 s (the template's MeterValueSampleInterval): a 30 s session stops after the first.
const template = CommissioningTemplate.parse({ ...builtInTemplates[0], name: 'Stop and reconnect', sessionSeconds: 30 });
const job = SiteJob.parse({ site: 'Depot Reconnect', installer: 'A. Person' });
const step = (v: CommissioningView) => v.steps.find((s) => s.id === 'C8_SESSION')!.result!;
const ENDS = 'Charger ends the test session (StopTransaction, and Finishing if it reports it)';

/**
 * Runs the test session with the charger going offline for `offlineS` (0: until switched off) as it answers
 * the bench's RemoteStopTransaction, its StopTransaction's first attempts lost by `rules`; with when it dropped.
 */
async function dropAtStop(offlineS: number, rules: Misbehaviour[]): Promise<{ view: CommissioningView; droppedAt: number }> {
  const vcp = tb.bench.virtualChargers.charger(CP);
  // Armed by the session's StartTransaction (the run may first stop a session an earlier test left open).
  let started = false;
  let stopCall: string | null = null;
  let droppedAt = NaN;
  const view = await runSessionStep(tb.bench, CP, { chargerId: CP, job, template }, rules, (e) => {
    if (e.type !== 'frameLogged' || e.message.chargerId !== CP || !Number.isNaN(droppedAt)) return;
    const m = e.message;
    if (m.direction === 'in' && m.kind === 'CALL' && m.action === 'StartTransaction') started = true;
    else if (started && m.direction === 'out' && m.kind === 'CALL' && m.action === 'RemoteStopTransaction') stopCall = m.messageId;
    else if (m.direction === 'in' && m.kind === 'CALLRESULT' && m.messageId === stopCall) {
      droppedAt = tb.bench.clock.now();
      vcp.setFaults({ offline: true, offlineSeconds: offlineS });
    }
  });
  return { view, droppedAt };
}

describe('the charger dropping as the test session stops, back near the end of the wait for its StopTransaction', () => {
  it('waits a full window again from its reconnection and judges the session on the StopTransaction it sends once back', async () => {
    const { view, droppedAt } = await dropAtStop(28, [{ kind: 'drop', action: 'StopTransaction', times: 1 }]);
    expect(droppedAt).not.toBeNaN();
    const r = step(view);
    expect([r.verdict, r.reason ?? null]).toEqual(['pass', null]);
    const ends = r.steps.find((s) => s.title === ENDS)!;
    expect(ends.status).toBe('passed');
    // The StopTransaction came after the first window (30 s from the stop), within 30 s of the charger's return.
    const stop = r.frames.find((f) => f.direction === 'in' && f.kind === 'CALL' && f.action === 'StopTransaction')!;
    expect(Date.parse(stop.ts) - droppedAt).toBeGreaterThan(30_000);
    expect(r.measurements.find((m) => m.label === 'StopTransaction meterStop (Wh)')?.ok).toBe(true);
    // The outage is noted: from the stop to its return 28 s later.
    expect(r.observations.filter((o) => o.note).map((o) => o.text)).toEqual([expect.stringMatching(/^The charger was offline for 28 s during the session /)]);
  }, 120_000);

  it('stays inconclusive, waiting the one window, when the charger does not come back', async () => {
    const { view, droppedAt } = await dropAtStop(0, [{ kind: 'drop', action: 'StopTransaction', times: 1 }]);
    const r = step(view);
    expect(r.verdict).toBe('inconclusive');
    expect(r.reason).toMatch(/^The charger went offline at .+ and had not come back 3\d s later, when the step gave up: the test session could not be measured\./);
    expect(r.steps.find((s) => s.title === ENDS)).toMatchObject({ expected: 'StopTransaction within 30 s', actual: 'nothing came (the charger is not connected)' });
    expect(Number.isNaN(droppedAt)).toBe(false);
  }, 120_000);

  it('fails saying when it went offline and was back when its StopTransaction does not come within the window after its return', async () => {
    // Every attempt lost: the retries come 40 s and 120 s after the first, the second after the renewed window.
    const { view } = await dropAtStop(28, [{ kind: 'drop', action: 'StopTransaction' }]);
    const r = step(view);
    expect(r.verdict).toBe('fail');
    expect(r.steps.find((s) => s.title === ENDS)).toMatchObject({ status: 'failed', expected: "StopTransaction within 30 s of the charger's last reconnection", actual: 'nothing came' });
    expect(r.reason).toMatch(
      /^The charger went offline at .+ \(simulated clock\), as the bench stopped the test session, and was back at .+ \(simulated clock\): at “Charger ends the test session .+”, nothing came within 30 s\./,
    );
  }, 180_000);
});
