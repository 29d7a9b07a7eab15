// `npm run bench:session`: does a long charging session's page stay usable while it is watched? Starts
// `chargebench serve` on a fresh data directory, connects one charger over plain WebSocket, starts a
// transaction and back-fills it with --hours of MeterValues at one a second (10 sampled values each: the
// energy register, power, current, voltage and temperature; 36,000 rows an hour), then opens the
// transaction's page in Chromium (playwright-core) and, while the charger sends a MeterValues a second,
// measures how long the page takes to show the session, the time between animation frames
// (p50/p95/max) and the page's main-thread time per second (CDP Performance metrics). It then sends
// --watched minutes of live readings as fast as the bench answers (a page left open that long) and
// measures again. Prints a table and writes bench/results/session-latest.json (--screenshot <png>: the
// page at the end; --profile: where the page's main thread spent its time). BENCH_SERVER_NODE_ARGS gives
// the bench's process Node options (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"); KEEP_DATA=1 keeps the
// data directory (its path is printed) to query afterwards.
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Browser } from 'playwright-core';
import WebSocket from 'ws';
import { buildUi, callServe, fmt, median, numberOption, openPage, pct, runBrowserBench, startServe, summarize, type ServeHandle } from './browser-bench';
import { pageHelpers } from './log/page';

const here = dirname(fileURLToPath(import.meta.url));
const RESULTS_FILE = join(here, 'results', 'session-latest.json');
const TARGET_P95_MS = 50;
const log = (msg: string): void => void process.stderr.write(`bench:session: ${msg}\n`);

function parseOptions() {
  const { values } = parseArgs({
    options: {
      hours: { type: 'string', default: '2' },
      watched: { type: 'string', default: '60' },
      seconds: { type: 'string', default: '10' },
      timeout: { type: 'string', default: '900' },
      chromium: { type: 'string', default: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
      profile: { type: 'boolean', default: false },
      screenshot: { type: 'string' },
      'no-build': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const num = numberOption(values);
  return {
    hours: num('hours', 0, 48),
    watchedMinutes: num('watched', 0, 24 * 60),
    seconds: num('seconds', 2, 120),
    timeoutSec: num('timeout', 30, 7200),
    chromium: values.chromium,
    profile: values.profile,
    screenshot: values.screenshot,
    build: !values['no-build'],
  };
}

let serve: ServeHandle | null = null;
let browser: Browser | null = null;
let dataDir = '';
let charger: WebSocket | null = null;

function cleanUp(): void {
  charger?.terminate();
  serve?.kill();
  if (dataDir && !process.env.KEEP_DATA) rmSync(dataDir, { recursive: true, force: true });
  else if (dataDir) log(`data kept in ${dataDir}`);
}

/** One charger, one call at a time: each call resolves with the answer's payload. */
async function connect(wsBase: string, id: string): Promise<(action: string, payload: unknown) => Promise<Record<string, unknown>>> {
  const ws = (charger = new WebSocket(`${wsBase}/${id}`, ['ocpp1.6']));
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  let next = 0;
  const waiting = new Map<string, (payload: Record<string, unknown>) => void>();
  ws.on('message', (data) => {
    const [type, msgId, payload] = JSON.parse(String(data)) as [number, string, Record<string, unknown>];
    if (type === 3) waiting.get(msgId)?.(payload);
    else if (type === 4) log(`CALLERROR ${String(data)}`);
    waiting.delete(msgId);
  });
  return (action, payload) =>
    new Promise((resolve) => {
      const msgId = String(++next);
      waiting.set(msgId, resolve);
      ws.send(JSON.stringify([2, msgId, action, payload]));
    });
}

/** A reading at `t` (ms) of a 11 kW three-phase session: 10 sampled values. */
function reading(t: number, wh: number) {
  const v = (value: string, measurand: string, unit: string, phase?: string) => ({ value, context: 'Sample.Periodic', measurand, unit, ...(phase ? { phase } : {}) });
  return {
    timestamp: new Date(t).toISOString(),
    sampledValue: [
      v(String(Math.round(wh)), 'Energy.Active.Import.Register', 'Wh'),
      v('11000', 'Power.Active.Import', 'W'),
      ...['L1', 'L2', 'L3'].map((p) => v('16.0', 'Current.Import', 'A', p)),
      ...['L1-N', 'L2-N', 'L3-N'].map((p) => v('230.1', 'Voltage', 'V', p)),
      v('31', 'Temperature', 'Celsius'),
      v('16', 'Current.Offered', 'A'),
    ],
  };
}

interface Measured {
  phase: string;
  storedRows: number;
  liveRows: number;
  gaps: number[];
  /** The page's main thread: task time per second over the window (ms). */
  busyMsPerSec: number;
  /** With --profile: the heaviest functions by self time over the window (ms). */
  profile?: Array<[string, number]>;
}

async function main(opts: ReturnType<typeof parseOptions>): Promise<number> {
  const load0 = loadavg()[0];
  buildUi(opts.build, log);
  dataDir = await mkdtemp(join(tmpdir(), 'chargebench-sessionbench-'));
  const srv = (serve = await startServe(dataDir, process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []));
  await callServe(srv, 'settings:update', { authorization: 'acceptAll' });

  const send = await connect(srv.wsBase, 'SESSION-1');
  await send('BootNotification', { chargePointVendor: 'Bench', chargePointModel: 'Session' });
  await send('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Charging' });
  const seconds = Math.round(opts.hours * 3600);
  // Every reading a second after the one before, the last of them about now (with room for those sent
  // while the page is measured).
  const start = Date.now() - (seconds + opts.watchedMinutes * 60 + 120) * 1000;
  let sent = 0;
  const started = await send('StartTransaction', { connectorId: 1, idTag: 'SESSION', meterStart: 100_000, timestamp: new Date(start).toISOString() });
  const transactionId = started.transactionId as number;
  let wh = 100_000;
  const meter = () => send('MeterValues', { connectorId: 1, transactionId, meterValue: [reading(start + sent++ * 1000, (wh += 11_000 / 3600))] });
  log(`back-filling ${opts.hours} h of readings (${(seconds * 10).toLocaleString('en-US')} rows)…`);
  for (let i = 0; i < seconds; i++) await meter();
  const storedRows = seconds * 10;

  // What the page fetches (the compact form), and the same values as a list (`transactions:get`, the API's).
  const timeCall = async (method: string, args: unknown) => {
    const a0 = performance.now();
    const answer = await fetch(`${srv.origin}/api/call/${method}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${srv.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(args),
    });
    const bytes = (await answer.arrayBuffer()).byteLength;
    const ms = performance.now() - a0;
    log(`the bench answered ${method} in ${fmt(ms)} ms (${fmt(bytes / 1e6, 1)} MB)`);
    return { ms, bytes, text: `${method} in ${fmt(ms)} ms (${fmt(bytes / 1e6, 1)} MB)` };
  };
  // The record catches up on the back-fill first (its writer and search index would slow the reads).
  await new Promise((r) => setTimeout(r, 5000));
  await timeCall('transactions:meterReadings', { transactionId });
  const answers = { meterReadings: await timeCall('transactions:meterReadings', { transactionId }), list: await timeCall('transactions:get', { transactionId }) };

  const opened = await openPage(opts.chromium, [pageHelpers]);
  browser = opened.browser;
  const { page, errors: pageErrors } = opened;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const taskMs = async (): Promise<number> => {
    const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> };
    return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
  };

  // A reading a second, as the charger would send them, from now on.
  let live = 0;
  const ticker = setInterval(() => void meter().then(() => live++), 1000);
  if (opts.profile) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
    await cdp.send('Profiler.start');
  }
  const t0 = performance.now();
  await page.goto(`${srv.origin}/?token=${srv.token}#/transactions/${transactionId}`);
  await page
    .getByText(/Meter values \(\d/)
    .first()
    .waitFor({ timeout: 120_000 });
  const openMs = performance.now() - t0;
  const openProfile = opts.profile ? summarize(((await cdp.send('Profiler.stop')) as { profile: never }).profile) : undefined;

  const results: Measured[] = [];
  const measure = async (phase: string, liveRows: number): Promise<void> => {
    await page.waitForTimeout(1500);
    if (opts.profile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
      await cdp.send('Profiler.start');
    }
    const busy0 = await taskMs();
    const w0 = performance.now();
    const gaps = await page.evaluate((n: number) => window.__logBench.frames(n, () => undefined), opts.seconds * 60);
    const busyMsPerSec = ((await taskMs()) - busy0) / ((performance.now() - w0) / 1000);
    const profile = opts.profile ? summarize(((await cdp.send('Profiler.stop')) as { profile: never }).profile) : undefined;
    results.push({ phase, storedRows, liveRows, gaps, busyMsPerSec, profile });
    log(`${phase}: frame p50 ${fmt(median(gaps), 1)} ms, p95 ${fmt(pct(gaps, 0.95), 1)} ms, max ${fmt(Math.max(...gaps), 1)} ms, main thread ${fmt(busyMsPerSec)} ms/s`);
  };
  await measure('just opened', live * 10);

  if (opts.watchedMinutes > 0) {
    clearInterval(ticker);
    const n = opts.watchedMinutes * 60;
    log(`sending ${opts.watchedMinutes} min of live readings as fast as they are answered (${(n * 10).toLocaleString('en-US')} rows)…`);
    for (let i = 0; i < n; i++) await meter();
    live += n;
    const again = setInterval(() => void meter().then(() => live++), 1000);
    await page.waitForTimeout(3000);
    await measure(`after ${opts.watchedMinutes} min watched`, live * 10);
    clearInterval(again);
  } else clearInterval(ticker);

  if (opts.screenshot) {
    await page.screenshot({ path: opts.screenshot, fullPage: true });
    log(`screenshot written to ${opts.screenshot}`);
  }
  await browser.close();
  browser = null;
  charger?.close();
  await srv.stop();

  console.log('');
  console.log(
    `Session page benchmark: one transaction, ${opts.hours} h stored at 1 s (10 values a reading), a reading a second while watched; ${cpus().length} CPUs, load average ${fmt(load0, 2)} at start`,
  );
  console.log(`Page showed the session in ${fmt(openMs)} ms; the bench answered ${answers.meterReadings.text} (what the page fetches) and ${answers.list.text}.`);
  console.log('');
  console.log('| phase | rows stored | rows live | frame p50 ms | frame p95 ms | max ms | main thread ms/s |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    const p95 = pct(r.gaps, 0.95);
    console.log(
      `| ${r.phase} | ${r.storedRows.toLocaleString('en-US')} | ${r.liveRows.toLocaleString('en-US')} | ${fmt(median(r.gaps), 1)} | ${fmt(p95, 1)}${p95 < TARGET_P95_MS ? ' ✓' : ' ✗'} | ${fmt(Math.max(...r.gaps), 1)} | ${fmt(r.busyMsPerSec)} |`,
    );
  }
  if (openProfile) {
    console.log('');
    console.log('Page main thread while opening the session (self time):');
    for (const [name, ms] of openProfile) console.log(`  ${fmt(ms).padStart(6)} ms  ${name}`);
  }
  for (const r of results.filter((m) => m.profile)) {
    console.log('');
    console.log(`Page main thread, ${r.phase} (self time over ${opts.seconds} s):`);
    for (const [name, ms] of r.profile!) console.log(`  ${fmt(ms).padStart(6)} ms  ${name}`);
  }
  if (pageErrors.length) console.log(`  page errors: ${pageErrors.join(' | ')}`);
  await mkdir(dirname(RESULTS_FILE), { recursive: true });
  await writeFile(
    RESULTS_FILE,
    `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: cpus().length, loadAverageAtStart: load0, options: { ...opts, chromium: undefined }, openMs, answers: { meterReadings: { ms: answers.meterReadings.ms, bytes: answers.meterReadings.bytes }, list: { ms: answers.list.ms, bytes: answers.list.bytes } }, results }, null, 2)}\n`,
  );
  log(`results written to ${RESULTS_FILE}`);
  return pageErrors.length ? 1 : 0;
}

const options = parseOptions();
runBrowserBench(() => main(options), { cleanUp, browser: () => browser, log, timeoutSec: options.timeoutSec });
