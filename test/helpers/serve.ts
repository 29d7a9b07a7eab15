// `chargebench serve` as a user runs it (its own process, a temp data dir, free ports), for tests that
// need the bench in another process (fuzzing, kill -9, end-to-end); and the UI build and Debian's
// Chromium through playwright-core for the end-to-end tests.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';

const root = join(import.meta.dirname, '..', '..');

/** Chromium to drive: $CHROMIUM_PATH, else Debian's. */
export function chromiumPath(): string | null {
  for (const p of [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']) if (p && existsSync(p)) return p;
  return null;
}

/**
 * The built renderer, as `npm run build` makes it (a few seconds). Once per test run: end-to-end files run
 * in parallel, and a second build would empty out/ under a bench another file is serving from.
 */
export function buildUi(): void {
  const key = createHash('sha256').update(root).digest('hex').slice(0, 12);
  const lock = join(tmpdir(), `chargebench-ui-build-${key}.lock`);
  const stamp = join(tmpdir(), `chargebench-ui-build-${key}.run`);
  // The test runner's process: every test file of one run is its child.
  const run = String(process.ppid);
  for (const deadline = Date.now() + 300_000; ;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock left by a killed run is taken over after a while.
      if (Date.now() > deadline || Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()) > 300_000) rmSync(lock, { recursive: true, force: true });
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    if (existsSync(stamp) && readFileSync(stamp, 'utf8') === run && existsSync(join(root, 'out', 'renderer', 'index.html'))) return;
    execFileSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: root, stdio: 'ignore' });
    writeFileSync(stamp, run);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface ServeProcess {
  /** The sign-in link serve printed (when the UI is built). */
  link: string;
  /** The automation API's base, e.g. http://127.0.0.1:8180. */
  origin: string;
  token: string;
  port: number;
  dataDir: string;
  child: ChildProcess;
  /** Everything serve printed so far (stdout and stderr). */
  output(): string;
  /** Calls the bench contract the way the UI does. */
  call(method: string, args?: unknown): Promise<any>;
  /** SIGTERM (then SIGKILL after 10 s); the data directory is removed unless kept. */
  stop(keepDataDir?: boolean): Promise<void>;
}

export async function startServe(extraArgs: string[] = [], dataDir = mkdtempSync(join(tmpdir(), 'chargebench-e2e-'))): Promise<ServeProcess> {
  // BENCH_SERVER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the bench process.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child: ChildProcess = spawn(
    process.execPath,
    [...nodeArgs, join(root, 'bin', 'chargebench.mjs'), 'serve', '--host', '127.0.0.1', '--port', '0', '--ftp-port', '0', '--api-port', '0', '--data-dir', dataDir, '--quiet', ...extraArgs],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stderr!.on('data', (d) => (out += d));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${out}`)), 30_000);
    child.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('Press Ctrl+C')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}:\n${out}`)));
  });
  const token = /API token\s+(\S+)/.exec(out)![1];
  const url = new URL(/Automation API\s+(\S+)/.exec(out)![1]);
  const link = /Open the bench UI\s+(\S+)/.exec(out)?.[1] ?? '';
  const port = Number(/ws:\/\/127\.0\.0\.1:(\d+)\/ocpp/.exec(out)![1]);
  return {
    child,
    output: () => out,
    link,
    origin: url.origin,
    token,
    port,
    dataDir,
    async call(method, args = {}) {
      const res = await fetch(`${url.origin}/api/call/${method}`, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(args) });
      const body = (await res.json()) as any;
      if (!res.ok) throw new Error(`${method}: ${res.status} ${body.error}`);
      return body;
    },
    async stop(keepDataDir = false) {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      if (!keepDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: chromiumPath()!, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}

/**
 * A page of the bench UI in a context of its own (a second tab of it is signed in too), signed in with the
 * link serve printed, once the Chargers screen shows.
 */
export async function signedInPage(browser: Browser, serve: ServeProcess): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true })).newPage();
  page.setDefaultTimeout(10_000);
  await page.goto(serve.link);
  await page.getByRole('heading', { name: 'Chargers', exact: true }).first().waitFor();
  return page;
}

/** Waits until the charger `id` is connected to the bench. */
export async function chargerConnected(serve: ServeProcess, id: string, timeoutMs = 15_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; !(await serve.call('chargers:get', { id }).catch(() => null))?.connected;) {
    if (Date.now() > deadline) throw new Error(`${id} did not connect`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Where the README's screenshots are written: $CHARGEBENCH_SCREENSHOTS, else test-results/screenshots. */
export const screenshotsDir = resolve(root, process.env.CHARGEBENCH_SCREENSHOTS ?? join('test-results', 'screenshots'));

/** A bench in its own process with Chromium signed in to its UI. */
export interface UiSession {
  serve: ServeProcess;
  browser: Browser;
  page: Page;
}

/**
 * An end-to-end test's start: the UI built, the screenshots folder made, serve started with the virtual
 * charger `charger` (virtualChargers:create's arguments) and what `setup` adds, and Chromium signed in, once
 * the charger is connected. What was started is stopped again when a later step fails.
 */
export async function startUiSession(charger: { id: string } & Record<string, unknown>, setup: (serve: ServeProcess) => Promise<void> = async () => {}): Promise<UiSession> {
  buildUi();
  mkdirSync(screenshotsDir, { recursive: true });
  const serve = await startServe();
  let browser: Browser | undefined;
  try {
    await serve.call('virtualChargers:create', charger);
    await setup(serve);
    browser = await launchChromium();
    const page = await signedInPage(browser, serve);
    await chargerConnected(serve, charger.id);
    return { serve, browser, page };
  } catch (e) {
    await stopUiSession({ serve, browser });
    throw e;
  }
}

/** Closes the browser and stops serve (its data directory removed), whichever of them started. */
export async function stopUiSession(session: Partial<Pick<UiSession, 'serve' | 'browser'>>): Promise<void> {
  await session.browser?.close();
  await session.serve?.stop();
}
