// A bench record in `dir`, filled by `fill` straight through SQL before a bench opens it: for tests of what an
// older bench left in the record (rows today's rules would not take, or a schema before a migration); and the
// temp dirs and opened records of such a test, removed and closed after each test.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { BenchRecord } from '../../src/main/store/record';
import { databaseFile } from '../../src/main/store/database';
import { migrations } from '../../src/main/store/migrations';

/** `schema`: how many migrations the record has had (the current schema by default; fewer: as the version before one left it). */
export function seedRecord(dir: string, fill: (db: Database.Database) => void, schema = migrations.length): void {
  const db = new Database(databaseFile(dir));
  try {
    db.pragma('journal_mode = WAL');
    for (const m of migrations.slice(0, schema)) db.exec(m);
    db.pragma(`user_version = ${schema}`);
    fill(db);
  } finally {
    db.close();
  }
}

export interface TempRecords {
  /** A new temp data dir (named for the test by `name`). */
  tempDir(): string;
  /** The record in `dir`, opened (closed after the test unless closed before). */
  open(dir: string): Promise<BenchRecord>;
  /** Closes a record `open` gave, before the test ends (e.g. to open it again). */
  close(record: BenchRecord): Promise<void>;
}

/** Temp data dirs and the records opened in them: after each test, every record still open is closed and every dir removed. */
export function useTempRecords(name: string): TempRecords {
  const dirs: string[] = [];
  const records: BenchRecord[] = [];
  afterEach(async () => {
    for (const r of records.splice(0)) await r.close();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  return {
    tempDir: () => {
      const d = mkdtempSync(join(tmpdir(), `chargebench-${name}-`));
      dirs.push(d);
      return d;
    },
    open: async (dir) => {
      const r = await BenchRecord.open(dir);
      records.push(r);
      return r;
    },
    close: async (r) => {
      records.splice(records.indexOf(r), 1);
      await r.close();
    },
  };
}
