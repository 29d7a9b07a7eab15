// Unlock and Availability of each connector with a session only the record holds open (a charger that lost
// it without StopTransaction; the Transactions screen marks it Not confirmed): the connector is checked, not
// skipped as busy, and a note says to close the session in the record. Otherwise every run would be
// inconclusive and running again would never fix it.
import { expect, it } from 'vitest';
import { builtInTemplates, SiteJob } from '../../../src/shared/api/commissioning';
import { useCommissioningBench } from '../../helpers/commissioning-bench';

const CP = 'VSTALE';
const tb = useCommissioningBench('stale-record', CP, { connectors: 2 });

it('checks connector 2 although the record holds an old session open on it, and says to close it', async () => {
  const at = new Date().toISOString();
  tb.bench.record.transactions.start({ chargerId: CP, connectorId: 2, idTag: 'OLD', authStatus: 'Accepted', reservationId: null, meterStart: 0, startTime: at } as never, at);
  await tb.bench.record.settled();
  const txId = tb.bench.record.transactions.list({ chargerId: CP, active: true })[0]!.transactionId;
  const job = SiteJob.parse({ site: 'S', installer: 'A' });
  const id = (await tb.bench.commissioning.create({ chargerId: CP, job, template: builtInTemplates[0]! })).id;
  tb.bench.commissioning.run(id, ['C9_UNLOCK', 'C9_AVAILABILITY']);
  await tb.bench.commissioning.settled(id);
  const v = tb.bench.commissioning.get(id);
  for (const stepId of ['C9_UNLOCK', 'C9_AVAILABILITY']) {
    const r = v.steps.find((s) => s.id === stepId)!.result!;
    expect(r.verdict, `${stepId}: ${r.reason}`).toBe('pass');
    expect(r.measurements.find((m) => m.label === 'Connector 2')).toMatchObject({ ok: true });
    expect(r.observations.map((o) => o.text)).toContain(`the record holds transaction ${txId} open on connector 2; close it in the record (Transactions) if it no longer runs`);
  }
}, 120_000);
