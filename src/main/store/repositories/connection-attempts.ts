// The connection_attempts table: every connection accepted, refused (with the reason), replaced or closed.
// Identical refusals in a row are one line, counted (migration 14): a charger retrying a wrong password
// every second would otherwise push every other attempt out of the lists, and grow the record by a line a second.
import type { Store, Writes } from '../repository';
import type { ConnectionAttemptRecord, Row } from '../../../shared/records';

export const connectionAttemptWrites = {
  // One statement, so a journal replays it as it ran. A refusal the same as the newest line of its charger
  // (same address and reason; for no charger id, the newest line from the address) is counted on that line,
  // which moves to the newest id: the list, newest first, and retention (by id and time) stay in time order.
  attempt: `WITH a (ts, charger_id, remote_address, outcome, reason) AS (VALUES (?, ?, ?, ?, ?))
    INSERT INTO connection_attempts (id, ts, charger_id, remote_address, outcome, reason)
    SELECT (
      SELECT last.id FROM connection_attempts last
      WHERE last.id = CASE WHEN a.charger_id IS NOT NULL
          THEN (SELECT c.id FROM connection_attempts c WHERE c.charger_id = a.charger_id ORDER BY c.id DESC LIMIT 1)
          -- Each newest line found by its own index (migration 14), not by walking every line without a charger id.
          ELSE (SELECT c.id FROM connection_attempts c WHERE c.charger_id IS NULL AND c.remote_address IS a.remote_address ORDER BY c.id DESC LIMIT 1)
        END
        AND a.outcome = 'refused' AND last.outcome = 'refused' AND last.reason IS a.reason AND last.remote_address IS a.remote_address
    ), a.ts, a.charger_id, a.remote_address, a.outcome, a.reason FROM a WHERE true
    ON CONFLICT (id) DO UPDATE SET id = (SELECT MAX(id) + 1 FROM connection_attempts), ts = excluded.ts, repeats = repeats + 1, first_ts = COALESCE(first_ts, ts)`,
  pruneAttempts: 'DELETE FROM connection_attempts WHERE id BETWEEN ? AND ? AND ts < ?',
} satisfies Writes;

/** Connections accepted, refused (with the reason), replaced and closed; pruned by time with retention. */
export class ConnectionAttemptsRepository {
  constructor(private readonly store: Store) {}

  /** Records an attempt; a refusal identical to the charger's newest line is counted there. */
  add(ts: string, chargerId: string | null, remoteAddress: string | null, outcome: ConnectionAttemptRecord['outcome'], reason: string | null): void {
    this.store.write('attempt', [ts, chargerId, remoteAddress, outcome, reason]);
  }

  /** The newest lines first (identical refusals in a row are one line: `limit` lines, not attempts). */
  list(limit = 100): ConnectionAttemptRecord[] {
    return (this.store.db.prepare('SELECT * FROM connection_attempts ORDER BY id DESC LIMIT ?').all(limit) as Row[]).map((r) => ({
      id: r.id,
      ts: r.ts,
      chargerId: r.charger_id,
      remoteAddress: r.remote_address,
      outcome: r.outcome,
      reason: r.reason,
      count: r.repeats,
      firstTs: r.first_ts ?? r.ts,
    }));
  }
}
