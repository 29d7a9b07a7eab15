// The bench's SQLite record: one database per data directory, WAL, versioned migrations, checked at
// start. A damaged or foreign file is refused with what to do, never written to.
import Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { migrations } from './migrations';
import { ensureDataDir, makePrivate, RECORD_FILE } from './data-dir';
import type { WriterOptions } from './writer/writer';

export interface OpenOptions extends WriterOptions {
  /** Skip the integrity check at start (benchmarks that reopen a record they just wrote). */
  skipIntegrityCheck?: boolean;
  /**
   * Where the record says what may keep the start waiting (an upgrade of a record written by an earlier
   * version, seconds on a large one), before and after: the console (stderr) by default.
   */
  progress?: (line: string) => void;
}

export type Db = Database.Database;

export const databaseFile = (dataDir: string): string => join(dataDir, RECORD_FILE);

/** The integrity check at start reads at most this much of the file: a bounded check, not a minutes-long one. */
export const INTEGRITY_CHECK_MAX_BYTES = 2 * 1024 ** 3;

export class RecordDamagedError extends Error {
  constructor(file: string, what: string) {
    super(
      `The record ${file} is damaged (${what}). ChargeBench will not write to a damaged record. ` +
        `Keep the file for recovery and start with another --data-dir (or move the data directory aside); ` +
        `to recover what is readable: sqlite3 "${file}" ".recover" | sqlite3 recovered.sqlite`,
    );
    this.name = 'RecordDamagedError';
  }
}

/** The page size of a new record (bytes). */
export const PAGE_SIZE = 16384;

export function openDatabase(dataDir: string, options: OpenOptions = {}): Db {
  ensureDataDir(dataDir);
  const file = databaseFile(dataDir);
  let db: Db;
  try {
    db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (e) {
    throw damagedOr(e, file);
  }
  try {
    makePrivate(file, `${file}-wal`, `${file}-shm`);
    // A new record gets 16 KiB pages (before WAL mode writes its first page; an existing record keeps its
    // own): the writer thread appends frames by the thousand a second, and with pages four times bigger it
    // makes a quarter of the page writes, WAL frames and checkpoint copies (SQLite's CPU per MeterValues
    // exchange 8.8 -> 7.6 µs).
    db.pragma(`page_size = ${PAGE_SIZE}`);
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
    db.pragma('busy_timeout = 5000');
    if (!options.skipIntegrityCheck) checkIntegrity(db, file);
    migrate(db, dataDir, options.progress ?? ((line) => console.error(`chargebench: ${line}`)));
  } catch (e) {
    db.close();
    throw damagedOr(e, file);
  }
  return db;
}

/**
 * SQLite's quick check (every page and b-tree, without cross-checking indexes), which stops at the first
 * few problems. A record bigger than INTEGRITY_CHECK_MAX_BYTES is checked on its schema pages only, so
 * start-up stays within seconds.
 */
function checkIntegrity(db: Db, file: string): void {
  const size = statSync(file).size;
  const rows = size > INTEGRITY_CHECK_MAX_BYTES ? [] : (db.pragma('quick_check(5)') as Array<{ quick_check: string }>);
  if (size > INTEGRITY_CHECK_MAX_BYTES) db.prepare('SELECT COUNT(*) FROM sqlite_schema').get();
  const problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok');
  if (problems.length) throw new RecordDamagedError(file, problems.slice(0, 3).join('; '));
}

function damagedOr(e: unknown, file: string): Error {
  const code = (e as { code?: string }).code ?? '';
  if (e instanceof RecordDamagedError) return e;
  if (code === 'SQLITE_NOTADB') return new RecordDamagedError(file, 'it is not an SQLite database, or its header is overwritten');
  if (code.startsWith('SQLITE_CORRUPT')) return new RecordDamagedError(file, (e as Error).message);
  return e as Error;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies the migrations the record lacks. A record written by an earlier version is said to be upgraded
 * before the work starts and when it is done, with the time taken: a migration may build an index over
 * millions of rows (seconds of silence at start otherwise look like a bench that hung). A new record says nothing.
 */
function migrate(db: Db, dataDir: string, progress: (line: string) => void): void {
  const current = schemaVersion(db);
  if (current > migrations.length) {
    throw new Error(`This record was written by a newer ChargeBench (schema ${current}; this version knows ${migrations.length}). Update ChargeBench or use another --data-dir.`);
  }
  const steps = migrations.length - current;
  const upgrading = current > 0 && steps > 0;
  const started = performance.now();
  if (upgrading) progress(upgradeStartWords(dataDir, current, steps));
  for (let v = current; v < migrations.length; v++) {
    db.transaction(() => {
      db.exec(migrations[v]);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
  if (upgrading) progress(upgradeDoneWords(dataDir, performance.now() - started));
}

/** What the start says before upgrading a record of schema `from` by `steps` migrations. */
export function upgradeStartWords(dataDir: string, from: number, steps: number): string {
  return `Upgrading the record in ${dataDir} from an earlier version of ChargeBench (${steps} step${steps === 1 ? '' : 's'}, schema ${from} to ${from + steps}); this can take a while on a large record…`;
}

/** What the start says once the upgrade is done, with the time it took. */
export function upgradeDoneWords(dataDir: string, ms: number): string {
  return `Upgraded the record in ${dataDir} in ${ms < 1000 ? `${Math.max(1, Math.round(ms))} ms` : `${(ms / 1000).toFixed(1)} s`}.`;
}

export function ingestedSeq(db: Db): number {
  return (db.prepare('SELECT ingested_seq AS s FROM journal_state WHERE id = 1').get() as { s: number }).s;
}
