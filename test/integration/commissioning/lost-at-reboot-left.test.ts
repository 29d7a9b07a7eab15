// A session the charger lost at a reboot (its StopTransaction went out with a wrong transactionId, so the
// record still holds it open; then the charger power-cycled and its connector said Available) is left as it
// is by a run: no RemoteStopTransaction the charger would refuse. What it left is said: among the run's
// setupProblems (the record, the HTML report), and for a commissioning as its run's heldOpen ("not asked")
// and the installer's note (close it in the record), never as an open item of the handover.
import { describe, expect, it } from 'vitest';
import { useCommissioningBench } from '../../helpers/commissioning-bench';
import { commissioningWithStops, stoppedWithWrongId, testRunWithStops, until } from '../../helpers/left-by-runs';
import { SiteJob } from '../../../src/shared/api/commissioning';
import { virtualTarget } from '../../../src/main/conformance/virtual';
import { htmlReport } from '../../../src/main/conformance/reports/html';
import type { Bench } from '../../../src/main/core/bench';
import type { FakeClock } from '../../../src/main/clock';

const CP = 'CP-LOST-LEFT';
const cb = useCommissioningBench('lost-at-reboot-left', CP);
const job = SiteJob.parse({ site: 'Depot Lost', installer: 'A. Person' });

/** A customer's session on connector 1 that the charger then loses at a power cycle; its transactionId, held open in the record. */
async function lostSession(bench: Bench, idTag: string): Promise<number> {
  const tx = await stoppedWithWrongId(bench, CP, idTag);
  const vcp = bench.virtualChargers.charger(CP);
  const bootedBefore = bench.record.chargers.get(CP)?.lastBoot ?? '';
  vcp.powerCycle();
  // Its reboot's wait (2 s) runs on the bench's fake clock.
  await (bench.clock as FakeClock).advance(5_000);
  await until(bench, 'the charger boots again', () => (bench.record.chargers.get(CP)?.lastBoot ?? '') > bootedBefore);
  await virtualTarget(bench, CP);
  await until(bench, 'its connector says Available since the boot', () => {
    const c = bench.record.chargers.get(CP);
    const connector = c?.connectors.find((x) => x.connectorId === 1);
    return connector?.status === 'Available' && Date.parse(connector.updatedAt) >= Date.parse(c?.lastBoot ?? '');
  });
  expect(bench.record.transactions.get(tx)?.active).toBe(true);
  return tx;
}

describe('a run on a charger that lost a session at a reboot', () => {
  it('a commissioning leaves it as it is, and its record and the installer’s note name it (not asked)', async () => {
    const { bench } = cb;
    const tx = await lostSession(bench, 'CUSTOMER-LOST');
    const { view, stops } = await commissioningWithStops(bench, CP, job);
    expect(stops).not.toContain(tx);
    expect(view.heldOpen).toMatchObject([{ transactionId: tx, connectorId: 1, idTag: 'CUSTOMER-LOST', answer: 'not asked', cause: expect.stringContaining(`${CP} has booted since it started`) }]);
    expect(view.benchNotes).toEqual([
      expect.stringMatching(
        new RegExp(
          `^Bench record: transaction ${tx} \\(connector 1, idTag CUSTOMER-LOST\\) is held open in the bench's record only: before the first step the bench left it as it is, sending it no RemoteStopTransaction: `,
        ),
      ),
    ]);
    expect(view.benchNotes![0]).toContain('Close it in the record');
    expect(view.open.filter((p) => p.includes(`transaction ${tx}`))).toEqual([]);
  }, 120_000);

  it('a test run leaves it as it is, and its record and HTML report say so', async () => {
    const { bench } = cb;
    const open = bench.record.transactions.list({ chargerId: CP, active: true });
    const tx = open[0]?.transactionId ?? (await lostSession(bench, 'CUSTOMER-LOST-2'));
    const { run, stops } = await testRunWithStops(bench, CP);
    expect(stops).not.toContain(tx);
    const note = run.setupProblems?.find((p) => p.startsWith(`transaction ${tx} `));
    expect(note).toMatch(
      new RegExp(`^transaction ${tx} \\(connector 1, idTag CUSTOMER-LOST[^)]*\\): left as it is, not sent a RemoteStopTransaction: ${CP} has booted since it started .*most likely lost at the reboot`),
    );
    expect(note).toContain('close it in the record if it ended');
    expect(htmlReport(run)).toContain(`transaction ${tx} (connector 1`);
  }, 120_000);
});
