// What the parts of a virtual charge point share (MicroOcpp's Model): the connectors as the hardware has
// them, and the Model through which services and operations reach each other and the connection.
import { z } from 'zod';
import { ChargePointErrorCode, type MeterValue } from '../../shared/ocpp16';
import type { UnlockOutcomes } from '../../shared/api/virtual-chargers';
import type { Timer } from '../clock';
import { BenchError } from '../errors';
import type { VirtualChargePoint } from './charge-point';

export type Availability = 'Operative' | 'Inoperative';
export type HardwareFault = { errorCode: ChargePointErrorCode; info?: string } | null;

/** A hardware fault set by the physical action (connector 0: the whole charger), as the charger's state keeps it. */
export interface SavedHardwareFault {
  connectorId: number;
  errorCode: ChargePointErrorCode;
  info?: string;
}

const SavedHardwareFault = z.object({
  connectorId: z.number().int().min(0),
  errorCode: ChargePointErrorCode.exclude(['NoError']),
  info: z.string().optional(),
}) satisfies z.ZodType<SavedHardwareFault>;

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
    saved: { meters?: number[]; availability?: Availability[]; hardwareFaults?: unknown } = {},
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
    this.restoreFaults(saved.hardwareFaults);
  }

  /**
   * The hardware faults set before the charger lost power (or the bench stopped) persist, as a real fault
   * does: the charger comes back Faulted with the same error code. One on a connector the charger does not
   * have, or that this version cannot read, is left out.
   */
  private restoreFaults(saved: unknown): void {
    if (!Array.isArray(saved)) return;
    for (const item of saved) {
      const read = SavedHardwareFault.safeParse(item);
      if (!read.success) continue;
      const { connectorId, errorCode, info } = read.data;
      const target = connectorId === 0 ? this.charger : this.at(connectorId);
      if (target) target.fault = { errorCode, ...(info !== undefined ? { info } : {}) };
    }
  }

  /** The hardware faults set now (connector 0 first), for the charger's state. */
  savedFaults(): SavedHardwareFault[] {
    const units: Array<[number, HardwareFault]> = [[0, this.charger.fault], ...this.all.map((c): [number, HardwareFault] => [c.id, c.fault])];
    return units.flatMap(([connectorId, fault]) => (fault ? [{ connectorId, errorCode: fault.errorCode, ...(fault.info !== undefined ? { info: fault.info } : {}) }] : []));
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

/**
 * What every service and operation of one charger reaches: the charge point itself (charge-point.ts), whose
 * fields are the other parts and the charger's state, and whose methods are the plumbing they share.
 */
export type Model = VirtualChargePoint;
