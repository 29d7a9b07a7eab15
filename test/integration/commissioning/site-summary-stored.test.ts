// The site summary lists each charger's newest commissioning with what failed and the offline policy found,
// from what each row keeps (migration 17), not by parsing each charger's whole record (its steps, frames and
// session samples: megabytes each, on the thread that answers the chargers) at each call. A row saved before
// summaries were kept is summarised from its record once, and kept, also across a restart.
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bench } from '../../../src/main/core/bench';
import { FakeClock } from '../../../src/main/clock';
import { virtualTarget } from '../../../src/main/conformance/virtual';
import { JUDGING_RULE, shownVerdict, type StoredCommissioning } from '../../../src/main/commissioning/model';
import { builtInTemplates, checklistItems, SiteJob, type SiteSummary } from '../../../src/shared/api/commissioning';
import { reportTime } from '../../../src/main/commissioning/reports/print';
import { esc } from '../../../src/main/conformance/reports/html';

let bench: Bench;
let dataDir: string;
const clock = new FakeClock(Date.UTC(2026, 3, 1, 9, 0, 0));
const start = () => Bench.start({ dataDir, host: '127.0.0.1', port: 0, ftpPort: 0, clock, face: 'test' } as never);
const job = (location: string) => SiteJob.parse({ site: 'Depot Süd', address: 'Hafenstr. 9', location, installer: 'A. Person', customer: 'Stadtwerke' });
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'chargebench-site-summary-'));
  bench = await start();
  await virtualTarget(bench, 'CP-SITE', 1);
}, 60_000);
afterAll(async () => {
  await bench.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const restart = async () => {
  await bench.record.settled();
  await bench.stop();
  bench = await start();
};
/** A step's result: its verdict, and what it measured. */
const result = (verdict: 'pass' | 'fail', measurements: Array<{ label: string; value: string; ok: boolean | null }> = []) => ({
  id: 'x',
  title: 'x',
  profile: 'Core',
  section: '1',
  verdict,
  reason: verdict === 'fail' ? 'it did not' : null,
  decidingStep: null,
  steps: [],
  observations: [],
  decisions: [],
  cleanupProblems: [],
  measurements,
  frames: [],
  startedAt: '2026-04-01T09:00:00.000Z',
  ms: 1,
});
const byCharger = (s: SiteSummary) => Object.fromEntries(s.chargers.map(({ chargerId, location, verdict, offlinePolicy, failed }) => [chargerId, { location, verdict, offlinePolicy, failed }]));

it('lists what failed and the offline policies from the rows, reading a whole record only for a row saved without a summary, once', async () => {
  // One commissioning as the bench saves it: a check not conform.
  const { id } = await bench.commissioning.create({ chargerId: 'CP-SITE', job: job('Bay 1'), template: builtInTemplates[0]! });
  const check = checklistItems[0]!;
  await bench.commissioning.setChecklist(id, [{ id: check.id, result: 'notConform', value: '9', note: 'too high' }]);
  // Another charger's, saved before summaries were kept (its row has none): a failed step and the offline policy found.
  const created = bench.record.commissionings.get(id) as StoredCommissioning;
  const failing = created.steps[0]!;
  const offline = created.steps.find((s) => s.id === 'C7_OFFLINE')!;
  const old: StoredCommissioning = {
    ...created,
    id: 'com-old',
    chargerId: 'CP-OLD',
    job: job('Bay 2'),
    checklist: created.checklist.map((e) => ({ ...e, result: null })),
    steps: created.steps.map((s) =>
      s === failing
        ? { ...s, result: result('fail') as never }
        : s === offline
          ? { ...s, result: result('pass', [{ label: 'When the back office is unreachable', value: 'Local list only', ok: true }]) as never }
          : s,
    ),
  };
  const row = {
    id: old.id,
    chargerId: old.chargerId,
    site: old.job.site,
    location: old.job.location,
    state: 'finished',
    verdict: shownVerdict(old),
    judgedBy: JUDGING_RULE,
    createdAt: old.createdAt,
    updatedAt: old.updatedAt,
  };
  await bench.record.commissionings.save(row, old);
  const expected = {
    // A check not conform, a failed step: each fails its commissioning, though other items are still open.
    'CP-SITE': { location: 'Bay 1', verdict: 'fail', offlinePolicy: null, failed: [check.label] },
    'CP-OLD': { location: 'Bay 2', verdict: 'fail', offlinePolicy: 'Local list only', failed: [failing.title] },
  };

  // Nothing held in memory: each row as the record keeps it.
  await restart();
  const get = vi.spyOn(bench.record.commissionings, 'get');
  try {
    const summary = bench.commissioning.site('Depot Süd');
    expect(byCharger(summary)).toEqual(expected);
    expect(summary).toMatchObject({ site: 'Depot Süd', address: 'Hafenstr. 9', offlinePolicySame: true, offlinePolicyChecked: 1 });
    // Only the row saved without a summary was read whole; the next summaries read none.
    expect(get.mock.calls).toEqual([['com-old']]);
    expect(byCharger(bench.commissioning.site('Depot Süd'))).toEqual(expected);
    const page = String(bench.commissioning.siteSummary('Depot Süd').body);
    expect(page).toContain(check.label);
    expect(page).toContain(failing.title);
    expect(get).toHaveBeenCalledTimes(1);
  } finally {
    get.mockRestore();
  }

  // The summary worked out once was kept with the row: after a restart no whole record is read.
  await restart();
  const again = vi.spyOn(bench.record.commissionings, 'get');
  try {
    expect(byCharger(bench.commissioning.site('Depot Süd'))).toEqual(expected);
    expect(again).not.toHaveBeenCalled();
  } finally {
    again.mockRestore();
  }
}, 60_000);

it('shows a change the bench saved since (the check answered conform), without reading the record', async () => {
  const [row] = bench.record.commissionings.list({ chargerId: 'CP-SITE' });
  const check = checklistItems[0]!;
  await bench.commissioning.setChecklist(row!.id, [{ id: check.id, result: 'conform', value: '0.4', note: '' }]);
  await restart();
  const get = vi.spyOn(bench.record.commissionings, 'get');
  try {
    expect(byCharger(bench.commissioning.site('Depot Süd'))['CP-SITE']).toMatchObject({ failed: [] });
    expect(get).not.toHaveBeenCalled();
  } finally {
    get.mockRestore();
  }
}, 60_000);

it('lists every charger of the site, however many newer commissionings of other chargers the site has', async () => {
  const site = 'Depot Nord';
  const summary = { rule: JUDGING_RULE, address: 'Kai 1', offlinePolicy: null, failed: [], checkedAt: null, signedAt: null, lastRun: null };
  const at = (day: number, s: number) => new Date(Date.UTC(2026, 0, day, 8, 0, s)).toISOString();
  const row = (id: string, chargerId: string, location: string, createdAt: string) => ({
    id,
    chargerId,
    site,
    location,
    state: 'finished',
    verdict: 'incomplete' as const,
    judgedBy: JUDGING_RULE,
    createdAt,
    updatedAt: createdAt,
    summary,
  });
  // A charger commissioned once, in January; then another, re-commissioned 600 times since (a test rig).
  const saves = [bench.record.commissionings.save(row('com-quiet', 'CP-QUIET', 'Bay 9', at(2, 0)), {})];
  for (let i = 0; i < 600; i++) saves.push(bench.record.commissionings.save(row(`com-busy-${String(i).padStart(3, '0')}`, 'CP-BUSY', `Bay 1 (${i})`, at(10, i)), {}));
  await Promise.all(saves);
  const s = bench.commissioning.site(site);
  // Each charger once, by its newest commissioning: the quiet one is not dropped.
  expect(s.chargers.map((c) => [c.chargerId, c.commissioningId, c.location])).toEqual([
    ['CP-BUSY', 'com-busy-599', 'Bay 1 (599)'],
    ['CP-QUIET', 'com-quiet', 'Bay 9'],
  ]);
  expect(s.address).toBe('Kai 1');
}, 60_000);

it('compares no offline policy when fewer than two chargers were checked, and keeps a signed handover beside a newer unfinished commissioning', async () => {
  const site = 'Depot West';
  const signedAt = new Date(Date.UTC(2026, 1, 3, 23, 44, 0)).toISOString();
  const summary = (signed: string | null) => ({ rule: JUDGING_RULE, address: 'Mole 2', offlinePolicy: null, failed: [], checkedAt: signed, signedAt: signed, lastRun: null });
  const row = (id: string, location: string, state: string, createdAt: string, signed: string | null) => ({
    id,
    chargerId: 'CP-WEST',
    site,
    location,
    state,
    verdict: signed ? ('pass' as const) : ('incomplete' as const),
    judgedBy: JUDGING_RULE,
    createdAt,
    updatedAt: createdAt,
    summary: summary(signed),
  });
  await bench.record.commissionings.save(row('com-west-signed', 'Bay 4', 'handedOver', '2026-02-03T20:00:00.000Z', signedAt), {});
  await bench.record.commissionings.save(row('com-west-newer', 'Bay 5', 'ready', '2026-02-04T08:00:00.000Z', null), {});
  const s = bench.commissioning.site(site);
  // The newer commissioning is the charger's row; its signed handover is not lost.
  expect(s.chargers).toEqual([
    expect.objectContaining({ commissioningId: 'com-west-newer', location: 'Bay 5', signedAt: null, signedEarlier: { commissioningId: 'com-west-signed', location: 'Bay 4', signedAt } }),
  ]);
  // The only charger's offline policy was not checked: nothing is compared.
  expect(s.offlinePolicyChecked).toBe(0);
  const page = String(bench.commissioning.siteSummary(site).body);
  expect(page).toContain('The offline policy was checked on no charger yet: nothing is compared.');
  expect(page).not.toMatch(/same offline policy/);
  expect(page).toContain(`Signed ${esc(reportTime(signedAt))} (Bay 4); a newer commissioning, Bay 5, is not finished`);
}, 60_000);
