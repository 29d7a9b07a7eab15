// A commissioning run started while someone charges: the session its preparation ends is listed in the
// commissioning's view as soon as it has ended, while the run is still preparing the charger (before its
// first step), not only once the first step begins or the run has ended.
import { describe, expect, it } from 'vitest';
import { useTestBench } from '../../helpers/bench';
import { FakeClock } from '../../../src/main/clock';
import { virtualTarget } from '../../../src/main/conformance/virtual';
import { builtInTemplates, SiteJob, type SessionEndedAtStart } from '../../../src/shared/api/commissioning';

const CP = 'CP-LIVE-ENDED';
const tb = useTestBench({ clock: new FakeClock(Date.now()) });

describe('a session ended by the run in progress', () => {
  it('is listed while the run is still before its first step', async () => {
    const { bench } = tb;
    await virtualTarget(bench, CP, 1);
    const vcp = bench.virtualChargers.charger(CP);
    const c = await bench.commissioning.create({ chargerId: CP, job: SiteJob.parse({ site: 'Depot L', installer: 'A. Person' }), template: builtInTemplates[0]! });
    vcp.plug(1);
    expect((await vcp.presentIdTag(1, 'USER-77')).accepted).toBe(true);
    let running: Array<{ transactionId: number }> = [];
    for (let i = 0; i < 200 && !running.length; i++) {
      await bench.record.settled();
      running = bench.record.transactions.list({ chargerId: CP, active: true });
      if (!running.length) await new Promise((r) => setTimeout(r, 20));
    }
    expect(running).toHaveLength(1);
    const tx = running[0]!.transactionId;

    // What the view lists while the run is before its first step, each time the faces are told of a change.
    const beforeFirstStep: Array<SessionEndedAtStart[] | undefined> = [];
    const off = bench.bus.subscribe((e) => {
      if (e.type !== 'commissioningChanged' || e.commissioning.id !== c.id || !e.commissioning.running?.before) return;
      beforeFirstStep.push(bench.commissioning.get(c.id).sessionsEnded);
    });
    bench.commissioning.run(c.id, ['C3_IDENTITY', 'C5_BASELINE']);
    await bench.commissioning.settled(c.id);
    off();
    const listed = beforeFirstStep.find((s) => s?.some((x) => x.transactionId === tx));
    expect(listed?.find((x) => x.transactionId === tx)).toMatchObject({ transactionId: tx, connectorId: 1, idTag: 'USER-77', endedAt: expect.any(String) });
    // The run's own list stands once it has ended: the session listed once.
    expect(bench.commissioning.get(c.id).sessionsEnded?.filter((s) => s.transactionId === tx)).toHaveLength(1);
  }, 120_000);
});
