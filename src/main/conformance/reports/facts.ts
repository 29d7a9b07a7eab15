// What every report of a run says the same way: the cases a stopped run never ran, how many cases of the
// suite the bench cannot run yet, the run's wall-clock times, who acted in a step, why the
// configuration at the end is missing, and how a time of the run's setup reads.
import { octt16Cases } from '../octt16';
import type { CaseResult, NotYetSupported, RunResult, StepActor, StepResult } from '../types';
import { afterCasesProblem } from '../after-cases';
import { notYetSupportedOf as notYetSupportedList } from '../not-yet-supported';
import { ranOnFakeTime, utcClock } from '../../../shared/api/test-runs';

/** A planned case a stopped run never came to. */
export interface NotRunCase {
  id: string;
  title: string;
  profile: CaseResult['profile'] | 'unknown';
  section: string;
}

/** Why a stopped run's remaining cases did not run, in words ("the run was stopped"); a problem after its cases is not why. */
export const notRunWhy = (run: RunResult): string =>
  run.state === 'error'
    ? `the run could not be carried out: ${run.error ?? 'the bench could not go on'}`
    : run.error && !afterCasesProblem(run)
      ? `the run ended early: ${run.error}`
      : 'the run was stopped';

/** A run the bench could not carry out (state error), in a sentence with why; null for any other run. */
export function couldNotRun(run: RunResult): string | null {
  if (run.state !== 'error') return null;
  const planned = run.planned?.length ?? run.cases.length;
  const notRun = planned - run.cases.length;
  return `The run could not be carried out: ${run.error ?? 'the bench could not go on'}. ${notRun} of ${planned} planned case${planned === 1 ? ' was' : 's were'} not run.`;
}

/** The planned cases a stopped run, or one that could not be carried out, never came to (in the order planned); none for a run that finished or is running. */
function leftOut(run: RunResult): string[] {
  if ((run.state !== 'stopped' && run.state !== 'error') || !run.planned) return [];
  const ran = new Set(run.cases.map((c) => c.id));
  return run.planned.filter((id) => !ran.has(id));
}

/**
 * The cases a stopped run was started with and never ran (in the order planned); none for a run that
 * finished or is running. A case the bench cannot run yet is not among them: it is Not supported yet
 * (notYetSupportedOf), as in a run that finished.
 */
export function notRunCases(run: RunResult): NotRunCase[] {
  return leftOut(run).flatMap((id) => {
    const def = octt16Cases.find((c) => c.id === id);
    return def?.notSupported ? [] : [{ id, title: def?.title ?? '', profile: def?.profile ?? 'unknown', section: def?.section ?? '' }];
  });
}

/**
 * The suite's cases the bench cannot run yet that have no verdict in the run: the run's own list, as the run
 * makes it (not-yet-supported.ts; one kept before it listed those a stopped run never came to still does).
 */
export const notYetSupportedOf = (run: RunResult): NotYetSupported[] => notYetSupportedList(run, octt16Cases);

/**
 * "Not supported yet" as every report counts it: every case of the suite the bench cannot run yet, those
 * the run gave a verdict (notSupported, counted in summary.notSupported) and those without one
 * (notYetSupportedOf: not included, or never come to in a stopped run). None counts as passed or failed.
 */
export const notSupportedCount = (run: RunResult): number => run.summary.notSupported + notYetSupportedOf(run).length;

/** When the run started and finished on the wall clock (shared with the UI). */
export { wallTimes } from '../../../shared/api/test-runs';

/** A time on the run's clock (a session its setup ended) as the reports write it: UTC, a fake clock's said so. */
export const setupTime =
  (run: Pick<RunResult, 'fakeTime' | 'virtual' | 'ms' | 'wallMs'>) =>
  (iso: string): string =>
    `${utcClock(iso)}${ranOnFakeTime(run) ? ' (fake clock)' : ''}`;

/** Who acts in a step, as the UI shows it (the bench sending an operation, `tool`, is the Bench too). */
export const actorLabel: Record<StepActor, string> = { charger: 'Charger', tool: 'Bench', operator: 'Operator', bench: 'Bench' };

/** Why the configuration at the end is missing, when it is (null: it was read, or the run is still running). */
export function configAtEndMissing(run: RunResult): string | null {
  if (run.configAtEnd) return null;
  if (run.configAtEndProblem) return run.configAtEndProblem;
  return run.state === 'running' ? null : 'it was not read (the run was kept before the reason was recorded)';
}

/**
 * A step's outcome as the report says it: the status itself (stopped: the run's Stop cut it short; skipped:
 * the person's Skip), but "Cannot do", a request nobody acted on in time and a step the bench could not
 * judge (the charger offline through a quiet window) in words.
 */
export const stepWords: Partial<Record<StepResult['status'], string>> = { operatorCouldNot: 'operator could not', timedOut: 'timed out', notJudged: 'not judged' };
