// An installer's re-run of "Connectors Available with NoError" alone on a charger where a customer is
// charging: the step leaves the session alone (it only reads) and says why connector 1 is not Available: a
// session runs there, naming its transaction, idTag and since when, and to run the step again once it has
// ended. It is inconclusive, not failed (the connector is not broken) nor passed (it was never seen
// Available); the report shows the reason. A fault beside it still fails the step, naming the session too.
import { describe, expect, it } from 'vitest';
import { useCommissioningBench, customerCharging as chargingOn } from '../../helpers/commissioning-bench';
import { builtInTemplates, SiteJob } from '../../../src/shared/api/commissioning';
import type { BenchEvent } from '../../../src/shared/api/events';
import { noteTime } from '../../../src/main/commissioning/outages';

const CP = 'CP-C4-SESSION';
const cb = useCommissioningBench('c4-session', CP, { connectors: 2 });
const job = SiteJob.parse({ site: 'Depot C4', installer: 'A. Person' });
const template = builtInTemplates[0]!;

/** A customer's session on connector 1 of the virtual charger: its transaction as the record holds it open. */
const customerCharging = (idTag: string) => chargingOn(cb.bench, CP, idTag);

/** Runs the connectors step alone on a new commissioning: its view, its report and the CALLs the bench sent meanwhile. */
async function runConnectors() {
  const { bench } = cb;
  const sent: string[] = [];
  const off = bench.bus.subscribe((e: BenchEvent) => {
    if (e.type === 'frameLogged' && e.message.chargerId === CP && e.message.direction === 'out' && e.message.kind === 'CALL') sent.push(e.message.action!);
  });
  const c = await bench.commissioning.create({ chargerId: CP, job, template });
  try {
    bench.commissioning.run(c.id, ['C4_CONNECTORS']);
    await bench.commissioning.settled(c.id);
  } finally {
    off();
  }
  await bench.record.settled();
  const view = bench.commissioning.get(c.id);
  const html = String((await bench.commissioning.file(c.id, 'report.html')).body);
  return { view, html, sent, result: view.steps.find((s) => s.id === 'C4_CONNECTORS')!.result! };
}

describe('the connectors step on a charger where a customer is charging', () => {
  it('is inconclusive, its reason and connector 1’s row naming the session, and leaves the session running', async () => {
    const tx = await customerCharging('CUSTOMER-C4');
    const { view, html, sent, result } = await runConnectors();
    const session = `a session runs there (transaction ${tx.transactionId}, idTag CUSTOMER-C4, since ${noteTime(Date.parse(tx.startTime), true)})`;
    expect(result.verdict).toBe('inconclusive');
    expect(result.reason).toBe(`Connector 1 reports Charging: ${session}. It could not be seen Available with NoError while in use; run this step again once the session has ended.`);
    expect(result.measurements.map((m) => [m.label, m.value, m.ok])).toEqual([
      ['Connector 0', 'Available', true],
      ['Connector 1', `Charging: ${session}`, null],
      ['Connector 2', 'Available', true],
    ]);
    // The report shows the reason; what is open says it once, without a second "run it again".
    expect(html).toContain(`<p class="reason">Connector 1 reports Charging: ${session}.`);
    expect(view.open).toContain(`Connectors Available with NoError is inconclusive: ${result.reason}`);
    expect(view.verdict).toBe('incomplete');
    // It only read: the customer's session still runs.
    expect(sent).not.toContain('RemoteStopTransaction');
    expect(cb.bench.record.transactions.get(tx.transactionId)?.stopTime).toBeNull();
  }, 120_000);

  it('fails on a connector at fault beside it, naming the session on connector 1 as not judged', async () => {
    const tx = cb.bench.record.transactions.list({ chargerId: CP, active: true })[0] ?? (await customerCharging('CUSTOMER-C4'));
    const vcp = cb.bench.virtualChargers.charger(CP);
    vcp.setFault(2, 'GroundFailure');
    try {
      const { result } = await runConnectors();
      expect(result.verdict).toBe('fail');
      expect(result.reason).toContain('it reports Faulted (GroundFailure): clear the fault before handing over');
      expect(result.reason).toContain(`Not judged: connector 1 reports Charging: a session runs there (transaction ${tx.transactionId}, idTag ${tx.idTag}`);
      expect(result.measurements.find((m) => m.label === 'Connector 2')).toMatchObject({ value: 'Faulted (GroundFailure)', ok: false });
    } finally {
      vcp.clearFault(2);
    }
  }, 120_000);

  it('passes once the session has ended', async () => {
    const vcp = cb.bench.virtualChargers.charger(CP);
    vcp.unplug(1);
    for (let i = 0; i < 200 && cb.bench.record.transactions.list({ chargerId: CP, active: true }).length; i++) {
      await cb.bench.record.settled();
      await new Promise((r) => setTimeout(r, 20));
    }
    const { result } = await runConnectors();
    expect(result.verdict).toBe('pass');
    expect(result.reason).toBeNull();
  }, 120_000);

  it('fails a connector with a cable plugged in and no session, saying to unplug it, not to clear a fault', async () => {
    const vcp = cb.bench.virtualChargers.charger(CP);
    vcp.plug(2);
    try {
      const { result } = await runConnectors();
      expect(result.verdict).toBe('fail');
      expect(result.reason).toBe(
        'Expected connector 2 Available with NoError; it reports Preparing (NoError): a cable is plugged in or a card was presented with no session running; unplug it and run this step again',
      );
      expect(result.reason).not.toContain('fault');
    } finally {
      vcp.unplug(2);
    }
  }, 120_000);
});
