// The REST routes are a table of contract calls: every route names a call of the contract, maps each of
// its path parameters, and no two routes share a verb and path.
import { describe, expect, it } from 'vitest';
import { restRoutes } from '../../../../src/main/api-server/rest-routes';
import { contract } from '../../../../src/shared/api/contract';

describe('REST routes', () => {
  it('map each verb and path to a contract call, with every path parameter given to it', () => {
    const seen = new Set<string>();
    for (const r of restRoutes) {
      const key = `${r.method} ${r.path}`;
      expect(seen.has(key), key).toBe(false);
      seen.add(key);
      expect(Object.hasOwn(contract, r.call), key).toBe(true);
      const params = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(Object.keys(r.params ?? {}).sort(), key).toEqual(params);
    }
  });
});
