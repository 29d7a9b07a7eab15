// Retention: what the record recorded before a cut-off goes, a batch at a time through the writer thread
// so it never holds the database for long. The time-ordered logs (frames, meter values, connection
// attempts, status history) are cut by id range, and the sparse index (`chunks`) is trimmed to match.
import type { Store, Writes } from './repository';
import type { Row } from '../../shared/records';

export const retentionWrites = {
  pruneChunks: 'DELETE FROM chunks WHERE kind = ? AND key = ? AND last_id <= ?',
  trimChunk: 'UPDATE chunks SET first_id = ? WHERE rowid = ? AND first_id < ?',
} satisfies Writes;

/** Rows deleted per write: the writer thread holds the database only a few ms at a time. */
const PRUNE_BATCH = 5000;
/** Sparse-index keys looked at per turn of the event loop. */
const PRUNE_KEY_SLICE = 200;

export type PrunedTable = 'messages' | 'meter_values' | 'connection_attempts' | 'status_history';
export interface PruneOptions {
  stop?: () => boolean;
  pauseMs?: number;
}

const pause = (ms = 10): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Deletes rows of a time-ordered table recorded before `cutoff` with `write` (id from, id to, cutoff); returns the ids deleted. */
export async function pruneRows(store: Store, table: PrunedTable, column: string, write: string, cutoff: string, opts: PruneOptions): Promise<{ first: number; last: number } | null> {
  const range = idsBefore(store, table, column, cutoff);
  if (!range) return null;
  for (let from = range.first; from <= range.last; from += PRUNE_BATCH) {
    if (opts.stop?.()) return null;
    store.write(write, [from, Math.min(from + PRUNE_BATCH - 1, range.last), cutoff]);
    await store.settled();
    await pause(opts.pauseMs);
  }
  return range;
}

/** pruneRows for a log with a sparse index, whose chunk kinds start with `kindPrefix` ('message/', 'meter/'). */
export async function pruneLog(store: Store, table: 'messages' | 'meter_values', column: 'ts' | 'received_at', write: string, kindPrefix: string, cutoff: string, opts: PruneOptions): Promise<void> {
  const range = await pruneRows(store, table, column, write, cutoff, opts);
  if (!range) return;
  const db = store.db;
  // Chunks wholly before the cut go; one that straddles it starts after it.
  const lastOld = db.prepare('SELECT 1 FROM chunks WHERE kind = ? AND key = ? AND last_id <= ? LIMIT 1');
  const straddling = db.prepare('SELECT rowid AS r, first_id FROM chunks WHERE kind = ? AND key = ? AND last_id > ? ORDER BY last_id LIMIT 1');
  const nextKey = db.prepare('SELECT key FROM chunks WHERE kind = ? AND key > ? ORDER BY kind, key LIMIT 1');
  const nextKind = db.prepare('SELECT kind FROM chunks WHERE kind > ? ORDER BY kind LIMIT 1');
  const kinds: string[] = [];
  for (let k = (nextKind.get(kindPrefix) as Row | undefined)?.kind; k?.startsWith(kindPrefix); k = (nextKind.get(k) as Row | undefined)?.kind) kinds.push(k);
  for (const kind of kinds) {
    // One index seek per key (a loose index scan) rather than a pass over every chunk.
    let key: string | undefined = '';
    while (key !== undefined) {
      if (opts.stop?.()) return;
      for (let n = 0; n < PRUNE_KEY_SLICE; n++) {
        key = (nextKey.get(kind, key) as Row | undefined)?.key as string | undefined;
        if (key === undefined) break;
        if (lastOld.get(kind, key, range.last)) store.write('pruneChunks', [kind, key, range.last]);
        const s = straddling.get(kind, key, range.last) as Row | undefined;
        if (s && s.first_id <= range.last) store.write('trimChunk', [range.last + 1, s.r, range.last + 1]);
      }
      await store.settled();
      await pause(opts.pauseMs);
    }
  }
}

/**
 * The ids of rows recorded before `cutoff`: from the oldest to the last one before it. The time column
 * has no index; ids grow with it, so a binary search over ids finds the cut in a few seeks.
 */
function idsBefore(store: Store, table: PrunedTable, column: string, cutoff: string): { first: number; last: number } | null {
  const at = store.db.prepare(`SELECT id, ${column} AS t FROM ${table} WHERE id >= ? ORDER BY id LIMIT 1`);
  const oldest = at.get(0) as Row | undefined;
  if (!oldest || !(oldest.t < cutoff)) return null;
  let lo = oldest.id as number;
  let hi = ((store.db.prepare(`SELECT MAX(id) AS m FROM ${table}`).get() as Row).m ?? lo) as number;
  while (lo < hi) {
    const mid = lo + Math.ceil((hi - lo) / 2);
    const r = at.get(mid) as Row | undefined;
    if (r && r.t < cutoff) lo = r.id;
    else hi = mid - 1;
  }
  return { first: oldest.id, last: lo };
}
