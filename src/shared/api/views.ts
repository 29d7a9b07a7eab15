// What the bench shows: the views every face (IPC, HTTP API, CLI) returns, and the events it pushes.
import type { z } from 'zod';
import type { ChargePointErrorCode, ChargePointStatus, RegistrationStatus } from '../ocpp16/enums';
import type { BootNotificationRequest } from '../ocpp16/messages';
import type { CentralSystemAction, ResponseOf } from '../ocpp16/actions';
import type { JsonObject, OcppErrorInfo } from '../ocpp16/frames';
import type { IdTagEntrySchema } from './commands';

/** What a charger said of itself in its BootNotification. */
export type BootInfo = BootNotificationRequest;

export interface ConnectorView {
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

export interface ChargerView {
  id: string;
  connected: boolean;
  firstSeen: string;
  lastSeen: string;
  lastHeartbeat: string | null;
  remoteAddress: string | null;
  /** Boot answer for this charger; null means the bench default. */
  bootPolicy: RegistrationStatus | null;
  registrationStatus: RegistrationStatus | null;
  lastBoot: string | null;
  boot: BootInfo | null;
  firmwareStatus: string | null;
  diagnosticsStatus: string | null;
  /** Whether the bench has a security profile 1 password for it (the password itself is never shown). */
  hasPassword: boolean;
  /** Registered through the API ahead of (or after) its first connection; only these connect when unknownChargers is 'reject'. */
  registered: boolean;
  /** Connector 0 is the charger as a whole. */
  connectors: ConnectorView[];
}

export interface TransactionView {
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
  /** meterStop - meterStart in Wh, once stopped (null when the readings are impossible: see warning). */
  energyWh: number | null;
  active: boolean;
  /** Something impossible about this transaction the bench noticed (e.g. meterStop below meterStart). */
  warning?: string;
}

export interface MessageView {
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

export interface MeterValueView {
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
}

export interface OperationView {
  id: number;
  chargerId: string;
  action: string;
  request: unknown;
  sentAt: string;
  finishedAt: string | null;
  outcome: string | null;
  response: unknown;
  error: unknown;
}

export interface ConnectionAttemptView {
  id: number;
  ts: string;
  chargerId: string | null;
  remoteAddress: string | null;
  outcome: 'accepted' | 'refused' | 'replaced' | 'closed';
  reason: string | null;
}

/** An entry of the bench's idTag list. */
export type IdTagEntry = z.infer<typeof IdTagEntrySchema>;

export type { BenchSettings } from './settings';

/** Whether the bench can record, and what it found at start: GET /api/health, the UI's banner, the console. */
export interface BenchHealth {
  /** True while everything the bench answers is recorded. */
  ok: boolean;
  /** What keeps the record from being written: 'ok' when nothing does. */
  recording: 'ok' | 'diskFull' | 'journalFailed' | 'recordStalled' | 'writerRestarting';
  /** In words: what is wrong, where, and what to do. */
  message: string;
  /** When the trouble began. */
  since: string | null;
  dataDir: string;
  /** Found at start: journal lines damaged and moved aside, gaps. */
  notices: string[];
  /** OCPP connections now, and since start: refused over a cap, dropped mid-handshake, cut off for not reading, slowed for sending garbage. */
  connections: { open: number; refusedOverCap: number; incompleteHandshakes: number; cutOffUnread: number; throttled: number };
}

/** What the bench got back from a charger for one operation; `response` is typed by the action. */
export type OperationResult<A extends CentralSystemAction = CentralSystemAction> =
  | { outcome: 'completed'; response: ResponseOf<A>; operationId?: number }
  | { outcome: 'callError'; error: { code: string; description: string; details: JsonObject }; operationId?: number }
  /** The charger answered, but its answer breaks the OCPP schema (a finding for QA). */
  | { outcome: 'invalidResponse'; response: unknown; error: OcppErrorInfo; operationId?: number }
  | { outcome: 'timeout'; error: { description: string }; operationId?: number }
  /** Nothing was sent: the charger is not connected (or the bench could not record the call). */
  | { outcome: 'offline'; error: { description: string }; operationId?: number };

export interface NetworkAddress {
  /** Interface name, e.g. eth0, Wi-Fi. */
  interface: string;
  address: string;
  family: 'IPv4' | 'IPv6';
  /** What a charger is given: ws://<address>:<port>/ocpp/<id> without the id. */
  url: string;
  internal: boolean;
}

/**
 * A file the bench serves to chargers: the URL to give them (on this machine's first LAN address) and the
 * others that reach it. Files are hosted only by upload (serve) or the desktop's file dialog, never by a
 * path a caller names, and only until `expiresAt` (a day).
 */
export interface HostedFileView {
  url: string;
  name: string;
  size: number;
  alternatives: string[];
  expiresAt: string;
}

/** A charger's record of something it sent that is not a frame of its own: DataTransfer, firmware and diagnostics status, security events, CSRs, warnings. */
export interface ChargerEventView {
  id: number;
  chargerId: string;
  ts: string;
  action: string;
  data: unknown;
}

export type { BenchEvent } from './events';
