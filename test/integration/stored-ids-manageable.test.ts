// Chargers an older bench stored under an id the charge point identity rule now refuses (a space at its
// end or its start, that came percent-encoded) stay manageable: their password and boot policy can be changed
// (PATCH /api/chargers/{id}), they can be registered and deleted. A NEW charger still gets the full rule,
// and a connection under such an id is still refused at the WebSocket upgrade, which the bench says at
// start (GET /api/health notices), naming the charger and why.
import { afterEach, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestBench, upgradeStatus, type TestBench } from '../helpers/bench';
import { seedRecord } from '../helpers/seeded-record';

const dirs: string[] = [];
const benches: TestBench[] = [];
afterEach(async () => {
  for (const b of benches.splice(0)) await b.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const EDGE = 'CP-EDGE ';
const LEAD = ' CP-LEAD';

/** A schema-current record holding chargers under `ids`, as an older bench stored them; then a bench started on it. */
async function benchOn(ids: string[]): Promise<TestBench> {
  const dir = mkdtempSync(join(tmpdir(), 'chargebench-stored-ids-'));
  dirs.push(dir);
  seedRecord(dir, (db) => {
    const at = '2026-01-01T00:00:00.000Z';
    const add = db.prepare('INSERT INTO chargers (id, first_seen, last_seen, registered) VALUES (?, ?, ?, 0)');
    for (const id of ids) add.run(id, at, at);
  });
  const tb = await startTestBench({ dataDir: dir });
  benches.push(tb);
  return tb;
}

const path = (id: string) => `/api/chargers/${encodeURIComponent(id)}`;

it('lets a charger stored under a now-refused id have its password and boot policy changed', async () => {
  const tb = await benchOn([EDGE, LEAD, 'CP-OK']);
  expect(await tb.request('PATCH', path(EDGE), { bootPolicy: 'Pending' })).toMatchObject({ status: 200, body: { id: EDGE, bootPolicy: 'Pending' } });
  expect(await tb.request('PATCH', path(LEAD), { password: 'a-password-of-20-chr' })).toMatchObject({ status: 200, body: { id: LEAD, hasPassword: true } });
  expect(await tb.request('GET', path(LEAD))).toMatchObject({ status: 200, body: { hasPassword: true } });
  // A bad password is still refused, naming the field.
  expect(await tb.request('PATCH', path(EDGE), { password: 'short' })).toMatchObject({ status: 400, body: { field: expect.stringContaining('password') } });
});

it('registers such a charger (the Settings screen registers each locked-out charger so), and deletes it', async () => {
  const tb = await benchOn([EDGE, LEAD, 'CP-OK']);
  expect(await tb.request('POST', '/api/chargers', { id: EDGE })).toMatchObject({ status: 200, body: { id: EDGE, registered: true } });
  expect(await tb.request('POST', '/api/chargers', { id: LEAD, bootPolicy: 'Rejected' })).toMatchObject({ status: 200, body: { id: LEAD, registered: true, bootPolicy: 'Rejected' } });
  expect((await tb.request('DELETE', path(LEAD))).status).toBe(204);
  const ids = ((await tb.request('GET', '/api/chargers')).body as Array<{ id: string }>).map((c) => c.id);
  expect(ids.sort()).toEqual(['CP-EDGE ', 'CP-OK']);
});

it('still refuses a NEW charger under such an id, at registration and at connect', async () => {
  const tb = await benchOn([EDGE]);
  for (const [id, why] of [
    [' NEW-ONE', /must not begin or end with a space/],
    ['CP-NEW ', /must not begin or end with a space/],
  ] as const)
    expect(await tb.request('POST', '/api/chargers', { id }), id).toMatchObject({ status: 400, body: { field: 'id', error: expect.stringMatching(why) } });
  expect(await upgradeStatus(tb.wsUrl(encodeURIComponent(' NEW-ONE')))).toBe(400);
  expect(((await tb.request('GET', '/api/chargers')).body as Array<{ id: string }>).map((c) => c.id)).toEqual([EDGE]);
});

it('says at start which stored chargers are refused at connect and why, and refuses them at connect', async () => {
  const tb = await benchOn([EDGE, LEAD, 'CP-OK']);
  const notices = ((await tb.request('GET', '/api/health')).body as { notices: string[] }).notices;
  const about = (id: string) => notices.filter((n) => n.includes(JSON.stringify(id)));
  expect(about(EDGE)).toEqual([expect.stringContaining('must not begin or end with a space')]);
  expect(about(LEAD)).toEqual([expect.stringContaining('must not begin or end with a space')]);
  expect(about(EDGE)[0]).toMatch(/refuses when a charger connects/);
  expect(notices.filter((n) => n.includes('CP-OK'))).toEqual([]);
  expect(await upgradeStatus(tb.wsUrl(encodeURIComponent(EDGE)))).toBe(400);
  expect(await upgradeStatus(tb.wsUrl(encodeURIComponent(LEAD)))).toBe(400);
  expect(await upgradeStatus(tb.wsUrl('CP-OK'))).toBe(101);
});
