// A commissioning started while someone charges on the charger: the run's start ends that session
// (RemoteStopTransaction), and the commissioning's record (GET /api/commissioning/{id}) and its report name it,
// with its transaction, connector, idTag and when it began and ended.
import { describe, expect, it } from 'vitest';
import { useTestBench } from '../../helpers/bench';
import { FakeClock } from '../../../src/main/clock';
import { virtualTarget } from '../../../src/main/conformance/virtual';
import { builtInTemplates, SiteJob, type CommissioningView } from '../../../src/shared/api/commissioning';

const CP = 'CP-ENDED';
const tb = useTestBench({ clock: new FakeClock(Date.now()) });

describe('a commissioning started on a charger with a session running', () => {
  it('lists the session its start ended in the record and the report', async () => {
    const { bench } = tb;
    await virtualTarget(bench, CP, 1);
    const vcp = bench.virtualChargers.charger(CP);
    vcp.plug(1);
    expect((await vcp.presentIdTag(1, 'CUSTOMER-7')).accepted).toBe(true);
    let running: Array<{ transactionId: number; startTime: string }> = [];
    for (let i = 0; i < 200 && !running.length; i++) {
      await bench.record.settled();
      running = bench.record.transactions.list({ chargerId: CP, active: true });
      if (!running.length) await new Promise((r) => setTimeout(r, 20));
    }
    expect(running).toHaveLength(1);
    const tx = running[0]!;

    const c = await bench.commissioning.create({ chargerId: CP, job: SiteJob.parse({ site: 'Depot E', installer: 'A. Person' }), template: builtInTemplates[0]! });
    bench.commissioning.run(c.id, ['C3_IDENTITY', 'C5_BASELINE']);
    await bench.commissioning.settled(c.id);

    const res = await tb.request('GET', `/api/commissioning/${c.id}`);
    expect(res.status).toBe(200);
    const view = res.body as CommissioningView;
    expect(view.sessionsEnded).toEqual([{ transactionId: tx.transactionId, connectorId: 1, idTag: 'CUSTOMER-7', startedAt: tx.startTime, endedAt: expect.any(String) }]);
    const ended = view.sessionsEnded![0]!;
    expect(Date.parse(ended.endedAt)).toBeGreaterThanOrEqual(Date.parse(view.lastRun!.startedAt));
    expect(bench.record.transactions.get(tx.transactionId)?.stopTime).not.toBeNull();

    const report = await fetch(`http://127.0.0.1:${tb.apiPort}/api/commissioning/${c.id}/report.html`, { headers: { Authorization: `Bearer ${tb.token}` } });
    expect(report.status).toBe(200);
    const text = await report.text();
    expect(text).toContain('Sessions ended by the checks');
    expect(text).toMatch(new RegExp(`transaction ${tx.transactionId} on connector 1 \\(idTag CUSTOMER-7\\), charging since .+, ended at `));
  }, 120_000);
});
