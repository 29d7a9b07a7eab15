// How a commissioning run that did not finish ended, in the words every face of it uses (its page, the API's
// view, the reports, the CLI): stopped (who asked, when, during which step: the run.stop a conformance run
// records too, shared/api/run-stop.ts), or interrupted: the bench stopped without shutting down (killed,
// crashed, the computer lost power), so the record never heard the run end; it says what it last heard.
import { stopByWords, type RunStop } from './run-stop';
import { commissioningStateWords, type CommissioningState } from './commissioning';

/**
 * A run the bench's record holds as running when the bench opens it again: the bench stopped without shutting
 * down. `lastHeardAt`: the last time the record heard from the run (its last progress saved; null: not known,
 * a run recorded before it was kept). `during`: the step it had begun and not ended then (its title; null:
 * none). `after`: with none going on, the run's step that had ended last (its title) and whether it was the
 * run's last step; absent: before the first step. `fromResults`: a run recorded before its progress was kept,
 * where it was read from its steps' results (`after`: the last step with a result; absent: none had one); a
 * result is recorded only when a step ends, so the next step may well have begun: not known.
 */
export interface RunInterrupted {
  lastHeardAt: string | null;
  during: string | null;
  after?: { step: string; last: boolean };
  fromResults?: true;
}

/**
 * Where a run was: "during Card reader", "between steps (after Card reader)", "after the last step (…)", "before
 * the first step"; read from the results only: "after Card reader, the last step with a result (whether the
 * next one had begun is not known)", "before any step had a result".
 */
export function whereWords(w: Pick<RunInterrupted, 'during' | 'after' | 'fromResults'>): string {
  if (w.during) return `during ${w.during}`;
  if (w.fromResults && !w.after) return 'before any step had a result';
  if (!w.after) return 'before the first step';
  if (w.after.last) return `after the last step (${w.after.step})`;
  return w.fromResults ? `after ${w.after.step}, the last step with a result (whether the next one had begun is not known)` : `between steps (after ${w.after.step})`;
}

/** A commissioning whose last run the bench's unexpected stop cut short, in a list's words (the start of its page's header). */
export const INTERRUPTED_STATE = 'Cut short: the bench stopped unexpectedly';

/**
 * A commissioning's state in a list (the commissionings list, the site summary), as its page's header starts:
 * its last run cut short by the bench stopping unexpectedly (`interrupted`) is said so, never "Not started".
 */
export function listedStateWords(state: CommissioningState, interrupted: boolean): string {
  return interrupted && state !== 'running' && state !== 'handedOver' ? `${INTERRUPTED_STATE}, not handed over` : commissioningStateWords[state];
}

/**
 * "the bench stopped unexpectedly (no clean shutdown: it was killed, crashed or lost power) during Card reader;
 * the record last heard from the run at 10:02:13". `time` writes a time as the face does.
 */
export function interruptedWords(i: RunInterrupted, time: (iso: string) => string): string {
  const heard = i.lastHeardAt ? `; the record last heard from the run at ${time(i.lastHeardAt)}` : '';
  return `the bench stopped unexpectedly (no clean shutdown: it was killed, crashed or lost power) ${whereWords(i)}${heard}`;
}

/**
 * What putting the charger back came to once the run was stopped (run.stop.putBack, as a test run's stop
 * says it: run-stop.ts putBackWords): "the charger was put back", "nothing to put back (no step had run)" (a run
 * stopped before its first step, or before its setup read the charger: putBack.after null), or "not put back:
 * <what was left undone>".
 */
export function commissioningPutBackWords(stop: Pick<RunStop, 'putBack'>): string {
  if (stop.putBack.problems.length) return `not put back: ${stop.putBack.problems.join('; ')}`;
  return stop.putBack.after === null ? 'nothing to put back (no step had run)' : 'the charger was put back';
}

/**
 * A commissioning run's stop in words: "Stopped by Ctrl-C (SIGINT) to the CLI at 10:02:13 during step Card
 * reader (Step 2: …); the charger was put back", "… between steps (after Card reader); not put back: <what>".
 * `title` names a step by its id; `time` writes a time.
 */
export function commissioningStopWords(stop: RunStop, title: (id: string) => string, time: (iso: string) => string): string {
  const asked = stop.requestedAt !== stop.at ? ` (asked at ${time(stop.requestedAt)}; it waited for the charger to come back)` : '';
  const where = stop.caseId ? `during step ${title(stop.caseId)}${stop.step ? ` (${stop.step})` : ''}` : (stop.step ?? 'with no step in progress');
  return `Stopped by ${stopByWords(stop)} at ${time(stop.at)}${asked} ${where}; ${commissioningPutBackWords(stop)}`;
}
