// `npm run bench:path`: the bench's own CPU per exchange, without sockets. The bench is started as
// `chargebench serve` starts it (Bench.start: validation, handlers, the journal, the writer thread), and N
// chargers (default 100) are connected to it through stand-in WebSockets: each sends its next call
// (Heartbeat, or a MeterValues of 4 sampled values) once its answer has been sent, and the calls of one
// turn of the event loop arrive together, as the sockets' reads would deliver them. The calls are made
// before the run, so what the protocol thread spends is the bench's work (parsing, validation, handlers,
// the record's bookkeeping, the journal's JSON and its write), and the writer thread's is SQLite's: each
// from /proc, per thread, free of the loopback and the load generator that make `bench:cs`'s rates drift.
// With one charger each exchange also carries a turn of the event loop of its own (the stand-in load's).
// Linux only. Prints each run and the median (actions alternating); writes bench/results/path-latest.json.
import { EventEmitter } from 'node:events';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Bench } from '../src/main/core/bench';

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
const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/** CPU ms of this process's threads: the protocol (main) thread and the record's writer thread (nice 10). */
function threadCpuMs(): { protocol: number; writer: number } {
  const out = { protocol: 0, writer: 0 };
  for (const tid of readdirSync('/proc/self/task')) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    } catch {
      continue;
    }
    // After the command name in parentheses: utime is field 14, stime 15, nice 19.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ms = ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
    if (Number(tid) === process.pid) out.protocol = ms;
    else if (Number(fields[16]) === 10) out.writer += ms;
  }
  return out;
}

/** A WebSocket as the bench's session uses it: 'message' in, send() out. */
class StandInSocket extends EventEmitter {
  readonly readyState = 1;
  readonly bufferedAmount = 0;
  readonly isPaused = false;
  constructor(private readonly onSend: (text: string) => void) {
    super();
  }
  send(text: string): void {
    this.onSend(text);
  }
  close(): void {}
  terminate(): void {}
  pause(): void {}
  resume(): void {}
  ping(): void {}
}

/** A charger's calls, made before the run (the load's own work stays out of the thread measured): 1,024 of each, reused in turn. */
const FRAMES = 1024;
function framesOf(action: 'Heartbeat' | 'MeterValues'): Buffer[] {
  const frames: Buffer[] = [];
  const at = Date.now();
  for (let i = 0; i < FRAMES; i++) {
    const payload =
      action === 'Heartbeat'
        ? {}
        : {
            connectorId: 1,
            meterValue: [
              {
                timestamp: new Date(at + i * 1000).toISOString(),
                sampledValue: [
                  { value: String(1000 + i), measurand: 'Energy.Active.Import.Register', unit: 'Wh' },
                  { value: String(7200 + (i % 50)), measurand: 'Power.Active.Import', unit: 'W' },
                  { value: (31 + (i % 10) / 10).toFixed(1), measurand: 'Current.Import', unit: 'A', phase: 'L1' },
                  { value: String(229 + (i % 3)), measurand: 'Voltage', unit: 'V', phase: 'L1-N' },
                ],
              },
            ],
          };
    frames.push(Buffer.from(JSON.stringify([2, `${action[0]}${i}`, action, payload])));
  }
  return frames;
}

interface RunResult {
  protocolUs: number;
  writerUs: number;
  callsPerS: number;
}

async function run(action: 'Heartbeat' | 'MeterValues'): Promise<RunResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'chargebench-bench-path-'));
  const bench = await Bench.start({ dataDir, host: '127.0.0.1', port: 0 });
  try {
    const cs = bench.centralSystem as unknown as { onConnection(ws: unknown, remote: string, id: string, note: null): void };
    const frames = framesOf(action);
    let seq = 0;
    let answered = 0;
    let ready: StandInSocket[] = [];
    let resolveDone: () => void = () => {};
    const done = new Promise<void>((r) => (resolveDone = r));
    let sent = 0;
    const target = exchanges + chargers;
    const nextCall = (ws: StandInSocket, frame: Buffer): void => {
      sent++;
      ws.emit('message', frame, false);
    };
    // The frames of one turn arrive together (one socket read each), then the turn ends.
    const turn = (): void => {
      const now = ready;
      ready = [];
      for (const ws of now) nextCall(ws, frames[seq++ % FRAMES]);
    };
    const sockets: StandInSocket[] = [];
    for (let i = 0; i < chargers; i++) {
      const ws = new StandInSocket((text) => {
        if (text.charCodeAt(1) !== 51) throw new Error(`not a CALLRESULT: ${text.slice(0, 200)}`);
        answered++;
        if (answered === target) return resolveDone();
        if (sent >= target) return;
        if (ready.push(ws) === 1) setImmediate(turn);
      });
      cs.onConnection(ws, '127.0.0.1', `CP${String(i).padStart(5, '0')}`, null);
      sockets.push(ws);
    }
    // Each charger boots (not measured), then the calls go back to back.
    for (const ws of sockets) nextCall(ws, Buffer.from(JSON.stringify([2, 'boot', 'BootNotification', { chargePointVendor: 'ChargeBench', chargePointModel: 'PathBench' }])));
    while (answered < chargers) await new Promise((r) => setImmediate(r));
    const before = threadCpuMs();
    const t0 = performance.now();
    turn();
    await done;
    const wall = performance.now() - t0;
    await bench.record.settled();
    const after = threadCpuMs();
    return { protocolUs: ((after.protocol - before.protocol) * 1000) / exchanges, writerUs: ((after.writer - before.writer) * 1000) / exchanges, callsPerS: (exchanges * 1000) / wall };
  } finally {
    await bench.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = new Map<string, RunResult[]>(actions.map((a) => [a, []]));
log(`${chargers} chargers, ${exchanges} exchanges per run, ${runs} runs per action, alternating`);
for (let r = 0; r < runs; r++) {
  for (const action of actions) {
    const res = await run(action);
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
