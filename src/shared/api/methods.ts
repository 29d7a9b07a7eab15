// The names of the bench's calls, and nothing else: what the Electron preload may forward (it imports no
// schema and no OCPP code). contract.ts gives each name its argument schema and result type, and is
// checked at compile time to cover exactly these.
export const benchMethods = [
  'bench:status',
  'bench:health',
  'network:addresses',
  'chargers:list',
  'chargers:get',
  'chargers:register',
  'chargers:update',
  'chargers:delete',
  'chargers:disconnect',
  'chargers:operate',
  'chargers:meterValues',
  'chargers:statusHistory',
  'chargers:behaviour',
  'chargers:setBehaviour',
  'chargers:goOffline',
  'chargers:backOnline',
  'chargerEvents:list',
  'messages:list',
  'messages:page',
  'messages:count',
  'transactions:list',
  'transactions:get',
  'transactions:meterReadings',
  'transactions:close',
  'transactions:recentMeterValues',
  'operations:list',
  'connectionAttempts:list',
  'settings:get',
  'settings:update',
  'idTags:list',
  'idTags:replace',
  'idTags:add',
  'idTags:delete',
  'files:uploadLocation',
  'files:uploads',
  'files:upload',
  'files:deleteUpload',
  'files:hosted',
  'tests:cases',
  'tests:start',
  'tests:stop',
  'tests:answer',
  'tests:prompt',
  'tests:list',
  'tests:get',
  'commissioning:templates',
  'commissioning:saveTemplate',
  'commissioning:deleteTemplate',
  'commissioning:referenceTemplate',
  'commissioning:sites',
  'commissioning:site',
  'commissioning:create',
  'commissioning:run',
  'commissioning:stop',
  'commissioning:prompt',
  'commissioning:answer',
  'commissioning:get',
  'commissioning:list',
  'commissioning:setChecklist',
  'commissioning:addPhoto',
  'commissioning:removePhoto',
  'commissioning:photo',
  'commissioning:handover',
  'virtualChargers:list',
  'virtualChargers:get',
  'virtualChargers:create',
  'virtualChargers:delete',
  'virtualChargers:start',
  'virtualChargers:stop',
  'virtualChargers:act',
  'virtualChargers:faults',
  'virtualChargers:setFaults',
  'virtualChargers:setFault',
] as const;
export type BenchMethod = (typeof benchMethods)[number];

/** Calls only the desktop app has: native dialogs around files. */
export const desktopMethods = ['desktop:exportMessages', 'desktop:exportTransactions', 'desktop:chooseFile', 'desktop:saveUpload', 'desktop:saveReport', 'desktop:saveCommissioningFile'] as const;
export type DesktopMethod = (typeof desktopMethods)[number];

/**
 * The channel the desktop app pushes the bench's events on, in batches: each message `{ seq, events }`,
 * or `{ seq, missed }` when main dropped `missed` events for a window that did not take them (see
 * forwardEvents). The preload answers each message's seq on EVENTS_ACK_CHANNEL once it is handed over,
 * and 'listening' when its page starts listening.
 */
export const EVENTS_CHANNEL = 'bench:events';
export const EVENTS_ACK_CHANNEL = 'bench:events:ack';

/**
 * A bench sends its event stream something at least this often (serve mode's `{"type":"alive"}`, the
 * desktop app's empty batch), so a window can tell a quiet bench from one that has stopped answering.
 */
export const EVENTS_ALIVE_MS = 5_000;
/** A window that has heard nothing from the bench for this long shows what it has as no longer live. */
export const EVENTS_SILENT_MS = 15_000;
