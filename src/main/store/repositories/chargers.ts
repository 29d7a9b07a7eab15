// The chargers table: every charger seen or registered, its boot information, connection, policy,
// password (stored through the secret codec), last heartbeat and the heartbeat interval it was given.
// last_seen and last_heartbeat are coalesced: written every few seconds per charger rather than once per
// frame (every Heartbeat is in the message log anyway), with reads overlaying the newest.
import type { RegistrationStatus } from '../../../shared/ocpp16';
import type { SecretCodec } from '../secrets';
import type { Store, Writes } from '../repository';
import type { BootRecord, ChargerRecord, ConnectorRecord, Row } from '../../../shared/records';
import { toConnector } from './connectors';

export const chargerWrites = {
  // A charger registered ahead and not seen since has its registration as its first_seen (registered_at, the
  // same): its first contact is when it was first seen (migration 20).
  chargerSeen: `INSERT INTO chargers (id, first_seen, last_seen) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET last_seen = excluded.last_seen,
    first_seen = CASE WHEN first_seen IS registered_at THEN excluded.first_seen ELSE first_seen END`,
  chargerConnected: 'UPDATE chargers SET connected = ?, remote_address = COALESCE(?, remote_address) WHERE id = ?',
  heartbeat: 'UPDATE chargers SET last_heartbeat = ? WHERE id = ?',
  heartbeatGiven: 'UPDATE chargers SET heartbeat_interval = ?, heartbeat_interval_how = ?, heartbeat_interval_at = ? WHERE id = ?',
  boot: `UPDATE chargers SET registration_status = ?, last_boot = ?, vendor = ?, model = ?, charge_point_serial = ?, charge_box_serial = ?,
    firmware_version = ?, iccid = ?, imsi = ?, meter_type = ?, meter_serial = ? WHERE id = ?`,
  // A status with the time the bench received it (migration 16: the chargers list reads the time from the row).
  firmwareStatusAt: 'UPDATE chargers SET firmware_status = ?, firmware_status_at = ? WHERE id = ?',
  diagnosticsStatusAt: 'UPDATE chargers SET diagnostics_status = ?, diagnostics_status_at = ? WHERE id = ?',
  // As an older bench journaled them (replayed after an upgrade): the status without its time, which is then not known.
  firmwareStatus: 'UPDATE chargers SET firmware_status = ?, firmware_status_at = NULL WHERE id = ?',
  diagnosticsStatus: 'UPDATE chargers SET diagnostics_status = ?, diagnostics_status_at = NULL WHERE id = ?',
  bootPolicy: 'UPDATE chargers SET boot_policy = ? WHERE id = ?',
  allDisconnected: 'UPDATE chargers SET connected = 0',
  chargerRegister: 'INSERT INTO chargers (id, first_seen, last_seen, registered) VALUES (?, ?, ?, 1) ON CONFLICT(id) DO UPDATE SET registered = 1',
  // When it was first registered (migration 20): registering it again keeps the first time.
  chargerRegisteredAt: 'UPDATE chargers SET registered_at = COALESCE(registered_at, ?) WHERE id = ?',
  chargerVirtual: 'UPDATE chargers SET virtual = ? WHERE id = ?',
  chargerPassword: 'UPDATE chargers SET password = ? WHERE id = ?',
  // The second password the charger is let in with besides its own, through the secret codec, and its words as
  // JSON (SecondPassword; migration 21); nulls: none.
  chargerEither: 'UPDATE chargers SET either_password = ?, either_words = ? WHERE id = ?',
  // The newest change to how the charger is let in, and when (migration 18).
  admissionChange: 'UPDATE chargers SET admission_change = ?, admission_change_at = ? WHERE id = ?',
  chargerDelete: 'DELETE FROM chargers WHERE id = ?',
  // Retention: identities seen before the cut and never registered, with nothing else to their name.
  pruneChargers: `DELETE FROM chargers WHERE registered = 0 AND password IS NULL AND boot_policy IS NULL AND connected = 0 AND last_seen < ?
    AND id NOT IN (SELECT charger_id FROM transactions) AND id NOT IN (SELECT id FROM virtual_chargers)`,
} satisfies Writes;

/**
 * The heartbeat interval a charger was given (s), how and when (the bench's clock): its last accepted
 * BootNotification answer's ('boot'), or a later ChangeConfiguration of HeartbeatInterval it accepted
 * ('set'), or a later GetConfiguration read of it ('read'). The charger view's `heartbeatGiven`. 0 is an
 * interval given like any other: the charger was told to send no heartbeats.
 */
export interface HeartbeatGiven {
  seconds: number;
  how: 'boot' | 'set' | 'read';
  at: string;
}

/**
 * When the bench received the charger's firmware and diagnostics status (null: none, or the time is not
 * known: received before the bench kept it and its event no longer in the record, or replayed from an older
 * bench's journal). Kept on the chargers row beside the status (migration 16), so a list reads no events.
 */
export interface ProgressTimes {
  firmwareStatusAt: string | null;
  diagnosticsStatusAt: string | null;
}

/**
 * The newest change on the bench to what decides whether a charger is let in (the bench's clock): its
 * password set ('password') or cleared ('passwordCleared'), or its registration ('registered'). A refusal
 * older than it is not the last word: the charger's next attempt meets the change. Kept on the chargers row
 * (migration 18), across restarts; null when the record holds none (a record from before migration 18, a
 * charger never changed): a refusal is then read as it stands. The charger view's `admissionChange`.
 */
export interface AdmissionChange {
  what: 'password' | 'passwordCleared' | 'registered';
  at: string;
}

/**
 * A charger as the record holds it, with the heartbeat interval it was given (null: the record tells none),
 * and when it was registered (null: not registered, or registered before the bench kept the time). Its
 * `firstSeen` is its first contact; for one registered ahead and not seen since, its registration.
 */
export type StoredCharger = ChargerRecord & { heartbeatGiven: HeartbeatGiven | null; admissionChange: AdmissionChange | null; registeredAt: string | null } & ProgressTimes;

/**
 * A second password a charger is let in with besides its own until it connects with one of them
 * (central-system/registry.ts letInEither), and the words naming each: kept on its row (migration 21), the
 * password through the secret codec like the charger's own, so a restarted bench still lets it in with either.
 * Never for views.
 */
export interface SecondPassword {
  password: string;
  name: string;
  ownName: string;
  why: string;
}

const GIVEN_HOW: ReadonlySet<string> = new Set(['boot', 'set', 'read']);
const ADMISSION_WHAT: ReadonlySet<string> = new Set(['password', 'passwordCleared', 'registered']);

/** last_seen and last_heartbeat are written this often per charger at most. */
const SEEN_FLUSH_MS = 5000;

export class ChargersRepository {
  private readonly seen = new Map<string, string>();
  private readonly beats = new Map<string, string>();
  /**
   * Each charger's last contact whose coalesced write is queued (moved here from `seen` as it is): that write
   * lands in SQLite later (on the writer thread), and a read meanwhile (the drop that follows a charger's last
   * frame) would give the time written before it. Nothing per frame: only per batch.
   */
  private readonly lastContact = new Map<string, string>();
  /** The same for each charger's last Heartbeat (moved here from `beats` as its write is queued). */
  private readonly lastBeat = new Map<string, string>();
  private seenFlushedAt = 0;

  constructor(
    private readonly store: Store,
    private readonly secrets: SecretCodec,
  ) {
    // Nothing is connected at start-up.
    store.write('allDisconnected', []);
  }

  /** A frame from the charger: it was seen now (written with the next coalesced batch). */
  touch(chargerId: string, ts: string): void {
    this.seen.set(chargerId, ts);
  }

  /** The charger's newest contact not yet known to be in SQLite: still to be written, or queued. */
  private contactOf(id: string): string | undefined {
    return newer(this.seen.get(id), this.lastContact.get(id));
  }

  /** The charger's newest Heartbeat not yet known to be in SQLite: still to be written, or queued. */
  private beatOf(id: string): string | undefined {
    return newer(this.beats.get(id), this.lastBeat.get(id));
  }

  /** Writes the coalesced last-seen and last-heartbeat times if they are due (or now, with `force`). */
  flushSeen(force = false): void {
    const now = this.store.clock.now();
    if ((!this.seen.size && !this.beats.size) || (!force && now - this.seenFlushedAt < SEEN_FLUSH_MS)) return;
    this.seenFlushedAt = now;
    // The row first (a charger's first frame creates it), then its heartbeat.
    for (const [id, at] of this.seen) {
      this.store.write('chargerSeen', [id, at, at]);
      this.lastContact.set(id, at);
    }
    for (const [id, at] of this.beats) {
      this.store.write('heartbeat', [at, id]);
      this.lastBeat.set(id, at);
    }
    this.seen.clear();
    this.beats.clear();
  }

  /** Creates the charger's row (if new) ahead of anything else about it in the same batch. */
  seenNow(chargerId: string, ts: string): void {
    this.store.write('chargerSeen', [chargerId, ts, ts]);
    this.lastContact.set(chargerId, ts);
  }

  setConnected(chargerId: string, connected: boolean, remoteAddress: string | null): void {
    this.store.write('chargerConnected', [connected ? 1 : 0, remoteAddress, chargerId]);
  }

  /** A Heartbeat from the charger (written with the next coalesced batch). */
  heartbeat(chargerId: string, ts: string): void {
    this.beats.set(chargerId, ts);
  }

  /** The charger was given a heartbeat interval (whole seconds, 0 or more: 0 asks for no heartbeats; anything else is not kept). */
  heartbeatGiven(chargerId: string, given: HeartbeatGiven): void {
    if (!Number.isInteger(given.seconds) || given.seconds < 0 || !GIVEN_HOW.has(given.how)) return;
    this.store.write('heartbeatGiven', [given.seconds, given.how, given.at, chargerId]);
  }

  boot(chargerId: string, status: RegistrationStatus, b: BootRecord, ts: string): void {
    this.store.write('boot', [
      status,
      ts,
      b.chargePointVendor,
      b.chargePointModel,
      b.chargePointSerialNumber ?? null,
      b.chargeBoxSerialNumber ?? null,
      b.firmwareVersion ?? null,
      b.iccid ?? null,
      b.imsi ?? null,
      b.meterType ?? null,
      b.meterSerialNumber ?? null,
      chargerId,
    ]);
  }

  /** The charger's firmware status, received at `ts` (the bench's clock). */
  firmwareStatus(chargerId: string, status: string, ts: string): void {
    this.store.write('firmwareStatusAt', [status, ts, chargerId]);
  }

  /** The charger's diagnostics status, received at `ts` (the bench's clock). */
  diagnosticsStatus(chargerId: string, status: string, ts: string): void {
    this.store.write('diagnosticsStatusAt', [status, ts, chargerId]);
  }

  async setBootPolicy(chargerId: string, policy: RegistrationStatus | null): Promise<void> {
    this.store.mustBeWritable();
    this.store.write('bootPolicy', [policy, chargerId]);
    await this.store.settled();
  }

  /**
   * Registers a charger, creating its row if it has never connected. `password` and `bootPolicy`:
   * undefined leaves them as they are, null clears them.
   */
  async register(chargerId: string, opts: { password?: string | null; bootPolicy?: RegistrationStatus | null; virtual?: boolean } = {}): Promise<void> {
    this.store.mustBeWritable();
    const now = new Date(this.store.clock.now()).toISOString();
    const wasRegistered = this.store.db.prepare('SELECT registered FROM chargers WHERE id = ?').pluck().get(chargerId) === 1;
    this.store.write('chargerRegister', [chargerId, now, now]);
    this.store.write('chargerRegisteredAt', [now, chargerId]);
    if (opts.virtual !== undefined) this.store.write('chargerVirtual', [opts.virtual ? 1 : 0, chargerId]);
    if (opts.password !== undefined) this.writePassword(chargerId, opts.password);
    if (opts.bootPolicy !== undefined) this.store.write('bootPolicy', [opts.bootPolicy, chargerId]);
    if (opts.password !== undefined) this.admissionChanged(chargerId, opts.password === null ? 'passwordCleared' : 'password', now);
    else if (!wasRegistered) this.admissionChanged(chargerId, 'registered', now);
    await this.store.settled();
  }

  /**
   * Sets (or with null clears) a charger's security profile 1 password, with the second password it is let in
   * with besides it (SecondPassword), if any: a password set without one ends the one there was.
   */
  async setPassword(chargerId: string, password: string | null, second?: SecondPassword): Promise<void> {
    this.store.mustBeWritable();
    this.writePassword(chargerId, password, second);
    this.admissionChanged(chargerId, password === null ? 'passwordCleared' : 'password', new Date(this.store.clock.now()).toISOString());
    await this.store.settled();
  }

  /** The charger connected with one of its two passwords (its own): the second one no longer gets it in. */
  endSecondPassword(chargerId: string): void {
    this.store.write('chargerEither', [null, null, chargerId]);
  }

  /** The password and the second one (or none) together: a kill between never leaves an old second one beside a new password. */
  private writePassword(chargerId: string, password: string | null, second?: SecondPassword): void {
    const words = second ? JSON.stringify({ name: second.name, ownName: second.ownName, why: second.why }) : null;
    this.store.writeTogether(() => {
      this.store.write('chargerPassword', [password === null ? null : this.secrets.encrypt(password), chargerId]);
      this.store.write('chargerEither', [second ? this.secrets.encrypt(second.password) : null, words, chargerId]);
    });
  }

  /** A change to how the charger is let in, at `at` (AdmissionChange): written on its row with the change itself. */
  private admissionChanged(chargerId: string, what: AdmissionChange['what'], at: string): void {
    this.store.write('admissionChange', [what, at, chargerId]);
  }

  /** Forgets a charger and its live connector state; its logs (frames, transactions, history) stay. */
  async delete(chargerId: string): Promise<void> {
    this.store.mustBeWritable();
    // A pending last-seen write would bring the row back.
    this.seen.delete(chargerId);
    this.beats.delete(chargerId);
    this.lastContact.delete(chargerId);
    this.lastBeat.delete(chargerId);
    this.store.write('chargerConnectorsDelete', [chargerId]);
    this.store.write('chargerDelete', [chargerId]);
    await this.store.settled();
  }

  /** Retention: chargers never registered, last seen before `cutoff`, with no transactions. */
  prune(cutoff: string): void {
    this.store.write('pruneChargers', [cutoff]);
    this.store.write('pruneOrphanConnectors', []);
    // A contact older than the cutoff is long in the record (the rows it names may be pruned now): not kept here.
    for (const [id, ts] of this.lastContact) if (ts < cutoff) this.lastContact.delete(id);
    for (const [id, ts] of this.lastBeat) if (ts < cutoff) this.lastBeat.delete(id);
  }

  /**
   * Every charger's password and second password (SecondPassword), for the central system to check at
   * connection time; never for views. A charger whose password or second password this machine cannot read
   * (encrypted by another user's keyring) is left out and named.
   */
  passwords(): { passwords: Map<string, string>; unreadable: string[]; either: Map<string, SecondPassword> } {
    const rows = this.store.db.prepare('SELECT id, password, either_password, either_words FROM chargers WHERE password IS NOT NULL').all() as Row[];
    const passwords = new Map<string, string>();
    const either = new Map<string, SecondPassword>();
    const unreadable: string[] = [];
    for (const r of rows) {
      let password: string;
      let second: string | null;
      try {
        password = this.secrets.decrypt(r.password as string);
        second = r.either_password === null ? null : this.secrets.decrypt(r.either_password as string);
      } catch {
        unreadable.push(r.id as string);
        continue;
      }
      passwords.set(r.id as string, password);
      // Stored before this machine's keyring was used: encrypted now.
      if (!this.secrets.sealed(r.password as string)) this.store.write('chargerPassword', [this.secrets.encrypt(password), r.id]);
      if (second === null) continue;
      either.set(r.id as string, { password: second, ...wordsOf(r.either_words) });
      if (!this.secrets.sealed(r.either_password as string)) this.store.write('chargerEither', [this.secrets.encrypt(second), r.either_words, r.id]);
    }
    return { passwords, unreadable, either };
  }

  ids(): string[] {
    return (this.store.db.prepare('SELECT id FROM chargers').all() as Row[]).map((r) => r.id as string);
  }

  list(): StoredCharger[] {
    const connectors = this.store.db.prepare('SELECT * FROM connectors WHERE connector_id >= 0 ORDER BY charger_id, connector_id').all() as Row[];
    const byCharger = new Map<string, ConnectorRecord[]>();
    for (const c of connectors) {
      const list = byCharger.get(c.charger_id) ?? [];
      list.push(toConnector(c));
      byCharger.set(c.charger_id, list);
    }
    return (this.store.db.prepare('SELECT * FROM chargers ORDER BY id').all() as Row[]).map((r) => ({
      ...toCharger(r, byCharger.get(r.id) ?? [], this.contactOf(r.id), this.beatOf(r.id)),
      ...progressTimes(r),
      admissionChange: admissionChangeOf(r),
    }));
  }

  /** When the charger was last heard from (its last frame), or null for one never seen. */
  lastSeen(id: string): string | null {
    const known = this.contactOf(id);
    if (known) return known;
    return (this.store.db.prepare('SELECT last_seen FROM chargers WHERE id = ?').pluck().get(id) as string | undefined) ?? null;
  }

  get(id: string): StoredCharger | null {
    const r = this.store.db.prepare('SELECT * FROM chargers WHERE id = ?').get(id) as Row | undefined;
    if (!r) return null;
    const connectors = (this.store.db.prepare('SELECT * FROM connectors WHERE charger_id = ? AND connector_id >= 0 ORDER BY connector_id').all(id) as Row[]).map(toConnector);
    return { ...toCharger(r, connectors, this.contactOf(id), this.beatOf(id)), ...progressTimes(r), admissionChange: admissionChangeOf(r) };
  }
}

/** The words of a second password as its row holds them; words it cannot read (not as the bench writes them) are general ones. */
function wordsOf(stored: unknown): Omit<SecondPassword, 'password'> {
  const words = { name: 'the second password the bench let it in with', ownName: 'the password the bench has for it', why: 'which of the two it has was not known' };
  try {
    const parsed = JSON.parse(String(stored)) as Record<string, unknown>;
    for (const k of ['name', 'ownName', 'why'] as const) if (typeof parsed?.[k] === 'string') words[k] = parsed[k];
  } catch {
    // General words: the password itself still lets the charger in.
  }
  return words;
}

/** The newer of a time still to be written and one queued (either may be missing). */
function newer(pending: string | undefined, queued: string | undefined): string | undefined {
  return pending === undefined || (queued !== undefined && queued > pending) ? queued : pending;
}

function toCharger(r: Row, connectors: ConnectorRecord[], lastSeen?: string, lastHeartbeat?: string): Omit<StoredCharger, keyof ProgressTimes | 'admissionChange'> {
  return {
    id: r.id,
    connected: r.connected === 1,
    firstSeen: r.first_seen,
    registeredAt: r.registered === 1 ? (r.registered_at ?? null) : null,
    lastSeen: lastSeen ?? r.last_seen,
    lastHeartbeat: lastHeartbeat ?? r.last_heartbeat,
    remoteAddress: r.remote_address,
    bootPolicy: r.boot_policy,
    registrationStatus: r.registration_status,
    lastBoot: r.last_boot,
    boot:
      r.vendor === null
        ? null
        : (strip({
            chargePointVendor: r.vendor,
            chargePointModel: r.model,
            chargePointSerialNumber: r.charge_point_serial,
            chargeBoxSerialNumber: r.charge_box_serial,
            firmwareVersion: r.firmware_version,
            iccid: r.iccid,
            imsi: r.imsi,
            meterType: r.meter_type,
            meterSerialNumber: r.meter_serial,
          }) as BootRecord),
    firmwareStatus: r.firmware_status,
    diagnosticsStatus: r.diagnostics_status,
    hasPassword: r.password !== null,
    registered: r.registered === 1,
    virtual: r.virtual === 1,
    connectors,
    heartbeatGiven: givenOf(r),
  };
}

/** When the statuses the row holds arrived, as the row keeps them (a time only beside a status). */
function progressTimes(r: Row): ProgressTimes {
  const at = (status: unknown, time: unknown): string | null => (status === null || status === undefined || typeof time !== 'string' ? null : time);
  return { firmwareStatusAt: at(r.firmware_status, r.firmware_status_at), diagnosticsStatusAt: at(r.diagnostics_status, r.diagnostics_status_at) };
}

/** The change to how the charger is let in that its row holds (AdmissionChange), or null. */
function admissionChangeOf(r: Row): AdmissionChange | null {
  return ADMISSION_WHAT.has(r.admission_change) && typeof r.admission_change_at === 'string' ? { what: r.admission_change, at: r.admission_change_at } : null;
}

function givenOf(r: Row): HeartbeatGiven | null {
  const seconds = r.heartbeat_interval;
  if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0 || !GIVEN_HOW.has(r.heartbeat_interval_how) || typeof r.heartbeat_interval_at !== 'string') return null;
  if (r.heartbeat_interval_how !== 'boot' && supersededByBoot(r.heartbeat_interval_at, r)) return null;
  return { seconds, how: r.heartbeat_interval_how, at: r.heartbeat_interval_at };
}

/**
 * A change or read of the interval from before the charger's last accepted boot: that boot's answer gave the
 * interval in force. The bench writes the boot answer's interval over it as it answers; a boot replayed
 * from an older bench's journal (after migration 16 filled in the change or read) does not, nor one whose
 * answer did not go out: the interval is then not known here (the charger's page reads it from the record).
 */
function supersededByBoot(at: string, r: Row): boolean {
  if (r.registration_status !== 'Accepted' || typeof r.last_boot !== 'string') return false;
  const given = Date.parse(at);
  const boot = Date.parse(r.last_boot);
  return Number.isFinite(given) && Number.isFinite(boot) && given < boot;
}

function strip(o: Row): Row {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null));
}
