// A step-by-step progress line (download, install; upload) for the firmware and diagnostics panels, from
// the charger's last reported status: with the time it arrived, tied to the request it follows (a status
// from before the request went out is said as earlier, not shown as its progress), and, while the charger
// or the bench is out of reach, greyed and said as last known, as the charger overview does. A status from
// before the charger's last reboot is said so, with no step under way (the charger may have dropped it).
import Box from '@mui/material/Box';
import Step from '@mui/material/Step';
import StepLabel from '@mui/material/StepLabel';
import Stepper from '@mui/material/Stepper';
import Typography from '@mui/material/Typography';
import { formatClock, formatTime } from '../../../components/format';
import { useLastContact } from '../../../components/ChargerOfflineNotice';
import { rebootNote, type ProgressStanding } from '../../../components/running';
import { usePanel } from './parts';
import { benchNow } from '../../../components/benchClock';

export interface Progress {
  /** Steps finished. */
  done: number;
  /** The step under way, if any. */
  current: number | null;
  /** The step that failed, if any. */
  failed: number | null;
  /** The status in words. */
  text: string;
}

/** A status the charger reported, and when the bench received it (null: the record does not say). */
export interface ReportedStatus {
  status: string;
  at: string | null;
  /** The charger restarted after it and has not reported since (components/running progressStanding). */
  reboot?: ProgressStanding['reboot'];
}

/** The request the progress belongs to (the newest the bench sent, from any face), on the bench's clock as the reports. */
export interface ProgressRequest {
  /** When it went out. */
  sentAt: string;
}

/** A time as the line says it: the clock alone today, with the date otherwise. */
const when = (iso: string): string => (new Date(iso).toDateString() === new Date(benchNow()).toDateString() ? formatClock(iso) : formatTime(iso));

export interface ProgressShown {
  progress: Progress;
  /** The line under the steps. */
  text: string;
  /** What is shown is the last known, not live. */
  stale: boolean;
}

/**
 * What the stepper shows: the report as the request's progress when it came after the request went out;
 * otherwise no step taken, and the report said as earlier. `lastKnown` (the charger or the bench out of
 * reach): no step is under way as far as anyone can see, and the line says until when it is known.
 */
export function progressShown(
  action: string,
  progressOf: (status: string | null) => Progress,
  report: ReportedStatus | null,
  request: ProgressRequest | null,
  lastKnown: { contact: string | null; why: string } | null,
): ProgressShown {
  let progress: Progress;
  let text: string;
  const reboot = report?.reboot ? `; ${rebootNote(report.reboot)}` : '';
  const untimed = report?.reboot ? rebootNote(report.reboot) : 'its time not recorded';
  if (report?.at && request && Date.parse(report.at) >= Date.parse(request.sentAt)) {
    progress = progressOf(report.status);
    // Restarted since: nothing is seen under way, and what the status promised may not hold.
    if (report.reboot) progress = { ...progress, current: null };
    text = report.reboot ? `Last status from the charger: ${report.status} (at ${when(report.at)}${reboot})` : `Last status from the charger: ${progress.text} (at ${when(report.at)})`;
  } else {
    progress = progressOf(null);
    const earlier = report && `${report.at ? `earlier (at ${when(report.at)}${reboot})` : `earlier (${untimed})`} it reported: ${progressOf(report.status).text}`;
    if (request) text = `No status from the charger since ${action} was sent at ${when(request.sentAt)}${earlier ? `; ${earlier}` : ''}`;
    else text = earlier ? `No ${action} request in the bench's record; ${earlier}` : progress.text;
  }
  if (lastKnown) {
    // Out of reach: nothing can be seen moving, whatever was under way.
    progress = { ...progress, current: null };
    text = `Last known (${lastKnown.why}${lastKnown.contact ? `, last contact ${when(lastKnown.contact)}` : ''}). ${text}`;
  }
  return { progress, text, stale: lastKnown !== null };
}

export function ProgressStepper({
  label,
  action,
  steps,
  progressOf,
  report,
  request,
}: {
  label: string;
  /** The request's action, e.g. UpdateFirmware. */
  action: string;
  steps: readonly string[];
  progressOf: (status: string | null) => Progress;
  report: ReportedStatus | null;
  request: ProgressRequest | null;
}) {
  const { chargerId } = usePanel();
  const { reach, contact, why } = useLastContact(chargerId);
  const { progress, text, stale } = progressShown(action, progressOf, report, request, reach.stale ? { contact, why } : null);
  return (
    <Box role="group" aria-label={label} data-stale={stale || undefined}>
      <Typography variant="subtitle2" component="h3" gutterBottom>
        {label}
        {stale && (
          <Typography component="span" variant="body2" color="text.secondary" sx={{ ml: 1 }}>
            · last known
          </Typography>
        )}
      </Typography>
      <Box sx={stale ? { opacity: 0.6, filter: 'grayscale(1)' } : undefined}>
        <Stepper activeStep={progress.current ?? progress.done} alternativeLabel>
          {steps.map((s, i) => (
            <Step key={s} completed={i < progress.done && progress.failed !== i} active={progress.current === i}>
              <StepLabel
                error={progress.failed === i}
                optional={
                  progress.failed === i ? (
                    <Typography variant="caption" color="error">
                      Failed
                    </Typography>
                  ) : undefined
                }
              >
                {s}
              </StepLabel>
            </Step>
          ))}
        </Stepper>
      </Box>
      <Typography variant="body2" color={progress.failed !== null && !stale ? 'error' : 'text.secondary'} role="status" aria-live="polite" sx={{ mt: 1, textAlign: 'center' }}>
        {text}
      </Typography>
    </Box>
  );
}
