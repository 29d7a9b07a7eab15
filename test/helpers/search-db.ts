// An in-memory table of frames with the message log's trigram search index, for tests of the log's search
// (the store's scan terms and the index's): `raws[i]` is row i + 1; search_fold is registered as the log does.
// searchWays asks it as each of the log's ways of searching does.
import Database from 'better-sqlite3';
import { afterAll, beforeAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BenchRecord } from '../../src/main/store/record';
import { registerSearchFold, searchIndexQuery, searchIndexedTo } from '../../src/main/store/repositories/message-search';
import { messageWhere } from '../../src/main/store/repositories/message-log';
import { matchesFilter } from '../../src/shared/api/message-filter';
import { waitFor } from './bench';

/** Made before the file's (or describe block's) tests, closed after them; `db()` inside a test. */
export function useSearchDb(raws: readonly string[]): () => Database.Database {
  let db: Database.Database | null = null;
  beforeAll(() => {
    db = new Database(':memory:');
    registerSearchFold(db);
    db.exec(
      "CREATE TABLE messages (id INTEGER PRIMARY KEY, raw TEXT NOT NULL); CREATE VIRTUAL TABLE messages_search USING fts5(raw, content='', contentless_delete=1, tokenize='trigram', detail='none');",
    );
    raws.forEach((raw, i) => {
      db!.prepare('INSERT INTO messages (id, raw) VALUES (?, ?)').run(i + 1, raw);
      db!.prepare('INSERT INTO messages_search (rowid, raw) VALUES (?, ?)').run(i + 1, raw);
    });
  });
  afterAll(() => db?.close());
  return () => {
    if (!db) throw new Error('The search db is made in beforeAll; use it inside a test');
    return db;
  };
}

/**
 * The message log's three ways of searching the rows `useSearchDb(raws)` made, each giving the row numbers
 * it finds: the store's scan (SQL terms), the free-text index's proposals (FTS5 trigram, checked on the frame
 * afterwards: at least what the scan finds) and the live rule (matchesFilter).
 */
export function searchWays(db: () => Database.Database, raws: readonly string[]) {
  return {
    scanned: (search: string): number[] => {
      const { terms, args } = messageWhere({ search });
      return db()
        .prepare(`SELECT id FROM messages WHERE ${terms.join(' AND ')} ORDER BY id`)
        .pluck()
        .all(...args) as number[];
    },
    proposed: (search: string): number[] => db().prepare('SELECT rowid FROM messages_search WHERE messages_search MATCH ? ORDER BY rowid').pluck().all(searchIndexQuery(search)) as number[],
    live: (search: string): number[] =>
      raws.flatMap((raw, i) =>
        matchesFilter({ ts: '2026-03-01T10:00:00.000Z', chargerId: 'CP', direction: 'in', kind: 'CALL', messageId: null, action: null, raw, error: null }, { search }) ? [i + 1] : [],
      ),
  };
}

/**
 * A bench record in a temp data dir holding `raws` as CP-1's incoming CALLs, a second apart, its free-text
 * index built (the writer thread's): made before the tests, closed and removed after; `record()` in a test.
 */
export function useIndexedRecord(name: string, raws: readonly string[]): () => BenchRecord {
  let dataDir = '';
  let record: BenchRecord | null = null;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), `chargebench-${name}-`));
    const r = (record = await BenchRecord.open(dataDir));
    raws.forEach((raw, i) => {
      const [, messageId, action] = JSON.parse(raw) as [number, string, string];
      r.logFrame('CP-1', { direction: 'in', kind: 'CALL', messageId, action, raw, error: null }, new Date(Date.parse('2026-03-01T08:00:00.000Z') + i * 1000).toISOString());
    });
    await r.settled();
    await waitFor(() => searchIndexedTo(r.db) >= raws.length, 20_000);
  });
  afterAll(async () => {
    await record?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return () => {
    if (!record) throw new Error('The record is opened in beforeAll; use it inside a test');
    return record;
  };
}
