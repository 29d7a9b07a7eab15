// What every repository of the record is given: the reading connection, the write queue (writes by name,
// group-committed on the writer thread), and the clock. A repository declares its writes (SQL by name)
// and, for the high-volume logs, the sparse-index keys of its rows.
import type { Statement } from 'better-sqlite3';
import type { Clock } from '../clock';
import type { Db } from './database';
import type { RecordReader } from './reader/reader';

export interface Store {
  /** This thread's connection: small reads, and reads that must be synchronous. */
  db: Db;
  /** The reader thread: queries that read many rows, off the event loop that answers the chargers. */
  reader: RecordReader;
  /** Queues one write, by name, for the next group commit. */
  write(name: string, params: unknown[]): void;
  /** Runs `fn`, whose writes are recorded all together or (the process killed meanwhile) not at all. */
  writeTogether(fn: () => void): void;
  /** Resolves once every write queued so far is in SQLite. */
  settled(): Promise<void>;
  /** Refuses (503) a write the user asked for while nothing can be recorded. */
  mustBeWritable(): void;
  clock: Clock;
}

/** A repository's writes: SQL by name. */
export type Writes = Record<string, string>;
/** Per write, the sparse-index keys its rows get: [kind, parameter indexes that make the key]. */
export type Chunkers = Record<string, Array<[string, number[]]>>;

/**
 * Ids of a log per epoch of the sparse index: a chunk's epoch is its last id / this (migration 11), and the
 * index is ordered by kind, epoch, key. A reader takes a key's chunks epoch by epoch.
 */
export const CHUNK_EPOCH_IDS = 1 << 15;
export const epochOf = (id: number): number => Math.floor(id / CHUNK_EPOCH_IDS);

type EpochRange = { min: number | null; max: number | null };
const epochRange = new WeakMap<Db, Statement<[string, string], EpochRange>>();

/** The first and last epoch holding chunks of a kind, or null when it has none. */
export function chunkEpochs(db: Db, kind: string): { min: number; max: number } | null {
  let q = epochRange.get(db);
  // Each in its own query: one index seek each (with both in one query SQLite reads every chunk of the kind).
  if (!q) epochRange.set(db, (q = db.prepare<[string, string], EpochRange>('SELECT (SELECT MIN(epoch) FROM chunks WHERE kind = ?) AS min, (SELECT MAX(epoch) FROM chunks WHERE kind = ?) AS max')));
  const r = q.get(kind, kind)!;
  return r.min === null || r.max === null ? null : { min: r.min, max: r.max };
}

/** The id ranges per key (the `chunks` table) newest first, read until `limit` rows are found. */
export function byChunks<T = Record<string, any>>(db: Db, kind: string, key: string, before: number, limit: number, readRange: (first: number, last: number, limit: number) => T[]): T[] {
  const out: T[] = [];
  const epochs = chunkEpochs(db, kind);
  if (!epochs) return out;
  // Newest first: epochs follow last ids, and one key's chunks never overlap.
  const ranges = db.prepare('SELECT first_id, last_id FROM chunks WHERE kind = ? AND epoch = ? AND key = ? AND first_id < ? ORDER BY last_id DESC');
  for (let epoch = epochs.max; epoch >= epochs.min; epoch--) {
    for (const c of ranges.iterate(kind, epoch, key, before) as IterableIterator<{ first_id: number; last_id: number }>) {
      out.push(...readRange(c.first_id, Math.min(c.last_id, before - 1), limit - out.length));
      if (out.length >= limit) return out;
    }
  }
  return out;
}
