// A virtual OCPP 1.6J charge point: connectors with the spec's state machine, meters, configuration
// keys, local list and cache, reservations, smart charging, firmware and diagnostics, and faults on
// request. It speaks through the same RPC layer as the central system over a real WebSocket, and
// every timer runs on an injected Clock.
import { WebSocket } from 'ws';
import { RpcEndpoint, type CallOutcome, type FrameRecord, type Handler, type HandlerMap } from '../rpc/endpoint';
import {
  actions,
  OcppError,
  type Action,
  type AuthorizationData,
  type ChargePointErrorCode,
  type ChargePointStatus,
  type CentralSystemAction,
  type DiagnosticsStatus,
  type FirmwareStatus,
  type IdTagInfo,
  type JsonObject,
  type MeterValue,
  type ReadingContext,
  type Reason,
  type RegistrationStatus,
  type RequestOf,
  type ResponseOf,
  type SampledValue,
  type UnlockStatus,
} from '../../shared/ocpp16';
import { Faults, type VirtualChargerDefinition, type VirtualChargerView, type VirtualConnectorView } from '../../shared/api/virtual-chargers';
import { BenchError } from '../errors';
import { basicAuthorization, ConfigurationStore, type FeatureProfile } from './configuration';
import { SmartCharging, type InstalledProfile, type SmartChargingLimits } from './smart-charging';
import { every, sleep, systemClock, type Clock, type Timer } from '../clock';
import { download, upload, versionFromLocation } from './transfer';

export const OCPP_SUBPROTOCOL = 'ocpp1.6';
const VOLTAGE = 230;
const BATTERY_WH = 60_000;
const REBOOT_MS = 2_000;
const BACKOFF_MIN_MS = 1_000;
const BACKOFF_MAX_MS = 30_000;
const DIAGNOSTICS_LINES = 2_000;
const CACHE_SIZE = 1_000;
const STOP_SAMPLES = 200;
const DAY_MS = 86_400_000;

/** One frame as the virtual charger saw it. */
export interface VcpFrame extends FrameRecord {
  ts: string;
  chargerId: string;
}

type TxAction = 'StartTransaction' | 'StopTransaction' | 'MeterValues';
interface QueuedMessage {
  action: TxAction;
  payload: JsonObject;
  /** The charger's own number for the transaction; its transactionId is filled in when known. */
  localTx: number;
  attempts: number;
}

interface Transaction {
  localTx: number;
  transactionId: number | null;
  idTag: string;
  parentIdTag?: string;
  startedAt: number;
  meterStartWh: number;
  reservationId?: number;
  sampleTimer: Timer | null;
  beginSample: MeterValue | null;
  /** Periodic and clock-aligned samples for the StopTransaction's transactionData. */
  stopSamples: MeterValue[];
  dropped: boolean;
  /** StartTransaction came back not Accepted and StopTransactionOnInvalidId is false: MaxEnergyOnInvalidId applies. */
  invalid?: boolean;
}

interface Reservation {
  reservationId: number;
  connectorId: number;
  idTag: string;
  parentIdTag?: string;
  expiryDate: string;
  timer: Timer | null;
}

interface StatusHolder {
  /** What the central system was last told. */
  reported: string | null;
  /** The state now, and since when. */
  current?: string;
  since?: string;
}

interface Connector extends StatusHolder {
  id: number;
  plugged: boolean;
  evSuspended: boolean;
  fault: { errorCode: ChargePointErrorCode; info?: string } | null;
  lockFailure: boolean;
  availability: 'Operative' | 'Inoperative';
  scheduledAvailability: 'Operative' | 'Inoperative' | null;
  authorized: { idTag: string; parentIdTag?: string; timer: Timer } | null;
  startFailed: boolean;
  /** The EV left but the cable stays locked in the socket for this card (UnlockConnectorOnEVSideDisconnect=false). */
  cableLockedFor: string | null;
  tx: Transaction | null;
  finishing: boolean;
  meterWh: number;
  powerW: number;
  lastSettled: number;
}

/** What survives a restart of the bench (a charger's non-volatile memory). */
export interface PersistedState {
  config: Record<string, string>;
  localList: { version: number; entries: AuthorizationData[] };
  cache: Array<[string, IdTagInfo]>;
  meters: number[];
  availability: Array<'Operative' | 'Inoperative'>;
  firmwareVersion: string;
  profiles: InstalledProfile[];
  queue: QueuedMessage[];
  txIds: Array<[number, number]>;
  /** Transactions running when the charger lost power: stopped with PowerLoss at the next start. */
  openTransactions: Array<{ localTx: number; connectorId: number; meterWh: number }>;
  nextLocalTx: number;
}

export interface VirtualChargePointOptions {
  definition: VirtualChargerDefinition;
  /** Central system URL without the identity, e.g. ws://127.0.0.1:9000/ocpp. */
  url: string;
  clock?: Clock;
  random?: () => number;
  state?: Partial<PersistedState>;
  faults?: Partial<Faults>;
  callTimeoutMs?: number;
  /** Every frame sent or received. */
  onFrame?: (frame: VcpFrame) => void;
  /** Something a user sees changed (status, transaction, connection, queue, configuration). */
  onChange?: () => void;
  /** Round trip of every call this charger made, for the fleet benchmark. */
  onCallDone?: (action: Action, ms: number, outcome: CallOutcome['outcome']) => void;
  /** Keep a ring of recent frames for GetDiagnostics (off for large fleets). */
  keepDiagnostics?: boolean;
}

export class VirtualChargePoint {
  readonly id: string;
  readonly definition: VirtualChargerDefinition;
  readonly config: ConfigurationStore;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly connectors: Connector[];
  private readonly charger: StatusHolder & { fault: Connector['fault']; availability: 'Operative' | 'Inoperative'; scheduledAvailability: 'Operative' | 'Inoperative' | null };
  private readonly smart: SmartCharging;
  private faultState: Faults;
  private ws: WebSocket | null = null;
  private endpoint: RpcEndpoint | null = null;
  private running = false;
  private connection: VirtualChargerView['connection'] = 'stopped';
  private registration: RegistrationStatus | null = null;
  private lastError: string | null = null;
  private backoffMs = BACKOFF_MIN_MS;
  private reconnectTimer: Timer | null = null;
  private heartbeatTimer: Timer | null = null;
  private bootTimer: Timer | null = null;
  private alignedTimer: Timer | null = null;
  private offlineTimer: Timer | null = null;
  private pingTimer: Timer | null = null;
  /** WebSocketPingInterval as it was at boot (changing it needs a reboot). */
  private pingIntervalS = 0;
  /** Fires when a charging schedule next changes a connector's limit (see armScheduleTimer). */
  private scheduleTimer: Timer | null = null;
  private queue: QueuedMessage[] = [];
  /** The queued message on its way (a token per send), or null. */
  private sendingQueued: object | null = null;
  /** After a reconnect, statuses wait until the queued transaction messages are delivered. */
  private holdStatuses = false;
  private retryTimer: Timer | null = null;
  private readonly txIds = new Map<number, number>();
  private nextLocalTx = 1;
  private localList: { version: number; entries: Map<string, IdTagInfo | undefined> };
  private cache = new Map<string, IdTagInfo>();
  private reservations = new Map<number, Reservation>();
  private firmwareVersion: string;
  private firmwareStatus: FirmwareStatus = 'Idle';
  private diagnosticsStatus: DiagnosticsStatus = 'Idle';
  /** Firmware installed but not yet reported (Installed follows the boot that runs it). */
  private firmwareInstalledPending = false;
  private firmwareRun = 0;
  private readonly followUps = new Map<string, Array<() => void>>();
  private readonly recent: string[] = [];
  private password: string | undefined;
  /** Bumped at every power-on and power-off: async work begun before gives up when it changes. */
  private epoch = 0;

  constructor(private readonly options: VirtualChargePointOptions) {
    const def = options.definition;
    this.id = def.id;
    this.definition = def;
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    const state = options.state ?? {};
    this.faultState = Faults.parse(options.faults ?? {});
    this.config = new ConfigurationStore({ connectors: def.connectors, profiles: def.profiles as FeatureProfile[], values: state.config });
    // The definition's password seeds AuthorizationKey once; a key the central system set since wins.
    if (def.password && this.config.has('AuthorizationKey') && !this.config.string('AuthorizationKey')) this.config.setInternal('AuthorizationKey', def.password);
    this.password = this.config.string('AuthorizationKey') || def.password;
    this.firmwareVersion = state.firmwareVersion ?? def.firmwareVersion;
    this.charger = { fault: null, availability: state.availability?.[0] ?? 'Operative', scheduledAvailability: null, reported: null };
    const now = this.clock.now();
    this.connectors = Array.from({ length: def.connectors }, (_, i) => ({
      id: i + 1,
      plugged: false,
      evSuspended: false,
      fault: null,
      lockFailure: false,
      availability: state.availability?.[i + 1] ?? 'Operative',
      scheduledAvailability: null,
      authorized: null,
      startFailed: false,
      cableLockedFor: null,
      tx: null,
      finishing: false,
      meterWh: state.meters?.[i] ?? 0,
      powerW: 0,
      lastSettled: now,
      reported: null,
    }));
    this.smart = new SmartCharging({ connectors: def.connectors, voltage: VOLTAGE, defaultPhases: def.phases, maxCurrentA: Math.floor((def.maxPowerW / (VOLTAGE * def.phases)) * 10) / 10, profiles: state.profiles });
    this.localList = { version: state.localList?.version ?? 0, entries: new Map((state.localList?.entries ?? []).map((e) => [e.idTag, e.idTagInfo])) };
    this.cache = new Map(state.cache ?? []);
    this.queue = state.queue ?? [];
    for (const [l, t] of state.txIds ?? []) this.txIds.set(l, t);
    this.nextLocalTx = state.nextLocalTx ?? 1;
    // A transaction that was running when the bench stopped ended by loss of power.
    for (const open of state.openTransactions ?? []) {
      const c = this.connectors[open.connectorId - 1];
      if (c) c.meterWh = Math.max(c.meterWh, open.meterWh);
      this.queue.push({ action: 'StopTransaction', localTx: open.localTx, attempts: 0, payload: { meterStop: Math.round(open.meterWh), timestamp: this.iso(), reason: 'PowerLoss' } });
    }
    this.config.onChange((key) => this.onConfigChanged(key));
    this.pingIntervalS = this.config.int('WebSocketPingInterval');
  }

  // ---- lifecycle ---------------------------------------------------------------------------------

  /** Powers the charger on: it connects and boots. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.epoch++;
    this.connect();
    this.changed();
  }

  /** Powers the charger off; running transactions are remembered and stopped (PowerLoss) at the next start. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.powerDown();
    for (const c of this.connectors) if (c.tx) this.stopTransaction(c, 'PowerLoss');
    this.connection = 'stopped';
    this.changed();
  }

  get isRunning(): boolean {
    return this.running;
  }

  get isConnected(): boolean {
    return this.connection === 'connected';
  }

  get isAccepted(): boolean {
    return this.connection === 'connected' && this.registration === 'Accepted';
  }

  get faults(): Faults {
    return this.faultState;
  }

  persistentState(): PersistedState {
    const open = this.connectors.filter((c) => c.tx).map((c) => ({ localTx: c.tx!.localTx, connectorId: c.id, meterWh: this.settle(c) }));
    return {
      config: this.config.changedValues(),
      localList: { version: this.localList.version, entries: [...this.localList.entries].map(([idTag, idTagInfo]) => (idTagInfo ? { idTag, idTagInfo } : { idTag })) },
      cache: [...this.cache],
      meters: this.connectors.map((c) => Math.round(c.meterWh * 1000) / 1000),
      availability: [this.charger.availability, ...this.connectors.map((c) => c.availability)],
      firmwareVersion: this.firmwareVersion,
      profiles: this.smart.profiles(),
      queue: this.queue,
      txIds: [...this.txIds],
      openTransactions: open,
      nextLocalTx: this.nextLocalTx,
    };
  }

  view(): VirtualChargerView {
    const { password, ...def } = this.definition;
    return {
      id: this.id,
      definition: { ...def, hasPassword: Boolean(password ?? this.password) },
      running: this.running,
      connection: this.connection,
      registration: this.registration,
      firmwareVersion: this.firmwareVersion,
      firmwareStatus: this.firmwareStatus,
      diagnosticsStatus: this.diagnosticsStatus,
      lastError: this.lastError,
      queuedMessages: this.queue.length,
      localListVersion: this.localList.version,
      faults: this.faultState,
      connectors: this.connectors.map((c) => this.connectorView(c)),
      chargerFault: this.charger.fault ? { ...this.charger.fault } : null,
    };
  }

  private connectorView(c: Connector): VirtualConnectorView {
    const meterWh = this.settle(c);
    const r = this.reservationOn(c.id);
    return {
      connectorId: c.id,
      status: this.statusOf(c),
      errorCode: this.errorCodeOf(c),
      plugged: c.plugged,
      evSuspended: c.evSuspended,
      authorizedIdTag: c.authorized?.idTag ?? null,
      transaction: c.tx ? { transactionId: c.tx.transactionId, idTag: c.tx.idTag, startedAt: new Date(c.tx.startedAt).toISOString(), energyWh: Math.round(meterWh - c.tx.meterStartWh) } : null,
      reservation: r ? { reservationId: r.reservationId, idTag: r.idTag, expiryDate: r.expiryDate } : null,
      meterWh: Math.round(meterWh),
      powerW: Math.round(c.powerW * 10) / 10,
      availability: c.availability,
    };
  }

  // ---- physical actions --------------------------------------------------------------------------

  plug(connectorId: number): void {
    const c = this.connector(connectorId);
    if (c.plugged) throw new BenchError(409, `Connector ${connectorId} already has a cable plugged in`);
    c.plugged = true;
    c.finishing = false;
    if (c.authorized) {
      const { idTag, parentIdTag } = c.authorized;
      this.clearAuthorized(c);
      // Things may have changed since the card was presented (availability, a fault, a reservation).
      if (!this.cannotStart(c, idTag, parentIdTag)) this.startTransaction(c, idTag, parentIdTag);
      else this.smart.transactionEnded(c.id, null);
    }
    this.refresh();
  }

  unplug(connectorId: number): void {
    const c = this.connector(connectorId);
    if (!c.plugged) throw new BenchError(409, `Connector ${connectorId} has no cable plugged in`);
    this.settle(c);
    c.plugged = false;
    c.evSuspended = false;
    c.finishing = false;
    c.startFailed = false;
    if (c.tx && this.config.bool('StopTransactionOnEVSideDisconnect')) {
      const idTag = c.tx.idTag;
      this.stopTransaction(c, 'EVDisconnected');
      c.finishing = false;
      if (!this.config.bool('UnlockConnectorOnEVSideDisconnect')) c.cableLockedFor = idTag;
    }
    this.refresh();
  }

  /** A card held to the reader of a connector: starts, or stops, a session. */
  async presentIdTag(connectorId: number, idTag: string): Promise<{ accepted: boolean; status: string; message: string }> {
    const c = this.connector(connectorId);
    const epoch = this.epoch;
    if (!c.tx && c.cableLockedFor !== null) {
      // The EV left but the cable stayed locked in the socket (UnlockConnectorOnEVSideDisconnect=false):
      // the card that charged releases it.
      if (c.cableLockedFor !== idTag) return { accepted: false, status: 'Invalid', message: `The cable on connector ${connectorId} is locked for card ${c.cableLockedFor}` };
      c.cableLockedFor = null;
      this.refresh();
      return { accepted: true, status: 'Accepted', message: `Cable on connector ${connectorId} unlocked` };
    }
    if (c.tx) {
      const tx = c.tx;
      let same = tx.idTag === idTag;
      if (!same && tx.parentIdTag) {
        const info = await this.authorize(idTag);
        same = info.status === 'Accepted' && info.parentIdTag === tx.parentIdTag;
      }
      if (!same) return { accepted: false, status: 'Invalid', message: `Card ${idTag} did not start the transaction on connector ${connectorId}; it cannot stop it` };
      if (c.tx !== tx) return { accepted: false, status: 'Invalid', message: 'The transaction ended meanwhile' };
      this.stopTransaction(c, 'Local', idTag);
      this.refresh();
      return { accepted: true, status: 'Accepted', message: `Transaction on connector ${connectorId} stopped by card ${idTag}` };
    }
    const refusal = this.cannotStart(c, idTag, null);
    if (refusal) return { accepted: false, status: 'Rejected', message: refusal };
    const info = await this.authorize(idTag);
    if (epoch !== this.epoch) return { accepted: false, status: 'Rejected', message: 'The charger restarted meanwhile' };
    if (info.status !== 'Accepted') {
      this.refresh();
      return { accepted: false, status: info.status, message: `Card ${idTag} was not accepted: ${info.status}` };
    }
    const again = this.cannotStart(c, idTag, info.parentIdTag);
    if (again) return { accepted: false, status: 'Rejected', message: again };
    this.beginAuthorized(c, idTag, info.parentIdTag);
    return { accepted: true, status: 'Accepted', message: c.startFailed ? `Card ${idTag} accepted, but the session failed to start (fault)` : c.tx ? `Transaction started on connector ${connectorId}` : `Card ${idTag} accepted: plug in the cable within ${this.config.int('ConnectionTimeOut')} s` };
  }

  suspend(connectorId: number): void {
    const c = this.connector(connectorId);
    if (!c.tx || !c.plugged) throw new BenchError(409, `Connector ${connectorId} has no EV charging to suspend`);
    this.settle(c);
    c.evSuspended = true;
    this.refresh();
  }

  resume(connectorId: number): void {
    const c = this.connector(connectorId);
    if (!c.evSuspended) throw new BenchError(409, `The EV on connector ${connectorId} is not suspended`);
    this.settle(c);
    c.evSuspended = false;
    this.refresh();
  }

  setFault(connectorId: number, errorCode: ChargePointErrorCode, info?: string): void {
    const target = connectorId === 0 ? this.charger : this.connector(connectorId);
    this.settleAll();
    target.fault = { errorCode, info };
    for (const c of connectorId === 0 ? this.connectors : [target as Connector]) this.dropAuthorized(c);
    this.refresh();
  }

  clearFault(connectorId: number): void {
    const target = connectorId === 0 ? this.charger : this.connector(connectorId);
    if (!target.fault) throw new BenchError(409, connectorId === 0 ? 'The charger has no fault set' : `Connector ${connectorId} has no fault set`);
    this.settleAll();
    target.fault = null;
    this.refresh();
  }

  /** Power lost and back: transactions end with PowerLoss, then the charger boots again. */
  powerCycle(): void {
    if (!this.running) throw new BenchError(409, `Virtual charger ${this.id} is not running`);
    void this.reboot('PowerLoss', false);
  }

  /** Closes the WebSocket as a network failure would; the charger reconnects with back-off. */
  dropConnection(): void {
    if (!this.ws) throw new BenchError(409, `Virtual charger ${this.id} is not connected`);
    this.lastError = 'Connection dropped on request';
    this.ws.terminate();
  }

  /** Sends one frame that is not valid OCPP-J. */
  sendMalformed(): void {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) throw new BenchError(409, `Virtual charger ${this.id} is not connected`);
    this.sendRaw(`[2,"malformed-${Math.floor(this.random() * 1e6)}","Heartbeat",{`);
  }

  setFaults(patch: Partial<Faults>): Faults {
    const before = this.faultState;
    this.faultState = Faults.parse({ ...before, ...patch });
    this.settleAll();
    if (this.faultState.offline && !before.offline) this.goOffline();
    if (!this.faultState.offline && before.offline) this.comeBack();
    if (!this.faultState.stuckConnector && before.stuckConnector) for (const c of this.connectors) c.lockFailure = false;
    if (!this.faultState.sessionStartFailure && before.sessionStartFailure) for (const c of this.connectors) c.startFailed = false;
    this.refresh();
    return this.faultState;
  }

  // ---- connection --------------------------------------------------------------------------------

  private connect(): void {
    if (!this.running || this.ws || this.faultState.offline) return;
    this.reconnectTimer?.cancel();
    this.reconnectTimer = null;
    this.connection = 'connecting';
    const url = `${this.options.url.replace(/\/+$/, '')}/${encodeURIComponent(this.id)}`;
    const headers: Record<string, string> = {};
    if (this.password) headers.Authorization = basicAuthorization(this.id, this.password);
    let ws: WebSocket;
    try {
      ws = new WebSocket(url, [OCPP_SUBPROTOCOL], { headers, handshakeTimeout: 15_000, perMessageDeflate: false });
    } catch (e) {
      this.lastError = `Cannot connect to ${url}: ${(e as Error).message}`;
      this.scheduleReconnect();
      return;
    }
    this.ws = ws;
    const endpoint = new RpcEndpoint({
      role: 'CP',
      handlers: this.handlers(),
      callTimeoutMs: this.options.callTimeoutMs ?? 30_000,
      io: {
        received: (rec) => this.tap(rec),
        transmit: (text, rec, sent) => {
          this.tap(rec);
          if (ws.readyState === WebSocket.OPEN) ws.send(text);
          sent?.();
          const more = rec.messageId !== null && (rec.kind === 'CALLRESULT' || rec.kind === 'CALLERROR') ? this.followUps.get(rec.messageId) : undefined;
          if (more) {
            this.followUps.delete(rec.messageId!);
            queueMicrotask(() => more.forEach((fn) => fn()));
          }
        },
      },
    });
    this.endpoint = endpoint;
    ws.on('open', () => this.onOpen(ws));
    ws.on('message', (data, isBinary) => {
      if (this.ws === ws) endpoint.receive(data as Buffer, isBinary);
    });
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      const done = () => {
        this.lastError = `The central system refused the connection: HTTP ${res.statusCode}${body.trim() ? ` ${body.trim().slice(0, 300)}` : ''}`;
        ws.terminate();
        this.changed();
      };
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.once('end', done);
      res.once('error', done);
    });
    ws.on('error', (e) => {
      if (!this.lastError?.startsWith('The central system refused')) this.lastError = `Connection error: ${e.message}`;
    });
    ws.on('close', (code, reason) => this.onClose(ws, endpoint, code, reason.toString()));
  }

  private onOpen(ws: WebSocket): void {
    if (this.ws !== ws) return;
    this.startPing(ws);
    this.connection = 'connected';
    this.lastError = null;
    this.backoffMs = BACKOFF_MIN_MS;
    this.changed();
    if (this.registration === 'Accepted') this.resumeSession();
    else void this.boot();
  }

  private onClose(ws: WebSocket, endpoint: RpcEndpoint, code: number, reason: string): void {
    endpoint.close(`Connection closed (${code}${reason ? `: ${reason}` : ''})`);
    if (this.ws !== ws) return;
    this.ws = null;
    this.endpoint = null;
    this.followUps.clear();
    this.heartbeatTimer?.cancel();
    this.bootTimer?.cancel();
    this.pingTimer?.cancel();
    this.pingTimer = null;
    if (this.connection === 'connected' && !this.lastError) this.lastError = `Connection closed (${code}${reason ? `: ${reason}` : ''})`;
    // A rejected charger boots afresh when it gets through again; an accepted one resumes.
    if (this.registration !== 'Accepted') this.registration = null;
    if (this.connection !== 'rebooting' && this.connection !== 'stopped') {
      this.connection = 'disconnected';
      this.scheduleReconnect();
    }
    this.changed();
  }

  /** The charger's own WebSocket pings; a central system that misses a pong by the next ping is dropped. */
  private startPing(ws: WebSocket): void {
    this.pingTimer?.cancel();
    this.pingTimer = null;
    if (!(this.pingIntervalS > 0)) return;
    let answered = true;
    ws.on('pong', () => (answered = true));
    this.pingTimer = every(this.clock, () => this.pingIntervalS * 1000, () => {
      if (this.ws !== ws) return;
      if (!answered) {
        this.lastError = `The central system did not answer a WebSocket ping within ${this.pingIntervalS} s`;
        ws.terminate();
        return;
      }
      answered = false;
      ws.ping();
    });
  }

  private scheduleReconnect(): void {
    if (!this.running || this.faultState.offline || this.reconnectTimer) return;
    const delay = this.backoffMs * (1 + this.random() * 0.2);
    this.backoffMs = Math.min(BACKOFF_MAX_MS, this.backoffMs * 2);
    this.reconnectTimer = this.clock.after(delay, () => {
      this.reconnectTimer = null;
      this.connect();
    });
  }

  private closeSocket(): void {
    const ws = this.ws;
    if (!ws) return;
    this.ws = null;
    this.endpoint?.close('The charger closed the connection');
    this.endpoint = null;
    this.followUps.clear();
    if (ws.readyState === WebSocket.OPEN) ws.close(1000, 'Charge point going down');
    else ws.terminate();
  }

  private powerDown(): void {
    this.epoch++;
    this.settleAll();
    for (const t of [this.reconnectTimer, this.heartbeatTimer, this.bootTimer, this.alignedTimer, this.retryTimer, this.offlineTimer, this.scheduleTimer, this.pingTimer]) t?.cancel();
    this.reconnectTimer = this.heartbeatTimer = this.bootTimer = this.alignedTimer = this.retryTimer = this.offlineTimer = this.scheduleTimer = this.pingTimer = null;
    // Settings that need a reboot take effect from the next power-on.
    this.pingIntervalS = this.config.int('WebSocketPingInterval');
    for (const c of this.connectors) {
      c.tx?.sampleTimer?.cancel();
      if (c.authorized) this.clearAuthorized(c);
      c.reported = null;
    }
    // Reservations live in volatile memory: a charger that loses power forgets them.
    for (const r of [...this.reservations.values()]) this.endReservation(r);
    this.charger.reported = null;
    this.registration = null;
    this.sendingQueued = null;
    this.holdStatuses = false;
    this.closeSocket();
  }

  private goOffline(): void {
    this.lastError = 'Offline (fault): no heartbeats, no connection';
    this.reconnectTimer?.cancel();
    this.reconnectTimer = null;
    if (this.ws) this.ws.terminate();
    this.offlineTimer?.cancel();
    if (this.faultState.offlineSeconds > 0) {
      this.offlineTimer = this.clock.after(this.faultState.offlineSeconds * 1000, () => {
        this.offlineTimer = null;
        this.setFaults({ offline: false });
      });
    }
  }

  private comeBack(): void {
    this.offlineTimer?.cancel();
    this.offlineTimer = null;
    this.backoffMs = BACKOFF_MIN_MS;
    this.connect();
  }

  // ---- boot, heartbeat, status -------------------------------------------------------------------

  private async boot(): Promise<void> {
    this.bootTimer?.cancel();
    const endpoint = this.endpoint;
    if (!endpoint) return;
    const outcome = await this.call('BootNotification', this.bootPayload());
    if (this.endpoint !== endpoint) return;
    if (outcome.outcome !== 'completed') {
      this.bootTimer = this.clock.after(30_000, () => void this.boot());
      return;
    }
    const { status, interval } = outcome.response;
    if (status === 'Accepted') return this.bootAccepted(interval);
    this.registration = status;
    this.changed();
    // Pending and Rejected: ask again after the interval given (at least a second).
    this.bootTimer = this.clock.after(Math.max(1, interval || 60) * 1000, () => void this.boot());
  }

  /** Registered: heartbeats at the interval given, every status, then what waited (also after a triggered boot). */
  private bootAccepted(interval: number): void {
    this.bootTimer?.cancel();
    this.bootTimer = null;
    this.holdStatuses = false;
    this.registration = 'Accepted';
    this.changed();
    if (interval > 0) this.config.setInternal('HeartbeatInterval', String(Math.min(interval, 86_400)));
    this.startHeartbeat();
    this.startAligned();
    for (const c of [0, ...this.connectors.map((x) => x.id)]) this.reportStatus(c, true);
    if (this.firmwareInstalledPending) {
      this.firmwareInstalledPending = false;
      this.setFirmwareStatus('Installed');
    }
    this.pumpQueue();
  }

  private bootPayload(): RequestOf<'BootNotification'> {
    const d = this.definition;
    return {
      chargePointVendor: d.vendor,
      chargePointModel: d.model,
      chargePointSerialNumber: d.serialNumber ?? `VCP-${d.id}`.slice(0, 25),
      chargeBoxSerialNumber: d.serialNumber ?? `VCP-${d.id}`.slice(0, 25),
      firmwareVersion: this.firmwareVersion,
      meterType: 'ChargeBench virtual meter',
      meterSerialNumber: `VM-${d.id}`.slice(0, 25),
    };
  }

  /** Back online without a reboot: report what changed meanwhile, deliver queued transaction messages. */
  private resumeSession(): void {
    this.startHeartbeat();
    // Queued transaction messages lead, so the central system learns what happened offline, in order,
    // before the statuses that follow from it.
    this.holdStatuses = this.queue.length > 0;
    this.pumpQueue();
    if (!this.holdStatuses) this.reportAll();
  }

  /** The queue is delivered (or stuck in retries): the statuses held back go out. */
  private releaseStatuses(): void {
    if (!this.holdStatuses) return;
    this.holdStatuses = false;
    this.reportAll();
  }

  private reportAll(): void {
    for (const c of [0, ...this.connectors.map((x) => x.id)]) this.reportStatus(c, false);
  }

  private startHeartbeat(): void {
    this.heartbeatTimer?.cancel();
    this.heartbeatTimer = every(this.clock, () => this.config.int('HeartbeatInterval') * 1000, () => {
      if (this.isAccepted) void this.call('Heartbeat', {});
    });
  }

  private startAligned(): void {
    this.alignedTimer?.cancel();
    const interval = this.config.int('ClockAlignedDataInterval') * 1000;
    if (!(interval > 0)) return;
    // Aligned to midnight (UTC): an interval that does not divide the day restarts at the next midnight.
    const now = this.clock.now();
    const midnight = Math.floor(now / DAY_MS) * DAY_MS;
    const next = Math.min(midnight + Math.ceil((now - midnight + 1) / interval) * interval, midnight + DAY_MS);
    this.alignedTimer = this.clock.after(next - now, () => {
      this.alignedTimer = null;
      this.sendAligned();
      this.startAligned();
    });
  }

  private sendAligned(): void {
    const stopData = this.config.list('StopTxnAlignedData');
    if (stopData.length) for (const c of this.connectors) if (c.tx) this.keepForStop(c.tx, this.sample(c, 'Sample.Clock', stopData));
    const measurands = this.config.list('MeterValuesAlignedData');
    if (!measurands.length) return;
    for (const c of this.connectors) {
      const mv = this.sample(c, 'Sample.Clock', measurands);
      if (c.tx) this.enqueue('MeterValues', c.tx.localTx, { connectorId: c.id, meterValue: [mv] });
      else if (this.isAccepted) void this.call('MeterValues', { connectorId: c.id, meterValue: [mv] });
    }
  }

  private statusOf(c: Connector): ChargePointStatus {
    if (c.fault) return 'Faulted';
    if (c.tx) {
      if (c.evSuspended || !c.plugged) return 'SuspendedEV';
      if (this.targetPowerW(c) <= 0) return 'SuspendedEVSE';
      return 'Charging';
    }
    if (c.startFailed) return 'Available';
    if (c.finishing || c.cableLockedFor !== null) return 'Finishing';
    if (c.availability === 'Inoperative' || this.charger.availability === 'Inoperative') return 'Unavailable';
    // The reserving card presented (or a remote start for it) turns Reserved into Preparing.
    if (c.authorized) return 'Preparing';
    if (this.reservationOn(c.id) && !c.plugged) return 'Reserved';
    if (c.plugged) return 'Preparing';
    return 'Available';
  }

  private errorCodeOf(c: Connector): ChargePointErrorCode {
    if (c.fault) return c.fault.errorCode;
    if (c.lockFailure) return 'ConnectorLockFailure';
    return 'NoError';
  }

  private chargerStatus(): { status: ChargePointStatus; errorCode: ChargePointErrorCode; info?: string } {
    if (this.charger.fault) return { status: 'Faulted', errorCode: this.charger.fault.errorCode, info: this.charger.fault.info };
    return { status: this.charger.availability === 'Inoperative' ? 'Unavailable' : 'Available', errorCode: 'NoError' };
  }

  /** Tells the central system a connector's status if it changed since it was last told (or always). */
  private reportStatus(connectorId: number, force: boolean): void {
    let payload: RequestOf<'StatusNotification'>;
    let holder: StatusHolder;
    if (connectorId === 0) {
      const s = this.chargerStatus();
      payload = { connectorId: 0, status: s.status, errorCode: s.errorCode, ...(s.info ? { info: s.info } : {}) };
      holder = this.charger;
    } else {
      const c = this.connectors[connectorId - 1];
      payload = { connectorId, status: this.statusOf(c), errorCode: this.errorCodeOf(c), ...(c.fault?.info ? { info: c.fault.info } : {}) };
      holder = c;
    }
    const key = `${payload.status}/${payload.errorCode}`;
    // The timestamp says when the state began, which matters when it is reported late (after offline).
    if (holder.current !== key) {
      holder.current = key;
      holder.since = this.iso();
    }
    payload.timestamp = holder.since ?? this.iso();
    if (!force && holder.reported === key) return;
    if (!this.isAccepted || this.holdStatuses) return;
    holder.reported = key;
    void this.call('StatusNotification', payload);
  }

  /** After any change: settle meters, report changed statuses, tell the owner. */
  private refresh(): void {
    for (const c of this.connectors) this.settle(c);
    this.reportStatus(0, false);
    for (const c of this.connectors) this.reportStatus(c.id, false);
    this.armScheduleTimer();
    this.changed();
  }

  /**
   * Charging schedules change the limit at their period boundaries, not only when something else happens:
   * a timer at the next boundary of a running transaction's limit settles the meter at the old power and
   * reports the status the new limit brings (e.g. SuspendedEVSE at 0 W). Re-armed on every refresh.
   */
  private armScheduleTimer(): void {
    this.scheduleTimer?.cancel();
    this.scheduleTimer = null;
    if (!this.running || !this.definition.profiles.includes('SmartCharging') || this.smart.profiles().length === 0) return;
    // Only a running transaction draws power; idle connectors have nothing to follow.
    const busy = this.connectors.filter((c) => c.tx);
    if (!busy.length) return;
    const now = this.clock.now();
    const horizon = 86_400_000;
    let next = now + horizon;
    for (const c of busy) {
      const t = this.smart.nextChange(c.id, now, this.activeTx, horizon);
      if (t !== null) next = Math.min(next, t);
    }
    this.scheduleTimer = this.clock.after(next - now, () => {
      this.scheduleTimer = null;
      this.refresh();
    });
  }

  private changed(): void {
    this.options.onChange?.();
  }

  // ---- authorization -----------------------------------------------------------------------------

  private localEntry(idTag: string): IdTagInfo | undefined {
    if (!this.config.has('LocalAuthListEnabled') || !this.config.bool('LocalAuthListEnabled')) return undefined;
    return this.localList.entries.get(idTag);
  }

  private effective(info: IdTagInfo): IdTagInfo {
    if (info.status === 'Accepted' && info.expiryDate && Date.parse(info.expiryDate) < this.clock.now()) return { ...info, status: 'Expired' };
    return info;
  }

  /** The authorization cache keeps the latest answers, oldest dropped first; listed tags are not cached (3.5.3). */
  private remember(idTag: string, info: IdTagInfo): void {
    this.cache.delete(idTag);
    this.cache.set(idTag, info);
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
  }

  /** Authorizes a card as a good charger does: local list and cache first where allowed, else Authorize. */
  async authorize(idTag: string): Promise<IdTagInfo> {
    const listed = this.localEntry(idTag);
    const cacheOn = this.config.bool('AuthorizationCacheEnabled');
    const cached = cacheOn ? this.cache.get(idTag) : undefined;
    const local = listed ? this.effective(listed) : cached ? this.effective(cached) : undefined;
    if (this.isAccepted) {
      if (local?.status === 'Accepted' && this.config.bool('LocalPreAuthorize')) return local;
      const outcome = await this.call('Authorize', { idTag });
      if (outcome.outcome === 'completed') {
        let info = outcome.response.idTagInfo;
        if (cacheOn && !listed) this.remember(idTag, info);
        if (this.faultState.authFailure && !listed) info = { status: 'Invalid' };
        return info;
      }
    }
    // Offline (or the central system did not answer).
    if (this.faultState.authFailure && !listed) return { status: 'Invalid' };
    if (!local) return { status: this.config.bool('AllowOfflineTxForUnknownId') ? 'Accepted' : 'Invalid' };
    return this.config.bool('LocalAuthorizeOffline') ? local : { status: 'Invalid' };
  }

  /**
   * Why a session cannot start on this connector for this card, or null. `parentIdTag` null: not known
   * yet (before authorization), so a reservation by parent tag is given the benefit of the doubt.
   */
  private cannotStart(c: Connector, idTag: string, parentIdTag: string | undefined | null): string | null {
    if (c.fault || this.charger.fault) return `Connector ${c.id} is faulted`;
    if (c.availability === 'Inoperative' || this.charger.availability === 'Inoperative') return `Connector ${c.id} is unavailable`;
    if (c.tx) return `Connector ${c.id} already has a transaction`;
    if (c.cableLockedFor !== null) return `Connector ${c.id} still has the last session's cable locked in`;
    const r = this.reservationOn(c.id);
    if (r && !reservationMatches(r, idTag, parentIdTag === null ? (r.parentIdTag ?? undefined) : parentIdTag)) return `Connector ${c.id} is reserved for ${r.idTag}`;
    return null;
  }

  private beginAuthorized(c: Connector, idTag: string, parentIdTag?: string): void {
    if (this.faultState.sessionStartFailure) {
      c.startFailed = true;
      this.refresh();
      return;
    }
    if (c.plugged) {
      this.startTransaction(c, idTag, parentIdTag);
    } else {
      if (c.authorized) this.clearAuthorized(c);
      const timer = this.clock.after(this.config.int('ConnectionTimeOut') * 1000, () => {
        if (c.authorized?.timer !== timer) return;
        this.dropAuthorized(c);
        this.refresh();
      });
      c.authorized = { idTag, parentIdTag, timer };
    }
    this.refresh();
  }

  private clearAuthorized(c: Connector): void {
    c.authorized?.timer.cancel();
    c.authorized = null;
  }

  /** The card presented will not start a session after all: a TxProfile a remote start brought goes too.
   * The caller reports the statuses once its own change is made. */
  private dropAuthorized(c: Connector): void {
    if (!c.authorized) return;
    this.clearAuthorized(c);
    this.smart.transactionEnded(c.id, null);
  }

  // ---- transactions and metering -----------------------------------------------------------------

  private startTransaction(c: Connector, idTag: string, parentIdTag?: string): void {
    this.settle(c);
    const reservation = this.reservationFor(c.id, idTag, parentIdTag);
    if (reservation) this.endReservation(reservation);
    const localTx = this.nextLocalTx++;
    const now = this.clock.now();
    const tx: Transaction = { localTx, transactionId: null, idTag, parentIdTag, startedAt: now, meterStartWh: c.meterWh, reservationId: reservation?.reservationId, sampleTimer: null, beginSample: null, stopSamples: [], dropped: false };
    c.tx = tx;
    c.finishing = false;
    c.evSuspended = false;
    c.powerW = this.targetPowerW(c);
    const beginData = this.config.list('StopTxnSampledData');
    tx.beginSample = beginData.length ? this.sample(c, 'Transaction.Begin', beginData) : null;
    this.enqueue('StartTransaction', localTx, { connectorId: c.id, idTag, meterStart: Math.round(c.meterWh), timestamp: this.iso(), ...(reservation ? { reservationId: reservation.reservationId } : {}) });
    tx.sampleTimer = every(this.clock, () => this.config.int('MeterValueSampleInterval') * 1000, () => this.samplePeriodic(c, tx));
  }

  private samplePeriodic(c: Connector, tx: Transaction): void {
    if (c.tx !== tx) return;
    const stopData = this.config.list('StopTxnSampledData');
    if (stopData.length) this.keepForStop(tx, this.sample(c, 'Sample.Periodic', stopData));
    const measurands = this.config.list('MeterValuesSampledData');
    if (measurands.length) this.enqueue('MeterValues', tx.localTx, { connectorId: c.id, meterValue: [this.sample(c, 'Sample.Periodic', measurands)] });
    this.refresh();
  }

  /** Samples of StopTxnSampledData / StopTxnAlignedData go with the StopTransaction (the oldest make way for the newest). */
  private keepForStop(tx: Transaction, mv: MeterValue): void {
    tx.stopSamples.push(mv);
    if (tx.stopSamples.length > STOP_SAMPLES) tx.stopSamples.shift();
  }

  private stopTransaction(c: Connector, reason: Reason, idTag?: string): void {
    const tx = c.tx;
    if (!tx) return;
    this.settle(c);
    tx.sampleTimer?.cancel();
    const stopData = this.config.list('StopTxnSampledData');
    const samples = [...(tx.beginSample ? [tx.beginSample] : []), ...tx.stopSamples, ...(stopData.length ? [this.sample(c, 'Transaction.End', stopData)] : [])];
    const transactionData = samples.length ? samples : undefined;
    this.enqueue('StopTransaction', tx.localTx, { meterStop: Math.round(c.meterWh), timestamp: this.iso(), reason, ...(idTag ? { idTag } : {}), ...(transactionData ? { transactionData } : {}) });
    c.tx = null;
    c.evSuspended = false;
    c.finishing = c.plugged;
    c.powerW = 0;
    this.smart.transactionEnded(c.id, tx.transactionId);
    if (c.scheduledAvailability) {
      c.availability = c.scheduledAvailability;
      c.scheduledAvailability = null;
    }
    if (this.charger.scheduledAvailability && !this.connectors.some((x) => x.tx)) {
      this.charger.availability = this.charger.scheduledAvailability;
      this.charger.scheduledAvailability = null;
    }
  }

  private activeTx = (connectorId: number): { transactionId: number; startedAt: number } | null => {
    const tx = this.connectors[connectorId - 1]?.tx;
    return tx ? { transactionId: tx.transactionId ?? -1, startedAt: tx.startedAt } : null;
  };

  /** What a connector would draw on its own: the EV, the connector's limits, its charging profiles. */
  private demandW(c: Connector): number {
    if (!c.tx || !c.plugged || c.evSuspended || c.fault || this.charger.fault || c.startFailed) return 0;
    // An idTag found invalid after the start may draw MaxEnergyOnInvalidId, then no more (OCPP 1.6, 4.8).
    if (c.tx.invalid && c.meterWh - c.tx.meterStartWh >= this.config.int('MaxEnergyOnInvalidId')) return 0;
    let p = this.definition.maxPowerW;
    if (this.definition.profiles.includes('SmartCharging')) p = Math.min(p, this.smart.limitW(c.id, this.clock.now(), this.activeTx));
    if (this.faultState.slowCharging) p = Math.min(p, this.faultState.slowChargingW);
    return Math.max(0, p);
  }

  /**
   * The power a connector gets. ChargePointMaxProfile limits the charger as a whole (OCPP 1.6, 3.13.1),
   * so the connectors charging share it: each gets its demand, or an equal share of what is left.
   */
  private targetPowerW(c: Connector): number {
    const own = this.demandW(c);
    if (own <= 0 || !this.definition.profiles.includes('SmartCharging')) return own;
    let budget = this.smart.chargePointMaxW(this.clock.now());
    if (!Number.isFinite(budget)) return own;
    const demands = this.connectors.map((x) => ({ x, d: x === c ? own : this.demandW(x) })).filter((e) => e.d > 0).sort((a, b) => a.d - b.d);
    for (let i = 0; i < demands.length; i++) {
      const share = Math.min(demands[i].d, budget / (demands.length - i));
      if (demands[i].x === c) return share;
      budget -= share;
    }
    return own;
  }

  /** Integrates energy up to now at the power that was flowing, then sets the power for what follows. */
  private settle(c: Connector): number {
    const now = this.clock.now();
    if (now > c.lastSettled) c.meterWh += (c.powerW * (now - c.lastSettled)) / 3_600_000;
    c.lastSettled = now;
    c.powerW = this.targetPowerW(c);
    return c.meterWh;
  }

  private settleAll(): void {
    for (const c of this.connectors) this.settle(c);
  }

  private sample(c: Connector, context: ReadingContext, measurands: string[]): MeterValue {
    const wh = this.settle(c);
    const phases = this.definition.phases;
    const offeredW = Math.min(this.definition.maxPowerW, this.smart.limitW(c.id, this.clock.now(), this.activeTx));
    const sessionWh = c.tx ? wh - c.tx.meterStartWh : 0;
    const values: SampledValue[] = [];
    for (const m of measurands) {
      const v = (value: string, unit: SampledValue['unit'], location: SampledValue['location'] = 'Outlet') => values.push({ value, context, format: 'Raw', measurand: m as SampledValue['measurand'], location, unit });
      switch (m) {
        case 'Energy.Active.Import.Register':
          v(String(Math.round(wh)), 'Wh');
          break;
        case 'Power.Active.Import':
          v(c.powerW.toFixed(1), 'W');
          break;
        case 'Current.Import':
          v((c.powerW / (VOLTAGE * phases)).toFixed(2), 'A');
          break;
        case 'Current.Offered':
          v((offeredW / (VOLTAGE * phases)).toFixed(2), 'A');
          break;
        case 'Power.Offered':
          v(offeredW.toFixed(1), 'W');
          break;
        case 'Voltage':
          v(VOLTAGE.toFixed(1), 'V');
          break;
        case 'SoC':
          v(String(Math.min(100, Math.round(20 + (sessionWh / BATTERY_WH) * 100))), 'Percent', 'EV');
          break;
        case 'Temperature':
          v((25 + c.powerW / 2000).toFixed(1), 'Celsius', 'Body');
          break;
        default:
          break;
      }
    }
    if (!values.length) values.push({ value: String(Math.round(wh)), context, format: 'Raw', measurand: 'Energy.Active.Import.Register', location: 'Outlet', unit: 'Wh' });
    return { timestamp: this.iso(), sampledValue: values };
  }

  // ---- transaction message queue (delivered in order, retried, kept while offline) ---------------

  private enqueue(action: TxAction, localTx: number, payload: JsonObject): void {
    this.queue.push({ action, payload, localTx, attempts: 0 });
    this.pumpQueue();
    this.changed();
  }

  private pumpQueue(): void {
    if (this.sendingQueued || !this.isAccepted || this.retryTimer) return;
    const head = this.queue[0];
    if (!head) return this.releaseStatuses();
    let payload = head.payload;
    if (head.action !== 'StartTransaction') {
      const transactionId = this.txIds.get(head.localTx);
      if (transactionId === undefined) {
        // Its StartTransaction was never accepted: nothing to attach it to.
        this.queue.shift();
        return this.pumpQueue();
      }
      payload = { ...payload, transactionId };
    }
    const token = {};
    this.sendingQueued = token;
    void this.call(head.action, payload as never).then((outcome) => {
      // A power-off or a newer connection took over meanwhile: the message stays queued for it.
      if (this.sendingQueued !== token) return;
      this.sendingQueued = null;
      if (outcome.outcome === 'offline') return;
      if (outcome.outcome === 'completed') {
        this.queue.shift();
        this.delivered(head, outcome.response as JsonObject);
      } else {
        head.attempts += 1;
        if (head.attempts >= Math.max(1, this.config.int('TransactionMessageAttempts'))) {
          this.queue.shift();
          this.lastError = `${head.action} was not accepted after ${head.attempts} attempts; dropped`;
          if (head.action === 'StopTransaction') this.txIds.delete(head.localTx);
        } else {
          this.retryTimer = this.clock.after(this.config.int('TransactionMessageRetryInterval') * 1000 * head.attempts, () => {
            this.retryTimer = null;
            this.pumpQueue();
          });
          // Statuses held back for the queue need not wait for the retries.
          this.releaseStatuses();
        }
      }
      this.changed();
      this.pumpQueue();
    });
  }

  private delivered(msg: QueuedMessage, response: JsonObject): void {
    const c = this.connectors.find((x) => x.tx?.localTx === msg.localTx);
    if (msg.action === 'StartTransaction') {
      const r = response as ResponseOf<'StartTransaction'>;
      this.txIds.set(msg.localTx, r.transactionId);
      if (c?.tx) {
        c.tx.transactionId = r.transactionId;
        this.smart.bindTransaction(c.id, r.transactionId);
        if (this.config.bool('AuthorizationCacheEnabled') && !this.localEntry(c.tx.idTag)) this.remember(c.tx.idTag, r.idTagInfo);
        if (r.idTagInfo.status !== 'Accepted') {
          if (this.config.bool('StopTransactionOnInvalidId')) this.stopTransaction(c, 'DeAuthorized');
          else c.tx.invalid = true;
          this.refresh();
        }
      }
    } else if (msg.action === 'StopTransaction') {
      if (!this.queue.some((q) => q.localTx === msg.localTx)) this.txIds.delete(msg.localTx);
    } else if (msg.action === 'MeterValues' && c?.tx && this.faultState.dropMidTransaction && !c.tx.dropped) {
      c.tx.dropped = true;
      this.lastError = 'Connection dropped mid-transaction (fault)';
      this.ws?.terminate();
    }
  }

  // ---- reservations ------------------------------------------------------------------------------

  private reservationOn(connectorId: number): Reservation | undefined {
    for (const r of this.reservations.values()) if (r.connectorId === connectorId) return r;
    // Reservations of connector 0 each hold one connector once only as many are free as they need.
    const zeros = [...this.reservations.values()].filter((r) => r.connectorId === 0);
    if (!zeros.length) return undefined;
    const free = this.freeConnectors();
    const i = free.findIndex((c) => c.id === connectorId);
    return i >= 0 && free.length <= zeros.length ? zeros[i] : undefined;
  }

  /** Connectors a new session could use: idle, operative, not faulted, not reserved on their own. */
  private freeConnectors(exceptReservation?: number): Connector[] {
    const own = new Set([...this.reservations.values()].filter((r) => r.connectorId > 0 && r.reservationId !== exceptReservation).map((r) => r.connectorId));
    return this.connectors.filter((c) => !c.tx && !c.plugged && !c.authorized && !c.fault && c.cableLockedFor === null && c.availability === 'Operative' && !own.has(c.id));
  }

  private reservationFor(connectorId: number, idTag: string, parentIdTag?: string): Reservation | undefined {
    const own = [...this.reservations.values()].find((r) => r.connectorId === connectorId && reservationMatches(r, idTag, parentIdTag));
    return own ?? [...this.reservations.values()].find((r) => r.connectorId === 0 && reservationMatches(r, idTag, parentIdTag));
  }

  private endReservation(r: Reservation): void {
    r.timer?.cancel();
    this.reservations.delete(r.reservationId);
  }

  // ---- firmware and diagnostics ------------------------------------------------------------------

  private setFirmwareStatus(status: FirmwareStatus): void {
    this.firmwareStatus = status;
    this.changed();
    if (this.isAccepted) void this.call('FirmwareStatusNotification', { status });
  }

  private setDiagnosticsStatus(status: DiagnosticsStatus): void {
    this.diagnosticsStatus = status;
    this.changed();
    if (this.isAccepted) void this.call('DiagnosticsStatusNotification', { status });
  }

  private async updateFirmware(req: RequestOf<'UpdateFirmware'>): Promise<void> {
    // A newer UpdateFirmware replaces this one; a power-off ends it.
    const run = ++this.firmwareRun;
    const epoch = this.epoch;
    const current = () => run === this.firmwareRun && epoch === this.epoch;
    const wait = Date.parse(req.retrieveDate) - this.clock.now();
    if (wait > 0) await sleep(this.clock, wait);
    const attempts = 1 + Math.max(0, req.retries ?? 0);
    let image: Awaited<ReturnType<typeof download>> | null = null;
    for (let i = 0; i < attempts; i++) {
      if (!current()) return;
      this.setFirmwareStatus('Downloading');
      image = await download(req.location);
      if (!current()) return;
      if (image.ok) break;
      this.lastError = `Firmware download failed: ${image.reason}`;
      if (i + 1 < attempts) await sleep(this.clock, Math.max(1, req.retryInterval ?? 30) * 1000);
    }
    if (!image?.ok) return this.setFirmwareStatus('DownloadFailed');
    this.setFirmwareStatus('Downloaded');
    // A good charger installs once no transaction is running.
    while (this.connectors.some((c) => c.tx)) {
      await sleep(this.clock, 1_000);
      if (!current()) return;
    }
    this.setFirmwareStatus('Installing');
    await sleep(this.clock, 1_000);
    if (!current()) return;
    if (this.faultState.firmwareInstallFailure) {
      this.lastError = 'Firmware installation failed (fault); the old firmware keeps running';
      return this.setFirmwareStatus('InstallationFailed');
    }
    this.firmwareVersion = versionFromLocation(req.location, `${this.firmwareVersion}+1`);
    this.firmwareInstalledPending = true;
    await this.reboot('Reboot', true);
  }

  private async getDiagnostics(req: RequestOf<'GetDiagnostics'>, fileName: string): Promise<void> {
    const from = req.startTime ? Date.parse(req.startTime) : -Infinity;
    const to = req.stopTime ? Date.parse(req.stopTime) : Infinity;
    const lines = this.recent.filter((l) => {
      const t = Date.parse(l.slice(0, 24));
      return t >= from && t <= to;
    });
    const content = [`ChargeBench virtual charge point ${this.id} diagnostics`, `firmware ${this.firmwareVersion}`, JSON.stringify(this.view(), null, 2), '', ...lines, ''].join('\n');
    const attempts = 1 + Math.max(0, req.retries ?? 0);
    const epoch = this.epoch;
    for (let i = 0; i < attempts; i++) {
      if (epoch !== this.epoch) return;
      this.setDiagnosticsStatus('Uploading');
      const result = await upload(req.location, fileName, content);
      if (result.ok) return this.setDiagnosticsStatus('Uploaded');
      this.lastError = `Diagnostics upload failed: ${result.reason}`;
      if (i + 1 < attempts) await sleep(this.clock, Math.max(1, req.retryInterval ?? 30) * 1000);
    }
    this.setDiagnosticsStatus('UploadFailed');
  }

  // ---- reboot ------------------------------------------------------------------------------------

  /** graceful: transactions stop before the connection closes (soft reset, firmware); otherwise the
   * power goes first and their StopTransactions follow the next boot (hard reset, power loss). */
  private async reboot(reason: 'SoftReset' | 'HardReset' | 'PowerLoss' | 'Reboot', graceful: boolean): Promise<void> {
    if (graceful) {
      const before = this.epoch;
      for (const c of this.connectors) if (c.tx) this.stopTransaction(c, reason);
      this.refresh();
      for (let i = 0; i < 50 && this.queue.length && this.isAccepted; i++) await sleep(this.clock, 100);
      // Stopped or power-cycled while the StopTransactions went out: nothing left to reboot.
      if (before !== this.epoch) return;
      this.powerDown();
    } else {
      this.powerDown();
      for (const c of this.connectors) if (c.tx) this.stopTransaction(c, reason);
    }
    const epoch = this.epoch;
    for (const c of this.connectors) {
      if (c.scheduledAvailability) c.availability = c.scheduledAvailability;
      c.scheduledAvailability = null;
      c.finishing = false;
      c.startFailed = false;
      c.evSuspended = false;
    }
    this.connection = 'rebooting';
    this.changed();
    await sleep(this.clock, REBOOT_MS);
    // Stopped, started again or power-cycled meanwhile: that power-on owns the charger now.
    if (!this.running || epoch !== this.epoch) return;
    this.connection = 'connecting';
    this.connect();
  }

  // ---- the central system's actions --------------------------------------------------------------

  private handlers(): HandlerMap {
    const profiles = new Set<string>(this.definition.profiles);
    const map: HandlerMap = {};
    const add = <A extends CentralSystemAction>(action: A, profile: FeatureProfile, handler: Handler<A>) => {
      if (!profiles.has(profile)) return;
      (map as Record<string, Handler>)[action] = this.withFaults(action, handler as Handler);
    };
    // While Pending the central system may not start or stop transactions (OCPP 1.6, 4.2.1).
    add('RemoteStartTransaction', 'Core', (req, messageId) => (this.registration === 'Accepted' ? this.onRemoteStart(req, messageId) : { status: 'Rejected' }));
    add('RemoteStopTransaction', 'Core', (req, messageId) => {
      if (this.registration !== 'Accepted') return { status: 'Rejected' };
      const c = this.connectors.find((x) => x.tx && x.tx.transactionId === req.transactionId);
      if (!c) return { status: 'Rejected' };
      this.afterAnswer(messageId, () => {
        this.stopTransaction(c, 'Remote');
        this.refresh();
      });
      return { status: 'Accepted' };
    });
    add('Reset', 'Core', (req, messageId) => {
      this.afterAnswer(messageId, () => void this.reboot(req.type === 'Hard' ? 'HardReset' : 'SoftReset', req.type === 'Soft'));
      return { status: 'Accepted' };
    });
    add('UnlockConnector', 'Core', (req, messageId) => this.onUnlock(req.connectorId, messageId));
    add('ChangeAvailability', 'Core', (req, messageId) => this.onChangeAvailability(req.connectorId, req.type, messageId));
    add('GetConfiguration', 'Core', (req) => this.config.get(req.key));
    add('ChangeConfiguration', 'Core', (req) => ({ status: this.config.change(req.key, req.value).status }));
    add('ClearCache', 'Core', () => {
      this.cache.clear();
      this.changed();
      return { status: 'Accepted' };
    });
    add('DataTransfer', 'Core', (req) => {
      if (req.vendorId !== 'ChargeBench') return { status: 'UnknownVendorId' };
      if (req.messageId !== 'echo') return { status: 'UnknownMessageId' };
      return { status: 'Accepted', ...(req.data !== undefined ? { data: req.data } : {}) };
    });
    add('GetLocalListVersion', 'LocalAuthListManagement', () => ({ listVersion: this.config.bool('LocalAuthListEnabled') ? this.localList.version : -1 }));
    add('SendLocalList', 'LocalAuthListManagement', (req) => this.onSendLocalList(req));
    add('ReserveNow', 'Reservation', (req, messageId) => this.onReserveNow(req, messageId));
    add('CancelReservation', 'Reservation', (req, messageId) => {
      const r = this.reservations.get(req.reservationId);
      if (!r) return { status: 'Rejected' };
      this.endReservation(r);
      this.refreshAfterAnswer(messageId);
      return { status: 'Accepted' };
    });
    add('SetChargingProfile', 'SmartCharging', (req, messageId) => {
      this.settleAll();
      const status = this.smart.set(req, this.clock.now(), this.activeTx, this.limits());
      if (status === 'Accepted') this.refreshAfterAnswer(messageId);
      return { status };
    });
    add('ClearChargingProfile', 'SmartCharging', (req, messageId) => {
      this.settleAll();
      const status = this.smart.clear(req);
      this.refreshAfterAnswer(messageId);
      return { status };
    });
    add('GetCompositeSchedule', 'SmartCharging', (req) => this.smart.composite(req, this.clock.now(), this.activeTx));
    add('TriggerMessage', 'RemoteTrigger', (req, messageId) => this.onTrigger(req, messageId));
    add('UpdateFirmware', 'FirmwareManagement', (req, messageId) => {
      this.afterAnswer(messageId, () => void this.updateFirmware(req));
      return {};
    });
    add('GetDiagnostics', 'FirmwareManagement', (req, messageId) => {
      const fileName = `diagnostics-${this.id}-${this.iso().replace(/[:.]/g, '-')}.txt`.slice(0, 255);
      this.afterAnswer(messageId, () => void this.getDiagnostics(req, fileName));
      return { fileName };
    });
    return map;
  }

  /** Wraps a handler with the faults switched on for its action, and with Rejected-registration silence. */
  private withFaults(action: CentralSystemAction, handler: Handler): Handler {
    return async (payload, messageId) => {
      // A rejected charger does not answer the central system at all (OCPP 1.6, 4.2.1).
      if (this.registration === 'Rejected') return new Promise<never>(() => {});
      const fault = this.faultState.actions[action];
      if (fault) {
        switch (fault.mode) {
          case 'ignore':
            return new Promise<never>(() => {});
          case 'delay':
            await sleep(this.clock, fault.delaySeconds * 1000);
            break;
          case 'callError':
            throw new OcppError(fault.errorCode, `${action} refused by fault injection`);
          case 'reject':
            return rejectionOf(action);
          case 'malformed':
            this.sendRaw(`[3,"${messageId}",{"status":`);
            return new Promise<never>(() => {});
        }
      }
      return handler(payload, messageId);
    };
  }

  private afterAnswer(messageId: string, fn: () => void): void {
    const list = this.followUps.get(messageId) ?? [];
    list.push(fn);
    this.followUps.set(messageId, list);
  }

  /** Meters settle now; the StatusNotifications a change causes follow the answer to the request that caused it. */
  private refreshAfterAnswer(messageId: string): void {
    this.settleAll();
    this.changed();
    this.afterAnswer(messageId, () => this.refresh());
  }

  private limits(): SmartChargingLimits {
    const units = this.config.list('ChargingScheduleAllowedChargingRateUnit');
    return {
      maxStackLevel: this.config.int('ChargeProfileMaxStackLevel'),
      allowedRateUnits: [...(units.includes('Current') ? (['A'] as const) : []), ...(units.includes('Power') ? (['W'] as const) : [])],
      maxPeriods: this.config.int('ChargingScheduleMaxPeriods'),
      maxProfiles: this.config.int('MaxChargingProfilesInstalled'),
    };
  }

  private onRemoteStart(req: RequestOf<'RemoteStartTransaction'>, messageId: string): ResponseOf<'RemoteStartTransaction'> {
    let c: Connector | undefined;
    if (req.connectorId !== undefined) {
      c = this.connectors[req.connectorId - 1];
      if (!c || req.connectorId < 1) return { status: 'Rejected' };
    } else {
      const free = this.connectors.filter((x) => !this.cannotStart(x, req.idTag, null));
      c = free.find((x) => x.plugged && !x.finishing) ?? free.find((x) => !x.plugged) ?? free[0];
    }
    if (!c || this.cannotStart(c, req.idTag, null)) return { status: 'Rejected' };
    if (req.chargingProfile) {
      if (!this.definition.profiles.includes('SmartCharging')) return { status: 'Rejected' };
      if (!this.smart.installRemoteStartProfile(c.id, req.chargingProfile, this.clock.now(), this.limits())) return { status: 'Rejected' };
    }
    const connector = c;
    const epoch = this.epoch;
    this.afterAnswer(messageId, () => {
      void (async () => {
        const info: IdTagInfo = this.config.bool('AuthorizeRemoteTxRequests') ? await this.authorize(req.idTag) : { status: 'Accepted' };
        if (epoch !== this.epoch) return;
        // Without an Authorize the parent tag stays unknown; the central system chose the connector.
        const parent = this.config.bool('AuthorizeRemoteTxRequests') ? info.parentIdTag : null;
        if (info.status !== 'Accepted' || this.cannotStart(connector, req.idTag, parent)) {
          this.smart.transactionEnded(connector.id, null);
          this.refresh();
          return;
        }
        this.beginAuthorized(connector, req.idTag, info.parentIdTag);
      })();
    });
    return { status: 'Accepted' };
  }

  private onUnlock(connectorId: number, messageId: string): ResponseOf<'UnlockConnector'> {
    const c = this.connectors[connectorId - 1];
    if (!c || connectorId < 1) return { status: 'NotSupported' };
    let status: UnlockStatus = 'Unlocked';
    if (this.faultState.stuckConnector) status = 'UnlockFailed';
    else if (this.faultState.unlockOutcomes) {
      const w = this.faultState.unlockOutcomes;
      const total = w.Unlocked + w.UnlockFailed + w.NotSupported;
      const roll = this.random() * total;
      status = roll < w.Unlocked ? 'Unlocked' : roll < w.Unlocked + w.UnlockFailed ? 'UnlockFailed' : 'NotSupported';
    }
    // Unlocking ends the transaction on that connector first (OCPP 1.6, 5.18): its StopTransaction goes
    // out before the answer says Unlocked.
    if (status === 'Unlocked' && c.tx) this.stopTransaction(c, 'UnlockCommand');
    if (status === 'Unlocked') c.cableLockedFor = null;
    this.afterAnswer(messageId, () => {
      if (status === 'UnlockFailed' && this.faultState.stuckConnector) c.lockFailure = true;
      this.refresh();
    });
    return { status };
  }

  private onChangeAvailability(connectorId: number, type: 'Operative' | 'Inoperative', messageId: string): ResponseOf<'ChangeAvailability'> {
    if (connectorId < 0 || connectorId > this.connectors.length) return { status: 'Rejected' };
    const targets = connectorId === 0 ? this.connectors : [this.connectors[connectorId - 1]];
    let scheduled = false;
    for (const c of targets) {
      if (c.tx && c.availability !== type) {
        c.scheduledAvailability = type;
        scheduled = true;
      } else {
        c.availability = type;
        if (type === 'Inoperative') this.dropAuthorized(c);
        c.scheduledAvailability = null;
      }
    }
    if (connectorId === 0) {
      // The charger as a whole follows once its last transaction ends; free connectors follow at once.
      if (scheduled) this.charger.scheduledAvailability = type;
      else {
        this.charger.availability = type;
        this.charger.scheduledAvailability = null;
      }
    }
    this.refreshAfterAnswer(messageId);
    return { status: scheduled ? 'Scheduled' : 'Accepted' };
  }

  private onSendLocalList(req: RequestOf<'SendLocalList'>): ResponseOf<'SendLocalList'> {
    if (!this.config.bool('LocalAuthListEnabled')) return { status: 'NotSupported' };
    const entries = req.localAuthorizationList ?? [];
    if (entries.length > this.config.int('SendLocalListMaxLength')) return { status: 'Failed' };
    if (req.updateType === 'Differential' && req.listVersion <= this.localList.version) return { status: 'VersionMismatch' };
    const next = req.updateType === 'Full' ? new Map<string, IdTagInfo | undefined>() : new Map(this.localList.entries);
    for (const e of entries) {
      if (e.idTagInfo) next.set(e.idTag, e.idTagInfo);
      else if (req.updateType === 'Differential') next.delete(e.idTag);
      else return { status: 'Failed' };
    }
    if (next.size > this.config.int('LocalAuthListMaxLength')) return { status: 'Failed' };
    this.localList = { version: req.listVersion, entries: next };
    this.changed();
    return { status: 'Accepted' };
  }

  private onReserveNow(req: RequestOf<'ReserveNow'>, messageId: string): ResponseOf<'ReserveNow'> {
    if (req.connectorId < 0 || req.connectorId > this.connectors.length) return { status: 'Rejected' };
    if (req.connectorId === 0 && !this.config.bool('ReserveConnectorZeroSupported')) return { status: 'Rejected' };
    const existing = this.reservations.get(req.reservationId);
    if (req.connectorId > 0) {
      const c = this.connectors[req.connectorId - 1];
      if (c.fault || this.charger.fault) return { status: 'Faulted' };
      if (c.availability === 'Inoperative' || this.charger.availability === 'Inoperative') return { status: 'Unavailable' };
      const held = this.reservationOn(c.id);
      if (c.tx || c.plugged || c.authorized || c.cableLockedFor !== null || (held && held.reservationId !== req.reservationId)) return { status: 'Occupied' };
    } else {
      if (this.charger.fault || this.connectors.every((c) => c.fault)) return { status: 'Faulted' };
      if (this.charger.availability === 'Inoperative' || this.connectors.every((c) => c.availability === 'Inoperative')) return { status: 'Unavailable' };
      // One connector must stay free for each reservation of connector 0 (OCPP 1.6, 5.13).
      const zeros = [...this.reservations.values()].filter((r) => r.connectorId === 0 && r.reservationId !== req.reservationId).length;
      if (this.freeConnectors(req.reservationId).length <= zeros) return { status: 'Occupied' };
    }
    if (existing) this.endReservation(existing);
    const r: Reservation = { reservationId: req.reservationId, connectorId: req.connectorId, idTag: req.idTag, parentIdTag: req.parentIdTag, expiryDate: req.expiryDate, timer: null };
    r.timer = this.clock.after(Date.parse(req.expiryDate) - this.clock.now(), () => {
      if (this.reservations.get(r.reservationId) === r) {
        this.reservations.delete(r.reservationId);
        this.refresh();
      }
    });
    this.reservations.set(r.reservationId, r);
    this.refreshAfterAnswer(messageId);
    return { status: 'Accepted' };
  }

  private onTrigger(req: RequestOf<'TriggerMessage'>, messageId: string): ResponseOf<'TriggerMessage'> {
    const cid = req.connectorId;
    if (cid !== undefined && (cid < 0 || cid > this.connectors.length)) return { status: 'Rejected' };
    const send = (): void => {
      switch (req.requestedMessage) {
        case 'BootNotification':
          void this.call('BootNotification', this.bootPayload()).then((o) => {
            if (o.outcome === 'completed' && o.response.status === 'Accepted' && this.registration !== 'Accepted' && this.isConnected) this.bootAccepted(o.response.interval);
          });
          return;
        case 'Heartbeat':
          void this.call('Heartbeat', {});
          return;
        case 'DiagnosticsStatusNotification':
          void this.call('DiagnosticsStatusNotification', { status: this.diagnosticsStatus === 'Uploading' ? 'Uploading' : 'Idle' });
          return;
        case 'FirmwareStatusNotification':
          void this.call('FirmwareStatusNotification', { status: ['Downloading', 'Downloaded', 'Installing'].includes(this.firmwareStatus) ? this.firmwareStatus : 'Idle' });
          return;
        case 'StatusNotification':
          for (const id of cid === undefined ? [0, ...this.connectors.map((c) => c.id)] : [cid]) this.triggeredStatus(id);
          return;
        case 'MeterValues':
          for (const c of cid === undefined || cid === 0 ? this.connectors : [this.connectors[cid - 1]]) {
            const mv = this.sample(c, 'Trigger', this.config.list('MeterValuesSampledData'));
            void this.call('MeterValues', { connectorId: c.id, ...(c.tx?.transactionId != null ? { transactionId: c.tx.transactionId } : {}), meterValue: [mv] });
          }
          return;
      }
    };
    this.afterAnswer(messageId, send);
    return { status: 'Accepted' };
  }

  /** A triggered StatusNotification goes out even while Pending (the central system asked for it). */
  private triggeredStatus(connectorId: number): void {
    const s = connectorId === 0 ? this.chargerStatus() : { status: this.statusOf(this.connectors[connectorId - 1]), errorCode: this.errorCodeOf(this.connectors[connectorId - 1]) };
    void this.call('StatusNotification', { connectorId, status: s.status, errorCode: s.errorCode, timestamp: this.iso() });
  }

  private onConfigChanged(key: string): void {
    switch (key) {
      case 'HeartbeatInterval':
        if (this.isAccepted) this.startHeartbeat();
        break;
      case 'MeterValueSampleInterval':
        for (const c of this.connectors) {
          const tx = c.tx;
          if (!tx) continue;
          tx.sampleTimer?.cancel();
          tx.sampleTimer = every(this.clock, () => this.config.int('MeterValueSampleInterval') * 1000, () => this.samplePeriodic(c, tx));
        }
        break;
      case 'ClockAlignedDataInterval':
        if (this.isAccepted) this.startAligned();
        break;
      case 'AuthorizationKey':
        // Takes effect at the next connection, as on a real charger.
        this.password = this.config.string('AuthorizationKey') || this.password;
        break;
      case 'AuthorizationCacheEnabled':
        if (!this.config.bool('AuthorizationCacheEnabled')) this.cache.clear();
        break;
    }
    this.changed();
  }

  // ---- plumbing ----------------------------------------------------------------------------------

  private async call<A extends Action>(action: A, payload: RequestOf<A>): Promise<CallOutcome<A>> {
    const endpoint = this.endpoint;
    if (!endpoint) return { outcome: 'offline', error: { description: 'Not connected' } };
    const started = performance.now();
    let sending: Promise<CallOutcome<A>>;
    try {
      sending = endpoint.call(action, payload);
    } catch (e) {
      // Our own payload broke the schema (a bug, or a value from outside such as a firmware name).
      this.lastError = `Could not send ${action}: ${(e as Error).message}`;
      this.changed();
      return { outcome: 'callError', error: { code: 'InternalError', description: this.lastError, details: {} } };
    }
    const outcome = await sending;
    this.options.onCallDone?.(action, performance.now() - started, outcome.outcome);
    return outcome;
  }

  private sendRaw(text: string): void {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) return;
    this.tap({ direction: 'out', kind: 'INVALID', messageId: null, action: null, raw: text, error: 'Malformed frame sent on purpose (fault injection)' });
    ws.send(text);
  }

  private tap(rec: FrameRecord): void {
    const ts = this.iso();
    if (this.options.keepDiagnostics !== false) {
      this.recent.push(`${ts} ${rec.direction === 'out' ? '->' : '<-'} ${rec.raw}`);
      if (this.recent.length > DIAGNOSTICS_LINES) this.recent.splice(0, this.recent.length - DIAGNOSTICS_LINES);
    }
    this.options.onFrame?.({ ...rec, ts, chargerId: this.id });
  }

  private connector(connectorId: number): Connector {
    const c = Number.isInteger(connectorId) ? this.connectors[connectorId - 1] : undefined;
    if (!c) throw new BenchError(400, `Virtual charger ${this.id} has connectors 1 to ${this.connectors.length}; there is no connector ${connectorId}`, { field: 'connectorId' });
    return c;
  }

  private iso(): string {
    return new Date(this.clock.now()).toISOString();
  }
}

/** The refusal of an action when a fault says "reject": its own Rejected where it has one. */
function rejectionOf(action: CentralSystemAction): JsonObject {
  const specific: Partial<Record<CentralSystemAction, JsonObject>> = {
    UnlockConnector: { status: 'UnlockFailed' },
    SendLocalList: { status: 'Failed' },
    ClearChargingProfile: { status: 'Unknown' },
    GetLocalListVersion: { listVersion: -1 },
    GetConfiguration: { configurationKey: [], unknownKey: [] },
  };
  if (specific[action]) return specific[action]!;
  if (actions[action].response.safeParse({ status: 'Rejected' }).success) return { status: 'Rejected' };
  throw new OcppError('GenericError', `${action} refused by fault injection`);
}

/** A reservation is for this card, or for every card with its parent tag (OCPP 1.6, 5.13). */
function reservationMatches(r: { idTag: string; parentIdTag?: string }, idTag: string, parentIdTag: string | undefined): boolean {
  return r.idTag === idTag || (parentIdTag !== undefined && r.parentIdTag !== undefined && r.parentIdTag === parentIdTag);
}
