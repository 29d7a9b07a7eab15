// The message log's reads: every filter, count and page agrees with reading the whole log by hand, in
// every way the record answers (no filter, by charger or action, flagged frames, scans, searches through
// the free-text index where it reaches), with the record's own batches and tiny scan slices; older records
// get the new indexes; the export route streams CSV and JSON; and a CALL's answer is found under the
// CALL's action.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BenchRecord } from '../../src/main/store/record';
import { databaseFile } from '../../src/main/store/database';
import { MessageLog } from '../../src/main/store/repositories/message-log';
import { blockOf, SEARCH_BLOCK, SearchIndexer, searchIndexedTo } from '../../src/main/store/repositories/message-search';
import { csvField } from '../../src/main/core/exports';
import type { MessageFilter } from '../../src/shared/api/contract';
import type { MessageView } from '../../src/shared/api/views';
import { strictCharger, useTestBench, waitFor } from '../helpers/bench';

const chargers = ['CP-A', 'CP-B', 'CP-C', 'CP-D'];
const actions = ['Heartbeat', 'MeterValues', 'StatusNotification', 'Authorize', 'Reset', 'GetConfiguration'];
const start = Date.parse('2026-03-01T08:00:00.000Z');
const at = (i: number) => new Date(start + i * 100).toISOString();

/** A deterministic mix: some chargers busier than others, CALLs and their answers, errors, odd text. */
async function logFrames(record: BenchRecord, n: number): Promise<void> {
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = 0; i < n;) {
    const batch = 1 + Math.floor(rnd() * 120);
    for (let j = 0; j < batch && i < n; j++, i++) {
      const chargerId = chargers[Math.min(3, Math.floor(rnd() * rnd() * 5))];
      const action = actions[Math.floor(rnd() * actions.length)];
      const roll = rnd();
      const messageId = `m${i}`;
      const text = ['50% off', 'a_b', 'ToKeN', 'plain'][i % 4];
      if (roll < 0.03) {
        record.logFrame(chargerId, { direction: 'in', kind: 'INVALID', messageId: null, action: null, raw: `[2, "${messageId}", oops`, error: 'FormationViolation: not JSON' }, at(i));
      } else if (roll < 0.08) {
        record.logFrame(chargerId, { direction: 'out', kind: 'CALLERROR', messageId, action, raw: JSON.stringify([4, messageId, 'NotSupported', text, {}]), error: null }, at(i));
      } else if (roll < 0.5) {
        record.logFrame(
          chargerId,
          {
            direction: roll < 0.3 ? 'in' : 'out',
            kind: 'CALL',
            messageId,
            action,
            raw: JSON.stringify([2, messageId, action, { note: text }]),
            error: roll < 0.1 ? 'TypeConstraintViolation: note' : null,
          },
          at(i),
        );
      } else {
        record.logFrame(chargerId, { direction: roll < 0.75 ? 'out' : 'in', kind: 'CALLRESULT', messageId, action, raw: JSON.stringify([3, messageId, { status: text }]), error: null }, at(i));
      }
    }
    // Write batches of many sizes: the sparse index has one entry per key and batch.
    await record.settled();
  }
}

function matches(m: MessageView, f: MessageFilter, upToId?: number): boolean {
  if (upToId !== undefined && m.id > upToId) return false;
  if (f.chargerId && m.chargerId !== f.chargerId) return false;
  if (f.actions?.length && !f.actions.includes(m.action ?? '')) return false;
  if (f.direction && m.direction !== f.direction) return false;
  if (f.kinds?.length && !f.kinds.includes(m.kind)) return false;
  if (f.errorsOnly && !(m.kind === 'CALLERROR' || m.kind === 'INVALID' || m.error !== null)) return false;
  if (f.from && Date.parse(m.ts) < Date.parse(f.from)) return false;
  if (f.to && Date.parse(m.ts) > Date.parse(f.to)) return false;
  if (f.search && !m.raw.toLowerCase().includes(f.search.toLowerCase())) return false;
  return true;
}

const filters: MessageFilter[] = [
  {},
  { chargerId: 'CP-D' },
  { chargerId: 'CP-A' },
  { chargerId: 'CP-NONE' },
  { actions: ['Reset'] },
  { actions: ['Heartbeat', 'GetConfiguration'] },
  { chargerId: 'CP-B', actions: ['MeterValues'] },
  { direction: 'out' },
  { kinds: ['CALL'] },
  { kinds: ['CALLERROR'] },
  { kinds: ['CALLERROR', 'INVALID'], chargerId: 'CP-C' },
  { errorsOnly: true },
  { errorsOnly: true, actions: ['Reset'] },
  { search: '50%' },
  { search: 'a_b' },
  { search: 'token' },
  { search: '%' },
  { search: 'm1234"' },
  { from: at(500), to: at(1700) },
  { from: at(2500) },
  { to: at(40), chargerId: 'CP-A' },
  { from: '2026-03-01T09:00:05.250+01:00', to: at(900), actions: ['Authorize'] },
  { from: at(900), to: at(100) },
  { search: 'plain', direction: 'in', chargerId: 'CP-A' },
  { search: 'NOTSUPPORTED', chargerId: 'CP-A' },
  { search: 'm2999' },
  { search: '"m1' },
  { search: 'oops', actions: ['Reset'] },
  { search: 'no such text anywhere' },
];

/** Waits until the writer thread's free-text index holds every frame logged. */
async function indexed(record: BenchRecord): Promise<void> {
  const newest = (record.db.prepare('SELECT MAX(id) AS n FROM messages').get() as { n: number }).n;
  await waitFor(() => searchIndexedTo(record.db) >= newest, 20_000);
}

describe('the message log', () => {
  let dataDir: string;
  let record: BenchRecord;
  let all: MessageView[];
  const N = 3000;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'chargebench-log-'));
    record = await BenchRecord.open(dataDir);
    await logFrames(record, N);
    all = await record.messages.page({ limit: 1000 });
    for (let offset = 1000; offset < N; offset += 1000) all.push(...(await record.messages.page({ offset, limit: 1000 })));
    await indexed(record);
  });
  afterAll(async () => {
    await record?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('holds every frame, newest first, with dense ids', () => {
    expect(all).toHaveLength(N);
    expect(all.map((m) => m.id)).toEqual(Array.from({ length: N }, (_, i) => N - i));
  });

  const readers: Array<[string, () => Pick<MessageLog, 'count' | 'page' | 'batches'>]> = [
    [
      'the record',
      () => ({
        count: (f, up, cap) => record.messages.count(f, { upToId: up, cap }),
        page: (f, up, offset, limit) => record.messages.page({ ...f, upToId: up, offset, limit }),
        batches: (f, up) => record.messages.batches(f, up),
      }),
    ],
    ['tiny slices and ranges', () => new MessageLog(record.db, { slice: 97, mergeGap: 5, maxSpan: 40, hitsKept: 3, searchStep: 7 })],
  ];

  for (const [name, reader] of readers) {
    it(`reads every filter as reading the whole log would, through ${name}`, async () => {
      const log = reader();
      for (const f of filters) {
        for (const upToId of [undefined, 2222]) {
          const expected = all.filter((m) => matches(m, f, upToId)).map((m) => m.id);
          const what = JSON.stringify({ f, upToId });
          expect(await log.count(f, upToId, 10_000_000), what).toEqual({ count: expected.length, capped: false, maxId: upToId ?? N });
          for (const offset of [0, 1, 7, Math.floor(expected.length / 2), Math.max(0, expected.length - 3), expected.length + 5]) {
            for (const limit of [1, 10, 250]) {
              const got = (await log.page(f, upToId, offset, limit)).map((m) => m.id);
              expect(got, `${what} offset ${offset} limit ${limit}`).toEqual(expected.slice(offset, offset + limit));
            }
          }
          const exported: number[] = [];
          for await (const batch of log.batches(f, upToId ?? N)) exported.push(...batch.map((m) => m.id));
          expect(exported, what).toEqual([...expected].reverse());
        }
      }
    });
  }

  it('pages from the middle first, then from the top, alike', async () => {
    const log = new MessageLog(record.db, { slice: 50, mergeGap: 5, maxSpan: 40, hitsKept: 3, searchStep: 5 });
    const f: MessageFilter = { direction: 'in', search: 'o' };
    const expected = all.filter((m) => matches(m, f)).map((m) => m.id);
    const mid = Math.floor(expected.length / 2);
    expect((await log.page(f, undefined, mid, 20)).map((m) => m.id)).toEqual(expected.slice(mid, mid + 20));
    expect((await log.page(f, undefined, 3, 20)).map((m) => m.id)).toEqual(expected.slice(3, 23));
    expect((await log.page(f, undefined, expected.length - 1, 20)).map((m) => m.id)).toEqual(expected.slice(-1));
  });

  it('counts a scan up to the cap and says there is more; counts it knows are exact whatever the cap', async () => {
    const direction = all.filter((m) => m.direction === 'out').length;
    expect(await record.messages.count({ direction: 'out' }, { cap: 10 })).toEqual({ count: 10, capped: true, maxId: N });
    expect(await record.messages.count({ direction: 'out' }, { cap: direction })).toEqual({ count: direction, capped: false, maxId: N });
    expect(await record.messages.count({}, { cap: 10 })).toEqual({ count: N, capped: false, maxId: N });
    expect(await record.messages.count({ errorsOnly: true }, { cap: 2 })).toMatchObject({ count: 2, capped: true });
  });

  it('pins the view: frames logged later are neither counted nor paged', async () => {
    const before = await record.messages.count({ chargerId: 'CP-A' });
    record.logFrame('CP-A', { direction: 'in', kind: 'CALL', messageId: 'late', action: 'Heartbeat', raw: '[2,"late","Heartbeat",{}]', error: null }, at(N + 10));
    await record.settled();
    expect(await record.messages.count({ chargerId: 'CP-A' }, { upToId: before.maxId })).toEqual(before);
    expect((await record.messages.page({ chargerId: 'CP-A', upToId: before.maxId, limit: 1 }))[0].id).toBeLessThanOrEqual(before.maxId);
    const now = await record.messages.count({ chargerId: 'CP-A', actions: ['Heartbeat'] });
    expect(now.maxId).toBe(N + 1);
    expect((await record.messages.page({ chargerId: 'CP-A', limit: 1 }))[0].messageId).toBe('late');
  });

  it('reads as before once old frames are pruned (retention), by the views opened before too', async () => {
    const f: MessageFilter = { actions: ['Heartbeat', 'Reset'] };
    const before = await record.messages.count(f);
    await record.pruneBefore(at(1234));
    const left = (await record.messages.page({ limit: 1000 })).concat(await record.messages.page({ offset: 1000, limit: 1000 }));
    expect(left.at(-1)!.ts >= at(1234)).toBe(true);
    const log = new MessageLog(record.db, { slice: 97, mergeGap: 5, maxSpan: 40, hitsKept: 3, searchStep: 7 });
    for (const g of [{}, { chargerId: 'CP-B' }, f, { direction: 'in' as const, search: 'token' }, { errorsOnly: true }]) {
      for (const reader of [log, null]) {
        const expected = left.filter((m) => matches(m, g, before.maxId)).map((m) => m.id);
        const count = reader ? await reader.count(g, before.maxId, 1e7) : await record.messages.count(g, { upToId: before.maxId });
        expect(count.count, JSON.stringify(g)).toBe(expected.length);
        const page = reader ? await reader.page(g, before.maxId, expected.length - 5, 10) : await record.messages.page({ ...g, upToId: before.maxId, offset: expected.length - 5, limit: 10 });
        expect(
          page.map((m) => m.id),
          JSON.stringify(g),
        ).toEqual(expected.slice(-5));
      }
    }
    // The writer thread forgets the pruned frames' trigrams too.
    const oldest = left.at(-1)!.id;
    // A block of the index goes once every frame in it is gone.
    await waitFor(() => (record.db.prepare('SELECT pruned_to AS n FROM messages_search_state').get() as { n: number }).n >= blockOf(oldest) * SEARCH_BLOCK - 1, 20_000);
    expect(record.db.prepare('SELECT COUNT(*) AS n FROM messages_search WHERE rowid < ?').get(blockOf(oldest))).toEqual({ n: 0 });
    expect(record.db.prepare('SELECT COUNT(*) AS n FROM messages_search WHERE rowid = ?').get(blockOf(oldest))).toEqual({ n: 1 });
    expect((record.db.prepare('SELECT COUNT(*) AS n FROM messages_search').get() as { n: number }).n).toBeGreaterThan(0);
  });

  it('uses the partial index for flagged frames, and the covering index for ranges', () => {
    const plan = (sql: string) => (record.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
    expect(plan("SELECT * FROM messages WHERE id BETWEEN 1 AND 9 AND charger_id = 'x' AND (kind IN ('CALLERROR', 'INVALID') OR error IS NOT NULL) ORDER BY id DESC")).toContain('messages_flagged');
    // A key's chunks of one epoch are one seek in the index, in order.
    expect(plan("SELECT first_id, last_id, rows FROM chunks WHERE kind = 'message/action' AND epoch = 0 AND key = 'Reset' AND last_id >= 1 AND first_id <= 9 ORDER BY last_id DESC")).toBe(
      'SEARCH chunks USING COVERING INDEX chunks_by_epoch (kind=? AND epoch=? AND key=? AND last_id>?)',
    );
  });
});

describe('the free-text index', () => {
  const searches: MessageFilter[] = [
    { search: 'token' },
    { search: 'a_b', direction: 'in' },
    { search: '50% off', chargerId: 'CP-B' },
    { search: 'm12' },
    { search: 'm777"' },
    { search: 'oops', actions: ['Reset', 'Heartbeat'] },
    { search: 'NotSupported', kinds: ['CALLERROR'] },
    { search: 'zzz' },
    { search: 'm1\u0000' },
    { search: '   ' },
  ];

  it('finds what it holds and what it does not hold yet alike, wherever it reaches', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'chargebench-log-search-'));
    let db: Database.Database | null = null;
    try {
      const record = await BenchRecord.open(dataDir);
      await logFrames(record, 1500);
      const all = (await record.messages.page({ limit: 1000 })).concat(await record.messages.page({ offset: 1000, limit: 1000 }));
      await record.close();
      // The index built by hand, to chosen frames, on a connection of our own.
      db = new Database(databaseFile(dataDir));
      db.exec("INSERT INTO messages_search (messages_search) VALUES ('delete-all'); UPDATE messages_search_state SET indexed_to = 0, pruned_to = 0;");
      const indexer = new SearchIndexer(db);
      for (const reach of [0, 1, 700, 1499, 1500]) {
        while (searchIndexedTo(db) < reach) indexer.step(Math.min(100, reach - searchIndexedTo(db)));
        for (const f of searches) {
          const expected = all.filter((m) => matches(m, f)).map((m) => m.id);
          const what = JSON.stringify({ f, reach });
          for (const tuning of [undefined, { slice: 97, mergeGap: 5, maxSpan: 40, hitsKept: 3, searchStep: 7 }]) {
            const log = new MessageLog(db, tuning);
            expect((await log.count(f, undefined, 1e7)).count, what).toBe(expected.length);
            for (const offset of [0, 3, Math.floor(expected.length / 2), Math.max(0, expected.length - 2)]) {
              expect(
                (await log.page(f, undefined, offset, 10)).map((m) => m.id),
                `${what} offset ${offset}`,
              ).toEqual(expected.slice(offset, offset + 10));
            }
          }
        }
      }
      expect(indexer.step(100)).toBe(false);
    } finally {
      db?.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('pages exactly what it counted while the index finishes a block it was part-way through', async () => {
    // Frames 688-703 are one block of the index. It is indexed up to 700 (no match there yet) when the
    // view is counted; then the rest of the block, which matches, is indexed before the view is paged.
    const dataDir = mkdtempSync(join(tmpdir(), 'chargebench-log-block-'));
    let db: Database.Database | null = null;
    try {
      const record = await BenchRecord.open(dataDir);
      const hit = (id: number) => id < 688 || (id >= 701 && id <= 703);
      for (let id = 1; id <= 720; id++) {
        const note = hit(id) ? 'needle' : 'plain';
        record.logFrame(
          'CP-A',
          { direction: 'in', kind: 'CALL', messageId: `b${id}`, action: 'DataTransfer', raw: JSON.stringify([2, `b${id}`, 'DataTransfer', { data: note }]), error: null },
          at(id),
        );
      }
      await record.settled();
      const all = (await record.messages.page({ limit: 1000 })).map((m) => m.id);
      await record.close();
      db = new Database(databaseFile(dataDir));
      db.exec("INSERT INTO messages_search (messages_search) VALUES ('delete-all'); UPDATE messages_search_state SET indexed_to = 0, pruned_to = 0;");
      const indexer = new SearchIndexer(db);
      while (searchIndexedTo(db) < 700) indexer.step(Math.min(50, 700 - searchIndexedTo(db)));
      expect(blockOf(700)).toBe(blockOf(703));
      const expected = all.filter(hit);
      const log = new MessageLog(db, { slice: 97, mergeGap: 5, maxSpan: 40, hitsKept: 3, searchStep: 7 });
      expect((await log.count({ search: 'needle' }, undefined, 1e7)).count).toBe(expected.length);
      while (indexer.step(50));
      const paged: number[] = [];
      for (let offset = 0; offset < expected.length; offset += 5) paged.push(...(await log.page({ search: 'needle' }, undefined, offset, 5)).map((m) => m.id));
      expect(paged).toEqual(expected);
    } finally {
      db?.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('finds frames logged a moment ago, and after a restart, and the writer thread indexes them', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'chargebench-log-search-'));
    const needle = (id: string) => ({
      direction: 'in' as const,
      kind: 'CALL' as const,
      messageId: id,
      action: 'DataTransfer',
      raw: JSON.stringify([2, id, 'DataTransfer', { data: `Needle ${id}` }]),
      error: null,
    });
    let record = await BenchRecord.open(dataDir);
    try {
      await logFrames(record, 300);
      await indexed(record);
      record.logFrame('CP-A', needle('n-1'), at(301));
      await record.settled();
      expect((await record.messages.page({ search: 'needle' })).map((m) => m.messageId)).toEqual(['n-1']);
      await record.close();
      record = await BenchRecord.open(dataDir);
      record.logFrame('CP-B', needle('n-2'), at(302));
      await record.settled();
      expect((await record.messages.page({ search: 'NEEDLE n-' })).map((m) => m.messageId)).toEqual(['n-2', 'n-1']);
      await indexed(record);
      const held = record.db.prepare('SELECT rowid FROM messages_search WHERE messages_search MATCH ? ORDER BY rowid').pluck(true).all('"eed" AND "le "') as number[];
      // Frames 301 and 302 are in one block of the index (ids 288-303), which holds both.
      expect(held).toEqual([blockOf(301)]);
      expect(blockOf(302)).toBe(blockOf(301));
      expect((await record.messages.page({ search: 'needle n-2' })).map((m) => m.messageId)).toEqual(['n-2']);
    } finally {
      await record.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('a record written before frames were indexed by action', () => {
  it('indexes its frames by action when opened', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'chargebench-log-old-'));
    try {
      let record = await BenchRecord.open(dataDir);
      await logFrames(record, 400);
      const expected = await record.messages.count({ actions: ['Reset', 'Heartbeat'] });
      await record.close();
      // Back to schema 2: no action chunks, the old index, no partial index.
      const db = new Database(databaseFile(dataDir));
      db.exec(
        "DELETE FROM chunks WHERE kind = 'message/action'; DROP INDEX messages_flagged; DROP INDEX chunks_by_epoch; ALTER TABLE chunks DROP COLUMN epoch; CREATE INDEX chunks_by_key ON chunks (kind, key, last_id); ALTER TABLE transactions DROP COLUMN warning; ALTER TABLE chargers DROP COLUMN virtual; DROP TABLE test_runs; DROP TABLE commissionings; DROP TABLE commissioning_photos; DROP TABLE commissioning_templates; DROP TABLE commissioning_sites; DROP TABLE messages_search; DROP TABLE messages_search_state; DROP TABLE virtual_charger_queue; DROP INDEX connection_attempts_by_charger; DROP INDEX connection_attempts_without_charger; ALTER TABLE connection_attempts DROP COLUMN repeats; ALTER TABLE connection_attempts DROP COLUMN first_ts; ALTER TABLE chargers DROP COLUMN heartbeat_interval; ALTER TABLE chargers DROP COLUMN heartbeat_interval_how; ALTER TABLE chargers DROP COLUMN heartbeat_interval_at; ALTER TABLE chargers DROP COLUMN firmware_status_at; ALTER TABLE chargers DROP COLUMN diagnostics_status_at; ALTER TABLE chargers DROP COLUMN admission_change; ALTER TABLE chargers DROP COLUMN admission_change_at; ALTER TABLE chargers DROP COLUMN registered_at; ALTER TABLE chargers DROP COLUMN either_password; ALTER TABLE chargers DROP COLUMN either_words; DROP INDEX operations_by_ref; ALTER TABLE operations DROP COLUMN ref; DROP INDEX charger_events_by_action; DROP INDEX charger_events_by_charger_action; PRAGMA user_version = 2;",
      );
      // ... and meter values a row per sampled value, as before migration 8.
      db.exec(
        'DROP TABLE meter_shapes; DROP TABLE meter_values; CREATE TABLE meter_values (id INTEGER PRIMARY KEY, charger_id TEXT NOT NULL, connector_id INTEGER NOT NULL, transaction_id INTEGER, timestamp TEXT NOT NULL, value TEXT NOT NULL, measurand TEXT NOT NULL, phase TEXT, unit TEXT, context TEXT NOT NULL, location TEXT, format TEXT NOT NULL, received_at TEXT NOT NULL);',
      );
      db.close();
      record = await BenchRecord.open(dataDir);
      expect(await record.messages.count({ actions: ['Reset', 'Heartbeat'] })).toEqual(expected);
      expect(expected.count).toBeGreaterThan(50);
      await record.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('the message log through serve mode', () => {
  const tb = useTestBench();
  const call = (method: string, args: unknown) => tb.request('POST', `/api/call/${method}`, args);
  const download = (query: string, headers: Record<string, string> = { Authorization: `Bearer ${tb.token}` }) => fetch(`http://127.0.0.1:${tb.apiPort}/api/messages/export?${query}`, { headers });

  beforeAll(async () => {
    const cp = await strictCharger(tb.wsUrl(), 'CP-LOG');
    cp.client.handle('GetConfiguration', () => ({ configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '300' }] }));
    await cp.connect();
    await cp.client.call('BootNotification', { chargePointVendor: 'Vendor, "Quoted"', chargePointModel: 'M' });
    await cp.client.call('Heartbeat', {});
    await waitFor(() => tb.bench.centralSystem.isConnected('CP-LOG'));
    const result = await call('chargers:operate', { chargerId: 'CP-LOG', action: 'GetConfiguration', payload: { key: ['HeartbeatInterval'] } });
    expect(result.body).toMatchObject({ outcome: 'completed' });
    await cp.client.close();
  });

  it("finds a CALL's answer under the CALL's action, both ways", async () => {
    const get = await call('messages:page', { actions: ['GetConfiguration'] });
    expect(get.body.map((m: MessageView) => [m.kind, m.direction])).toEqual([
      ['CALLRESULT', 'in'],
      ['CALL', 'out'],
    ]);
    const boot = await call('messages:page', { actions: ['BootNotification'], chargerId: 'CP-LOG' });
    expect(boot.body.map((m: MessageView) => [m.kind, m.direction])).toEqual([
      ['CALLRESULT', 'out'],
      ['CALL', 'in'],
    ]);
    expect((await call('messages:count', { filter: { actions: ['BootNotification', 'Heartbeat'] } })).body).toMatchObject({ count: 4, capped: false });
    expect((await call('messages:count', { filter: { direction: 'sideways' } })).body).toMatchObject({ field: 'filter.direction' });
  });

  it('exports CSV as a download, each field quoted as it must be', async () => {
    const res = await download(`format=csv&filter=${encodeURIComponent(JSON.stringify({ chargerId: 'CP-LOG' }))}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="chargebench-log-CP-LOG-\d{8}-\d{6}Z\.csv"$/);
    const text = await res.text();
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('id,time,charger,direction,kind,messageId,action,error,raw');
    expect(lines.at(-1)).toBe('');
    expect(lines).toHaveLength(1 + 6 + 1);
    const boot = (await call('messages:page', { actions: ['BootNotification'], kinds: ['CALL'] })).body[0] as MessageView;
    expect(lines[1]).toBe([boot.id, boot.ts, 'CP-LOG', 'in', 'CALL', boot.messageId, 'BootNotification', '', csvField(boot.raw)].join(','));
    expect(lines[1]).toContain('"[2,""');
  });

  it('exports JSON with each payload read, the token in the query for a plain link', async () => {
    const res = await download(`format=json&token=${tb.token}&filter=${encodeURIComponent(JSON.stringify({ actions: ['GetConfiguration'] }))}`, {});
    expect(res.status).toBe(200);
    const frames = (await res.json()) as Array<MessageView & { payload: unknown }>;
    expect(frames.map((m) => m.kind)).toEqual(['CALL', 'CALLRESULT']);
    expect(frames[0].payload).toEqual({ key: ['HeartbeatInterval'] });
    expect(frames[1].payload).toEqual({ configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '300' }] });
    const empty = await download(`format=json&filter=${encodeURIComponent(JSON.stringify({ chargerId: 'nobody' }))}`);
    expect(await empty.json()).toEqual([]);
  });

  it('refuses a missing token and a bad query, naming the field', async () => {
    expect((await download('format=csv', {})).status).toBe(401);
    expect(await (await download('format=xml')).json()).toMatchObject({ field: 'format' });
    expect(await (await download('format=csv&filter=%7Bnope')).json()).toMatchObject({ field: 'filter' });
    expect(await (await download(`format=csv&filter=${encodeURIComponent('{"kinds":["PING"]}')}`)).json()).toMatchObject({ field: 'filter.kinds.0' });
  });
});

describe('CSV fields', () => {
  it('quotes commas, quotes and line breaks, and defuses formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField(null)).toBe('');
    expect(csvField(12)).toBe('12');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
  });
});
