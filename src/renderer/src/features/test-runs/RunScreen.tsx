// One conformance run (/test-runs/:id): live while it runs (the cases with their states, the case in
// progress with its current step and its frames as they pass, a Stop button that asks first), then the
// results (each case's verdict and why, next to its frames), the reports to download and a re-run of the
// failed cases.
import { useMemo, useState } from 'react';
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
import Paper from '@mui/material/Paper';
import Snackbar from '@mui/material/Snackbar';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import StopIcon from '@mui/icons-material/Stop';
import ReplayIcon from '@mui/icons-material/Replay';
import { useClient } from '../../api/context';
import { useCall } from '../../components/useCall';
import { formatClock, formatTime, localTimeNote } from '../../components/format';
import { putBackWords, stoppedWords } from '../../../../shared/api/run-stop';
import { endSentence } from '../../../../shared/format/sentence';
import { sendBlocked } from '../../components/reach';
import { useBench } from '../../stores/bench';
import { paths } from '../../app/routes';
import { LEFT_HEAD, leftAsItIs } from '../../../../shared/api/left-notes';
import { firmwareWords, injectedSwitches, ranOnFakeTime, wallTimes, type RunResult } from '../../../../shared/api/test-runs';
import { CaseDetail } from './CaseDetail';
import { FaultsInjectedAlert } from './InjectedFaults';
import { SetupEndedAlert } from './SetupEnded';
import { Downloads } from './Downloads';
import { useCases } from './useCases';
import { beforeFirstCase, BetweenCases, CaseList, LiveCase, notRunWhy, RunEndChip, rowsOf, StateChip } from './RunParts';
import { useRun } from './useRun';
import { ChargerOfflineAlert, StopWords, stopWords } from './LiveWords';
import { formatDuration, isProblem, SummaryChips } from '../../components/verdicts';
import { StopWaitingNotice } from '../../components/StopWaitingNotice';

/** Stop, asked first: what it ends now, read from the run's live state (the words the page shows). */
function StopDialog({ run, words, open, onClose, onStopped }: { run: RunResult; words: string[]; open: boolean; onClose: () => void; onStopped: () => void }) {
  const client = useClient();
  const [stop, go] = useCall(() => client.call('tests:stop', { runId: run.id }));
  return (
    <Dialog open={open} onClose={stop.pending ? undefined : onClose} aria-labelledby="stop-run-title" maxWidth="sm" fullWidth>
      <DialogTitle id="stop-run-title">Stop the run on {run.chargerId}?</DialogTitle>
      <DialogContent>
        <DialogContentText component="div">
          <StopWords words={words} />
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

export function RunScreen() {
  const { id = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const navigate = useNavigate();
  const { run, error, current, frames, framesFrom } = useRun(id);
  const { cases } = useCases();
  const titles = useMemo(() => Object.fromEntries((cases ?? []).map((c) => [c.id, c.title])), [cases]);
  // The link to the bench lost: what a running run shows is the last known, as of then; nothing can be sent.
  const link = useBench((s) => s.link);
  const linkSince = useBench((s) => s.linkSince);
  // The run's charger as the bench knows it: before the first case, one that is offline is waited for (said so).
  const charger = useBench((s) => (run ? s.chargers[run.chargerId] : undefined));
  const [stopping, setStopping] = useState(false);
  /** Stop was sent: the run is ending its case and putting the charger back. */
  const [stopSent, setStopSent] = useState(false);
  const [notice, setNotice] = useState<{ message: string; error?: boolean } | null>(null);
  const client = useClient();

  if (error && !run) return <Alert severity="error">{error}</Alert>;
  if (!run) return <LinearProgress aria-label="Loading the run" />;

  const rows = rowsOf(run, current, cases);
  // One the run left as it is on purpose (held open, the charger would refuse to stop it) is said apart from what it could not put right.
  const setup = leftAsItIs(run.setupProblems ?? []);
  const blocked = run.state === 'running' ? sendBlocked(link, linkSince) : null;
  const frozen = blocked ? (linkSince ? formatClock(linkSince) : 'the link was lost') : null;
  const notRun = rows.filter((r) => r.state === 'notRun').length;
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
          {run.state === 'running' ? <StateChip state="running" frozen={frozen} /> : <RunEndChip state={run.state} />}
          <Box sx={{ flexGrow: 1 }} />
          {run.state === 'running' ? (
            <Stack sx={{ alignItems: 'flex-end' }}>
              <Button color="error" variant="contained" startIcon={<StopIcon />} disabled={stopSent || !!run.stopWaiting || !!blocked} onClick={() => setStopping(true)}>
                {run.stopWaiting ? `Stopping: waiting for ${run.stopWaiting.waitingFor}…` : stopSent ? 'Stopping: putting the charger back…' : 'Stop run…'}
              </Button>
              {blocked && (
                <Typography variant="caption" color="text.secondary" role="status" sx={{ maxWidth: 360, textAlign: 'right' }}>
                  {blocked}
                </Typography>
              )}
            </Stack>
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
          {run.charger.firmware || run.firmwareAtEnd ? ` · firmware ${firmwareWords(run)}` : ''}
          {run.virtual ? ` · virtual charger (operator steps automatic${ranOnFakeTime(run) ? ', fake time' : ''})` : ''} · started {formatTime(wall.started)} ({localTimeNote(Date.parse(wall.started))}
          {', as every time on this page'}){run.state !== 'running' && wall.finished && ` · finished ${formatTime(wall.finished)}`}
          {run.state !== 'running' && ` · took ${formatDuration(run.wallMs)}${ranOnFakeTime(run) ? ` (${formatDuration(run.ms)} of charger time)` : ''}`}
          {run.state === 'stopped' ? ' · stopped before the end' : run.state === 'error' ? ' · could not be carried out' : ''}
        </Typography>
      </Box>

      {run.state === 'stopped' && run.stop && (
        <Alert severity="warning" aria-label="How the run was stopped">
          {endSentence(stoppedWords(run.stop, formatTime))} {endSentence(putBackWords(run.stop))}
        </Alert>
      )}
      {run.state === 'running' && run.stopWaiting && <StopWaitingNotice waiting={run.stopWaiting} blocked={blocked} onStopNow={() => client.call('tests:stop', { runId: run.id })} />}
      {run.state === 'error' ? (
        <Alert severity="error" aria-label="Could not run">
          The bench could not carry this run out: {run.error ?? 'it could not go on'}. {couldNotRunCount(run)}
        </Alert>
      ) : (
        run.error && <Alert severity="error">{run.error}</Alert>
      )}
      {run.notPutBackAtEnd?.length ? (
        <Alert severity="warning" aria-label="Not put back at the end of the run">
          Not put back at the end of the run: {run.notPutBackAtEnd.join('; ')}.
        </Alert>
      ) : null}
      {!frozen && <ChargerOfflineAlert run={run} current={current} charger={charger} />}
      <FaultsInjectedAlert run={run} />
      <SetupEndedAlert run={run} />
      {setup.left.length ? (
        <Alert severity="info" aria-label="Left as it is before the first case">
          {LEFT_HEAD}: {setup.left.join('; ')}.
        </Alert>
      ) : null}
      {setup.problems.length ? (
        <Alert severity="warning" aria-label="Before the first case">
          Before the first case, this could not be put right (the first cases may be affected): {setup.problems.join('; ')}.
        </Alert>
      ) : null}

      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }} aria-label="Verdicts so far">
        {(run.state !== 'error' || done > 0) && <SummaryChips summary={run.summary} />}
        {notRun > 0 && <Chip size="small" variant="outlined" label={`${notRun} not run (${notRunWhy(run)})`} />}
        {run.state === 'running' && (
          <Typography variant="body2" color="text.secondary" sx={{ pl: 1 }}>
            {done} of {total} case{total === 1 ? '' : 's'} done
          </Typography>
        )}
      </Stack>
      {run.state === 'running' && <LinearProgress variant={total ? 'determinate' : 'indeterminate'} value={total ? (done / total) * 100 : undefined} aria-label="Progress of the run" />}
      {run.state !== 'running' && <Downloads runId={run.id} onNotice={setNotice} />}

      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '300px minmax(0, 1fr)' }, gap: 2, alignItems: 'start' }}>
        <CaseList rows={rows} selected={selected?.id ?? null} onSelect={(c) => setSearch({ case: c }, { replace: true })} titles={titles} frozen={frozen} virtual={run.virtual} />
        <Paper sx={{ p: 2, minWidth: 0 }}>
          {selected?.result ? (
            <CaseDetail key={selected.id} result={selected.result} virtual={run.virtual} faultsSwitched={injectedSwitches(run.faults?.switched).filter((f) => f.caseId === selected.id)} />
          ) : selected?.state === 'running' ? (
            <LiveCase
              caseId={selected.id}
              step={current?.caseId === selected.id ? current.step : null}
              started={current?.caseId === selected.id}
              frames={frames}
              framesFrom={framesFrom}
              title={titles[selected.id] ?? null}
              frozen={frozen}
              setup={beforeFirstCase(run, charger)}
              caseStartedAt={current?.caseId === selected.id ? current.caseStartedAt : null}
              stepWait={current?.caseId === selected.id ? current.stepWait : null}
            />
          ) : selected?.state === 'notRun' || (selected?.state === 'notSupported' && run.state !== 'running') ? (
            <Typography color="text.secondary">
              {selected.id} {titles[selected.id] ? `(${titles[selected.id]}) ` : ''}
              {selected.state === 'notRun' ? `was not run: ${notRunWhy(run)} before it came to it.` : 'was not run: the bench cannot run it yet (Not supported yet).'}
            </Typography>
          ) : !selected && run.state === 'running' ? (
            <BetweenCases run={run} frozen={frozen} charger={charger} />
          ) : selected ? (
            <Typography color="text.secondary">
              {selected.id} {titles[selected.id] ? `(${titles[selected.id]}) ` : ''}runs later in this run.
            </Typography>
          ) : (
            <Typography color="text.secondary">No case ran.</Typography>
          )}
        </Paper>
      </Box>

      {stopping && <StopDialog run={run} words={stopWords(run, current, titles, charger)} open onClose={() => setStopping(false)} onStopped={() => setStopSent(true)} />}
      <Snackbar open={notice !== null} autoHideDuration={6000} onClose={() => setNotice(null)}>
        <Alert severity={notice?.error ? 'error' : 'success'} onClose={() => setNotice(null)} variant="filled">
          {notice?.message}
        </Alert>
      </Snackbar>
    </Box>
  );
}

/** How many of a run that could not be carried out's planned cases were not run, in a sentence. */
function couldNotRunCount(run: RunResult): string {
  const planned = run.planned?.length ?? run.cases.length;
  const notRun = Math.max(0, planned - run.cases.length);
  return `${notRun} of ${planned} planned case${planned === 1 ? ' was' : 's were'} not run.`;
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
