// The commissionings list shows each verdict as its page judges it without parsing every whole record (its
// steps, frames and session samples: hundreds of megabytes on the thread that answers the chargers) at each
// call: a verdict judged when saved is listed from its row; a row saved by an older rule of judging is judged
// again from its record once, and kept, also across a restart.
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bench } from '../../../src/main/core/bench';
import { FakeClock } from '../../../src/main/clock';
import { virtualTarget } from '../../../src/main/conformance/virtual';
import { JUDGING_RULE, type StoredCommissioning } from '../../../src/main/commissioning/model';
import { builtInTemplates, checklistItems, SiteJob } from '../../../src/shared/api/commissioning';

let bench: Bench;
let dataDir: string;
let created: StoredCommissioning;
const job = (site: string, location: string) => SiteJob.parse({ site, location, installer: 'A. Person', customer: 'Stadtwerke' });
const clock = new FakeClock(Date.UTC(2026, 2, 1, 9, 0, 0));
const start = () => Bench.start({ dataDir, host: '127.0.0.1', port: 0, ftpPort: 0, clock, face: 'test' } as never);
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'chargebench-list-verdicts-'));
  bench = await start();
  await virtualTarget(bench, 'CP-LIST', 1);
  const { id } = await bench.commissioning.create({ chargerId: 'CP-LIST', job: job('Elsewhere', 'Bay 1'), template: builtInTemplates[0]! });
  created = bench.record.commissionings.get(id) as StoredCommissioning;
}, 60_000);
afterAll(async () => {
  await bench.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A commissioning as the service's create stores it, with no step and its checklist not answered: incomplete, as its page judges it. */
const stored = (id: string): StoredCommissioning => ({ ...created, id, job: job('Depot Nord', id), state: 'finished', steps: [] });
/** `judgedBy`: as this bench saves, with what the summary keeps (how its last run ended: none). */
const row = (c: StoredCommissioning, verdict: string, judgedBy?: number) => ({
  id: c.id,
  chargerId: c.chargerId,
  site: c.job.site,
  location: c.job.location,
  state: c.state,
  verdict,
  ...(judgedBy === undefined ? {} : { judgedBy, summary: { rule: judgedBy, address: '', offlinePolicy: null, failed: [], checkedAt: null, signedAt: null, lastRun: null } }),
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
});
const listed = () => Object.fromEntries(bench.commissioning.list({ site: 'Depot Nord' }).map((c) => [c.id, c.verdict]));

it('lists a verdict judged when saved from its row, and judges a row saved by an older rule once, kept across a restart', async () => {
  // "old": saved before rules of judging were numbered, with a verdict its record no longer bears out.
  await bench.record.commissionings.save(row(stored('old'), 'pass'), stored('old'));
  // "judged": saved as this bench saves, its verdict judged by the rule in force.
  await bench.record.commissionings.save(row(stored('judged'), 'incomplete', JUDGING_RULE), stored('judged'));
  const get = vi.spyOn(bench.record.commissionings, 'get');
  try {
    expect(listed()).toEqual({ old: 'incomplete', judged: 'incomplete' });
    // Read once for both its verdict and how its last run ended (its row keeps no summary either).
    expect(get.mock.calls).toEqual([['old']]);
    // Judged once: the next lists read no record.
    expect(listed()).toEqual({ old: 'incomplete', judged: 'incomplete' });
    expect(get).toHaveBeenCalledTimes(1);
  } finally {
    get.mockRestore();
  }
  await bench.record.settled();
  await bench.stop();
  bench = await start();
  const again = vi.spyOn(bench.record.commissionings, 'get');
  try {
    // The verdict judged again was kept with the row: after a restart no record is read either.
    expect(listed()).toEqual({ old: 'incomplete', judged: 'incomplete' });
    expect(again).not.toHaveBeenCalled();
  } finally {
    again.mockRestore();
  }
  // Each as its page judges it.
  expect(listed()).toEqual({ old: bench.commissioning.get('old').verdict, judged: bench.commissioning.get('judged').verdict });
}, 60_000);

it('lists what a save judged (the checklist answered), without reading the record, after a restart', async () => {
  const answered = checklistItems.map((i) => ({ id: i.id, result: 'conform' as const, value: i.unit ? '1' : '', note: '' }));
  const v = await bench.commissioning.setChecklist('judged', answered);
  expect(v.verdict).toBe('pass');
  await bench.record.settled();
  await bench.stop();
  bench = await start();
  const get = vi.spyOn(bench.record.commissionings, 'get');
  try {
    expect(listed()).toMatchObject({ judged: 'pass' });
    expect(get).not.toHaveBeenCalled();
  } finally {
    get.mockRestore();
  }
}, 60_000);
