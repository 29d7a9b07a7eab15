// What the bench shows: the views every face (IPC, HTTP API, CLI) returns, and the events it pushes.
import type { z } from 'zod';
import type { BootNotificationRequest } from '../ocpp16/messages';
import type { CentralSystemAction, ResponseOf } from '../ocpp16/actions';
import type { JsonObject, OcppErrorInfo } from '../ocpp16/frames';
import type { IdTagEntrySchema } from './commands';
import type { ChargerEventRecord, ChargerRecord, ConnectionAttemptRecord, ConnectorRecord, MessageRecord, MeterValueRecord, OperationRecord, TransactionRecord } from '../records';

/** What a charger said of itself in its BootNotification. */
export type BootInfo = BootNotificationRequest;

export type ConnectorView = ConnectorRecord;

/**
 * The heartbeat interval a charger was given (s), how and when (the bench's clock): the interval of its
 * last accepted BootNotification answer ('boot'), or a later ChangeConfiguration of HeartbeatInterval it
 * accepted ('set'), or a later GetConfiguration read of it ('read').
 */
export interface HeartbeatGivenView {
  /** Whole seconds; 0: the charger was told to send no heartbeats (its silence is never overdue). */
  seconds: number;
  how: 'boot' | 'set' | 'read';
  at: string;
}

/**
 * The newest change on the bench to what decides whether a charger is let in (the bench's clock): its
 * password set ('password') or cleared ('passwordCleared'), or its registration ('registered'). A refusal
 * older than it is not the last word: the charger's next attempt meets the change.
 */
export interface AdmissionChangeView {
  what: 'password' | 'passwordCleared' | 'registered';
  at: string;
}

export type ChargerView = ChargerRecord & {
  /** The heartbeat interval it was given; null (or absent) when the record tells none (the bench's setting then applies). */
  heartbeatGiven?: HeartbeatGivenView | null;
  /** The newest change to how it is let in (kept on the chargers row, across restarts); null (or absent) when none. */
  admissionChange?: AdmissionChangeView | null;
  /** When the bench received `firmwareStatus` (ISO, the bench's clock); null or absent when the record does not say. */
  firmwareStatusAt?: string | null;
  /** When the bench received `diagnosticsStatus` (ISO, the bench's clock); null or absent when the record does not say. */
  diagnosticsStatusAt?: string | null;
  /**
   * When it was registered on the bench (ISO, the bench's clock); null or absent when not registered, or when
   * the record does not say. Apart from `firstSeen`, its first contact (its registration while it has never connected).
   */
  registeredAt?: string | null;
};

export type TransactionView = TransactionRecord;

export type MessageView = MessageRecord;

/** A sampled value; `receivedAt`: when the bench received its reading (ISO, the bench's clock), where the record says. */
export type MeterValueView = MeterValueRecord & { receivedAt?: string };

export type OperationView = OperationRecord;

export type ConnectionAttemptView = ConnectionAttemptRecord;

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
  /** True now, whenever it arose (the FTP server on another port than its setting, or not running): each goes once it stops being true. */
  conditions: string[];
  /** OCPP connections now, and since start: refused over a cap, dropped mid-handshake, cut off for not reading, slowed for sending garbage. */
  connections: { open: number; refusedOverCap: number; incompleteHandshakes: number; cutOffUnread: number; throttled: number };
}

/**
 * Serve mode's API token: where the one in use comes from (bench:status `apiToken`). 'option': given with
 * `chargebench serve --api-token` for this run only and not saved; a start without it uses the token kept in
 * `file` (made then if there is none). 'saved': the token kept in `file`, in the data directory, across
 * restarts (made at the first start, anew by `serve --new-api-token` or Settings).
 */
export interface ApiTokenView {
  source: 'option' | 'saved';
  /** Where serve keeps its token. */
  file: string;
}

/** What the bench got back from a charger for one operation; `response` is typed by the action. */
export type OperationResult<A extends CentralSystemAction = CentralSystemAction> =
  | { outcome: 'completed'; response: ResponseOf<A>; operationId?: number }
  | {
      outcome: 'callError';
      /** `violation`: the code is not an OCPP-J 1.6 error code (said as a PropertyConstraintViolation), else absent. */
      error: { code: string; description: string; details: JsonObject; violation?: string };
      operationId?: number;
    }
  /**
   * The charger answered, but its answer breaks the OCPP schema (a finding for QA). `messageId`: the CALL's
   * message id, under which the message log records the answer (absent in an outcome read back from the record).
   */
  | { outcome: 'invalidResponse'; response: unknown; error: OcppErrorInfo; operationId?: number; messageId?: string }
  | { outcome: 'timeout'; error: { description: string }; operationId?: number }
  /**
   * The charger is not connected, or its connection dropped while the call waited. Without `sent`, nothing
   * was sent (not connected, queued behind another call, or the bench could not record the call). With
   * `sent`, the CALL went out at `sentAt` and the connection dropped before an answer: whether the charger
   * acted on it is unknown. With `queuedBehind`, it was never sent: the connection dropped while it waited
   * behind that call (sent at its `sentAt`, unanswered then). `neverConnected`, for one not sent because
   * the charger was not connected: whether it had never connected to this bench then (registered ahead).
   */
  | {
      outcome: 'offline';
      error: { description: string };
      neverConnected?: boolean;
      sent?: true;
      sentAt?: string;
      queuedBehind?: { action: CentralSystemAction; sentAt: string; operationId?: number };
      operationId?: number;
    };

/**
 * An operation on its way (pushed as `operationChanged`): queued behind another call to the same charger
 * (OCPP allows one at a time), sent and waiting for its answer, or finished.
 */
export interface OperationProgressView {
  /** Names it while it runs: the caller's `ref` when it gave one (chargers:operate), else the bench's. */
  ref: string;
  chargerId: string;
  action: CentralSystemAction;
  state: 'queued' | 'sent' | 'finished';
  /** When it was asked for. */
  queuedAt: string;
  /** When its CALL went out; null while it is queued (or when it never went out). */
  sentAt: string | null;
  /** When it counts as unanswered (sentAt + the call timeout); null until sent. */
  dueBy: string | null;
  /** Its row in the record (GET /api/operations), once sent. */
  operationId: number | null;
  /** How it ended, once finished. */
  outcome?: OperationResult['outcome'];
}

export interface NetworkAddress {
  /** Interface name, e.g. eth0, Wi-Fi. */
  interface: string;
  address: string;
  family: 'IPv4' | 'IPv6';
  /** What a charger is given: ws://<address>:<port>/ocpp/<id> without the id. */
  url: string;
  internal: boolean;
}

export type { HostedFileView, UploadLocationView, UploadView } from './files';

export type ChargerEventView = ChargerEventRecord;

export type { BenchEvent } from './events';
