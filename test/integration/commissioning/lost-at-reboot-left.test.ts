// A session the charger lost at a reboot (its StopTransaction went out with a wrong transactionId, so the
// record still holds it open; then the charger power-cycled and its connector said Available) is left as it
// is by a run: no RemoteStopTransaction the charger would refuse. What it left is said: among the run's
// setupProblems (the record, the HTML report), and for a commissioning as its run's heldOpen ("not asked")
// and the installer's note (close it in the record), never as an open item of the handover.
import { describe, expect, it } from 'vitest';
import { useCommissioningBench, customerCharging } from '../../helpers/commissioning-bench';
import { builtInTemplates, SiteJob } from '../../../src/shared/api/commissioning';
import { runConformance } from '../../../src/main/conformance/runner';
import { octt16Cases } from '../../../src/main/conformance/octt16';
import { virtualTarget } from '../../../src/main/conformance/virtual';
import { defaultTestData } from '../../../src/main/conformance/test-data';
import { htmlReport } from '../../../src/main/conformance/reports/html';
import type { Bench } from '../../../src/main/core/bench';
import type { FakeClock } from '../../../src/main/clock';
import type { BenchEvent } from '../../../src/shared/api/events';

const CP = 'CP-LOST-LEFT';
const cb = useCommissioningBench('lost-at-reboot-left', CP);
const job = SiteJob.parse({ site: 'Depot Lost', installer: 'A. Person' });

/** Polls `ready` until it holds (the bench and the virtual charger talk over a real socket). */
async function until(what: string, ready: () => boolean): Promise<void> {
  for (let i = 0; i < 500; i++) {
    await cb.bench.record.settled();
    if (ready()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`not reached: ${what}`);
}

/** A customer's session on connector 1 that the charger then loses at a power cycle; its transactionId, held open in the record. */
async function lostSession(bench: Bench, idTag: string): Promise<number> {
  const tx = await customerCharging(bench, CP, idTag);
  const vcp = bench.virtualChargers.charger(CP);
  vcp.setFaults({ wrongStopTransactionId: true });
  vcp.unplug(1);
  await until('the charger ends its session', () => bench.record.chargers.get(CP)?.connectors.find((c) => c.connectorId === 1)?.status === 'Available');
  vcp.setFaults({ wrongStopTransactionId: false });
  const bootedBefore = bench.record.chargers.get(CP)?.lastBoot ?? '';
  vcp.powerCycle();
  // Its reboot's wait (2 s) runs on the bench's fake clock.
  await (bench.clock as FakeClock).advance(5_000);
  await until('the charger boots again', () => (bench.record.chargers.get(CP)?.lastBoot ?? '') > bootedBefore);
  await virtualTarget(bench, CP);
  await until('its connector says Available since the boot', () => {
    const c = bench.record.chargers.get(CP);
    const connector = c?.connectors.find((x) => x.connectorId === 1);
    return connector?.status === 'Available' && Date.parse(connector.updatedAt) >= Date.parse(c?.lastBoot ?? '');
  });
  expect(bench.record.transactions.get(tx.transactionId)?.active).toBe(true);
  return tx.transactionId;
}

/** The RemoteStopTransactions the bench sends `CP` while `run` goes on, by transactionId. */
async function remoteStopsDuring(bench: Bench, run: () => Promise<unknown>): Promise<unknown[]> {
  const stops: unknown[] = [];
  const off = bench.bus.subscribe((e: BenchEvent) => {
    if (e.type === 'frameLogged' && e.message.chargerId === CP && e.message.direction === 'out' && e.message.action === 'RemoteStopTransaction')
      stops.push((JSON.parse(e.message.raw) as Array<{ transactionId: number }>)[3]?.transactionId);
  });
  try {
    await run();
  } finally {
    off();
  }
  return stops;
}

describe('a run on a charger that lost a session at a reboot', () => {
  it('a commissioning leaves it as it is, and its record and the installer’s note name it (not asked)', async () => {
    const { bench } = cb;
    const tx = await lostSession(bench, 'CUSTOMER-LOST');
    const c = await bench.commissioning.create({ chargerId: CP, job, template: builtInTemplates[0]! });
    const stops = await remoteStopsDuring(bench, async () => {
      bench.commissioning.run(c.id, ['C9_UNLOCK']);
      await bench.commissioning.settled(c.id);
    });
    expect(stops).not.toContain(tx);
    const view = bench.commissioning.get(c.id);
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
    const target = await virtualTarget(bench, CP);
    let run: Awaited<ReturnType<typeof runConformance>> | null = null;
    const stops = await remoteStopsDuring(bench, async () => {
      run = await runConformance(bench, {
        chargerId: CP,
        cases: octt16Cases.filter((k) => k.id === 'TC_003_CS'),
        data: defaultTestData(),
        declared: target.declared,
        operator: target.operator,
        busy: target.busy,
        virtual: true,
      });
    });
    expect(stops).not.toContain(tx);
    const note = run!.setupProblems?.find((p) => p.startsWith(`transaction ${tx} `));
    expect(note).toMatch(
      new RegExp(`^transaction ${tx} \\(connector 1, idTag CUSTOMER-LOST[^)]*\\): left as it is, not sent a RemoteStopTransaction: ${CP} has booted since it started .*most likely lost at the reboot`),
    );
    expect(note).toContain('close it in the record if it ended');
    expect(htmlReport(run!)).toContain(`transaction ${tx} (connector 1`);
  }, 120_000);
});
