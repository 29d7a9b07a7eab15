// What the bench shows: the views every face (IPC, HTTP API, CLI) returns, and the events it pushes.
import type { ChargePointErrorCode, ChargePointStatus, RegistrationStatus } from '../ocpp16/enums';
import type { VirtualChargerView } from './virtual-chargers';

export interface BootInfo {
  chargePointVendor: string;
  chargePointModel: string;
  chargePointSerialNumber?: string;
  chargeBoxSerialNumber?: string;
  firmwareVersion?: string;
  iccid?: string;
  imsi?: string;
  meterType?: string;
  meterSerialNumber?: string;
}

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

export interface IdTagEntry {
  idTag: string;
  status: 'Accepted' | 'Blocked' | 'Expired' | 'Invalid' | 'ConcurrentTx';
  expiryDate?: string | null;
  parentIdTag?: string | null;
}

export interface BenchSettings {
  /** Answer to BootNotification for chargers without a policy of their own. */
  defaultBootStatus: RegistrationStatus;
  /** Heartbeat interval (s) given in BootNotification. */
  heartbeatInterval: number;
  /** acceptAll: unknown idTags are Accepted; localList: only tags in the list are. */
  authorization: 'acceptAll' | 'localList';
  /** Seconds the bench waits for a charger's answer to an operation. */
  callTimeout: number;
  /** Security profile 1: when true, a charger without a bench password is refused (401) rather than let in without auth. */
  requirePassword: boolean;
  /** accept: any identity may connect; reject: only chargers registered on the bench (POST /api/chargers) may. */
  unknownChargers: 'accept' | 'reject';
  /** The OCPP port the bench listens on from its next start (0: any free port); serve's --port overrides it. */
  ocppPort: number;
  /** Frames and meter values older than this many days are pruned (hourly); null or 0 keeps everything. */
  retentionDays: number | null;
  /**
   * Let a web page connect as a charger (a WebSocket upgrade carrying a browser's Origin header). Off:
   * any page open on this machine could otherwise act as a charger.
   */
  allowBrowserOrigins: boolean;
  /** OCPP connections held at once, handshakes included; more are refused. */
  maxConnections: number;
  /** OCPP connections from one address at once (this machine's own, 127.0.0.1 and ::1, excepted). */
  maxConnectionsPerAddress: number;
}

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

export type BenchEvent =
  | { type: 'chargerConnected'; chargerId: string; remoteAddress: string | null; ts: string }
  | { type: 'chargerDisconnected'; chargerId: string; reason: string; ts: string }
  | { type: 'connectionRefused'; chargerId: string | null; remoteAddress: string | null; reason: string; ts: string }
  | { type: 'bootNotification'; chargerId: string; boot: BootInfo; status: RegistrationStatus; ts: string }
  | { type: 'statusChanged'; chargerId: string; connector: ConnectorView; ts: string }
  | { type: 'frameLogged'; message: Omit<MessageView, 'id'> }
  | { type: 'transactionStarted'; transaction: TransactionView; ts: string }
  | { type: 'transactionStopped'; transaction: TransactionView; ts: string }
  | { type: 'meterValues'; chargerId: string; connectorId: number; transactionId: number | null; values: Omit<MeterValueView, 'id'>[]; ts: string }
  | { type: 'operationFinished'; operation: OperationView; ts: string }
  /** FirmwareStatusNotification (or the security extension's SignedFirmwareStatusNotification) arrived. */
  | { type: 'firmwareStatus'; chargerId: string; status: string; ts: string }
  /** DiagnosticsStatusNotification arrived. */
  | { type: 'diagnosticsStatus'; chargerId: string; status: string; ts: string }
  | { type: 'virtualChargerChanged'; charger: VirtualChargerView; ts: string }
  | { type: 'virtualChargerRemoved'; id: string; ts: string }
  /** The bench began or stopped being able to record. */
  | { type: 'healthChanged'; health: BenchHealth; ts: string };
