// Retention: what the record recorded before a cut-off goes, a batch at a time through the writer thread
// so it never holds the database for long. The time-ordered logs (frames, meter values, connection
// attempts, status history) are cut by id range, and the sparse index (`chunks`) is trimmed to match.
import { chunkEpochs, epochOf, type Store, type Writes } from './repository';
import type { Row } from '../../shared/records';

export const retentionWrites = {
  // By epoch (migration 11): the chunks of one epoch wholly before the cut, and those of the epoch the cut
  // falls in that straddle it (a chunk of a later epoch reaching back over the cut, which only a record
  // from before the epochs holds, keeps its first id: readers count a range at the start of the log again).
  pruneEpochChunks: 'DELETE FROM chunks WHERE kind = ? AND epoch = ? AND last_id <= ?',
  trimEpochChunks: 'UPDATE chunks SET first_id = ? WHERE kind = ? AND epoch = ? AND first_id < ? AND last_id >= ?',
  // A journal from before the epochs may still hold these.
  pruneChunks: 'DELETE FROM chunks WHERE kind = ? AND key = ? AND last_id <= ?',
  trimChunk: 'UPDATE chunks SET first_id = ? WHERE rowid = ? AND first_id < ?',
} satisfies Writes;

/** Rows deleted per write: the writer thread holds the database only a few ms at a time. */
const PRUNE_BATCH = 5000;

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
  // Chunks wholly before the cut go, an epoch at a time; those that straddle it start after it.
  const nextKind = db.prepare('SELECT kind FROM chunks WHERE kind > ? ORDER BY kind LIMIT 1');
  const kinds: string[] = [];
  for (let k = (nextKind.get(kindPrefix) as Row | undefined)?.kind; k?.startsWith(kindPrefix); k = (nextKind.get(k) as Row | undefined)?.kind) kinds.push(k);
  const cut = range.last;
  for (const kind of kinds) {
    const epochs = chunkEpochs(db, kind);
    if (!epochs) continue;
    for (let epoch = epochs.min; epoch <= Math.min(epochOf(cut), epochs.max); epoch++) {
      if (opts.stop?.()) return;
      store.write('pruneEpochChunks', [kind, epoch, cut]);
      await store.settled();
      await pause(opts.pauseMs);
    }
    store.write('trimEpochChunks', [cut + 1, kind, epochOf(cut), cut + 1, cut + 1]);
    await store.settled();
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
