// The commissioning's test session (C8_SESSION) on the built-in virtual charger, on fake time: a session
// whose length equals the meter-value interval stops at its planned length (the reading at the mark is
// enough), and a short offline blip over the session's last reading does not fail a charger whose
// StopTransaction energy is right: the charger kept charging between its last reading and the (late) stop.
import { describe, expect, it } from 'vitest';
import { virtualTarget } from '../../../src/main/conformance/virtual';
import type { Misbehaviour } from '../../../src/main/virtual-cp/misbehaviour';
import { builtInTemplates, CommissioningTemplate, SiteJob, type CommissioningView } from '../../../src/shared/api/commissioning';
import { useCommissioningBench } from '../../helpers/commissioning-bench';

const ID = 'SESS-1';
const tb = useCommissioningBench('sess', ID);

// Meter values every 60 s (the built-in template's MeterValueSampleInterval), a session of 60 s.
const template = CommissioningTemplate.parse({ ...builtInTemplates[0], name: 'Sixty', sessionSeconds: 60 });
const job = SiteJob.parse({ site: 'Depot', address: 'Weg 1', location: 'Bay 1', installer: 'A. Person', company: '', customer: '' });
const svc = () => tb.bench.commissioning;
const session = (v: CommissioningView) => v.steps.find((s) => s.id === 'C8_SESSION')!.result!;
const row = (v: CommissioningView, label: string) => session(v).measurements.find((m) => m.label === label);

/** Runs the test session step; `offline`: the charger goes offline for that many seconds at `atS` seconds into the session. */
async function runSession(offline?: { atS: number; seconds: number }): Promise<CommissioningView> {
  const vcp = tb.bench.virtualChargers.charger(ID);
  const c = await svc().create({ chargerId: ID, job, template });
  let timer: { cancel: () => void } | null = null;
  const off = tb.bench.bus.subscribe((e) => {
    if (!offline || timer || e.type !== 'frameLogged' || e.message.chargerId !== ID || e.message.kind !== 'CALL' || e.message.action !== 'StartTransaction') return;
    timer = tb.bench.clock.after(offline.atS * 1000, () => vcp.setFaults({ offline: true, offlineSeconds: offline.seconds }));
  });
  try {
    svc().run(c.id, ['C8_SESSION']);
    await svc().settled(c.id);
  } finally {
    off();
    (timer as { cancel: () => void } | null)?.cancel();
    vcp.setFaults({ offline: false });
  }
  await virtualTarget(tb.bench, ID);
  return svc().get(c.id);
}

describe('the test session', () => {
  it('stops at its planned length when it equals the meter-value interval (the reading at the mark is enough)', async () => {
    const v = await runSession();
    const r = session(v);
    expect([r.verdict, r.reason]).toEqual(['pass', null]);
    expect(row(v, 'Session length (s)')).toMatchObject({ value: '60', wanted: expect.stringMatching(/^60 s planned/) });
    expect(row(v, 'Energy register')?.value).toMatch(/\(meterStart and 1 meter value\)$/);
  }, 120_000);

  it('stops at its planned length when the Charging status comes a moment after the StartTransaction (the interval runs from the start)', async () => {
    // The charger says Charging 2 s after its StartTransaction (a Heartbeat first, answered 2 s late): its meter
    // values still come every 60 s from the StartTransaction, so the one at 60 s is the session's last.
    const vcp = tb.bench.virtualChargers.charger(ID);
    const { behaviours } = tb.bench.centralSystem;
    vcp.connection.misbehaviours.set([{ kind: 'insert', action: 'StatusNotification', where: { status: 'Charging' }, times: 1, send: { action: 'Heartbeat', payload: {} } }]);
    // Set once the session starts (the run sets the bench's behaviour afresh when it begins).
    const off = tb.bench.bus.subscribe((e) => {
      if (e.type === 'frameLogged' && e.message.chargerId === ID && e.message.kind === 'CALL' && e.message.action === 'StartTransaction')
        behaviours.setStanding(ID, { actions: { Heartbeat: { mode: 'delay', delaySeconds: 2, errorCode: 'InternalError' } } });
    });
    let v: CommissioningView;
    try {
      v = await runSession();
    } finally {
      off();
      vcp.connection.misbehaviours.set([]);
      behaviours.reset(ID);
    }
    const r = session(v);
    expect([r.verdict, r.reason]).toEqual(['pass', null]);
    expect(row(v, 'Session length (s)')).toMatchObject({ value: '60', wanted: expect.stringMatching(/^60 s planned/) });
    expect(row(v, 'Energy register')?.value).toMatch(/\(meterStart and 1 meter value\)$/);
  }, 120_000);

  it('passes a charger that goes offline over its last reading and stops late, its meterStop taking in what it drew meanwhile', async () => {
    const v = await runSession({ atS: 45, seconds: 20 });
    const r = session(v);
    expect([r.verdict, r.reason]).toEqual(['pass', null]);
    expect(row(v, 'StopTransaction meterStop (Wh)')).toMatchObject({ ok: true });
    // The outage is noted with the step all the same.
    expect(r.observations.filter((o) => o.note).map((o) => o.text)).toEqual([expect.stringMatching(/^The charger was offline for 2\d s during the session/)]);
  }, 120_000);

  it('fails a meterStop far above what the charger could have drawn since its last reading, in words saying what it means and what to check', async () => {
    const v = await withRules([{ kind: 'patch', action: 'StopTransaction', patch: { meterStop: 999_999 }, times: 1 }], () => runSession());
    const r = session(v);
    expect(r.verdict).toBe('fail');
    expect(r.reason).toMatch(
      /^The charger's StopTransaction says its meter stood at 999999 Wh at the stop, \d+ Wh more than its last meter value \(\d+ Wh\), and more than it could have drawn in the \d+ s between them \(at most \d+ Wh at up to 22000 W\): the energy it reports for billing does not agree with its meter values\. .*check the charger's meter settings and its firmware/,
    );
    expect(r.reason).not.toMatch(/^Expected /);
    expect(row(v, 'StopTransaction meterStop (Wh)')).toMatchObject({ value: '999999', ok: false });
  }, 120_000);

  it('fails a meterStop below the last reading, even after an outage over that reading', async () => {
    const v = await withRules([{ kind: 'patch', action: 'StopTransaction', patch: { meterStop: 0 }, times: 1 }], () => runSession({ atS: 45, seconds: 20 }));
    const r = session(v);
    expect(r.verdict).toBe('fail');
    expect(r.reason).toMatch(
      /^The charger's StopTransaction says its meter stood at 0 Wh at the stop, \d+ Wh less than its last meter value \(\d+ Wh\): the energy it reports for billing went back\./,
    );
    expect(row(v, 'StopTransaction meterStop (Wh)')).toMatchObject({ value: '0', ok: false });
  }, 120_000);

  it("fails, without an outage, a meterStop above what the charger drew by the bench's times, whatever the charger's own clock says", async () => {
    // No outage: the readings came as they were taken, so the time to the stop is the bench's (a stop stamped a
    // minute later, by a clock that jumps, gives no more to draw); the meterStop is about 200 Wh over the last
    // reading (the register goes on from the session before, which drew as much), where up to 22 kW for a minute
    // would allow 400.
    const before = await runSession();
    const [from, to] = /^(\d+) → (\d+) Wh/
      .exec(row(before, 'Energy register')!.value as string)!
      .slice(1)
      .map(Number);
    const meterStop = Number(row(before, 'StopTransaction meterStop (Wh)')!.value) + (to! - from!) + 200;
    const rules: Misbehaviour[] = [{ kind: 'patch', action: 'StopTransaction', patch: { meterStop, timestamp: '2099-01-01T00:00:00.000Z' }, times: 1 }];
    const v = await withRules(rules, () => runSession());
    const r = session(v);
    expect(r.verdict).toBe('fail');
    expect(r.reason).toMatch(/Wh more than its last meter value \(\d+ Wh\), and more than it could have drawn in the 2 s between them/);
    expect(row(v, 'StopTransaction meterStop (Wh)')).toMatchObject({ value: String(meterStop), ok: false });
  }, 120_000);

  it("is inconclusive, naming the outage, when an outage made the readings late and the charger's times cannot tell how long it charged after the last one", async () => {
    // The stop's time before its last reading's: only the bench's times are left, and the outage made those late.
    const rules: Misbehaviour[] = [{ kind: 'patch', action: 'StopTransaction', patch: { meterStop: 999_999, timestamp: '2000-01-01T00:00:00.000Z' }, times: 1 }];
    const v = await withRules(rules, () => runSession({ atS: 45, seconds: 20 }));
    const r = session(v);
    expect(r.verdict).toBe('inconclusive');
    expect(r.reason).toMatch(/^The charger was offline during the session \(.+ \(simulated clock\) to .+ \(simulated clock\)\), so its last meter value \(\d+ Wh\) may have come late/);
    expect(r.reason).toContain('the StopTransaction energy could not be judged');
    expect(row(v, 'StopTransaction meterStop (Wh)')).toMatchObject({ value: '999999', ok: null });
  }, 120_000);
});

/** Runs `fn` with the virtual charger following `rules`. */
async function withRules<T>(rules: Misbehaviour[], fn: () => Promise<T>): Promise<T> {
  const vcp = tb.bench.virtualChargers.charger(ID);
  vcp.connection.misbehaviours.set(rules);
  try {
    return await fn();
  } finally {
    vcp.connection.misbehaviours.set([]);
  }
}
