// Benchmark child: the load generator. One process simulates N chargers with plain `ws` clients (the same
// client for every server): BootNotification, then Heartbeat/MeterValues back to back, one call in flight each.
import { WebSocket } from 'ws';
import { exitWithParent, toParent, type LoadAction, type LoadStart, type LoadToParent, type LoadTotals, type ParentToLoad } from './ipc';

const send = (m: LoadToParent): Promise<void> => toParent(m);

const CONNECT_TIMEOUT_MS = 20_000;

interface Sim {
  id: string;
  ws: WebSocket;
  seq: number;
  pendingId: string | null;
  sentAt: bigint;
  heartbeatNext: boolean;
  /** Bytes on the wire of the call in flight, when it is a MeterValues. */
  meterBytes: number;
  onAnswer: ((ok: boolean) => void) | null;
}

let stopping = false;
let measuring = false;
const latenciesMs: number[] = [];
let windowCalls = 0;
const totals: LoadTotals = { answered: 0, callErrors: 0, firstCallError: null, unexpected: 0, drops: 0, firstDrop: null, meterExchanges: 0, meterWireBytes: 0 };
const sims: Sim[] = [];
let mode: LoadAction = 'both';

/** A typical periodic sample of a charging session: energy register, power, current and voltage (4 sampled values). */
function meterValues(sim: Sim): object {
  const wh = 1000 + sim.seq;
  return {
    connectorId: 1,
    meterValue: [
      {
        timestamp: new Date().toISOString(),
        sampledValue: [
          { value: String(wh), measurand: 'Energy.Active.Import.Register', unit: 'Wh' },
          { value: String(7200 + (sim.seq % 50)), measurand: 'Power.Active.Import', unit: 'W' },
          { value: (31 + (sim.seq % 10) / 10).toFixed(1), measurand: 'Current.Import', unit: 'A', phase: 'L1' },
          { value: String(229 + (sim.seq % 3)), measurand: 'Voltage', unit: 'V', phase: 'L1-N' },
        ],
      },
    ],
  };
}

/** Bytes of one WebSocket frame carrying `len` bytes: header, extended length, the client's mask. */
const framed = (len: number, masked: boolean): number => len + 2 + (len > 65535 ? 8 : len > 125 ? 2 : 0) + (masked ? 4 : 0);

function call(sim: Sim, action: string, payload: object): void {
  sim.seq += 1;
  sim.pendingId = String(sim.seq);
  sim.sentAt = process.hrtime.bigint();
  const text = JSON.stringify([2, sim.pendingId, action, payload]);
  sim.meterBytes = action === 'MeterValues' ? framed(Buffer.byteLength(text), true) : 0;
  sim.ws.send(text);
}

function next(sim: Sim): void {
  if (stopping || sim.ws.readyState !== WebSocket.OPEN) return;
  const hb = mode === 'both' ? sim.heartbeatNext : mode === 'Heartbeat';
  sim.heartbeatNext = !hb;
  if (hb) call(sim, 'Heartbeat', {});
  else call(sim, 'MeterValues', meterValues(sim));
}

function onMessage(sim: Sim, data: Buffer): void {
  const now = process.hrtime.bigint();
  let frame: unknown;
  try {
    frame = JSON.parse(data.toString('utf8'));
  } catch {
    totals.unexpected += 1;
    return;
  }
  if (!Array.isArray(frame) || (frame[0] !== 3 && frame[0] !== 4) || frame[1] !== sim.pendingId) {
    totals.unexpected += 1;
    return;
  }
  sim.pendingId = null;
  const ok = frame[0] === 3;
  if (ok) {
    totals.answered += 1;
    if (sim.meterBytes) {
      totals.meterExchanges += 1;
      totals.meterWireBytes += sim.meterBytes + framed(data.length, false);
    }
    if (measuring) {
      windowCalls += 1;
      latenciesMs.push(Number(now - sim.sentAt) / 1e6);
    }
  } else {
    totals.callErrors += 1;
    totals.firstCallError ??= `${sim.id}: ${JSON.stringify(frame).slice(0, 300)}`;
  }
  if (sim.onAnswer) {
    const cb = sim.onAnswer;
    sim.onAnswer = null;
    cb(ok);
    return;
  }
  next(sim);
}

/** Connects one charger and gets its BootNotification answered. */
function connect(port: number, n: number): Promise<Sim> {
  return new Promise((resolve, reject) => {
    const id = `BENCH${n}`;
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ocpp/${id}`, 'ocpp1.6', { perMessageDeflate: false, handshakeTimeout: CONNECT_TIMEOUT_MS });
    const sim: Sim = { id, ws, seq: 0, pendingId: null, sentAt: 0n, heartbeatNext: true, meterBytes: 0, onAnswer: null };
    let settled = false;
    const timer = setTimeout(() => fail(new Error(`${id}: not connected and booted within ${CONNECT_TIMEOUT_MS} ms`)), CONNECT_TIMEOUT_MS);
    const fail = (e: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      ws.terminate();
      reject(e);
    };
    ws.on('unexpected-response', (_req, res) => fail(new Error(`${id}: HTTP ${res.statusCode} on upgrade`)));
    ws.on('error', (e) => {
      if (!settled) fail(new Error(`${id}: ${e.message}`));
      else if (!stopping) noteDrop(sim, `error: ${e.message}`);
    });
    ws.on('close', (code, reason) => {
      if (!settled) fail(new Error(`${id}: closed during connect (${code} ${reason.toString()})`));
      else if (!stopping) noteDrop(sim, `closed ${code} ${reason.toString()}`);
    });
    ws.on('message', (data: Buffer) => onMessage(sim, data));
    ws.on('open', () => {
      if (ws.protocol !== 'ocpp1.6') return fail(new Error(`${id}: server chose subprotocol "${ws.protocol}"`));
      sim.onAnswer = (ok) => {
        if (!ok) return fail(new Error(`${id}: BootNotification got a CALLERROR: ${totals.firstCallError}`));
        settled = true;
        clearTimeout(timer);
        resolve(sim);
      };
      call(sim, 'BootNotification', { chargePointVendor: 'ChargeBench', chargePointModel: 'LoadGen' });
    });
  });
}

function noteDrop(sim: Sim, what: string): void {
  totals.drops += 1;
  totals.firstDrop ??= `${sim.id}: ${what}`;
}

/** Nearest-rank percentile of a sorted array. */
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function run(start: LoadStart): Promise<void> {
  mode = start.action;
  const t0 = process.hrtime.bigint();
  let nextIndex = 0;
  const worker = async (): Promise<void> => {
    while (nextIndex < start.chargers) {
      const n = ++nextIndex;
      sims.push(await connect(start.port, n));
    }
  };
  await Promise.all(Array.from({ length: Math.min(start.connectConcurrency, start.chargers) }, worker));
  await send({ type: 'connected', ms: Number(process.hrtime.bigint() - t0) / 1e6 });

  for (const sim of sims) next(sim);
  await sleep(start.warmupMs);

  const cpu0 = process.cpuUsage();
  const w0 = process.hrtime.bigint();
  measuring = true;
  void send({ type: 'windowStart' });
  await sleep(start.measureMs);
  measuring = false;
  const windowMs = Number(process.hrtime.bigint() - w0) / 1e6;
  const cpu = process.cpuUsage(cpu0);

  const sorted = Float64Array.from(latenciesMs).sort();
  const arr = Array.from(sorted);
  await send({
    type: 'windowEnd',
    windowMs,
    calls: windowCalls,
    p50Ms: percentile(arr, 0.5),
    p99Ms: percentile(arr, 0.99),
    maxMs: arr.length ? arr[arr.length - 1] : NaN,
    loadCpuPct: ((cpu.user + cpu.system) / 1000 / windowMs) * 100,
  });
  // Keep the load on until the parent has read the server's RSS and says stop.
}

async function stop(): Promise<void> {
  stopping = true;
  const closed = sims.map((s) => (s.ws.readyState === WebSocket.CLOSED ? Promise.resolve() : new Promise<void>((r) => s.ws.once('close', () => r()))));
  for (const s of sims) if (s.ws.readyState === WebSocket.OPEN) s.ws.close(1000, 'benchmark done');
  await Promise.race([Promise.all(closed), sleep(3000)]);
  for (const s of sims) if (s.ws.readyState !== WebSocket.CLOSED) s.ws.terminate();
  await send({ type: 'stopped', ...totals });
  process.exit(0);
}

exitWithParent();
process.on('message', (m: ParentToLoad) => {
  if (m.type === 'start') run(m).catch((e: Error) => send({ type: 'failed', message: e.message }).then(() => process.exit(1)));
  else if (m.type === 'stop') void stop();
});
