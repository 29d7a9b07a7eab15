// Fleet benchmark child: a fleet of VirtualChargePoint instances in one process, ramped up at a given
// connection rate. Each charger has one connector, takes its heartbeat interval from the bench's
// BootNotification answer, samples meter values every `sampleInterval` s, keeps no diagnostics ring;
// a share of them plug in and present an idTag, so they send MeterValues for the whole run.
//
// The load is kept steady: connections are paced, each charger's heartbeat is moved to a random point
// of its interval once it is Accepted (a ramp of a few seconds would otherwise bunch every heartbeat
// into those few seconds of each interval), and charging chargers start their session at a random
// point of the sample interval.
//
// It counts, from the chargers' own hooks, frames both ways (onFrame), the round trip and outcome of
// every call (onCallDone) and connections lost (onChange: connected -> not connected).
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { VirtualChargePoint } from '../../src/main/virtual-cp/charge-point';
import { VirtualChargerDefinition } from '../../src/shared/api/virtual-chargers';
import { exitWithParent, toParent, type FleetInit, type FleetToParent, type HoldResult, type ParentToFleet, type RampResult } from './ipc';

const send = (m: FleetToParent): Promise<void> => toParent(m);
const log = (msg: string): void => void process.stderr.write(`bench:fleet:   ${msg}\n`);
const LOOP_RESOLUTION_MS = 10;
const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
/** The histogram holds the time between its timer's ticks: the delay is what exceeds the resolution. */
const loopMs = (ns: number): number => Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS);

interface Sim {
  index: number;
  vcp: VirtualChargePoint;
  charging: boolean;
  startedAt: number;
  connected: boolean;
  accepted: boolean;
  everAccepted: boolean;
  /** StartTransaction answered and the transaction not ended. */
  inTx: boolean;
}

let init: FleetInit | null = null;
const sims: Sim[] = [];
let stopping = false;

// Counters of the current phase (reset when a phase begins).
let framesIn = 0;
let framesOut = 0;
let latencies: number[] = [];
let callsByAction: Record<string, number> = {};
let failedByOutcome: Record<string, number> = {};
let failed = 0;
let timeouts = 0;
let drops = 0;
let firstDrop: string | null = null;
// Over the whole run.
let totalDrops = 0;
let totalFailed = 0;
let acceptedNow = 0;
let connectedNow = 0;
let inTxNow = 0;
const startToAccepted: number[] = [];
let rampWaiter: { target: number; resolve: () => void } | null = null;

function resetCounters(): void {
  framesIn = framesOut = 0;
  latencies = [];
  callsByAction = {};
  failedByOutcome = {};
  failed = timeouts = drops = 0;
  firstDrop = null;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

/** Whether charger `i` (0-based) is one of the `share` that charge: spread evenly over the fleet. */
function charges(i: number, share: number): boolean {
  return Math.floor((i + 1) * share) > Math.floor(i * share);
}

function onStateChange(s: Sim): void {
  const vcp = s.vcp;
  const connected = vcp.isConnected;
  const accepted = vcp.isAccepted;
  if (connected !== s.connected) {
    connectedNow += connected ? 1 : -1;
    if (s.connected && !connected && !stopping) {
      drops += 1;
      totalDrops += 1;
      firstDrop ??= `${vcp.id}: ${vcp.view().lastError ?? 'connection lost'}`;
    }
    s.connected = connected;
  }
  if (accepted !== s.accepted) {
    acceptedNow += accepted ? 1 : -1;
    s.accepted = accepted;
    if (accepted && !s.everAccepted) {
      s.everAccepted = true;
      startToAccepted.push(performance.now() - s.startedAt);
      firstAccepted(s);
    }
    if (rampWaiter && acceptedNow >= rampWaiter.target) {
      const w = rampWaiter;
      rampWaiter = null;
      w.resolve();
    }
  }
}

function firstAccepted(s: Sim): void {
  const cfg = init!;
  const vcp = s.vcp;
  if (cfg.rephase) {
    // Re-arms the heartbeat timer (any stored change of HeartbeatInterval does) at a random point of the
    // interval, so the fleet's heartbeats are spread evenly rather than bunched like the connections.
    // Read once the boot is handled: the charger stores the interval from the answer after it reports
    // Accepted.
    setImmediate(() => {
      const interval = vcp.config.int('HeartbeatInterval');
      if (!(interval > 0)) return;
      setTimeout(
        () => {
          if (!stopping && vcp.isAccepted) vcp.config.setInternal('HeartbeatInterval', String(vcp.config.int('HeartbeatInterval')));
        },
        Math.random() * interval * 1000,
      );
    });
  }
  if (s.charging) {
    // Plug in and present a card at a random point of the sample interval: the meter values spread too.
    setTimeout(
      () => {
        if (stopping || !vcp.isAccepted) return;
        try {
          vcp.plug(1);
        } catch {
          /* already plugged (after a reconnect) */
        }
        vcp.presentIdTag(1, `FLEET${s.index}`).then(
          (r) => {
            if (!r.accepted) log(`${vcp.id}: card refused: ${r.message}`);
          },
          (e: Error) => log(`${vcp.id}: presenting the card failed: ${e.message}`),
        );
      },
      Math.random() * cfg.sampleInterval * 1000,
    );
  }
}

function startOne(): void {
  const cfg = init!;
  const index = sims.length;
  const definition = VirtualChargerDefinition.parse({ id: `FLEET${String(index + 1).padStart(5, '0')}`, connectors: 1 });
  const s = { index, charging: charges(index, cfg.charging), startedAt: 0, connected: false, accepted: false, everAccepted: false, inTx: false } as Sim;
  s.vcp = new VirtualChargePoint({
    definition,
    url: `ws://127.0.0.1:${cfg.port}/ocpp`,
    keepDiagnostics: false,
    onFrame: (f) => {
      if (f.direction === 'in') framesIn += 1;
      else framesOut += 1;
    },
    onChange: () => {
      if (s.vcp) onStateChange(s);
    },
    onCallDone: (action, ms, outcome) => {
      callsByAction[action] = (callsByAction[action] ?? 0) + 1;
      if (outcome === 'completed') {
        latencies.push(ms);
        if (action === 'StartTransaction' && !s.inTx) {
          s.inTx = true;
          inTxNow += 1;
        } else if (action === 'StopTransaction' && s.inTx) {
          s.inTx = false;
          inTxNow -= 1;
        }
      } else {
        failed += 1;
        totalFailed += 1;
        failedByOutcome[outcome] = (failedByOutcome[outcome] ?? 0) + 1;
        if (outcome === 'timeout') timeouts += 1;
      }
    },
  });
  const changed = s.vcp.config.change('MeterValueSampleInterval', String(cfg.sampleInterval));
  if (changed.status !== 'Accepted') throw new Error(`MeterValueSampleInterval ${cfg.sampleInterval}: ${changed.status} ${changed.reason ?? ''}`);
  sims.push(s);
  s.startedAt = performance.now();
  s.vcp.start();
}

async function ramp(target: number, timeoutMs: number): Promise<RampResult> {
  const cfg = init!;
  resetCounters();
  const first = sims.length;
  const toStart = Math.max(0, target - first);
  const acceptedBefore = startToAccepted.length;
  const t0 = performance.now();
  let lastLog = t0;
  let complete = true;
  await new Promise<void>((resolve) => {
    const timeout = setTimeout(() => {
      complete = false;
      rampWaiter = null;
      clearInterval(pacer);
      resolve();
    }, timeoutMs);
    rampWaiter = {
      target,
      resolve: () => {
        clearTimeout(timeout);
        resolve();
      },
    };
    // Starts connections at the configured rate, a few at a time.
    const pacer = setInterval(() => {
      const now = performance.now();
      const due = Math.min(toStart, Math.floor(((now - t0) / 1000) * cfg.connectRate) + 1);
      while (sims.length - first < due) startOne();
      if (sims.length - first >= toStart) clearInterval(pacer);
      if (now - lastLog >= 2000) {
        lastLog = now;
        log(`${sims.length - first}/${toStart} started, ${acceptedNow}/${target} Accepted`);
      }
    }, 10);
    if (acceptedNow >= target) rampWaiter.resolve();
  });
  const ms = performance.now() - t0;
  const times = Float64Array.from(startToAccepted.slice(acceptedBefore)).sort();
  const result: RampResult = {
    target,
    complete,
    ms,
    accepted: acceptedNow,
    connected: connectedNow,
    startToAcceptedP50Ms: percentile(times, 0.5),
    startToAcceptedP99Ms: percentile(times, 0.99),
    startToAcceptedMaxMs: times.length ? times[times.length - 1] : NaN,
    dropsDuringRamp: drops,
    failedCallsDuringRamp: failed,
  };
  resetCounters();
  return result;
}

let hold: { t0: number; cpu: NodeJS.CpuUsage; dropsBefore: number; failedBefore: number } | null = null;

function holdStart(): void {
  const dropsBefore = drops;
  const failedBefore = failed;
  resetCounters();
  loop.reset();
  hold = { t0: performance.now(), cpu: process.cpuUsage(), dropsBefore, failedBefore };
}

function holdEnd(): HoldResult {
  const h = hold!;
  const windowMs = performance.now() - h.t0;
  const cpu = process.cpuUsage(h.cpu);
  const sorted = Float64Array.from(latencies).sort();
  const result: HoldResult = {
    windowMs,
    framesIn,
    framesOut,
    calls: Object.values(callsByAction).reduce((a, b) => a + b, 0),
    callsByAction,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    maxMs: sorted.length ? sorted[sorted.length - 1] : NaN,
    failed,
    timeouts,
    failedByOutcome,
    dropped: drops,
    firstDrop,
    connected: connectedNow,
    accepted: acceptedNow,
    inTransaction: inTxNow,
    dropsBeforeHold: h.dropsBefore,
    failedBeforeHold: h.failedBefore,
    loop: { p50Ms: loopMs(loop.percentile(50)), p99Ms: loopMs(loop.percentile(99)), maxMs: loopMs(loop.max) },
    cpuPct: ((cpu.user + cpu.system) / 1000 / windowMs) * 100,
  };
  hold = null;
  resetCounters();
  return result;
}

async function stop(): Promise<void> {
  stopping = true;
  await Promise.all(sims.map((s) => s.vcp.stop()));
  // Let the close frames go out; the parent stops the bench after this.
  await new Promise((r) => setTimeout(r, 1000));
  await send({ type: 'stopped', totalDrops, totalFailed });
  process.exit(0);
}

function fail(e: Error): void {
  void send({ type: 'failed', message: e.stack ?? e.message }).then(() => process.exit(1));
}

exitWithParent();
loop.enable();
process.on('message', (m: ParentToFleet) => {
  try {
    switch (m.type) {
      case 'init':
        init = m;
        void send({ type: 'ready' });
        break;
      case 'ramp':
        ramp(m.target, m.timeoutMs).then((r) => send({ type: 'ramped', ...r }), fail);
        break;
      case 'holdStart':
        holdStart();
        void send({ type: 'holdStarted' });
        break;
      case 'holdEnd':
        void send({ type: 'held', ...holdEnd() });
        break;
      case 'stop':
        stop().catch(fail);
        break;
    }
  } catch (e) {
    fail(e as Error);
  }
});
