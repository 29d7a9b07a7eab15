// The connection_attempts table: every connection accepted, refused (with the reason), replaced or closed.
import type { Store, Writes } from '../repository';
import type { ConnectionAttemptRecord, Row } from '../../../shared/records';

export const connectionAttemptWrites = {
  attempt: 'INSERT INTO connection_attempts (ts, charger_id, remote_address, outcome, reason) VALUES (?, ?, ?, ?, ?)',
  pruneAttempts: 'DELETE FROM connection_attempts WHERE id BETWEEN ? AND ? AND ts < ?',
} satisfies Writes;

/** Connections accepted, refused (with the reason), replaced and closed; pruned by time with retention. */
export class ConnectionAttemptsRepository {
  constructor(private readonly store: Store) {}

  add(ts: string, chargerId: string | null, remoteAddress: string | null, outcome: ConnectionAttemptRecord['outcome'], reason: string | null): void {
    this.store.write('attempt', [ts, chargerId, remoteAddress, outcome, reason]);
  }

  list(limit = 100): ConnectionAttemptRecord[] {
    return (this.store.db.prepare('SELECT * FROM connection_attempts ORDER BY id DESC LIMIT ?').all(limit) as Row[]).map((r) => ({
      id: r.id,
      ts: r.ts,
      chargerId: r.charger_id,
      remoteAddress: r.remote_address,
      outcome: r.outcome,
      reason: r.reason,
    }));
  }
}
