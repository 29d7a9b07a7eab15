// Messages of the fleet benchmark (`npm run bench:fleet`): the parent, the bench child (ChargeBench's
// central system) and the fleet child (VirtualChargePoint instances). The child handle and the
// child-side helpers are the central-system benchmark's (../cs/ipc).
export { Child, exitWithParent, killAllChildren, runMain, toParent } from '../cs/ipc';

/** Event-loop delay over a window (perf_hooks histogram), ms. */
export interface LoopDelay {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

// ---- bench child ---------------------------------------------------------------------------------

export interface BenchStats {
  /** Chargers the central system holds a session for. */
  connected: number;
  rss: number;
  /** Event-loop delay since the last holdStart. */
  loop: LoopDelay;
}

export interface PersistedCounts {
  frames: number;
  flagged: number;
  meterValues: number;
  transactions: number;
}

export type BenchToParent =
  | { type: 'ready'; port: number; heartbeatInterval: number; authorization: string }
  | { type: 'failed'; message: string }
  | ({ type: 'stats' } & BenchStats)
  | { type: 'holdStarted' }
  | { type: 'stopped'; persisted: PersistedCounts | null; stopMs: number };

export type ParentToBench = { type: 'stats' } | { type: 'holdStart' } | { type: 'stop' };

// ---- fleet child ---------------------------------------------------------------------------------

export interface FleetInit {
  type: 'init';
  port: number;
  /** Share of chargers that plug in and start a transaction. */
  charging: number;
  /** New connections started per second while ramping. */
  connectRate: number;
  /** MeterValueSampleInterval of every charger, s. */
  sampleInterval: number;
  /** Re-phase each charger's heartbeat to a random point of its interval (steady load, no bursts). */
  rephase: boolean;
}

export interface RampResult {
  target: number;
  /** All of the step's chargers connected and Accepted before the ramp timeout. */
  complete: boolean;
  /** From the first new connection to the last charger Accepted, ms. */
  ms: number;
  accepted: number;
  connected: number;
  /** Per charger, from start() to BootNotification Accepted, ms. */
  startToAcceptedP50Ms: number;
  startToAcceptedP99Ms: number;
  startToAcceptedMaxMs: number;
  dropsDuringRamp: number;
  failedCallsDuringRamp: number;
}

export interface HoldResult {
  windowMs: number;
  framesIn: number;
  framesOut: number;
  calls: number;
  callsByAction: Record<string, number>;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Calls that did not complete (CALLERROR, invalid answer, timeout, connection gone). */
  failed: number;
  timeouts: number;
  failedByOutcome: Record<string, number>;
  /** Chargers whose connection went from connected to not connected during the window. */
  dropped: number;
  firstDrop: string | null;
  /** At the end of the window. */
  connected: number;
  accepted: number;
  /** Chargers with a transaction the central system accepted (StartTransaction answered) and running. */
  inTransaction: number;
  /** Between the end of the ramp and the start of the window (the settle period). */
  dropsBeforeHold: number;
  failedBeforeHold: number;
  loop: LoopDelay;
  cpuPct: number;
}

export type FleetToParent =
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  | ({ type: 'ramped' } & RampResult)
  | { type: 'holdStarted' }
  | ({ type: 'held' } & HoldResult)
  | { type: 'stopped'; totalDrops: number; totalFailed: number };

export type ParentToFleet = FleetInit | { type: 'ramp'; target: number; timeoutMs: number } | { type: 'holdStart' } | { type: 'holdEnd' } | { type: 'stop' };
