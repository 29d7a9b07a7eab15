// Serve's API token is kept in the data directory: the same after a restart (saved links keep working),
// new on --new-api-token or from Settings (POST /api/session/token), which ends the old token everywhere.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServe } from '../helpers/serve';

const get = (origin: string, token: string) => fetch(`${origin}/api/settings`, { headers: { Authorization: `Bearer ${token}` } }).then((r) => r.status);

describe('the API token', () => {
  it('survives a restart, is replaced by --new-api-token and by a request from a signed-in page', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'chargebench-token-'));
    try {
      let serve = await startServe([], dataDir);
      const first = serve.token;
      expect(serve.output()).toContain(join(dataDir, 'api-token'));
      expect(statSync(join(dataDir, 'api-token')).mode & 0o777).toBe(0o600);
      await serve.stop(true);

      serve = await startServe([], dataDir);
      expect(serve.token).toBe(first);
      expect(await get(serve.origin, first)).toBe(200);
      await serve.stop(true);

      serve = await startServe(['--new-api-token'], dataDir);
      const second = serve.token;
      expect(second).not.toBe(first);
      expect(await get(serve.origin, first)).toBe(401);

      // From the Settings screen: a new token, a new cookie for this browser, the old token refused.
      const res = await fetch(`${serve.origin}/api/session/token`, { method: 'POST', headers: { Authorization: `Bearer ${second}` } });
      expect(res.status).toBe(200);
      const { token: third } = (await res.json()) as { token: string };
      expect(third).not.toBe(second);
      expect(res.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict/);
      expect(await get(serve.origin, second)).toBe(401);
      expect(await get(serve.origin, third)).toBe(200);
      // Without the token, nobody makes a new one.
      expect((await fetch(`${serve.origin}/api/session/token`, { method: 'POST' })).status).toBe(401);
      await serve.stop(true);

      serve = await startServe([], dataDir);
      expect(serve.token).toBe(third);
      await serve.stop(true);

      // --api-token is for one run only: not saved, and not regenerable from a page.
      serve = await startServe(['--api-token', 'fixed-token-for-this-run'], dataDir);
      expect((await fetch(`${serve.origin}/api/session/token`, { method: 'POST', headers: { Authorization: 'Bearer fixed-token-for-this-run' } })).status).toBe(409);
      await serve.stop(true);
      serve = await startServe([], dataDir);
      expect(serve.token).toBe(third);
      await serve.stop(true);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
