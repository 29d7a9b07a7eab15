// The transactions table. Ids are allocated here, in memory, so StartTransaction is answered in the same
// turn; they continue from the highest the record or the journal holds, so no id is handed out twice.
import type { Store, Writes } from '../repository';
import type { Row, TransactionRecord } from '../../../shared/records';
import { finalEnergy } from '../../../shared/api/meter';

export const transactionWrites = {
  txStart: 'INSERT INTO transactions (id, charger_id, connector_id, id_tag, auth_status, reservation_id, meter_start, start_time, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  txStop: 'UPDATE transactions SET meter_stop = ?, stop_time = ?, stop_reason = ?, stop_id_tag = ?, energy_wh = ? - meter_start WHERE id = ?',
  txStopFlagged: 'UPDATE transactions SET meter_stop = ?, stop_time = ?, stop_reason = ?, stop_id_tag = ?, energy_wh = NULL, warning = ? WHERE id = ?',
  // A transaction whose StartTransaction answer could not be recorded (so it was never sent).
  txAbandon: 'UPDATE transactions SET stop_time = ?, stop_reason = ?, warning = ? WHERE id = ? AND stop_time IS NULL',
} satisfies Writes;

export type NewTransaction = Pick<TransactionRecord, 'chargerId' | 'connectorId' | 'idTag' | 'authStatus' | 'reservationId' | 'meterStart' | 'startTime'>;

export class TransactionsRepository {
  private nextId: number;
  private readonly getTx;

  /** `highestInJournal`: the highest id the journal left at start holds (it may be ahead of SQLite). */
  constructor(
    private readonly store: Store,
    highestInJournal: number,
  ) {
    const highest = ((store.db.prepare('SELECT MAX(id) AS m FROM transactions').get() as Row).m ?? 0) as number;
    this.nextId = Math.max(highest, highestInJournal) + 1;
    this.getTx = store.db.prepare('SELECT * FROM transactions WHERE id = ?');
  }

  start(t: NewTransaction, at: string): TransactionRecord {
    const id = this.nextId++;
    this.store.write('txStart', [id, t.chargerId, t.connectorId, t.idTag, t.authStatus, t.reservationId, t.meterStart, t.startTime, at]);
    return { ...t, transactionId: id, meterStop: null, stopTime: null, stopReason: null, stopIdTag: null, energyWh: null, active: true, receivedAt: at };
  }

  /**
   * Records the stop of a running transaction (the caller checked it is the charger's own and running)
   * and returns it as it now stands. Its energy is the shared rule's (finalEnergy): a meterStop below
   * meterStart gives no energy, and a warning.
   */
  stop(tx: TransactionRecord, meterStop: number, stopTime: string, reason: string, stopIdTag: string | null): TransactionRecord {
    const energy = finalEnergy(tx.meterStart, meterStop, 'meterStop');
    if (energy.wh === null) {
      this.store.write('txStopFlagged', [meterStop, stopTime, reason, stopIdTag, energy.warning, tx.transactionId]);
      return { ...tx, meterStop, stopTime, stopReason: reason, stopIdTag, energyWh: null, active: false, warning: energy.warning };
    }
    // txStop works out the same difference in SQL (journals already written replay it by name).
    this.store.write('txStop', [meterStop, stopTime, reason, stopIdTag, meterStop, tx.transactionId]);
    return { ...tx, meterStop, stopTime, stopReason: reason, stopIdTag, energyWh: energy.wh, active: false };
  }

  /** Ends a transaction whose id never reached the charger (its answer could not be recorded, so it was not sent). */
  abandon(id: number, at: string, why: string): void {
    this.store.write('txAbandon', [at, 'Other', why, id]);
  }

  /** Newest first; `beforeId` pages on: only transactions older than that one. */
  list(q: { chargerId?: string; active?: boolean; limit?: number; beforeId?: number } = {}): TransactionRecord[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (q.chargerId) {
      where.push('charger_id = ?');
      args.push(q.chargerId);
    }
    if (q.beforeId !== undefined) {
      where.push('id < ?');
      args.push(q.beforeId);
    }
    if (q.active !== undefined) where.push(q.active ? 'stop_time IS NULL' : 'stop_time IS NOT NULL');
    const sql = `SELECT * FROM transactions ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
    return (this.store.db.prepare(sql).all(...args, q.limit ?? 500) as Row[]).map(toTransaction);
  }

  get(id: number): TransactionRecord | null {
    const r = this.getTx.get(id) as Row | undefined;
    return r ? toTransaction(r) : null;
  }
}

function toTransaction(r: Row): TransactionRecord {
  return {
    transactionId: r.id,
    chargerId: r.charger_id,
    connectorId: r.connector_id,
    idTag: r.id_tag,
    authStatus: r.auth_status,
    reservationId: r.reservation_id,
    meterStart: r.meter_start,
    startTime: r.start_time,
    meterStop: r.meter_stop,
    stopTime: r.stop_time,
    stopReason: r.stop_reason,
    stopIdTag: r.stop_id_tag,
    energyWh: r.energy_wh,
    active: r.stop_time === null,
    ...(r.warning ? { warning: r.warning } : {}),
    receivedAt: r.received_at,
  };
}
