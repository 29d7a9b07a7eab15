// End-to-end plumbing: builds the UI, starts `chargebench serve` as a user would (its own process, a temp
// data dir, free ports) and opens Debian's Chromium through playwright-core.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';

const root = join(import.meta.dirname, '..', '..');

/** Chromium to drive: $CHROMIUM_PATH, else Debian's. */
export function chromiumPath(): string | null {
  for (const p of [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']) if (p && existsSync(p)) return p;
  return null;
}

/** The built renderer, as `npm run build` makes it (a few seconds). */
export function buildUi(): void {
  execFileSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: root, stdio: 'ignore' });
}

export interface ServeProcess {
  /** The sign-in link serve printed. */
  link: string;
  origin: string;
  token: string;
  port: number;
  dataDir: string;
  /** Calls the bench contract the way the UI does. */
  call(method: string, args?: unknown): Promise<any>;
  stop(): Promise<void>;
}

export async function startServe(extraArgs: string[] = [], dataDir = mkdtempSync(join(tmpdir(), 'chargebench-e2e-'))): Promise<ServeProcess> {
  const child: ChildProcess = spawn(process.execPath, [join(root, 'bin', 'chargebench.mjs'), 'serve', '--host', '127.0.0.1', '--port', '0', '--api-port', '0', '--data-dir', dataDir, '--quiet', ...extraArgs], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stderr!.on('data', (d) => (out += d));
  const link = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${out}`)), 30_000);
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /Open the bench UI\s+(\S+)/.exec(out);
      const ocpp = /ws:\/\/127\.0\.0\.1:(\d+)\/ocpp/.exec(out);
      if (m && ocpp && out.includes('Press Ctrl+C')) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}:\n${out}`)));
  });
  const url = new URL(link);
  const token = url.searchParams.get('token')!;
  const port = Number(/ws:\/\/127\.0\.0\.1:(\d+)\/ocpp/.exec(out)![1]);
  return {
    link,
    origin: url.origin,
    token,
    port,
    dataDir,
    async call(method, args = {}) {
      const res = await fetch(`${url.origin}/api/call/${method}`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(args) });
      const body = await res.json();
      if (!res.ok) throw new Error(`${method}: ${res.status} ${body.error}`);
      return body;
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: chromiumPath()!, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}
