// The chargebench command as a user runs it: --help, and serve printing its token and answering the
// API with it, then stopping cleanly on SIGTERM.
import { describe, expect, it } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const bin = join(process.cwd(), 'bin', 'chargebench.mjs');

describe('chargebench CLI', () => {
  it('prints help for the serve command', () => {
    const out = execFileSync(process.execPath, [bin, 'serve', '--help'], { encoding: 'utf8' });
    expect(out).toContain('--api-port');
    expect(out).toContain('--data-dir');
  });

  it('rejects a bad option value with a clear message', () => {
    let err = '';
    try {
      execFileSync(process.execPath, [bin, 'serve', '--port', 'ninety'], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      err = String((e as { stderr: string }).stderr);
    }
    expect(err).toContain('--port must be a whole number');
  });

  it('serves: prints the API token and the charger URL, answers the API, stops on SIGTERM', async () => {
    await serve(['--boot-status', 'Pending'], async (text, api) => {
      expect(text).toMatch(/ws:\/\/127\.0\.0\.1:\d+\/ocpp\/<chargePointId>/);
      expect(text).toContain('Boot answer Pending');
      expect(/API token\s+(\S+)/.exec(text)![1].length).toBeGreaterThanOrEqual(20);
      expect(await api('/api/settings')).toMatchObject({ defaultBootStatus: 'Pending' });
    });
  });

  it('saves --require-password and --unknown-chargers and shows them in the summary line', async () => {
    await serve(['--require-password', '--unknown-chargers', 'reject'], async (text, api) => {
      expect(text).toContain('passwords required, unknown chargers refused');
      expect(await api('/api/settings')).toMatchObject({ requirePassword: true, unknownChargers: 'reject' });
    });
  });

  it('rejects an unknown --unknown-chargers policy', () => {
    let err = '';
    try {
      execFileSync(process.execPath, [bin, 'serve', '--unknown-chargers', 'maybe'], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      err = String((e as { stderr: string }).stderr);
    }
    expect(err).toContain('--unknown-chargers');
    expect(err).toContain('accept, reject');
  });
});

/** Runs `serve` with these options until it is up, lets `check` read its output and API, then stops it with SIGTERM. */
async function serve(options: string[], check: (text: string, api: (path: string) => Promise<unknown>) => Promise<void>): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'chargebench-cli-'));
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--api-port', '0', '--data-dir', dataDir, '--host', '127.0.0.1', ...options], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const lines: string[] = [];
    const rl = createInterface({ input: child.stdout! });
    await new Promise<void>((resolve, reject) => {
      rl.on('line', (l) => {
        lines.push(l);
        if (l.startsWith('Press Ctrl+C')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`serve exited ${code}: ${lines.join('\n')}`)));
    });
    const text = lines.join('\n');
    const token = /API token\s+(\S+)/.exec(text)![1];
    const apiPort = /http:\/\/127\.0\.0\.1:(\d+)\/api\//.exec(text)![1];
    await check(text, async (path) => (await fetch(`http://127.0.0.1:${apiPort}${path}`, { headers: { Authorization: `Bearer ${token}` } })).json());
    const exit = new Promise<number | null>((r) => child.once('exit', r));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  } finally {
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
}
