// Step 4, the checks. For a new commissioning: what the plan will do to the charger, and Start (a real
// charger is asked about first, naming what runs there now), which creates the commissioning and runs it.
// Then: the steps live with their verdicts, re-running one, Stop, the configuration diff and the test
// session's chart.
import { useEffect, useRef, useState } from 'react';
import { Link as RouterLink, useNavigate } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import StopIcon from '@mui/icons-material/Stop';
import { useClient } from '../../api/context';
import { meterKey, useBench, watchMeter } from '../../stores/bench';
import { useCall } from '../../components/useCall';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { MeterChart } from '../../components/MeterChart';
import { EarlierLoading, MeterLoading } from '../../components/MeterLoading';
import { formatPower, formatWhen, zoneLabel } from '../../components/format';
import { paths, type WizardStep } from '../../app/routes';
import { CommissioningTemplate, commissioningEffects, SiteJob, type CommissioningView } from '../../../../shared/api/commissioning';
import type { MeterSample } from '../../../../shared/api/meter';
import { defaultTestData } from '../../../../shared/api/test-runs';
import { sessionConnectorOf, sessionConnectorWords } from '../../../../shared/format/session-connector';
import { Ask } from '../../components/Ask';
import { ChargerOfflineNotice } from '../../components/ChargerOfflineNotice';
import { ConfigDiff } from './ConfigDiff';
import { FULL_SESSION_S, limitWatts, planProblems } from './plan-checks';
import { LOAD_LIMIT_STEP, sessionChartLimit } from '../../../../shared/api/session-limit';
import { checksStatus } from './progress';
import { endedSessionsWords, offlineWords, rerunConsequence, rerunLabel, rerunTitle, runLine } from './run-words';
import { BenchNotes } from './BenchNotes';
import { runEndsSessions } from '../../../../shared/api/commissioning-steps';
import { useStopWords } from './stop-state';
import { resetDraft, useDraft } from './draft';
import { StepResults } from './StepResults';
import type { LiveCommissioning } from './useCommissioning';
import { placeOf, queuedSteps, runStartedAt } from './words';
import { StepNav } from './WizardScreen';
import { heartbeatWarning, useBenchHeartbeat } from './boot-interval';
import { useSessionReadings, useSessionTransaction } from './session-readings';
import { RunningAtStart, SessionsEnded } from './RunningAtStart';
import { useRunningLive } from '../../components/running';
import { benchNow } from '../../components/benchClock';
import { StopWaitingNotice } from '../../components/StopWaitingNotice';

/**
 * The start of a new commissioning: what is still missing, what it will do, and Start. What running the plan
 * does to the charger, in words, is commissioningEffects (src/shared/api/commissioning.ts): listed here and
 * in the confirmation, which does not warn about the commissioning it starts.
 */
export function StartChecks({ back, goTo }: { back: () => void; goTo: (s: WizardStep) => void }) {
  const client = useClient();
  const navigate = useNavigate();
  const draft = useDraft();
  const charger = useBench((s) => s.chargers[draft.chargerId]);
  const [asking, setAsking] = useState(false);
  const job = SiteJob.safeParse(draft.job);
  const template = CommissioningTemplate.safeParse(draft.template);
  const missing: Array<[string, WizardStep]> = [
    ...(job.success ? [] : ([['The site and job are not complete.', 'site']] as Array<[string, WizardStep]>)),
    ...(charger?.connected ? [] : ([[`${draft.chargerId || 'The charger'} is not connected.`, 'connect']] as Array<[string, WizardStep]>)),
    ...(!draft.template
      ? ([['No plan is chosen.', 'plan']] as Array<[string, WizardStep]>)
      : Object.keys(planProblems(draft.template)).length
        ? ([[`The plan is not valid yet: ${Object.values(planProblems(draft.template)).join('; ')}.`, 'plan']] as Array<[string, WizardStep]>)
        : []),
  ];
  // Made once: when the run cannot start (the charger is busy with a test run), Start again only runs it,
  // rather than leaving an empty commissioning behind each time.
  const made = useRef<{ id: string; of: string } | null>(null);
  const [start, doStart] = useCall(async () => {
    if (!job.success || !template.success) return;
    const args = { chargerId: draft.chargerId, job: job.data, template: template.data };
    const of = JSON.stringify(args);
    if (made.current?.of !== of) made.current = { id: (await client.call('commissioning:create', args)).id, of };
    await client.call('commissioning:run', { id: made.current.id });
    resetDraft();
    navigate(paths.commissioningOne(made.current.id, 'checks'), { replace: true });
  });
  const what = template.success ? commissioningEffects(template.data) : [];
  // What the reset will undo of the baseline (the bench's boot answer's heartbeat interval), said before the run.
  const heartbeat = heartbeatWarning(template.success ? template.data : null, useBenchHeartbeat());
  // A virtual charger starts at once, unless a session runs there (the checks end it): asked first, as a real one.
  const runningNow = useRunningLive(draft.chargerId);
  const go = () => (charger?.virtual && !runningNow.length ? void doStart() : setAsking(true));

  return (
    <Stack spacing={2}>
      {missing.map(([text, step]) => (
        <Alert key={step} severity="warning" action={<Button onClick={() => goTo(step)}>Go there</Button>}>
          {text}
        </Alert>
      ))}
      {!missing.length && job.success && template.success && (
        <>
          <Typography>
            Commissioning of <strong>{draft.chargerId}</strong>
            {charger?.virtual ? ' (virtual)' : ''} at {placeOf(job.data)}, with the plan <strong>{template.data.name}</strong>. The checks:
          </Typography>
          <Box component="ul" sx={{ m: 0, pl: 3 }}>
            {what.map((w) => (
              <Typography component="li" key={w}>
                {w}
              </Typography>
            ))}
          </Box>
          <RunningAtStart chargerId={draft.chargerId} />
          {heartbeat && (
            <Alert severity="warning" aria-label="Heartbeat interval at the reset">
              {heartbeat}
            </Alert>
          )}
          {!charger?.virtual && <Alert severity="info">Someone must be at the charger: the bench asks them to present the test card, plug in and unplug.</Alert>}
        </>
      )}
      {start.error && <Alert severity="error">Could not start: {start.error}</Alert>}
      <StepNav back={back} next={missing.length ? undefined : go} nextLabel={start.pending ? 'Starting…' : `Start the checks on ${draft.chargerId}`} disabled={start.pending} />
      <ConfirmDialog
        open={asking}
        title={`Commission ${draft.chargerId}?`}
        chargerId={draft.chargerId}
        target={`${draft.chargerId} · the whole charger`}
        consequence={() => `The plan ${what.join('; ')}.${runningNow.length ? ` ${endedSessionsWords(runningNow, 'the first step')}` : ''}${heartbeat ? ` ${heartbeat}` : ''}`}
        confirmLabel={`Start the checks on ${draft.chargerId}`}
        startsBusy
        onCancel={() => setAsking(false)}
        onConfirm={() => {
          setAsking(false);
          void doStart();
        }}
      />
    </Stack>
  );
}

const toMeter = (s: { ts: string; energyWh: number | null; powerW: number | null }): MeterSample => ({
  t: Date.parse(s.ts),
  powerW: s.powerW ?? undefined,
  energyWh: s.energyWh ?? undefined,
  transactionId: null,
});

/** The connector the bench runs a commissioning's test session on (its test data's: src/main/commissioning/service.ts). */
const SESSION_CONNECTOR = defaultTestData().connectorId;

/**
 * What the test session is planned to do, in plain sentences: the load limit it is judged against (`limitW`),
 * or the one it is not judged against because it was not set on the charger (`notSetW`): because the charger
 * does not support smart charging (`notSupported`: no limit can be set on it), or because "Site's load limit"
 * has not run or did not pass.
 */
export function sessionPlanWords(sessionSeconds: number, limitW: number | null, notSetW: number | null = null, notSupported = false): string {
  return [
    `Planned: meter values for at least ${sessionSeconds} s, at the charger’s own interval.`,
    ...(sessionSeconds < FULL_SESSION_S ? ['That is shorter than the recommended 5 minutes: the report notes it.'] : []),
    ...(limitW !== null ? [`The power must stay under the load limit of ${formatPower(limitW)}.`] : []),
    ...(notSetW !== null
      ? [
          notSupported
            ? `The site's load limit (${formatPower(notSetW)}) is not drawn and the power is not judged against it: the charger does not support smart charging (“Site's load limit” was not applicable), so no limit can be set on it or judged.`
            : `The site's load limit (${formatPower(notSetW)}) is not drawn and the power is not judged against it: this commissioning had not set it on the charger for this session (run “Site's load limit” first, then the test session).`,
        ]
      : []),
  ].join(' ');
}

/**
 * The test session's chart: its recorded readings, or, while it runs, its transaction's readings so far (those the
 * bench recorded before this page opened, then those arriving);
 * its time axis in this computer's local time, labelled with the zone (as the log and transactions say theirs).
 */
export function SessionChart({ view, stale }: { view: CommissioningView; stale: boolean }) {
  const sessionRunning = !!view.running && /SESSION/i.test(view.running.stepId);
  // The charger's own readings since the session step began (the bench's clock), until the recorded ones catch up.
  const [from, setFrom] = useState<number | null>(null);
  useEffect(() => setFrom(sessionRunning ? benchNow() : null), [sessionRunning]);
  // The connector the session runs on: its transaction's (the test card's, on this charger), else the one its
  // step recorded in an earlier run, else the one the bench runs it on (its test data's, as the step does).
  // Only its readings are the session's: another connector's (another session, a meter of its own) are not.
  // Its transaction is kept once seen until the step ends (see useSessionTransaction).
  const tx = useSessionTransaction(sessionRunning, view.chargerId, view.template.testIdTag, runStartedAt(view), view.session?.transactionId ?? null);
  const liveTx = tx?.transactionId ?? null;
  const sessionConnector = sessionRunning ? (tx?.connectorId ?? sessionConnectorOf(view)?.connectorId ?? SESSION_CONNECTOR) : null;
  // The store keeps the readings of this charger's connectors while the session runs (its connector's among them).
  useEffect(() => (sessionRunning ? watchMeter(view.chargerId) : undefined), [sessionRunning, view.chargerId]);
  const readings = useBench((s) => (sessionConnector !== null ? s.meter[meterKey(view.chargerId, sessionConnector)] : undefined));
  // While the session step runs again, the recorded session is the last run's (replaced when the step ends):
  // it is this one only when it is the live transaction's, or its step's result is of this run.
  const sessionResult = view.steps.find((s) => s.id === 'C8_SESSION')?.result ?? null;
  const startedAt = runStartedAt(view);
  const thisRun = (liveTx !== null && view.session?.transactionId === liveTx) || (!!sessionResult && !!startedAt && Date.parse(sessionResult.startedAt) >= Date.parse(startedAt));
  const session = sessionRunning && !thisRun ? null : view.session;
  const recorded = (session?.samples ?? []).map(toMeter);
  // Before its transaction is known: the connector's readings since this page saw the step begin. Once it is:
  // the transaction's readings so far, recorded (a page opened mid-session) and live, each once.
  const beforeTx = from !== null && readings ? readings.filter((m) => m.t >= from - 5000).sort((a, b) => a.t - b.t) : [];
  const { samples: live, error: historyError, cut: historyCut, loading: historyLoading } = useSessionReadings(tx, beforeTx);
  const samples = recorded.length >= live.length ? recorded : live;
  // The readings recorded before this page opened are still being read: "waiting for the first" is not known yet.
  const loadingHistory = historyLoading && !(recorded.length && samples === recorded);
  // Before the session step has recorded its session (a first run), the limit the template sets.
  const templateLimitW = session ? session.limitW : view.template.loadLimit ? limitWatts(view.template.loadLimit) : null;
  // Drawn only where the session is judged against it: set on the charger by this commissioning when it ran.
  // A session not run yet, with "Site's load limit" not run yet either, is planned with the limit (the plan
  // sets it before the session); once that step has a result, it tells whether the session will be judged.
  const limitStepRan = !!view.steps.find((s) => s.id === LOAD_LIMIT_STEP)?.result;
  const { limitW, notSetW, notSupported } =
    sessionRunning || sessionResult || limitStepRan ? sessionChartLimit(view, templateLimitW, sessionRunning || !sessionResult) : { limitW: templateLimitW, notSetW: null, notSupported: false };
  // The connector it ran on (and the others, not tested in a session), once its step has recorded them.
  const onConnector = sessionConnectorOf(view);
  return (
    <Box component="section" aria-label="Test session">
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }}>
        Test session{onConnector ? ` on ${sessionConnectorWords(onConnector)}` : ''}
        {sessionRunning && !stale ? ' (live)' : ''}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {sessionPlanWords(view.template.sessionSeconds, limitW, notSetW, notSupported)}
      </Typography>
      {loadingHistory && !samples.length ? (
        <MeterLoading title="Test session meter values" height={220} text="Loading the session’s readings…" />
      ) : (
        <MeterChart
          samples={samples}
          title="Test session meter values"
          emptyText={sessionRunning ? 'Waiting for the first meter values…' : 'The test session has not run yet.'}
          height={220}
          timeLabel={`Time (${zoneLabel(samples[0]?.t)})`}
          limitW={limitW}
        />
      )}
      {loadingHistory && samples.length > 0 && <EarlierLoading text="Loading the session’s earlier readings… (the chart shows those received since this page opened)" />}
      {historyError && !(recorded.length && samples === recorded) && (
        <Typography variant="body2" color="warning.main" role="note">
          The session&apos;s readings from before this page opened could not be read ({historyError}): only those since are shown.
        </Typography>
      )}
      {historyCut && samples === live && (
        <Typography variant="body2" color="text.secondary" role="note">
          {historyCut}
        </Typography>
      )}
    </Box>
  );
}

export function ChecksStep({ live, view }: { live: LiveCommissioning; view: CommissioningView }) {
  const client = useClient();
  const [stopping, setStopping] = useState<'no' | 'asking' | 'sent'>('no');
  const [run, doRun] = useCall(async (steps?: string[]) => client.call('commissioning:run', { id: view.id, ...(steps ? { steps } : {}) }));
  // Running steps again changes the charger as the first run did: asked first, saying what it does.
  const [again, setAgain] = useState<{ steps?: string[] } | null>(null);
  const [stop, doStop] = useCall(async () => {
    await client.call('commissioning:stop', { id: view.id });
    return true;
  });
  const running = view.state === 'running';
  useEffect(() => {
    if (!running) setStopping('no');
  }, [running]);
  const blocked = live.stale
    ? 'The bench cannot be reached'
    : view.state === 'handedOver'
      ? 'Handed over: the record is final'
      : running
        ? 'Wait for the run to end, or stop it'
        : run.pending
          ? 'Starting…'
          : null;
  const runningStep = view.running ? view.steps.find((s) => s.id === view.running?.stepId) : null;
  const ran = view.steps.filter((s) => s.result).length;
  // Running the reset (the whole plan, or its step) undoes a HeartbeatInterval the bench's boot answer differs from.
  const heartbeat = heartbeatWarning(view.template, useBenchHeartbeat());
  const resets = (steps?: string[]) => !steps || steps.some((id) => /RESET/i.test(id));
  const stopSaid = useStopWords(view);
  // Every transaction the record holds open there (running or not): the run sends RemoteStopTransaction for each.
  const held = useRunningLive(view.chargerId);

  return (
    <Stack spacing={3}>
      <Stack direction="row" sx={{ alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
        <Typography sx={{ flexGrow: 1 }} role="status">
          {running ? runningWords(view, runningStep?.title ?? null) : checksStatus(view)}
        </Typography>
        {running ? (
          <Button
            variant="outlined"
            color="error"
            startIcon={<StopIcon />}
            disabled={live.stale || stopping === 'sent' || !!view.running?.stopping || !!view.running?.stopWaiting}
            onClick={() => setStopping('asking')}
          >
            {stopping === 'sent' || view.running?.stopping || view.running?.stopWaiting ? 'Stopping…' : 'Stop'}
          </Button>
        ) : (
          <Button variant="outlined" startIcon={<PlayArrowIcon />} disabled={!!blocked} title={blocked ?? undefined} onClick={() => setAgain({})}>
            {ran ? 'Run every step again' : 'Run the checks'}
          </Button>
        )}
      </Stack>
      {running && view.running?.stopWaiting && (
        <StopWaitingNotice waiting={view.running.stopWaiting} blocked={live.stale ? 'The bench cannot be reached' : null} onStopNow={() => client.call('commissioning:stop', { id: view.id })} />
      )}
      <ChargerOfflineNotice chargerId={view.chargerId}>{offlineWords(view, runningStep?.title ?? null)}</ChargerOfflineNotice>
      {run.error && <Alert severity="error">Could not run: {run.error}</Alert>}
      {stop.error && <Alert severity="error">Could not stop: {stop.error}</Alert>}
      {!running && <NotDoneAfterStop view={view} />}
      <BenchNotes view={view} />
      <SessionsEnded view={view} />
      <StepResults
        steps={view.steps}
        runningStepId={view.running?.stepId ?? null}
        queued={queuedSteps(view)}
        runStartedAt={runStartedAt(view)}
        runningWhat={view.running?.step ?? null}
        canRerun={blocked}
        onRerun={(id) => setAgain({ steps: [id] })}
        signed={!!view.handover}
      />
      <ConfigDiff view={view} />
      <SessionChart view={view} stale={live.stale} />
      <Typography variant="body2" color="text.secondary">
        The operator&apos;s requests (present the card, plug in) appear as a dialog over any screen. Compare with earlier chargers of the site on its{' '}
        <Link component={RouterLink} to={paths.commissioningSite(view.job.site)}>
          summary
        </Link>
        .
      </Typography>
      {again && (
        <ConfirmDialog
          open
          title={rerunTitle(view, again.steps)}
          chargerId={view.chargerId}
          target={`${view.chargerId} · the whole charger`}
          consequence={() => rerunConsequence(view, again.steps, held, heartbeat && resets(again.steps) ? heartbeat : null)}
          confirmLabel={rerunLabel(view, again.steps)}
          dangerous={(running) => running.length > 0 && runEndsSessions(again.steps ?? view.steps.map((s) => s.id))}
          startsBusy
          onCancel={() => setAgain(null)}
          onConfirm={() => {
            const steps = again.steps;
            setAgain(null);
            void doRun(steps);
          }}
        />
      )}
      <Ask
        open={stopping === 'asking' && running}
        title={`Stop the commissioning of ${view.chargerId}?`}
        confirmLabel="Stop the commissioning"
        danger
        onCancel={() => setStopping('no')}
        onConfirm={() => {
          setStopping('sent');
          void doStop().then((ok) => ok || setStopping('no'));
        }}
      >
        {stopSaid} The steps not run yet stay open and can be run later.
      </Ask>
    </Stack>
  );
}

/** The status line of a run: the step and what it does; after Stop, what the run still waits for before it ends. */
export function runningWords(view: CommissioningView, stepTitle: string | null): string {
  return runLine(view, stepTitle);
}

/**
 * What the last run, stopped (or cut short by the bench shutting down), did not put back on the charger (it was
 * offline, or did not answer): the step's put-back problems.
 */
function NotDoneAfterStop({ view }: { view: CommissioningView }) {
  const last = view.lastRun;
  const cut = (last?.outcome === 'stopped' || last?.outcome === 'shutDown') && last.stoppedIn ? view.steps.find((s) => s.id === last.stoppedIn) : undefined;
  const problems = cut?.result?.cleanupProblems ?? [];
  if (!cut || problems.length === 0) return null;
  const how = last?.outcome === 'shutDown' ? `The bench shut down${last.shutDown ? ` at ${formatWhen(last.shutDown.at)}` : ''} during` : 'The run was stopped during';
  return (
    <Alert severity="warning" aria-label="Not put back after the Stop">
      {how} {cut.title}; putting the charger back after it was not finished:
      <Box component="ul" sx={{ m: 0, pl: 3 }}>
        {problems.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </Box>
    </Alert>
  );
}
