// The events the bench pushes to every face: connections, frames, statuses, transactions, meter values,
// operations, firmware and diagnostics progress, files chargers upload, virtual chargers and the bench's
// health.
import type { BenchHealth, BootInfo, ConnectorView, MessageView, MeterValueView, OperationProgressView, OperationView, TransactionView } from './views';
import type { RegistrationStatus } from '../ocpp16/enums';
import type { VirtualChargerView } from './virtual-chargers';
import type { UploadView } from './files';
import type { CaseResult, InjectedFaults, OperatorPrompt, RunListItem } from './test-runs';
import type { CommissioningListItem, CommissioningView } from './commissioning';
import type { BenchBehaviourView } from './bench-behaviour';

export type BenchEvent =
  | { type: 'chargerConnected'; chargerId: string; remoteAddress: string | null; ts: string }
  /** `ts`: when the drop was noticed; `lastSeen`: the charger's last contact (its last frame), when the bench says. */
  | { type: 'chargerDisconnected'; chargerId: string; reason: string; ts: string; lastSeen?: string }
  | { type: 'connectionRefused'; chargerId: string | null; remoteAddress: string | null; reason: string; ts: string }
  | { type: 'bootNotification'; chargerId: string; boot: BootInfo; status: RegistrationStatus; ts: string }
  | { type: 'statusChanged'; chargerId: string; connector: ConnectorView; ts: string }
  | { type: 'frameLogged'; message: Omit<MessageView, 'id'> }
  | { type: 'transactionStarted'; transaction: TransactionView; ts: string }
  | { type: 'transactionStopped'; transaction: TransactionView; ts: string }
  | { type: 'meterValues'; chargerId: string; connectorId: number; transactionId: number | null; values: Omit<MeterValueView, 'id'>[]; ts: string }
  | { type: 'operationFinished'; operation: OperationView; ts: string }
  /** An operation was queued behind another call, went out, or finished (its answer: operationFinished, when it was sent). */
  | { type: 'operationChanged'; operation: OperationProgressView; ts: string }
  /** FirmwareStatusNotification (or the security extension's SignedFirmwareStatusNotification) arrived. */
  | { type: 'firmwareStatus'; chargerId: string; status: string; ts: string }
  /** DiagnosticsStatusNotification arrived. */
  | { type: 'diagnosticsStatus'; chargerId: string; status: string; ts: string }
  /** A charger's upload began, moved on (at most a few times a second), completed or failed. */
  | { type: 'uploadChanged'; upload: UploadView; ts: string }
  /** An upload was deleted (by a person, or when it expired). */
  | { type: 'uploadRemoved'; id: string; chargerId: string; ts: string }
  | { type: 'virtualChargerChanged'; charger: VirtualChargerView; ts: string }
  | { type: 'virtualChargerRemoved'; id: string; ts: string }
  /**
   * A conformance run started, moved to another case or step, or ended; or a fault switch of its virtual
   * charger was recorded with it (`faults`: the run's record of them then, the run's own switches marked).
   */
  | { type: 'testRunChanged'; run: RunListItem & { caseId: string | null; step: string | null; faults?: InjectedFaults }; ts: string }
  /** A case of a run has its verdict. */
  | { type: 'testCaseFinished'; runId: string; result: CaseResult; ts: string }
  /** A run asks the person at the charger to do something (null: the question is answered or gone). */
  | { type: 'testPrompt'; runId: string; prompt: OperatorPrompt | null; ts: string }
  /** A commissioning was created, began or finished a step, or changed (checklist, photos, handover): fetch it again. */
  | { type: 'commissioningChanged'; commissioning: CommissioningListItem & { running: CommissioningView['running'] }; ts: string }
  /** A commissioning asks the person at the charger to do something (null: answered or gone). */
  | { type: 'commissioningPrompt'; id: string; prompt: OperatorPrompt | null; ts: string }
  /** How the bench misbehaves toward a charger changed (the bench behaviour panel, the API, a test case). */
  | { type: 'benchBehaviourChanged'; behaviour: BenchBehaviourView; ts: string }
  /** The bench began or stopped being able to record. */
  | { type: 'healthChanged'; health: BenchHealth; ts: string }
  /** The bench's FTP server (re)started or stopped: where it listens now (bench:status `ftp`); ftp:// URLs handed out before name the old port. */
  | { type: 'ftpChanged'; ftp: { port: number | null; fixed: boolean }; ts: string };
