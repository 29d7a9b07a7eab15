// A commissioning run the bench's own shutdown cut short (the app closed, serve stopped with Ctrl+C): nobody
// pressed Stop, so the record says the bench shut down, when, and during which step or after which one (its outcome 'shutDown'),
// and the step it cut short says so instead of "The run was stopped …".
import type { CommissioningRunOutcome, RunShutDown } from '../../shared/api/commissioning';
import type { StopWhenBack } from '../conformance/come-back';
import type { CaseResult } from '../../shared/api/test-runs';
import { formatDateTimeWithZone } from '../../shared/format/time';

/** A run as the bench's shutdown finds it: `stepId` the step begun last, `ended` the step that ended last (ids). */
export interface ShutDownRun {
  abort: AbortController;
  stepId: string | null;
  ended?: string;
  stopper: Pick<StopWhenBack, 'waiting'>;
  shutDown?: RunShutDown;
}

/**
 * The bench is shutting down at `at`: a run nobody asked to stop is marked as cut short by it, during its step
 * in progress (null: none: before the first step, between steps, or after the last one, while the run reads the
 * configuration at its end), and so is its window in the record while it is open. False: a person asked to stop
 * it already (stopped, or their Stop waiting for the charger to come back): their Stop stands.
 */
export function markShutDown(
  a: ShutDownRun,
  c: { steps: ReadonlyArray<{ id: string; title: string }>; runs: Array<{ finishedAt: string | null; steps?: string[]; shutDown?: RunShutDown }> },
  at: string,
): boolean {
  if (a.abort.signal.aborted || a.stopper.waiting()) return false;
  mark(a, c, at);
  return true;
}

type Run = Parameters<typeof markShutDown>[1];

/** Marks the run (and its window while open) as cut short at `at` where it is: during its step in progress, after the step that ended last, or before the first. */
function mark(a: ShutDownRun, c: Run, at: string): void {
  const title = (id: string | null | undefined) => c.steps.find((s) => s.id === id)?.title ?? null;
  const window = c.runs.at(-1);
  const during = a.stepId !== a.ended ? title(a.stepId) : null;
  const after = during === null ? title(a.ended) : null;
  a.shutDown = { at, during, ...(after !== null ? { after: { step: after, last: window?.steps?.at(-1) === a.ended } } : {}) };
  if (window?.finishedAt === null) window.shutDown = a.shutDown;
}

/**
 * A step of the run has ended (`id`; `cut`: the Stop or the shutdown cut it short, its result inconclusive).
 * One that ended whole after the shutdown marked the run during it (its last request answered, its put-back
 * done) was not cut short: the mark says the bench shut down after it.
 */
export function stepEnded(a: ShutDownRun, c: Run, id: string, cut: boolean): void {
  a.ended = id;
  if (a.shutDown && !cut) mark(a, c, a.shutDown.at);
}

/** How a run ended: stopped (by a person, or by the bench's shutdown when `shutDown` is known), or not. */
export const stoppedOutcome = (shutDown: RunShutDown | undefined): 'stopped' | 'shutDown' => (shutDown ? 'shutDown' : 'stopped');

/**
 * Records how a run ended on its window: `ended` as the runner said, a stopped one cut short by the bench's
 * shutdown when it marked it (`shutDown`). The shutdown's mark stays only on a run it cut short: one the runner
 * had finished (or that broke) keeps no "shut down during …".
 */
export function endedAs(window: { outcome?: CommissioningRunOutcome; shutDown?: RunShutDown }, ended: 'stopped' | 'finished' | 'broken', shutDown: RunShutDown | undefined): void {
  window.outcome = ended === 'stopped' ? stoppedOutcome(shutDown) : ended;
  if (window.outcome !== 'shutDown') delete window.shutDown;
}

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

/**
 * Stops a run because the bench is shutting down: one nobody asked to stop is marked as cut short by it
 * (markShutDown; `save` records that at once, in case the run cannot record its end in time); a Stop waiting
 * for the charger ends without waiting more (its outcome stays stopped), and the run is stopped now.
 */
export function shutDownRun<C extends Parameters<typeof markShutDown>[1]>(
  a: ShutDownRun & { stopper: Pick<StopWhenBack, 'waiting' | 'stoppedAtOnce'> },
  c: C | undefined,
  at: string,
  save: (c: C) => void,
): void {
  if (c && markShutDown(a, c, at)) save(c);
  a.stopper.stoppedAtOnce();
  a.abort.abort();
}
