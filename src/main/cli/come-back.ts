// A run stopped (Ctrl-C, SIGTERM, SIGHUP) while its charger is away because the run itself just restarted it
// (a Reset it accepted: it reboots) or because it dropped a moment ago: the stop waits a bounded time for the
// charger to come back, saying so on the terminal, so that putting it back (the connectors Operative, the
// keys the case changed) is done rather than named as not done; the next signal ends the wait (the charger
// is left as it is). And, at the end of every run, what was not put back, said on the terminal as the
// reports list it.
import type { CaseResult } from '../conformance/types';
import { COME_BACK_S, waitForComeBack, type ComeBack } from '../conformance/come-back';
import { formatClock } from '../../shared/format/time';
import { printable } from './terminal';
import { signalWords, type Interrupt } from './interrupt';

// What is waited for, and how, is shared with the UI's and the API's Stop (conformance/come-back.ts); the terminal's words are here.
export { COME_BACK_S, comeBack, type ComeBack } from '../conformance/come-back';

/**
 * Waits up to COME_BACK_S for the charger to be back, saying so first; ends early when `next` aborts (the next
 * signal: the charger is left as it is) or `moved` does (the run moved on, or ended). Resolves with what
 * happened, as a line for the terminal.
 */
export async function waitComeBack(cb: ComeBack, chargerId: string, why: string, o: { next: AbortSignal; moved: AbortSignal; words: string; print: (line: string) => void }): Promise<string> {
  const { next, moved } = o;
  o.print(printable(`Waiting up to ${COME_BACK_S} s for ${chargerId} to come back to put it back (${why}; ${o.words} again to leave it as it is)`));
  const started = Date.now();
  const how = await waitForComeBack(cb, { next, moved });
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
 * run's Reset, or dropped a moment ago): `stop(waited)` is called once, at once or once the wait is over (the charger
 * back, COME_BACK_S passed, the next signal, or `moveOn()`: the case or step it waited in has ended, and the
 * stop takes effect then, before the next one begins). `moveOn(true)`: the run has ended; a wait then ends
 * saying the stop did not take effect.
 */
export function stopAfterComeBack(
  interrupt: Interrupt,
  cb: ComeBack,
  chargerId: string,
  stop: (waited: boolean) => void,
  print: (line: string) => void = console.log,
): { moveOn(runEnded?: boolean): void } {
  const moved = new AbortController();
  // Decided as the first signal's line is said, and kept: the stop does as the line says.
  let why: string | null | undefined;
  let [waiting, stopped, ended] = [false, false, false];
  const stopOnce = (waited: boolean) => {
    if (stopped) return;
    stopped = true;
    stop(waited);
  };
  interrupt.stopWaits = () => (why = cb.awaited()) !== null;
  const onSignal = () => {
    const waitFor = why === undefined ? cb.awaited() : why;
    if (!waitFor || moved.signal.aborted) return stopOnce(false);
    waiting = true;
    const wait = interrupt.waitFirst();
    const words = signalWords(interrupt.by ?? 'SIGINT');
    void waitComeBack(cb, chargerId, waitFor, { next: wait.signal, moved: moved.signal, words, print }).then((line) => {
      waiting = false;
      wait.done();
      if (ended) return print(printable(`The run ended while the stop waited for ${chargerId}: there was nothing left to stop`));
      print(`${line}; ${words} again quits at once`);
      stopOnce(true);
    });
  };
  interrupt.signal.addEventListener('abort', onSignal, { once: true });
  if (interrupt.signal.aborted) {
    interrupt.signal.removeEventListener('abort', onSignal);
    stopOnce(false);
  }
  return {
    moveOn: (runEnded = false) => {
      if (runEnded) ended = true;
      // Synchronously, from the event of the case's end: the run checks its stop before it begins the next.
      else if (waiting) stopOnce(true);
      moved.abort();
    },
  };
}
