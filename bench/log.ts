// `npm run bench:log`: the message log at a million frames. Fills a temporary data directory with
// 1,000,000 logged frames (100 chargers, a fleet's mix of actions), starts `chargebench serve` on it
// (127.0.0.1 only), opens the UI in Chromium (playwright-core) and measures, in the page, the time from
// the user's action to the rows painted: opening the log, an action filter, a search, a jump to the
// middle of the list; then the frame rate while scrolling and while thousands of frames a second
// arrive (--live-rate), and the renderer's JS heap. Prints a table (target: under 200 ms to open and to filter) and
// writes bench/results/log-latest.json. Stops by itself (--timeout), cleaning up what it started.
// LOG_BENCH_DEBUG=1 also prints, for each opening of the log, when its requests left and returned.
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { fillLog, searchIndexBuilt, type FillResult } from './log/fill';
import { startLiveLoad } from './log/live-load';
import { pageHelpers } from './log/page';
import { buildUi, fmt, median, openPage, pct, runBrowserBench, startServe, type ServeHandle } from './browser-bench';

const here = dirname(fileURLToPath(import.meta.url));
const RESULTS_FILE = join(here, 'results', 'log-latest.json');
const TARGET_MS = 200;
const log = (msg: string): void => void process.stderr.write(`bench:log: ${msg}\n`);

function parseOptions() {
  const { values } = parseArgs({
    options: {
      frames: { type: 'string', default: '1000000' },
      chargers: { type: 'string', default: '100' },
      rate: { type: 'string', default: '200' },
      runs: { type: 'string', default: '5' },
      'live-chargers': { type: 'string', default: '40' },
      'live-rate': { type: 'string', default: '5000' },
      'live-seconds': { type: 'string', default: '5' },
      timeout: { type: 'string', default: '900' },
      chromium: { type: 'string', default: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
      'keep-data': { type: 'boolean', default: false },
      'no-build': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const int = (name: string, lo: number, hi: number): number => {
    const n = Number(values[name as keyof typeof values]);
    if (!Number.isInteger(n) || n < lo || n > hi) throw new Error(`--${name} wants a whole number ${lo}..${hi}, got "${values[name as keyof typeof values]}"`);
    return n;
  };
  return {
    frames: int('frames', 1000, 20_000_000),
    chargers: int('chargers', 1, 10_000),
    rate: int('rate', 1, 100_000),
    runs: int('runs', 1, 20),
    liveChargers: int('live-chargers', 0, 2000),
    liveRate: int('live-rate', 10, 1_000_000),
    liveSeconds: int('live-seconds', 1, 120),
    timeoutSec: int('timeout', 30, 7200),
    chromium: values.chromium,
    keepData: values['keep-data'],
    build: !values['no-build'],
  };
}

const mb = (b: number): number => b / (1024 * 1024);

let serve: ServeHandle | null = null;
let browser: Browser | null = null;
let dataDir: string | null = null;
let keepData = false;

function cleanUp(): void {
  serve?.kill();
  if (dataDir && !keepData) rmSync(dataDir, { recursive: true, force: true });
}

/** Runs `fn` in the page (with the helpers), returning its result. */
const inPage = <T, A>(page: Page, fn: (a: A) => Promise<T> | T, arg: A): Promise<T> => page.evaluate(fn as never, arg) as Promise<T>;

async function heap(page: Page): Promise<{ usedMb: number; totalMb: number; afterGcMb: number }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const metric = async (name: string) => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === name)?.value ?? 0;
  const used = await metric('JSHeapUsedSize');
  const total = await metric('JSHeapTotalSize');
  await cdp.send('HeapProfiler.collectGarbage');
  const afterGc = await metric('JSHeapUsedSize');
  await cdp.detach();
  return { usedMb: mb(used), totalMb: mb(total), afterGcMb: mb(afterGc) };
}

async function main(opts: ReturnType<typeof parseOptions>): Promise<number> {
  keepData = opts.keepData;
  // Measure the UI as the sources stand.
  buildUi(opts.build, log);

  dataDir = await mkdtemp(join(tmpdir(), 'chargebench-logbench-'));
  log(`filling ${opts.frames.toLocaleString('en-US')} frames into ${dataDir}…`);
  let t = performance.now();
  const fill: FillResult = await fillLog(dataDir, { frames: opts.frames, chargers: opts.chargers, framesPerBatch: opts.rate, startMs: Date.parse('2026-03-01T08:00:00Z') });
  const fillMs = performance.now() - t;
  log(`filled in ${fmt(fillMs / 1000, 1)} s; starting serve…`);

  t = performance.now();
  const srv = (serve = await startServe(dataDir));
  const serveStartMs = performance.now() - t;
  // The free-text index is built by the bench's writer thread behind the log (here: the whole filled log).
  const indexMs = await searchIndexBuilt(dataDir, opts.timeoutSec * 1000);
  log(`the writer thread indexed the log for search in ${fmt(indexMs / 1000, 1)} s`);
  const opened = await openPage(opts.chromium, process.env.LOG_BENCH_DEBUG ? [pageHelpers, 'window.__debug = true'] : [pageHelpers]);
  browser = opened.browser;
  const { page, errors: pageErrors } = opened;
  if (process.env.LOG_BENCH_DEBUG) page.on('console', (m) => log(`page: ${m.text()}`));

  // Sign in with ?token= on another screen, so the log is opened by the measurement.
  await page.goto(`${srv.origin}/?token=${srv.token}#/chargers`);
  await page.getByRole('link', { name: 'Message log' }).waitFor();
  await page.getByText(/chargers? online/).waitFor();
  await page.waitForTimeout(800);

  const results: Record<string, number[]> = { open: [], actionRare: [], actionCommon: [], search: [], searchAfterPause: [], middle: [] };
  let middleRow = 0;
  const rare = fill.byAction.Reset ? 'Reset' : Object.keys(fill.byAction).sort((a, b) => fill.byAction[a] - fill.byAction[b])[0];
  const common = Object.keys(fill.byAction).sort((a, b) => fill.byAction[b] - fill.byAction[a])[0];

  const openLog = () =>
    inPage(
      page,
      async () => {
        const b = window.__logBench;
        const before = b.calls.length;
        const t0 = performance.now();
        location.hash = '#/log';
        const ms = await b.until(() => b.ready() && b.visibleRows()[0]?.index === 0, t0);
        if ((window as unknown as { __debug?: boolean }).__debug)
          console.log(JSON.stringify(b.calls.slice(before).map((c) => [c.url.split('/').pop(), Math.round(c.at - t0), Math.round(c.done - t0)])));
        return ms;
      },
      null,
    );
  // As a user would: from the chargers screen, once it has settled.
  const leaveLog = async () => {
    await page.evaluate(() => (location.hash = '#/chargers'));
    await page.getByRole('heading', { name: 'Message log' }).waitFor({ state: 'detached' });
    await page.waitForTimeout(800);
  };
  const filterAction = async (action: string) => {
    const box = page.getByRole('combobox', { name: 'Actions' });
    await box.click();
    await box.fill(action);
    await page.getByRole('option', { name: action, exact: true }).waitFor();
    const ms = await inPage(
      page,
      async (a: string) => {
        const option = [...document.querySelectorAll('[role="option"]')].find((o) => o.textContent === a) as HTMLElement;
        const t0 = performance.now();
        option.click();
        return window.__logBench.until(
          () => window.__logBench.ready() && window.__logBench.visibleRows().every((r) => r.cells[window.__logBench.col('Action')].includes(a)) && window.__logBench.visibleRows()[0]?.index === 0,
          t0,
        );
      },
      action,
    );
    await page.keyboard.press('Escape');
    return ms;
  };
  const everything = `${fill.frames.toLocaleString('en-US')} frames`;
  const clearFilters = async () => {
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await inPage(
      page,
      (all: string) => window.__logBench.until(() => window.__logBench.ready() && window.__logBench.visibleRows()[0]?.index === 0 && document.body.innerText.includes(all), performance.now()),
      everything,
    );
  };

  log(`measuring (${opts.runs} runs each)…`);
  for (let run = 0; run < opts.runs; run++) {
    if (run > 0) await leaveLog();
    results.open.push(await openLog());
    await page.waitForTimeout(300);
    results.actionRare.push(await filterAction(rare));
    await clearFilters();
    results.actionCommon.push(await filterAction(common));
    await clearFilters();

    // The search waits for a pause in typing (300 ms) by design; both figures are kept.
    const [total, afterPause] = await inPage(
      page,
      async (text: string) => {
        const input = document.querySelector('input[placeholder^="Text in the frame"]') as HTMLInputElement;
        const b = window.__logBench;
        const t0 = performance.now();
        const before = b.calls.length;
        b.type(input, text);
        const ms = await b.until(() => b.ready() && b.visibleRows()[0]?.cells[b.col('Message id')] === text, t0);
        const asked = b.calls.slice(before).find((c) => c.url.includes('messages:'));
        return [ms, asked ? ms - (asked.at - t0) : ms];
      },
      fill.rareTexts[run % fill.rareTexts.length],
    );
    results.search.push(total);
    results.searchAfterPause.push(afterPause);
    await clearFilters();

    const [ms, first] = await inPage(
      page,
      async () => {
        const b = window.__logBench;
        const el = document.querySelector('[data-testid="log-rows"]') as HTMLElement;
        el.scrollTop = 0;
        await new Promise((r) => setTimeout(r, 200));
        const t0 = performance.now();
        el.scrollTop = (el.scrollHeight - el.clientHeight) / 2;
        const ms = await b.until(() => b.ready() && (b.visibleRows()[0]?.index ?? 0) > 1000, t0);
        return [ms, b.visibleRows()[0].index];
      },
      null,
    );
    results.middle.push(ms);
    middleRow = first;
    await inPage(page, () => void ((document.querySelector('[data-testid="log-rows"]') as HTMLElement).scrollTop = 0), null);
  }

  // Scrolling: a steady scroll of about 25 rows a frame for 3 s, then the rows it stopped on.
  const scrollGaps = await inPage(
    page,
    async () => {
      const el = document.querySelector('[data-testid="log-rows"]') as HTMLElement;
      return window.__logBench.frames(180, () => void (el.scrollTop += 400));
    },
    null,
  );
  const scrollSettleMs = await inPage(page, () => window.__logBench.until(() => window.__logBench.ready(), performance.now()), null);
  const heapAfterUse = await heap(page);

  // Live: thousands of frames a second arriving, while the log follows them and while it holds still.
  type Live = { following: boolean; framesPerSec: number; gaps: number[]; shown: [string, string] };
  const live: Live[] = [];
  if (opts.liveChargers > 0) {
    await leaveLog();
    await openLog();
    const load = await startLiveLoad(srv.wsBase, opts.liveChargers, opts.liveRate);
    for (const following of [true, false]) {
      await page.getByLabel('Follow live').setChecked(following);
      await page.waitForTimeout(1000);
      const shown = () => page.getByRole('status').filter({ hasText: 'frames' }).innerText();
      const newFrames = () =>
        page
          .getByRole('button', { name: /new frames? — show/ })
          .innerText()
          .catch(() => 'no "new frames" button');
      const before = following ? await shown() : await newFrames();
      const f0 = load.frames();
      const t0 = performance.now();
      const gaps = await inPage(page, (n: number) => window.__logBench.frames(n, () => undefined), opts.liveSeconds * 60);
      const framesPerSec = ((load.frames() - f0) * 1000) / (performance.now() - t0);
      live.push({ following, framesPerSec, gaps, shown: [before, following ? await shown() : await newFrames()] });
    }
    await load.stop();
  }
  const heapEnd = await heap(page);

  await browser.close();
  browser = null;
  await srv.stop();

  const table: Array<[string, string, number[] | null, string]> = [
    ['open the log (#/log → first rows painted)', `< ${TARGET_MS} ms`, results.open, ''],
    [`filter: action ${rare} (${(fill.byAction[rare] ?? 0).toLocaleString('en-US')} frames)`, `< ${TARGET_MS} ms`, results.actionRare, 'later runs: the bench remembers the view'],
    [`filter: action ${common} (${(fill.byAction[common] ?? 0).toLocaleString('en-US')} frames)`, `< ${TARGET_MS} ms`, results.actionCommon, 'later runs: the bench remembers the view'],
    ['search a message id, after the typing pause', '', results.searchAfterPause, 'a new id each run, found through the free-text index'],
    ['search, from the last keystroke (incl. 300 ms pause)', '', results.search, ''],
    ['jump to the middle (scrollbar) → rows painted', '', results.middle, `row ${middleRow.toLocaleString('en-US')}`],
  ];
  console.log('');
  console.log(`Message log benchmark: ${fill.frames.toLocaleString('en-US')} frames, ${opts.chargers} chargers (${fill.firstTs} → ${fill.lastTs}); ${cpus().length} CPUs, ${opts.runs} runs`);
  console.log(`  fill ${fmt(fillMs / 1000, 1)} s, serve start ${fmt(serveStartMs)} ms, search index built by the writer thread ${fmt(indexMs / 1000, 1)} s after`);
  console.log('');
  console.log('| step | target | first run ms | median ms | max ms | note |');
  console.log('|---|---|---:|---:|---:|---|');
  for (const [name, target, xs, note] of table) {
    if (!xs?.length) continue;
    const ok = (n: number) => (target ? (n < TARGET_MS ? ' ✓' : ' ✗') : '');
    console.log(`| ${name} | ${target} | ${fmt(xs[0])}${ok(xs[0])} | ${fmt(median(xs))}${ok(median(xs))} | ${fmt(Math.max(...xs))} | ${note} |`);
  }
  console.log('');
  console.log(
    `  scrolling (400 px a frame, 180 frames): frame p50 ${fmt(median(scrollGaps), 1)} ms, p95 ${fmt(pct(scrollGaps, 0.95), 1)} ms, max ${fmt(Math.max(...scrollGaps), 1)} ms; rows painted ${fmt(scrollSettleMs)} ms after it stopped`,
  );
  for (const l of live) {
    console.log(
      `  live, ${l.following ? 'following' : 'holding still'}: ${fmt(l.framesPerSec)} frames/s (${opts.liveRate} asked) from ${opts.liveChargers} chargers; page frames p50 ${fmt(median(l.gaps), 1)} ms, p95 ${fmt(pct(l.gaps, 0.95), 1)} ms, max ${fmt(Math.max(...l.gaps), 1)} ms; "${l.shown[0]}" → "${l.shown[1]}"`,
    );
  }
  console.log(
    `  renderer JS heap: ${fmt(heapAfterUse.usedMb, 1)} MB used after the runs (${fmt(heapAfterUse.afterGcMb, 1)} MB after GC); ${fmt(heapEnd.usedMb, 1)} MB at the end (${fmt(heapEnd.afterGcMb, 1)} MB after GC)`,
  );
  if (pageErrors.length) console.log(`  page errors: ${pageErrors.join(' | ')}`);

  await mkdir(dirname(RESULTS_FILE), { recursive: true });
  await writeFile(
    RESULTS_FILE,
    `${JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model, totalMemMb: Math.round(mb(totalmem())), options: { ...opts, chromium: undefined }, fill: { ...fill, chargerIds: undefined, fillMs }, serveStartMs, indexMs, results, middleRow, scrollGaps, scrollSettleMs, live, heapAfterUse, heapEnd, pageErrors }, null, 2)}\n`,
  );
  log(`results written to ${RESULTS_FILE}`);
  return pageErrors.length ? 1 : 0;
}

const options = parseOptions();
runBrowserBench(() => main(options), { cleanUp, browser: () => browser, log, timeoutSec: options.timeoutSec });
