// `npm run bench:cs`: load test of the central system, ChargeBench vs an ocpp-rpc strict-mode server, each
// in its own child process with a separate load-generator child; prints a markdown table, writes JSON.
// Each configuration runs --repeat times (servers alternating) and the median run is reported, as runs
// on a small shared machine vary.
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { NODE_HEAP_ARGS } from '../src/main/memory';
import { describePairs, pairedRatios } from './cs/ratios';
import { Child, killAllChildren, runMain, type LoadAction, type LoadToParent, type ParentToLoad, type ParentToServer, type PersistedFrames, type ServerToParent, type LoadTotals } from './cs/ipc';

const here = dirname(fileURLToPath(import.meta.url));
const SERVERS = {
  chargebench: { label: 'ChargeBench', file: join(here, 'cs', 'server-chargebench.ts') },
  'ocpp-rpc': { label: 'ocpp-rpc (strict)', file: join(here, 'cs', 'server-ocpp-rpc.ts') },
} as const;
type ServerKey = keyof typeof SERVERS;
const LOAD_FILE = join(here, 'cs', 'load.ts');
const RESULTS_FILE = join(here, 'results', 'cs-latest.json');
/** ChargeBench data dirs not yet deleted (removed on exit too, e.g. after Ctrl-C or the timeout). */
const tempDirs = new Set<string>();

const ACTIONS = { Heartbeat: 'Heartbeat', MeterValues: 'MeterValues', both: 'Heartbeat + MeterValues alternating' } as const;

/** Reads made through the HTTP API while the chargers load the bench (--reads): durations in ms. */
interface ReadTimes {
  messages10k: number[];
  exportJson: number[];
  settings: number[];
  exportBytes: number;
}

interface RunResult {
  chargers: number;
  server: ServerKey;
  action: LoadAction;
  callsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  serverRssMb: number;
  /** Server RSS once listening, before any charger connected. */
  serverIdleRssMb: number;
  /** Highest server RSS sampled (every 250 ms) over warm-up and window. */
  serverMaxRssMb: number;
  /** Server RSS --after seconds after the load stopped (null without --after). */
  serverAfterRssMb: number | null;
  /** Seconds after the load stopped until RSS was under 200 MB (null: not within --after). */
  secondsUnder200Mb: number | null;
  /** MeterValues: bytes on the wire per exchange, and bytes of the record on disk per exchange. */
  meterWireBytesPerExchange?: number;
  storedBytesPerExchange?: number;
  reads?: ReadTimes;
  calls: number;
  windowSec: number;
  connectMs: number;
  serverCpuPct: number;
  loadCpuPct: number;
  totals: LoadTotals;
  persisted?: PersistedFrames;
  /** calls/s of every repetition; the rest of the record is the median one's. */
  allCallsPerSec?: number[];
}

interface FailedRun {
  chargers: number;
  server: ServerKey;
  action: LoadAction;
  error: string;
}

function parseOptions() {
  const { values } = parseArgs({
    options: {
      chargers: { type: 'string', default: '1,10,100,500' },
      seconds: { type: 'string', default: '8' },
      warmup: { type: 'string', default: '1' },
      servers: { type: 'string', default: 'chargebench,ocpp-rpc' },
      repeat: { type: 'string', default: '3' },
      actions: { type: 'string', default: 'Heartbeat,MeterValues' },
      after: { type: 'string', default: '0' },
      reads: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const chargers = values.chargers.split(',').map((s) => Number(s.trim()));
  if (chargers.some((n) => !Number.isInteger(n) || n < 1 || n > 5000)) throw new Error(`--chargers wants a comma-separated list of integers 1..5000, got "${values.chargers}"`);
  const seconds = Number(values.seconds);
  const warmup = Number(values.warmup);
  if (!(seconds > 0 && seconds <= 600)) throw new Error(`--seconds wants a number of seconds (0, 600], got "${values.seconds}"`);
  if (!(warmup >= 0 && warmup <= 60)) throw new Error(`--warmup wants a number of seconds [0, 60], got "${values.warmup}"`);
  const servers = values.servers.split(',').map((s) => s.trim()) as ServerKey[];
  for (const s of servers) if (!(s in SERVERS)) throw new Error(`--servers knows ${Object.keys(SERVERS).join(', ')}; got "${s}"`);
  const repeat = Number(values.repeat);
  if (!Number.isInteger(repeat) || repeat < 1 || repeat > 20) throw new Error(`--repeat wants a whole number 1..20, got "${values.repeat}"`);
  const actions = values.actions.split(',').map((s) => s.trim()) as LoadAction[];
  for (const a of actions) if (!(a in ACTIONS)) throw new Error(`--actions knows ${Object.keys(ACTIONS).join(', ')}; got "${a}"`);
  const after = Number(values.after);
  if (!(after >= 0 && after <= 120)) throw new Error(`--after wants a number of seconds [0, 120], got "${values.after}"`);
  return { chargers, seconds, warmup, servers, repeat, actions, after, reads: values.reads };
}

const log = (msg: string): void => void process.stderr.write(`${msg}\n`);
const mb = (bytes: number): number => bytes / (1024 * 1024);

/** RSS of a process from /proc (Linux), in bytes; null elsewhere. */
function rssOf(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};

/** A GET through the bench's HTTP API, timed from request to the last byte. */
type TimedGet = (path: string) => Promise<{ ms: number; bytes: number }>;

function apiClient(apiPort: number, token: string): TimedGet {
  return async (path) => {
    const t0 = performance.now();
    const res = await fetch(`http://127.0.0.1:${apiPort}${path}`, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status} ${await res.text()}`);
    // Counted as it streams in, as a download to disk would take it (not held: a 200 MB export held in
    // this process delayed the reads timed after it by this process's own garbage collection).
    let bytes = 0;
    for await (const chunk of res.body ?? []) bytes += (chunk as Uint8Array).byteLength;
    return { ms: performance.now() - t0, bytes };
  };
}

/**
 * --reads: while the window lasts, over and over, the reads a person makes in the UI: a 10,000-row page
 * of the message log, a full JSON export, the settings. Each is timed from request to the last byte. The
 * client has made one request before the load began (see runOne): the first `fetch` of a process loads
 * its HTTP client and opens the connection, which took up to a hundred times a settings read's time here.
 */
async function readsDuring(get: TimedGet, until: () => boolean): Promise<ReadTimes> {
  const times: ReadTimes = { messages10k: [], exportJson: [], settings: [], exportBytes: 0 };
  while (!until()) {
    times.settings.push((await get('/api/settings')).ms);
    times.messages10k.push((await get('/api/messages?limit=10000')).ms);
    times.settings.push((await get('/api/settings')).ms);
    if (until()) break;
    const ex = await get('/api/messages/export?format=json');
    times.exportJson.push(ex.ms);
    times.exportBytes = Math.max(times.exportBytes, ex.bytes);
  }
  return times;
}

interface RunOptions {
  seconds: number;
  warmup: number;
  after: number;
  reads: boolean;
}

async function runOne(server: ServerKey, chargers: number, action: LoadAction, o: RunOptions): Promise<RunResult> {
  const { seconds, warmup } = o;
  const dataDir = server === 'chargebench' ? await mkdtemp(join(tmpdir(), 'chargebench-bench-')) : null;
  if (dataDir) tempDirs.add(dataDir);
  let srv: Child<ServerToParent, ParentToServer> | null = null;
  let load: Child<LoadToParent, ParentToLoad> | null = null;
  let sampler: NodeJS.Timeout | undefined;
  try {
    const reads = o.reads && server === 'chargebench';
    srv =
      server === 'chargebench'
        ? await Child.forkBundled<ServerToParent, ParentToServer>(`${SERVERS[server].label} server`, SERVERS[server].file, dataDir ? [dataDir, ...(reads ? ['--api'] : [])] : [], NODE_HEAP_ARGS)
        : Child.fork<ServerToParent, ParentToServer>(`${SERVERS[server].label} server`, SERVERS[server].file);
    const ready = await srv.next('ready', 30_000);
    const api = reads && ready.apiPort ? apiClient(ready.apiPort, ready.apiToken ?? '') : null;
    // The client's first request, untimed, before any load (see readsDuring).
    if (api) log(`bench:cs:   the API client's first request (not counted, no load yet): ${(await api('/api/settings')).ms.toFixed(1)} ms`);
    const idle = await srv.ask({ type: 'stats' }, 'stats', 10_000);
    const srvPid = srv.pid;
    let maxRss = idle.rss;
    sampler = setInterval(() => (maxRss = Math.max(maxRss, rssOf(srvPid) ?? 0)), 250);
    load = Child.fork<LoadToParent, ParentToLoad>('load generator', LOAD_FILE);
    load.send({ type: 'start', port: ready.port, chargers, warmupMs: warmup * 1000, measureMs: seconds * 1000, connectConcurrency: 50, action });
    const connected = await load.next('connected', 120_000);
    await load.next('windowStart', warmup * 1000 + 30_000);
    const s0 = await srv.ask({ type: 'stats' }, 'stats', 10_000);
    let windowOver = false;
    const readTimes = api ? readsDuring(api, () => windowOver) : null;
    const w = await load.next('windowEnd', seconds * 1000 + 30_000);
    windowOver = true;
    const s1 = await srv.ask({ type: 'stats' }, 'stats', 10_000);
    const readResult = readTimes ? await readTimes : undefined;
    const totals = await load.ask({ type: 'stop' }, 'stopped', 15_000);
    await load.waitExit(5_000);
    clearInterval(sampler);
    // --after: how the server's memory comes down once the load has stopped.
    let afterRss: number | null = null;
    let under200: number | null = null;
    if (o.after > 0) {
      const t0 = performance.now();
      while (performance.now() - t0 < o.after * 1000) {
        await sleep(250);
        afterRss = rssOf(srvPid);
        if (under200 === null && afterRss !== null && afterRss < 200 * 1024 * 1024) under200 = (performance.now() - t0) / 1000;
      }
    }
    const stopped = await srv.ask({ type: 'stop' }, 'stopped', 120_000);
    await srv.waitExit(5_000);
    const p = stopped.persisted;
    return {
      chargers,
      server,
      action,
      callsPerSec: w.calls / (w.windowMs / 1000),
      p50Ms: w.p50Ms,
      p99Ms: w.p99Ms,
      maxMs: w.maxMs,
      serverRssMb: mb(s1.rss),
      serverIdleRssMb: mb(idle.rss),
      serverMaxRssMb: mb(maxRss),
      serverAfterRssMb: afterRss === null ? null : mb(afterRss),
      secondsUnder200Mb: under200,
      calls: w.calls,
      windowSec: w.windowMs / 1000,
      connectMs: connected.ms,
      serverCpuPct: ((s1.cpuUs - s0.cpuUs) / (s1.atUs - s0.atUs)) * 100,
      loadCpuPct: w.loadCpuPct,
      totals,
      persisted: p,
      ...(totals.meterExchanges ? { meterWireBytesPerExchange: totals.meterWireBytes / totals.meterExchanges } : {}),
      ...(p && totals.meterExchanges && action === 'MeterValues' ? { storedBytesPerExchange: p.dbBytes / totals.meterExchanges } : {}),
      ...(readResult ? { reads: readResult } : {}),
    };
  } finally {
    clearInterval(sampler);
    load?.kill();
    srv?.kill();
    await load?.waitExit(2_000);
    await srv?.waitExit(2_000);
    if (dataDir) {
      await rm(dataDir, { recursive: true, force: true });
      tempDirs.delete(dataDir);
    }
  }
}

const fmt = (n: number, digits: number): string => (Number.isFinite(n) ? n.toFixed(digits) : '–');

const fmtOpt = (n: number | null | undefined, digits: number): string => (n === null || n === undefined ? '–' : fmt(n, digits));

/** ChargeBench against ocpp-rpc for one action and size: the ratio of the median runs, and run by run. */
interface Ratio {
  chargers: number;
  action: LoadAction;
  ratio: number;
  /** Each repetition's ChargeBench calls/s over ocpp-rpc's in the same repetition (the servers alternate). */
  pairs: number[];
}

function table(results: Array<RunResult | FailedRun>, ratios: Ratio[]): string {
  const lines = [
    '| action | chargers | server | calls/s (median; min–max) | p50 ms | p99 ms | RSS MB at end / max / after | wire B / stored B per MeterValues |',
    '|---|---:|---|---:|---:|---:|---:|---:|',
  ];
  const keys = [...new Set(results.map((r) => `${r.action}\u0000${r.chargers}`))];
  for (const key of keys) {
    const [action, ns] = key.split('\u0000') as [LoadAction, string];
    const n = Number(ns);
    for (const r of results.filter((x) => x.chargers === n && x.action === action)) {
      if ('error' in r) {
        lines.push(`| ${action} | ${n} | ${SERVERS[r.server].label} | failed: ${r.error.split('\n')[0].replace(/\|/g, '/')} | | | | |`);
        continue;
      }
      const all = r.allCallsPerSec ?? [r.callsPerSec];
      const range = all.length > 1 ? `; ${fmt(Math.min(...all), 0)}–${fmt(Math.max(...all), 0)}` : '';
      const rss = `${fmt(r.serverRssMb, 0)} / ${fmt(r.serverMaxRssMb, 0)} / ${fmtOpt(r.serverAfterRssMb, 0)}`;
      const bytes = r.meterWireBytesPerExchange ? `${fmt(r.meterWireBytesPerExchange, 0)} / ${fmtOpt(r.storedBytesPerExchange, 0)}` : '';
      lines.push(`| ${action} | ${n} | ${SERVERS[r.server].label} | ${fmt(r.callsPerSec, 0)}${range} | ${fmt(r.p50Ms, 2)} | ${fmt(r.p99Ms, 2)} | ${rss} | ${bytes} |`);
    }
    const ratio = ratios.find((x) => x.chargers === n && x.action === action);
    if (ratio) lines.push(`| ${action} | ${n} | *ChargeBench / ocpp-rpc calls/s* | *${fmt(ratio.ratio, 2)}×*${ratio.pairs.length > 1 ? `; ${describePairs(ratio.pairs)}` : ''} | | | | |`);
  }
  return lines.join('\n');
}

function readsTable(results: Array<RunResult | FailedRun>): string | null {
  const withReads = results.filter((r): r is RunResult & { reads: ReadTimes } => !('error' in r) && r.reads !== undefined);
  if (!withReads.length) return null;
  const lines = [
    '| action | chargers | chargers p50 / p99 ms during the reads | 10,000-row page ms (median / max) | JSON export ms (median / max; MB) | GET /api/settings ms (median / max) |',
    '|---|---:|---:|---:|---:|---:|',
  ];
  for (const r of withReads) {
    const t = r.reads;
    const mm = (xs: number[]): string => (xs.length ? `${fmt(median(xs), 1)} / ${fmt(Math.max(...xs), 1)}` : '–');
    lines.push(`| ${r.action} | ${r.chargers} | ${fmt(r.p50Ms, 2)} / ${fmt(r.p99Ms, 2)} | ${mm(t.messages10k)} | ${mm(t.exportJson)}; ${fmt(mb(t.exportBytes), 0)} | ${mm(t.settings)} |`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  let opts: ReturnType<typeof parseOptions>;
  try {
    opts = parseOptions();
  } catch (e) {
    log(`bench:cs: ${(e as Error).message}`);
    process.exit(64);
  }
  const runs = opts.chargers.length * opts.servers.length * opts.repeat * opts.actions.length;
  // Overall guard: generous per-run allowance (connect, warm-up, window, after, shutdown) plus slack.
  const budgetMs = runs * (opts.warmup + opts.seconds + opts.after + 120) * 1000 + 30_000;
  const guard = setTimeout(() => {
    log(`bench:cs: overall timeout after ${Math.round(budgetMs / 1000)} s; killing children`);
    killAllChildren();
    process.exit(2);
  }, budgetMs);

  log(
    `bench:cs: actions ${opts.actions.join(',')}, chargers ${opts.chargers.join(',')}, servers ${opts.servers.join(',')}, warm-up ${opts.warmup} s, window ${opts.seconds} s, ` +
      `${opts.repeat} repetitions${opts.after ? `, RSS watched ${opts.after} s after` : ''}${opts.reads ? ', reads during the window' : ''}, ${cpus().length} cores`,
  );
  const results: Array<RunResult | FailedRun> = [];
  const ratios: Ratio[] = [];
  for (const action of opts.actions)
    for (const n of opts.chargers) {
      const runsOf = new Map<ServerKey, RunResult[]>(opts.servers.map((s) => [s, []]));
      const failed = new Set<ServerKey>();
      for (let rep = 1; rep <= opts.repeat; rep++)
        for (const server of opts.servers) {
          if (failed.has(server)) continue;
          log(`bench:cs: ${ACTIONS[action]}, ${n} chargers → ${SERVERS[server].label} (run ${rep}/${opts.repeat}) …`);
          let r: RunResult;
          try {
            r = await runOne(server, n, action, opts);
          } catch (e) {
            const err = e as Error;
            log(`bench:cs:   FAILED: ${err.stack ?? err.message}`);
            results.push({ chargers: n, server, action, error: err.message });
            failed.add(server);
            continue;
          }
          runsOf.get(server)!.push(r);
          const t = r.totals;
          log(
            `bench:cs:   ${fmt(r.callsPerSec, 0)} calls/s, p50 ${fmt(r.p50Ms, 2)} ms, p99 ${fmt(r.p99Ms, 2)} ms, max ${fmt(r.maxMs, 1)} ms, ` +
              `RSS ${fmt(r.serverRssMb, 1)} MB (idle ${fmt(r.serverIdleRssMb, 1)}, max ${fmt(r.serverMaxRssMb, 1)}` +
              `${r.serverAfterRssMb !== null ? `, ${opts.after} s after ${fmt(r.serverAfterRssMb, 1)}, under 200 MB after ${fmtOpt(r.secondsUnder200Mb, 1)} s` : ''}), ` +
              `CPU server ${fmt(r.serverCpuPct, 0)}% / load ${fmt(r.loadCpuPct, 0)}%, connect ${fmt(r.connectMs, 0)} ms`,
          );
          if (t.callErrors || t.drops || t.unexpected)
            log(`bench:cs:   WARNING ${t.callErrors} CALLERRORs, ${t.drops} dropped connections, ${t.unexpected} unexpected frames; first: ${t.firstCallError ?? t.firstDrop ?? ''}`);
          if (r.persisted) {
            const p = r.persisted;
            console.log(
              `ChargeBench persisted ${p.frames} frames (${n} chargers, ${action}; ${Object.entries(p.byKind)
                .map(([k, v]) => `${k} ${v}`)
                .join(', ')}; ${p.flagged} flagged; ${p.meterValues} meter values; record ${fmt(mb(p.dbBytes), 1)} MB` +
                `${r.storedBytesPerExchange ? `, ${fmt(r.storedBytesPerExchange, 0)} B per MeterValues exchange (${fmt(r.meterWireBytesPerExchange ?? NaN, 0)} B on the wire)` : ''}) — ` +
                `load generator got ${t.answered} CALLRESULTs, i.e. ≥ ${2 * t.answered} frames expected`,
            );
          }
          if (r.reads) {
            const x = r.reads;
            log(
              `bench:cs:   reads: ${x.messages10k.length} × 10k page (max ${fmt(Math.max(...x.messages10k), 0)} ms), ${x.exportJson.length} × export (max ${fmt(Math.max(...x.exportJson), 0)} ms), ` +
                `${x.settings.length} × settings (max ${fmt(Math.max(...x.settings), 1)} ms)`,
            );
          }
        }
      for (const server of opts.servers) {
        const all = runsOf.get(server)!;
        if (!all.length || failed.has(server)) continue;
        const sorted = [...all].sort((a, b) => a.callsPerSec - b.callsPerSec);
        results.push({ ...sorted[Math.floor((sorted.length - 1) / 2)], allCallsPerSec: all.map((r) => r.callsPerSec) });
      }
      const ok = results.filter((r): r is RunResult => !('error' in r));
      const cb = ok.find((r) => r.chargers === n && r.action === action && r.server === 'chargebench');
      const rpc = ok.find((r) => r.chargers === n && r.action === action && r.server === 'ocpp-rpc');
      if (cb && rpc) ratios.push({ chargers: n, action, ratio: cb.callsPerSec / rpc.callsPerSec, pairs: pairedRatios(cb.allCallsPerSec ?? [], rpc.allCallsPerSec ?? []) });
    }
  clearTimeout(guard);

  console.log('');
  console.log(table(results, ratios));
  const rt = readsTable(results);
  if (rt) console.log(`\n${rt}`);
  const out = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? null,
    totalMemMb: Math.round(mb(totalmem())),
    // ChargeBench's record lives under the OS temp dir (TMPDIR): its disk matters for the result.
    options: {
      actions: opts.actions,
      chargers: opts.chargers,
      servers: opts.servers,
      warmupSec: opts.warmup,
      windowSec: opts.seconds,
      afterSec: opts.after,
      reads: opts.reads,
      chargebenchDataRoot: tmpdir(),
    },
    results,
    ratios,
  };
  await mkdir(dirname(RESULTS_FILE), { recursive: true });
  await writeFile(RESULTS_FILE, `${JSON.stringify(out, null, 2)}\n`);
  log(`bench:cs: wrote ${RESULTS_FILE}`);
  if (results.some((r) => 'error' in r)) throw new Error('some runs failed (see the table)');
}

runMain(
  async () => {
    await main();
    return 0;
  },
  tempDirs,
  (line) => log(`bench:cs: ${line}`),
);
