// How a commissioning run that did not finish ended, in the words every face of it uses (its page, the API's
// view, the reports, the CLI): stopped (who asked, when, during which step: the run.stop a conformance run
// records too, shared/api/run-stop.ts), or interrupted: the bench stopped without shutting down (killed,
// crashed, the computer lost power), so the record never heard the run end; it says what it last heard.
import { stopByWords, type RunStop } from './run-stop';

/**
 * A run the bench's record holds as running when the bench opens it again: the bench stopped without shutting
 * down. `lastHeardAt`: the last time the record heard from the run (its last progress saved; null: not known,
 * a run recorded before it was kept). `during`: the step it had begun and not ended then (its title; null:
 * none). `after`: with none going on, the run's step that had ended last (its title) and whether it was the
 * run's last step; absent: before the first step.
 */
export interface RunInterrupted {
  lastHeardAt: string | null;
  during: string | null;
  after?: { step: string; last: boolean };
}

/** Where a run was: "during Card reader", "between steps (after Card reader)", "after the last step (…)", "before the first step". */
export function whereWords(w: Pick<RunInterrupted, 'during' | 'after'>): string {
  return w.during ? `during ${w.during}` : !w.after ? 'before the first step' : w.after.last ? `after the last step (${w.after.step})` : `between steps (after ${w.after.step})`;
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
 * A commissioning run's stop in words: "Stopped by Ctrl-C (SIGINT) to the CLI at 10:02:13 during step Card
 * reader (Step 2: …)", "… between steps (after Card reader)". `title` names a step by its id; `time` writes a time.
 */
export function commissioningStopWords(stop: RunStop, title: (id: string) => string, time: (iso: string) => string): string {
  const asked = stop.requestedAt !== stop.at ? ` (asked at ${time(stop.requestedAt)}; it waited for the charger to come back)` : '';
  const where = stop.caseId ? `during step ${title(stop.caseId)}${stop.step ? ` (${stop.step})` : ''}` : (stop.step ?? 'with no step in progress');
  return `Stopped by ${stopByWords(stop)} at ${time(stop.at)}${asked} ${where}`;
}
