// An installer runs "Connectors Available with NoError" alone on a charger whose connector 1 reports Available,
// NoError while the bench's record still holds a transaction open on it (a StopTransaction the charger never
// sent: a session lost before this visit). The connector passes (the charger is fine there), but its row and
// the step's note name the open transaction and say to close it in the record, so the handover report does
// not silently contradict the Transactions screen. The note reaches the report.
import { expect, it } from 'vitest';
import { builtInTemplates, SiteJob } from '../../../src/shared/api/commissioning';
import { noteTime } from '../../../src/main/commissioning/outages';
import { useCommissioningBench } from '../../helpers/commissioning-bench';

const CP = 'CP-C4-OPEN-RECORD';
const cb = useCommissioningBench('c4-open-record', CP, { connectors: 2 });

it('passes connector 1 Available, its row and a note naming the transaction the record holds open there, in the report too', async () => {
  const { bench } = cb;
  const startTime = new Date(bench.clock.now() - 3_600_000).toISOString();
  bench.record.transactions.start({ chargerId: CP, connectorId: 1, idTag: 'LOST-TAG', authStatus: 'Accepted', reservationId: null, meterStart: 0, startTime } as never, startTime);
  await bench.record.settled();
  const tx = bench.record.transactions.list({ chargerId: CP, active: true })[0]!;
  const c = await bench.commissioning.create({ chargerId: CP, job: SiteJob.parse({ site: 'Depot C4', installer: 'A. Person' }), template: builtInTemplates[0]! });
  bench.commissioning.run(c.id, ['C4_CONNECTORS']);
  await bench.commissioning.settled(c.id);
  const result = bench.commissioning.get(c.id).steps.find((s) => s.id === 'C4_CONNECTORS')!.result!;

  expect(result.verdict, String(result.reason)).toBe('pass');
  expect(result.measurements.map((m) => [m.label, m.value, m.ok])).toEqual([
    ['Connector 0', 'Available', true],
    ['Connector 1', `Available; the record still holds transaction ${tx.transactionId} open on it (see the note)`, true],
    ['Connector 2', 'Available', true],
  ]);
  const note =
    `Connector 1: Available, NoError. The record still holds transaction ${tx.transactionId}, idTag LOST-TAG, started ${noteTime(Date.parse(startTime), true)} open on it: ` +
    'the charger has not sent its StopTransaction; it may be a session lost before this visit. Close it from the Transactions screen (Close it in the record) if it is over.';
  expect(result.observations.filter((o) => o.note).map((o) => o.text)).toEqual([note]);
  // The handover report (HTML, and the PDF printed from it) shows the note with the step.
  const html = String((await bench.commissioning.file(c.id, 'report.html')).body);
  expect(html).toContain(`<p class="note"><b>Note:</b> Connector 1: Available, NoError. The record still holds transaction ${tx.transactionId}, idTag LOST-TAG`);
  // The step only read: the transaction is still open in the record.
  expect(bench.record.transactions.get(tx.transactionId)?.stopTime).toBeNull();
}, 120_000);
