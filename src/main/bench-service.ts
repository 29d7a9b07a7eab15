// The bench contract's one implementation: every `domain:verb` call of src/shared/api/contract.ts,
// validated with its zod schema and answered from the core. Electron IPC and serve mode's HTTP API both
// dispatch here, so the UI behaves the same under either face.
import { networkInterfaces } from 'node:os';
import { BenchError, parse } from './errors';
import type { Bench } from './bench';
import { version } from './version';
import type { HostedFile } from './file-host';
import { benchCalls, type BenchCallResults, type BenchMethod, type BenchParsedArgs, type CallReply, type HostedFileView, type NetworkAddress, type OperationResult } from '../shared/api/contract';

type Handlers = { [M in BenchMethod]: (args: BenchParsedArgs<M>) => BenchCallResults[M] | Promise<BenchCallResults[M]> };

export class BenchService {
  private readonly handlers: Handlers;

  constructor(
    private readonly bench: Bench,
    private readonly face: 'desktop' | 'serve',
  ) {
    this.handlers = this.define();
  }

  isMethod(name: string): name is BenchMethod {
    return Object.hasOwn(benchCalls, name);
  }

  /** Validates `args` against the method's schema and runs it; bad input is a BenchError 400 naming the field. */
  async call<M extends BenchMethod>(method: M, args: unknown): Promise<BenchCallResults[M]> {
    if (!this.isMethod(method)) throw new BenchError(404, `No bench call "${String(method)}"`);
    const parsed = parse(benchCalls[method], args ?? {}, `${method} argument`) as BenchParsedArgs<M>;
    // Reads see every write the bench queued before this call.
    await this.bench.record.settled();
    return this.handlers[method](parsed);
  }

  /** `call` with its failure as a value, for transports that carry only data (IPC). */
  async reply(method: string, args: unknown): Promise<CallReply<unknown>> {
    try {
      if (!this.isMethod(method)) throw new BenchError(404, `No bench call "${method}"`);
      return { ok: true, value: await this.call(method, args) };
    } catch (e) {
      return { ok: false, error: toCallError(e) };
    }
  }

  private charger(id: string) {
    const c = this.bench.record.charger(id);
    if (!c) throw new BenchError(404, `No charger "${id}" is known to this bench: it has never connected and is not registered`);
    return { ...c, connected: this.bench.centralSystem.isConnected(id) };
  }

  private define(): Handlers {
    const { record, centralSystem: cs, virtualChargers: vcps } = this.bench;
    return {
      'bench:status': () => {
        const { host, port } = cs.address();
        return { version, host, port, connectedChargers: cs.connectedChargers(), dataDir: this.bench.dataDir, face: this.face };
      },
      'bench:health': () => this.bench.health(),
      'network:addresses': () => reachableAddresses(cs.address()),
      'chargers:list': () => record.chargers().map((c) => ({ ...c, connected: cs.isConnected(c.id) })),
      'chargers:get': ({ id }) => this.charger(id),
      'chargers:register': async ({ id, password, bootPolicy }) => {
        await cs.registerCharger(id, { password, bootPolicy });
        return this.charger(id);
      },
      'chargers:update': async ({ id, patch }) => {
        if (patch.bootPolicy !== undefined) await cs.setBootPolicy(id, patch.bootPolicy);
        if (patch.password !== undefined) await cs.setPassword(id, patch.password);
        return this.charger(id);
      },
      'chargers:delete': async ({ id }) => {
        await cs.deleteCharger(id);
        return null;
      },
      'chargers:disconnect': ({ id }) => {
        this.charger(id);
        return { disconnected: cs.disconnect(id) };
      },
      'chargers:operate': async ({ chargerId, action, payload, timeoutSeconds }) =>
        (await cs.operate(chargerId, action, payload ?? {}, { timeoutMs: timeoutSeconds === undefined ? undefined : timeoutSeconds * 1000 })) as OperationResult,
      'chargers:meterValues': ({ chargerId, ...q }) => {
        this.charger(chargerId);
        return record.meterValuesOf({ chargerId, ...q });
      },
      'chargers:statusHistory': ({ chargerId, ...q }) => {
        this.charger(chargerId);
        return record.statusHistory(chargerId, q);
      },
      'messages:page': (q) => record.messagePage(q),
      'messages:count': ({ filter, upToId, cap }) => record.countMessages(filter, { upToId, cap }),
      'transactions:list': (q) => record.transactions(q),
      'transactions:get': ({ transactionId }) => {
        const tx = record.transaction(transactionId);
        if (!tx) throw new BenchError(404, `No transaction ${transactionId}`);
        return { ...tx, meterValues: record.meterValuesOf({ transactionId, limit: 100_000 }).reverse() };
      },
      'operations:list': (q) => record.operations(q),
      'connectionAttempts:list': ({ limit }) => record.connectionAttempts(limit),
      'settings:get': () => cs.settings(),
      'settings:update': (patch) => cs.updateSettings(patch),
      'idTags:list': () => record.idTags(),
      'idTags:replace': async ({ entries }) => {
        await record.putIdTags(entries, true);
        cs.auth.reloadTags();
        return record.idTags();
      },
      'idTags:add': async (entry) => {
        await record.putIdTags([entry], false);
        cs.auth.reloadTags();
        return record.idTag(entry.idTag)!;
      },
      'idTags:delete': async ({ idTag }) => {
        if (!(await record.deleteIdTag(idTag))) throw new BenchError(404, `idTag "${idTag}" is not in the local list`);
        cs.auth.reloadTags();
        return null;
      },
      'virtualChargers:list': () => vcps.list(),
      'virtualChargers:create': (definition) => vcps.create(definition),
      'virtualChargers:delete': async ({ id }) => {
        await vcps.remove(id);
        return null;
      },
      'virtualChargers:start': ({ id }) => vcps.start(id),
      'virtualChargers:stop': ({ id }) => vcps.stop(id),
      'virtualChargers:act': ({ id, action, body }) => vcps.act(id, action, body),
      'virtualChargers:setFaults': ({ id, faults }) => vcps.setFaults(id, faults),
    };
  }
}

export function toCallError(e: unknown): { status: number; message: string; field?: string } {
  if (e instanceof BenchError) {
    const field = typeof e.extra.field === 'string' ? e.extra.field : undefined;
    return { status: e.status, message: e.message, ...(field ? { field } : {}) };
  }
  console.error('chargebench: unexpected error in a bench call', e);
  return { status: 500, message: `Internal error: ${(e as Error)?.message ?? String(e)}` };
}

/** The URLs a hosted file is reachable at from chargers: the first LAN address's first. */
export function hostedFileView(file: HostedFile, at: { host: string; port: number }): HostedFileView {
  // A server bound to 0.0.0.0 listens on IPv4 only.
  const addresses = reachableAddresses(at).filter((a) => at.host !== '0.0.0.0' || a.family === 'IPv4');
  const urls = addresses.map((a) => `http://${a.family === 'IPv6' ? `[${a.address}]` : a.address}:${at.port}/files/${file.id}/${encodeURIComponent(file.name)}`);
  return { url: urls[0] ?? `http://127.0.0.1:${at.port}/files/${file.id}/${encodeURIComponent(file.name)}`, name: file.name, size: file.size, alternatives: urls.slice(1), expiresAt: file.expiresAt };
}

/**
 * Where chargers reach the central system: every address of this machine when it listens on all of
 * them (LAN ones first), else the one it listens on.
 */
export function reachableAddresses({ host, port }: { host: string; port: number }): NetworkAddress[] {
  if (host !== '0.0.0.0' && host !== '::') {
    const v6 = host.includes(':');
    return [{ interface: '', address: host, family: v6 ? 'IPv6' : 'IPv4', url: `ws://${v6 ? `[${host}]` : host}:${port}/ocpp/`, internal: host === '127.0.0.1' || host === '::1' }];
  }
  // 0.0.0.0 takes IPv4 only; :: takes both (dual stack).
  return machineAddresses(port, host === '::');
}

/** Every address of this machine a charger could reach, external ones first. */
function machineAddresses(port: number, withIpv6: boolean): NetworkAddress[] {
  const out: NetworkAddress[] = [];
  for (const [name, list] of Object.entries(networkInterfaces())) {
    for (const a of list ?? []) {
      if (a.family !== 'IPv4' && !(a.family === 'IPv6' && withIpv6)) continue;
      // Link-local IPv6 needs a zone id a charger cannot be given; leave it out.
      if (a.family === 'IPv6' && a.address.toLowerCase().startsWith('fe80')) continue;
      const host = a.family === 'IPv6' ? `[${a.address}]` : a.address;
      out.push({ interface: name, address: a.address, family: a.family, url: `ws://${host}:${port}/ocpp/`, internal: a.internal });
    }
  }
  return out.sort((x, y) => Number(x.internal) - Number(y.internal) || (x.family === y.family ? 0 : x.family === 'IPv4' ? -1 : 1));
}
