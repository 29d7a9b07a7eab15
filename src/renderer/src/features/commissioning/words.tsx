// How a commissioning reads: its verdict and state as chips, a step's state, and what the run is doing.
import Chip, { type ChipProps } from '@mui/material/Chip';
import { commissioningStateWords, type CommissioningState, type CommissioningStep, type CommissioningVerdict } from '../../../../shared/api/commissioning';
import type { CaseState } from '../../components/verdicts';

const verdicts: Record<CommissioningVerdict, { label: string; color: ChipProps['color'] }> = {
  pass: { label: 'Pass', color: 'success' },
  fail: { label: 'Needs a revisit', color: 'error' },
  incomplete: { label: 'Incomplete', color: 'warning' },
};

/**
 * A commissioning's state in a list, where its steps are not at hand, in the words the site summary page
 * uses too (commissioningStateWords). The header says more, from the steps (progress.ts).
 */
export const stateWords: Record<CommissioningState, string> = commissioningStateWords;

export function CommissioningVerdictChip({ verdict, size = 'small' }: { verdict: CommissioningVerdict; size?: ChipProps['size'] }) {
  const v = verdicts[verdict];
  return <Chip size={size} color={v.color} variant={verdict === 'incomplete' ? 'outlined' : 'filled'} label={v.label} />;
}

/**
 * A step of the plan: running now, its latest verdict, waiting (in the run in progress and still to come:
 * without a result, or with one of an earlier run only, from before `runStartedAt`), or never run (without a
 * result and not in the run in progress: nothing queues it).
 * `queued`: the steps the run in progress was asked to run (null: no run, or one whose steps are not known,
 * read as all of them while it runs). `runStartedAt`: when the run in progress began (null: not known).
 */
export function stepState(step: CommissioningStep, runningStepId: string | null, queued: string[] | null = null, runStartedAt: string | null = null): CaseState | 'notRun' {
  if (step.id === runningStepId) return 'running';
  if (queued?.includes(step.id) && (!step.result || earlierRun(step, runStartedAt))) return 'waiting';
  if (step.result) return step.result.verdict;
  return 'notRun';
}

/** Whether the step's result is of a run before the one that began at `runStartedAt` (false when either is not known). */
export function earlierRun(step: CommissioningStep, runStartedAt: string | null): boolean {
  if (!step.result || !runStartedAt) return false;
  const at = Date.parse(step.result.startedAt);
  const from = Date.parse(runStartedAt);
  return Number.isFinite(at) && Number.isFinite(from) && at < from;
}

/** When the run in progress began, as the bench says (null: none runs, or it does not say). */
export const runStartedAt = (view: { lastRun?: { outcome: string; startedAt: string } | null }): string | null => (view.lastRun?.outcome === 'running' ? view.lastRun.startedAt : null);

/** The steps a run in progress was asked to run (all of the plan's when it does not say), or null when none runs. */
export function queuedSteps(view: { steps: CommissioningStep[]; state: string; running?: unknown; lastRun?: { outcome: string; steps: string[] } | null }): string[] | null {
  if (view.lastRun?.outcome === 'running') return view.lastRun.steps;
  return view.state === 'running' || view.running ? view.steps.map((s) => s.id) : null;
}

/** "Depot Nord, bay 4" */
export const placeOf = (job: { site: string; location: string }) => [job.site, job.location].filter(Boolean).join(', ');
