// The bench tells the UI where serve's API token comes from (bench:status `apiToken`), so Settings can say
// it: given with --api-token for this run only, or saved in the data directory.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServe } from '../helpers/serve';

const status = (origin: string, token: string) =>
  fetch(`${origin}/api/call/bench:status`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: '{}' }).then(
    (r) => r.json() as Promise<{ apiToken?: unknown }>,
  );

describe("serve's API token source", () => {
  it('is "option" with --api-token and "saved" without, with the file serve keeps its token in', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'chargebench-token-source-'));
    const file = join(dataDir, 'api-token');
    try {
      let serve = await startServe(['--api-token', 'tok-123456789012'], dataDir);
      expect(serve.output()).toContain('tok-123456789012 (this run only)');
      expect((await status(serve.origin, 'tok-123456789012')).apiToken).toEqual({ source: 'option', file });
      await serve.stop(true);

      serve = await startServe([], dataDir);
      expect((await status(serve.origin, serve.token)).apiToken).toEqual({ source: 'saved', file });
      await serve.stop(true);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
