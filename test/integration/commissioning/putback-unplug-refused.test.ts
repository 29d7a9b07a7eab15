// "Cannot do" to unplugging the cable at the end of the test session, on a charger the bench asks a person
// to act on (a virtual charge point on its own connection), on fake time: putting the charger back after the
// step does not ask the same unplug again (the person just said they cannot): the cable is named as left in,
// among what was not put back after the step.
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/main/clock';
import { VirtualChargePoint } from '../../../src/main/virtual-cp/charge-point';
import { VirtualChargerDefinition } from '../../../src/shared/api/virtual-chargers';
import { builtInTemplates, CommissioningTemplate, SiteJob } from '../../../src/shared/api/commissioning';
import type { OperatorPrompt } from '../../../src/shared/api/test-runs';
import { useTestBench, waitFor } from '../../helpers/bench';

const clock = new FakeClock(Date.now());
const tb = useTestBench({ clock });
const template = CommissioningTemplate.parse({ ...builtInTemplates[0], name: 'Depot AC', testIdTag: 'INSTALLER-1', sessionSeconds: 10 });
const job = SiteJob.parse({ site: 'Depot', address: 'Ring 3', location: 'Bay 5', installer: 'A. Person', company: '', customer: '' });

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

describe('the put-back after the person could not unplug the cable', () => {
  it('does not ask the same unplug again, and names the cable as left in', async () => {
    const id = 'UNPLUG-REFUSED';
    const cp = new VirtualChargePoint({ definition: VirtualChargerDefinition.parse({ id, connectors: 2 }), url: tb.wsUrl(), clock, random: () => 0, callTimeoutMs: 5000 });
    cp.start();
    cleanup.push(() => cp.stop());
    await waitFor(() => (tb.bench.centralSystem.isConnected(id) && cp.view().registration === 'Accepted') || null, 20_000);
    const svc = tb.bench.commissioning;
    const c = await svc.create({ chargerId: id, job, template });
    const asked: OperatorPrompt[] = [];
    const off = tb.bench.bus.subscribe((e) => {
      if (e.type !== 'commissioningPrompt' || e.id !== c.id || !e.prompt) return;
      const p = e.prompt;
      asked.push(p);
      if (p.action.kind === 'plug') cp.plug(p.action.connectorId);
      // The person plugged in; they cannot unplug (the cable is stuck), and say so each time they are asked.
      setTimeout(() => svc.answer(c.id, p.action.kind === 'plug' ? 'done' : 'cannot'), 0);
    });
    cleanup.push(off);
    svc.run(c.id, ['C8_SESSION']);
    await svc.settled(c.id);
    const r = svc.get(c.id).steps.find((s) => s.id === 'C8_SESSION')!.result!;
    expect(r.reason).toMatch(/The operator could not do it: unplug the EV cable from connector 1/);
    // Asked once to unplug: in the step, not again putting the charger back after it.
    expect(asked.map((p) => [p.action.kind, p.during ?? null])).toEqual([
      ['plug', 'In the step “Test session”'],
      ['unplug', 'In the step “Test session”'],
    ]);
    // In a commissioning's words: no "next case", but the next step, or the next run.
    expect(r.cleanupProblems).toEqual([expect.stringMatching(/^connector 1 is \w+ \(the person could not unplug the cable\): the next step, or the next run, may fail$/)]);
  }, 60_000);
});
