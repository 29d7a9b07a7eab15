// The commissioning wizard: one step per screen under a stepper, the step in the URL (?step=…). A new
// commissioning is put together in the first three steps (site and job, connect, plan) and created when its
// checks start; an existing one opens on its checks, the first three steps then showing what it was made with.
import { useEffect } from 'react';
import { Link as RouterLink, useNavigate, useParams, useSearchParams } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Skeleton from '@mui/material/Skeleton';
import Stack from '@mui/material/Stack';
import Step from '@mui/material/Step';
import StepButton from '@mui/material/StepButton';
import StepLabel from '@mui/material/StepLabel';
import Stepper from '@mui/material/Stepper';
import Typography from '@mui/material/Typography';
import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import { paths, wizardSteps, type WizardStep } from '../../app/routes';
import { formatTime } from '../../components/format';
import type { CommissioningView } from '../../../../shared/api/commissioning';
import { ChecklistStep } from './ChecklistStep';
import { ChecksStep, StartChecks } from './ChecksStep';
import { ConnectStep } from './ConnectStep';
import { HandoverStep } from './HandoverStep';
import { PlanStep, PlanSummary } from './PlanStep';
import { ReportStep } from './ReportStep';
import { JobSummary, SiteJobStep } from './SiteJobStep';
import { useCommissioning, type LiveCommissioning } from './useCommissioning';
import { checksNote, stateText } from './progress';
import { checklistOpen } from './checklist-open';
import { CommissioningVerdictChip, placeOf } from './words';
import { LostSaves } from './lost-saves';

const labels: Record<WizardStep, string> = {
  site: 'Site and job',
  connect: 'Connect',
  plan: 'Plan',
  checks: 'Checks',
  checklist: 'On-site checklist',
  handover: 'Handover',
  report: 'Report',
};

/** How far a commissioning is with each step, for the stepper. */
function progress(view: CommissioningView | null, step: WizardStep): { done: boolean; failed: boolean; warn?: boolean; note?: string } {
  if (!view) return { done: false, failed: false };
  switch (step) {
    case 'site':
    case 'connect':
    case 'plan':
      return { done: true, failed: false };
    case 'checks': {
      const { text, ...rest } = checksNote(view);
      return { ...rest, note: text };
    }
    case 'checklist': {
      // An item answered without the reading it asks for is still open, as the bench judges it.
      const { withoutReading } = checklistOpen(view);
      const done = view.checklist.filter((c) => c.result).length - withoutReading.length;
      const bad = view.checklist.filter((c) => c.result === 'notConform').length;
      return { done: done === view.checklist.length && !bad, failed: bad > 0, note: bad ? `${bad} not conform` : `${done} of ${view.checklist.length}` };
    }
    case 'handover':
      return { done: !!view.handover, failed: false, note: view.handover ? 'Signed' : undefined };
    case 'report':
      return { done: false, failed: false };
  }
}

export function StepNav({ back, next, nextLabel, onNext, disabled }: { back?: () => void; next?: () => void; nextLabel?: string; onNext?: () => boolean; disabled?: boolean }) {
  return (
    <Stack direction="row" sx={{ justifyContent: 'space-between', mt: 3 }}>
      {back ? (
        <Button onClick={back} startIcon={<ArrowBackIcon />}>
          Back
        </Button>
      ) : (
        <span />
      )}
      {next && (
        <Button variant="contained" disabled={disabled} onClick={() => (!onNext || onNext()) && next()}>
          {nextLabel ?? 'Next'}
        </Button>
      )}
    </Stack>
  );
}

/** Says plainly when what is shown may be out of date. */
export function StaleNotice({ live }: { live: Pick<LiveCommissioning, 'stale' | 'readAt' | 'error' | 'view'> }) {
  if (live.stale && live.view)
    return (
      <Alert severity="warning" role="status">
        Not live: the link to the bench is lost. This is the commissioning as read at {formatTime(live.readAt)}; it may have moved on since.
      </Alert>
    );
  if (live.error && live.view)
    return (
      <Alert severity="warning">
        Could not read the commissioning again ({live.error}): shown as read at {formatTime(live.readAt)}.
      </Alert>
    );
  return null;
}

export function WizardScreen() {
  const { id } = useParams();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const live = useCommissioning(id ?? null);
  const view = live.view;
  const wanted = search.get('step') as WizardStep | null;
  const step: WizardStep = wanted && wizardSteps.includes(wanted) ? wanted : id ? 'checks' : 'site';
  const isNew = !id;
  const go = (s: WizardStep) => navigate(isNew ? paths.commissioningNew(s) : paths.commissioningOne(id, s));
  // A new commissioning has nothing to show after its checks.
  useEffect(() => {
    if (isNew && wizardSteps.indexOf(step) > wizardSteps.indexOf('checks')) navigate(paths.commissioningNew('checks'), { replace: true });
  }, [isNew, step, navigate]);

  const at = wizardSteps.indexOf(step);
  const back = at > 0 ? () => go(wizardSteps[at - 1]) : undefined;
  const next = at < wizardSteps.length - 1 ? () => go(wizardSteps[at + 1]) : undefined;

  return (
    <Stack spacing={2} sx={{ maxWidth: 1280 }}>
      <Box>
        <Button component={RouterLink} to={paths.commissioning()} size="small" startIcon={<ArrowBackIcon />} sx={{ mb: 0.5 }}>
          All commissionings
        </Button>
        <Stack direction="row" sx={{ alignItems: 'center', gap: 1.5, flexWrap: 'wrap' }}>
          <Typography variant="h5" component="h1">
            {isNew ? 'New commissioning' : view ? `Commissioning of ${view.chargerId}` : 'Commissioning'}
          </Typography>
          {view && <CommissioningVerdictChip verdict={view.verdict} />}
          {view && (
            <Typography variant="body2" color="text.secondary">
              {placeOf(view.job)} · {stateText(view)}
            </Typography>
          )}
        </Stack>
      </Box>
      <StaleNotice live={live} />
      {view && <LostSaves view={view} />}
      {!isNew && !view && live.error && <Alert severity="error">Could not open the commissioning: {live.error}</Alert>}

      <Stepper nonLinear activeStep={at} alternativeLabel sx={{ py: 1 }}>
        {wizardSteps.map((s, i) => {
          const p = progress(view, s);
          const locked = isNew && i > wizardSteps.indexOf('checks');
          return (
            <Step key={s} completed={p.done} disabled={locked}>
              <StepButton
                onClick={() => go(s)}
                aria-current={s === step ? 'step' : undefined}
                optional={
                  locked ? (
                    <Typography variant="caption" color="text.secondary">
                      once the checks start
                    </Typography>
                  ) : p.note ? (
                    <Typography variant="caption" color={p.failed ? 'error' : p.warn ? 'warning.dark' : 'text.secondary'}>
                      {p.note}
                    </Typography>
                  ) : undefined
                }
              >
                <StepLabel error={p.failed}>{labels[s]}</StepLabel>
              </StepButton>
            </Step>
          );
        })}
      </Stepper>

      <Paper component="section" aria-label={labels[step]} sx={{ p: { xs: 2, md: 3 } }}>
        <Typography variant="h6" component="h2" sx={{ mb: 2 }}>
          {at + 1}. {labels[step]}
        </Typography>
        {isNew ? (
          <>
            {step === 'site' && <SiteJobStep next={() => go('connect')} />}
            {step === 'connect' && <ConnectStep back={() => go('site')} next={() => go('plan')} />}
            {step === 'plan' && <PlanStep back={() => go('connect')} next={() => go('checks')} />}
            {step === 'checks' && <StartChecks back={() => go('plan')} goTo={go} />}
          </>
        ) : !view ? (
          !live.error && <Skeleton variant="rounded" height={240} />
        ) : (
          <>
            {step === 'site' && <JobSummary job={view.job} />}
            {step === 'connect' && <ConnectedSummary view={view} />}
            {step === 'plan' && <PlanSummary template={view.template} />}
            {step === 'checks' && <ChecksStep live={live} view={view} />}
            {step === 'checklist' && <ChecklistStep live={live} view={view} />}
            {step === 'handover' && <HandoverStep live={live} view={view} />}
            {step === 'report' && <ReportStep view={view} />}
            {step !== 'report' && step !== 'handover' && <StepNav back={back} next={next} />}
            {step === 'handover' && <StepNav back={back} next={view.handover ? next : undefined} />}
            {step === 'report' && <StepNav back={back} />}
          </>
        )}
      </Paper>
    </Stack>
  );
}

function ConnectedSummary({ view }: { view: CommissioningView }) {
  const who = [view.identity.vendor, view.identity.model].filter(Boolean).join(' ');
  return (
    <Typography>
      {view.chargerId}
      {view.virtual ? ' (virtual)' : ''}
      {who ? `: ${who}` : ''}
      {view.identity.firmware ? `, firmware ${view.identity.firmware}` : ''}
      {view.identity.serial ? `, serial ${view.identity.serial}` : ''}.
    </Typography>
  );
}
