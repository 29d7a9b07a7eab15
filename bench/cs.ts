// `npm run bench:cs`: load test of the central system, ChargeBench vs an ocpp-rpc strict-mode server, each
// in its own child process with a separate load-generator child; prints a markdown table, writes JSON.
// Each configuration runs --repeat times (servers alternating) and the median run is reported, as runs
// on a small shared machine vary.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Child, killAllChildren, runMain, type LoadToParent, type ParentToLoad, type ParentToServer, type PersistedFrames, type ServerToParent, type LoadTotals } from './cs/ipc';

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

interface RunResult {
  chargers: number;
  server: ServerKey;
  callsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  serverRssMb: number;
  /** Server RSS once listening, before any charger connected. */
  serverIdleRssMb: number;
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
  return { chargers, seconds, warmup, servers, repeat };
}

const log = (msg: string): void => void process.stderr.write(`${msg}\n`);
const mb = (bytes: number): number => bytes / (1024 * 1024);

async function runOne(server: ServerKey, chargers: number, seconds: number, warmup: number): Promise<RunResult> {
  const dataDir = server === 'chargebench' ? await mkdtemp(join(tmpdir(), 'chargebench-bench-')) : null;
  if (dataDir) tempDirs.add(dataDir);
  let srv: Child<ServerToParent, ParentToServer> | null = null;
  let load: Child<LoadToParent, ParentToLoad> | null = null;
  try {
    srv = Child.fork<ServerToParent, ParentToServer>(`${SERVERS[server].label} server`, SERVERS[server].file, dataDir ? [dataDir] : []);
    const { port } = await srv.next('ready', 30_000);
    const idle = await srv.ask({ type: 'stats' }, 'stats', 10_000);
    load = Child.fork<LoadToParent, ParentToLoad>('load generator', LOAD_FILE);
    load.send({ type: 'start', port, chargers, warmupMs: warmup * 1000, measureMs: seconds * 1000, connectConcurrency: 50 });
    const connected = await load.next('connected', 120_000);
    await load.next('windowStart', warmup * 1000 + 30_000);
    const s0 = await srv.ask({ type: 'stats' }, 'stats', 10_000);
    const w = await load.next('windowEnd', seconds * 1000 + 30_000);
    const s1 = await srv.ask({ type: 'stats' }, 'stats', 10_000);
    const totals = await load.ask({ type: 'stop' }, 'stopped', 15_000);
    await load.waitExit(5_000);
    const stopped = await srv.ask({ type: 'stop' }, 'stopped', 60_000);
    await srv.waitExit(5_000);
    return {
      chargers,
      server,
      callsPerSec: w.calls / (w.windowMs / 1000),
      p50Ms: w.p50Ms,
      p99Ms: w.p99Ms,
      maxMs: w.maxMs,
      serverRssMb: mb(s1.rss),
      serverIdleRssMb: mb(idle.rss),
      calls: w.calls,
      windowSec: w.windowMs / 1000,
      connectMs: connected.ms,
      serverCpuPct: ((s1.cpuUs - s0.cpuUs) / (s1.atUs - s0.atUs)) * 100,
      loadCpuPct: w.loadCpuPct,
      totals: { answered: totals.answered, callErrors: totals.callErrors, firstCallError: totals.firstCallError, unexpected: totals.unexpected, drops: totals.drops, firstDrop: totals.firstDrop },
      persisted: stopped.persisted,
    };
  } finally {
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

function table(results: Array<RunResult | FailedRun>, ratios: Array<{ chargers: number; ratio: number }>): string {
  const lines = ['| chargers | server | calls/s (median; min–max) | p50 ms | p99 ms | server RSS MB |', '|---:|---|---:|---:|---:|---:|'];
  const ns = [...new Set(results.map((r) => r.chargers))];
  for (const n of ns) {
    for (const r of results.filter((x) => x.chargers === n)) {
      if ('error' in r) {
        lines.push(`| ${n} | ${SERVERS[r.server].label} | failed: ${r.error.split('\n')[0].replace(/\|/g, '/')} | | | |`);
        continue;
      }
      const all = r.allCallsPerSec ?? [r.callsPerSec];
      const range = all.length > 1 ? `; ${fmt(Math.min(...all), 0)}–${fmt(Math.max(...all), 0)}` : '';
      lines.push(`| ${n} | ${SERVERS[r.server].label} | ${fmt(r.callsPerSec, 0)}${range} | ${fmt(r.p50Ms, 2)} | ${fmt(r.p99Ms, 2)} | ${fmt(r.serverRssMb, 1)} |`);
    }
    const ratio = ratios.find((x) => x.chargers === n);
    if (ratio) lines.push(`| ${n} | *ChargeBench / ocpp-rpc calls/s* | *${fmt(ratio.ratio, 2)}×* | | | |`);
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
  const runs = opts.chargers.length * opts.servers.length * opts.repeat;
  // Overall guard: generous per-run allowance (connect, warm-up, window, shutdown) plus slack.
  const budgetMs = runs * (opts.warmup + opts.seconds + 90) * 1000 + 30_000;
  const guard = setTimeout(() => {
    log(`bench:cs: overall timeout after ${Math.round(budgetMs / 1000)} s; killing children`);
    killAllChildren();
    process.exit(2);
  }, budgetMs);

  log(`bench:cs: chargers ${opts.chargers.join(',')}, servers ${opts.servers.join(',')}, warm-up ${opts.warmup} s, window ${opts.seconds} s, ${opts.repeat} repetitions, ${cpus().length} cores`);
  const results: Array<RunResult | FailedRun> = [];
  const ratios: Array<{ chargers: number; ratio: number }> = [];
  for (const n of opts.chargers) {
    const runsOf = new Map<ServerKey, RunResult[]>(opts.servers.map((s) => [s, []]));
    const failed = new Set<ServerKey>();
    for (let rep = 1; rep <= opts.repeat; rep++)
      for (const server of opts.servers) {
        if (failed.has(server)) continue;
        log(`bench:cs: ${n} chargers → ${SERVERS[server].label} (run ${rep}/${opts.repeat}) …`);
        let r: RunResult;
        try {
          r = await runOne(server, n, opts.seconds, opts.warmup);
        } catch (e) {
          const err = e as Error;
          log(`bench:cs:   FAILED: ${err.stack ?? err.message}`);
          results.push({ chargers: n, server, error: err.message });
          failed.add(server);
          continue;
        }
        runsOf.get(server)!.push(r);
        const t = r.totals;
        log(
          `bench:cs:   ${fmt(r.callsPerSec, 0)} calls/s, p50 ${fmt(r.p50Ms, 2)} ms, p99 ${fmt(r.p99Ms, 2)} ms, max ${fmt(r.maxMs, 1)} ms, RSS ${fmt(r.serverRssMb, 1)} MB (idle ${fmt(r.serverIdleRssMb, 1)}), ` +
            `CPU server ${fmt(r.serverCpuPct, 0)}% / load ${fmt(r.loadCpuPct, 0)}%, connect ${fmt(r.connectMs, 0)} ms`,
        );
        if (t.callErrors || t.drops || t.unexpected)
          log(`bench:cs:   WARNING ${t.callErrors} CALLERRORs, ${t.drops} dropped connections, ${t.unexpected} unexpected frames; first: ${t.firstCallError ?? t.firstDrop ?? ''}`);
        if (r.persisted) {
          const p = r.persisted;
          console.log(
            `ChargeBench persisted ${p.frames} frames (${n} chargers; ${Object.entries(p.byKind)
              .map(([k, v]) => `${k} ${v}`)
              .join(', ')}; ${p.flagged} flagged; ${p.meterValues} meter values) — ` + `load generator got ${t.answered} CALLRESULTs, i.e. ≥ ${2 * t.answered} frames expected`,
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
    const cb = ok.find((r) => r.chargers === n && r.server === 'chargebench');
    const rpc = ok.find((r) => r.chargers === n && r.server === 'ocpp-rpc');
    if (cb && rpc) ratios.push({ chargers: n, ratio: cb.callsPerSec / rpc.callsPerSec });
  }
  clearTimeout(guard);

  console.log('');
  console.log(table(results, ratios));
  const out = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? null,
    totalMemMb: Math.round(mb(totalmem())),
    // ChargeBench's record lives under the OS temp dir (TMPDIR): its disk matters for the result.
    options: { chargers: opts.chargers, servers: opts.servers, warmupSec: opts.warmup, windowSec: opts.seconds, chargebenchDataRoot: tmpdir() },
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
