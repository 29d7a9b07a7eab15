// What the UI benchmarks (bench:log, bench:ui) share: `chargebench serve` on a data directory (127.0.0.1
// only, ports chosen by the system) and its stop; the UI built as the sources stand; a Chromium page
// that may talk to the bench only; and a main that cleans up whatever it started on every way out.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { NODE_HEAP_ARGS } from '../src/main/memory';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface ServeHandle {
  origin: string;
  token: string;
  /** ws://127.0.0.1:<port>/ocpp */
  wsBase: string;
  child: ChildProcess;
  /** SIGTERM, then SIGKILL if it has not ended within 15 s. */
  stop(): Promise<void>;
  /** At once (for clean-up on the way out). */
  kill(): void;
}

export async function startServe(dir: string, nodeArgs: string[] = []): Promise<ServeHandle> {
  const token = `uibench-token-${process.pid}-0000`; // serve takes 16 to 128 characters
  const child = spawn(
    process.execPath,
    [...NODE_HEAP_ARGS, ...nodeArgs, join(root, 'bin', 'chargebench.mjs'), 'serve', '--host', '127.0.0.1', '--port', '0', '--api-port', '0', '--data-dir', dir, '--api-token', token, '--quiet'],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const kill = () => void (child.exitCode === null && child.kill('SIGKILL'));
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
    kill();
  };
  let out = '';
  child.stderr!.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start within 60 s:\n${out}`)), 60_000);
    child.once('exit', (code) => reject(new Error(`serve exited (${code}):\n${out}`)));
    child.stdout!.on('data', (d) => {
      out += d;
      const link = /Open the bench UI\s+(\S+)/.exec(out);
      const ws = /(ws:\/\/127\.0\.0\.1:\d+\/ocpp)/.exec(out);
      if (link && ws && out.includes('Press Ctrl+C')) {
        clearTimeout(timer);
        resolve({ origin: new URL(link[1]).origin, token, wsBase: ws[1], child, stop, kill });
      }
    });
  });
}

/** Builds the UI (electron-vite) unless told not to and a build is there. */
export function buildUi(build: boolean, log: (msg: string) => void): void {
  if (!build && existsSync(join(root, 'out', 'renderer', 'index.html'))) return;
  log('building the UI (electron-vite build)…');
  execFileSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: root, stdio: 'ignore' });
}

export interface BenchPage {
  browser: Browser;
  page: Page;
  /** Errors the page threw. */
  errors: string[];
}

/** Headless Chromium with one page (1600 x 1000) that reaches 127.0.0.1 only, with scripts run before the page's own. */
export async function openPage(executablePath: string, initScripts: string[]): Promise<BenchPage> {
  if (!existsSync(executablePath)) throw new Error(`No Chromium at ${executablePath}: pass --chromium <path> or set CHROMIUM_PATH`);
  const browser = await chromium.launch({ executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  // Nothing leaves this machine: the page may talk to the bench on 127.0.0.1 only.
  await context.route('**/*', (route) => (new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort()));
  for (const content of initScripts) await context.addInitScript({ content });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { browser, page, errors };
}

/**
 * Runs a benchmark's main: its code ends the process. On an error, Ctrl+C, SIGTERM or `timeoutSec`
 * passing, the browser (if any) is closed and `cleanUp` removes what the benchmark started.
 */
export function runBrowserBench(main: () => Promise<number>, opts: { cleanUp: () => void; browser: () => Browser | null; log: (msg: string) => void; timeoutSec: number }): void {
  const deadline = setTimeout(() => {
    opts.log(`still running after ${opts.timeoutSec} s: stopping`);
    opts.cleanUp();
    process.exit(2);
  }, opts.timeoutSec * 1000);
  deadline.unref();
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.on(sig, () => {
      opts.cleanUp();
      process.exit(130);
    });
  }
  process.on('exit', opts.cleanUp);
  main().then(
    (code) => process.exit(code),
    async (e: Error) => {
      opts.log(e.stack ?? e.message);
      await opts
        .browser()
        ?.close()
        .catch(() => undefined);
      opts.cleanUp();
      process.exit(1);
    },
  );
}

/** The page's main thread over the window, by function: the heaviest self times (ms). */
export function summarize(profile: {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }>;
  samples?: number[];
  timeDeltas?: number[];
}): Array<[string, number]> {
  const byNode = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) byNode.set(samples[i], (byNode.get(samples[i]) ?? 0) + (deltas[i] ?? 0) / 1000);
  const byName = new Map<string, number>();
  for (const n of profile.nodes) {
    const ms = byNode.get(n.id) ?? 0;
    if (!ms) continue;
    const file = n.callFrame.url.split('/').pop() || '';
    const name = `${n.callFrame.functionName || '(anonymous)'}${file ? ` ${file}:${n.callFrame.lineNumber + 1}` : ''}`;
    byName.set(name, (byName.get(name) ?? 0) + ms);
  }
  return [...byName.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12);
}

/** The median of a list of numbers (the lower middle one of an even count). */
export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
/** The value `p` (0..1) of the way up a list of numbers. */
export const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
export const fmt = (n: number, d = 0): string => n.toFixed(d);

/** A parsed command line's numeric option by name, within lo..hi, or a clear error naming it. */
export function numberOption<K extends string>(values: Partial<Record<K, string | boolean | undefined>>): (name: K, lo: number, hi: number) => number {
  return (name, lo, hi) => {
    const n = Number(values[name]);
    if (!Number.isFinite(n) || n < lo || n > hi) throw new Error(`--${name} wants a number ${lo}..${hi}, got "${String(values[name])}"`);
    return n;
  };
}

/** Calls a bench method through serve's automation API; an error answer is thrown with its status. */
export async function callServe(srv: ServeHandle, method: string, args: unknown): Promise<unknown> {
  const res = await fetch(`${srv.origin}/api/call/${method}`, { method: 'POST', headers: { Authorization: `Bearer ${srv.token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(args) });
  if (!res.ok) throw new Error(`${method}: HTTP ${res.status} ${await res.text()}`);
  return res.json();
}
