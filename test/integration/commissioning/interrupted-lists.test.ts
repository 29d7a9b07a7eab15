// A commissioning whose first run the bench's unexpected stop cut short (killed, crashed, lost power) reads so
// in the lists after the restart: the commissionings list gives its state and that run (not "ready": Not
// started), the site summary says it was cut short, when and during which step (not "not run yet"), also for a
// row an earlier version saved (kept 'ready', its summary without the run). A run records at its start that the
// commissioning has run, so a bench killed during it leaves no "ready" behind.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bench } from '../../../src/main/core/bench';
import { FakeClock } from '../../../src/main/clock';
import { virtualTarget } from '../../../src/main/conformance/virtual';
import { killedInStep2 } from '../../helpers/killed-run';
import { JUDGING_RULE, listItemOf, verdictOf, type StoredCommissioning } from '../../../src/main/commissioning/model';
import { builtInTemplates, SiteJob } from '../../../src/shared/api/commissioning';
import { listedStateWords } from '../../../src/shared/api/commissioning-run-end';
import { reportTime } from '../../../src/main/commissioning/reports/print';
import { esc } from '../../../src/main/conformance/reports/html';

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});
const clock = new FakeClock(Date.UTC(2026, 3, 1, 9, 0, 0));
const open = (dataDir: string) => Bench.start({ dataDir, host: '127.0.0.1', port: 0, ftpPort: 0, clock, face: 'test' } as never);
const job = SiteJob.parse({ site: 'Depot Ost', installer: 'A. Person' });

describe('a first run cut short by the bench stopping unexpectedly, after the restart', () => {
  it('the list and the site summary say so, with when and during which step', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'chargebench-interrupted-lists-'));
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const first = await open(dataDir);
    const { c, stored, heardAt, begun } = await killedInStep2(first, 'CP-CUT', job, clock.now());
    const summary = { rule: JUDGING_RULE, address: '', offlinePolicy: null, failed: [], checkedAt: null, signedAt: null };
    await first.record.commissionings.save({ ...listItemOf(stored, 'ready', verdictOf(stored)), judgedBy: JUDGING_RULE, summary }, stored);
    await first.stop();

    const bench = await open(dataDir);
    cleanup.push(() => bench.stop());
    const [item] = bench.commissioning.list({ site: job.site });
    expect(item).toMatchObject({ state: 'finished', lastRun: { outcome: 'interrupted', interrupted: { lastHeardAt: heardAt, during: begun.title } } });
    expect(listedStateWords(item!.state, item!.lastRun?.outcome === 'interrupted')).toBe('Cut short: the bench stopped unexpectedly, not handed over');
    const site = bench.commissioning.site(job.site);
    expect(site.chargers[0]).toMatchObject({ state: 'finished', checkedAt: null, interrupted: { lastHeardAt: heardAt, during: begun.title } });
    const html = String(bench.commissioning.siteSummary(job.site).body);
    expect(html).toContain(esc('Cut short: the bench stopped unexpectedly, not handed over'));
    expect(html).toContain(
      esc(`cut short: the bench stopped unexpectedly (no clean shutdown: it was killed, crashed or lost power) during ${begun.title}; the record last heard from the run at ${reportTime(heardAt)}`),
    );
    expect(html).not.toMatch(/not run yet|Not started/);
    expect(bench.commissioning.get(c.id).state).toBe('finished');
  }, 60_000);
});

describe('a run’s start', () => {
  it('records that the commissioning has run, before any step ends', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'chargebench-run-start-state-'));
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const bench = await open(dataDir);
    cleanup.push(() => bench.stop());
    await virtualTarget(bench, 'CP-START', 1);
    const c = await bench.commissioning.create({ chargerId: 'CP-START', job, template: builtInTemplates[0]! });
    const save = vi.spyOn(bench.record.commissionings, 'save');
    bench.commissioning.run(c.id, ['C3_IDENTITY']);
    // The save made as it starts (synchronously): its run recorded as running, the commissioning as having run.
    const [row, data] = save.mock.calls[0]!;
    expect((data as StoredCommissioning).runs.at(-1)).toMatchObject({ outcome: 'running', finishedAt: null });
    expect(row.state).toBe('finished');
    expect((data as StoredCommissioning).state).toBe('finished');
    save.mockRestore();
    await bench.commissioning.settled(c.id);
  }, 60_000);
});
