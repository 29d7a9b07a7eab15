// A commissioning whose last run the bench's unexpected stop cut short (killed, crashed, lost power), signed
// after the restart: its JSON report, its site summary (JSON and HTML page) and the summary kept for the next
// start all say when the record last heard from the run, never the signing's time as when the checks ran.
import { afterEach, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bench } from '../../../src/main/core/bench';
import { FakeClock } from '../../../src/main/clock';
import { killedInStep2 } from '../../helpers/killed-run';
import { JUDGING_RULE, listItemOf, verdictOf } from '../../../src/main/commissioning/model';
import { Handover, SiteJob, type CommissioningView } from '../../../src/shared/api/commissioning';
import { reportTime } from '../../../src/main/commissioning/reports/print';
import { esc } from '../../../src/main/conformance/reports/html';

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});
const clock = new FakeClock(Date.UTC(2026, 3, 1, 9, 0, 0));
const open = (dataDir: string) => Bench.start({ dataDir, host: '127.0.0.1', port: 0, ftpPort: 0, clock, face: 'test' } as never);
const job = SiteJob.parse({ site: 'Depot Signed', installer: 'A. Person' });

it('a signed commissioning whose last run was cut short says when the run was last heard from, not the signing time', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'chargebench-interrupted-signed-'));
  cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const first = await open(dataDir);
  const { c, stored, heardAt, begun } = await killedInStep2(first, 'CP-SIGNED', job, clock.now());
  await first.record.commissionings.save({ ...listItemOf(stored, 'finished', verdictOf(stored)), judgedBy: JUDGING_RULE }, stored);
  await first.stop();

  await clock.advance(60 * 60_000); // signed an hour later
  const bench = await open(dataDir);
  const signed = await bench.commissioning.handover(c.id, Handover.parse({ installer: { name: 'A. Person', kind: 'typed' }, customer: { name: 'B. Kunde', acknowledged: true }, notes: '' }));
  const signedAt = signed.handover!.signedAt;
  expect(signedAt).not.toBe(heardAt);
  const json = JSON.parse((await bench.commissioning.file(c.id, 'report.json')).body.toString()) as CommissioningView;
  expect(json.lastRun).toMatchObject({ outcome: 'interrupted', finishedAt: null, interrupted: { lastHeardAt: heardAt, during: begun.title } });
  const expectSummary = (b: Bench) => {
    const row = b.commissioning.site(job.site).chargers[0];
    expect(row).toMatchObject({ state: 'handedOver', checkedAt: null, signedAt, interrupted: { lastHeardAt: heardAt, during: begun.title } });
    const html = String(b.commissioning.siteSummary(job.site).body);
    expect(html).toContain(esc(`during ${begun.title}; the record last heard from the run at ${reportTime(heardAt)}`));
  };
  expectSummary(bench);
  await bench.stop();

  // The summary kept with the signed record reads the same after the next start.
  const again = await open(dataDir);
  cleanup.push(() => again.stop());
  expectSummary(again);
}, 60_000);
