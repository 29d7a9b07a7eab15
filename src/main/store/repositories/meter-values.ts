// The meter_values table: every sampled value with the spec's defaults filled in. No per-row index by
// charger or transaction (the writer thread's sparse index, `chunks`, finds them); pruned by time.
import type { MeterValue } from '../../../shared/ocpp16';
import { byChunks, type Chunkers, type Store, type Writes } from '../repository';
import type { MeterValueRecord, Row } from '../../../shared/records';

export const meterValueWrites = {
  meterValue: `INSERT INTO meter_values (charger_id, connector_id, transaction_id, timestamp, value, measurand, phase, unit, context, location, format, received_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  pruneMeterValues: 'DELETE FROM meter_values WHERE id BETWEEN ? AND ? AND received_at < ?',
} satisfies Writes;

export const meterValueChunkers: Chunkers = {
  meterValue: [
    ['meter/charger', [0]],
    ['meter/transaction', [2]],
  ],
};

export class MeterValuesRepository {
  constructor(private readonly store: Store) {}

  /** Stores sampled values with the spec's defaults filled in; returns them as stored. */
  add(chargerId: string, connectorId: number, transactionId: number | null, values: MeterValue[], at: string): Array<Omit<MeterValueRecord, 'id'>> {
    const rows: Array<Omit<MeterValueRecord, 'id'>> = [];
    for (const mv of values) {
      for (const s of mv.sampledValue) {
        const r = {
          chargerId,
          connectorId,
          transactionId,
          timestamp: mv.timestamp,
          value: s.value,
          measurand: s.measurand ?? 'Energy.Active.Import.Register',
          phase: s.phase ?? null,
          unit: s.unit ?? (s.measurand === undefined || s.measurand.startsWith('Energy') ? 'Wh' : null),
          context: s.context ?? 'Sample.Periodic',
          location: s.location ?? null,
          format: s.format ?? 'Raw',
        };
        rows.push(r);
        this.store.write('meterValue', [chargerId, connectorId, transactionId, r.timestamp, r.value, r.measurand, r.phase, r.unit, r.context, r.location, r.format, at]);
      }
    }
    return rows;
  }

  /** Meter values, newest first: of a transaction, or of a charger (optionally one connector). */
  of(q: { chargerId?: string; transactionId?: number; connectorId?: number; limit?: number }): MeterValueRecord[] {
    const db = this.store.db;
    const limit = q.limit ?? 1000;
    const max = Number.MAX_SAFE_INTEGER;
    let rows: Row[];
    if (q.transactionId !== undefined) {
      const inRange = db.prepare('SELECT * FROM meter_values WHERE id BETWEEN ? AND ? AND transaction_id = ? ORDER BY id DESC LIMIT ?');
      rows = byChunks(db, 'meter/transaction', String(q.transactionId), max, limit, (a, b, n) => inRange.all(a, b, q.transactionId, n) as Row[]);
      if (q.chargerId) rows = rows.filter((r) => r.charger_id === q.chargerId);
    } else if (q.chargerId) {
      const connector = q.connectorId !== undefined ? 'AND connector_id = ?' : '';
      const extra = q.connectorId !== undefined ? [q.connectorId] : [];
      const inRange = db.prepare(`SELECT * FROM meter_values WHERE id BETWEEN ? AND ? AND charger_id = ? ${connector} ORDER BY id DESC LIMIT ?`);
      rows = byChunks(db, 'meter/charger', q.chargerId, max, limit, (a, b, n) => inRange.all(a, b, q.chargerId, ...extra, n) as Row[]);
    } else {
      rows = db.prepare('SELECT * FROM meter_values ORDER BY id DESC LIMIT ?').all(limit) as Row[];
    }
    return rows.map((r) => ({
      id: r.id,
      chargerId: r.charger_id,
      connectorId: r.connector_id,
      transactionId: r.transaction_id,
      timestamp: r.timestamp,
      value: r.value,
      measurand: r.measurand,
      phase: r.phase,
      unit: r.unit,
      context: r.context,
      location: r.location,
      format: r.format,
    }));
  }
}
