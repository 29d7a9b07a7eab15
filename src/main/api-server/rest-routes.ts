// The automation API's REST routes: a table from a verb and a path to a bench contract call, saying how
// the call's argument object is made from the path, the query and the body, and which HTTP status a
// success is. No route holds logic or reaches past the contract: the same call answers the UI and a script.
import type { BenchMethod, BenchResult } from '../../shared/api/contract';
import type { Served } from '../core/bench-service';
import { valueOf } from '../json-text';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
/** How a path parameter or query field is read: text as it is, a number or boolean from text, or a comma-separated list. */
export type FieldType = 'string' | 'int' | 'bool' | 'list';

/** A route as the table writes it: typed by its call, so `status` and `answer` read that call's result. */
export interface RouteDefinition<M extends BenchMethod> {
  method: Method;
  /** e.g. /api/chargers/{id}; a parameter is one path segment, %-decoded. */
  path: string;
  call: M;
  /** Path parameters into argument fields: { id: 'chargerId' }, or { id: ['transactionId', 'int'] }. */
  params?: Record<string, string | [string, FieldType]>;
  /** Query fields taken, and how each is read (others are refused, naming them). */
  query?: Record<string, FieldType | [string, FieldType]>;
  /** The body: spread into the arguments (true), or given as one argument field; without it the route takes none (a body but `{}` is a 400). */
  body?: true | string;
  /** The status of a success: a number (default 200), or read from the result. */
  status?: number | ((result: BenchResult<M>) => number);
  /** What of the result is answered (default all of it). */
  answer?: (result: BenchResult<M>) => unknown;
}

/** Makes a contract call (BenchService.serve). */
export type Serve = <M extends BenchMethod>(method: M, args: unknown) => Promise<Served<M>>;

/** A row of the table as the server runs it: where the arguments come from, and how the answer is made. */
export interface RestRoute extends Omit<RouteDefinition<BenchMethod>, 'status' | 'answer'> {
  /** Makes the call with these arguments; the status and body of its success. */
  reply(serve: Serve, args: Record<string, unknown>): Promise<[number, unknown]>;
}

/** One row: its call's result type stays inside, where `status` and `answer` read it. */
const route = <M extends BenchMethod>({ status, answer, ...r }: RouteDefinition<M>): RestRoute => ({
  ...r,
  async reply(serve, args) {
    const served = await serve(r.call, args);
    // A route that looks into its answer gets the value; the others send JSON text as it came.
    if (!answer && typeof status !== 'function') return [status ?? 200, served];
    const result = valueOf(served);
    return [typeof status === 'function' ? status(result) : (status ?? 200), answer ? answer(result) : result];
  },
});

/**
 * Saving a commissioning template: 201 when its name is new, 200 when it replaces the saved template of
 * that name, readable or not (the saved names are read through the contract just before; the call is the contract's).
 */
function saveTemplateRoute(): RestRoute {
  return {
    method: 'POST',
    path: '/api/commissioning-templates',
    call: 'commissioning:saveTemplate',
    body: 'template',
    async reply(serve, args) {
      const name = (args.template as { name?: unknown } | null | undefined)?.name;
      // A saved template this version cannot read is replaced too when the name is its name.
      const list = typeof name === 'string' ? valueOf(await serve('commissioning:templates', {})) : null;
      const replaces = !!list && [...list.saved, ...(list.unreadable ?? [])].some((t) => t.name === name);
      return [replaces ? 200 : 201, await serve('commissioning:saveTemplate', args)];
    },
  };
}

export const restRoutes: RestRoute[] = [
  route({ method: 'GET', path: '/api/health', call: 'bench:health', status: (h) => (h.ok ? 200 : 503) }),
  route({ method: 'GET', path: '/api/chargers', call: 'chargers:list' }),
  // Registering is idempotent (201 when the charger is new, 200 when it was already seen or registered),
  // so one call commissions a charger whether or not it has connected yet.
  route({ method: 'POST', path: '/api/chargers', call: 'chargers:register', body: true, status: (r) => (r.created ? 201 : 200), answer: (r) => r.charger }),
  route({ method: 'GET', path: '/api/chargers/{id}', call: 'chargers:get', params: { id: 'id' } }),
  route({ method: 'PATCH', path: '/api/chargers/{id}', call: 'chargers:update', params: { id: 'id' }, body: 'patch' }),
  route({ method: 'DELETE', path: '/api/chargers/{id}', call: 'chargers:delete', params: { id: 'id' }, status: 204 }),
  route({ method: 'POST', path: '/api/chargers/{id}/disconnect', call: 'chargers:disconnect', params: { id: 'id' } }),
  route({
    method: 'POST',
    path: '/api/chargers/{id}/operations/{action}',
    call: 'chargers:operate',
    params: { id: 'chargerId', action: 'action' },
    query: { timeout: ['timeoutSeconds', 'int'] },
    body: 'payload',
    status: (r) => (r.outcome === 'offline' ? 409 : 200),
  }),
  route({
    method: 'GET',
    path: '/api/chargers/{id}/meter-values',
    call: 'chargers:meterValues',
    params: { id: 'chargerId' },
    query: { connectorId: 'int', transactionId: 'int', limit: 'int', beforeId: 'int' },
  }),
  route({ method: 'GET', path: '/api/chargers/{id}/status-history', call: 'chargers:statusHistory', params: { id: 'chargerId' }, query: { connectorId: 'int', limit: 'int' } }),
  route({ method: 'GET', path: '/api/chargers/{id}/behaviour', call: 'chargers:behaviour', params: { id: 'id' } }),
  route({ method: 'PUT', path: '/api/chargers/{id}/behaviour', call: 'chargers:setBehaviour', params: { id: 'id' }, body: 'behaviour' }),
  route({ method: 'POST', path: '/api/chargers/{id}/offline', call: 'chargers:goOffline', params: { id: 'id' }, body: true }),
  route({ method: 'DELETE', path: '/api/chargers/{id}/offline', call: 'chargers:backOnline', params: { id: 'id' } }),
  route({ method: 'GET', path: '/api/messages', call: 'messages:list', query: { chargerId: 'string', action: 'string', limit: 'int', beforeId: 'int' } }),
  route({ method: 'GET', path: '/api/transactions', call: 'transactions:list', query: { chargerId: 'string', active: 'bool', limit: 'int' } }),
  route({ method: 'GET', path: '/api/transactions/{id}', call: 'transactions:get', params: { id: ['transactionId', 'int'] }, query: { meterValues: 'bool' } }),
  route({ method: 'POST', path: '/api/transactions/{id}/close', call: 'transactions:close', params: { id: ['transactionId', 'int'] } }),
  route({ method: 'GET', path: '/api/transactions/{id}/meter-readings', call: 'transactions:meterReadings', params: { id: ['transactionId', 'int'] } }),
  route({ method: 'GET', path: '/api/operations', call: 'operations:list', query: { chargerId: 'string', actions: 'list', sentSince: 'string', ref: 'string', limit: 'int' } }),
  route({ method: 'GET', path: '/api/charger-events', call: 'chargerEvents:list', query: { chargerId: 'string', action: 'string', warning: 'bool', from: 'string', limit: 'int' } }),
  route({ method: 'GET', path: '/api/connection-attempts', call: 'connectionAttempts:list', query: { limit: 'int', beforeId: 'int' } }),
  route({ method: 'GET', path: '/api/settings', call: 'settings:get' }),
  route({ method: 'PATCH', path: '/api/settings', call: 'settings:update', body: true }),
  route({ method: 'GET', path: '/api/id-tags', call: 'idTags:list' }),
  route({ method: 'PUT', path: '/api/id-tags', call: 'idTags:replace', body: 'entries' }),
  route({ method: 'POST', path: '/api/id-tags', call: 'idTags:add', body: true, status: 201 }),
  route({ method: 'DELETE', path: '/api/id-tags/{idTag}', call: 'idTags:delete', params: { idTag: 'idTag' }, status: 204 }),
  // Files chargers fetch and send: an upload location per GetDiagnostics request, what arrived, hosted firmware.
  route({ method: 'POST', path: '/api/chargers/{id}/upload-locations', call: 'files:uploadLocation', params: { id: 'chargerId' }, status: 201 }),
  route({ method: 'GET', path: '/api/chargers/{id}/uploads', call: 'files:uploads', params: { id: 'chargerId' } }),
  route({ method: 'GET', path: '/api/uploads', call: 'files:uploads', query: { chargerId: 'string' } }),
  route({ method: 'GET', path: '/api/uploads/{id}', call: 'files:upload', params: { id: 'id' } }),
  route({ method: 'DELETE', path: '/api/uploads/{id}', call: 'files:deleteUpload', params: { id: 'id' }, status: 204 }),
  route({ method: 'GET', path: '/api/files', call: 'files:hosted' }),
  route({ method: 'GET', path: '/api/test-cases', call: 'tests:cases' }),
  route({ method: 'POST', path: '/api/test-runs', call: 'tests:start', body: true, status: 202 }),
  route({ method: 'GET', path: '/api/test-runs', call: 'tests:list', query: { chargerId: 'string' } }),
  route({ method: 'GET', path: '/api/test-runs/{id}', call: 'tests:get', params: { id: 'runId' } }),
  route({ method: 'POST', path: '/api/test-runs/{id}/stop', call: 'tests:stop', params: { id: 'runId' }, status: 204 }),
  route({ method: 'GET', path: '/api/test-runs/{id}/prompt', call: 'tests:prompt', params: { id: 'runId' } }),
  route({ method: 'POST', path: '/api/test-runs/{id}/answer', call: 'tests:answer', params: { id: 'runId' }, body: true, status: 204 }),
  // Commissioning: templates, sites, and each commissioning's run, checklist, photos and handover. Its
  // files (report.html, report.pdf, report.json, bundle.zip), photos and a site's summary.html are in report-routes.ts.
  route({ method: 'GET', path: '/api/commissioning-templates', call: 'commissioning:templates' }),
  saveTemplateRoute(),
  route({ method: 'POST', path: '/api/commissioning-templates/reference', call: 'commissioning:referenceTemplate', body: true }),
  route({ method: 'DELETE', path: '/api/commissioning-templates/{name}', call: 'commissioning:deleteTemplate', params: { name: 'name' }, status: 204 }),
  route({ method: 'GET', path: '/api/commissioning-sites', call: 'commissioning:sites' }),
  route({ method: 'GET', path: '/api/commissioning-sites/{site}', call: 'commissioning:site', params: { site: 'site' } }),
  route({ method: 'GET', path: '/api/commissioning', call: 'commissioning:list', query: { site: 'string', chargerId: 'string' } }),
  route({ method: 'POST', path: '/api/commissioning', call: 'commissioning:create', body: true, status: 201 }),
  route({ method: 'GET', path: '/api/commissioning/{id}', call: 'commissioning:get', params: { id: 'id' } }),
  route({ method: 'POST', path: '/api/commissioning/{id}/run', call: 'commissioning:run', params: { id: 'id' }, body: true, status: 202 }),
  route({ method: 'POST', path: '/api/commissioning/{id}/stop', call: 'commissioning:stop', params: { id: 'id' }, status: 204 }),
  route({ method: 'GET', path: '/api/commissioning/{id}/prompt', call: 'commissioning:prompt', params: { id: 'id' } }),
  route({ method: 'POST', path: '/api/commissioning/{id}/answer', call: 'commissioning:answer', params: { id: 'id' }, body: true, status: 204 }),
  route({ method: 'PATCH', path: '/api/commissioning/{id}/checklist', call: 'commissioning:setChecklist', params: { id: 'id' }, body: 'entries' }),
  route({ method: 'POST', path: '/api/commissioning/{id}/photos', call: 'commissioning:addPhoto', params: { id: 'id' }, body: true, status: 201 }),
  route({ method: 'DELETE', path: '/api/commissioning/{id}/photos/{photoId}', call: 'commissioning:removePhoto', params: { id: 'id', photoId: 'photoId' }, status: 204 }),
  route({ method: 'POST', path: '/api/commissioning/{id}/handover', call: 'commissioning:handover', params: { id: 'id' }, body: 'handover' }),
  route({ method: 'GET', path: '/api/virtual-chargers', call: 'virtualChargers:list' }),
  route({ method: 'POST', path: '/api/virtual-chargers', call: 'virtualChargers:create', body: true, status: 201 }),
  route({ method: 'GET', path: '/api/virtual-chargers/{id}', call: 'virtualChargers:get', params: { id: 'id' } }),
  route({ method: 'DELETE', path: '/api/virtual-chargers/{id}', call: 'virtualChargers:delete', params: { id: 'id' } }),
  route({ method: 'POST', path: '/api/virtual-chargers/{id}/start', call: 'virtualChargers:start', params: { id: 'id' } }),
  route({ method: 'POST', path: '/api/virtual-chargers/{id}/stop', call: 'virtualChargers:stop', params: { id: 'id' } }),
  route({ method: 'POST', path: '/api/virtual-chargers/{id}/actions/{action}', call: 'virtualChargers:act', params: { id: 'id', action: 'action' }, body: 'body' }),
  route({ method: 'GET', path: '/api/virtual-chargers/{id}/faults', call: 'virtualChargers:faults', params: { id: 'id' } }),
  route({ method: 'PATCH', path: '/api/virtual-chargers/{id}/faults', call: 'virtualChargers:setFaults', params: { id: 'id' }, body: 'faults' }),
  route({ method: 'POST', path: '/api/virtual-chargers/{id}/faults/{fault}', call: 'virtualChargers:setFault', params: { id: 'id', fault: 'fault' }, body: 'value' }),
];
