// The operations table: central-system actions sent to chargers, with request, outcome and answer.
import type { Store, Writes } from '../repository';
import type { OperationRecord, Row } from '../../../shared/records';
import { firstIdAtOrAfterIn } from '../message-time';

export const operationWrites = {
  opStart: 'INSERT INTO operations (id, charger_id, action, request, sent_at) VALUES (?, ?, ?, ?, ?)',
  opFinish: 'UPDATE operations SET finished_at = ?, outcome = ?, response = ?, error = ? WHERE id = ?',
  // Apart from opStart, whose parameters an older bench's journal replays as they were.
  opRef: 'UPDATE operations SET ref = ? WHERE id = ?',
} satisfies Writes;

/** Operations: ids allocated here (continuing from the record and the journal) so the call goes out at once. */
export class OperationsRepository {
  private nextId: number;

  constructor(
    private readonly store: Store,
    highestInJournal: number,
  ) {
    const highest = ((store.db.prepare('SELECT MAX(id) AS m FROM operations').get() as Row).m ?? 0) as number;
    this.nextId = Math.max(highest, highestInJournal) + 1;
  }

  /** Records an operation sent at `ts`; `ref`: the caller's name for it, found again by `list({ ref })`. */
  started(chargerId: string, action: string, request: unknown, ts: string, ref?: string): number {
    const id = this.nextId++;
    this.store.write('opStart', [id, chargerId, action, JSON.stringify(request), ts]);
    if (ref !== undefined) this.store.write('opRef', [ref, id]);
    return id;
  }

  finished(id: number, ts: string, outcome: string, response: unknown, error: unknown): void {
    this.store.write('opFinish', [ts, outcome, response === undefined ? null : JSON.stringify(response), error === undefined ? null : JSON.stringify(error), id]);
  }

  /**
   * The answer of the charger's latest completed GetConfiguration (among its last `lookBack` operations)
   * that reported `key`; null when none did.
   */
  lastConfigurationWith(chargerId: string, key: string, lookBack = 5000): unknown {
    const row = this.store.db
      .prepare(
        `SELECT response FROM (SELECT action, outcome, response FROM operations WHERE charger_id = ? ORDER BY id DESC LIMIT ?)
         WHERE action = 'GetConfiguration' AND outcome = 'completed' AND instr(response, ?) > 0 LIMIT 1`,
      )
      .get(chargerId, lookBack, JSON.stringify(key)) as Row | undefined;
    return row ? JSON.parse(row.response) : null;
  }

  /**
   * Newest first: of one charger, of some actions, sent at or after `sentSince`, named `ref` by its caller,
   * the newest `limit` (default 100).
   */
  list(q: { chargerId?: string; actions?: readonly string[]; sentSince?: string; ref?: string; limit?: number } = {}): OperationRecord[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (q.sentSince) {
      // Ids grow with the time they were sent: the first one sent since is found by bisection, and only
      // the rows from it on are read however long the record is.
      const since = new Date(q.sentSince).toISOString();
      const last = ((this.store.db.prepare('SELECT MAX(id) AS m FROM operations').get() as Row).m ?? 0) as number;
      where.push('id >= ?', 'sent_at >= ?');
      args.push(firstIdAtOrAfterIn(this.store.db, { table: 'operations', column: 'sent_at' }, since, 0, last), since);
    }
    if (q.chargerId) {
      where.push('charger_id = ?');
      args.push(q.chargerId);
    }
    if (q.actions?.length) {
      where.push(`action IN (${q.actions.map(() => '?').join(', ')})`);
      args.push(...q.actions);
    }
    if (q.ref !== undefined) {
      where.push('ref = ?');
      args.push(q.ref);
    }
    // A charger's few operations of some actions, by the index that holds them together: the planner would
    // rather step back over all its operations (no sort), a scan of every one on a busy bench. One named by
    // its caller: the few of that name.
    const by = q.ref !== undefined ? 'INDEXED BY operations_by_ref' : q.chargerId && q.actions?.length ? 'INDEXED BY operations_by_action' : '';
    const rows = this.store.db.prepare(`SELECT * FROM operations ${by} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`).all(...args, q.limit ?? 100);
    return (rows as Row[]).map((r) => ({
      id: r.id,
      chargerId: r.charger_id,
      action: r.action,
      request: JSON.parse(r.request),
      sentAt: r.sent_at,
      finishedAt: r.finished_at,
      outcome: r.outcome,
      response: r.response === null ? undefined : JSON.parse(r.response),
      error: r.error === null ? undefined : JSON.parse(r.error),
      ...(r.ref === null || r.ref === undefined ? {} : { ref: r.ref }),
    }));
  }
}
