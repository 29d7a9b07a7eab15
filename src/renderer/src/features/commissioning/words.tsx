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

/** A step of the plan: waiting (never run), running now, or its latest verdict. */
export function stepState(step: CommissioningStep, runningStepId: string | null): CaseState {
  if (step.id === runningStepId) return 'running';
  return step.result?.verdict ?? 'waiting';
}

/** "Depot Nord, bay 4" */
export const placeOf = (job: { site: string; location: string }) => [job.site, job.location].filter(Boolean).join(', ');
