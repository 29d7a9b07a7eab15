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

/** How good a verdict is, to tell which way a case moved between two runs: a pass is best, a fail or error worst. */
const rank: Record<Verdict, number> = { pass: 3, notApplicable: 2, notSupported: 2, inconclusive: 1, fail: 0, error: 0 };

export function movement(before: Verdict | null, after: Verdict | null): 'same' | 'better' | 'worse' | 'changed' {
  if (before === after) return 'same';
  if (before === null || after === null) return 'changed';
  if (rank[after] > rank[before]) return 'better';
  if (rank[after] < rank[before]) return 'worse';
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
