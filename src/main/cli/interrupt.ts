// Ctrl-C (SIGINT) and SIGTERM during `chargebench test` and `chargebench commission`, like the UI's Stop:
// the first stops the run (the case or step in progress ends inconclusive, the charger is put back, the
// reports asked for are written, the run is recorded) and the command exits with 130 (SIGINT) or 143
// (SIGTERM); a second one while the charger is put back quits at once, saying what may not have been put
// back. On a terminal the prompt's readline takes Ctrl-C as a key, not as a signal: it is heard there too.
import type { Interface } from 'node:readline/promises';
import type { Bench } from '../core/bench';

export type StopSignal = 'SIGINT' | 'SIGTERM';

/** The exit status of each outcome a CI tells apart (README, Exit status). */
export const exitStatus = { ok: 0, failed: 1, usage: 2, reportNotWritten: 3, notConnected: 4, SIGINT: 130, SIGTERM: 143 } as const;

/** How the person stopping the run knows the signal. */
export const signalWords = (s: StopSignal) => (s === 'SIGINT' ? 'Ctrl-C' : 'SIGTERM');

export interface InterruptOptions {
  /** The prompt's readline on a terminal, if any (it hears Ctrl-C as a key). */
  rl?: Interface | null;
  /** Quits at once (the second signal); the process's exit, a spy in tests. */
  exit?: (status: number) => void;
  /** Listen to the process's signals (off in tests). */
  process?: boolean;
}

export class Interrupt {
  /** The signal that stopped the run, once one came. */
  by: StopSignal | null = null;
  private readonly controller = new AbortController();
  /** Aborted on the first signal: what waits (the charger connecting, the run) stops. */
  readonly signal: AbortSignal = this.controller.signal;
  /** What may not have been put back, for the second signal's message. */
  left: () => string = () => '';
  /** What the first signal still has to do (the run being stopped); null when nothing is to be put back. */
  private stopping: string | null = null;
  /** Whether quitting now may leave the charger changed (false once the run has ended: only reports are left to write). */
  private leavesCharger = false;
  private readonly onSigint = () => this.heard('SIGINT');
  private readonly onSigterm = () => this.heard('SIGTERM');

  constructor(
    private readonly command: string,
    private readonly options: InterruptOptions = {},
  ) {
    if (options.process !== false) {
      process.on('SIGINT', this.onSigint);
      process.on('SIGTERM', this.onSigterm);
    }
    options.rl?.on('SIGINT', this.onSigint);
  }

  /** The exit status for a stopped run. */
  get status(): number {
    return this.by ? exitStatus[this.by] : exitStatus.ok;
  }

  /** From now on the first signal stops a run that changes the charger: `what` says so ("ending the case in progress …"). */
  stopsRun(what: string, leavesCharger = true): void {
    this.stopping = what;
    this.leavesCharger = leavesCharger;
  }

  heard(signal: StopSignal): void {
    const words = signalWords(signal);
    if (!this.by) {
      this.by = signal;
      console.log(`\nStopped by ${words}: ${this.stopping ? `${this.stopping}; ${words} again quits at once` : 'nothing was run'}`);
      this.controller.abort();
      return;
    }
    const left = this.leavesCharger ? this.left() : '';
    const lost = !this.stopping ? '' : this.leavesCharger ? `: the charger may not have been put back${left ? ` (${left})` : ''}; no report was written` : ': some reports may not have been written';
    console.error(`chargebench ${this.command}: stopped by ${words} again, quitting at once${lost}`);
    (this.options.exit ?? process.exit)(exitStatus[signal]);
  }

  dispose(): void {
    process.off('SIGINT', this.onSigint);
    process.off('SIGTERM', this.onSigterm);
    this.options.rl?.off('SIGINT', this.onSigint);
  }
}

/** Actions of the bench that change a charger (undone when it is put back), beside ChangeConfiguration. */
const changing = new Set(['RemoteStartTransaction', 'ChangeAvailability', 'SetChargingProfile', 'ReserveNow', 'SendLocalList', 'ClearCache', 'Reset']);

/**
 * What the bench asked of a charger since `reset()`: the configuration keys set (their last value) and the
 * other actions that change it; frozen by `freeze()` (the stop: what the putting back sends is not news).
 */
export function changesTo(bench: Bench, chargerId: string): { reset(): void; freeze(): void; describe(): string; off(): void } {
  const keys = new Map<string, string>();
  const actions = new Set<string>();
  let frozen = false;
  const off = bench.bus.subscribe((e) => {
    if (frozen || e.type !== 'frameLogged' || e.message.chargerId !== chargerId || e.message.direction !== 'out' || e.message.kind !== 'CALL') return;
    const action = e.message.action ?? '';
    if (action === 'ChangeConfiguration') {
      try {
        const payload = (JSON.parse(e.message.raw) as unknown[])[3] as { key?: unknown; value?: unknown };
        if (typeof payload?.key === 'string') keys.set(payload.key, String(payload.value));
      } catch {
        // A frame that is not JSON changes nothing.
      }
    } else if (changing.has(action)) actions.add(action);
  });
  return {
    reset: () => {
      if (frozen) return;
      keys.clear();
      actions.clear();
    },
    freeze: () => {
      frozen = true;
    },
    describe: () => [keys.size ? `configuration set: ${[...keys].map(([k, v]) => `${k}=${v}`).join(', ')}` : '', actions.size ? `sent: ${[...actions].join(', ')}` : ''].filter(Boolean).join('; '),
    off,
  };
}
