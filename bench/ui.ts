// `npm run bench:ui`: does the live UI keep up with a busy bench? Starts `chargebench serve` on a fresh
// data directory (heartbeat 10 s, idTags accepted), connects a fleet of virtual charge points (the
// bench:fleet child: half of them charging, meter values every 5 s) plus a few chargers whose connector
// status keeps changing, opens the UI in Chromium (playwright-core) and measures, in the page, the time
// between animation frames (frame p50/p95/max) on the Chargers screen and on a charging charger's page;
// then again with a flood of frames (--flood-rate, 20,000 frames/s asked, every tenth call a status
// change), also on the message log following live. Prints a table (target: frame p95 under 50 ms) with
// the frames/s that arrived and how many event-stream messages the page took per second, and writes
// bench/results/ui-latest.json. --profile prints where the page's main thread spent its time in each
// phase (a CPU profile); --trace <dir> writes a Chromium performance trace per phase. After each phase it
// prints the page's JavaScript heap after a full garbage collection; --soak <minutes> then leaves the
// Chargers screen open under the fleet that long and prints that heap each minute (does the page's memory
// grow with how long it has been open?). On the Chargers screen it also clicks row checkboxes one at a time,
// --select-clicks (10; 0 skips) at any moment and as many just after a redraw of the list, and prints each
// click's time to the next frame.
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { buildUi, callServe, fmt, median, numberOption, openPage, pct, runBrowserBench, startServe, summarize, type ServeHandle } from './browser-bench';
import { startLiveLoad, type LiveLoad } from './log/live-load';
import { pageHelpers } from './log/page';
import { measureSelection } from './ui-select';
import { Child, killAllChildren, type FleetToParent, type ParentToFleet } from './fleet/ipc';

const here = dirname(fileURLToPath(import.meta.url));
const RESULTS_FILE = join(here, 'results', 'ui-latest.json');
const FLEET_FILE = join(here, 'fleet', 'vcp-fleet.ts');
const TARGET_P95_MS = 50;
const log = (msg: string): void => void process.stderr.write(`bench:ui: ${msg}\n`);

function parseOptions() {
  const { values } = parseArgs({
    options: {
      chargers: { type: 'string', default: '1000' },
      charging: { type: 'string', default: '0.5' },
      'status-chargers': { type: 'string', default: '50' },
      'flood-rate': { type: 'string', default: '20000' },
      'flood-chargers': { type: 'string', default: '200' },
      seconds: { type: 'string', default: '5' },
      timeout: { type: 'string', default: '900' },
      chromium: { type: 'string', default: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
      profile: { type: 'boolean', default: false },
      trace: { type: 'string' },
      soak: { type: 'string', default: '0' },
      'no-build': { type: 'boolean', default: false },
      'select-clicks': { type: 'string', default: '10' },
    },
    strict: true,
  });
  const num = numberOption(values);
  return {
    chargers: num('chargers', 1, 20_000),
    charging: num('charging', 0, 1),
    statusChargers: num('status-chargers', 0, 1000),
    floodRate: num('flood-rate', 0, 1_000_000),
    floodChargers: num('flood-chargers', 1, 2000),
    seconds: num('seconds', 1, 120),
    timeoutSec: num('timeout', 30, 7200),
    chromium: values.chromium,
    profile: values.profile,
    trace: values.trace,
    soakMinutes: num('soak', 0, 24 * 60),
    build: !values['no-build'],
    selectClicks: num('select-clicks', 0, 100),
  };
}

/** Counts what the page's event stream delivers: WebSocket messages and their bytes. */
const streamTap = `
(() => {
  const counts = { messages: 0, bytes: 0 };
  window.__stream = counts;
  const Real = window.WebSocket;
  window.WebSocket = class extends Real {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (m) => { counts.messages++; counts.bytes += typeof m.data === 'string' ? m.data.length : 0; });
    }
  };
})();
`;

interface Measured {
  screen: string;
  load: string;
  framesPerSec: number;
  messagesPerSec: number;
  gaps: number[];
  /** The page's JavaScript heap after a full garbage collection, at the end of the phase. */
  heapMb: number;
  profile?: Array<[string, number]>;
}

/** The page's JavaScript heap in use after a full garbage collection, in MB. */
async function pageHeapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    return usedSize / 1e6;
  } finally {
    await cdp.detach();
  }
}

let serve: ServeHandle | null = null;
let browser: Browser | null = null;
let dataDir: string | null = null;
const loads: LiveLoad[] = [];

function cleanUp(): void {
  serve?.kill();
  killAllChildren();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}

/** Frames/s both ways over a window: started, then ended with the rate. */
interface FrameCounter {
  start(): Promise<void>;
  end(): Promise<number>;
}

async function measure(page: Page, screen: string, load: string, seconds: number, frames: FrameCounter, opts: ReturnType<typeof parseOptions>): Promise<Measured> {
  await page.waitForTimeout(1500);
  const cdp = opts.profile ? await page.context().newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
    await cdp.send('Profiler.start');
  }
  if (opts.trace && browser) await browser.startTracing(page, { path: join(opts.trace, `ui-${screen}-${load}.json`.replace(/[^\w.-]+/g, '-')), screenshots: false });
  await frames.start();
  const m0 = await page.evaluate(() => (window as unknown as { __stream: { messages: number } }).__stream.messages);
  const t0 = performance.now();
  const gaps = await page.evaluate((n: number) => window.__logBench.frames(n, () => undefined), seconds * 60);
  const sec = (performance.now() - t0) / 1000;
  const m1 = await page.evaluate(() => (window as unknown as { __stream: { messages: number } }).__stream.messages);
  if (opts.trace && browser) await browser.stopTracing();
  let profile: Array<[string, number]> | undefined;
  if (cdp) {
    const { profile: p } = await cdp.send('Profiler.stop');
    profile = summarize(p as never);
    await cdp.detach();
  }
  const r: Measured = { screen, load, framesPerSec: await frames.end(), messagesPerSec: (m1 - m0) / sec, gaps, heapMb: await pageHeapMb(page), profile };
  log(
    `${screen}, ${load}: frame p50 ${fmt(median(gaps), 1)} ms, p95 ${fmt(pct(gaps, 0.95), 1)} ms, ${fmt(r.framesPerSec)} frames/s, ${fmt(r.messagesPerSec)} stream messages/s, page heap ${fmt(r.heapMb, 1)} MB`,
  );
  return r;
}

async function main(opts: ReturnType<typeof parseOptions>): Promise<number> {
  if (opts.trace) await mkdir(opts.trace, { recursive: true });
  const load0 = loadavg()[0];
  buildUi(opts.build, log);
  dataDir = await mkdtemp(join(tmpdir(), 'chargebench-uibench-'));
  const srv = (serve = await startServe(dataDir));
  await callServe(srv, 'settings:update', { heartbeatInterval: 10, authorization: 'acceptAll' });
  const port = Number(new URL(srv.wsBase).port);

  log(`connecting ${opts.chargers.toLocaleString('en-US')} virtual chargers (${opts.charging * 100}% charging, meter values every 5 s)…`);
  const fleet = Child.fork<FleetToParent, ParentToFleet>('fleet (virtual charge points)', FLEET_FILE, []);
  await fleet.ask({ type: 'init', port, charging: opts.charging, connectRate: 500, sampleInterval: 5, rephase: true }, 'ready', 60_000);
  const ramp = await fleet.ask({ type: 'ramp', target: opts.chargers, timeoutMs: (opts.chargers / 500) * 1000 + 60_000 }, 'ramped', (opts.chargers / 500) * 1000 + 90_000);
  log(`${ramp.accepted}/${opts.chargers} Accepted in ${fmt(ramp.ms / 1000, 1)} s`);
  if (opts.statusChargers) loads.push(await startLiveLoad(srv.wsBase, opts.statusChargers, opts.statusChargers * 2, { prefix: 'STATUS', statusEvery: 1 }));
  // The fleet counts its own frames (both ways) over the window it is asked about; the live loads count theirs.
  const loadFrames = () => loads.reduce((n, l) => n + l.frames(), 0);
  let span = { t: 0, loads: 0 };
  const frames: FrameCounter = {
    async start() {
      await fleet.ask({ type: 'holdStart' }, 'holdStarted', 30_000);
      span = { t: performance.now(), loads: loadFrames() };
    },
    async end() {
      const held = await fleet.ask({ type: 'holdEnd' }, 'held', 30_000);
      return (held.framesIn + held.framesOut + loadFrames() - span.loads) / ((performance.now() - span.t) / 1000);
    },
  };

  const opened = await openPage(opts.chromium, [pageHelpers, streamTap]);
  browser = opened.browser;
  const { page, errors: pageErrors } = opened;
  await page.goto(`${srv.origin}/?token=${srv.token}#/chargers`);
  await page.getByText(/chargers? online/).waitFor();
  // Past the first heartbeats and the charging chargers' first samples.
  await page.waitForTimeout(5000);
  const active = (await callServe(srv, 'transactions:list', { active: true, limit: 1 })) as Array<{ chargerId: string }>;
  const chargerPage = `#/chargers/${encodeURIComponent(active[0]?.chargerId ?? 'FLEET00001')}`;

  const results: Measured[] = [];
  const fleetLoad = `${opts.chargers.toLocaleString('en-US')} chargers`;
  results.push(await measure(page, 'Chargers', fleetLoad, opts.seconds, frames, opts));
  // Ticking row checkboxes on the Chargers screen: each click's time to the next frame.
  const selectCdp = opts.profile && opts.selectClicks ? await page.context().newCDPSession(page) : null;
  if (selectCdp) {
    await selectCdp.send('Profiler.enable');
    await selectCdp.send('Profiler.setSamplingInterval', { interval: 500 });
    await selectCdp.send('Profiler.start');
  }
  const selection = opts.selectClicks ? await measureSelection(page, opts.selectClicks) : [];
  let selectionProfile: Array<[string, number]> = [];
  if (selectCdp) {
    const { profile: p } = await selectCdp.send('Profiler.stop');
    selectionProfile = summarize(p as never);
    await selectCdp.detach();
  }
  if (selection.length)
    log(
      `Chargers, ${selection.length} row checkbox clicks: click to next frame ${selection.map((c) => `${fmt(c.toFrame)}${c.afterRedraw ? '*' : ''}`).join(', ')} ms (* just after a redraw of the list)`,
    );
  await page.evaluate((h) => (location.hash = h), chargerPage);
  results.push(await measure(page, 'charger page', fleetLoad, opts.seconds, frames, opts));

  // The Chargers screen left open under the fleet: the page's heap each minute.
  const soak: Array<{ minute: number; heapMb: number }> = [];
  if (opts.soakMinutes > 0) {
    await page.evaluate(() => (location.hash = '#/chargers'));
    for (let minute = 0; minute <= opts.soakMinutes; minute++) {
      if (minute) await page.waitForTimeout(60_000);
      soak.push({ minute, heapMb: await pageHeapMb(page) });
      log(`soak: minute ${minute}, page heap ${fmt(soak[soak.length - 1].heapMb, 1)} MB after a full collection`);
    }
  }

  if (opts.floodRate > 0) {
    log(`flooding ${opts.floodRate.toLocaleString('en-US')} frames/s from ${opts.floodChargers} more chargers…`);
    loads.push(await startLiveLoad(srv.wsBase, opts.floodChargers, opts.floodRate, { prefix: 'FLOOD', statusEvery: 10 }));
    const flood = `+ flood ${opts.floodRate.toLocaleString('en-US')} frames/s asked`;
    await page.evaluate(() => (location.hash = '#/chargers'));
    results.push(await measure(page, 'Chargers', flood, opts.seconds, frames, opts));
    await page.evaluate((h) => (location.hash = h), chargerPage);
    results.push(await measure(page, 'charger page', flood, opts.seconds, frames, opts));
    await page.evaluate(() => (location.hash = '#/log'));
    results.push(await measure(page, 'message log (following)', flood, opts.seconds, frames, opts));
  }

  for (const l of loads.splice(0)) await l.stop();
  await fleet.ask({ type: 'stop' }, 'stopped', 60_000).catch(() => undefined);
  await browser.close();
  browser = null;
  await srv.stop();

  console.log('');
  console.log(
    `Live UI benchmark: ${opts.chargers.toLocaleString('en-US')} virtual chargers (${opts.charging * 100}% charging) + ${opts.statusChargers} changing status each second; ${cpus().length} CPUs, load average ${fmt(load0, 2)} at start`,
  );
  console.log('');
  console.log('| screen | load | frames/s arriving | stream messages/s | frame p50 ms | frame p95 ms | max ms | page heap MB |');
  console.log('|---|---|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    const p95 = pct(r.gaps, 0.95);
    console.log(
      `| ${r.screen} | ${r.load} | ${fmt(r.framesPerSec)} | ${fmt(r.messagesPerSec)} | ${fmt(median(r.gaps), 1)} | ${fmt(p95, 1)}${p95 < TARGET_P95_MS ? ' ✓' : ' ✗'} | ${fmt(Math.max(...r.gaps), 1)} | ${fmt(r.heapMb, 1)} |`,
    );
  }
  for (const afterRedraw of [false, true]) {
    const clicks = selection.filter((c) => c.afterRedraw === afterRedraw);
    if (!clicks.length) continue;
    const toFrame = clicks.map((c) => c.toFrame);
    const after = clicks.map((c) => c.longestAfter);
    const missed = clicks.filter((c) => !c.ticked).length;
    console.log('');
    console.log(
      `Chargers screen, ${clicks.length} row checkbox clicks ${afterRedraw ? 'just after a redraw of the list' : 'at any moment'} (${fmt(opts.chargers)} chargers): click to next frame p50 ${fmt(median(toFrame), 1)} ms, max ${fmt(Math.max(...toFrame), 1)} ms${Math.max(...toFrame) < TARGET_P95_MS ? ' ✓' : ' ✗'}; longest frame gap in the 5 frames after: p50 ${fmt(median(after), 1)} ms, max ${fmt(Math.max(...after), 1)} ms${missed ? `; ${missed} checkbox(es) not shown changed` : ''}`,
    );
    console.log(`  per click (ms): ${toFrame.map((t) => fmt(t)).join(', ')}`);
  }
  if (soak.length) {
    console.log('');
    console.log(`The Chargers screen open under the fleet, the page's JavaScript heap after a full collection: ${soak.map((x) => `${x.minute} min ${fmt(x.heapMb, 1)} MB`).join(', ')}`);
  }
  if (opts.profile) {
    for (const r of results) {
      console.log('');
      console.log(`Page main thread, ${r.screen}, ${r.load} (self time over ${opts.seconds} s):`);
      for (const [name, ms] of r.profile ?? []) console.log(`  ${fmt(ms).padStart(6)} ms  ${name}`);
    }
  }
  if (selectionProfile.length) {
    console.log('');
    console.log(`Page main thread, Chargers, the ${selection.length} checkbox clicks (self time):`);
    for (const [name, ms] of selectionProfile) console.log(`  ${fmt(ms).padStart(6)} ms  ${name}`);
  }
  if (pageErrors.length) console.log(`  page errors: ${pageErrors.join(' | ')}`);
  await mkdir(dirname(RESULTS_FILE), { recursive: true });
  await writeFile(
    RESULTS_FILE,
    `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: cpus().length, loadAverageAtStart: load0, options: { ...opts, chromium: undefined }, ramp, results, soak }, null, 2)}\n`,
  );
  log(`results written to ${RESULTS_FILE}`);
  return pageErrors.length ? 1 : 0;
}

const options = parseOptions();
// A soak's minutes come on top of the run's own time limit.
runBrowserBench(() => main(options), { cleanUp, browser: () => browser, log, timeoutSec: options.timeoutSec + options.soakMinutes * 60 });
