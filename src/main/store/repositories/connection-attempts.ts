// The connection_attempts table: every connection accepted, refused (with the reason), replaced or closed.
// Identical refusals in a row are one line, counted (migration 14): a charger retrying a wrong password
// every second would otherwise push every other attempt out of the lists, and grow the record by a line a second.
// Connections turned away before the HTTP upgrade (no charger id known) are counted a burst at a time
// (central-system/refusals.ts) on the line of their address and reason.
import type { Store, Writes } from '../repository';
import type { ConnectionAttemptRecord, Row } from '../../../shared/records';

/** How many of an address's newest lines without a charger id a refusal before the HTTP upgrade may be counted on. */
export const RECENT_LINES_GROUPED = 4;

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
  // `n` connections turned away before the HTTP upgrade (over a connection cap, a handshake never finished,
  // TLS on the plain port: no charger id known), the first at first_ts, the last at ts. Counted on the line
  // of the same address and reason among that address's few newest lines without a charger id (found by the
  // partial index of migration 14), so kinds that alternate from one address (a slowloris: over its cap,
  // then its held sockets timing out) stay one line each instead of a line per burst; the line moves to the
  // newest id as `attempt`'s does.
  refusedBeforeUpgrade: `WITH a (ts, first_ts, remote_address, reason, n) AS (VALUES (?, ?, ?, ?, ?))
    INSERT INTO connection_attempts (id, ts, charger_id, remote_address, outcome, reason, repeats, first_ts)
    SELECT (
      SELECT r.id FROM (
        SELECT c.id, c.outcome, c.reason FROM connection_attempts c
        WHERE c.charger_id IS NULL AND c.remote_address IS (SELECT remote_address FROM a) ORDER BY c.id DESC LIMIT ${RECENT_LINES_GROUPED}
      ) r WHERE r.outcome = 'refused' AND r.reason IS a.reason ORDER BY r.id DESC LIMIT 1
    ), a.ts, NULL, a.remote_address, 'refused', a.reason, a.n, CASE WHEN a.n > 1 THEN a.first_ts END FROM a WHERE true
    ON CONFLICT (id) DO UPDATE SET id = (SELECT MAX(id) + 1 FROM connection_attempts), ts = excluded.ts, repeats = repeats + excluded.repeats, first_ts = COALESCE(first_ts, ts)`,
  pruneAttempts: 'DELETE FROM connection_attempts WHERE id BETWEEN ? AND ? AND ts < ?',
} satisfies Writes;

/** Connections accepted, refused (with the reason), replaced and closed; pruned by time with retention. */
export class ConnectionAttemptsRepository {
  constructor(private readonly store: Store) {}

  /** Records an attempt; a refusal identical to the charger's newest line is counted there. */
  add(ts: string, chargerId: string | null, remoteAddress: string | null, outcome: ConnectionAttemptRecord['outcome'], reason: string | null): void {
    this.store.write('attempt', [ts, chargerId, remoteAddress, outcome, reason]);
  }

  /**
   * `count` connections from `remoteAddress` turned away before the HTTP upgrade for `reason`, the first at
   * `firstTs` and the last at `ts`: counted on the line of the same address and reason among its newest.
   */
  addRefusedBeforeUpgrade(ts: string, firstTs: string, remoteAddress: string, reason: string, count: number): void {
    this.store.write('refusedBeforeUpgrade', [ts, firstTs, remoteAddress, reason, count]);
  }

  /**
   * The newest lines first (identical refusals in a row are one line: `limit` lines, not attempts);
   * `beforeId` pages back: only lines with a lower id (the lowest id of the last page).
   */
  list(limit = 100, beforeId?: number): ConnectionAttemptRecord[] {
    const rows = this.store.db.prepare('SELECT * FROM connection_attempts WHERE id < ? ORDER BY id DESC LIMIT ?').all(beforeId ?? Number.MAX_SAFE_INTEGER, limit) as Row[];
    return rows.map((r) => ({
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
