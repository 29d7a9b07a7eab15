// One conformance run (/test-runs/:id): live while it runs (the cases with their states, the case in
// progress with its current step and its frames as they pass, a Stop button that asks first), then the
// results (each case's verdict and why, next to its frames), the reports to download and a re-run of the
// failed cases.
import { useState } from 'react';
import { Link as RouterLink, useNavigate, useParams, useSearchParams } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Paper from '@mui/material/Paper';
import Snackbar from '@mui/material/Snackbar';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import StopIcon from '@mui/icons-material/Stop';
import ReplayIcon from '@mui/icons-material/Replay';
import { useClient } from '../../api/context';
import { useCall } from '../../components/useCall';
import { formatTime } from '../../components/format';
import { paths } from '../../app/routes';
import { ranOnFakeTime, wallTimes, type CaseResult, type RunResult } from '../../../../shared/api/test-runs';
import { CaseDetail } from './CaseDetail';
import { CaseFrames } from '../../components/CaseFrames';
import { Downloads } from './Downloads';
import { useCaseTitles } from './useCases';
import { useRun } from './useRun';
import { formatDuration, isProblem, SummaryChips, VerdictChip, type CaseState } from '../../components/verdicts';

interface Row {
  id: string;
  state: CaseState;
  result: CaseResult | null;
}

/** The cases of the run in order: those with a verdict, the one in progress, and those still to come. */
function rowsOf(run: RunResult, currentCaseId: string | null): Row[] {
  const done = new Map(run.cases.map((c) => [c.id, c]));
  const ids = [...(run.planned ?? []), ...run.cases.map((c) => c.id), ...(currentCaseId ? [currentCaseId] : [])].filter((id, i, all) => all.indexOf(id) === i);
  // Without a current case from the events (a page opened mid-run), the first case without a verdict is the one running.
  const running = run.state === 'running' ? (currentCaseId ?? ids.find((id) => !done.has(id)) ?? null) : null;
  return ids
    .filter((id) => done.has(id) || run.state === 'running')
    .map((id) => {
      const result = done.get(id) ?? null;
      return { id, result, state: result ? result.verdict : id === running ? 'running' : 'waiting' };
    });
}

function StopDialog({ run, open, onClose, onStopped }: { run: RunResult; open: boolean; onClose: () => void; onStopped: () => void }) {
  const client = useClient();
  const [stop, go] = useCall(() => client.call('tests:stop', { runId: run.id }));
  return (
    <Dialog open={open} onClose={stop.pending ? undefined : onClose} aria-labelledby="stop-run-title" maxWidth="sm" fullWidth>
      <DialogTitle id="stop-run-title">Stop the run on {run.chargerId}?</DialogTitle>
      <DialogContent>
        <DialogContentText>
          The case in progress ends now, unfinished (inconclusive; a request to the operator is withdrawn), and the charger is put back as the case found it. The cases not run yet are left out; the
          verdicts so far are kept, with their reports.
        </DialogContentText>
        {stop.error && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {stop.error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={stop.pending}>
          Keep running
        </Button>
        <Button
          color="error"
          variant="contained"
          disabled={stop.pending}
          onClick={() =>
            void go().then((r) => {
              if (r === undefined) return;
              onStopped();
              onClose();
            })
          }
        >
          Stop the run
        </Button>
      </DialogActions>
    </Dialog>
  );
}

function CaseList({ rows, selected, onSelect, titles }: { rows: Row[]; selected: string | null; onSelect: (id: string) => void; titles: Record<string, string> }) {
  return (
    <Paper sx={{ overflow: 'auto', maxHeight: { md: 'calc(100vh - 260px)' }, minHeight: 200 }}>
      <List dense disablePadding aria-label="Cases of the run">
        {rows.map((r) => (
          <ListItemButton key={r.id} selected={r.id === selected} onClick={() => onSelect(r.id)} aria-label={`${r.id}: ${r.state}`} sx={{ gap: 1, borderBottom: 1, borderColor: 'divider' }}>
            <ListItemText
              primary={r.id}
              secondary={r.result?.title ?? titles[r.id]}
              slotProps={{ primary: { sx: { fontWeight: 600, fontSize: 14 } }, secondary: { noWrap: true, sx: { fontSize: 12 } } }}
              sx={{ minWidth: 0 }}
            />
            <VerdictChip state={r.state} />
          </ListItemButton>
        ))}
      </List>
    </Paper>
  );
}

function LiveCase({ caseId, step, started, frames, title }: { caseId: string; step: string | null; started: boolean; frames: ReturnType<typeof useRun>['frames']; title: string | null }) {
  return (
    <Stack spacing={2} component="article" aria-label={`Case ${caseId} in progress`}>
      <Box>
        <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center' }}>
          <Typography variant="h6" component="h2">
            {caseId}
          </Typography>
          <VerdictChip state="running" size="medium" />
        </Stack>
        {title && <Typography>{title}</Typography>}
      </Box>
      <Alert severity="info" icon={false} aria-label="Current step" aria-live="polite">
        <Typography variant="subtitle2" component="span">
          {step ?? (started ? 'Preparing the case…' : 'Reading what the charger supports (its configuration keys) before the first case…')}
        </Typography>
      </Alert>
      <Box>
        <Typography variant="subtitle2" component="h3" sx={{ mb: 0.75 }}>
          Frames as they pass
        </Typography>
        <CaseFrames frames={frames} label={`Frames of ${caseId} so far`} empty="No frame yet in this case." maxHeight={460} />
      </Box>
    </Stack>
  );
}

export function RunScreen() {
  const { id = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const navigate = useNavigate();
  const { run, error, current, frames } = useRun(id);
  const [stopping, setStopping] = useState(false);
  /** Stop was sent: the run is ending its case and putting the charger back. */
  const [stopSent, setStopSent] = useState(false);
  const [notice, setNotice] = useState<{ message: string; error?: boolean } | null>(null);
  const titles = useCaseTitles();

  if (error && !run) return <Alert severity="error">{error}</Alert>;
  if (!run) return <LinearProgress aria-label="Loading the run" />;

  const rows = rowsOf(run, current?.caseId ?? null);
  const runningRow = rows.find((r) => r.state === 'running') ?? null;
  const firstProblem = rows.find((r) => r.result && isProblem(r.result.verdict));
  const selectedId = search.get('case') ?? (run.state === 'running' ? runningRow?.id : (firstProblem?.id ?? rows[0]?.id)) ?? null;
  const selected = rows.find((r) => r.id === selectedId) ?? null;
  const done = run.cases.length;
  const total = rows.length;
  const problems = run.cases.filter((c) => isProblem(c.verdict)).length;
  const who = [run.charger.vendor, run.charger.model].filter(Boolean).join(' ');
  // On the wall clock, as the reports say it: a run on a fake clock has its own times on the charger's.
  const wall = wallTimes(run);

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      <Box>
        <Link component={RouterLink} to={paths.testRuns({ charger: run.chargerId })} variant="body2">
          ← Test runs
        </Link>
        <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1, mt: 0.5 }}>
          <Typography variant="h5" component="h1">
            Test run on {run.chargerId}
          </Typography>
          {run.state === 'running' ? (
            <VerdictChip state="running" />
          ) : (
            <Chip size="small" variant="outlined" color={run.state === 'stopped' ? 'warning' : 'default'} label={run.state === 'stopped' ? 'Stopped' : 'Finished'} />
          )}
          <Box sx={{ flexGrow: 1 }} />
          {run.state === 'running' ? (
            <Button color="error" variant="contained" startIcon={<StopIcon />} disabled={stopSent} onClick={() => setStopping(true)}>
              {stopSent ? 'Stopping: putting the charger back…' : 'Stop run…'}
            </Button>
          ) : (
            problems > 0 && (
              <Button variant="outlined" startIcon={<ReplayIcon />} onClick={() => navigate(paths.testRuns({ charger: run.chargerId, rerun: run.id }))}>
                Re-run the {problems} {problemWords(run.cases)} case{problems === 1 ? '' : 's'}…
              </Button>
            )
          )}
        </Stack>
        <Typography variant="body2" color="text.secondary">
          {who || 'Unknown charger'}
          {run.charger.firmware ? ` · firmware ${run.charger.firmware}` : ''}
          {run.virtual ? ` · virtual charger (operator steps automatic${ranOnFakeTime(run) ? ', fake time' : ''})` : ''} · started {formatTime(wall.started)}
          {run.state !== 'running' && wall.finished && ` · finished ${formatTime(wall.finished)}`}
          {run.state !== 'running' && ` · took ${formatDuration(run.wallMs)}${ranOnFakeTime(run) ? ` (${formatDuration(run.ms)} of charger time)` : ''}`}
          {run.state === 'stopped' ? ' · stopped before the end' : ''}
        </Typography>
      </Box>

      {run.error && <Alert severity="error">{run.error}</Alert>}
      {run.setupProblems?.length ? (
        <Alert severity="warning" aria-label="Before the first case">
          Before the first case, this could not be put right (the first cases may be affected): {run.setupProblems.join('; ')}.
        </Alert>
      ) : null}

      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }} aria-label="Verdicts so far">
        <SummaryChips summary={run.summary} />
        {run.state === 'running' && (
          <Typography variant="body2" color="text.secondary" sx={{ pl: 1 }}>
            {done} of {total} case{total === 1 ? '' : 's'} done
          </Typography>
        )}
      </Stack>
      {run.state === 'running' && <LinearProgress variant={total ? 'determinate' : 'indeterminate'} value={total ? (done / total) * 100 : undefined} aria-label="Progress of the run" />}
      {run.state !== 'running' && <Downloads runId={run.id} onNotice={setNotice} />}

      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '300px minmax(0, 1fr)' }, gap: 2, alignItems: 'start' }}>
        <CaseList rows={rows} selected={selected?.id ?? null} onSelect={(c) => setSearch({ case: c }, { replace: true })} titles={titles} />
        <Paper sx={{ p: 2, minWidth: 0 }}>
          {selected?.result ? (
            <CaseDetail key={selected.id} result={selected.result} />
          ) : selected?.state === 'running' ? (
            <LiveCase caseId={selected.id} step={current?.caseId === selected.id ? current.step : null} started={current?.caseId === selected.id} frames={frames} title={titles[selected.id] ?? null} />
          ) : selected ? (
            <Typography color="text.secondary">
              {selected.id} {titles[selected.id] ? `(${titles[selected.id]}) ` : ''}runs later in this run.
            </Typography>
          ) : (
            <Typography color="text.secondary">No case ran.</Typography>
          )}
        </Paper>
      </Box>

      <StopDialog run={run} open={stopping} onClose={() => setStopping(false)} onStopped={() => setStopSent(true)} />
      <Snackbar open={notice !== null} autoHideDuration={6000} onClose={() => setNotice(null)}>
        <Alert severity={notice?.error ? 'error' : 'success'} onClose={() => setNotice(null)} variant="filled">
          {notice?.message}
        </Alert>
      </Snackbar>
    </Box>
  );
}

/** "failed", "inconclusive", "failed or inconclusive": the kinds of problem among a run's cases, for what Re-run takes. */
function problemWords(cases: RunResult['cases']): string {
  const kinds = (['fail', 'error', 'inconclusive'] as const).filter((v) => cases.some((c) => c.verdict === v));
  const words = { fail: 'failed', error: 'erred', inconclusive: 'inconclusive' } as const;
  return kinds
    .map((k) => words[k])
    .join(kinds.length > 2 ? ', ' : ' or ')
    .replace(/, (?=[^,]*$)/, ' or ');
}
