// The test session's end when the charger's StopTransaction carries another transactionId (the virtual
// charger's "StopTransaction with a wrong transactionId" fault: the given id + 1000): it is not taken as the
// test session's end, the wait runs out, and the step fails saying that the StopTransaction of another
// transaction came, and that if it was meant for the test session the charger sent the wrong transactionId.
import { describe, expect, it } from 'vitest';
import { builtInTemplates, CommissioningTemplate, SiteJob } from '../../../src/shared/api/commissioning';
import { runSessionStep, useCommissioningBench } from '../../helpers/commissioning-bench';

const CP = 'STOP-WRONGTX';
const tb = useCommissioningBench('stop-wrongtx', CP);

const template = CommissioningTemplate.parse({ ...builtInTemplates[0], name: 'Stop wrong id', sessionSeconds: 30 });
const job = SiteJob.parse({ site: 'Depot W', installer: 'A. Person' });
const ENDS = 'Charger ends the test session (StopTransaction, and Finishing if it reports it)';

describe("the test session's StopTransaction with the wrong transactionId", () => {
  it('fails the step with the hint that the charger sent the wrong transactionId', async () => {
    const vcp = tb.bench.virtualChargers.charger(CP);
    vcp.setFaults({ wrongStopTransactionId: true });
    let view;
    try {
      view = await runSessionStep(tb.bench, CP, { chargerId: CP, job, template }, [], () => {});
    } finally {
      vcp.setFaults({ wrongStopTransactionId: false });
    }
    const r = view.steps.find((s) => s.id === 'C8_SESSION')!.result!;
    const given = r.transactionId!;
    expect(typeof given).toBe('number');
    const wrong = given + 1000;
    expect(r.verdict).toBe('fail');
    const ends = r.steps.find((s) => s.title === ENDS)!;
    expect(ends.status).toBe('failed');
    expect(ends.actual).toBe(`nothing came but the StopTransaction of another transaction (${wrong}; if meant for the test session, the charger sent the wrong transactionId)`);
    // What to do says it too: something did come, and what to check for it.
    expect(r.reason).toBe(
      `The session ran, but the charger sent no StopTransaction for it, only one for another transaction: if that was meant for the test session, the charger sent the wrong transactionId (it must send the one the bench gave it in the StartTransaction answer: check its firmware); if not, check that it is not stuck (restart it if so). Then Run again. What happened: at “${ENDS}”, nothing came within 30 s but the StopTransaction of another transaction (${wrong}; if meant for the test session, the charger sent the wrong transactionId).`,
    );
    expect(r.observations.map((o) => o.text)).toContainEqual(`StopTransaction of transaction ${wrong}, not the test session's (${given}): another session's, not taken as the test session's end`);
    // The charger did send it, with the wrong id, and only that one.
    const stops = r.frames.filter((f) => f.direction === 'in' && f.kind === 'CALL' && f.action === 'StopTransaction');
    expect(stops.map((f) => (JSON.parse(f.raw) as [number, string, string, { transactionId: number }])[3].transactionId)).toEqual([wrong]);
  }, 120_000);
});
