// The bench's record, one repository per table behind one class: writes go through the group commit,
// reads are plain queries. Transaction ids are allocated here so StartTransaction can answer in the
// same turn and the row is committed before the answer goes out.
import type { Db } from './database';
import { GroupCommit } from './database';
import type { FrameRecord } from '../rpc/endpoint';
import type {
  BenchSettings,
  BootInfo,
  ChargerView,
  ConnectionAttemptView,
  ConnectorView,
  IdTagEntry,
  MessageView,
  MeterValueView,
  OperationView,
  TransactionView,
} from '../../shared/api/views';
import type { MeterValue, RegistrationStatus, StatusNotificationRequest } from '../../shared/ocpp16';

type Row = Record<string, any>;

const defaultSettings: BenchSettings = { defaultBootStatus: 'Accepted', heartbeatInterval: 300, authorization: 'acceptAll', callTimeout: 30 };

export class BenchRecord {
  readonly commit: GroupCommit;
  private nextTransactionId: number;
  private readonly seen = new Map<string, string>();
  private readonly stmts;

  constructor(readonly db: Db) {
    this.commit = new GroupCommit(db);
    this.nextTransactionId = ((db.prepare('SELECT MAX(id) AS m FROM transactions').get() as Row).m ?? 0) + 1;
    this.stmts = {
      message: db.prepare('INSERT INTO messages (ts, charger_id, direction, kind, message_id, action, raw, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
      chargerSeen: db.prepare(`INSERT INTO chargers (id, first_seen, last_seen) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET last_seen = excluded.last_seen`),
      chargerConnected: db.prepare('UPDATE chargers SET connected = ?, remote_address = COALESCE(?, remote_address) WHERE id = ?'),
      heartbeat: db.prepare('UPDATE chargers SET last_heartbeat = ? WHERE id = ?'),
      boot: db.prepare(`UPDATE chargers SET registration_status = ?, last_boot = ?, vendor = ?, model = ?, charge_point_serial = ?, charge_box_serial = ?,
        firmware_version = ?, iccid = ?, imsi = ?, meter_type = ?, meter_serial = ? WHERE id = ?`),
      connector: db.prepare(`INSERT INTO connectors (charger_id, connector_id, status, error_code, info, vendor_id, vendor_error_code, timestamp, updated_at)
        VALUES (@chargerId, @connectorId, @status, @errorCode, @info, @vendorId, @vendorErrorCode, @timestamp, @at)
        ON CONFLICT(charger_id, connector_id) DO UPDATE SET status = excluded.status, error_code = excluded.error_code, info = excluded.info,
        vendor_id = excluded.vendor_id, vendor_error_code = excluded.vendor_error_code, timestamp = excluded.timestamp, updated_at = excluded.updated_at`),
      statusHistory: db.prepare(`INSERT INTO status_history (charger_id, connector_id, status, error_code, info, vendor_id, vendor_error_code, timestamp, received_at)
        VALUES (@chargerId, @connectorId, @status, @errorCode, @info, @vendorId, @vendorErrorCode, @timestamp, @at)`),
      txStart: db.prepare(`INSERT INTO transactions (id, charger_id, connector_id, id_tag, auth_status, reservation_id, meter_start, start_time, received_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      txStop: db.prepare('UPDATE transactions SET meter_stop = ?, stop_time = ?, stop_reason = ?, stop_id_tag = ?, energy_wh = ? - meter_start WHERE id = ?'),
      meterValue: db.prepare(`INSERT INTO meter_values (charger_id, connector_id, transaction_id, timestamp, value, measurand, phase, unit, context, location, format, received_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      event: db.prepare('INSERT INTO charger_events (charger_id, ts, action, data) VALUES (?, ?, ?, ?)'),
      firmwareStatus: db.prepare('UPDATE chargers SET firmware_status = ? WHERE id = ?'),
      diagnosticsStatus: db.prepare('UPDATE chargers SET diagnostics_status = ? WHERE id = ?'),
      attempt: db.prepare('INSERT INTO connection_attempts (ts, charger_id, remote_address, outcome, reason) VALUES (?, ?, ?, ?, ?)'),
      opStart: db.prepare('INSERT INTO operations (charger_id, action, request, sent_at) VALUES (?, ?, ?, ?)'),
      opFinish: db.prepare('UPDATE operations SET finished_at = ?, outcome = ?, response = ?, error = ? WHERE id = ?'),
      getTx: db.prepare('SELECT * FROM transactions WHERE id = ?'),
    };
  }

  // ---- writes (group-committed) -------------------------------------------------------------

  logFrame(chargerId: string, rec: FrameRecord, ts: string): void {
    this.commit.write(() => this.stmts.message.run(ts, chargerId, rec.direction, rec.kind, rec.messageId, rec.action, rec.raw, rec.error));
    this.touch(chargerId, ts);
  }

  /** last_seen is written once per commit per charger, not once per frame. */
  touch(chargerId: string, ts: string): void {
    const had = this.seen.size;
    this.seen.set(chargerId, ts);
    if (had === 0) {
      this.commit.write(() => {
        for (const [id, at] of this.seen) this.stmts.chargerSeen.run(id, at, at);
        this.seen.clear();
      });
    }
  }

  /** Creates the charger row at once (synchronously), so reads see a charger that is connecting. */
  ensureCharger(chargerId: string, ts: string): void {
    this.stmts.chargerSeen.run(chargerId, ts, ts);
  }

  setConnected(chargerId: string, connected: boolean, remoteAddress: string | null): void {
    this.commit.write(() => this.stmts.chargerConnected.run(connected ? 1 : 0, remoteAddress, chargerId));
  }

  heartbeat(chargerId: string, ts: string): void {
    this.commit.write(() => this.stmts.heartbeat.run(ts, chargerId));
  }

  boot(chargerId: string, status: RegistrationStatus, b: BootInfo, ts: string): void {
    this.commit.write(() =>
      this.stmts.boot.run(status, ts, b.chargePointVendor, b.chargePointModel, b.chargePointSerialNumber ?? null, b.chargeBoxSerialNumber ?? null,
        b.firmwareVersion ?? null, b.iccid ?? null, b.imsi ?? null, b.meterType ?? null, b.meterSerialNumber ?? null, chargerId),
    );
  }

  status(chargerId: string, req: StatusNotificationRequest, at: string): ConnectorView {
    const row = {
      chargerId, connectorId: req.connectorId, status: req.status, errorCode: req.errorCode, info: req.info ?? null, vendorId: req.vendorId ?? null,
      vendorErrorCode: req.vendorErrorCode ?? null, timestamp: req.timestamp ?? null, at,
    };
    this.commit.write(() => {
      this.stmts.connector.run(row);
      this.stmts.statusHistory.run(row);
    });
    return { connectorId: row.connectorId, status: row.status, errorCode: row.errorCode, info: row.info, vendorId: row.vendorId, vendorErrorCode: row.vendorErrorCode, timestamp: row.timestamp, updatedAt: at };
  }

  startTransaction(t: Omit<TransactionView, 'transactionId' | 'meterStop' | 'stopTime' | 'stopReason' | 'stopIdTag' | 'energyWh' | 'active'>, at: string): TransactionView {
    const id = this.nextTransactionId++;
    this.commit.write(() => this.stmts.txStart.run(id, t.chargerId, t.connectorId, t.idTag, t.authStatus, t.reservationId, t.meterStart, t.startTime, at));
    return { ...t, transactionId: id, meterStop: null, stopTime: null, stopReason: null, stopIdTag: null, energyWh: null, active: true };
  }

  /** Records the stop; returns the transaction as it now stands, or null for an unknown id. */
  stopTransaction(id: number, meterStop: number, stopTime: string, reason: string, stopIdTag: string | null, known: TransactionView | null = null): TransactionView | null {
    let tx = known;
    if (!tx) {
      this.commit.flush(); // a start may still be queued
      const row = this.stmts.getTx.get(id) as Row | undefined;
      if (!row) return null;
      tx = toTransaction(row);
    }
    this.commit.write(() => this.stmts.txStop.run(meterStop, stopTime, reason, stopIdTag, meterStop, id));
    return { ...tx, meterStop, stopTime, stopReason: reason, stopIdTag, energyWh: meterStop - tx.meterStart, active: false };
  }

  /** Stores sampled values with the spec's defaults filled in; returns them as stored. */
  meterValues(chargerId: string, connectorId: number, transactionId: number | null, values: MeterValue[], at: string): Omit<MeterValueView, 'id'>[] {
    const rows: Omit<MeterValueView, 'id'>[] = [];
    for (const mv of values) {
      for (const s of mv.sampledValue) {
        rows.push({
          chargerId, connectorId, transactionId, timestamp: mv.timestamp, value: s.value,
          measurand: s.measurand ?? 'Energy.Active.Import.Register', phase: s.phase ?? null,
          unit: s.unit ?? (s.measurand === undefined || s.measurand.startsWith('Energy') ? 'Wh' : null),
          context: s.context ?? 'Sample.Periodic', location: s.location ?? null, format: s.format ?? 'Raw',
        });
      }
    }
    this.commit.write(() => {
      for (const r of rows) this.stmts.meterValue.run(r.chargerId, r.connectorId, r.transactionId, r.timestamp, r.value, r.measurand, r.phase, r.unit, r.context, r.location, r.format, at);
    });
    return rows;
  }

  event(chargerId: string, action: string, data: unknown, ts: string): void {
    this.commit.write(() => this.stmts.event.run(chargerId, ts, action, JSON.stringify(data)));
  }

  firmwareStatus(chargerId: string, status: string): void {
    this.commit.write(() => this.stmts.firmwareStatus.run(status, chargerId));
  }

  diagnosticsStatus(chargerId: string, status: string): void {
    this.commit.write(() => this.stmts.diagnosticsStatus.run(status, chargerId));
  }

  connectionAttempt(ts: string, chargerId: string | null, remoteAddress: string | null, outcome: ConnectionAttemptView['outcome'], reason: string | null): void {
    this.commit.write(() => this.stmts.attempt.run(ts, chargerId, remoteAddress, outcome, reason));
  }

  /** Operations are written at once: they are rare and their id is needed. */
  operationStarted(chargerId: string, action: string, request: unknown, ts: string): number {
    return Number(this.stmts.opStart.run(chargerId, action, JSON.stringify(request), ts).lastInsertRowid);
  }

  operationFinished(id: number, ts: string, outcome: string, response: unknown, error: unknown): void {
    this.stmts.opFinish.run(ts, outcome, response === undefined ? null : JSON.stringify(response), error === undefined ? null : JSON.stringify(error), id);
  }

  // ---- settings, id tags, per-charger policy (rare; written at once) ----------------------------

  settings(): BenchSettings {
    const rows = this.db.prepare('SELECT key, value FROM settings').all() as Row[];
    const s: Row = { ...defaultSettings };
    for (const r of rows) s[r.key] = JSON.parse(r.value);
    return s as BenchSettings;
  }

  saveSettings(patch: Partial<BenchSettings>): BenchSettings {
    const put = this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
    this.db.transaction(() => {
      for (const [k, v] of Object.entries(patch)) if (v !== undefined) put.run(k, JSON.stringify(v));
    })();
    return this.settings();
  }

  setBootPolicy(chargerId: string, policy: RegistrationStatus | null): void {
    this.db.prepare('UPDATE chargers SET boot_policy = ? WHERE id = ?').run(policy, chargerId);
  }

  idTags(): IdTagEntry[] {
    return (this.db.prepare('SELECT * FROM id_tags ORDER BY id_tag').all() as Row[]).map((r) => ({ idTag: r.id_tag, status: r.status, expiryDate: r.expiry_date, parentIdTag: r.parent_id_tag }));
  }

  idTag(idTag: string): IdTagEntry | null {
    const r = this.db.prepare('SELECT * FROM id_tags WHERE id_tag = ?').get(idTag) as Row | undefined;
    return r ? { idTag: r.id_tag, status: r.status, expiryDate: r.expiry_date, parentIdTag: r.parent_id_tag } : null;
  }

  putIdTags(entries: IdTagEntry[], replace: boolean): void {
    const put = this.db.prepare(`INSERT INTO id_tags (id_tag, status, expiry_date, parent_id_tag) VALUES (?, ?, ?, ?)
      ON CONFLICT(id_tag) DO UPDATE SET status = excluded.status, expiry_date = excluded.expiry_date, parent_id_tag = excluded.parent_id_tag`);
    this.db.transaction(() => {
      if (replace) this.db.prepare('DELETE FROM id_tags').run();
      for (const e of entries) put.run(e.idTag, e.status, e.expiryDate ?? null, e.parentIdTag ?? null);
    })();
  }

  deleteIdTag(idTag: string): boolean {
    return this.db.prepare('DELETE FROM id_tags WHERE id_tag = ?').run(idTag).changes > 0;
  }

  // ---- reads -----------------------------------------------------------------------------------

  chargers(): ChargerView[] {
    this.commit.flush();
    const connectors = this.db.prepare('SELECT * FROM connectors ORDER BY charger_id, connector_id').all() as Row[];
    const byCharger = new Map<string, ConnectorView[]>();
    for (const c of connectors) {
      const list = byCharger.get(c.charger_id) ?? [];
      list.push(toConnector(c));
      byCharger.set(c.charger_id, list);
    }
    return (this.db.prepare('SELECT * FROM chargers ORDER BY id').all() as Row[]).map((r) => toCharger(r, byCharger.get(r.id) ?? []));
  }

  charger(id: string): ChargerView | null {
    this.commit.flush();
    const r = this.db.prepare('SELECT * FROM chargers WHERE id = ?').get(id) as Row | undefined;
    if (!r) return null;
    const connectors = (this.db.prepare('SELECT * FROM connectors WHERE charger_id = ? ORDER BY connector_id').all(id) as Row[]).map(toConnector);
    return toCharger(r, connectors);
  }

  messages(q: { chargerId?: string; action?: string; limit?: number; beforeId?: number } = {}): MessageView[] {
    this.commit.flush();
    const where: string[] = [];
    const args: unknown[] = [];
    if (q.chargerId) (where.push('charger_id = ?'), args.push(q.chargerId));
    if (q.action) (where.push('action = ?'), args.push(q.action));
    if (q.beforeId) (where.push('id < ?'), args.push(q.beforeId));
    const sql = `SELECT * FROM messages ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
    return (this.db.prepare(sql).all(...args, q.limit ?? 100) as Row[]).map((r) => ({
      id: r.id, ts: r.ts, chargerId: r.charger_id, direction: r.direction, kind: r.kind, messageId: r.message_id, action: r.action, raw: r.raw, error: r.error,
    }));
  }

  transactions(q: { chargerId?: string; active?: boolean; limit?: number } = {}): TransactionView[] {
    this.commit.flush();
    const where: string[] = [];
    const args: unknown[] = [];
    if (q.chargerId) (where.push('charger_id = ?'), args.push(q.chargerId));
    if (q.active !== undefined) where.push(q.active ? 'stop_time IS NULL' : 'stop_time IS NOT NULL');
    const sql = `SELECT * FROM transactions ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
    return (this.db.prepare(sql).all(...args, q.limit ?? 500) as Row[]).map(toTransaction);
  }

  transaction(id: number): TransactionView | null {
    this.commit.flush();
    const r = this.stmts.getTx.get(id) as Row | undefined;
    return r ? toTransaction(r) : null;
  }

  /** The running transaction of an idTag, if any (for ConcurrentTx). */
  activeTransactionOf(idTag: string): TransactionView | null {
    this.commit.flush();
    const r = this.db.prepare('SELECT * FROM transactions WHERE id_tag = ? AND stop_time IS NULL ORDER BY id DESC LIMIT 1').get(idTag) as Row | undefined;
    return r ? toTransaction(r) : null;
  }

  meterValuesOf(q: { chargerId?: string; transactionId?: number; connectorId?: number; limit?: number }): MeterValueView[] {
    this.commit.flush();
    const where: string[] = [];
    const args: unknown[] = [];
    if (q.chargerId) (where.push('charger_id = ?'), args.push(q.chargerId));
    if (q.transactionId !== undefined) (where.push('transaction_id = ?'), args.push(q.transactionId));
    if (q.connectorId !== undefined) (where.push('connector_id = ?'), args.push(q.connectorId));
    const sql = `SELECT * FROM meter_values ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
    return (this.db.prepare(sql).all(...args, q.limit ?? 1000) as Row[]).map((r) => ({
      id: r.id, chargerId: r.charger_id, connectorId: r.connector_id, transactionId: r.transaction_id, timestamp: r.timestamp, value: r.value,
      measurand: r.measurand, phase: r.phase, unit: r.unit, context: r.context, location: r.location, format: r.format,
    }));
  }

  operations(q: { chargerId?: string; limit?: number } = {}): OperationView[] {
    const rows = q.chargerId
      ? this.db.prepare('SELECT * FROM operations WHERE charger_id = ? ORDER BY id DESC LIMIT ?').all(q.chargerId, q.limit ?? 100)
      : this.db.prepare('SELECT * FROM operations ORDER BY id DESC LIMIT ?').all(q.limit ?? 100);
    return (rows as Row[]).map(toOperation);
  }

  operation(id: number): OperationView | null {
    const r = this.db.prepare('SELECT * FROM operations WHERE id = ?').get(id) as Row | undefined;
    return r ? toOperation(r) : null;
  }

  events(q: { chargerId?: string; limit?: number } = {}): Array<{ id: number; chargerId: string; ts: string; action: string; data: unknown }> {
    this.commit.flush();
    const rows = q.chargerId
      ? this.db.prepare('SELECT * FROM charger_events WHERE charger_id = ? ORDER BY id DESC LIMIT ?').all(q.chargerId, q.limit ?? 100)
      : this.db.prepare('SELECT * FROM charger_events ORDER BY id DESC LIMIT ?').all(q.limit ?? 100);
    return (rows as Row[]).map((r) => ({ id: r.id, chargerId: r.charger_id, ts: r.ts, action: r.action, data: JSON.parse(r.data) }));
  }

  connectionAttempts(limit = 100): ConnectionAttemptView[] {
    this.commit.flush();
    return (this.db.prepare('SELECT * FROM connection_attempts ORDER BY id DESC LIMIT ?').all(limit) as Row[]).map((r) => ({
      id: r.id, ts: r.ts, chargerId: r.charger_id, remoteAddress: r.remote_address, outcome: r.outcome, reason: r.reason,
    }));
  }

  /** Marks every charger disconnected (at start-up: nothing is connected yet). */
  resetConnections(): void {
    this.db.prepare('UPDATE chargers SET connected = 0').run();
  }
}

function toConnector(c: Row): ConnectorView {
  return { connectorId: c.connector_id, status: c.status, errorCode: c.error_code, info: c.info, vendorId: c.vendor_id, vendorErrorCode: c.vendor_error_code, timestamp: c.timestamp, updatedAt: c.updated_at };
}

function toCharger(r: Row, connectors: ConnectorView[]): ChargerView {
  return {
    id: r.id, connected: r.connected === 1, firstSeen: r.first_seen, lastSeen: r.last_seen, lastHeartbeat: r.last_heartbeat, remoteAddress: r.remote_address,
    bootPolicy: r.boot_policy, registrationStatus: r.registration_status, lastBoot: r.last_boot,
    boot: r.vendor === null ? null : strip({
      chargePointVendor: r.vendor, chargePointModel: r.model, chargePointSerialNumber: r.charge_point_serial, chargeBoxSerialNumber: r.charge_box_serial,
      firmwareVersion: r.firmware_version, iccid: r.iccid, imsi: r.imsi, meterType: r.meter_type, meterSerialNumber: r.meter_serial,
    }) as BootInfo,
    firmwareStatus: r.firmware_status, diagnosticsStatus: r.diagnostics_status, connectors,
  };
}

function toTransaction(r: Row): TransactionView {
  return {
    transactionId: r.id, chargerId: r.charger_id, connectorId: r.connector_id, idTag: r.id_tag, authStatus: r.auth_status, reservationId: r.reservation_id,
    meterStart: r.meter_start, startTime: r.start_time, meterStop: r.meter_stop, stopTime: r.stop_time, stopReason: r.stop_reason, stopIdTag: r.stop_id_tag,
    energyWh: r.energy_wh, active: r.stop_time === null,
  };
}

function toOperation(r: Row): OperationView {
  return {
    id: r.id, chargerId: r.charger_id, action: r.action, request: JSON.parse(r.request), sentAt: r.sent_at, finishedAt: r.finished_at, outcome: r.outcome,
    response: r.response === null ? undefined : JSON.parse(r.response), error: r.error === null ? undefined : JSON.parse(r.error),
  };
}

function strip(o: Row): Row {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null));
}
