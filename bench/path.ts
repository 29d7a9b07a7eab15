// `npm run bench:path`: the bench's own CPU per exchange, without sockets. The bench is started as
// `chargebench serve` starts it (Bench.start: validation, handlers, the journal, the writer thread), and N
// chargers (default 100) are connected to it through stand-in WebSockets: each sends its next call
// (Heartbeat, or a MeterValues of 4 sampled values) once its answer has been sent, and the calls of one
// turn of the event loop arrive together, as the sockets' reads would deliver them. The calls are made
// before the run, so what the protocol thread spends is the bench's work (parsing, validation, handlers,
// the record's bookkeeping, the journal's JSON and its write), and the writer thread's is SQLite's: each
// from /proc, per thread, free of the loopback and the load generator that make `bench:cs`'s rates drift.
// With one charger each exchange also carries a turn of the event loop of its own (the stand-in load's).
// Each run is a process of its own started from the bundle (bin/bundle.mjs) with serve mode's heap
// settings, as `chargebench serve` runs. Linux only. Prints each run and the median (actions
// alternating); writes bench/results/path-latest.json.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { bundled } from '../bin/bundle.mjs';
import { NODE_HEAP_ARGS } from '../src/main/memory';
import type { PathRunResult } from './path/run';

const { values } = parseArgs({
  options: {
    actions: { type: 'string', default: 'Heartbeat,MeterValues' },
    chargers: { type: 'string', default: '100' },
    exchanges: { type: 'string', default: '300000' },
    runs: { type: 'string', default: '5' },
  },
});
const actions = values.actions.split(',') as Array<'Heartbeat' | 'MeterValues'>;
const chargers = Number(values.chargers);
const exchanges = Number(values.exchanges);
const runs = Number(values.runs);
const log = (msg: string): void => void process.stderr.write(`bench:path: ${msg}\n`);
const RESULTS_FILE = join(import.meta.dirname, 'results', 'path-latest.json');

if (process.platform !== 'linux') {
  log('reads each thread CPU time from /proc: Linux only');
  process.exit(1);
}
const entry = await bundled('bench-path-run', 'bench/path/run.ts');

/** One run in a process of its own, from the bundle, with the heap settings `chargebench serve` has. */
function run(action: string): PathRunResult {
  const child = spawnSync(process.execPath, ['--enable-source-maps', ...NODE_HEAP_ARGS, entry, action, String(chargers), String(exchanges)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (child.status !== 0) throw new Error(`the ${action} run failed (${child.signal ?? `exit code ${child.status}`})`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as PathRunResult;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = new Map<string, PathRunResult[]>(actions.map((a) => [a, []]));
log(`${chargers} chargers, ${exchanges} exchanges per run, ${runs} runs per action, alternating`);
for (let r = 0; r < runs; r++) {
  for (const action of actions) {
    const res = run(action);
    results.get(action)!.push(res);
    log(`${action}: protocol thread ${res.protocolUs.toFixed(2)} µs per exchange, writer thread ${res.writerUs.toFixed(2)} µs, ${Math.round(res.callsPerS)} calls/s`);
  }
}
const medians = actions.map((action) => {
  const rs = results.get(action)!;
  const m = { action, protocolUs: median(rs.map((x) => x.protocolUs)), writerUs: median(rs.map((x) => x.writerUs)), callsPerS: Math.round(median(rs.map((x) => x.callsPerS))) };
  log(`${action} median: protocol thread ${m.protocolUs.toFixed(2)} µs per exchange, writer thread ${m.writerUs.toFixed(2)} µs, ${m.callsPerS} calls/s`);
  return m;
});
writeFileSync(RESULTS_FILE, `${JSON.stringify({ date: new Date().toISOString(), chargers, exchanges, runs: Object.fromEntries(results), medians }, null, 2)}\n`);
log(`wrote ${RESULTS_FILE}`);
