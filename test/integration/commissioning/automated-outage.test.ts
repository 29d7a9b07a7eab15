// A commissioning step that asks nobody (the offline authorization policy: configuration keys read, then
// GetLocalListVersion), on fake time, with the charger going offline mid-step (the virtual charger's `offline`
// fault, switched on as the bench reads a key): the charger being gone is not the policy being wrong, so the
// step is inconclusive naming the outage (when it went offline, that it had not come back, what to do), not
// failed. A charger that answers wrongly while online stays a failure; so does one that never comes back from
// the Reset step's restart (going away is what that step judges).
import { describe, expect, it } from 'vitest';
import { virtualTarget } from '../../../src/main/conformance/virtual';
import { builtInTemplates, CommissioningTemplate, SiteJob, type CommissioningTemplate as Template } from '../../../src/shared/api/commissioning';
import type { CaseResult } from '../../../src/main/conformance/types';
import { useCommissioningBench } from '../../helpers/commissioning-bench';

const ID = 'AUTO-OUT-1';
const tb = useCommissioningBench('automated-outage', ID);
const job = SiteJob.parse({ site: 'Depot Nord', location: 'Bay 3', installer: 'A. Person', customer: 'Stadtwerke' });
const knownCards = CommissioningTemplate.parse({ ...builtInTemplates[0], name: 'Known cards', offlinePolicy: 'knownCards' });

/**
 * Runs one step alone; `offlineOn` (a test on each frame the bench logs for the charger) switches the charger's
 * offline fault on (until switched off) at the first frame it holds for. The charger is connected again after.
 */
async function runStep(stepId: string, template: Template, offlineOn?: (f: { direction: string; kind: string; action: string | null; raw: string }) => boolean): Promise<CaseResult> {
  const svc = tb.bench.commissioning;
  const vcp = tb.bench.virtualChargers.charger(ID);
  const c = await svc.create({ chargerId: ID, job, template });
  let dropped = false;
  const off = tb.bench.bus.subscribe((e) => {
    if (dropped || !offlineOn || e.type !== 'frameLogged' || e.message.chargerId !== ID) return;
    if (!offlineOn({ direction: e.message.direction, kind: e.message.kind, action: e.message.action ?? null, raw: e.message.raw })) return;
    dropped = true;
    vcp.setFaults({ offline: true, offlineSeconds: 0 });
  });
  try {
    svc.run(c.id, [stepId]);
    await svc.settled(c.id);
  } finally {
    off();
    vcp.setFaults({ offline: false });
  }
  await virtualTarget(tb.bench, ID);
  if (offlineOn) expect(dropped).toBe(true);
  return svc.get(c.id).steps.find((s) => s.id === stepId)!.result!;
}

describe('a step that asks nobody, with the charger going offline during it', () => {
  it('is inconclusive naming the outage (not failed) when the charger goes offline while its keys are read', async () => {
    const r = await runStep('C7_OFFLINE', knownCards, (f) => f.direction === 'out' && f.kind === 'CALL' && f.action === 'GetConfiguration' && f.raw.includes('LocalAuthListEnabled'));
    expect(r.verdict).toBe('inconclusive');
    expect(r.reason).toMatch(
      /^The charger went offline at .+ \(simulated clock\), during this step, and had not come back (\d+ s later, )?when the step gave up: at “Bench reads (LocalAuthListEnabled|AllowOfflineTxForUnknownId)”, the charger (went offline after GetConfiguration was sent, before it answered|is not connected), so the step could not be judged\. Check the charger's network connection \(and its power\), then Run again\.$/,
    );
    // Not said as the charger's failure, nor as its policy.
    expect(r.reason).not.toMatch(/What happened|offline policy/);
  }, 120_000);

  it('is inconclusive when the charger drops as GetLocalListVersion is sent', async () => {
    const r = await runStep('C7_OFFLINE', knownCards, (f) => f.direction === 'out' && f.kind === 'CALL' && f.action === 'GetLocalListVersion');
    expect(r.verdict).toBe('inconclusive');
    expect(r.reason).toMatch(
      /^The charger went offline at .+, during this step, and had not come back .*when the step gave up: at “Bench sends GetLocalListVersion.*”, the charger .+, so the step could not be judged\./,
    );
  }, 120_000);

  it('stays a failure when the charger, online throughout, answers with another policy than the site’s', async () => {
    const anyCard = CommissioningTemplate.parse({ ...builtInTemplates[0], name: 'Any card', offlinePolicy: 'anyCard' });
    const r = await runStep('C7_OFFLINE', anyCard);
    expect(r.verdict).toBe('fail');
    expect(r.reason).not.toMatch(/offline at|could not be judged/);
    expect(r.measurements.find((m) => m.label === 'When the back office is unreachable')).toMatchObject({ ok: false });
  }, 120_000);

  it('stays a failure when the charger never comes back from the Reset step’s restart (going away is what it judges)', async () => {
    const r = await runStep('C9_RESET', knownCards, (f) => f.direction === 'in' && f.kind === 'CALLRESULT' && /"status":"Accepted"/.test(f.raw));
    expect(r.verdict).toBe('fail');
    expect(r.reason).toMatch(/^No BootNotification within 300 s of the reset: the charger did not come back; check its power and network/);
    expect(r.reason).not.toMatch(/could not be judged/);
  }, 120_000);

  it('stays a failure when the charger goes away as the Reset step restarts it, before answering', async () => {
    // It does not answer Reset and drops once it is sent: the step's restart, which it must come back from.
    tb.bench.virtualChargers.setFaults(ID, { actions: { Reset: { mode: 'ignore' } } });
    try {
      const r = await runStep('C9_RESET', knownCards, (f) => f.direction === 'out' && f.kind === 'CALL' && f.action === 'Reset');
      expect(r.verdict).toBe('fail');
      expect(r.reason).toMatch(
        /^Check the charger’s power and network \(it must reconnect by itself after a reboot\), then Run again\. What happened: at “.+”, the charger went offline after Reset was sent, before it answered\.$/,
      );
    } finally {
      tb.bench.virtualChargers.setFaults(ID, { actions: {} });
    }
  }, 120_000);
});
