// How verdicts and case states read on the Test runs and Commissioning screens: one label and one colour per verdict, the
// chip that shows them, and which way a verdict moved between two runs.
import Chip, { type ChipProps } from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import type { RunSummary, Verdict } from '../../../shared/api/test-runs';

export const verdictLabel: Record<Verdict, string> = {
  pass: 'Pass',
  fail: 'Fail',
  notApplicable: 'Not applicable',
  inconclusive: 'Inconclusive',
  error: 'Error',
  notSupported: 'Not supported yet',
};

const verdictColour: Record<Verdict, ChipProps['color']> = {
  pass: 'success',
  fail: 'error',
  notApplicable: 'default',
  inconclusive: 'warning',
  error: 'error',
  notSupported: 'default',
};

/** The order verdicts are summed up in. */
export const verdictOrder: Verdict[] = ['pass', 'fail', 'error', 'inconclusive', 'notApplicable', 'notSupported'];

/** A case's state in a run: still to come, in progress, or its verdict. */
export type CaseState = 'waiting' | 'running' | Verdict;

export function VerdictChip({ state, size = 'small' }: { state: CaseState; size?: ChipProps['size'] }) {
  if (state === 'waiting') return <Chip size={size} variant="outlined" label="Waiting" />;
  if (state === 'running') return <Chip size={size} color="primary" icon={<CircularProgress size={12} thickness={6} sx={{ color: 'inherit !important' }} aria-hidden />} label="Running" />;
  return <Chip size={size} color={verdictColour[state]} variant={state === 'error' || state === 'notSupported' ? 'outlined' : 'filled'} label={verdictLabel[state]} />;
}

/** "12 pass, 1 fail, 3 not applicable" as chips; verdicts no case has are left out. */
export function SummaryChips({ summary, size = 'small' }: { summary: RunSummary; size?: ChipProps['size'] }) {
  const shown = verdictOrder.filter((v) => summary[v] > 0);
  if (!shown.length) return <Chip size={size} variant="outlined" label="No verdict yet" />;
  return (
    <>
      {shown.map((v) => (
        <Chip key={v} size={size} color={verdictColour[v]} variant={v === 'error' || v === 'notSupported' ? 'outlined' : 'filled'} label={`${summary[v]} ${verdictLabel[v].toLowerCase()}`} />
      ))}
    </>
  );
}

/** Whether a verdict is a problem the charger has (a failed, erred or inconclusive case re-runs). */
export const isProblem = (v: Verdict) => v === 'fail' || v === 'error' || v === 'inconclusive';

/**
 * Which way a case moved between two runs (A, then B): better only when B verified it (a Fail, Error or
 * Inconclusive that passes); worse when a Pass no longer does (whatever B says); not concluded when B
 * verified nothing where A had a problem (Fail or Error to Inconclusive: no better, and counted apart);
 * changed for any other move (Inconclusive to Fail, Fail to Error, to or from Not applicable).
 */
export type Movement = 'same' | 'better' | 'worse' | 'notConcluded' | 'changed';

export function movement(before: Verdict | null, after: Verdict | null): Movement {
  if (before === after) return 'same';
  if (before === null || after === null) return 'changed';
  if (before === 'pass') return 'worse';
  if (after === 'pass') return isProblem(before) ? 'better' : 'changed';
  if (after === 'inconclusive' && isProblem(before)) return 'notConcluded';
  return 'changed';
}

/** "1.2 s", "4 min 05 s", "1 h 02 min". */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(Math.floor(s % 60)).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}
