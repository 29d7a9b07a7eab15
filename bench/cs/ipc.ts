// IPC plumbing for the central-system benchmark: the messages the parent and its children exchange,
// and a handle on a forked child that waits for typed replies with timeouts and kills it for sure.
import { rmSync } from 'node:fs';
import { fork, type ChildProcess } from 'node:child_process';
import { basename, relative } from 'node:path';
import { bundled, root } from '../../bin/bundle.mjs';

/** BENCH_SERVER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") applies to the server children. */
const serverArgs = (file: string): string[] => (/server-/.test(basename(file)) && process.env.BENCH_SERVER_NODE_ARGS ? process.env.BENCH_SERVER_NODE_ARGS.split(' ') : []);

// ---- messages ------------------------------------------------------------------------------------

export interface ServerStats {
  rss: number;
  /** process.cpuUsage() user + system, in microseconds. */
  cpuUs: number;
  /** process.hrtime.bigint() in microseconds, when the stats were taken. */
  atUs: number;
}

export interface PersistedFrames {
  frames: number;
  /** Frames the bench flagged with a violation (error column set). */
  flagged: number;
  byKind: Record<string, number>;
  meterValues: number;
  /** Bytes of the record on disk (database + WAL) once the bench closed it. */
  dbBytes: number;
}

export type ServerToParent =
  { type: 'ready'; port: number; apiPort?: number; apiToken?: string } | { type: 'failed'; message: string } | ({ type: 'stats' } & ServerStats) | { type: 'stopped'; persisted?: PersistedFrames };

export type ParentToServer = { type: 'stats' } | { type: 'stop' };

export interface LoadStart {
  type: 'start';
  port: number;
  chargers: number;
  warmupMs: number;
  measureMs: number;
  /** Connections opened at once while connecting. */
  connectConcurrency: number;
  /** What each charger sends back to back: Heartbeat, MeterValues (4 sampled values), or both alternating. */
  action: LoadAction;
}

export type LoadAction = 'Heartbeat' | 'MeterValues' | 'both';

export interface WindowResult {
  windowMs: number;
  calls: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Load generator CPU over the window, % of one core. */
  loadCpuPct: number;
}

export interface LoadTotals {
  /** CALLRESULTs received over the whole run (boot, warm-up, window, tail). */
  answered: number;
  callErrors: number;
  firstCallError: string | null;
  unexpected: number;
  /** Connections closed or errored while the run was still going. */
  drops: number;
  firstDrop: string | null;
  /** MeterValues calls answered, and their bytes on the wire both ways (WebSocket framing included). */
  meterExchanges: number;
  meterWireBytes: number;
}

export type LoadToParent =
  { type: 'connected'; ms: number } | { type: 'failed'; message: string } | { type: 'windowStart' } | ({ type: 'windowEnd' } & WindowResult) | ({ type: 'stopped' } & LoadTotals);

export type ParentToLoad = LoadStart | { type: 'stop' };

// ---- child handle --------------------------------------------------------------------------------

interface Waiter {
  type: string;
  resolve: (m: { type: string }) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

const live = new Set<Child<{ type: string }, { type: string }>>();

/** Kills every child still running (used on errors, signals and the overall timeout). */
export function killAllChildren(): void {
  for (const c of live) c.kill();
}

/**
 * Runs a benchmark's main: its exit code ends the process; an error, Ctrl+C or SIGTERM kill the
 * children first; the temp dirs still listed are removed on the way out.
 */
export function runMain(main: () => Promise<number>, tempDirs: Set<string>, log: (line: string) => void): void {
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.on(sig, () => {
      killAllChildren();
      process.exit(130);
    });
  }
  process.on('exit', () => {
    killAllChildren();
    for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
  });
  main().then(
    (code) => process.exit(code),
    (e: Error) => {
      log(e.stack ?? e.message);
      killAllChildren();
      process.exit(1);
    },
  );
}

export class Child<In extends { type: string }, Out extends { type: string }> {
  private readonly inbox: In[] = [];
  private waiters: Waiter[] = [];
  private exitInfo: string | null = null;
  private readonly exited: Promise<void>;

  private constructor(
    readonly name: string,
    private readonly proc: ChildProcess,
  ) {
    live.add(this as unknown as Child<{ type: string }, { type: string }>);
    this.exited = new Promise((resolve) => {
      proc.once('exit', (code, signal) => {
        this.exitInfo = signal ? `signal ${signal}` : `code ${code}`;
        live.delete(this as unknown as Child<{ type: string }, { type: string }>);
        for (const w of this.waiters) {
          clearTimeout(w.timer);
          w.reject(new Error(`${name} exited (${this.exitInfo}) while the bench waited for "${w.type}"`));
        }
        this.waiters = [];
        resolve();
      });
    });
    proc.on('error', (e) => {
      for (const w of this.waiters) {
        clearTimeout(w.timer);
        w.reject(new Error(`${name}: ${e.message}`));
      }
      this.waiters = [];
    });
    proc.on('message', (m) => this.deliver(m as In));
  }

  /** Forks a TypeScript module (through tsx) with an IPC channel; its stdout goes to our stderr. */
  static fork<In extends { type: string }, Out extends { type: string }>(name: string, file: string, args: string[] = [], execArgv: string[] = []): Child<In, Out> {
    const proc = fork(file, args, { execArgv: ['--import', 'tsx', ...serverArgs(file), ...execArgv], stdio: ['ignore', 2, 2, 'ipc'] });
    return new Child<In, Out>(name, proc);
  }

  /**
   * Forks a bench process as `chargebench` runs one: from a bundle (bin/bundle.mjs), without a TypeScript
   * loader, so its memory and CPU are what users get.
   */
  static async forkBundled<In extends { type: string }, Out extends { type: string }>(name: string, file: string, args: string[] = [], execArgv: string[] = []): Promise<Child<In, Out>> {
    const entry = await bundled(`bench-${basename(file, '.ts')}`, relative(root, file));
    const proc = fork(entry, args, { execArgv: ['--enable-source-maps', ...serverArgs(file), ...execArgv], stdio: ['ignore', 2, 2, 'ipc'] });
    return new Child<In, Out>(name, proc);
  }

  /** Resolves with how the child ended (e.g. "code 1", "signal SIGKILL") once it has exited. */
  whenExited(): Promise<string> {
    return this.exited.then(() => this.exitInfo ?? 'exited');
  }

  /** The child's process id (for sampling /proc/<pid>). */
  get pid(): number | undefined {
    return this.proc.pid;
  }

  send(m: Out): void {
    if (this.exitInfo !== null || !this.proc.connected) throw new Error(`${this.name} is gone (${this.exitInfo ?? 'IPC disconnected'})`);
    this.proc.send(m);
  }

  /** Resolves with the next message of `type` (or rejects on `failed`, exit or timeout). */
  next<T extends In['type']>(type: T, timeoutMs: number): Promise<Extract<In, { type: T }>> {
    const i = this.inbox.findIndex((m) => m.type === type || m.type === 'failed');
    if (i >= 0) {
      const [m] = this.inbox.splice(i, 1);
      return m.type === 'failed' ? Promise.reject(this.failure(m)) : Promise.resolve(m as Extract<In, { type: T }>);
    }
    if (this.exitInfo !== null) return Promise.reject(new Error(`${this.name} exited (${this.exitInfo}) before "${type}"`));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`${this.name} did not send "${type}" within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter: Waiter = { type, resolve: resolve as Waiter['resolve'], reject, timer };
      this.waiters.push(waiter);
    });
  }

  /** Sends a request and waits for the reply of type `reply`. */
  async ask<T extends In['type']>(m: Out, reply: T, timeoutMs: number): Promise<Extract<In, { type: T }>> {
    const answer = this.next(reply, timeoutMs);
    try {
      this.send(m);
    } catch (e) {
      answer.catch(() => {});
      throw e;
    }
    return answer;
  }

  /** Waits for the child to exit; kills it if it has not within `timeoutMs`. */
  async waitExit(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.exited, new Promise<void>((r) => (timer = setTimeout(r, timeoutMs)))]);
    clearTimeout(timer);
    if (this.exitInfo === null) {
      this.kill();
      await this.exited;
    }
  }

  kill(): void {
    if (this.exitInfo === null) this.proc.kill('SIGKILL');
  }

  private failure(m: In): Error {
    return new Error(`${this.name} failed: ${(m as unknown as { message: string }).message}`);
  }

  private deliver(m: In): void {
    const i = this.waiters.findIndex((w) => w.type === m.type || m.type === 'failed');
    if (i < 0) {
      this.inbox.push(m);
      return;
    }
    const [w] = this.waiters.splice(i, 1);
    clearTimeout(w.timer);
    if (m.type === 'failed') w.reject(this.failure(m));
    else w.resolve(m);
  }
}

// ---- child side ----------------------------------------------------------------------------------

/** In a child: sends a message to the parent; resolves once it is handed over (no-op when the channel is gone). */
export function toParent<M extends { type: string }>(m: M): Promise<void> {
  return new Promise((resolve) => {
    if (process.send && process.connected) process.send(m, undefined, undefined, () => resolve());
    else resolve();
  });
}

/** In a child: exit when the parent goes away, so nothing outlives the benchmark. */
export function exitWithParent(): void {
  process.on('disconnect', () => process.exit(0));
}
