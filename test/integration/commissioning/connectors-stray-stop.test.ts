// A customer's session whose StopTransaction went out with a wrong transactionId (the bench recorded it as a
// stray stop: shared/api/stray-stop) is still held open in the record, its connector Available. The
// commissioning's "Connectors Available with NoError" step passes the connector, and its note (with the
// result and in the handover report) names the StopTransaction that did come: the charger may have ended the
// session with a wrong transactionId. It never says the charger "has not sent its StopTransaction".
import { expect, it } from 'vitest';
import { builtInTemplates, SiteJob } from '../../../src/shared/api/commissioning';
import { useCommissioningBench } from '../../helpers/commissioning-bench';
import { stoppedWithWrongId } from '../../helpers/left-by-runs';
import type { FakeClock } from '../../../src/main/clock';

const CP = 'CP-C4-STRAY-STOP';
const cb = useCommissioningBench('c4-stray-stop', CP);

it('names the StopTransaction with a wrong id that came while the session was open, never "has not sent its StopTransaction"', async () => {
  const { bench } = cb;
  const tx = await stoppedWithWrongId(bench, CP, 'TAG-STRAY', async () => {
    await (bench.clock as FakeClock).advance(1_000);
  });
  const stray = bench.record.events.list({ chargerId: CP, action: 'StopTransaction', warning: true })[0]!;
  const wrongId = (stray.data as { request: { transactionId: number } }).request.transactionId;
  expect(wrongId).not.toBe(tx);

  const c = await bench.commissioning.create({ chargerId: CP, job: SiteJob.parse({ site: 'Depot Stray', installer: 'A. Person' }), template: builtInTemplates[0]! });
  bench.commissioning.run(c.id, ['C4_CONNECTORS']);
  await bench.commissioning.settled(c.id);
  const result = bench.commissioning.get(c.id).steps.find((s) => s.id === 'C4_CONNECTORS')!.result!;

  expect(result.verdict, String(result.reason)).toBe('pass');
  const notes = result.observations.filter((o) => o.note).map((o) => o.text);
  expect(notes).toHaveLength(1);
  const note = notes[0]!;
  expect(note).toMatch(
    new RegExp(
      `^Connector 1: Available, NoError\\. The record still holds transaction ${tx}, idTag TAG-STRAY, started .+ open on it: ` +
        `no StopTransaction with its transactionId came, but a StopTransaction for unknown transaction ${wrongId} came at .+ on this charger, maybe this session's \\(.+\\): ` +
        'the charger may have ended it with a wrong transactionId\\. Close it from the Transactions screen \\(Close it in the record\\) if it ended\\.$',
    ),
  );
  expect(note).not.toContain('has not sent its StopTransaction');
  expect(note).not.toContain('lost before this visit');
  // The handover report (HTML, and the PDF printed from it) says the same with the step.
  const html = String((await bench.commissioning.file(c.id, 'report.html')).body);
  expect(html).toContain(`a StopTransaction for unknown transaction ${wrongId} came at`);
  expect(html).not.toContain('has not sent its StopTransaction');
  // The step only read: the transaction is still open in the record.
  expect(bench.record.transactions.get(tx)?.active).toBe(true);
}, 120_000);
