// The card-reader step (C6_READER) on a charger the bench asks a person to act on (a virtual charge point on
// its own connection), on fake time: only an outage that met the failed wait for the card (still on when the
// wait gave up, or ended within its last charger timeout) leaves the step inconclusive. A blip earlier in the
// step, the charger online all through the wait, leaves a charger that sent nothing a failure.
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src/main/clock';
import { noteTime } from '../../../src/main/commissioning/outages';
import { VirtualChargePoint } from '../../../src/main/virtual-cp/charge-point';
import { VirtualChargerDefinition } from '../../../src/shared/api/virtual-chargers';
import { builtInTemplates, CommissioningTemplate, SiteJob, type CommissioningView } from '../../../src/shared/api/commissioning';
import { defaultTestData } from '../../../src/shared/api/test-runs';
import { useTestBench, waitFor } from '../../helpers/bench';

const clock = new FakeClock(Date.now());
const tb = useTestBench({ clock });
const template = CommissioningTemplate.parse({ ...builtInTemplates[0], name: 'Depot AC', testIdTag: 'INSTALLER-1' });
const job = SiteJob.parse({ site: 'Depot', address: 'Ring 3', location: 'Bay 5', installer: 'A. Person', company: '', customer: '' });
/** How long the step waits for the card once the person says Done. */
const timeoutS = defaultTestData().chargerTimeoutS;

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

const connected = (id: string) => tb.bench.centralSystem.isConnected(id);

/** The charger drops (and stays offline until told otherwise); resolves once the bench saw it go. */
async function drop(cp: VirtualChargePoint, id: string): Promise<void> {
  cp.setFaults({ offline: true, offlineSeconds: 0 });
  await waitFor(() => !connected(id) || null, 20_000);
}

/** A short blip: the charger drops and is back; then the person takes twice the charger timeout before going on. */
async function blipThenPause(cp: VirtualChargePoint, id: string): Promise<void> {
  await drop(cp, id);
  cp.setFaults({ offline: false });
  await waitFor(() => connected(id) || null, 20_000);
  await clock.advance(timeoutS * 2 * 1000);
}

/** The reader step alone on a charger of its own; when asked for the card, the person does `person` (no card is presented), then says Done. */
async function readerStep(id: string, person: (cp: VirtualChargePoint) => Promise<void>): Promise<NonNullable<CommissioningView['steps'][number]['result']>> {
  const cp = new VirtualChargePoint({ definition: VirtualChargerDefinition.parse({ id, connectors: 1 }), url: tb.wsUrl(), random: () => 0, callTimeoutMs: 5000 });
  cp.start();
  cleanup.push(() => cp.stop());
  await waitFor(() => (connected(id) && cp.view().registration === 'Accepted') || null, 20_000);
  const svc = tb.bench.commissioning;
  const c = await svc.create({ chargerId: id, job, template });
  const off = tb.bench.bus.subscribe((e) => {
    if (e.type !== 'commissioningPrompt' || e.id !== c.id || !e.prompt) return;
    const act = e.prompt.action.kind === 'presentIdTag' ? person(cp) : Promise.resolve();
    void act.then(() => svc.answer(c.id, 'done'));
  });
  cleanup.push(off);
  svc.run(c.id, ['C6_READER']);
  await svc.settled(c.id);
  return svc.get(c.id).steps.find((s) => s.id === 'C6_READER')!.result!;
}

describe('the card-reader step and the outages during it', () => {
  it('fails a charger that sent no card while online all through the wait, after a blip earlier in the step', async () => {
    const r = await readerStep('OVERLAP-1', (cp) => blipThenPause(cp, 'OVERLAP-1'));
    expect(r.verdict).toBe('fail');
    expect(r.reason).not.toMatch(/offline/);
    expect(JSON.stringify(r)).toContain('nothing came');
  }, 60_000);

  it('is inconclusive, naming the outage, when the charger is offline as the wait for the card gives up', async () => {
    let droppedAt = NaN;
    const r = await readerStep('OVERLAP-2', async (cp) => {
      // An earlier blip too: the outage named is the one the wait met.
      await blipThenPause(cp, 'OVERLAP-2');
      await drop(cp, 'OVERLAP-2');
      droppedAt = clock.now();
    });
    expect(r.verdict).toBe('inconclusive');
    expect(r.reason).toBe(
      `The charger went offline at ${noteTime(droppedAt, true)}, while this step waited for the card, and had not come back ${timeoutS} s later, when the step gave up: ` +
        "the card reader could not be checked (a card presented while the charger is offline does not reach the bench). Check the charger's network connection (and its power), then Run again.",
    );
  }, 60_000);
});
