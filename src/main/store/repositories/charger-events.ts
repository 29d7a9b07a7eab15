// The charger_events table: what chargers send that is not a frame of their own (DataTransfer, firmware
// and diagnostics progress, security events, CSRs) and the bench's warnings about a charger.
import type { Store, Writes } from '../repository';
import type { ChargerEventRecord, Row } from '../../../shared/records';

/** How far back from the newest frame the frame of an event is looked for (it is written just before the event: handlers run as their frame is logged). */
const FRAME_REACH = 1000;

export const chargerEventWrites = {
  event: 'INSERT INTO charger_events (charger_id, ts, action, data) VALUES (?, ?, ?, ?)',
  // The event with the id of its frame in the message log at data.frameId (none when it is not found):
  // the newest CALL the charger sent with that message id, queued before the event, so among the newest rows.
  eventOfFrame: `INSERT INTO charger_events (charger_id, ts, action, data)
    SELECT c, t, a, CASE WHEN f IS NULL THEN d ELSE json_set(d, '$.frameId', f) END FROM (SELECT ? AS c, ? AS t, ? AS a, ? AS d,
      (SELECT id FROM messages WHERE id > (SELECT coalesce(max(id), 0) FROM messages) - ${FRAME_REACH} AND charger_id = ? AND message_id = ? AND direction = 'in' AND kind = 'CALL' ORDER BY id DESC LIMIT 1) AS f)`,
} satisfies Writes;

/** What chargers send that is not a frame of their own: DataTransfer, progress, security events, CSRs, warnings. */
export class ChargerEventsRepository {
  constructor(private readonly store: Store) {}

  add(chargerId: string, action: string, data: unknown, ts: string): void {
    this.store.write('event', [chargerId, ts, action, JSON.stringify(data)]);
  }

  /** `add` for an event about a frame the charger sent (its CALL's `messageId`, logged before): the event records the frame's id at data.frameId. */
  addOfFrame(chargerId: string, action: string, data: object, ts: string, messageId: string): void {
    this.store.write('eventOfFrame', [chargerId, ts, action, JSON.stringify(data), chargerId, messageId]);
  }

  /**
   * The newest `limit` (100 without) matching every filter given, newest first: of one charger, of one action
   * (indexed, with or without the charger), holding the bench's warning note, received at or after `from`.
   */
  list(q: { chargerId?: string; action?: string; warning?: boolean; from?: string; limit?: number } = {}): ChargerEventRecord[] {
    const where: string[] = [];
    const args: unknown[] = [];
    const add = (clause: string, ...values: unknown[]) => {
      where.push(clause);
      args.push(...values);
    };
    if (q.chargerId) add('charger_id = ?', q.chargerId);
    if (q.action) add('action = ?', q.action);
    // The note is a string at data.warning (handlers/StopTransaction, MeterValues); data is always JSON the bench wrote.
    if (q.warning !== undefined) add(`${q.warning ? '' : 'NOT '}coalesce(json_type(data, '$.warning') = 'text', 0)`);
    // Stamped in UTC (the bench's clock); a bound may carry any offset.
    if (q.from) add('ts >= ?', new Date(q.from).toISOString());
    const sql = `SELECT * FROM charger_events${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
    const rows = this.store.db.prepare(sql).all(...args, q.limit ?? 100);
    return (rows as Row[]).map(eventOf);
  }

  /**
   * The StopTransactions holding the bench's warning note of each charger of `since` received at or after its
   * time there (the bench's clock, any offset), in one query on the (charger, action) index: only those
   * chargers' stops are read, never every event.
   */
  stopWarningsSince(since: ReadonlyMap<string, string>): ChargerEventRecord[] {
    if (!since.size) return [];
    const from = [...since].map(([chargerId, at]) => ({ c: chargerId, f: new Date(at).toISOString() }));
    const rows = this.store.db
      .prepare(
        `SELECT e.* FROM (SELECT json_extract(value, '$.c') AS c, json_extract(value, '$.f') AS f FROM json_each(?)) AS o
          CROSS JOIN charger_events AS e ON e.charger_id = o.c AND e.action = 'StopTransaction'
          WHERE e.ts >= o.f AND coalesce(json_type(e.data, '$.warning') = 'text', 0) ORDER BY e.id`,
      )
      .all(JSON.stringify(from));
    return (rows as Row[]).map(eventOf);
  }
}

const eventOf = (r: Row): ChargerEventRecord => ({ id: r.id, chargerId: r.charger_id, ts: r.ts, action: r.action, data: JSON.parse(r.data) });
