// Where a time falls in the message log: frames are stamped as they are logged, so their ids grow with
// their times, and the first id at or after a time is found by bisection on the ids: a few dozen row
// lookups however big the log, across the gaps retention leaves. The message log's time filter
// (repositories/message-log.ts) and the mend after an unclean stop (unclean-stop.ts) both use it; the
// operations sent are found the same way by their sent_at (repositories/operations.ts).
import type { Statement } from 'better-sqlite3';
import type { Db } from './database';

type At = Statement<[number], { id: number; ts: string }>;
/** Tables stamped as they are written, whose ids grow with the time in `column`. */
export type TimeOrdered = { table: 'messages'; column: 'ts' } | { table: 'operations'; column: 'sent_at' };
const atStatements = new WeakMap<Db, Map<string, At>>();

/** The smallest id in [lo, hi] of the message log logged at or after `ts` (hi + 1 when there is none). */
export function firstIdAtOrAfter(db: Db, ts: string, lo: number, hi: number): number {
  return firstIdAtOrAfterIn(db, { table: 'messages', column: 'ts' }, ts, lo, hi);
}

/** firstIdAtOrAfter for another time-ordered table (the operations sent, by their sent_at). */
export function firstIdAtOrAfterIn(db: Db, where: TimeOrdered, ts: string, lo: number, hi: number): number {
  let byTable = atStatements.get(db);
  if (!byTable) atStatements.set(db, (byTable = new Map()));
  let at = byTable.get(where.table);
  if (!at) byTable.set(where.table, (at = db.prepare<[number], { id: number; ts: string }>(`SELECT id, ${where.column} AS ts FROM ${where.table} WHERE id >= ? ORDER BY id LIMIT 1`)));
  let a = lo;
  let b = hi + 1;
  while (a < b) {
    const mid = Math.floor((a + b) / 2);
    const r = at.get(mid);
    if (!r || r.id > hi) b = mid;
    else if (r.ts >= ts) b = mid;
    else a = r.id + 1;
  }
  return a;
}
