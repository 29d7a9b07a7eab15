// The configuration not read at the end of a run (the charger answers that GetConfiguration with a
// CALLERROR): the commissioning itself records that it was not read, why and when, and what the values
// shown are instead (the baseline step's read-back, and when); the report says so, and it stays so once
// the commissioning is signed and once the bench has been restarted and reads it back from the record.
import { describe, expect, it } from 'vitest';
import { esc } from '../../../src/main/conformance/reports/html';
import { builtInTemplates, CommissioningTemplate, Handover, SiteJob, type CommissioningView } from '../../../src/shared/api/commissioning';
import { formatDateTimeWithZone } from '../../../src/shared/format/time';
import { useCommissioningBench } from '../../helpers/commissioning-bench';

const CP = 'NR-1';
const tb = useCommissioningBench('config-not-read', CP, 300);

const template = CommissioningTemplate.parse({ ...builtInTemplates[0], sessionSeconds: 60 });
const job = SiteJob.parse({ site: 'Depot West', location: 'Bay 1', installer: 'A. Person', customer: 'Stadtwerke' });
const report = async (id: string) => String((await tb.bench.commissioning.file(id, 'report.html')).body);
/** A time as the report gives it: with its zone, on this bench's fake clock (the virtual charger's simulated clock). */
const at = (iso: string) => `${formatDateTimeWithZone(iso)} (simulated clock)`;
/** The report's sentence on the configuration at the end, as the view's own record gives it. */
const sentence = (v: CommissioningView) =>
  esc(`Configuration at the end: not read at ${at(v.configAtEndProblemAt!)} (${v.configAtEndProblem}); the values shown are the baseline step's read-back of ${at(v.configAfterFrom!.at)}.`);

describe('the configuration not read at the end of the run', () => {
  let id: string;
  let recorded: Pick<CommissioningView, 'configAtEndProblem' | 'configAtEndProblemAt' | 'configAfterFrom' | 'configAfter'>;

  it('is recorded on the commissioning (why, when, and that the values are the baseline read-back) and said in the report', async () => {
    const vcp = tb.bench.virtualChargers.charger(CP);
    id = (await tb.bench.commissioning.create({ chargerId: CP, job, template })).id;
    // Once the baseline step has read its keys back, the charger refuses GetConfiguration: the read at the end fails.
    tb.bench.commissioning.run(id, ['C5_BASELINE'], (e) => {
      if (e.type === 'caseFinished' && e.result.id === 'C5_BASELINE') vcp.connection.misbehaviours.set([{ kind: 'answer', action: 'GetConfiguration', callError: 'InternalError' }]);
    });
    await tb.bench.commissioning.settled(id);
    vcp.connection.misbehaviours.set([]);
    const v = tb.bench.commissioning.get(id);
    expect(v.configAtEndProblem).toMatch(/^the charger answered GetConfiguration with a CALLERROR InternalError/);
    expect(v.configAfterFrom).toEqual({ read: 'baseline', at: expect.any(String) });
    expect(Date.parse(v.configAtEndProblemAt!)).toBeGreaterThanOrEqual(Date.parse(v.configAfterFrom!.at));
    expect(Date.parse(v.configAtEndProblemAt!)).toBeLessThanOrEqual(Date.parse(v.lastRun!.finishedAt!));
    // The values shown are the baseline's read-back: HeartbeatInterval as set.
    expect(v.configAfter).toMatchObject({ HeartbeatInterval: '300' });
    expect(v.steps.find((s) => s.id === 'C5_BASELINE')!.result!.verdict).toBe('inconclusive');
    recorded = { configAtEndProblem: v.configAtEndProblem, configAtEndProblemAt: v.configAtEndProblemAt, configAfterFrom: v.configAfterFrom, configAfter: v.configAfter };
    expect(await report(id)).toContain(`<p class="note">${sentence(v)} The baseline is not judged by them.</p>`);
  }, 120_000);

  it('keeps it once signed, and once the bench reads the commissioning back from the record', async () => {
    const signed = await tb.bench.commissioning.handover(id, Handover.parse({ installer: { name: 'A. Person', kind: 'typed' }, customer: { name: 'B. Kunde', acknowledged: true }, notes: '' }));
    expect(signed).toMatchObject(recorded);
    expect(await report(id)).toContain(sentence(signed));
    await tb.restart();
    const reread = tb.bench.commissioning.get(id);
    expect(reread).toMatchObject({ ...recorded, state: 'handedOver' });
    expect(await report(id)).toContain(sentence(reread));
  }, 120_000);
});
