// A virtual OCPP 1.6J charge point: its parts wired together, powered on and off, saved and shown. It speaks
// through the same RPC layer as the central system over a real WebSocket; every timer runs on the injected Clock.
import type { CallOutcome, FrameRecord, RpcEndpoint } from '../rpc/endpoint';
import type { Action, AuthorizationData, ChargePointErrorCode, IdTagInfo, RequestOf } from '../../shared/ocpp16';
import type { ActionFault, Faults, VirtualChargerDefinition, VirtualChargerView, VirtualConnectorView } from '../../shared/api/virtual-chargers';
import { systemClock, type Clock } from '../clock';
import { ConfigurationStore, type FeatureProfile } from './configuration';
import { Connection } from './connection';
import { FaultSwitches } from './faults';
import { Connectors, type Availability, type Connector, type SavedHardwareFault } from './model';
import { handlersFor } from './operations';
import { PhysicalActions } from './physical-actions';
import { AuthorizationService } from './services/authorization';
import { BootService } from './services/boot';
import type { InstalledProfile } from './services/charging-profiles';
import { DiagnosticsService } from './services/diagnostics';
import { FirmwareService } from './services/firmware';
import { HeartbeatService } from './services/heartbeat';
import { MeteringService } from './services/metering';
import { ReservationService } from './services/reservations';
import { ResetService } from './services/reset';
import { SmartChargingService } from './services/smart-charging';
import type { KeptCardOutcome } from './services/start-outcome';
import { StatusService } from './services/status';
import { TransactionService, type CardOutcome, type QueuedMessage } from './services/transactions';

/** One frame as the virtual charger saw it. */
export interface VcpFrame extends FrameRecord {
  ts: string;
  chargerId: string;
}

/** What survives a restart of the bench (a charger's non-volatile memory). */
export interface PersistedState {
  config: Record<string, string>;
  localList: { version: number; entries: AuthorizationData[] };
  cache: Array<[string, IdTagInfo]>;
  meters: number[];
  availability: Availability[];
  firmwareVersion: string;
  profiles: InstalledProfile[];
  queue: QueuedMessage[];
  txIds: Array<[number, number]>;
  /** Transactions running when the charger lost power: stopped with PowerLoss at the next start. */
  openTransactions: Array<{ localTx: number; connectorId: number; meterWh: number }>;
  nextLocalTx: number;
  nextQueueSeq: number;
  /** MeterValues not kept because the queue was full. */
  meterValuesNotKept?: number;
  /** Each connector's last card outcome, for the connector panel after a restart (none when an older version saved it). */
  cardOutcomes?: KeptCardOutcome[];
  /** Hardware faults set by the physical action (connector 0: the charger), still there after a restart (none when an older version saved it). */
  hardwareFaults?: SavedHardwareFault[];
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
  /** A timed fault switch ended by itself (Offline "back after N s"): its faults are as after it. */
  onSwitchedBack?: () => void;
  /** Round trip of every call this charger made, for the fleet benchmark. */
  onCallDone?: (action: Action, ms: number, outcome: CallOutcome['outcome']) => void;
  /** Keep a ring of recent frames for GetDiagnostics (off for large fleets). */
  keepDiagnostics?: boolean;
}

export class VirtualChargePoint {
  readonly id: string;
  readonly definition: VirtualChargerDefinition;
  readonly config: ConfigurationStore;
  readonly clock: Clock;
  readonly random: () => number;
  readonly connectors: Connectors;
  readonly connection: Connection;
  readonly boot: BootService;
  readonly heartbeat: HeartbeatService;
  readonly status: StatusService;
  readonly authorization: AuthorizationService;
  readonly transactions: TransactionService;
  readonly metering: MeteringService;
  readonly reservations: ReservationService;
  readonly smartCharging: SmartChargingService;
  readonly firmware: FirmwareService;
  readonly diagnostics: DiagnosticsService;
  readonly reset: ResetService;
  /** The last thing that went wrong, for the user. */
  lastError: string | null = null;
  /** Central-system actions to misbehave on (the `action` fault switch). */
  protocolFaults: Partial<Record<string, ActionFault>> = {};
  private readonly faultSwitches: FaultSwitches;
  private readonly hands: PhysicalActions;
  private running = false;
  private powerOns = 0;

  constructor(private readonly options: VirtualChargePointOptions) {
    const def = options.definition;
    const state = options.state ?? {};
    this.id = def.id;
    this.definition = def;
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
    this.faultSwitches = new FaultSwitches(this, options.faults);
    this.config = new ConfigurationStore({ connectors: def.connectors, profiles: def.profiles as FeatureProfile[], values: state.config });
    this.connectors = new Connectors(this.id, def.connectors, this.clock.now(), state);
    this.metering = new MeteringService(this);
    this.smartCharging = new SmartChargingService(this, state.profiles);
    this.status = new StatusService(this);
    this.reservations = new ReservationService(this);
    this.authorization = new AuthorizationService(this, state);
    this.transactions = new TransactionService(this, state);
    this.boot = new BootService(this);
    this.heartbeat = new HeartbeatService(this);
    this.firmware = new FirmwareService(this, state.firmwareVersion ?? def.firmwareVersion);
    this.diagnostics = new DiagnosticsService(this, options.keepDiagnostics !== false);
    this.reset = new ResetService(this);
    this.hands = new PhysicalActions(this);
    this.connection = new Connection(this, {
      url: options.url,
      callTimeoutMs: options.callTimeoutMs,
      password: def.password,
      handlers: () => handlersFor(this),
      onFrame: (rec) => this.tap(rec),
      onCallDone: options.onCallDone,
      opened: () => (this.boot.registration === 'Accepted' ? this.boot.resume() : void this.boot.boot()),
      closed: () => {
        this.heartbeat.stop();
        this.boot.connectionLost();
      },
    });
    this.faultSwitches.restore();
    // After the services' own reactions to a key they own.
    this.config.onChange(() => this.changed());
  }

  // ---- lifecycle ---------------------------------------------------------------------------------

  /** Powers the charger on: it connects and boots. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.powerOns++;
    this.connection.connect();
    this.changed();
  }

  /** Powers the charger off; running transactions are remembered and stopped (PowerLoss) at the next start. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.powerDown();
    for (const c of this.connectors.all) if (c.tx) this.transactions.stop(c, 'PowerLoss');
    this.connection.state = 'stopped';
    this.changed();
  }

  /** Deleted, or the bench closing: powered off, with no timer of its own left (a timed Offline set while it was off included). */
  async dispose(): Promise<void> {
    await this.stop();
    this.connection.powerDown();
  }

  /**
   * The mains go off: with back-up power the charger first ends its sessions (PowerLoss) and reports them;
   * without, it just goes dark (as stop()) and stops them with PowerLoss at the next start.
   */
  async powerOff(): Promise<void> {
    if (!this.running) return;
    if (this.definition.backupPower && !(await this.reset.endSessions('PowerLoss'))) return;
    await this.stop();
  }

  /** Powered on. */
  get isRunning(): boolean {
    return this.running;
  }

  get isConnected(): boolean {
    return this.connection.state === 'connected';
  }

  /** Connected and registered (BootNotification Accepted). */
  get isAccepted(): boolean {
    return this.connection.state === 'connected' && this.boot.registration === 'Accepted';
  }

  /** Bumped at every power-on and power-off: async work begun before gives up when it changes. */
  get epoch(): number {
    return this.powerOns;
  }

  get faults(): Faults {
    return this.faultSwitches.now;
  }

  /** The RPC endpoint of the connection now (tests tell connections apart by it). */
  private get endpoint(): RpcEndpoint | null {
    return this.connection.endpoint;
  }

  /** The power goes: every part drops what needs power, the connection last. */
  powerDown(): void {
    this.powerOns++;
    this.metering.settleAll();
    this.boot.powerDown();
    this.heartbeat.powerDown();
    this.metering.powerDown();
    this.smartCharging.powerDown();
    this.transactions.powerDown();
    this.reservations.powerDown();
    this.status.powerDown();
    this.connection.powerDown();
  }

  persistentState(): PersistedState {
    const transactions = this.transactions.saved();
    const { localList, cache } = this.authorization.saved();
    return {
      config: this.config.changedValues(),
      localList,
      cache,
      meters: this.connectors.all.map((c) => Math.round(c.meterWh * 1000) / 1000),
      availability: [this.connectors.charger.availability, ...this.connectors.all.map((c) => c.availability)],
      firmwareVersion: this.firmware.version,
      profiles: this.smartCharging.installed(),
      queue: transactions.queue,
      txIds: transactions.txIds,
      openTransactions: transactions.openTransactions,
      nextLocalTx: transactions.nextLocalTx,
      nextQueueSeq: transactions.nextQueueSeq,
      meterValuesNotKept: transactions.meterValuesNotKept,
      cardOutcomes: transactions.cardOutcomes,
      hardwareFaults: this.connectors.savedFaults(),
    };
  }

  view(): VirtualChargerView {
    const { password, ...def } = this.definition;
    const charger = this.connectors.charger;
    return {
      id: this.id,
      definition: { ...def, hasPassword: Boolean(password) || this.connection.hasPassword },
      running: this.running,
      connection: this.connection.state,
      registration: this.boot.registration,
      firmwareVersion: this.firmware.version,
      firmwareStatus: this.firmware.status,
      diagnosticsStatus: this.diagnostics.status,
      lastError: this.lastError,
      queuedMessages: this.transactions.queued,
      meterValuesNotKept: this.transactions.meterValuesNotKept,
      localListVersion: this.authorization.storedListVersion,
      faults: this.faults,
      offlineUntil: this.connection.offlineUntil === null ? null : new Date(this.connection.offlineUntil).toISOString(),
      connectors: this.connectors.all.map((c) => this.connectorView(c)),
      chargerFault: charger.fault ? { ...charger.fault } : null,
    };
  }

  // ---- physical actions (physical-actions.ts) -----------------------------------------------------

  plug(connectorId: number): void {
    this.hands.plug(connectorId);
  }

  unplug(connectorId: number): void {
    this.hands.unplug(connectorId);
  }

  /** A card held to the reader of a connector: starts, or stops, a session. */
  presentIdTag(connectorId: number, idTag: string): Promise<CardOutcome> {
    return this.hands.presentIdTag(connectorId, idTag);
  }

  suspend(connectorId: number): void {
    this.hands.suspend(connectorId);
  }

  resume(connectorId: number): void {
    this.hands.resume(connectorId);
  }

  setFault(connectorId: number, errorCode: ChargePointErrorCode, info?: string): void {
    this.hands.setFault(connectorId, errorCode, info);
  }

  clearFault(connectorId: number): void {
    this.hands.clearFault(connectorId);
  }

  /** Power lost and back: transactions end with PowerLoss, then the charger boots again. */
  powerCycle(): void {
    this.hands.powerCycle();
  }

  /** Closes the WebSocket as a network failure would; the charger reconnects with back-off. */
  dropConnection(): void {
    this.hands.dropConnection();
  }

  /** Sends one frame that is not valid OCPP-J. */
  sendMalformed(): void {
    this.hands.sendMalformed();
  }

  setFaults(patch: Partial<Faults>): Faults {
    return this.faultSwitches.set(patch);
  }

  /** Authorizes a card as a good charger does: local list and cache first where allowed, else Authorize. */
  authorize(idTag: string): Promise<IdTagInfo> {
    return this.authorization.authorize(idTag);
  }

  // ---- what the parts share (Model) -----------------------------------------------------------------

  call<A extends Action>(action: A, payload: RequestOf<A>): Promise<CallOutcome<A>> {
    return this.connection.call(action, payload);
  }

  /** Runs `fn` once the answer to the central system's request `messageId` is on the wire. */
  afterAnswer(messageId: string, fn: () => void): void {
    this.connection.afterAnswer(messageId, fn);
  }

  /** Meters settle now; the StatusNotifications a change causes follow the answer to the request that caused it. */
  refreshAfterAnswer(messageId: string): void {
    this.metering.settleAll();
    this.changed();
    this.afterAnswer(messageId, () => this.refresh());
  }

  /** After any change: settle meters, report changed statuses, follow charging schedules, tell the owner. */
  refresh(): void {
    this.metering.settleAll();
    this.status.reportAll();
    this.smartCharging.followSchedules();
    this.changed();
  }

  /** Something a user sees changed. */
  changed(): void {
    this.options.onChange?.();
  }

  /** A timed fault switch ended by itself (Offline "back after N s"). */
  switchedBack(): void {
    this.options.onSwitchedBack?.();
  }

  iso(): string {
    return new Date(this.clock.now()).toISOString();
  }

  private tap(rec: FrameRecord): void {
    const ts = this.iso();
    this.diagnostics.record(ts, rec);
    this.options.onFrame?.({ ...rec, ts, chargerId: this.id });
  }

  private connectorView(c: Connector): VirtualConnectorView {
    const meterWh = this.metering.settle(c);
    const r = this.reservations.reservationOn(c.id);
    return {
      connectorId: c.id,
      status: this.status.statusOf(c),
      errorCode: this.status.errorCodeOf(c),
      plugged: c.plugged,
      evSuspended: c.evSuspended,
      authorizedIdTag: c.authorized?.idTag ?? null,
      cardOutcome: this.transactions.startOutcomes.view(c.id),
      transaction: c.tx ? { transactionId: c.tx.transactionId, idTag: c.tx.idTag, startedAt: new Date(c.tx.startedAt).toISOString(), energyWh: Math.round(meterWh - c.tx.meterStartWh) } : null,
      reservation: r ? { reservationId: r.reservationId, idTag: r.idTag, expiryDate: r.expiryDate } : null,
      meterWh: Math.round(meterWh),
      powerW: Math.round(c.powerW * 10) / 10,
      availability: c.availability,
    };
  }
}
