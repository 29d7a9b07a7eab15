// A run stopped (Ctrl-C, SIGTERM, SIGHUP) while its charger is away because the run itself just restarted it
// (a Reset it accepted: it reboots) or because it dropped a moment ago: the stop waits a bounded time for the
// charger to come back, saying so on the terminal, so that putting it back (the connectors Operative, the
// keys the case changed) is done rather than named as not done; the next signal ends the wait (the charger
// is left as it is). And, at the end of every run, what was not put back, said on the terminal as the
// reports list it.
import type { Bench } from '../core/bench';
import type { CaseResult } from '../conformance/types';
import { formatClock } from '../../shared/format/time';
import { printable } from './terminal';
import { signalWords, type Interrupt } from './interrupt';

/** How long a stop waits for the charger to come back. */
export const COME_BACK_S = 30;
/** A charger that dropped this recently (or accepted a Reset this recently and has not dropped yet) is waited for. */
const RECENT_MS = 10_000;

export interface ComeBack {
  /** Why the charger is to be waited for before the stop (it is rebooting, or dropped a moment ago), or null. */
  awaited(): string | null;
  /** Whether it is back: connected again since the reboot or the drop it was waited for. */
  back(): boolean;
  /** Calls `fn` after each change seen (a connection, a drop, a Reset's answer); returns its removal. */
  onChange(fn: () => void): () => void;
  off(): void;
}

/** Follows `chargerId`'s connection and the Resets the bench sends it (the run's), on the wall clock. */
export function comeBack(bench: Pick<Bench, 'bus' | 'connectedChargers'>, chargerId: string, now: () => number = Date.now): ComeBack {
  /** The Resets sent and not answered yet, by message id: when each was sent. */
  const resets = new Map<string, number>();
  let resetAt: number | null = null;
  let droppedAt: number | null = null;
  let connectedAt: number | null = null;
  const listeners = new Set<() => void>();
  const off = bench.bus.subscribe((e) => {
    seen(e);
    if (e.type === 'chargerConnected' || e.type === 'chargerDisconnected' || e.type === 'frameLogged') for (const fn of [...listeners]) fn();
  });
  const seen = (e: Parameters<Parameters<Bench['bus']['subscribe']>[0]>[0]) => {
    if (e.type === 'chargerDisconnected' && e.chargerId === chargerId) droppedAt = now();
    else if (e.type === 'chargerConnected' && e.chargerId === chargerId) connectedAt = now();
    else if (e.type === 'frameLogged' && e.message.chargerId === chargerId && e.message.messageId) {
      const m = e.message;
      if (m.direction === 'out' && m.kind === 'CALL' && m.action === 'Reset') resets.set(m.messageId!, now());
      else if (m.direction === 'in' && (m.kind === 'CALLRESULT' || m.kind === 'CALLERROR') && resets.delete(m.messageId!) && m.kind === 'CALLRESULT' && /"status"\s*:\s*"Accepted"/.test(m.raw))
        resetAt = now();
    }
  };
  const online = () => bench.connectedChargers().includes(chargerId);
  const since = (t: number | null) => (t === null ? null : now() - t);
  const droppedSinceReset = () => resetAt !== null && droppedAt !== null && droppedAt >= resetAt;
  /**
   * A Reset accepted and the charger not connected again since; one still online long after it accepted, not
   * having dropped, is not rebooting after all.
   */
  const rebooting = () => resetAt !== null && (connectedAt === null || connectedAt < resetAt) && !(online() && !droppedSinceReset() && since(resetAt)! > RECENT_MS);
  /** A Reset sent a moment ago and not answered yet (its answer may be an Accepted: a reboot). */
  const asked = () => [...resets.values()].some((t) => since(t)! <= RECENT_MS);
  return {
    awaited() {
      if (asked() && !rebooting()) return `the run has just asked it to reset (at ${formatClock(Math.max(...resets.values()))})`;
      if (rebooting()) return `the run reset it at ${formatClock(resetAt!)}${droppedSinceReset() ? ` and it went offline at ${formatClock(droppedAt!)}` : ''}`;
      if (!online() && droppedAt !== null && since(droppedAt)! <= RECENT_MS) return `it went offline at ${formatClock(droppedAt)}`;
      return null;
    },
    back() {
      return online() && !asked() && !rebooting() && (droppedAt === null || (connectedAt !== null && connectedAt >= droppedAt));
    },
    onChange(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    off,
  };
}

/**
 * Waits up to COME_BACK_S for the charger to be back, saying so first; ends early when `next` aborts (the next
 * signal: the charger is left as it is) or `moved` does (the run moved on, or ended). Resolves with what
 * happened, as a line for the terminal.
 */
export async function waitComeBack(cb: ComeBack, chargerId: string, why: string, o: { next: AbortSignal; moved: AbortSignal; words: string; print: (line: string) => void }): Promise<string> {
  const { next, moved } = o;
  o.print(printable(`Waiting up to ${COME_BACK_S} s for ${chargerId} to come back to put it back (${why}; ${o.words} again to leave it as it is)`));
  const started = Date.now();
  type How = 'back' | 'timeout' | 'given up' | 'moved on';
  const how = await new Promise<How>((resolve) => {
    const done = (h: How) => {
      clearInterval(timer);
      unwatch();
      next.removeEventListener('abort', gaveUp);
      moved.removeEventListener('abort', movedOn);
      resolve(h);
    };
    const gaveUp = () => done('given up');
    const movedOn = () => done('moved on');
    // At once when it is back (before the case in progress goes on with it), or the time is up.
    const unwatch = cb.onChange(() => cb.back() && done('back'));
    const timer = setInterval(() => {
      if (cb.back()) done('back');
      else if (Date.now() - started >= COME_BACK_S * 1000) done('timeout');
    }, 250);
    next.addEventListener('abort', gaveUp, { once: true });
    moved.addEventListener('abort', movedOn, { once: true });
    if (moved.aborted) movedOn();
    else if (next.aborted) gaveUp();
  });
  const s = Math.round((Date.now() - started) / 1000);
  return printable(
    how === 'back'
      ? `${formatClock(Date.now())}  ${chargerId} is back (after ${s} s): putting it back`
      : how === 'timeout'
        ? `${chargerId} did not come back within ${COME_BACK_S} s: it is left as it is (what putting it back would take is named below)`
        : how === 'moved on'
          ? `The case in progress ended meanwhile (after ${s} s): stopping the run now`
          : `Not waiting for ${chargerId} any longer: it is left as it is (what putting it back would take is named below)`,
  );
}

/**
 * The lines for what the run's last case (or step) left on the charger: each thing not put back after it, as
 * its cleanupProblems say (the reports' lines); or, after a stop, that it was put back. Empty when no case ran.
 */
export function notPutBackLines(results: CaseResult[], stopped: boolean): string[] {
  const last = results.at(-1);
  if (!last) return [];
  if (!last.cleanupProblems.length) return stopped ? [printable(`Put back after ${last.id}: nothing was left undone`)] : [];
  return last.cleanupProblems.map((p) => printable(`Not put back after ${last.id}: ${p}`));
}

/**
 * The run's stop on the first signal, made to wait for the charger first when it is away (rebooting after the
 * run's Reset, or dropped a moment ago): `stop()` is called once, at once or once the wait is over (the charger
 * back, COME_BACK_S passed, the next signal, or `moveOn()`: the case or step it waited in has ended, and the
 * stop takes effect then, before the next one begins). `moveOn(true)`: the run has ended; a wait then ends
 * saying the stop did not take effect.
 */
export function stopAfterComeBack(interrupt: Interrupt, cb: ComeBack, chargerId: string, stop: () => void, print: (line: string) => void = console.log): { moveOn(runEnded?: boolean): void } {
  const moved = new AbortController();
  // Decided as the first signal's line is said, and kept: the stop does as the line says.
  let why: string | null | undefined;
  let [waiting, stopped, ended] = [false, false, false];
  const stopOnce = () => {
    if (stopped) return;
    stopped = true;
    stop();
  };
  interrupt.stopWaits = () => (why = cb.awaited()) !== null;
  const onSignal = () => {
    const waitFor = why === undefined ? cb.awaited() : why;
    if (!waitFor || moved.signal.aborted) return stopOnce();
    waiting = true;
    const wait = interrupt.waitFirst();
    const words = signalWords(interrupt.by ?? 'SIGINT');
    void waitComeBack(cb, chargerId, waitFor, { next: wait.signal, moved: moved.signal, words, print }).then((line) => {
      waiting = false;
      wait.done();
      if (ended) return print(printable(`The run ended while the stop waited for ${chargerId}: there was nothing left to stop`));
      print(`${line}; ${words} again quits at once`);
      stopOnce();
    });
  };
  interrupt.signal.addEventListener('abort', onSignal, { once: true });
  if (interrupt.signal.aborted) {
    interrupt.signal.removeEventListener('abort', onSignal);
    stopOnce();
  }
  return {
    moveOn: (runEnded = false) => {
      if (runEnded) ended = true;
      // Synchronously, from the event of the case's end: the run checks its stop before it begins the next.
      else if (waiting) stopOnce();
      moved.abort();
    },
  };
}
