// A commissioning run the bench's own shutdown cut short (the app closed, serve stopped with Ctrl+C): nobody
// pressed Stop, so the record says the bench shut down, when, and during which step (its outcome 'shutDown'),
// and the step it cut short says so instead of "The run was stopped …".
import type { RunShutDown } from '../../shared/api/commissioning';
import type { CaseResult } from '../../shared/api/test-runs';
import { formatDateTimeWithZone } from '../../shared/format/time';

/**
 * The bench is shutting down at `at`: a run not stopped yet is marked as cut short by it, during its step in
 * progress (null: before the first step), and so is its window in the record while it is open. False: it was
 * stopped already (a person's Stop stands).
 */
export function markShutDown(
  a: { abort: AbortController; stepId: string | null; shutDown?: RunShutDown },
  c: { steps: ReadonlyArray<{ id: string; title: string }>; runs: Array<{ finishedAt: string | null; shutDown?: RunShutDown }> },
  at: string,
): boolean {
  if (a.abort.signal.aborted) return false;
  a.shutDown = { at, during: c.steps.find((s) => s.id === a.stepId)?.title ?? null };
  const window = c.runs.at(-1);
  if (window?.finishedAt === null) window.shutDown = a.shutDown;
  return true;
}

/** How a run ended: stopped (by a person, or by the bench's shutdown when `shutDown` is known), or not. */
export const stoppedOutcome = (shutDown: RunShutDown | undefined): 'stopped' | 'shutDown' => (shutDown ? 'shutDown' : 'stopped');

/**
 * The result of the step the shutdown cut short: its reason ("The run was stopped while this step waited for
 * the person at the charger (…), so the step did not finish: Run again repeats it.") names the shutdown instead.
 */
export function shutDownResult(result: CaseResult, s: RunShutDown): CaseResult {
  const bench = `The bench shut down at ${formatDateTimeWithZone(s.at)}`;
  const reason =
    result.reason && /^The run was stopped/.test(result.reason)
      ? result.reason.replace(/^The run was stopped/, bench)
      : `${bench} during this step, so the step did not finish: Run again repeats it.${result.reason ? ` (${result.reason})` : ''}`;
  return { ...result, reason };
}
