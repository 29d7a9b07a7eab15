// The automation API's virtual-charger routes: create, list, start, stop, delete, physical actions
// and fault switches.
import type { Bench } from '../bench';

type Run = (req: unknown, params: Record<string, string>, query: URLSearchParams, body: () => Promise<unknown>) => Promise<[number, unknown]> | [number, unknown];

export function defineVirtualChargerRoutes(route: (method: string, path: string, run: Run) => void, bench: Bench): void {
  const vcps = bench.virtualChargers;
  route('GET', '/api/virtual-chargers', () => [200, vcps.list()]);
  route('POST', '/api/virtual-chargers', async (_r, _p, _q, body) => [201, await vcps.create(await body())]);
  route('GET', '/api/virtual-chargers/{id}', (_r, p) => [200, vcps.get(p.id)]);
  route('DELETE', '/api/virtual-chargers/{id}', async (_r, p) => {
    await vcps.remove(p.id);
    return [204, null];
  });
  route('POST', '/api/virtual-chargers/{id}/start', (_r, p) => [200, vcps.start(p.id)]);
  route('POST', '/api/virtual-chargers/{id}/stop', async (_r, p) => [200, await vcps.stop(p.id)]);
  route('POST', '/api/virtual-chargers/{id}/actions/{action}', async (_r, p, _q, body) => [200, await vcps.act(p.id, p.action, await body())]);
  route('GET', '/api/virtual-chargers/{id}/faults', (_r, p) => [200, vcps.get(p.id).faults]);
  route('PATCH', '/api/virtual-chargers/{id}/faults', async (_r, p, _q, body) => [200, vcps.setFaults(p.id, await body())]);
  route('POST', '/api/virtual-chargers/{id}/faults/{fault}', async (_r, p, _q, body) => [200, vcps.setFault(p.id, p.fault, await body())]);
}
