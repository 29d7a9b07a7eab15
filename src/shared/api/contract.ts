// The bench contract the UI talks through, whichever face carries it (Electron IPC or serve mode's
// HTTP API): every call by name (`domain:verb`) with the zod schema of its one argument object and the
// type of its answer. Main validates each argument with these schemas; the renderer's forms use them too.
import { z } from 'zod';
import { ChargerPatch, ChargerRegistration, ChargePointIdentity, IdTagEntrySchema, IdTagList, SettingsPatch } from './commands';
import { physicalActions, FaultsPatch, type Faults, type VirtualChargerView } from './virtual-chargers';
import type { BenchHealth, BenchSettings, ChargerView, ConnectionAttemptView, ConnectorView, IdTagEntry, MessageView, MeterValueView, OperationView, TransactionView } from './views';
import type { BenchStatus } from './status';
import type { JsonObject, OcppErrorInfo } from '../ocpp16/frames';

const Empty = z.strictObject({});
const ChargerRef = z.strictObject({ id: z.string().min(1) });
const Limit = (max: number) => z.int().min(1).max(max).optional();

export const messageKinds = ['CALL', 'CALLRESULT', 'CALLERROR', 'INVALID'] as const;

/** What the message log shows: every filter is optional and they combine with AND. */
export const MessageFilter = z.strictObject({
  chargerId: z.string().min(1).optional(),
  /** Any of these actions (a CALLRESULT/CALLERROR carries its CALL's action). */
  actions: z.array(z.string().min(1)).max(64).optional(),
  direction: z.enum(['in', 'out']).optional(),
  kinds: z.array(z.enum(messageKinds)).max(4).optional(),
  /** CALLERRORs, invalid frames and frames the bench flagged. */
  errorsOnly: z.boolean().optional(),
  /** ISO time range, inclusive. */
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  /** Case-insensitive text anywhere in the raw frame. */
  search: z.string().max(200).optional(),
});
export type MessageFilter = z.infer<typeof MessageFilter>;

export const MessagePageQuery = MessageFilter.extend({
  /** Only frames up to this id: the log pins its view while new frames keep arriving. */
  upToId: z.int().min(1).optional(),
  offset: z.int().min(0).max(100_000_000).default(0),
  limit: z.int().min(1).max(1000).default(200),
});
export type MessagePageQuery = z.input<typeof MessagePageQuery>;

export const MessageExportQuery = z.strictObject({ filter: MessageFilter, format: z.enum(['json', 'csv']) });
export type MessageExportQuery = z.infer<typeof MessageExportQuery>;

export const OperateArgs = z.strictObject({
  chargerId: z.string().min(1),
  /** A central-system action, e.g. "Reset". */
  action: z.string().min(1),
  payload: z.unknown(),
  /** Seconds to wait for the answer; the bench's callTimeout when absent. */
  timeoutSeconds: z.int().min(1).max(3600).optional(),
});

export const benchCalls = {
  'bench:status': Empty,
  /** Whether the bench can record, what it found at start, connections turned away. */
  'bench:health': Empty,
  /** This machine's LAN addresses, for the Connect screen. */
  'network:addresses': Empty,
  'chargers:list': Empty,
  'chargers:get': ChargerRef,
  'chargers:register': ChargerRegistration,
  'chargers:update': z.strictObject({ id: ChargePointIdentity, patch: ChargerPatch }),
  'chargers:delete': ChargerRef,
  'chargers:disconnect': ChargerRef,
  'chargers:operate': OperateArgs,
  'chargers:meterValues': z.strictObject({ chargerId: z.string().min(1), connectorId: z.int().min(0).optional(), transactionId: z.int().min(1).optional(), limit: Limit(100_000) }),
  'chargers:statusHistory': z.strictObject({ chargerId: z.string().min(1), connectorId: z.int().min(0).optional(), limit: Limit(10_000) }),
  'messages:page': MessagePageQuery,
  /** How many frames match, counted up to `cap` (counting a million filtered frames is not free). */
  'messages:count': z.strictObject({ filter: MessageFilter, upToId: z.int().min(1).optional(), cap: z.int().min(1).max(10_000_000).default(1_000_000) }),
  'transactions:list': z.strictObject({ chargerId: z.string().min(1).optional(), active: z.boolean().optional(), limit: Limit(10_000) }),
  'transactions:get': z.strictObject({ transactionId: z.int().min(1) }),
  'operations:list': z.strictObject({ chargerId: z.string().min(1).optional(), limit: Limit(10_000) }),
  'connectionAttempts:list': z.strictObject({ limit: Limit(10_000) }),
  'settings:get': Empty,
  'settings:update': SettingsPatch,
  'idTags:list': Empty,
  'idTags:replace': z.strictObject({ entries: IdTagList }),
  'idTags:add': IdTagEntrySchema,
  'idTags:delete': z.strictObject({ idTag: z.string().min(1).max(20) }),
  'virtualChargers:list': Empty,
  /** The argument is a VirtualChargerDefinition; the manager validates it (defaults applied). */
  'virtualChargers:create': z.record(z.string(), z.unknown()),
  'virtualChargers:delete': ChargerRef,
  'virtualChargers:start': ChargerRef,
  'virtualChargers:stop': ChargerRef,
  'virtualChargers:act': z.strictObject({ id: z.string().min(1), action: z.enum(Object.keys(physicalActions) as [keyof typeof physicalActions, ...(keyof typeof physicalActions)[]]), body: z.record(z.string(), z.unknown()).default({}) }),
  'virtualChargers:setFaults': z.strictObject({ id: z.string().min(1), faults: FaultsPatch }),
} as const;

export type BenchMethod = keyof typeof benchCalls;
export type BenchArgs<M extends BenchMethod> = z.input<(typeof benchCalls)[M]>;
export type BenchParsedArgs<M extends BenchMethod> = z.output<(typeof benchCalls)[M]>;
export const benchMethods = Object.keys(benchCalls) as BenchMethod[];

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

/** What the bench got back from a charger for one operation. */
export type OperationResult =
  | { outcome: 'completed'; response: JsonObject; operationId?: number }
  | { outcome: 'callError'; error: { code: string; description: string; details: JsonObject }; operationId?: number }
  | { outcome: 'invalidResponse'; response: unknown; error: OcppErrorInfo; operationId?: number }
  | { outcome: 'timeout'; error: { description: string }; operationId?: number }
  | { outcome: 'offline'; error: { description: string }; operationId?: number };

export interface BenchCallResults {
  'bench:status': BenchStatus;
  'bench:health': BenchHealth;
  'network:addresses': NetworkAddress[];
  'chargers:list': ChargerView[];
  'chargers:get': ChargerView;
  'chargers:register': ChargerView;
  'chargers:update': ChargerView;
  'chargers:delete': null;
  'chargers:disconnect': { disconnected: boolean };
  'chargers:operate': OperationResult;
  'chargers:meterValues': MeterValueView[];
  'chargers:statusHistory': Array<ConnectorView & { receivedAt: string }>;
  'messages:page': MessageView[];
  'messages:count': { count: number; capped: boolean; maxId: number };
  'transactions:list': TransactionView[];
  'transactions:get': TransactionView & { meterValues: MeterValueView[] };
  'operations:list': OperationView[];
  'connectionAttempts:list': ConnectionAttemptView[];
  'settings:get': BenchSettings;
  'settings:update': BenchSettings;
  'idTags:list': IdTagEntry[];
  'idTags:replace': IdTagEntry[];
  'idTags:add': IdTagEntry;
  'idTags:delete': null;
  'virtualChargers:list': VirtualChargerView[];
  'virtualChargers:create': VirtualChargerView;
  'virtualChargers:delete': null;
  'virtualChargers:start': VirtualChargerView;
  'virtualChargers:stop': VirtualChargerView;
  'virtualChargers:act': { result?: unknown; charger: VirtualChargerView };
  'virtualChargers:setFaults': VirtualChargerView;
}

/** An answer over either transport: the value, or the error a person can act on (and the field at fault). */
export type CallReply<T> = { ok: true; value: T } | { ok: false; error: CallError };
export interface CallError {
  status: number;
  message: string;
  field?: string;
}

export type { Faults };
