// The bench's record, one repository per table behind one class. Writes are data (statement +
// parameters) queued on the group-commit writer thread; reads are plain queries on this thread's own
// connection, made after `settled()` where they must see the latest writes. Transaction and operation
// ids are allocated here so a handler can answer in the same turn.
import type { MessageFilter } from '../../shared/api/contract';
import { defaultSettings } from '../../shared/api/settings';
import type { Db, OpenOptions } from './database';
import { databaseFile, ingestedSeq, openDatabase } from './database';
import { GroupCommitWriter, type WriterProblem } from './writer';
import { DataDirLock, ensureDataDir } from './data-dir';
import { plainSecrets, type SecretCodec } from './secrets';
import { systemClock, type Clock } from '../../shared/clock';
import { BenchError } from '../errors';
import { MessageLog } from './message-log';
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


export interface RecordOptions extends OpenOptions {
  /** Who holds the data directory, named to a second process that tries to open it. */
  face?: string;
  secrets?: SecretCodec;
  /** The time of what the record stamps itself (registrations). */
  clock?: Clock;
}

const dataDirOf = (dataDir: string): string => (ensureDataDir(dataDir), dataDir);

/** What keeps the record from being written, in words that say what to do; shared by the console, the API and the UI. */
export function recordProblemText(problem: WriterProblem | null, dataDir: string): string {
  if (!problem) return `Recording normally in ${dataDir}.`;
  switch (problem.kind) {
    case 'diskFull':
      return `No space left on the disk holding the data directory ${dataDir}. The bench cannot record, so it answers chargers with InternalError and takes no new work; nothing it answered before is lost. Free disk space there (at least 100 MB): recording resumes by itself, no restart needed.`;
    case 'journalFailed':
      return `The bench cannot write its journal in ${dataDir} (${problem.error}). It answers chargers with InternalError and takes no new work until it can; nothing it answered before is lost. Check that the directory is writable; recording resumes by itself.`;
    case 'recordStalled':
      return `SQLite cannot take new records in ${dataDir} (${problem.code}: ${problem.error}). Everything answered is safe in the journal and goes into the record by itself once SQLite can write again.`;
    case 'writerRestarting':
      return `The record's writer thread stopped and is being started again (${problem.error}). Everything answered is safe in the journal.`;
  }
}


type PrunedTable = 'messages' | 'meter_values' | 'connection_attempts' | 'status_history';
const pause = (ms = 10): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Rows deleted per write when pruning: the writer thread holds the database only a few ms at a time. */
const PRUNE_BATCH = 5000;
/** Sparse-index keys looked at per turn of the event loop when pruning. */
const PRUNE_KEY_SLICE = 200;

/** Every write the bench makes, by name; the writer thread prepares them once. */
const writes = {
  message: 'INSERT INTO messages (ts, charger_id, direction, kind, message_id, action, raw, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  chargerSeen: 'INSERT INTO chargers (id, first_seen, last_seen) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET last_seen = excluded.last_seen',
  chargerConnected: 'UPDATE chargers SET connected = ?, remote_address = COALESCE(?, remote_address) WHERE id = ?',
  heartbeat: 'UPDATE chargers SET last_heartbeat = ? WHERE id = ?',
  boot: `UPDATE chargers SET registration_status = ?, last_boot = ?, vendor = ?, model = ?, charge_point_serial = ?, charge_box_serial = ?,
    firmware_version = ?, iccid = ?, imsi = ?, meter_type = ?, meter_serial = ? WHERE id = ?`,
  connector: `INSERT INTO connectors (charger_id, connector_id, status, error_code, info, vendor_id, vendor_error_code, timestamp, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT(charger_id, connector_id) DO UPDATE SET status = excluded.status, error_code = excluded.error_code, info = excluded.info,
    vendor_id = excluded.vendor_id, vendor_error_code = excluded.vendor_error_code, timestamp = excluded.timestamp, updated_at = excluded.updated_at`,
  statusHistory: `INSERT INTO status_history (charger_id, connector_id, status, error_code, info, vendor_id, vendor_error_code, timestamp, received_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  txStart: 'INSERT INTO transactions (id, charger_id, connector_id, id_tag, auth_status, reservation_id, meter_start, start_time, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  txStop: 'UPDATE transactions SET meter_stop = ?, stop_time = ?, stop_reason = ?, stop_id_tag = ?, energy_wh = ? - meter_start WHERE id = ?',
  meterValue: `INSERT INTO meter_values (charger_id, connector_id, transaction_id, timestamp, value, measurand, phase, unit, context, location, format, received_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  event: 'INSERT INTO charger_events (charger_id, ts, action, data) VALUES (?, ?, ?, ?)',
  firmwareStatus: 'UPDATE chargers SET firmware_status = ? WHERE id = ?',
  diagnosticsStatus: 'UPDATE chargers SET diagnostics_status = ? WHERE id = ?',
  attempt: 'INSERT INTO connection_attempts (ts, charger_id, remote_address, outcome, reason) VALUES (?, ?, ?, ?, ?)',
  opStart: 'INSERT INTO operations (id, charger_id, action, request, sent_at) VALUES (?, ?, ?, ?, ?)',
  opFinish: 'UPDATE operations SET finished_at = ?, outcome = ?, response = ?, error = ? WHERE id = ?',
  setting: 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  bootPolicy: 'UPDATE chargers SET boot_policy = ? WHERE id = ?',
  idTagPut: `INSERT INTO id_tags (id_tag, status, expiry_date, parent_id_tag) VALUES (?, ?, ?, ?)
    ON CONFLICT(id_tag) DO UPDATE SET status = excluded.status, expiry_date = excluded.expiry_date, parent_id_tag = excluded.parent_id_tag`,
  idTagsClear: 'DELETE FROM id_tags',
  idTagDelete: 'DELETE FROM id_tags WHERE id_tag = ?',
  allDisconnected: 'UPDATE chargers SET connected = 0',
  // Journal entries name writes by position: new writes go at the end, so a journal left by an older
  // version replays onto the right statements.
  chargerRegister: 'INSERT INTO chargers (id, first_seen, last_seen, registered) VALUES (?, ?, ?, 1) ON CONFLICT(id) DO UPDATE SET registered = 1',
  chargerPassword: 'UPDATE chargers SET password = ? WHERE id = ?',
  chargerDelete: 'DELETE FROM chargers WHERE id = ?',
  chargerConnectorsDelete: 'DELETE FROM connectors WHERE charger_id = ?',
  virtualChargerPut: `INSERT INTO virtual_chargers (id, created_at, definition, state) VALUES (?, ?, ?, ?)
    ON CONFLICT(id) DO UPDATE SET definition = excluded.definition, state = excluded.state`,
  virtualChargerState: 'UPDATE virtual_chargers SET state = ? WHERE id = ?',
  virtualChargerDelete: 'DELETE FROM virtual_chargers WHERE id = ?',
  // Retention: the time test guards against a clock that went backwards within the id range.
  pruneMessages: 'DELETE FROM messages WHERE id BETWEEN ? AND ? AND ts < ?',
  pruneMeterValues: 'DELETE FROM meter_values WHERE id BETWEEN ? AND ? AND received_at < ?',
  pruneChunks: 'DELETE FROM chunks WHERE kind = ? AND key = ? AND last_id <= ?',
  trimChunk: 'UPDATE chunks SET first_id = ? WHERE rowid = ? AND first_id < ?',
  // A transaction whose StartTransaction answer could not be recorded (so it was never sent).
  txAbandon: 'UPDATE transactions SET stop_time = ?, stop_reason = ?, warning = ? WHERE id = ? AND stop_time IS NULL',
  txStopFlagged: 'UPDATE transactions SET meter_stop = ?, stop_time = ?, stop_reason = ?, stop_id_tag = ?, energy_wh = NULL, warning = ? WHERE id = ?',
  pruneAttempts: 'DELETE FROM connection_attempts WHERE id BETWEEN ? AND ? AND ts < ?',
  pruneStatusHistory: 'DELETE FROM status_history WHERE id BETWEEN ? AND ? AND received_at < ?',
  pruneChargers: `DELETE FROM chargers WHERE registered = 0 AND password IS NULL AND boot_policy IS NULL AND connected = 0 AND last_seen < ?
    AND id NOT IN (SELECT charger_id FROM transactions) AND id NOT IN (SELECT id FROM virtual_chargers)`,
  pruneOrphanConnectors: 'DELETE FROM connectors WHERE charger_id NOT IN (SELECT id FROM chargers)',
} as const;
type WriteName = keyof typeof writes;
const writeNames = Object.keys(writes) as WriteName[];
const writeIndex = Object.fromEntries(writeNames.map((n, i) => [n, i])) as Record<WriteName, number>;

export class BenchRecord {
  private nextTransactionId: number;
  private nextOperationId: number;
  private readonly seen = new Map<string, string>();
  private seenFlushedAt = 0;
  private readonly getTx;

  /** Opens the record in `dataDir`: migrations, then whatever a killed process left in the journal. */
  static async open(dataDir: string, options: RecordOptions = {}): Promise<BenchRecord> {
    const lock = DataDirLock.acquire(dataDirOf(dataDir), options.face ?? 'another ChargeBench', options.nativeBinding);
    let db: Db;
    try {
      db = openDatabase(dataDir, options);
    } catch (e) {
      lock.release();
      throw e;
    }
    const chunkers: Record<number, Array<[string, number[]]>> = {
      [writeIndex.message]: [['message/charger', [1]], ['message/action', [5]]],
      [writeIndex.meterValue]: [['meter/charger', [0]], ['meter/transaction', [2]]],
    };
    const writer = new GroupCommitWriter(databaseFile(dataDir), dataDir, ingestedSeq(db), writeNames.map((n) => writes[n]), chunkers, options);
    await writer.settled();
    return new BenchRecord(db, writer, lock, dataDir, options.secrets ?? plainSecrets, options.clock ?? systemClock);
  }

  private constructor(
    readonly db: Db,
    readonly writer: GroupCommitWriter,
    private readonly lock: DataDirLock,
    readonly dataDir: string,
    private readonly secrets: SecretCodec,
    private readonly clock: Clock,
  ) {
    // Ids handed out are never handed out again: the journal may hold ids SQLite does not have yet
    // (a start with the disk still full), so both are asked.
    const maxOf = (table: string) => ((db.prepare(`SELECT MAX(id) AS m FROM ${table}`).get() as Row).m ?? 0) as number;
    this.nextTransactionId = Math.max(maxOf('transactions'), writer.maxLeftover(writeIndex.txStart, 0)) + 1;
    this.nextOperationId = Math.max(maxOf('operations'), writer.maxLeftover(writeIndex.opStart, 0)) + 1;
    writer.dropLeftover();
    this.getTx = db.prepare('SELECT * FROM transactions WHERE id = ?');
    // Nothing is connected at start-up.
    this.write('allDisconnected', []);
    // last_seen is written every few seconds per charger, not once per frame; reads overlay the latest.
    writer.beforeBatch = () => {
      if (this.seen.size && Date.now() - this.seenFlushedAt >= 5000) this.writeSeen();
    };
  }

  /** What the journal said at start (damage moved aside, gaps), in words. */
  get notices(): readonly string[] {
    return this.writer.notices;
  }

  /** Whether the bench can record now; while false, nothing new should be taken on. */
  get writable(): boolean {
    return this.writer.writable;
  }

  /** What keeps the record from being written, if anything. */
  get problem(): WriterProblem | null {
    return this.writer.currentProblem;
  }

  /** A write the user asked for, refused at once (503) while nothing can be recorded. */
  private mustBeWritable(): void {
    if (!this.writer.writable) throw new BenchError(503, recordProblemText(this.writer.currentProblem, this.dataDir));
  }

  private write(name: WriteName, params: unknown[]): void {
    this.writer.write(writeIndex[name], params);
  }

  /** Resolves once every write queued so far is committed. */
  settled(): Promise<void> {
    return this.writer.settled();
  }

  private writeSeen(): void {
    this.seenFlushedAt = Date.now();
    for (const [id, at] of this.seen) this.write('chargerSeen', [id, at, at]);
    this.seen.clear();
  }

  async close(): Promise<void> {
    this.writeSeen();
    await this.writer.close();
    this.db.close();
    this.lock.release();
  }

  // ---- writes (group-committed) -------------------------------------------------------------

  logFrame(chargerId: string, rec: FrameRecord, ts: string): void {
    this.write('message', [ts, chargerId, rec.direction, rec.kind, rec.messageId, rec.action, rec.raw, rec.error]);
    this.seen.set(chargerId, ts);
  }

  /** Creates the charger's row (if new) ahead of anything else about it in the same batch. */
  chargerSeen(chargerId: string, ts: string): void {
    this.write('chargerSeen', [chargerId, ts, ts]);
  }

  setConnected(chargerId: string, connected: boolean, remoteAddress: string | null): void {
    this.write('chargerConnected', [connected ? 1 : 0, remoteAddress, chargerId]);
  }

  heartbeat(chargerId: string, ts: string): void {
    this.write('heartbeat', [ts, chargerId]);
  }

  boot(chargerId: string, status: RegistrationStatus, b: BootInfo, ts: string): void {
    this.write('boot', [status, ts, b.chargePointVendor, b.chargePointModel, b.chargePointSerialNumber ?? null, b.chargeBoxSerialNumber ?? null,
      b.firmwareVersion ?? null, b.iccid ?? null, b.imsi ?? null, b.meterType ?? null, b.meterSerialNumber ?? null, chargerId]);
  }

  status(chargerId: string, req: StatusNotificationRequest, at: string): ConnectorView {
    const c: ConnectorView = {
      connectorId: req.connectorId, status: req.status, errorCode: req.errorCode, info: req.info ?? null, vendorId: req.vendorId ?? null,
      vendorErrorCode: req.vendorErrorCode ?? null, timestamp: req.timestamp ?? null, updatedAt: at,
    };
    const params = [chargerId, c.connectorId, c.status, c.errorCode, c.info, c.vendorId, c.vendorErrorCode, c.timestamp, at];
    this.write('connector', params);
    this.write('statusHistory', params);
    return c;
  }

  startTransaction(t: Omit<TransactionView, 'transactionId' | 'meterStop' | 'stopTime' | 'stopReason' | 'stopIdTag' | 'energyWh' | 'active' | 'warning'>, at: string): TransactionView {
    const id = this.nextTransactionId++;
    this.write('txStart', [id, t.chargerId, t.connectorId, t.idTag, t.authStatus, t.reservationId, t.meterStart, t.startTime, at]);
    return { ...t, transactionId: id, meterStop: null, stopTime: null, stopReason: null, stopIdTag: null, energyWh: null, active: true };
  }

  /**
   * Records the stop of a running transaction (the caller checked it is the charger's own and running)
   * and returns it as it now stands. A meterStop below meterStart gives no energy, and a warning.
   */
  stopTransaction(tx: TransactionView, meterStop: number, stopTime: string, reason: string, stopIdTag: string | null): TransactionView {
    if (meterStop < tx.meterStart) {
      const warning = `meterStop (${meterStop} Wh) is below meterStart (${tx.meterStart} Wh): the meter went backwards or was replaced, so no energy is given`;
      this.write('txStopFlagged', [meterStop, stopTime, reason, stopIdTag, warning, tx.transactionId]);
      return { ...tx, meterStop, stopTime, stopReason: reason, stopIdTag, energyWh: null, active: false, warning };
    }
    this.write('txStop', [meterStop, stopTime, reason, stopIdTag, meterStop, tx.transactionId]);
    return { ...tx, meterStop, stopTime, stopReason: reason, stopIdTag, energyWh: meterStop - tx.meterStart, active: false };
  }

  /** Ends a transaction whose id never reached the charger (its answer could not be recorded, so it was not sent). */
  abandonTransaction(id: number, at: string, why: string): void {
    this.write('txAbandon', [at, 'Other', why, id]);
  }

  /** Stores sampled values with the spec's defaults filled in; returns them as stored. */
  meterValues(chargerId: string, connectorId: number, transactionId: number | null, values: MeterValue[], at: string): Omit<MeterValueView, 'id'>[] {
    const rows: Omit<MeterValueView, 'id'>[] = [];
    for (const mv of values) {
      for (const s of mv.sampledValue) {
        const r = {
          chargerId, connectorId, transactionId, timestamp: mv.timestamp, value: s.value,
          measurand: s.measurand ?? 'Energy.Active.Import.Register', phase: s.phase ?? null,
          unit: s.unit ?? (s.measurand === undefined || s.measurand.startsWith('Energy') ? 'Wh' : null),
          context: s.context ?? 'Sample.Periodic', location: s.location ?? null, format: s.format ?? 'Raw',
        };
        rows.push(r);
        this.write('meterValue', [chargerId, connectorId, transactionId, r.timestamp, r.value, r.measurand, r.phase, r.unit, r.context, r.location, r.format, at]);
      }
    }
    return rows;
  }

  event(chargerId: string, action: string, data: unknown, ts: string): void {
    this.write('event', [chargerId, ts, action, JSON.stringify(data)]);
  }

  firmwareStatus(chargerId: string, status: string): void {
    this.write('firmwareStatus', [status, chargerId]);
  }

  diagnosticsStatus(chargerId: string, status: string): void {
    this.write('diagnosticsStatus', [status, chargerId]);
  }

  connectionAttempt(ts: string, chargerId: string | null, remoteAddress: string | null, outcome: ConnectionAttemptView['outcome'], reason: string | null): void {
    this.write('attempt', [ts, chargerId, remoteAddress, outcome, reason]);
  }

  operationStarted(chargerId: string, action: string, request: unknown, ts: string): number {
    const id = this.nextOperationId++;
    this.write('opStart', [id, chargerId, action, JSON.stringify(request), ts]);
    return id;
  }

  operationFinished(id: number, ts: string, outcome: string, response: unknown, error: unknown): void {
    this.write('opFinish', [ts, outcome, response === undefined ? null : JSON.stringify(response), error === undefined ? null : JSON.stringify(error), id]);
  }

  // ---- virtual chargers (definition and non-volatile state) -------------------------------------

  virtualChargers(): Array<{ id: string; createdAt: string; definition: unknown; state: any }> {
    const rows = this.db.prepare('SELECT id, created_at, definition, state FROM virtual_chargers ORDER BY created_at, id').all() as Row[];
    return rows.map((r) => ({ id: r.id, createdAt: r.created_at, definition: JSON.parse(r.definition), state: r.state ? JSON.parse(r.state) : null }));
  }

  async saveVirtualCharger(id: string, createdAt: string, definition: unknown, state: unknown): Promise<void> {
    this.mustBeWritable();
    this.write('virtualChargerPut', [id, createdAt, JSON.stringify(definition), state === undefined ? null : JSON.stringify(state)]);
    await this.settled();
  }

  saveVirtualChargerState(id: string, state: unknown): void {
    this.write('virtualChargerState', [JSON.stringify(state), id]);
  }

  async deleteVirtualCharger(id: string): Promise<void> {
    this.mustBeWritable();
    this.write('virtualChargerDelete', [id]);
    await this.settled();
  }

  // ---- retention ---------------------------------------------------------------------------------

  /**
   * Deletes message-log frames and meter values the bench recorded before `cutoff` (ISO time), a batch
   * at a time through the writer thread, and trims the sparse index (chunks) to match; so too connection
   * attempts, status history, and chargers never registered that were last seen before it (with no
   * transactions). Transactions, operations and registered chargers stay. `stop` ends it early between
   * batches.
   */
  async pruneBefore(cutoff: string, opts: { stop?: () => boolean; pauseMs?: number } = {}): Promise<void> {
    await this.settled();
    // Chunk kinds are named after their log ('message/…', 'meter/…'), so new ones are pruned too.
    await this.pruneLog('messages', 'ts', 'pruneMessages', 'message/', cutoff, opts);
    await this.pruneLog('meter_values', 'received_at', 'pruneMeterValues', 'meter/', cutoff, opts);
    await this.pruneRows('connection_attempts', 'ts', 'pruneAttempts', cutoff, opts);
    await this.pruneRows('status_history', 'received_at', 'pruneStatusHistory', cutoff, opts);
    if (opts.stop?.()) return;
    // Identities seen before the cut and never registered, with nothing else to their name (a flood of
    // made-up ids, a charger tried once): their rows go with the frames that mentioned them.
    this.write('pruneChargers', [cutoff]);
    this.write('pruneOrphanConnectors', []);
    await this.settled();
  }

  /** Chargers the record still holds (after pruning, some may be gone). */
  chargerIds(): string[] {
    return (this.db.prepare('SELECT id FROM chargers').all() as Row[]).map((r) => r.id as string);
  }

  /** Deletes rows of a time-ordered table recorded before `cutoff`, a batch at a time; returns the last id deleted. */
  private async pruneRows(table: PrunedTable, column: string, write: WriteName, cutoff: string, opts: { stop?: () => boolean; pauseMs?: number }): Promise<{ first: number; last: number } | null> {
    const range = this.idsBefore(table, column, cutoff);
    if (!range) return null;
    for (let from = range.first; from <= range.last; from += PRUNE_BATCH) {
      if (opts.stop?.()) return null;
      this.write(write, [from, Math.min(from + PRUNE_BATCH - 1, range.last), cutoff]);
      await this.settled();
      await pause(opts.pauseMs);
    }
    return range;
  }

  private async pruneLog(table: 'messages' | 'meter_values', column: 'ts' | 'received_at', write: WriteName, kindPrefix: string, cutoff: string, opts: { stop?: () => boolean; pauseMs?: number }): Promise<void> {
    const range = await this.pruneRows(table, column, write, cutoff, opts);
    if (!range) return;
    // Chunks wholly before the cut go; one that straddles it starts after it.
    const lastOld = this.db.prepare('SELECT 1 FROM chunks WHERE kind = ? AND key = ? AND last_id <= ? LIMIT 1');
    const straddling = this.db.prepare('SELECT rowid AS r, first_id FROM chunks WHERE kind = ? AND key = ? AND last_id > ? ORDER BY last_id LIMIT 1');
    const nextKey = this.db.prepare('SELECT key FROM chunks WHERE kind = ? AND key > ? ORDER BY kind, key LIMIT 1');
    const nextKind = this.db.prepare('SELECT kind FROM chunks WHERE kind > ? ORDER BY kind LIMIT 1');
    const kinds: string[] = [];
    for (let k = (nextKind.get(kindPrefix) as Row | undefined)?.kind; k?.startsWith(kindPrefix); k = (nextKind.get(k) as Row | undefined)?.kind) kinds.push(k);
    for (const kind of kinds) {
      // One index seek per key (a loose index scan) rather than a pass over every chunk.
      let key: string | undefined = '';
      while (key !== undefined) {
        if (opts.stop?.()) return;
        for (let n = 0; n < PRUNE_KEY_SLICE; n++) {
          key = (nextKey.get(kind, key) as Row | undefined)?.key as string | undefined;
          if (key === undefined) break;
          if (lastOld.get(kind, key, range.last)) this.write('pruneChunks', [kind, key, range.last]);
          const s = straddling.get(kind, key, range.last) as Row | undefined;
          if (s && s.first_id <= range.last) this.write('trimChunk', [range.last + 1, s.r, range.last + 1]);
        }
        await this.settled();
        await pause(opts.pauseMs);
      }
    }
  }

  /**
   * The ids of rows recorded before `cutoff`: from the oldest to the last one before it. The time
   * column has no index; ids grow with it, so a binary search over ids finds the cut in a few seeks.
   */
  private idsBefore(table: PrunedTable, column: string, cutoff: string): { first: number; last: number } | null {
    const at = this.db.prepare(`SELECT id, ${column} AS t FROM ${table} WHERE id >= ? ORDER BY id LIMIT 1`);
    const oldest = at.get(0) as Row | undefined;
    if (!oldest || !(oldest.t < cutoff)) return null;
    let lo = oldest.id as number;
    let hi = ((this.db.prepare(`SELECT MAX(id) AS m FROM ${table}`).get() as Row).m ?? lo) as number;
    while (lo < hi) {
      const mid = lo + Math.ceil((hi - lo) / 2);
      const r = at.get(mid) as Row | undefined;
      if (r && r.t < cutoff) lo = r.id;
      else hi = mid - 1;
    }
    return { first: oldest.id, last: lo };
  }

  // ---- settings, id tags, per-charger policy ---------------------------------------------------

  settings(): BenchSettings {
    const rows = this.db.prepare('SELECT key, value FROM settings').all() as Row[];
    const s: Row = { ...defaultSettings };
    for (const r of rows) s[r.key] = JSON.parse(r.value);
    return s as BenchSettings;
  }

  async saveSettings(patch: Partial<BenchSettings>): Promise<BenchSettings> {
    this.mustBeWritable();
    for (const [k, v] of Object.entries(patch)) if (v !== undefined) this.write('setting', [k, JSON.stringify(v)]);
    await this.settled();
    return this.settings();
  }

  async setBootPolicy(chargerId: string, policy: RegistrationStatus | null): Promise<void> {
    this.mustBeWritable();
    this.write('bootPolicy', [policy, chargerId]);
    await this.settled();
  }

  /**
   * Registers a charger, creating its row if it has never connected. `password` and `bootPolicy`:
   * undefined leaves them as they are, null clears them.
   */
  async registerCharger(chargerId: string, opts: { password?: string | null; bootPolicy?: RegistrationStatus | null } = {}): Promise<void> {
    this.mustBeWritable();
    const now = new Date(this.clock.now()).toISOString();
    this.write('chargerRegister', [chargerId, now, now]);
    if (opts.password !== undefined) this.write('chargerPassword', [opts.password === null ? null : this.secrets.encrypt(opts.password), chargerId]);
    if (opts.bootPolicy !== undefined) this.write('bootPolicy', [opts.bootPolicy, chargerId]);
    await this.settled();
  }

  /** Sets (or with null clears) a charger's security profile 1 password. */
  async setPassword(chargerId: string, password: string | null): Promise<void> {
    this.mustBeWritable();
    this.write('chargerPassword', [password === null ? null : this.secrets.encrypt(password), chargerId]);
    await this.settled();
  }

  /** Forgets a charger and its live connector state; its logs (frames, transactions, history) stay. */
  async deleteCharger(chargerId: string): Promise<void> {
    this.mustBeWritable();
    // A pending last-seen write would bring the row back.
    this.seen.delete(chargerId);
    this.write('chargerConnectorsDelete', [chargerId]);
    this.write('chargerDelete', [chargerId]);
    await this.settled();
  }

  /**
   * Every charger's password, for the central system to check at connection time; never for views. A
   * password this machine cannot read (encrypted by another user's keyring) is left out and named.
   */
  passwords(): { passwords: Map<string, string>; unreadable: string[] } {
    const rows = this.db.prepare('SELECT id, password FROM chargers WHERE password IS NOT NULL').all() as Row[];
    const passwords = new Map<string, string>();
    const unreadable: string[] = [];
    for (const r of rows) {
      try {
        passwords.set(r.id as string, this.secrets.decrypt(r.password as string));
      } catch {
        unreadable.push(r.id as string);
      }
    }
    return { passwords, unreadable };
  }

  idTags(): IdTagEntry[] {
    return (this.db.prepare('SELECT * FROM id_tags ORDER BY id_tag').all() as Row[]).map(toIdTag);
  }

  idTag(idTag: string): IdTagEntry | null {
    const r = this.db.prepare('SELECT * FROM id_tags WHERE id_tag = ?').get(idTag) as Row | undefined;
    return r ? toIdTag(r) : null;
  }

  /** Adds or updates tags; with `replace`, the list becomes exactly `entries` (in one transaction). */
  async putIdTags(entries: IdTagEntry[], replace: boolean): Promise<void> {
    this.mustBeWritable();
    if (replace) this.write('idTagsClear', []);
    for (const e of entries) this.write('idTagPut', [e.idTag, e.status, e.expiryDate ?? null, e.parentIdTag ?? null]);
    await this.settled();
  }

  async deleteIdTag(idTag: string): Promise<boolean> {
    this.mustBeWritable();
    const existed = this.idTag(idTag) !== null;
    this.write('idTagDelete', [idTag]);
    await this.settled();
    return existed;
  }

  // ---- reads -----------------------------------------------------------------------------------

  chargers(): ChargerView[] {
    const connectors = this.db.prepare('SELECT * FROM connectors ORDER BY charger_id, connector_id').all() as Row[];
    const byCharger = new Map<string, ConnectorView[]>();
    for (const c of connectors) {
      const list = byCharger.get(c.charger_id) ?? [];
      list.push(toConnector(c));
      byCharger.set(c.charger_id, list);
    }
    return (this.db.prepare('SELECT * FROM chargers ORDER BY id').all() as Row[]).map((r) => toCharger(r, byCharger.get(r.id) ?? [], this.seen.get(r.id)));
  }

  charger(id: string): ChargerView | null {
    const r = this.db.prepare('SELECT * FROM chargers WHERE id = ?').get(id) as Row | undefined;
    if (!r) return null;
    const connectors = (this.db.prepare('SELECT * FROM connectors WHERE charger_id = ? ORDER BY connector_id').all(id) as Row[]).map(toConnector);
    return toCharger(r, connectors, this.seen.get(id));
  }

  /**
   * Rows of a high-volume log for one key, newest first: walks the key's id ranges (chunks) newest
   * first and reads each range, so the cost follows what is asked for, not the size of the log.
   */
  private byChunks(kind: string, key: string, before: number, limit: number, readRange: (first: number, last: number, limit: number) => Row[]): Row[] {
    const out: Row[] = [];
    const ranges = this.db.prepare('SELECT first_id, last_id FROM chunks WHERE kind = ? AND key = ? AND first_id < ? ORDER BY last_id DESC');
    for (const c of ranges.iterate(kind, key, before) as IterableIterator<Row>) {
      out.push(...readRange(c.first_id, Math.min(c.last_id, before - 1), limit - out.length));
      if (out.length >= limit) break;
    }
    return out;
  }

  /** A charger's status notifications as received, newest first (connector 0 is the charger). */
  statusHistory(chargerId: string, q: { connectorId?: number; limit?: number } = {}): Array<ConnectorView & { receivedAt: string }> {
    const connector = q.connectorId !== undefined ? 'AND connector_id = ?' : '';
    const args = q.connectorId !== undefined ? [chargerId, q.connectorId] : [chargerId];
    const rows = this.db.prepare(`SELECT * FROM status_history WHERE charger_id = ? ${connector} ORDER BY id DESC LIMIT ?`).all(...args, q.limit ?? 200) as Row[];
    return rows.map((r) => ({ ...toConnector({ ...r, updated_at: r.received_at }), receivedAt: r.received_at }));
  }

  /** The message log, newest first. */
  messages(q: { chargerId?: string; action?: string; limit?: number; beforeId?: number } = {}): MessageView[] {
    const limit = q.limit ?? 100;
    const before = q.beforeId ?? Number.MAX_SAFE_INTEGER;
    const actionFilter = q.action ? 'AND action = ?' : '';
    const extra = q.action ? [q.action] : [];
    if (!q.chargerId) {
      return (this.db.prepare(`SELECT * FROM messages WHERE id < ? ${actionFilter} ORDER BY id DESC LIMIT ?`).all(before, ...extra, limit) as Row[]).map(toMessage);
    }
    const inRange = this.db.prepare(`SELECT * FROM messages WHERE id BETWEEN ? AND ? AND charger_id = ? ${actionFilter} ORDER BY id DESC LIMIT ?`);
    return this.byChunks('message/charger', q.chargerId, before, limit, (first, last, n) => inRange.all(first, last, q.chargerId, ...extra, n) as Row[]).map(toMessage);
  }

  private messageLog: MessageLog | null = null;

  /** One page of the message log under a filter, newest first (the log screen's rows). */
  messagePage(q: MessageFilter & { upToId?: number; offset?: number; limit?: number }): Promise<MessageView[]> {
    const { upToId, offset, limit, ...filter } = q;
    return (this.messageLog ??= new MessageLog(this.db)).page(filter, upToId, offset ?? 0, limit ?? 200);
  }

  /** How many frames match a filter (see MessageLog.count on `cap`); maxId pins the view the count belongs to. */
  countMessages(filter: MessageFilter, opts: { upToId?: number; cap?: number } = {}): Promise<{ count: number; capped: boolean; maxId: number }> {
    return (this.messageLog ??= new MessageLog(this.db)).count(filter, opts.upToId, opts.cap ?? 1_000_000);
  }

  /** The frames of a filter up to `upToId` (the newest when absent), oldest first, in batches. */
  messageBatches(filter: MessageFilter, upToId?: number): AsyncGenerator<MessageView[]> {
    const log = (this.messageLog ??= new MessageLog(this.db));
    return log.batches(filter, upToId ?? log.maxId());
  }

  transactions(q: { chargerId?: string; active?: boolean; limit?: number } = {}): TransactionView[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (q.chargerId) (where.push('charger_id = ?'), args.push(q.chargerId));
    if (q.active !== undefined) where.push(q.active ? 'stop_time IS NULL' : 'stop_time IS NOT NULL');
    const sql = `SELECT * FROM transactions ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
    return (this.db.prepare(sql).all(...args, q.limit ?? 500) as Row[]).map(toTransaction);
  }

  transaction(id: number): TransactionView | null {
    const r = this.getTx.get(id) as Row | undefined;
    return r ? toTransaction(r) : null;
  }

  /** The running transaction of an idTag, if any (for ConcurrentTx). */
  activeTransactionOf(idTag: string): TransactionView | null {
    const r = this.db.prepare('SELECT * FROM transactions WHERE id_tag = ? AND stop_time IS NULL ORDER BY id DESC LIMIT 1').get(idTag) as Row | undefined;
    return r ? toTransaction(r) : null;
  }

  /** Meter values, newest first: of a transaction, or of a charger (optionally one connector). */
  meterValuesOf(q: { chargerId?: string; transactionId?: number; connectorId?: number; limit?: number }): MeterValueView[] {
    const limit = q.limit ?? 1000;
    const max = Number.MAX_SAFE_INTEGER;
    let rows: Row[];
    if (q.transactionId !== undefined) {
      const inRange = this.db.prepare('SELECT * FROM meter_values WHERE id BETWEEN ? AND ? AND transaction_id = ? ORDER BY id DESC LIMIT ?');
      rows = this.byChunks('meter/transaction', String(q.transactionId), max, limit, (a, b, n) => inRange.all(a, b, q.transactionId, n) as Row[]);
      if (q.chargerId) rows = rows.filter((r) => r.charger_id === q.chargerId);
    } else if (q.chargerId) {
      const connector = q.connectorId !== undefined ? 'AND connector_id = ?' : '';
      const extra = q.connectorId !== undefined ? [q.connectorId] : [];
      const inRange = this.db.prepare(`SELECT * FROM meter_values WHERE id BETWEEN ? AND ? AND charger_id = ? ${connector} ORDER BY id DESC LIMIT ?`);
      rows = this.byChunks('meter/charger', q.chargerId, max, limit, (a, b, n) => inRange.all(a, b, q.chargerId, ...extra, n) as Row[]);
    } else {
      rows = this.db.prepare('SELECT * FROM meter_values ORDER BY id DESC LIMIT ?').all(limit) as Row[];
    }
    return rows.map((r) => ({
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

  events(q: { chargerId?: string; limit?: number } = {}): Array<{ id: number; chargerId: string; ts: string; action: string; data: unknown }> {
    const rows = q.chargerId
      ? this.db.prepare('SELECT * FROM charger_events WHERE charger_id = ? ORDER BY id DESC LIMIT ?').all(q.chargerId, q.limit ?? 100)
      : this.db.prepare('SELECT * FROM charger_events ORDER BY id DESC LIMIT ?').all(q.limit ?? 100);
    return (rows as Row[]).map((r) => ({ id: r.id, chargerId: r.charger_id, ts: r.ts, action: r.action, data: JSON.parse(r.data) }));
  }

  connectionAttempts(limit = 100): ConnectionAttemptView[] {
    return (this.db.prepare('SELECT * FROM connection_attempts ORDER BY id DESC LIMIT ?').all(limit) as Row[]).map((r) => ({
      id: r.id, ts: r.ts, chargerId: r.charger_id, remoteAddress: r.remote_address, outcome: r.outcome, reason: r.reason,
    }));
  }
}

function toConnector(c: Row): ConnectorView {
  return { connectorId: c.connector_id, status: c.status, errorCode: c.error_code, info: c.info, vendorId: c.vendor_id, vendorErrorCode: c.vendor_error_code, timestamp: c.timestamp, updatedAt: c.updated_at };
}

function toMessage(r: Row): MessageView {
  return { id: r.id, ts: r.ts, chargerId: r.charger_id, direction: r.direction, kind: r.kind, messageId: r.message_id, action: r.action, raw: r.raw, error: r.error };
}

function toIdTag(r: Row): IdTagEntry {
  return { idTag: r.id_tag, status: r.status, expiryDate: r.expiry_date, parentIdTag: r.parent_id_tag };
}

function toCharger(r: Row, connectors: ConnectorView[], lastSeen?: string): ChargerView {
  return {
    id: r.id, connected: r.connected === 1, firstSeen: r.first_seen, lastSeen: lastSeen ?? r.last_seen, lastHeartbeat: r.last_heartbeat, remoteAddress: r.remote_address,
    bootPolicy: r.boot_policy, registrationStatus: r.registration_status, lastBoot: r.last_boot,
    boot: r.vendor === null ? null : strip({
      chargePointVendor: r.vendor, chargePointModel: r.model, chargePointSerialNumber: r.charge_point_serial, chargeBoxSerialNumber: r.charge_box_serial,
      firmwareVersion: r.firmware_version, iccid: r.iccid, imsi: r.imsi, meterType: r.meter_type, meterSerialNumber: r.meter_serial,
    }) as BootInfo,
    firmwareStatus: r.firmware_status, diagnosticsStatus: r.diagnostics_status,
    hasPassword: r.password !== null, registered: r.registered === 1, connectors,
  };
}

function toTransaction(r: Row): TransactionView {
  return {
    transactionId: r.id, chargerId: r.charger_id, connectorId: r.connector_id, idTag: r.id_tag, authStatus: r.auth_status, reservationId: r.reservation_id,
    meterStart: r.meter_start, startTime: r.start_time, meterStop: r.meter_stop, stopTime: r.stop_time, stopReason: r.stop_reason, stopIdTag: r.stop_id_tag,
    energyWh: r.energy_wh, active: r.stop_time === null, ...(r.warning ? { warning: r.warning } : {}),
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
