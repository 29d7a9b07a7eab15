// `npm run bench:fleet`: how many virtual charge points ChargeBench holds. ChargeBench's central system
// (temporary data dir, heartbeat 30 s, idTags accepted) runs in one child process, a fleet of
// VirtualChargePoint instances in another; the fleet is ramped to each step (default 1,000 then 10,000
// connected chargers), left to settle, then held for a window in which we measure frames/s, call
// latency, failed calls, dropped connections and both processes' RSS. Prints the figures, writes JSON
// to bench/results/fleet-latest.json, and checks (without asserting) the target: 10,000 chargers held
// with no dropped connection and the bench under 1 GiB of RSS.
import { readFileSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { NODE_HEAP_ARGS } from '../src/main/memory';
import {
  Child,
  killAllChildren,
  runMain,
  type BenchStats,
  type BenchToParent,
  type FleetToParent,
  type HoldResult,
  type ParentToBench,
  type ParentToFleet,
  type PersistedCounts,
  type RampResult,
} from './fleet/ipc';

const here = dirname(fileURLToPath(import.meta.url));
const BENCH_FILE = join(here, 'fleet', 'server-bench.ts');
const FLEET_FILE = join(here, 'fleet', 'vcp-fleet.ts');
const RESULTS_FILE = join(here, 'results', 'fleet-latest.json');
const TARGET = { chargers: 10_000, benchRssMb: 1024 };
const tempDirs = new Set<string>();

const log = (msg: string): void => void process.stderr.write(`bench:fleet: ${msg}\n`);
const mb = (bytes: number): number => bytes / (1024 * 1024);
const fmt = (n: number | null | undefined, digits: number): string => (n != null && Number.isFinite(n) ? n.toFixed(digits) : '–');
const int = (n: number): string => n.toLocaleString('en-US');

/** Waits `ms`, but fails at once if one of the children exits meanwhile. */
async function watch(ms: number, children: Array<Child<{ type: string }, { type: string }>>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const died = children.map((c) => c.whenExited().then((how) => Promise.reject(new Error(`${c.name} exited (${how}) during the run`))));
  try {
    await Promise.race([new Promise<void>((r) => (timer = setTimeout(r, ms))), ...died]);
  } finally {
    clearTimeout(timer);
    for (const d of died) d.catch(() => {});
  }
}

function parseOptions() {
  const { values } = parseArgs({
    options: {
      steps: { type: 'string', default: '1000,10000' },
      hold: { type: 'string', default: '60' },
      settle: { type: 'string', default: '30' },
      charging: { type: 'string', default: '0.2' },
      'connect-rate': { type: 'string', default: '500' },
      heartbeat: { type: 'string', default: '30' },
      'sample-interval': { type: 'string', default: '10' },
      'no-rephase': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const steps = values.steps.split(',').map((s) => Number(s.trim()));
  if (!steps.length || steps.some((n, i) => !Number.isInteger(n) || n < 1 || n > 15_000 || (i > 0 && n <= steps[i - 1]))) {
    throw new Error(`--steps wants increasing integers 1..15000, comma-separated; got "${values.steps}"`);
  }
  const num = (name: string, raw: string, lo: number, hi: number): number => {
    const n = Number(raw);
    if (!(n >= lo && n <= hi)) throw new Error(`--${name} wants a number in [${lo}, ${hi}], got "${raw}"`);
    return n;
  };
  return {
    steps,
    hold: num('hold', values.hold, 1, 3600),
    settle: num('settle', values.settle, 0, 600),
    charging: num('charging', values.charging, 0, 1),
    connectRate: num('connect-rate', values['connect-rate'], 1, 10_000),
    heartbeat: Math.round(num('heartbeat', values.heartbeat, 1, 3600)),
    sampleInterval: Math.round(num('sample-interval', values['sample-interval'], 1, 3600)),
    rephase: !values['no-rephase'],
  };
}
type Options = ReturnType<typeof parseOptions>;

// ---- /proc sampling (RSS and CPU of both children, independent of their event loops) -------------

const CLK_TCK = 100;

function readProc(pid: number | undefined): { rss: number; cpuSec: number } | null {
  if (!pid) return null;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1]);
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After "pid (comm) ": state is field 3, utime 14 and stime 15 (1-based) -> indexes 11 and 12.
    const cpuSec = (Number(f[11]) + Number(f[12])) / CLK_TCK;
    return Number.isFinite(rssKb) ? { rss: rssKb * 1024, cpuSec } : null;
  } catch {
    return null;
  }
}

class Sampler {
  private timer: NodeJS.Timeout;
  private maxRss = [0, 0];
  private cpu0: Array<number | null> = [null, null];
  private t0 = performance.now();

  constructor(private readonly pids: [number | undefined, number | undefined]) {
    this.timer = setInterval(() => this.sample(), 1000);
    this.timer.unref();
    this.reset();
  }

  private sample(): Array<{ rss: number; cpuSec: number } | null> {
    const now = this.pids.map(readProc);
    now.forEach((s, i) => {
      if (s) this.maxRss[i] = Math.max(this.maxRss[i], s.rss);
    });
    return now;
  }

  /** Starts a new window: max RSS and CPU are counted from here. */
  reset(): void {
    this.maxRss = [0, 0];
    this.t0 = performance.now();
    this.cpu0 = this.sample().map((s) => s?.cpuSec ?? null);
  }

  /** Max RSS (bytes) and CPU (% of one core) of [bench, fleet] since reset; null where /proc is unavailable. */
  snapshot(): { rss: Array<number | null>; cpuPct: Array<number | null> } {
    const now = this.sample();
    const sec = (performance.now() - this.t0) / 1000;
    return {
      rss: this.maxRss.map((r) => (r > 0 ? r : null)),
      cpuPct: now.map((s, i) => (s && this.cpu0[i] !== null ? ((s.cpuSec - this.cpu0[i]!) / sec) * 100 : null)),
    };
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

// ---- the run -------------------------------------------------------------------------------------

interface StepResult {
  chargers: number;
  chargingTarget: number;
  ramp: RampResult;
  settleSec: number;
  hold: HoldResult;
  framesPerSec: number;
  expectedFramesPerSec: number;
  bench: BenchStats;
  benchRssMaxMb: number;
  fleetRssMaxMb: number | null;
  benchCpuPct: number | null;
  fleetCpuPct: number | null;
  /** Max RSS while ramping and settling. */
  rampBenchRssMaxMb: number | null;
  rampFleetRssMaxMb: number | null;
}

function printStep(i: number, r: StepResult, opts: Options): void {
  const h = r.hold;
  const ramp = r.ramp;
  const calls = Object.entries(h.callsByAction)
    .sort((a, b) => b[1] - a[1])
    .map(([a, n]) => `${a} ${int(n)}`)
    .join(', ');
  const fails = Object.entries(h.failedByOutcome)
    .map(([o, n]) => `${o} ${n}`)
    .join(', ');
  console.log('');
  console.log(`Step ${i + 1}: ${int(r.chargers)} chargers, ${int(h.inTransaction)} in a transaction (target ${int(r.chargingTarget)}); settle ${r.settleSec} s, hold ${fmt(h.windowMs / 1000, 1)} s`);
  console.log(
    `  connect + boot Accepted  ${ramp.complete ? '' : 'INCOMPLETE: '}${ramp.accepted}/${ramp.target} Accepted in ${fmt(ramp.ms / 1000, 2)} s (new chargers at ${opts.connectRate}/s; per charger start→Accepted p50 ${fmt(ramp.startToAcceptedP50Ms, 1)} ms, p99 ${fmt(ramp.startToAcceptedP99Ms, 1)} ms, max ${fmt(ramp.startToAcceptedMaxMs, 1)} ms)`,
  );
  console.log(`  held at end of window    fleet ${int(h.connected)} connected / ${int(h.accepted)} Accepted; bench holds ${int(r.bench.connected)} sessions`);
  console.log(
    `  frames/s (both ways)     ${fmt(r.framesPerSec, 1)} (in ${fmt(h.framesIn / (h.windowMs / 1000), 1)}, out ${fmt(h.framesOut / (h.windowMs / 1000), 1)}; steady state expects ${fmt(r.expectedFramesPerSec, 1)})`,
  );
  console.log(`  calls in window          ${int(h.calls)} (${calls || 'none'})`);
  console.log(`  answer latency           p50 ${fmt(h.p50Ms, 2)} ms, p99 ${fmt(h.p99Ms, 2)} ms, max ${fmt(h.maxMs, 1)} ms`);
  console.log(
    `  failed calls             ${h.failed} (timeouts ${h.timeouts}${fails ? `; ${fails}` : ''}); before the window: ${ramp.failedCallsDuringRamp} while ramping, ${h.failedBeforeHold} while settling`,
  );
  console.log(`  dropped connections      ${h.dropped}${h.firstDrop ? ` (first: ${h.firstDrop})` : ''}; before the window: ${ramp.dropsDuringRamp} while ramping, ${h.dropsBeforeHold} while settling`);
  console.log(
    `  RSS, max over window     bench ${fmt(r.benchRssMaxMb, 1)} MB, fleet ${fmt(r.fleetRssMaxMb, 1)} MB (while ramping/settling: bench ${fmt(r.rampBenchRssMaxMb, 1)} MB, fleet ${fmt(r.rampFleetRssMaxMb, 1)} MB)`,
  );
  console.log(
    `  CPU over window          bench ${fmt(r.benchCpuPct, 1)}%, fleet ${fmt(r.fleetCpuPct, 1)}% of one core; event-loop delay p99 bench ${fmt(r.bench.loop.p99Ms, 1)} ms (max ${fmt(r.bench.loop.maxMs, 1)}), fleet ${fmt(h.loop.p99Ms, 1)} ms (max ${fmt(h.loop.maxMs, 1)})`,
  );
}

function table(steps: StepResult[]): string {
  const lines = [
    '| chargers | in tx | connect + boot s | frames/s | p50 ms | p99 ms | failed calls (timeouts) | dropped | bench RSS MB | fleet RSS MB |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of steps) {
    lines.push(
      `| ${int(r.chargers)} | ${int(r.hold.inTransaction)} | ${fmt(r.ramp.ms / 1000, 2)}${r.ramp.complete ? '' : ' (incomplete)'} | ${fmt(r.framesPerSec, 1)} | ${fmt(r.hold.p50Ms, 2)} | ${fmt(r.hold.p99Ms, 2)} | ${r.hold.failed} (${r.hold.timeouts}) | ${r.hold.dropped} | ${fmt(r.benchRssMaxMb, 1)} | ${fmt(r.fleetRssMaxMb, 1)} |`,
    );
  }
  return lines.join('\n');
}

function targetVerdict(steps: StepResult[]): { met: boolean | null; text: string } {
  const r = steps.find((s) => s.chargers >= TARGET.chargers);
  if (!r) return { met: null, text: `Target (${int(TARGET.chargers)} chargers held, none dropped, bench RSS < 1 GiB): not checked, no step reached ${int(TARGET.chargers)} chargers` };
  const held = r.ramp.complete && r.hold.accepted >= r.chargers && r.bench.connected >= r.chargers;
  const noDrops = r.ramp.dropsDuringRamp + r.hold.dropsBeforeHold + r.hold.dropped === 0;
  const rssOk = r.benchRssMaxMb < TARGET.benchRssMb;
  const met = held && noDrops && rssOk;
  const parts = [
    `${held ? 'held' : 'NOT held'}: ${int(r.bench.connected)} sessions on the bench, ${int(r.hold.accepted)} Accepted in the fleet`,
    `${noDrops ? 'no' : r.ramp.dropsDuringRamp + r.hold.dropsBeforeHold + r.hold.dropped} dropped connection${noDrops ? 's' : 's (ramp + settle + window)'}`,
    `bench RSS ${fmt(r.benchRssMaxMb, 1)} MB ${rssOk ? '<' : '>='} 1024 MB`,
  ];
  return { met, text: `Target ${int(r.chargers)} chargers, no drops, bench RSS < 1 GiB: ${met ? 'MET' : 'NOT MET'} (${parts.join('; ')})` };
}

async function run(opts: Options, steps: StepResult[]): Promise<{ persisted: PersistedCounts | null; stopMs: number | null }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'chargebench-fleet-'));
  tempDirs.add(dataDir);
  let bench: Child<BenchToParent, ParentToBench> | null = null;
  let fleet: Child<FleetToParent, ParentToFleet> | null = null;
  let sampler: Sampler | null = null;
  try {
    bench = await Child.forkBundled<BenchToParent, ParentToBench>('bench (central system)', BENCH_FILE, [dataDir, String(opts.heartbeat)], NODE_HEAP_ARGS);
    const ready = await bench.next('ready', 60_000);
    log(`bench listening on 127.0.0.1:${ready.port} (pid ${bench.pid}), heartbeat ${ready.heartbeatInterval} s, authorization ${ready.authorization}, record in ${dataDir}`);
    const fleetArgs = process.env.BENCH_FLEET_NODE_ARGS ? process.env.BENCH_FLEET_NODE_ARGS.split(' ') : [];
    fleet = Child.fork<FleetToParent, ParentToFleet>('fleet (virtual charge points)', FLEET_FILE, [], fleetArgs);
    await fleet.ask({ type: 'init', port: ready.port, charging: opts.charging, connectRate: opts.connectRate, sampleInterval: opts.sampleInterval, rephase: opts.rephase }, 'ready', 60_000);
    sampler = new Sampler([bench.pid, fleet.pid]);

    let before = 0;
    for (const [i, n] of opts.steps.entries()) {
      const rampTimeoutMs = ((n - before) / opts.connectRate) * 1000 + 120_000;
      log(`step ${i + 1}: ramping ${int(before)} → ${int(n)} chargers at ${opts.connectRate}/s …`);
      sampler.reset();
      const ramp = await fleet.ask({ type: 'ramp', target: n, timeoutMs: rampTimeoutMs }, 'ramped', rampTimeoutMs + 30_000);
      log(`step ${i + 1}: ${ramp.accepted}/${n} Accepted in ${fmt(ramp.ms / 1000, 2)} s${ramp.complete ? '' : ' (ramp timed out)'}; settling ${opts.settle} s …`);
      await watch(opts.settle * 1000, [bench, fleet]);
      const rampSnap = sampler.snapshot();
      await bench.ask({ type: 'holdStart' }, 'holdStarted', 30_000);
      await fleet.ask({ type: 'holdStart' }, 'holdStarted', 30_000);
      sampler.reset();
      log(`step ${i + 1}: holding ${opts.hold} s …`);
      await watch(opts.hold * 1000, [bench, fleet]);
      const hold = await fleet.ask({ type: 'holdEnd' }, 'held', 30_000);
      const snap = sampler.snapshot();
      const stats = await bench.ask({ type: 'stats' }, 'stats', 30_000);
      const sec = hold.windowMs / 1000;
      const r: StepResult = {
        chargers: n,
        chargingTarget: Math.floor(n * opts.charging),
        ramp,
        settleSec: opts.settle,
        hold,
        framesPerSec: (hold.framesIn + hold.framesOut) / sec,
        // Each call is two frames: heartbeats from every Accepted charger, meter values from those in a transaction.
        expectedFramesPerSec: 2 * (hold.accepted / opts.heartbeat + hold.inTransaction / opts.sampleInterval),
        bench: stats,
        benchRssMaxMb: mb(snap.rss[0] ?? stats.rss),
        fleetRssMaxMb: snap.rss[1] !== null ? mb(snap.rss[1]) : null,
        benchCpuPct: snap.cpuPct[0],
        fleetCpuPct: snap.cpuPct[1] ?? hold.cpuPct,
        rampBenchRssMaxMb: rampSnap.rss[0] !== null ? mb(rampSnap.rss[0]) : null,
        rampFleetRssMaxMb: rampSnap.rss[1] !== null ? mb(rampSnap.rss[1]) : null,
      };
      steps.push(r);
      printStep(i, r, opts);
      before = n;
    }

    log('stopping the fleet, then the bench …');
    await fleet.ask({ type: 'stop' }, 'stopped', 60_000);
    await fleet.waitExit(5_000);
    const stopped = await bench.ask({ type: 'stop' }, 'stopped', 180_000);
    await bench.waitExit(5_000);
    return { persisted: stopped.persisted, stopMs: stopped.stopMs };
  } finally {
    sampler?.stop();
    fleet?.kill();
    bench?.kill();
    await fleet?.waitExit(2_000);
    await bench?.waitExit(2_000);
    await rm(dataDir, { recursive: true, force: true });
    tempDirs.delete(dataDir);
  }
}

async function main(): Promise<number> {
  let opts: Options;
  try {
    opts = parseOptions();
  } catch (e) {
    log((e as Error).message);
    return 64;
  }
  let prev = 0;
  const budgetMs = opts.steps.reduce((sum, n) => {
    const t = ((n - prev) / opts.connectRate + opts.settle + opts.hold + 240) * 1000;
    prev = n;
    return sum + t;
  }, 300_000);
  const guard = setTimeout(() => {
    log(`overall timeout after ${Math.round(budgetMs / 1000)} s; killing children`);
    killAllChildren();
    for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
    process.exit(2);
  }, budgetMs);

  log(
    `steps ${opts.steps.join(',')}, connect rate ${opts.connectRate}/s, settle ${opts.settle} s, hold ${opts.hold} s, charging ${opts.charging}, ` +
      `heartbeat ${opts.heartbeat} s, meter values every ${opts.sampleInterval} s, heartbeats ${opts.rephase ? 're-phased at random' : 'as connected'}, ${cpus().length} cores`,
  );
  const steps: StepResult[] = [];
  let error: Error | null = null;
  let persisted: PersistedCounts | null = null;
  let stopMs: number | null = null;
  try {
    ({ persisted, stopMs } = await run(opts, steps));
  } catch (e) {
    error = e as Error;
    log(`FAILED: ${error.stack ?? error.message}`);
  }
  clearTimeout(guard);

  const verdict = targetVerdict(steps);
  console.log('');
  if (steps.length) console.log(table(steps));
  console.log('');
  console.log(verdict.text);
  if (persisted)
    console.log(
      `The bench recorded ${int(persisted.frames)} frames (${persisted.flagged} flagged), ${int(persisted.meterValues)} meter values, ${int(persisted.transactions)} transactions; stop took ${fmt(stopMs, 0)} ms.`,
    );

  const out = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? null,
    totalMemMb: Math.round(mb(totalmem())),
    options: { ...opts, dataRoot: tmpdir() },
    target: { ...TARGET, met: verdict.met, verdict: verdict.text },
    steps,
    persisted,
    benchStopMs: stopMs,
    error: error ? error.message : null,
  };
  await mkdir(dirname(RESULTS_FILE), { recursive: true });
  await writeFile(RESULTS_FILE, `${JSON.stringify(out, null, 2)}\n`);
  log(`wrote ${RESULTS_FILE}`);
  return error ? 1 : 0;
}

runMain(main, tempDirs, log);
