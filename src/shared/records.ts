// What the record holds, as the store reads it back: one record type per table, shaped by the data, not
// by any screen. The store (src/main/store) returns these; the views the faces show
// (src/shared/api/views.ts) are built on them.
import type { BootNotificationRequest, ChargePointErrorCode, ChargePointStatus, RegistrationStatus } from './ocpp16';

export type BootRecord = BootNotificationRequest;

export interface ConnectorRecord {
  connectorId: number;
  status: ChargePointStatus;
  errorCode: ChargePointErrorCode;
  info: string | null;
  vendorId: string | null;
  vendorErrorCode: string | null;
  /** The charger's own timestamp of the status, if it sent one. */
  timestamp: string | null;
  updatedAt: string;
}

export interface ChargerRecord {
  id: string;
  connected: boolean;
  firstSeen: string;
  lastSeen: string;
  lastHeartbeat: string | null;
  remoteAddress: string | null;
  bootPolicy: RegistrationStatus | null;
  registrationStatus: RegistrationStatus | null;
  lastBoot: string | null;
  boot: BootRecord | null;
  firmwareStatus: string | null;
  diagnosticsStatus: string | null;
  hasPassword: boolean;
  registered: boolean;
  /** One of the bench's own virtual chargers (registered by it), not a charger on the LAN. */
  virtual: boolean;
  connectors: ConnectorRecord[];
}

export interface TransactionRecord {
  transactionId: number;
  chargerId: string;
  connectorId: number;
  idTag: string;
  authStatus: string;
  reservationId: number | null;
  meterStart: number;
  startTime: string;
  meterStop: number | null;
  stopTime: string | null;
  stopReason: string | null;
  stopIdTag: string | null;
  energyWh: number | null;
  active: boolean;
  warning?: string;
  /** When the bench recorded its StartTransaction (the bench's clock; startTime is the charger's). */
  receivedAt?: string;
}

export interface MessageRecord {
  id: number;
  ts: string;
  chargerId: string;
  direction: 'in' | 'out';
  kind: 'CALL' | 'CALLRESULT' | 'CALLERROR' | 'INVALID';
  messageId: string | null;
  action: string | null;
  raw: string;
  error: string | null;
}

export interface MeterValueRecord {
  id: number;
  chargerId: string;
  connectorId: number;
  transactionId: number | null;
  timestamp: string;
  value: string;
  measurand: string;
  phase: string | null;
  unit: string | null;
  context: string;
  location: string | null;
  format: string;
  /** When the bench received its reading (ISO, the bench's clock), where asked for (`withReceivedAt`). */
  receivedAt?: string;
}

export interface OperationRecord {
  id: number;
  chargerId: string;
  action: string;
  request: unknown;
  sentAt: string;
  finishedAt: string | null;
  outcome: string | null;
  response: unknown;
  error: unknown;
  /** The caller's name for it (a window's for its send: OperateArgs `ref`); absent when none was given. */
  ref?: string;
}

export interface ConnectionAttemptRecord {
  id: number;
  ts: string;
  chargerId: string | null;
  remoteAddress: string | null;
  outcome: 'accepted' | 'refused' | 'replaced' | 'closed';
  reason: string | null;
  /**
   * How many attempts the line stands for: identical refusals in a row (same charger id, remote address
   * and reason) are one line. `ts` is the newest of them. Absent: one.
   */
  count?: number;
  /** When the first of them came (ISO). Absent: `ts`. */
  firstTs?: string;
}

export interface IdTagRecord {
  idTag: string;
  status: 'Accepted' | 'Blocked' | 'Expired' | 'Invalid' | 'ConcurrentTx';
  expiryDate?: string | null;
  parentIdTag?: string | null;
}

export interface ChargerEventRecord {
  id: number;
  chargerId: string;
  ts: string;
  action: string;
  data: unknown;
}

/** A frame as it is handed to the record (the endpoint's FrameRecord): the message without its id, time and charger. */
export type FrameToLog = Omit<MessageRecord, 'id' | 'ts' | 'chargerId'>;

export type Row = Record<string, any>;
