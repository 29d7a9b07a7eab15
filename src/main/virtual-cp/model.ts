// What the parts of a virtual charge point share (MicroOcpp's Model): the connectors as the hardware has
// them, and the Model through which services and operations reach each other and the connection.
import type { CallOutcome } from '../rpc/endpoint';
import type { Action, ChargePointErrorCode, MeterValue, RequestOf } from '../../shared/ocpp16';
import type { ActionFault, Faults, UnlockOutcomes, VirtualChargerDefinition, VirtualChargerView } from '../../shared/api/virtual-chargers';
import type { Clock, Timer } from '../../shared/clock';
import { BenchError } from '../errors';
import type { ConfigurationStore } from './configuration';
import type { Connection } from './connection';
import type { AuthorizationService } from './services/authorization';
import type { BootService } from './services/boot';
import type { DiagnosticsService } from './services/diagnostics';
import type { FirmwareService } from './services/firmware';
import type { HeartbeatService } from './services/heartbeat';
import type { MeteringService } from './services/metering';
import type { ReservationService } from './services/reservations';
import type { ResetService } from './services/reset';
import type { SmartChargingService } from './services/smart-charging';
import type { StatusService } from './services/status';
import type { TransactionService } from './services/transactions';

export type Availability = 'Operative' | 'Inoperative';
export type HardwareFault = { errorCode: ChargePointErrorCode; info?: string } | null;

/** What the central system was last told of a connector (or of the charger), and the state now, since when. */
export interface StatusHolder {
  reported: string | null;
  current?: string;
  since?: string;
}

export interface Transaction {
  /** The charger's own number for it; the central system's transactionId comes with the StartTransaction answer. */
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

export interface Connector extends StatusHolder {
  id: number;
  plugged: boolean;
  evSuspended: boolean;
  fault: HardwareFault;
  /** The lock failed to open (stuck-connector fault): ConnectorLockFailure until the fault is cleared. */
  lockFailure: boolean;
  availability: Availability;
  scheduledAvailability: Availability | null;
  /** The card presented (or remote start) waiting for the cable. */
  authorized: { idTag: string; parentIdTag?: string; timer: Timer } | null;
  /** The session-start-failure fault struck: the card was accepted but no session started. */
  startFailed: boolean;
  /** The EV left but the cable stays locked in the socket for this card (UnlockConnectorOnEVSideDisconnect=false). */
  cableLockedFor: string | null;
  tx: Transaction | null;
  finishing: boolean;
  meterWh: number;
  powerW: number;
  lastSettled: number;
}

/** The charger as a whole: connector 0. */
export interface ChargerUnit extends StatusHolder {
  fault: HardwareFault;
  availability: Availability;
  scheduledAvailability: Availability | null;
}

/** The charger's sockets and the unit they belong to. */
export class Connectors {
  readonly all: Connector[];
  readonly charger: ChargerUnit;
  /** How the connector locks behave (set by the stuck-connector and unlock-outcomes faults). */
  readonly lock: { jammed: boolean; outcomes: UnlockOutcomes | null } = { jammed: false, outcomes: null };

  constructor(
    private readonly chargerId: string,
    count: number,
    now: number,
    saved: { meters?: number[]; availability?: Availability[] } = {},
  ) {
    this.charger = { fault: null, availability: saved.availability?.[0] ?? 'Operative', scheduledAvailability: null, reported: null };
    this.all = Array.from({ length: count }, (_, i) => ({
      id: i + 1,
      plugged: false,
      evSuspended: false,
      fault: null,
      lockFailure: false,
      availability: saved.availability?.[i + 1] ?? 'Operative',
      scheduledAvailability: null,
      authorized: null,
      startFailed: false,
      cableLockedFor: null,
      tx: null,
      finishing: false,
      meterWh: saved.meters?.[i] ?? 0,
      powerW: 0,
      lastSettled: now,
      reported: null,
    }));
  }

  get count(): number {
    return this.all.length;
  }

  /** A connector by id, or undefined (the central system's requests name any number). */
  at(connectorId: number): Connector | undefined {
    return connectorId >= 1 ? this.all[connectorId - 1] : undefined;
  }

  /** A connector a person means: a number that is not one is their mistake (400). */
  get(connectorId: number): Connector {
    const c = Number.isInteger(connectorId) ? this.all[connectorId - 1] : undefined;
    if (!c) throw new BenchError(400, `Virtual charger ${this.chargerId} has connectors 1 to ${this.all.length}; there is no connector ${connectorId}`, { field: 'connectorId' });
    return c;
  }

  /** Connector ids with 0 (the charger) first, as StatusNotifications go. */
  ids(): number[] {
    return [0, ...this.all.map((c) => c.id)];
  }
}

/** What every service and operation of one charger reaches: the others, the connection, and the charger's state. */
export interface Model {
  readonly id: string;
  readonly definition: VirtualChargerDefinition;
  readonly clock: Clock;
  readonly random: () => number;
  readonly config: ConfigurationStore;
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
  /** Powered on. */
  readonly isRunning: boolean;
  /** Connected and registered (BootNotification Accepted). */
  readonly isAccepted: boolean;
  /** Bumped at every power-on and power-off: async work begun before gives up when it changes. */
  readonly epoch: number;
  /** The last thing that went wrong, for the user. */
  lastError: string | null;
  /** Central-system actions to misbehave on (the `action` fault switch). */
  protocolFaults: Partial<Record<string, ActionFault>>;
  call<A extends Action>(action: A, payload: RequestOf<A>): Promise<CallOutcome<A>>;
  /** Runs `fn` once the answer to the central system's request `messageId` is on the wire. */
  afterAnswer(messageId: string, fn: () => void): void;
  /** Meters settle now; the StatusNotifications a change causes follow the answer to the request that caused it. */
  refreshAfterAnswer(messageId: string): void;
  /** After any change: settle meters, report changed statuses, follow charging schedules, tell the owner. */
  refresh(): void;
  /** Something a user sees changed. */
  changed(): void;
  /** The power goes: timers stop, the connection closes, volatile state is lost. */
  powerDown(): void;
  setFaults(patch: Partial<Faults>): Faults;
  /** What the user sees of the charger. */
  view(): VirtualChargerView;
  iso(): string;
}
