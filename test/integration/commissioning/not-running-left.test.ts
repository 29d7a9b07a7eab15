// A session the record holds open that is not running by the rule, with no reboot (its StopTransaction went
// out with a wrong transactionId, so the record still holds it open, and its connector has said Available
// since it started): the charger would refuse a RemoteStopTransaction for it, so a run leaves it as it is,
// as it leaves one lost at a reboot, and says why in the rule's words, each time said as what it is ("not
// running: connector 1 reported Available at <when>, after it started at <when>"), never "lost at the reboot": among a test run's setupProblems (the
// record, the HTML report), and for a commissioning as its run's heldOpen and the installer's note.
import { describe, expect, it } from 'vitest';
import { useCommissioningBench } from '../../helpers/commissioning-bench';
import { commissioningWithStops, stoppedWithWrongId, testRunWithStops } from '../../helpers/left-by-runs';
import { SiteJob } from '../../../src/shared/api/commissioning';
import { htmlReport } from '../../../src/main/conformance/reports/html';
import type { Bench } from '../../../src/main/core/bench';
import type { FakeClock } from '../../../src/main/clock';

const CP = 'CP-NOT-RUNNING-LEFT';
const cb = useCommissioningBench('not-running-left', CP);
const job = SiteJob.parse({ site: 'Depot Not Running', installer: 'A. Person' });

/** A customer's session on connector 1 whose StopTransaction goes out with a wrong transactionId, with no reboot; its transactionId, held open in the record. */
async function notRunningSession(bench: Bench, idTag: string): Promise<number> {
  let bootedBefore = '';
  const tx = await stoppedWithWrongId(bench, CP, idTag, async () => {
    bootedBefore = bench.record.chargers.get(CP)?.lastBoot ?? '';
    // The bench's clock moves on past its start: the connector's Available comes after it.
    await (bench.clock as FakeClock).advance(1_000);
  });
  // No reboot since it started: not lost at a reboot, not running by the rule.
  expect(bench.record.chargers.get(CP)?.lastBoot ?? '').toBe(bootedBefore);
  return tx;
}

describe('a run on a charger with a session held open in the record that is not running (no reboot)', () => {
  it('a test run sends it no RemoteStopTransaction, and its setupProblems and HTML report say why, not "lost at the reboot"', async () => {
    const { bench } = cb;
    const tx = await notRunningSession(bench, 'CUSTOMER-GONE');
    const { run, stops } = await testRunWithStops(bench, CP);
    expect(stops).not.toContain(tx);
    const note = run.setupProblems?.find((p) => p.startsWith(`transaction ${tx} `));
    expect(note).toMatch(
      new RegExp(
        `^transaction ${tx} \\(connector 1, idTag CUSTOMER-GONE[^)]*\\): left as it is, not sent a RemoteStopTransaction: not running: connector 1 reported Available at .+, after it started at .+ \\(the charger would refuse to stop it\\); close it in the record$`,
      ),
    );
    expect(note).not.toContain('lost at the reboot');
    expect(htmlReport(run)).toContain(`transaction ${tx} (connector 1`);
  }, 120_000);

  it('a commissioning leaves it as it is, and its record and the installer’s note say it is not running (not asked)', async () => {
    const { bench } = cb;
    const open = bench.record.transactions.list({ chargerId: CP, active: true });
    const tx = open[0]?.transactionId ?? (await notRunningSession(bench, 'CUSTOMER-GONE-2'));
    const { view, stops } = await commissioningWithStops(bench, CP, job);
    expect(stops).not.toContain(tx);
    expect(view.heldOpen).toMatchObject([
      { transactionId: tx, connectorId: 1, answer: 'not asked: not running', cause: expect.stringMatching(/^connector 1 reported Available at .+, after it started at /) },
    ]);
    expect(view.benchNotes).toEqual([
      expect.stringMatching(
        new RegExp(
          `^Bench record: transaction ${tx} \\(connector 1, idTag CUSTOMER-GONE[^)]*\\) is held open in the bench's record only: before the first step the bench left it as it is, sending it no RemoteStopTransaction: it is not running: connector 1 reported Available at .+, after it started at `,
        ),
      ),
    ]);
    expect(view.benchNotes![0]).not.toContain('lost at the reboot');
    expect(view.benchNotes![0]).toContain('each run leaves it as it is');
    expect(view.open.filter((p) => p.includes(`transaction ${tx}`))).toEqual([]);
  }, 120_000);
});
