// A stopped run's record of its stop (run.stop, shared/api/run-stop.ts): who asked for it and when (the
// service's stop, the CLI's signal, the bench shutting down), what was in progress when it took effect, and,
// once the run has ended, what putting the charger back left undone: what the last case that ran could not
// put back, and what the run's end could not (MinimumStatusDuration, a firmware a case installed).
import type { RunResult } from './types';
import type { RunStop, RunStopBy } from '../../shared/api/run-stop';
import { afterCasesProblem } from './after-cases';

/** Who asked for the stop, and when (the wall clock). */
export interface StopAsked {
  by: RunStopBy;
  signal?: string;
  requestedAt: string;
}

/** What was in progress when the stop took effect (the run's abort), and when. */
export interface StopTook {
  at: string;
  /** The case in progress then; null when none was (the setup, between two cases, after the last: one that has ended is not). */
  caseId: string | null;
  /** Its step; with no case in progress, what the bench was doing (putting the charger back after the cases), or null. */
  step: string | null;
}

/** What of a run its stop reads: the cases that ran, and what its end could not put back (a run stopped before its setup had read the charger: none). */
export type StoppedRun = Pick<RunResult, 'cases' | 'state' | 'pics'> & Partial<Pick<RunResult, 'error' | 'notPutBackAtEnd'>>;

/** What the run's end left undone: a problem after the cases, one a Stop in the setup left (it read the charger first), a firmware not put back. */
function leftAtEnd(run: StoppedRun): string[] {
  const after = afterCasesProblem(run) ?? (run.pics && run.error ? run.error : null);
  return [...(after ? [after] : []), ...(run.notPutBackAtEnd ?? [])];
}

/** The stop of a run that ended stopped (a test run, or a commissioning's run on the same engine); asked absent: the run's own abort without a stop through the service (taken as the run's Stop). */
export function stopOf(run: StoppedRun, asked: StopAsked | undefined, took: StopTook): RunStop {
  const last = run.cases.at(-1);
  return {
    by: asked?.by ?? 'stop',
    ...(asked?.signal && { signal: asked.signal }),
    requestedAt: asked?.requestedAt ?? took.at,
    at: took.at,
    caseId: took.caseId,
    step: took.step,
    putBack: { after: last?.id ?? null, problems: [...(last?.cleanupProblems ?? []), ...leftAtEnd(run)] },
  };
}
