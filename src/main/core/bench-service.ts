// The bench contract's one implementation: every `domain:verb` call of src/shared/api/contract.ts,
// validated with its zod schema and answered from the core. Electron IPC, serve mode's contract endpoint
// and its REST routes all dispatch here, so the UI and scripts see the same bench under every face.
import { BenchError, parse } from '../errors';
import type { Bench } from './bench';
import { version } from '../version';
import { contract, benchMethods, TRANSACTION_METER_VALUES, type BenchMethod, type BenchParsedArgs, type BenchResult, type CallReply } from '../../shared/api/contract';
import type { ApiTokenView, ChargerView } from '../../shared/api/views';
import type { BenchBehaviourView } from '../../shared/api/bench-behaviour';
import { reachableAddresses } from './network';
import { JsonText, valueOf } from '../json-text';
import { checkNewIdTags, idTagsRemoved, idTagsReplaced } from './known-id-tags';
import { refuseStaleAnswer } from '../conformance/attended';
import { portClashes, type BenchSettings, type PortsInEffect, type SettingsPatch } from '../../shared/api/settings';

export { reachableAddresses } from './network';

/** A call's answer: its value, or (for big reads made on the reader thread) the value's JSON text. */
export type Served<M extends BenchMethod> = BenchResult<M> | JsonText<BenchResult<M>>;
type Handlers = { [M in BenchMethod]: (args: BenchParsedArgs<M>) => Served<M> | Promise<Served<M>> };

const methods = new Set<string>(benchMethods);
/** Calls answered from memory: they never wait for the record (a settings read stays instant under load). */
const fromMemory = new Set<BenchMethod>(['bench:status', 'bench:health', 'network:addresses', 'settings:get']);

export class BenchService {
  private readonly handlers: Handlers;
  /** Serve mode: the port its API listens on (set once it listens), which a port setting may not take. */
  apiPort: number | null = null;

  constructor(
    private readonly bench: Bench,
    private readonly face: 'desktop' | 'serve',
    /** What the face tells of itself in bench:status: serve, where its API token comes from. */
    private readonly faceInfo: { apiToken?: ApiTokenView } = {},
  ) {
    this.handlers = this.define();
  }

  isMethod(name: string): name is BenchMethod {
    return methods.has(name);
  }

  /** Validates `args` against the method's schema and runs it; bad input is a BenchError 400 naming the field. */
  async call<M extends BenchMethod>(method: M, args: unknown): Promise<BenchResult<M>> {
    return valueOf(await this.serve(method, args));
  }

  /**
   * `call` for the faces that answer in JSON (serve's HTTP API): a big read may come as the JSON text
   * the reader thread made, to be sent as it is.
   */
  async serve<M extends BenchMethod>(method: M, args: unknown): Promise<Served<M>> {
    if (!this.isMethod(method)) throw new BenchError(404, `No bench call "${String(method)}"`);
    const parsed = parse(contract[method].args, args ?? {}, `${method} argument`) as BenchParsedArgs<M>;
    // Reads see every write the bench queued before this call: under load at most what back-pressure
    // lets the writer thread be behind (MAX_BACKLOG_BYTES), one drain.
    if (!fromMemory.has(method)) await this.bench.record.settled();
    return this.handlers[method](parsed);
  }

  /** `call` with its failure as a value, for transports that carry only data (IPC). */
  async reply(method: string, args: unknown): Promise<CallReply<unknown>> {
    try {
      if (!this.isMethod(method)) throw new BenchError(404, `No bench call "${method}"`);
      const served = await this.serve(method, args);
      // The JSON goes to the window as it is and is parsed there, not on the thread that answers chargers.
      return served instanceof JsonText ? { ok: true, json: served.bytes } : { ok: true, value: served };
    } catch (e) {
      return { ok: false, error: toCallError(e) };
    }
  }

  /**
   * A charger whose bench behaviour a person may change: not one a test run or a commissioning drives
   * now (their steps set the behaviour themselves; a change by hand would decide their verdicts).
   */
  private notDriven(id: string): void {
    this.charger(id);
    const run = this.bench.conformance.runningOn(id);
    if (run) throw new BenchError(409, `A test run is running on ${id} (${run}): its cases set the bench's behaviour themselves; wait for it, or stop it first`, { field: 'id' });
    const commissioning = this.bench.commissioning.runningOn(id);
    if (commissioning) throw new BenchError(409, `${id} is being commissioned (${commissioning}): its checks set the bench's behaviour themselves; wait for it, or stop it first`, { field: 'id' });
  }

  private charger(id: string): ChargerView {
    const c = this.bench.record.chargers.get(id);
    if (!c) throw new BenchError(404, `No charger "${id}" is known to this bench: it has never connected and is not registered (POST /api/chargers registers it)`);
    return { ...c, connected: this.bench.centralSystem.isConnected(id) };
  }

  private behaviourView(id: string): BenchBehaviourView {
    this.charger(id);
    return this.bench.centralSystem.behaviours.view(id);
  }

  private define(): Handlers {
    const { record, centralSystem: cs, virtualChargers: vcps, settings, operations } = this.bench;
    const registry = cs.registry;
    return {
      'bench:status': () => {
        const { host, port } = cs.address();
        const ftp = { port: this.bench.ftp.address()?.port ?? null, fixed: this.bench.ftpPortFixed };
        return {
          version,
          host,
          port,
          connectedChargers: cs.connectedChargers(),
          ftp,
          ocppPortSource: this.bench.ocppPortSource,
          dataDir: this.bench.dataDir,
          face: this.face,
          apiPort: this.apiPort,
          ...this.faceInfo,
        };
      },
      'bench:health': () => this.bench.health(),
      'network:addresses': () => reachableAddresses(cs.address()),
      'chargers:list': () => record.chargers.list().map((c) => ({ ...c, connected: cs.isConnected(c.id) })),
      'chargers:get': ({ id }) => this.charger(id),
      'chargers:register': async ({ id, password, bootPolicy }) => {
        const { created } = await registry.register(id, { password, bootPolicy });
        return { charger: this.charger(id), created };
      },
      'chargers:update': async ({ id, patch }) => {
        if (patch.bootPolicy !== undefined) await registry.setBootPolicy(id, patch.bootPolicy);
        if (patch.password !== undefined) await registry.setPassword(id, patch.password);
        return this.charger(id);
      },
      'chargers:delete': async ({ id }) => {
        // A built-in virtual charger that is running (connected, or between reconnects) would come straight
        // back: it is deleted as one.
        if (vcps.isRunning(id))
          throw new BenchError(
            409,
            `${id} is one of this bench's built-in virtual chargers and is running (it reconnects on its own): delete the virtual charger instead (Virtual chargers screen, Delete on its card; or DELETE /api/virtual-chargers/${encodeURIComponent(id)}), which ends its sessions first. Its record stays on the Chargers screen; delete that afterwards if you like.`,
          );
        await cs.deleteCharger(id);
        return null;
      },
      'chargers:disconnect': ({ id }) => {
        this.charger(id);
        return { disconnected: cs.disconnect(id) };
      },
      'chargers:operate': ({ chargerId, action, payload, timeoutSeconds, ref }) =>
        operations.operateByName(chargerId, action, payload ?? {}, { timeoutMs: timeoutSeconds === undefined ? undefined : timeoutSeconds * 1000, ref }),
      'chargers:meterValues': ({ chargerId, ...q }) => {
        this.charger(chargerId);
        return record.meterValues.read({ chargerId, ...q });
      },
      'chargers:statusHistory': ({ chargerId, ...q }) => {
        this.charger(chargerId);
        return record.connectors.history(chargerId, q);
      },
      'chargers:behaviour': ({ id }) => this.behaviourView(id),
      'chargers:setBehaviour': ({ id, behaviour }) => {
        this.notDriven(id);
        cs.behaviours.setStanding(id, behaviour);
        return this.behaviourView(id);
      },
      'chargers:goOffline': ({ id, seconds }) => {
        this.notDriven(id);
        cs.goOffline(id, seconds);
        return this.behaviourView(id);
      },
      'chargers:backOnline': ({ id }) => {
        this.notDriven(id);
        cs.backOnline(id);
        return this.behaviourView(id);
      },
      'chargerEvents:list': (q) => record.events.list(q),
      'messages:list': (q) => record.messages.readJson(q),
      'messages:page': (q) => record.messages.pageJson(q),
      'messages:count': ({ filter, upToId, cap }) => record.messages.count(filter, { upToId, cap }),
      'transactions:list': (q) => record.transactions.list(q),
      'transactions:get': async ({ transactionId, meterValues }) => {
        const tx = record.transactions.get(transactionId);
        if (!tx) throw new BenchError(404, `No transaction ${transactionId}`);
        if (!meterValues) return { ...tx, meterValues: [] };
        return record.meterValues.withValuesJson(tx, transactionId, TRANSACTION_METER_VALUES);
      },
      'transactions:close': ({ transactionId }) => this.bench.centralSystem.closeTransaction(transactionId),
      'transactions:meterReadings': async ({ transactionId }) => {
        if (!record.transactions.get(transactionId)) throw new BenchError(404, `No transaction ${transactionId}`);
        return record.meterValues.readingsJson(transactionId, TRANSACTION_METER_VALUES);
      },
      'transactions:recentMeterValues': ({ transactionIds, limit }) =>
        Promise.all([...new Set(transactionIds)].map(async (transactionId) => ({ transactionId, meterValues: await record.meterValues.read({ transactionId, limit, withReceivedAt: true }) }))),
      'operations:list': (q) => record.operations.list(q),
      'connectionAttempts:list': ({ limit, beforeId }) => record.connectionAttempts.list(limit, beforeId),
      'settings:get': () => settings.get(),
      'settings:update': async (patch) => {
        checkPorts(settings.get(), patch, { ocpp: cs.address().port, ftp: this.bench.ftp.address()?.port ?? null, api: this.apiPort });
        const saved = await settings.update(patch);
        // A new FTP port is in use by the time the change is answered.
        await this.bench.ftpSettled();
        return saved;
      },
      'idTags:list': () => record.idTags.list(),
      'idTags:replace': async ({ entries }) => {
        checkNewIdTags(this.bench, entries, 'idTags:replace', 'entries.');
        idTagsReplaced(this.bench, entries);
        await record.idTags.put(entries, true);
        cs.auth.reloadTags();
        return record.idTags.list();
      },
      'idTags:add': async (entry) => {
        checkNewIdTags(this.bench, [entry], 'idTags:add', '');
        await record.idTags.put([entry], false);
        cs.auth.reloadTags();
        return record.idTags.get(entry.idTag)!;
      },
      'idTags:delete': async ({ idTag }) => {
        if (!(await record.idTags.delete(idTag))) throw new BenchError(404, `idTag "${idTag}" is not in the local list`);
        idTagsRemoved(this.bench, [idTag]);
        cs.auth.reloadTags();
        return null;
      },
      'files:uploadLocation': ({ chargerId }) => {
        this.charger(chargerId);
        return this.bench.uploadLocationView(this.bench.uploads.newLocation(chargerId));
      },
      'files:uploads': ({ chargerId }) => this.bench.uploads.list(chargerId),
      'files:upload': ({ id }) => this.bench.uploads.view(this.bench.uploads.get(id)),
      'files:deleteUpload': ({ id }) => {
        this.bench.uploads.delete(id);
        return null;
      },
      'tests:cases': () => this.bench.conformance.cases(),
      'tests:start': (args) => this.bench.conformance.start(args),
      'tests:stop': ({ runId }) => (this.bench.conformance.stop(runId), null),
      'tests:answer': ({ runId, answer, promptId }) => (refuseStaleAnswer(this.bench.conformance.prompt(runId), promptId, `Test run ${runId}`), this.bench.conformance.answer(runId, answer), null),
      'tests:prompt': ({ runId }) => this.bench.conformance.prompt(runId),
      'tests:list': ({ chargerId }) => this.bench.conformance.list(chargerId),
      'tests:get': ({ runId }) => this.bench.conformance.get(runId),
      'commissioning:templates': () => this.bench.commissioning.templates(),
      'commissioning:saveTemplate': ({ template }) => this.bench.commissioning.saveTemplate(template),
      'commissioning:deleteTemplate': async ({ name }) => (await this.bench.commissioning.deleteTemplate(name), null),
      'commissioning:referenceTemplate': ({ chargerId, name }) => this.bench.commissioning.referenceTemplate(chargerId, name),
      'commissioning:sites': () => this.bench.commissioning.sites(),
      'commissioning:site': ({ site }) => this.bench.commissioning.site(site),
      'commissioning:create': (args) => this.bench.commissioning.create(args),
      'commissioning:run': ({ id, steps }) => (this.bench.commissioning.run(id, steps), null),
      'commissioning:stop': ({ id }) => (this.bench.commissioning.stop(id), null),
      'commissioning:prompt': ({ id }) => this.bench.commissioning.prompt(id),
      'commissioning:answer': ({ id, answer, promptId }) => (
        refuseStaleAnswer(this.bench.commissioning.prompt(id), promptId, `Commissioning ${id}`),
        this.bench.commissioning.answer(id, answer),
        null
      ),
      'commissioning:get': ({ id }) => this.bench.commissioning.get(id),
      'commissioning:list': (q) => this.bench.commissioning.list(q),
      'commissioning:setChecklist': ({ id, entries }) => this.bench.commissioning.setChecklist(id, entries),
      'commissioning:addPhoto': (args) => this.bench.commissioning.addPhoto(args),
      'commissioning:removePhoto': async ({ id, photoId }) => (await this.bench.commissioning.removePhoto(id, photoId), null),
      'commissioning:photo': ({ id, photoId }) => {
        const p = this.bench.commissioning.photo(id, photoId);
        return { contentType: p.contentType, dataBase64: p.data.toString('base64') };
      },
      'commissioning:handover': ({ id, handover }) => this.bench.commissioning.handover(id, handover),
      'files:hosted': () => this.bench.files.list().map((f) => this.bench.hostedFileView(f)),
      'virtualChargers:list': () => vcps.list(),
      'virtualChargers:get': ({ id }) => vcps.get(id),
      'virtualChargers:create': (definition) => {
        // A virtual charger must never take a real charger's identity: the two would replace each other's
        // connection, and the real charger's record would be overwritten.
        const id = typeof definition.id === 'string' ? definition.id : '';
        if (cs.isConnected(id) && !vcps.has(id))
          throw new BenchError(409, `A charger with the id ${id} is connected to this bench now: a virtual charger of the same id would take its place. Choose another id.`, { field: 'id' });
        if (cs.registry.isReal(id))
          throw new BenchError(
            409,
            `${id} is a real charger this bench knows (it has connected, or was registered): a virtual charger of the same id would take over its identity and record. Choose another id, or delete ${id} on the Chargers screen first.`,
            { field: 'id' },
          );
        return vcps.create(definition);
      },
      'virtualChargers:delete': ({ id }) => vcps.remove(id),
      'virtualChargers:start': ({ id }) => vcps.start(id),
      'virtualChargers:stop': ({ id }) => vcps.stop(id),
      'virtualChargers:act': ({ id, action, body }) => vcps.act(id, action, body),
      'virtualChargers:faults': ({ id }) => vcps.get(id).faults,
      'virtualChargers:setFaults': ({ id, faults }) => vcps.setFaults(id, faults),
      'virtualChargers:setFault': ({ id, fault, value }) => vcps.setFault(id, fault, value),
    };
  }
}

/** Refuses, with a 400 naming the field as the call's schema does, a port setting that collides with another port of the bench. */
function checkPorts(saved: BenchSettings, patch: SettingsPatch, now: PortsInEffect): void {
  const [field, message] = Object.entries(portClashes(saved, patch, now))[0] ?? [];
  if (field) throw new BenchError(400, `Invalid settings:update argument field "${field}": ${message}`, { field });
}

export function toCallError(e: unknown): { status: number; message: string; field?: string } {
  if (e instanceof BenchError) {
    const field = typeof e.extra.field === 'string' ? e.extra.field : undefined;
    return { status: e.status, message: e.message, ...(field ? { field } : {}) };
  }
  console.error('chargebench: unexpected error in a bench call', e);
  return { status: 500, message: `Internal error: ${(e as Error)?.message ?? String(e)}` };
}
