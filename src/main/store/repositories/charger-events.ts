// The charger_events table: what chargers send that is not a frame of their own (DataTransfer, firmware
// and diagnostics progress, security events, CSRs) and the bench's warnings about a charger.
import type { Store, Writes } from '../repository';
import type { ChargerEventRecord, Row } from '../../../shared/records';

export const chargerEventWrites = {
  event: 'INSERT INTO charger_events (charger_id, ts, action, data) VALUES (?, ?, ?, ?)',
} satisfies Writes;

/** What chargers send that is not a frame of their own: DataTransfer, progress, security events, CSRs, warnings. */
export class ChargerEventsRepository {
  constructor(private readonly store: Store) {}

  add(chargerId: string, action: string, data: unknown, ts: string): void {
    this.store.write('event', [chargerId, ts, action, JSON.stringify(data)]);
  }

  list(q: { chargerId?: string; limit?: number } = {}): ChargerEventRecord[] {
    const db = this.store.db;
    const rows = q.chargerId
      ? db.prepare('SELECT * FROM charger_events WHERE charger_id = ? ORDER BY id DESC LIMIT ?').all(q.chargerId, q.limit ?? 100)
      : db.prepare('SELECT * FROM charger_events ORDER BY id DESC LIMIT ?').all(q.limit ?? 100);
    return (rows as Row[]).map((r) => ({ id: r.id, chargerId: r.charger_id, ts: r.ts, action: r.action, data: JSON.parse(r.data) }));
  }
}
