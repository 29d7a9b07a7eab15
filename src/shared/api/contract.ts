// The bench contract every face speaks (Electron IPC, serve mode's HTTP API and its REST routes, the
// CLI): one map with, per call (`domain:verb`), the zod schema of its one argument object and the type of
// its answer. Main validates each argument with these schemas; the renderer's forms use them too.
// `chargers:operate` is typed per action: { action: 'Reset', payload: RequestOf<'Reset'> } answers
// OperationResult<'Reset'>.
import { z } from 'zod';
import { ChargerPatch, ChargerRegistrationArgs, IdTagEntrySchema, IdTagList } from './commands';
import { SettingsPatch } from './settings';
import { FaultsPatch, type Faults, type VirtualChargerDeleted, type VirtualChargerView } from './virtual-chargers';
import type {
  BenchHealth,
  BenchSettings,
  ChargerEventView,
  ChargerView,
  ConnectionAttemptView,
  ConnectorView,
  HostedFileView,
  IdTagEntry,
  MessageView,
  MeterValueView,
  NetworkAddress,
  OperationResult,
  OperationView,
  TransactionView,
  UploadLocationView,
  UploadView,
} from './views';
import type { BenchStatus } from './status';
import type { MeterReadings } from './meter-readings';
import { MessageFilter } from './message-filter';
import { BenchBehaviour, type BenchBehaviourView } from './bench-behaviour';
import { PicsDeclaration, TestDataGiven, type CaseInfo, type OperatorPrompt, type RunListItem, type RunResult } from './test-runs';
import { ChecklistEntry, CommissioningTemplate, Handover, PhotoUpload, SiteJob, type CommissioningListItem, type CommissioningView, type PhotoView, type SiteSummary } from './commissioning';
import type { TemplateList } from './commissioning';
import { centralSystemActions, featureProfiles } from '../ocpp16/actions';
import type { BenchMethod } from './methods';
import type { CentralSystemAction, RequestOf } from '../ocpp16/actions';

export { MessageFilter, messageKinds } from './message-filter';
export type { BenchMethod } from './methods';
export { benchMethods } from './methods';
export type { HostedFileView, NetworkAddress, OperationResult, UploadLocationView, UploadView } from './views';

const Empty = z.strictObject({});
const ChargerRef = z.strictObject({ id: z.string().min(1) });
/** The meter values a session comes with (`transactions:get`): the newest this many. */
export const TRANSACTION_METER_VALUES = 100_000;

const Limit = (max: number) => z.int().min(1).max(max).optional();
/** The central-system actions a list of operations is narrowed to. */
const OperationActions = z
  .array(z.enum(centralSystemActions as [CentralSystemAction, ...CentralSystemAction[]], { error: 'must be a central-system action such as "Reset"' }))
  .min(1)
  .max(centralSystemActions.length);

export const MessagePageQuery = MessageFilter.extend({
  /** Only frames up to this id: the log pins its view while new frames keep arriving. */
  upToId: z.int().min(1).optional(),
  offset: z.int().min(0).max(100_000_000).default(0),
  limit: z.int().min(1).max(1000).default(200),
});
export type MessagePageQuery = z.input<typeof MessagePageQuery>;

export const MessageExportQuery = z.strictObject({ filter: MessageFilter, format: z.enum(['json', 'csv']) });
export type MessageExportQuery = z.infer<typeof MessageExportQuery>;

/**
 * The charger events to list, newest first: every filter optional, combined with AND, applied by the store
 * (so the newest `limit` are those matching, not the newest of everything).
 */
export const ChargerEventQuery = z.strictObject({
  chargerId: z.string().optional(),
  /** Of this action only, e.g. "StopTransaction". */
  action: z.string().min(1).optional(),
  /** true: only those holding the bench's warning note (a stop or meter values of a transaction that is not the charger's own). */
  warning: z.boolean().optional(),
  /** Received at or after this time (the bench's clock; any offset). */
  from: z.iso.datetime({ offset: true }).optional(),
  limit: Limit(10_000),
});
export type ChargerEventQuery = z.infer<typeof ChargerEventQuery>;

/** The transactions to export as CSV: every one matching, not only the newest that one list holds. */
export const TransactionExportQuery = z.strictObject({ chargerId: z.string().min(1).optional(), active: z.boolean().optional() });
export type TransactionExportQuery = z.infer<typeof TransactionExportQuery>;

/**
 * The outer shape of an operation; the payload is checked against the action's own schema by the bench,
 * which names the field and the OCPP error code (and answers 404 for an action it does not send).
 */
export const OperateArgsSchema = z.strictObject({
  chargerId: z.string().min(1),
  /** A central-system action, e.g. "Reset". */
  action: z.string().min(1),
  payload: z.unknown(),
  /** Seconds to wait for the answer; the bench's callTimeout when absent. */
  timeoutSeconds: z.int().min(1).max(3600).optional(),
  /** The caller's name for this operation, carried by its operationChanged events (to follow it while it waits). */
  ref: z.string().min(1).max(100).optional(),
});
/** One operation, typed per action: the payload is that action's request. */
export type OperateArgs<A extends CentralSystemAction = CentralSystemAction> = {
  [K in A]: { chargerId: string; action: K; payload: RequestOf<K>; timeoutSeconds?: number; ref?: string };
}[A];

/** A call of the contract: its argument schema, with its argument and result types carried along. */
export interface Call<S extends z.ZodType, Args, Result> {
  args: S;
  /** Types only, never set: what the call takes and answers. */
  readonly types?: (args: Args) => Result;
}
/** Declares a call answering `Result` (the argument type is the schema's input unless given). */
const call =
  <Result, Args = never>() =>
  <S extends z.ZodType>(args: S): Call<S, [Args] extends [never] ? z.input<S> : Args, Result> => ({ args });

export const contract = {
  'bench:status': call<BenchStatus>()(Empty),
  /** Whether the bench can record, what it found at start, connections turned away. */
  'bench:health': call<BenchHealth>()(Empty),
  /** This machine's LAN addresses, for the Connect screen. */
  'network:addresses': call<NetworkAddress[]>()(Empty),
  'chargers:list': call<ChargerView[]>()(Empty),
  'chargers:get': call<ChargerView>()(ChargerRef),
  /**
   * Registers a charger before (or after) its first connection; `created` when it was new. A new id gets the
   * identity rule; a known charger is named by its stored id (as by update and delete), whatever the rule says now.
   */
  'chargers:register': call<{ charger: ChargerView; created: boolean }>()(ChargerRegistrationArgs),
  /** A known charger, named by its stored id: one an older bench recorded under an id the identity rule now refuses stays manageable. */
  'chargers:update': call<ChargerView>()(z.strictObject({ id: z.string().min(1), patch: ChargerPatch })),
  'chargers:delete': call<null>()(ChargerRef),
  'chargers:disconnect': call<{ disconnected: boolean }>()(ChargerRef),
  'chargers:operate': call<OperationResult, OperateArgs>()(OperateArgsSchema),
  /** Newest first, up to `limit`; `beforeId`: those with an id below it (the next page back: the lowest id of the last page). */
  'chargers:meterValues': call<MeterValueView[]>()(
    z.strictObject({
      chargerId: z.string().min(1),
      connectorId: z.int().min(0).optional(),
      transactionId: z.int().min(1).optional(),
      limit: Limit(100_000),
      beforeId: z.int().min(1).optional(),
    }),
  ),
  'chargers:statusHistory': call<Array<ConnectorView & { receivedAt: string }>>()(z.strictObject({ chargerId: z.string().min(1), connectorId: z.int().min(0).optional(), limit: Limit(10_000) })),
  /** How the bench misbehaves toward a charger on purpose (server-side faults), and whether it is refused. */
  'chargers:behaviour': call<BenchBehaviourView>()(ChargerRef),
  'chargers:setBehaviour': call<BenchBehaviourView>()(z.strictObject({ id: z.string().min(1), behaviour: BenchBehaviour })),
  /** Drops the charger's connection and refuses it for `seconds`: the central system is unreachable. */
  'chargers:goOffline': call<BenchBehaviourView>()(z.strictObject({ id: z.string().min(1), seconds: z.int().min(1).max(86_400) })),
  /** Ends goOffline early: the charger may connect again at once. */
  'chargers:backOnline': call<BenchBehaviourView>()(ChargerRef),
  /** DataTransfer, firmware and diagnostics status, security events, CSRs and warnings, newest first. */
  'chargerEvents:list': call<ChargerEventView[]>()(ChargerEventQuery),
  /** The message log newest first, paged by id (the automation API's plain list). */
  'messages:list': call<MessageView[]>()(z.strictObject({ chargerId: z.string().optional(), action: z.string().optional(), limit: Limit(10_000), beforeId: z.int().min(1).optional() })),
  'messages:page': call<MessageView[]>()(MessagePageQuery),
  /** How many frames match, counted up to `cap` (counting a million filtered frames is not free). */
  'messages:count': call<{ count: number; capped: boolean; maxId: number }>()(
    z.strictObject({ filter: MessageFilter, upToId: z.int().min(1).optional(), cap: z.int().min(1).max(10_000_000).default(1_000_000) }),
  ),
  'transactions:list': call<TransactionView[]>()(z.strictObject({ chargerId: z.string().min(1).optional(), active: z.boolean().optional(), limit: Limit(10_000) })),
  /**
   * A session with its newest TRANSACTION_METER_VALUES meter values, oldest first; `meterValuesCapped` when
   * it holds more. `meterValues: false`: the session alone (its list empty; see transactions:meterReadings).
   */
  'transactions:get': call<TransactionView & { meterValues: MeterValueView[]; meterValuesCapped?: true }>()(z.strictObject({ transactionId: z.int().min(1), meterValues: z.boolean().default(true) })),
  /**
   * The same session's meter values in the record's compact form (a reading per entry, shapes by id; see
   * shared/api/meter-readings.ts): what the transaction page fetches, about a twentieth of the bytes.
   */
  'transactions:meterReadings': call<MeterReadings>()(z.strictObject({ transactionId: z.int().min(1) })),
  /** Ends in the record a session the charger no longer reports (nothing is sent to the charger); 409 when it has ended already. */
  'transactions:close': call<TransactionView>()(z.strictObject({ transactionId: z.int().min(1) })),
  /** The newest meter values (up to `limit`, newest first) of each of several transactions, in one call (a list of running sessions opened with no live reading). */
  'transactions:recentMeterValues': call<Array<{ transactionId: number; meterValues: MeterValueView[] }>>()(
    z.strictObject({ transactionIds: z.array(z.int().min(1)).min(1).max(1000), limit: z.int().min(1).max(1000).default(50) }),
  ),
  /**
   * Operations sent, newest first: of one charger, and of some actions only (a panel's history, however many
   * operations of other actions came since); `sentSince`: only those sent at or after this time (read
   * without going through older ones).
   */
  'operations:list': call<OperationView[]>()(
    z.strictObject({
      chargerId: z.string().min(1).optional(),
      actions: OperationActions.optional(),
      sentSince: z.iso.datetime({ offset: true, error: 'must be a date and time such as "2026-03-01T10:00:00Z"' }).optional(),
      /** Only the one its caller named so (OperateArgs `ref`): a send whose answer was lost before the window heard it was sent. */
      ref: z.string().min(1).max(100).optional(),
      limit: Limit(10_000),
    }),
  ),
  /** Newest first, the newest 100 unless `limit` says; `beforeId`: those with an id below it (the next page back). */
  'connectionAttempts:list': call<ConnectionAttemptView[]>()(z.strictObject({ limit: Limit(10_000), beforeId: z.int().min(1).optional() })),
  'settings:get': call<BenchSettings>()(Empty),
  'settings:update': call<BenchSettings>()(SettingsPatch),
  'idTags:list': call<IdTagEntry[]>()(Empty),
  'idTags:replace': call<IdTagEntry[]>()(z.strictObject({ entries: IdTagList })),
  'idTags:add': call<IdTagEntry>()(IdTagEntrySchema),
  'idTags:delete': call<null>()(z.strictObject({ idTag: z.string().min(1).max(20) })),
  /**
   * A new upload location for one GetDiagnostics request of this charger: an HTTP URL and an FTP URL with
   * their own secret, valid for a day. What arrives through it is listed by files:uploads.
   */
  'files:uploadLocation': call<UploadLocationView>()(z.strictObject({ chargerId: z.string().min(1) })),
  /** Files chargers sent to the bench (of one charger, or all), newest first, with their progress. */
  'files:uploads': call<UploadView[]>()(z.strictObject({ chargerId: z.string().min(1).optional() })),
  'files:upload': call<UploadView>()(z.strictObject({ id: z.string().min(1) })),
  /** Deletes an upload (one still arriving is cut off). */
  'files:deleteUpload': call<null>()(z.strictObject({ id: z.string().min(1) })),
  /** Firmware and other files the bench hosts for chargers now, newest first. */
  'files:hosted': call<HostedFileView[]>()(Empty),
  /** The OCTT 1.6 charge-point test cases the bench can run. */
  'tests:cases': call<CaseInfo[]>()(Empty),
  /** Starts a conformance run on a charger (a built-in virtual charger's operator steps are automatic). */
  'tests:start': call<{ runId: string }>()(
    z.strictObject({
      chargerId: z.string().min(1),
      cases: z.array(z.string().min(1)).min(1).optional(),
      profile: z.enum([...featureProfiles, 'Security']).optional(),
      rerunFailedOf: z.string().min(1).optional(),
      data: TestDataGiven.optional(),
      /** What the person confirms or corrects of the charger: feature profiles, fixed cable, lock, reader, back-up power. */
      declared: PicsDeclaration.optional(),
    }),
  ),
  /** Stops a run: the case in progress ends at once (inconclusive; its operator prompt withdrawn), the charger is put back, the rest is left out. */
  'tests:stop': call<null>()(z.strictObject({ runId: z.string().min(1) })),
  /** The person's answer to the run's operator prompt; `promptId` the request it answers (its `id`): refused (409) when that request is no longer open. */
  'tests:answer': call<null>()(z.strictObject({ runId: z.string().min(1), answer: z.enum(['done', 'cannot', 'skip']), promptId: z.string().min(1).optional() })),
  'tests:prompt': call<OperatorPrompt | null>()(z.strictObject({ runId: z.string().min(1) })),
  /** Runs, newest first (running ones first), of one charger or all. */
  'tests:list': call<RunListItem[]>()(z.strictObject({ chargerId: z.string().min(1).optional() })),
  'tests:get': call<RunResult>()(z.strictObject({ runId: z.string().min(1) })),
  /** The built-in commissioning templates, the user's saved ones, and the saved ones this version cannot read (name and reason). */
  'commissioning:templates': call<TemplateList>()(Empty),
  /** Saves a user template (a saved one of the same name is replaced; a built-in name is refused). */
  'commissioning:saveTemplate': call<CommissioningTemplate>()(z.strictObject({ template: CommissioningTemplate })),
  'commissioning:deleteTemplate': call<null>()(z.strictObject({ name: z.string().min(1) })),
  /**
   * A template whose baseline is this charger's configuration as it reads now (the writable keys), to
   * compare another charger, or this one after a firmware update, against it. Not saved until saveTemplate.
   */
  'commissioning:referenceTemplate': call<CommissioningTemplate>()(z.strictObject({ chargerId: z.string().min(1), name: z.string().trim().min(1).max(80) })),
  /** The sites commissioned before, newest first, with the job last used there (to fill in the next charger's). */
  'commissioning:sites': call<SiteJob[]>()(Empty),
  /** One site's chargers side by side. */
  'commissioning:site': call<SiteSummary>()(z.strictObject({ site: z.string().min(1) })),
  /** A new commissioning of a connected charger for a site and job (remembered for the site); nothing runs yet. */
  'commissioning:create': call<CommissioningView>()(z.strictObject({ chargerId: z.string().min(1), job: SiteJob, template: CommissioningTemplate })),
  /** Runs the plan's steps (all, or the ones named: re-running a step replaces its result) in the background. */
  'commissioning:run': call<null>()(z.strictObject({ id: z.string().min(1), steps: z.array(z.string().min(1)).min(1).optional() })),
  /** Stops the run: the step in progress ends at once (inconclusive; its operator prompt withdrawn), the charger is put back. */
  'commissioning:stop': call<null>()(z.strictObject({ id: z.string().min(1) })),
  'commissioning:prompt': call<OperatorPrompt | null>()(z.strictObject({ id: z.string().min(1) })),
  /** As tests:answer: `promptId` the request it answers, refused (409) when no longer open. */
  'commissioning:answer': call<null>()(z.strictObject({ id: z.string().min(1), answer: z.enum(['done', 'cannot', 'skip']), promptId: z.string().min(1).optional() })),
  'commissioning:get': call<CommissioningView>()(z.strictObject({ id: z.string().min(1) })),
  /** Commissionings, newest first, of one site or charger, or all. */
  'commissioning:list': call<CommissioningListItem[]>()(z.strictObject({ site: z.string().min(1).optional(), chargerId: z.string().min(1).optional() })),
  /** Replaces the on-site checklist's entries given (the others stay). Refused after the handover. */
  'commissioning:setChecklist': call<CommissioningView>()(z.strictObject({ id: z.string().min(1), entries: z.array(ChecklistEntry).min(1) })),
  'commissioning:addPhoto': call<PhotoView>()(PhotoUpload),
  'commissioning:removePhoto': call<null>()(z.strictObject({ id: z.string().min(1), photoId: z.string().min(1) })),
  /** A photo's bytes, base64. */
  'commissioning:photo': call<{ contentType: string; dataBase64: string }>()(z.strictObject({ id: z.string().min(1), photoId: z.string().min(1) })),
  /** Signs the handover: the verdict at this moment, the installer's signature and the customer's acknowledgement. The record is final afterwards. */
  'commissioning:handover': call<CommissioningView>()(z.strictObject({ id: z.string().min(1), handover: Handover })),
  'virtualChargers:list': call<VirtualChargerView[]>()(Empty),
  'virtualChargers:get': call<VirtualChargerView>()(ChargerRef),
  /** The argument is a VirtualChargerDefinition; the manager validates it (defaults applied). */
  'virtualChargers:create': call<VirtualChargerView>()(z.record(z.string(), z.unknown())),
  /** Online, the charger first ends its sessions (StopTransaction, reason Other); the answer says what became of each. */
  'virtualChargers:delete': call<VirtualChargerDeleted>()(ChargerRef),
  'virtualChargers:start': call<VirtualChargerView>()(ChargerRef),
  'virtualChargers:stop': call<VirtualChargerView>()(ChargerRef),
  'virtualChargers:act': call<{ result?: unknown; charger: VirtualChargerView }>()(
    z.strictObject({
      id: z.string().min(1),
      /** One of the physical actions (physicalActions); the manager names the known ones when it is not. */
      action: z.string().min(1),
      body: z.record(z.string(), z.unknown()).default({}),
    }),
  ),
  'virtualChargers:setFaults': call<VirtualChargerView>()(z.strictObject({ id: z.string().min(1), faults: FaultsPatch })),
  'virtualChargers:faults': call<Faults>()(ChargerRef),
  /** One fault switch by name; the manager checks the value against that fault's schema. */
  'virtualChargers:setFault': call<VirtualChargerView>()(z.strictObject({ id: z.string().min(1), fault: z.string().min(1), value: z.unknown() })),
} satisfies { [M in BenchMethod]: Call<z.ZodType, never, unknown> };

/** The names the contract and methods.ts share, both ways: a call missing from either is a compile error. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const contractCoversMethods: Same<keyof typeof contract, BenchMethod> = true;

type CallOf<M extends BenchMethod> = (typeof contract)[M];
/** What a call takes, as its caller writes it. */
export type BenchArgs<M extends BenchMethod> = CallOf<M> extends Call<z.ZodType, infer A, unknown> ? A : never;
/** What a call takes once checked (defaults applied): what its implementation gets. */
export type BenchParsedArgs<M extends BenchMethod> = z.output<CallOf<M>['args']>;
/** What a call answers. */
export type BenchResult<M extends BenchMethod> = CallOf<M> extends Call<z.ZodType, never, infer R> ? R : never;
/** What a call answers for these arguments: an operation's response is typed by its action. */
export type ResultFor<M extends BenchMethod, Args> = M extends 'chargers:operate'
  ? Args extends { action: infer A extends CentralSystemAction }
    ? OperationResult<A>
    : OperationResult
  : BenchResult<M>;
/** @deprecated the old name: every call's result type. */
export type BenchCallResults = { [M in BenchMethod]: BenchResult<M> };

/**
 * An answer over either transport: the value, or the error a person can act on (and the field at fault).
 * A big read (a message page) may come as its JSON's UTF-8 bytes, made off the bench's protocol thread,
 * for the receiving side to parse.
 */
export type CallReply<T> = { ok: true; value: T } | { ok: true; json: Uint8Array } | { ok: false; error: CallError };
export interface CallError {
  status: number;
  message: string;
  field?: string;
}

export type { Faults };
