// The charger rebooting during the commissioning's test session (its process killed, then started again
// 20 s later without the session: it boots fresh and never sends the session's StopTransaction), on fake
// time: the step names what happened (offline at …, rebooted: BootNotification at …, the session's
// transaction lost without a StopTransaction), not "stopped sending meter values", and is inconclusive
// (the session could not be measured), saying Run again.
import { describe, expect, it } from 'vitest';
import { builtInTemplates, CommissioningTemplate, SiteJob, type CommissioningView } from '../../../src/shared/api/commissioning';
import { noteTime } from '../../../src/main/commissioning/outages';
import type { Misbehaviour } from '../../../src/main/virtual-cp/misbehaviour';
import { runSessionStep, useCommissioningBench } from '../../helpers/commissioning-bench';

const CP = 'REBOOT-1';
const tb = useCommissioningBench('session-reboot', CP, { connectors: 2 });

const template = CommissioningTemplate.parse({ ...builtInTemplates[0], name: 'Reboot', sessionSeconds: 180 });
const job = SiteJob.parse({ site: 'Depot R', installer: 'A. Person' });
const step = (v: CommissioningView) => v.steps.find((s) => s.id === 'C8_SESSION')!.result!;
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Runs the test session step; at its first meter values the charger's power goes (its process killed), back 20 s later. */
async function rebootInSession(rules: Misbehaviour[]): Promise<{ r: ReturnType<typeof step>; killedAt: number; bootAt: number }> {
  const vcp = tb.bench.virtualChargers.charger(CP);
  let killedAt = NaN;
  let bootAt = NaN;
  const view = await runSessionStep(tb.bench, CP, { chargerId: CP, job, template }, rules, (e) => {
    if (e.type !== 'frameLogged' || e.message.chargerId !== CP || e.message.direction !== 'in' || e.message.kind !== 'CALL') return;
    if (e.message.action === 'BootNotification' && !Number.isNaN(killedAt)) bootAt ||= Date.parse(e.message.ts);
    if (!Number.isNaN(killedAt) || e.message.action !== 'MeterValues') return;
    if ((JSON.parse(e.message.raw) as [number, string, string, { transactionId?: number }])[3].transactionId === undefined) return;
    killedAt = tb.bench.clock.now();
    void vcp.stop();
    tb.bench.clock.after(20_000, () => vcp.start());
  });
  return { r: step(view), killedAt, bootAt };
}

describe('the charger rebooting during the test session', () => {
  it('names the outage, the reboot and the lost transaction, and is inconclusive (not "stopped sending meter values")', async () => {
    // The StopTransaction the charger would send for the session after its restart is lost (a fresh process).
    const { r, killedAt, bootAt } = await rebootInSession([{ kind: 'drop', action: 'StopTransaction' }]);
    expect(killedAt).not.toBeNaN();
    expect(bootAt).not.toBeNaN();
    expect(r.verdict).toBe('inconclusive');
    expect(r.reason).not.toMatch(/stopped sending meter values/);
    expect(r.reason).toMatch(new RegExp(`^The charger went offline at ${esc(noteTime(killedAt, true))} during the test session`));
    expect(r.reason).toContain(`rebooted (BootNotification at ${noteTime(bootAt, true)})`);
    expect(r.reason).toContain(`lost transaction ${r.transactionId} without a StopTransaction`);
    expect(r.reason).toMatch(/Run again/);
  }, 120_000);

  it('names the StopTransaction a charger that kept the session sent once back, still inconclusive', async () => {
    const { r, bootAt } = await rebootInSession([]);
    expect(r.verdict).toBe('inconclusive');
    expect(r.reason).toContain(`rebooted (BootNotification at ${noteTime(bootAt, true)}) and ended transaction ${r.transactionId} with its StopTransaction (reason PowerLoss) at `);
    expect(r.reason).not.toMatch(/stopped sending meter values|lost transaction/);
  }, 120_000);
});
