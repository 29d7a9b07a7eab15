// The parts of a run's page (RunScreen): its cases in order with their states (a stopped run's cases it never
// came to included, as not run; one that began on a charger not put back marked so; on a real charger, one with
// steps that passed on the operator's word marked so, with how many), the case in progress
// with its step and frames, what the bench does between
// cases, and how a state reads once the link to the bench is lost (the last known, greyed, as of then).
import { useEffect, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import RecordVoiceOverOutlinedIcon from '@mui/icons-material/RecordVoiceOverOutlined';
import { stepsOnWord } from '../../../../shared/api/operator-word';
import type { CaseInfo, CaseResult, RunResult, StepWait } from '../../../../shared/api/test-runs';
import type { ChargerView } from '../../../../shared/api/views';
import { CaseFrames } from '../../components/CaseFrames';
import { formatClock, formatWhen } from '../../components/format';
import { neverConnected } from '../../components/reach';
import { VerdictChip, type CaseState } from '../../components/verdicts';
import type { LiveRun } from './useRun';
import { benchNow } from '../../components/benchClock';

/** A case's state on the run's page: a verdict, waiting, running, or never come to in a stopped run. */
export type RowState = CaseState | 'notRun';

export interface Row {
  id: string;
  state: RowState;
  result: CaseResult | null;
}

/** Why a stopped run's remaining cases did not run, in words (as the reports say it). */
export const notRunWhy = (run: RunResult): string => (run.state === 'error' ? 'the run could not be carried out' : run.error ? 'the run ended early' : 'the run was stopped');

/** How a run that has ended ended, as a chip: Finished, Stopped (somebody stopped it), or Could not run (the bench could not carry it out). */
export function RunEndChip({ state }: { state: RunResult['state'] }) {
  if (state === 'error') return <Chip size="small" variant="filled" color="error" label="Could not run" />;
  return <Chip size="small" variant="outlined" color={state === 'stopped' ? 'warning' : 'default'} label={state === 'stopped' ? 'Stopped' : 'Finished'} />;
}

/** "5 min", "30 s", "1 min 30 s": how long the run waits for something. */
const waitWords = (s: number) => (s < 60 ? `${s} s` : s % 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s / 60} min`);

/**
 * What the bench does before the first case: it waits for an offline charger to connect (saying when it was last seen,
 * for how long, and what happens when it does not), reads its configuration keys, or puts it right.
 */
export function beforeFirstCase(run: RunResult, charger: ChargerView | undefined, now = benchNow()): string {
  if (run.pics) return 'Putting the charger right before the first case (a session still going is ended, a cable left in unplugged)…';
  if (charger && !charger.connected) {
    const wait = run.data.operatorTimeoutS;
    const start = Date.parse(run.wallStartedAt ?? run.startedAt);
    // On a fake clock (chargebench test --virtual) the wait runs on the charger's time: no wall-clock deadline.
    const until = run.fakeTime || !Number.isFinite(start) ? '' : ` (until ${formatWhen(start + wait * 1000, now)})`;
    return `Waiting for ${run.chargerId} to connect: ${neverConnected(charger) ? 'it has never connected' : `it is offline (last seen ${formatWhen(charger.lastSeen, now)})`}. The run waits up to ${waitWords(wait)} for it${until}; if it does not connect by then, the run ends as Could not run and no case is run.`;
  }
  return 'Reading what the charger supports (its configuration keys) before the first case…';
}

/**
 * The cases of the run in order: those with a verdict, the one in progress, those still to come, and those a
 * stopped run never came to (a case the bench cannot run yet is Not supported yet, as the reports count it).
 * `current` null: not known which case runs (a bench that does not say): the first without a verdict.
 */
export function rowsOf(run: RunResult, current: LiveRun['current'], cases: CaseInfo[] | null): Row[] {
  const done = new Map(run.cases.map((c) => [c.id, c]));
  const ids = [...(run.planned ?? []), ...run.cases.map((c) => c.id), ...(current?.caseId ? [current.caseId] : [])].filter((id, i, all) => all.indexOf(id) === i);
  const running = run.state !== 'running' ? null : current ? (current.caseId && !done.has(current.caseId) ? current.caseId : null) : (ids.find((id) => !done.has(id)) ?? null);
  const unsupported = new Set((cases ?? []).filter((c) => c.notSupported).map((c) => c.id));
  return ids.map((id) => {
    const result = done.get(id) ?? null;
    if (result) return { id, result, state: result.verdict };
    if (run.state === 'running') return { id, result, state: id === running ? 'running' : 'waiting' };
    return { id, result, state: unsupported.has(id) ? 'notSupported' : 'notRun' };
  });
}

/** A row's or the run's state as a chip; frozen (the link to the bench lost): the last known, greyed, without a spinner. */
export function StateChip({ state, frozen, size = 'small' }: { state: RowState; frozen?: string | null; size?: 'small' | 'medium' }) {
  if (state === 'notRun') return <Chip size={size} variant="outlined" label="Not run" />;
  if (state === 'running' && frozen) return <Chip size={size} variant="outlined" label={`Running · as of ${frozen}`} sx={{ color: 'text.disabled', borderStyle: 'dashed' }} />;
  return <VerdictChip state={state} size={size} />;
}

export function CaseList({
  rows,
  selected,
  onSelect,
  titles,
  frozen,
  virtual = false,
}: {
  rows: Row[];
  selected: string | null;
  onSelect: (id: string) => void;
  titles: Record<string, string>;
  frozen: string | null;
  /** The run's charger is a built-in virtual one: its hands did the operator steps, nobody's word is taken. */
  virtual?: boolean;
}) {
  return (
    <Paper sx={{ overflow: 'auto', maxHeight: { md: 'calc(100vh - 260px)' }, minHeight: 200 }}>
      <List dense disablePadding aria-label="Cases of the run">
        {rows.map((r) => {
          // Began on a charger the case before could not put back: its verdict may owe to that.
          const after = r.result?.notPutBack?.after;
          const began = after ? `began on a charger not put back after ${after}` : null;
          // Steps that passed on a person's Done, not on frames the bench checked (a real charger's run only).
          const onWord = virtual || !r.result ? 0 : stepsOnWord(r.result).length;
          const word = onWord ? `${onWord} step${onWord === 1 ? '' : 's'} passed on the operator's word` : null;
          return (
            <ListItemButton
              key={r.id}
              selected={r.id === selected}
              onClick={() => onSelect(r.id)}
              aria-label={`${r.id}: ${r.state}${began ? `, ${began}` : ''}${word ? `, ${word}` : ''}`}
              sx={{ gap: 1, borderBottom: 1, borderColor: 'divider' }}
            >
              <ListItemText
                primary={r.id}
                secondary={began ? `Began on a charger not put back after ${after}` : (r.result?.title ?? titles[r.id])}
                slotProps={{ primary: { sx: { fontWeight: 600, fontSize: 14 } }, secondary: { noWrap: true, sx: { fontSize: 12, ...(began && { color: 'warning.dark' }) } } }}
                sx={{ minWidth: 0 }}
              />
              {began && (
                <Tooltip title={`This case ${began}: it may have failed because of that`}>
                  <WarningAmberIcon fontSize="small" color="warning" titleAccess={`Began on a charger not put back after ${after}`} />
                </Tooltip>
              )}
              {word && (
                <Tooltip title={`${word} (the person said they did it or saw it; the bench did not check it from frames)`}>
                  <RecordVoiceOverOutlinedIcon fontSize="small" color="action" titleAccess={word} />
                </Tooltip>
              )}
              <StateChip state={r.state} frozen={frozen} />
            </ListItemButton>
          );
        })}
      </List>
    </Paper>
  );
}

export function LiveCase({
  caseId,
  step,
  started,
  frames,
  framesFrom,
  title,
  frozen,
  setup,
  caseStartedAt,
  stepWait,
}: {
  caseId: string;
  step: string | null;
  started: boolean;
  /** When the case began (the bench's clock): its frames' times count from it, as the finished case's do. */
  caseStartedAt?: string | null;
  /** How long the step waits at most, and until when. */
  stepWait?: StepWait | null;
  frames: LiveRun['frames'];
  framesFrom: string | null;
  title: string | null;
  frozen: string | null;
  /** What the bench does before the first case (beforeFirstCase), shown while the case has not started. */
  setup?: string;
}) {
  return (
    <Stack spacing={2} component="article" aria-label={`Case ${caseId} in progress`}>
      <Box>
        <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center' }}>
          <Typography variant="h6" component="h2">
            {caseId}
          </Typography>
          <StateChip state="running" size="medium" frozen={frozen} />
        </Stack>
        {title && <Typography>{title}</Typography>}
      </Box>
      <Alert severity="info" icon={false} aria-label="Current step" aria-live="polite" sx={frozen ? { color: 'text.disabled', bgcolor: 'action.hover' } : undefined}>
        <Typography variant="subtitle2" component="span">
          {frozen && `As of ${frozen}: `}
          {step ?? (started ? 'Preparing the case…' : (setup ?? 'Reading what the charger supports (its configuration keys) before the first case…'))}
        </Typography>
        {step && stepWait && <StepCountdown wait={stepWait} frozen={frozen} />}
      </Alert>
      <Box>
        <Typography variant="subtitle2" component="h3" sx={{ mb: 0.75 }}>
          {frozen ? `Frames up to ${frozen}` : 'Frames as they pass'}
        </Typography>
        {framesFrom && (
          <Typography variant="caption" color="text.secondary" component="div" sx={{ mb: 0.5 }}>
            Read from the log when this page opened: the frames since {formatClock(framesFrom)} (the end of the case before, or the start of the run), then as they pass.
          </Typography>
        )}
        <CaseFrames frames={frames} startedAt={caseStartedAt ?? undefined} since="the case started" label={`Frames of ${caseId} so far`} empty="No frame yet in this case." maxHeight={460} />
      </Box>
    </Stack>
  );
}

/** How long the step waits at most and, in real time, how long is left (counted down each second on the bench's clock). */
function StepCountdown({ wait, frozen }: { wait: StepWait; frozen: string | null }) {
  const [now, setNow] = useState(benchNow);
  useEffect(() => {
    if (!wait.deadline || frozen) return;
    const timer = setInterval(() => setNow(benchNow()), 1000);
    return () => clearInterval(timer);
  }, [wait.deadline, frozen]);
  const end = wait.deadline ? Date.parse(wait.deadline) : NaN;
  // Whole seconds left, rounded down and never above the limit (a deadline a moment ahead of this clock).
  const left = Number.isFinite(end) ? Math.max(0, Math.min(wait.withinS, Math.floor((end - now) / 1000))) : null;
  return (
    <Typography variant="body2" component="div" aria-label="How long the step waits">
      Waits up to {waitWords(wait.withinS)}
      {left === null ? ' (on the run’s fake clock)' : frozen ? ` (until ${formatClock(end)})` : ` · ${waitWords(left)} left (until ${formatClock(end)})`}
    </Typography>
  );
}

/** What the bench does while no case runs: before the first case, or once the cases are done. */
export function BetweenCases({ run, frozen, charger }: { run: RunResult; frozen: string | null; charger?: ChargerView }) {
  const words =
    run.cases.length === 0
      ? beforeFirstCase(run, charger)
      : run.cases.length >= (run.planned?.length ?? Infinity)
        ? 'The cases are done: the bench puts the charger’s settings back and reads its configuration at the end…'
        : 'Between two cases: the next one is about to begin…';
  return (
    <Alert severity="info" icon={false} aria-label="Current step" aria-live="polite" sx={frozen ? { color: 'text.disabled', bgcolor: 'action.hover' } : undefined}>
      {frozen && `As of ${frozen}: `}
      {words}
    </Alert>
  );
}
