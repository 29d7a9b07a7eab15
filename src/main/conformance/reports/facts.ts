// What every report of a run says the same way: the cases a stopped run never ran, how many cases of the
// suite the bench cannot run yet, the run's wall-clock times, who acted in a step, and why the
// configuration at the end is missing.
import { octt16Cases } from '../octt16';
import type { CaseResult, RunResult, StepActor } from '../types';

/** A planned case a stopped run never came to. */
export interface NotRunCase {
  id: string;
  title: string;
  profile: CaseResult['profile'] | 'unknown';
  section: string;
}

/** Why a stopped run's remaining cases did not run, in words ("the run was stopped"). */
export const notRunWhy = (run: RunResult): string => (run.error ? `the run ended early: ${run.error}` : 'the run was stopped');

/** The cases a stopped run was started with and never ran (in the order planned); none for a run that finished or is running. */
export function notRunCases(run: RunResult): NotRunCase[] {
  if (run.state !== 'stopped' || !run.planned) return [];
  const ran = new Set(run.cases.map((c) => c.id));
  return run.planned
    .filter((id) => !ran.has(id))
    .map((id) => {
      const def = octt16Cases.find((c) => c.id === id);
      return { id, title: def?.title ?? '', profile: def?.profile ?? 'unknown', section: def?.section ?? '' };
    });
}

/**
 * "Not supported yet" as every report counts it: every case of the suite the bench cannot run yet, those
 * the run included (verdict notSupported, counted in summary.notSupported) and those it did not (the
 * notYetSupported list). None of them counts as passed or failed.
 */
export const notSupportedCount = (run: RunResult): number => run.summary.notSupported + (run.notYetSupported?.length ?? 0);

/** When the run started and finished on the wall clock (shared with the UI). */
export { wallTimes } from '../../../shared/api/test-runs';

/** Who acts in a step, as the UI shows it (the bench sending an operation, `tool`, is the Bench too). */
export const actorLabel: Record<StepActor, string> = { charger: 'Charger', tool: 'Bench', operator: 'Operator', bench: 'Bench' };

/** Why the configuration at the end is missing, when it is (null: it was read, or the run is still running). */
export function configAtEndMissing(run: RunResult): string | null {
  if (run.configAtEnd) return null;
  if (run.configAtEndProblem) return run.configAtEndProblem;
  return run.state === 'running' ? null : 'it was not read (the run was kept before the reason was recorded)';
}
