// bench:path's measured process (run from the bundle, as `chargebench serve` runs): one run of one action,
// its result printed as one line of JSON. Usage: run.ts <Heartbeat|MeterValues> <chargers> <exchanges>.
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bench } from '../../src/main/core/bench';
import { threadCpuMs } from '../thread-cpu';

export interface PathRunResult {
  protocolUs: number;
  writerUs: number;
  callsPerS: number;
}

const [action, chargers, exchanges] = [process.argv[2] as 'Heartbeat' | 'MeterValues', Number(process.argv[3]), Number(process.argv[4])];
if ((action !== 'Heartbeat' && action !== 'MeterValues') || !(chargers > 0) || !(exchanges > 0)) throw new Error('usage: run.ts <Heartbeat|MeterValues> <chargers> <exchanges>');

/** CPU ms of the protocol (main) thread and of the record's writer thread (nice 10). */
function threadsMs(): { protocol: number; writer: number } {
  const threads = threadCpuMs();
  return { protocol: threads.find((t) => t.tid === process.pid)?.ms ?? 0, writer: threads.filter((t) => t.nice === 10).reduce((n, t) => n + t.ms, 0) };
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

async function run(): Promise<PathRunResult> {
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
    const before = threadsMs();
    const t0 = performance.now();
    turn();
    await done;
    const wall = performance.now() - t0;
    await bench.record.settled();
    const after = threadsMs();
    return { protocolUs: ((after.protocol - before.protocol) * 1000) / exchanges, writerUs: ((after.writer - before.writer) * 1000) / exchanges, callsPerS: (exchanges * 1000) / wall };
  } finally {
    await bench.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

process.stdout.write(`${JSON.stringify(await run())}\n`);
