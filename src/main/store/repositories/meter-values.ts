// The meter_values table: one row per reading (a MeterValue element: one timestamp, its sampled values),
// the sampled values packed in it as [shape, value, shape, value, ...] where a shape (measurand, phase,
// unit, context, location, format, with the spec's defaults filled in) is a row of meter_shapes, written
// once. A reading of four values is one small row, not four rows each repeating its charger, times and
// the measurand's text: a quarter of the writer's inserts and about a fifth of the bytes. A sampled
// value's id is its reading's id × 1024 + its position. No per-row index by charger or transaction (the
// writer thread's sparse index, `chunks`, finds them); pruned by time.
import type { MeterValue } from '../../../shared/ocpp16';
import { canonicalIsoMillis } from '../../../shared/ocpp16/primitives';
import { byChunks, type Chunkers, type Store, type Writes } from '../repository';
import type { Db } from '../database';
import type { MeterValueRecord, Row } from '../../../shared/records';
import { DEFAULT_SHAPE, SAMPLES_PER_READING, sampledValueView, unpackTime, type MeterReadings, type MeterShape } from '../../../shared/api/meter-readings';
import { JsonText } from '../../json-text';

/** Sampled values one reading row holds at most; a sampled value's id is its row's id × this + its position. */
export const SAMPLES_PER_ROW = SAMPLES_PER_READING;

export const meterValueWrites = {
  meterReading: 'INSERT INTO meter_values (charger_id, connector_id, transaction_id, timestamp, received_at, samples) VALUES (?, ?, ?, ?, ?, ?)',
  meterShape: 'INSERT INTO meter_shapes (id, measurand, phase, unit, context, location, format) VALUES (?, ?, ?, ?, ?, ?, ?)',
  // A journal of an earlier version holds one write per sampled value: the shape is kept inline.
  meterValue: `INSERT INTO meter_values (charger_id, connector_id, transaction_id, timestamp, received_at, samples)
    SELECT c, k, t, ts, r, json_array(json_array(m, p, u, x, l, f), v)
    FROM (SELECT ? AS c, ? AS k, ? AS t, ? AS ts, ? AS v, ? AS m, ? AS p, ? AS u, ? AS x, ? AS l, ? AS f, ? AS r)`,
  pruneMeterValues: 'DELETE FROM meter_values WHERE id BETWEEN ? AND ? AND received_at < ?',
} satisfies Writes;

export const meterValueChunkers: Chunkers = {
  meterReading: [
    ['meter/charger', [0]],
    ['meter/transaction', [2]],
  ],
  meterValue: [
    ['meter/charger', [0]],
    ['meter/transaction', [2]],
  ],
};

/** A shape as a map key (null and '' kept apart). */
const keyOf = (s: MeterShape): string => s.map((v) => (v === null ? '\u0001' : v)).join('\u0000');
/** Shapes of one measurand looked up field by field; a charger that sends more of them is looked up by key. */
const FEW_SHAPES = 16;
/** Whether two shapes are the same (null and '' kept apart). */
const sameShape = (a: MeterShape, b: MeterShape): boolean => a[0] === b[0] && a[1] === b[1] && a[2] === b[2] && a[3] === b[3] && a[4] === b[4] && a[5] === b[5];

/** A time as sent, kept as epoch milliseconds when that gives back the very same text (the usual case). */
export const packTime = (t: string): number | string => {
  const fast = canonicalIsoMillis(t);
  if (fast !== null) return fast;
  const ms = Date.parse(t);
  return Number.isFinite(ms) && new Date(ms).toISOString() === t ? ms : t;
};

/** The shapes of sampled values, by id (meter_shapes); read from `db`, new ones given the next id. */
export class MeterShapes {
  private readonly byId = new Map<number, MeterShape>();
  /** By measurand, the few shapes each has (compared field by field: ten times cheaper than a key string per value). */
  private readonly byMeasurand = new Map<string, Array<[MeterShape, number]>>();
  private readonly byKey = new Map<string, number>();
  private nextId = 1;
  private readonly read;

  constructor(private readonly db: Db) {
    this.read = db.prepare('SELECT * FROM meter_shapes WHERE id > ? ORDER BY id');
    this.refresh();
  }

  /** Reads the shapes written since (another connection's writer may have added some). */
  refresh(): void {
    let last = 0;
    for (const id of this.byId.keys()) last = Math.max(last, id);
    for (const r of this.read.all(last) as Row[]) this.remember(r.id, [r.measurand, r.phase, r.unit, r.context, r.location, r.format]);
  }

  private remember(id: number, s: MeterShape): void {
    this.byId.set(id, s);
    this.byKey.set(keyOf(s), id);
    const same = this.byMeasurand.get(s[0]);
    if (same) same.push([s, id]);
    else this.byMeasurand.set(s[0], [[s, id]]);
    this.nextId = Math.max(this.nextId, id + 1);
  }

  /** The id of a shape; `created` is called with a new one (to be written before what refers to it). */
  idOf(s: MeterShape, created: (id: number) => void): number {
    const same = this.byMeasurand.get(s[0]);
    if (same && same.length <= FEW_SHAPES) {
      for (const [shape, known] of same) if (sameShape(shape, s)) return known;
    } else if (same) {
      const known = this.byKey.get(keyOf(s));
      if (known !== undefined) return known;
    }
    const id = this.nextId;
    this.remember(id, s);
    created(id);
    return id;
  }

  /** Ids handed out continue after `id` (the journal left at start may hold shapes SQLite has not). */
  reserveUpTo(id: number): void {
    this.nextId = Math.max(this.nextId, id + 1);
  }

  get(id: number): MeterShape {
    let s = this.byId.get(id);
    if (!s) {
      this.refresh();
      s = this.byId.get(id);
    }
    return s ?? DEFAULT_SHAPE;
  }
}

/** The sampled values of reading rows, newest first, at most `limit` (those with an id below `beforeId` only, when given). */
export function unpackReadings(rows: Row[], shapes: MeterShapes, limit: number, withReceivedAt = false, beforeId = Infinity): MeterValueRecord[] {
  const out: MeterValueRecord[] = [];
  const shapeOf = (id: number): MeterShape => shapes.get(id);
  for (const r of rows) {
    const packed = JSON.parse(r.samples as string) as Array<number | MeterShape | string>;
    const reading = { id: r.id, chargerId: r.charger_id, connectorId: r.connector_id, transactionId: r.transaction_id, timestamp: unpackTime(r.timestamp) };
    // When the bench received it (its own clock): how old a reading is, whatever the charger's clock says.
    const receivedAt = withReceivedAt ? unpackTime(r.received_at as number | string) : null;
    // The reading a cursor falls in gives its values before the cursor only (the rest came on the page before).
    const first = Math.min(packed.length / 2, beforeId - (r.id as number) * SAMPLES_PER_ROW);
    for (let i = 2 * first - 2; i >= 0 && out.length < limit; i -= 2) {
      const view = sampledValueView(reading, i / 2, packed[i], packed[i + 1] as string, shapeOf);
      out.push(receivedAt === null ? view : { ...view, receivedAt });
    }
    if (out.length >= limit) break;
  }
  return out;
}

/**
 * `withReceivedAt`: each value also says when the bench received its reading. `beforeId`: only values with
 * an id below it (the next page back: the lowest id of the page before).
 */
export type MeterValuesQuery = { chargerId?: string; transactionId?: number; connectorId?: number; limit?: number; withReceivedAt?: boolean; beforeId?: number };

/** Meter values, newest first: of a transaction, or of a charger (optionally one connector); paged back by `beforeId`. */
export function meterValuesOf(db: Db, shapes: MeterShapes, q: MeterValuesQuery): MeterValueRecord[] {
  const limit = q.limit ?? 1000;
  const beforeId = q.beforeId ?? Infinity;
  // The rows holding a value below `beforeId` (a row's values have ids from its id × SAMPLES_PER_ROW up).
  const max = q.beforeId === undefined ? Number.MAX_SAFE_INTEGER : Math.max(0, Math.ceil(q.beforeId / SAMPLES_PER_ROW));
  let rows: Row[];
  // A row holds at least one sampled value: `limit` rows hold at least `limit` values.
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
    rows = db.prepare('SELECT * FROM meter_values WHERE id < ? ORDER BY id DESC LIMIT ?').all(max, limit) as Row[];
  }
  return unpackReadings(rows, shapes, limit, q.withReceivedAt, beforeId);
}

/**
 * A transaction's newest `limit` sampled values as MeterReadings' JSON text: each reading's samples go
 * out as stored (only a reading the limit cuts is written again), with the shapes they name. `limit`
 * readings hold at least `limit` values, so one more tells whether the session holds more.
 */
export function meterReadingsJson(db: Db, shapes: MeterShapes, transactionId: number, limit: number): string {
  const inRange = db.prepare('SELECT id, connector_id, timestamp, samples FROM meter_values WHERE id BETWEEN ? AND ? AND transaction_id = ? ORDER BY id DESC LIMIT ?');
  const rows = byChunks(db, 'meter/transaction', String(transactionId), Number.MAX_SAFE_INTEGER, limit + 1, (a, b, n) => inRange.all(a, b, transactionId, n) as Row[]);
  const used = new Set<number>();
  // Newest first, turned round at the end.
  const readings: string[] = [];
  let values = 0;
  let capped = false;
  for (const r of rows) {
    let samples = r.samples as string;
    let packed = JSON.parse(samples) as Array<number | MeterShape | string>;
    let from = 0;
    const room = limit - values;
    if (room <= 0 || packed.length / 2 > room) {
      capped = true;
      if (room <= 0) break;
      // The newest `room` values of the oldest reading given.
      from = packed.length / 2 - room;
      packed = packed.slice(2 * from);
      samples = JSON.stringify(packed);
    }
    values += packed.length / 2;
    for (let i = 0; i < packed.length; i += 2) if (typeof packed[i] === 'number') used.add(packed[i] as number);
    readings.push(`[${r.id},${r.connector_id},${JSON.stringify(r.timestamp)},${samples}${from ? `,${from}` : ''}]`);
  }
  const shapeText = [...used].map((id) => `"${id}":${JSON.stringify(shapes.get(id))}`).join(',');
  return `{"capped":${capped},"shapes":{${shapeText}},"readings":[${readings.reverse().join(',')}]}`;
}

export class MeterValuesRepository {
  readonly shapes: MeterShapes;

  /** `highestShapeInJournal`: the highest shape id the journal left at start holds (it may be ahead of SQLite). */
  constructor(
    private readonly store: Store,
    highestShapeInJournal = 0,
  ) {
    this.shapes = new MeterShapes(store.db);
    this.shapes.reserveUpTo(highestShapeInJournal);
  }

  /** Stores sampled values with the spec's defaults filled in, a row per reading; returns them as stored. */
  add(chargerId: string, connectorId: number, transactionId: number | null, values: MeterValue[], at: string): Array<Omit<MeterValueRecord, 'id'>> {
    const rows: Array<Omit<MeterValueRecord, 'id'>> = [];
    for (const mv of values) {
      let packed: Array<number | string> = [];
      const timestamp = packTime(mv.timestamp);
      const flush = (): void => {
        if (packed.length) this.store.write('meterReading', [chargerId, connectorId, transactionId, timestamp, at, JSON.stringify(packed)]);
        packed = [];
      };
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
        const shape: MeterShape = [r.measurand, r.phase, r.unit, r.context, r.location, r.format];
        // A new shape is written ahead of the reading row that refers to it (same batch, in order).
        const id = this.shapes.idOf(shape, (created) => this.store.write('meterShape', [created, ...shape]));
        packed.push(id, r.value);
        if (packed.length >= 2 * SAMPLES_PER_ROW) flush();
      }
      flush();
    }
    return rows;
  }

  /** Meter values, newest first: of a transaction, or of a charger (optionally one connector). */
  of(q: MeterValuesQuery): MeterValueRecord[] {
    return meterValuesOf(this.store.db, this.shapes, q);
  }

  /** `of` on the reader thread (a transaction's 100,000 values do not hold the chargers' answers). */
  read(q: MeterValuesQuery): Promise<MeterValueRecord[]> {
    return this.store.reader.query('meterValues', q) as Promise<MeterValueRecord[]>;
  }

  /**
   * `fields` (a transaction) with its newest `limit` values, oldest first, as JSON made on the reader
   * thread: "meterValues":[...] and "meterValuesCapped":true when it holds more. 100,000 values are 24 MB
   * of objects: made and stringified on the bench's thread they would hold the chargers' answers for a
   * quarter of a second.
   */
  async withValuesJson<T extends object>(fields: T, transactionId: number, limit: number): Promise<JsonText<T & { meterValues: MeterValueRecord[]; meterValuesCapped?: true }>> {
    return new JsonText((await this.store.reader.query('transactionMeterValues', { transactionId, limit, fields: JSON.stringify(fields) })) as Uint8Array);
  }

  /** A transaction's newest `limit` sampled values as the record keeps them (meterReadingsJson), made on the reader thread. */
  async readingsJson(transactionId: number, limit: number): Promise<JsonText<MeterReadings>> {
    return new JsonText((await this.store.reader.query('meterReadings', { transactionId, limit })) as Uint8Array);
  }
}
