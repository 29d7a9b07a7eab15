// Ctrl-C (SIGINT), SIGTERM and SIGHUP (the terminal closed, an SSH session dropped) during `chargebench test`
// and `chargebench commission`, like the UI's Stop: the first stops the run (the case or step in progress ends
// inconclusive, the charger is put back, the reports asked for are written, the run is recorded) and the
// command exits with 130 (SIGINT), 143 (SIGTERM) or 129 (SIGHUP); a second one while the charger is put back
// quits at once, saying what may not have been put back; one while the stop waits for the charger to come
// back (come-back.ts) ends that wait instead, the charger left as it is. Output closed under a run (bin/
// chargebench.mjs says so with OUTPUT_CLOSED) stops it as SIGTERM does, unless a stop is already under way. Before the run is set up (waiting for the charger) the first signal ends the wait: nothing is run; one
// heard while the command's bench is still starting (hearEarly) is taken by the Interrupt made next, so it
// is never lost to a listener that is not there yet. During the run's setup (before its first case) the
// first signal says so: no case has started.
// Once the run has ended it is no longer stopped by a signal: its verdict and exit status stand while the
// reports are written, and a second signal quits at once, naming the reports not written.
// On a terminal the prompt's readline takes Ctrl-C as a key, not as a signal: it is heard there too.
import type { Interface } from 'node:readline/promises';
import type { Bench } from '../core/bench';

export type StopSignal = 'SIGINT' | 'SIGTERM' | 'SIGHUP';

/** The signals that stop a run. */
export const stopSignals: readonly StopSignal[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** The process event bin/chargebench.mjs emits when stdout or stderr was closed (EPIPE, EIO) and the command hears it. */
export const OUTPUT_CLOSED = 'chargebench:output-closed';

/**
 * The exit status of each outcome a CI tells apart (README, Exit status). `nothingConcluded` (`chargebench
 * test` only): no case failed or erred, but none passed either (every case run was inconclusive or did not
 * apply), or with --strict a case was inconclusive.
 */
export const exitStatus = { ok: 0, failed: 1, usage: 2, reportNotWritten: 3, notConnected: 4, nothingConcluded: 5, SIGHUP: 129, SIGINT: 130, SIGTERM: 143 } as const;

/** How the person stopping the run knows the signal. */
export const signalWords = (s: StopSignal) => (s === 'SIGINT' ? 'Ctrl-C' : s);

export interface InterruptOptions {
  /** The prompt's readline on a terminal, if any (it hears Ctrl-C as a key). */
  rl?: Interface | null;
  /** Quits at once (the second signal); the process's exit, a spy in tests. */
  exit?: (status: number) => void;
  /** Listen to the process's signals (off in tests). */
  process?: boolean;
}

/** A signal heard before the command's Interrupt was made (while its bench starts), and the listeners that heard it. */
let early: { by: StopSignal | null; off: () => void } | null = null;

/**
 * Listens for SIGINT and SIGTERM from now on (the command's start, before its bench starts): the first is
 * kept for the Interrupt made next, which acts on it at once (nothing is run); a second one before then
 * quits at once.
 */
export function hearEarly(command: string, exit: (status: number) => void = process.exit): void {
  if (early) return;
  const on = (signal: StopSignal) => () => {
    if (!early) return;
    if (early.by) {
      console.error(`chargebench ${command}: stopped by ${signalWords(signal)} again, quitting at once`);
      return exit(exitStatus[signal]);
    }
    early.by = signal;
    console.log(`\nHeard ${signalWords(signal)} while the bench starts: it stops as soon as it has started; ${signalWords(signal)} again quits at once`);
  };
  const listeners = stopSignals.map((s) => [s, on(s)] as const);
  for (const [s, l] of listeners) process.on(s, l);
  early = {
    by: null,
    off: () => {
      for (const [s, l] of listeners) process.off(s, l);
    },
  };
}

/** The signal hearEarly heard, if any; its listeners are removed (the Interrupt hears from now on). */
function takeEarly(): StopSignal | null {
  const by = early?.by ?? null;
  early?.off();
  early = null;
  return by;
}

export class Interrupt {
  /** The signal that stopped the run (or the wait for the charger), once one came; never one heard after the run ended. */
  by: StopSignal | null = null;
  private readonly controller = new AbortController();
  /** Aborted on the first signal: what waits (the charger connecting, the run) stops. */
  readonly signal: AbortSignal = this.controller.signal;
  /** What may not have been put back (or, once the run has ended, which reports are not written yet), for the second signal's message. */
  left: () => string = () => '';
  /** What the first signal still has to do (the run being stopped), as it is when the signal comes; null when nothing is to be put back. */
  private stopping: (() => string) | null = null;
  /** The run has ended: only its reports are left to write (what `ended` says). */
  private after: string | null = null;
  /** A signal heard after the run ended (a second one quits at once). */
  private heardAfter: StopSignal | null = null;
  /** The wait a stop makes first (for the charger to come back): the next signal ends it, rather than quitting. */
  private waiting: AbortController | null = null;
  /** Whether the first signal's stop waits first (then its line leaves what the next signal does to the wait's line). */
  stopWaits: () => boolean = () => false;
  private readonly listeners = stopSignals.map((s) => [s, () => this.heard(s)] as const);
  private readonly onSigint = () => this.heard('SIGINT');
  /** Output closed: stops the run as SIGTERM does; a stop already under way (or a run that has ended) goes on. */
  private readonly onOutputClosed = () => {
    if (!this.by && this.after === null) this.heard('SIGTERM');
  };

  constructor(
    private readonly command: string,
    private readonly options: InterruptOptions = {},
  ) {
    if (options.process !== false) {
      for (const [s, l] of this.listeners) process.on(s, l);
      process.on(OUTPUT_CLOSED, this.onOutputClosed);
    }
    options.rl?.on('SIGINT', this.onSigint);
    // A signal heard while the bench was starting stops the command now: nothing is run.
    const heardEarly = takeEarly();
    if (heardEarly) this.heard(heardEarly);
  }

  /** The exit status for a stopped run. */
  get status(): number {
    return this.by ? exitStatus[this.by] : exitStatus.ok;
  }

  /**
   * From now on the first signal stops a run that changes the charger: `what` says so ("ending the case in
   * progress …"); a function says it as things are when the signal comes (the run's setup, or a case).
   */
  stopsRun(what: string | (() => string)): void {
    this.stopping = typeof what === 'string' ? () => what : what;
  }

  /**
   * The run has ended (`what`: "writing the reports"): a signal from now on stops nothing and changes neither
   * the status nor the words; a second one quits at once, naming what `left` says (the reports not written).
   */
  ended(what: string): void {
    this.after = what;
  }

  /** The stop waits (for the charger to come back) until `done()`: a signal meanwhile aborts the signal returned, and quits nothing. */
  waitFirst(): { signal: AbortSignal; done(): void } {
    const w = (this.waiting = new AbortController());
    return { signal: w.signal, done: () => void (this.waiting === w && (this.waiting = null)) };
  }

  heard(signal: StopSignal): void {
    const words = signalWords(signal);
    const quit = (why: string) => {
      console.error(`chargebench ${this.command}: stopped by ${words} again, quitting at once${why}`);
      (this.options.exit ?? process.exit)(exitStatus[signal]);
    };
    if (this.after !== null) {
      if (this.heardAfter || this.by) {
        const left = this.left();
        return quit(left ? `: not written: ${left}` : '');
      }
      this.heardAfter = signal;
      console.log(`\nHeard ${words}: the run has already ended, its result stands; ${this.after}; ${words} again quits at once`);
      return;
    }
    if (!this.by) {
      this.by = signal;
      const again = this.stopping && this.stopWaits() ? '' : `; ${words} again quits at once`;
      console.log(`\nStopped by ${words}: ${this.stopping ? `${this.stopping()}${again}` : 'nothing was run'}`);
      this.controller.abort();
      return;
    }
    if (this.waiting && !this.waiting.signal.aborted) return this.waiting.abort();
    if (!this.stopping) return quit('');
    const left = this.left();
    quit(`: the charger may not have been put back${left ? ` (${left})` : ''}; no report was written`);
  }

  dispose(): void {
    for (const [s, l] of this.listeners) process.off(s, l);
    process.off(OUTPUT_CLOSED, this.onOutputClosed);
    this.options.rl?.off('SIGINT', this.onSigint);
  }
}

/** Actions of the bench that change a charger (undone when it is put back), beside ChangeConfiguration. */
const changing = new Set(['RemoteStartTransaction', 'ChangeAvailability', 'SetChargingProfile', 'ReserveNow', 'SendLocalList', 'ClearCache', 'Reset']);

/** What a change is meant to stay on the charger (a commissioning's baseline keys and site limit): never named as left changed. */
export type Stays = (action: string, payload: Record<string, unknown>) => boolean;

/**
 * What the bench asked of a charger: the configuration keys set for the whole run (before the first
 * `reset()`, e.g. MinimumStatusDuration 0, put back only at the run's end), and since the last `reset()` (a
 * case's start) the keys set (their last value) and the other actions that change it; frozen by `freeze()`
 * (the stop: what the putting back sends is not news). What `stays` says is meant to stay is left out.
 */
export function changesTo(bench: Bench, chargerId: string, stays: Stays = () => false): { reset(): void; freeze(): void; describe(): string; off(): void } {
  const runKeys = new Map<string, string>();
  const keys = new Map<string, string>();
  const actions = new Set<string>();
  let inCase = false;
  let frozen = false;
  const off = bench.bus.subscribe((e) => {
    if (frozen || e.type !== 'frameLogged' || e.message.chargerId !== chargerId || e.message.direction !== 'out' || e.message.kind !== 'CALL') return;
    const action = e.message.action ?? '';
    if (action !== 'ChangeConfiguration' && !changing.has(action)) return;
    let payload: Record<string, unknown> = {};
    try {
      const body = (JSON.parse(e.message.raw) as unknown[])[3];
      if (body && typeof body === 'object') payload = body as Record<string, unknown>;
    } catch {
      // A frame that is not JSON changes nothing.
      return;
    }
    if (stays(action, payload)) return;
    if (action !== 'ChangeConfiguration') {
      if (inCase) actions.add(action);
    } else if (typeof payload.key === 'string') (inCase ? keys : runKeys).set(payload.key, String(payload.value));
  });
  const list = (m: Map<string, string>) => [...m].map(([k, v]) => `${k}=${v}`).join(', ');
  return {
    reset: () => {
      if (frozen) return;
      inCase = true;
      keys.clear();
      actions.clear();
    },
    freeze: () => {
      frozen = true;
    },
    describe: () =>
      [runKeys.size ? `configuration set for the run: ${list(runKeys)}` : '', keys.size ? `configuration set: ${list(keys)}` : '', actions.size ? `sent: ${[...actions].join(', ')}` : '']
        .filter(Boolean)
        .join('; '),
    off,
  };
}
