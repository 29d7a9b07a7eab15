// The operator's request during a run (conformance or commissioning) on a real charger, as a large dialog nobody at the bench can miss:
// what to do in big words, the connector and the idTag set apart, a countdown to the step's timeout, and
// Done / Cannot do / Skip, and a way to stop the whole run from here (asked once more: the dialog covers
// the run's own Stop). It stays until answered (no click outside or Escape dismisses it). When the charger
// asked is offline, it says so and since when (the shared offline notice): nobody can do what is asked until it reconnects.
import { useEffect, useState, type ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { monoFont } from '../app/theme';
import { ChargerOfflineNotice } from './ChargerOfflineNotice';
import { useBench } from '../stores/bench';
import { Sending } from './Sending';
import type { OperatorPrompt } from '../../../shared/api/test-runs';
import { timeUpWords } from '../../../shared/api/prompt-words';

export type PromptAnswer = 'done' | 'cannot' | 'skip';

/** "4:05" */
export function formatCountdown(s: number): string {
  const left = Math.max(0, Math.ceil(s));
  return `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
}

/** Seconds left to answer `prompt`, whose time began at `since` (ms, this clock), at `now` (this clock): the dialog's countdown, and the notice's of the request that waits behind it. */
export const secondsLeft = (prompt: OperatorPrompt, since: number, now: number): number => prompt.timeoutS - (now - since) / 1000;

/** This clock's time (ms), ticking for a countdown. */
export function useNow(everyMs = 500): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <Box sx={{ border: 2, borderColor: 'primary.main', borderRadius: 2, px: 2.5, py: 1, minWidth: 140 }}>
      <Typography variant="overline" color="text.secondary" component="div" sx={{ lineHeight: 1.6 }}>
        {label}
      </Typography>
      <Typography variant="h4" component="div" aria-label={label} sx={{ fontFamily: label === 'idTag' ? monoFont : undefined, fontWeight: 700 }}>
        {value}
      </Typography>
    </Box>
  );
}

export function PromptDialog({
  prompt,
  chargerId,
  since,
  onAnswer,
  pending,
  inert = false,
  error,
  subtitle = prompt.during ?? `Test case ${prompt.caseId}, step ${prompt.step}`,
  stop,
}: {
  prompt: OperatorPrompt;
  chargerId: string | null;
  /** When the request arrived (ms, this clock): the countdown runs from there. */
  since: number;
  onAnswer: (answer: PromptAnswer) => void;
  pending: boolean;
  /** Shown where another request or notice just was: its answers ignore clicks for a moment (one aimed at that one cannot land here). */
  inert?: boolean;
  error: string | null;
  /** Which test asks, under the title ("Test case TC_003_CS, step 2" by default). */
  subtitle?: string;
  /** Stops the whole run (offered when the run can be stopped), and what stopping it does, in words. */
  stop?: { onStop: () => void; what: ReactNode; label: string };
}) {
  const now = useNow();
  // The charger's last contact was stamped by the bench: its "ago" is on the bench's clock (the countdown stays on this one).
  const skewMs = useBench((s) => s.clockSkewMs || 0);
  const [stopping, setStopping] = useState(false);
  // Stop sent and not answered yet: it cannot be taken back ("Keep running" would only hide it).
  const [stopSent, setStopSent] = useState(false);
  useEffect(() => {
    if (!pending) setStopSent(false);
  }, [pending]);
  const left = secondsLeft(prompt, since, now);
  const a = prompt.action;
  const connector = 'connectorId' in a ? a.connectorId : null;
  const idTag = a.kind === 'presentIdTag' ? a.idTag : null;
  return (
    <Dialog open fullWidth maxWidth="md" aria-labelledby="operator-prompt-title" aria-describedby="operator-prompt-text" slotProps={{ paper: { sx: { border: 3, borderColor: 'warning.main' } } }}>
      <DialogTitle id="operator-prompt-title" sx={{ bgcolor: 'warning.main', color: 'warning.contrastText', py: 1.5 }}>
        Action needed at {chargerId ?? 'the charger'}
        <Typography variant="body2" component="div">
          {subtitle}
        </Typography>
      </DialogTitle>
      <DialogContent sx={{ pt: '24px !important' }}>
        <Typography id="operator-prompt-text" variant="h4" component="p" sx={{ fontWeight: 500, mb: 3 }}>
          {prompt.text}
        </Typography>
        {/* Nobody can do what is asked until it reconnects (while the link to the bench is down, the queue says so instead). */}
        {chargerId && (
          <ChargerOfflineNotice
            chargerId={chargerId}
            now={now - skewMs}
            severity="error"
            sx={{ mb: 3 }}
            words={({ time, ago }) => `${chargerId} is offline (last seen ${time}, ${ago}): it cannot do this until it reconnects.`}
          />
        )}
        {(connector !== null || idTag !== null) && (
          <Stack direction="row" spacing={2} sx={{ mb: 3 }}>
            {connector !== null && <Fact label="Connector" value={String(connector)} />}
            {idTag !== null && <Fact label="idTag" value={idTag} />}
          </Stack>
        )}
        <Box role="timer" aria-label="Time left to answer">
          <Typography variant="h6" component="div" color={left < 30 ? 'error' : 'text.primary'}>
            {left > 0 ? `${formatCountdown(left)} left` : timeUpWords(prompt)}
          </Typography>
          <LinearProgress
            variant="determinate"
            value={Math.max(0, Math.min(100, (left / prompt.timeoutS) * 100))}
            color={left < 30 ? 'error' : 'warning'}
            sx={{ height: 8, borderRadius: 4, mt: 0.5 }}
          />
          <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
            {prompt.onTimeout ?? 'Without an answer the step times out and the case is inconclusive.'}
          </Typography>
        </Box>
        {inert && (
          <Alert severity="info" role="status" sx={{ mt: 2 }}>
            A new request: read it first. Its buttons work in a moment.
          </Alert>
        )}
        {error && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {error}
          </Alert>
        )}
        {stop && stopping && (
          <Alert severity="warning" sx={{ mt: 2, '& .MuiAlert-message': { width: '100%' } }} role="alertdialog" aria-label={`${stop.label}?`}>
            {stop.what}
            <Sending pending={stopSent && pending} words={{ doing: 'Stopping', whenAnswered: 'the stop goes ahead when it does' }} />
            {/* Under the words, so neither button wraps beside a long explanation. */}
            <Stack direction="row" spacing={1} sx={{ justifyContent: 'flex-end', mt: 1, '& .MuiButton-root': { whiteSpace: 'nowrap' } }}>
              <Button color="inherit" size="small" disabled={stopSent && pending} onClick={() => setStopping(false)}>
                Keep running
              </Button>
              <Button
                color="error"
                variant="contained"
                size="small"
                disabled={pending}
                onClick={() => {
                  setStopSent(true);
                  stop.onStop();
                }}
              >
                {stop.label}
              </Button>
            </Stack>
          </Alert>
        )}
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2.5, gap: 1 }}>
        {stop && (
          <>
            <Button size="large" color="error" disabled={pending || stopping} onClick={() => setStopping(true)}>
              {stop.label}…
            </Button>
            <Box sx={{ flexGrow: 1 }} />
          </>
        )}
        <Button size="large" color="inherit" disabled={pending || inert} onClick={() => onAnswer('skip')}>
          Skip
        </Button>
        <Button size="large" variant="outlined" color="error" disabled={pending || inert} onClick={() => onAnswer('cannot')}>
          Cannot do
        </Button>
        <Button size="large" variant="contained" disabled={pending || inert} onClick={() => onAnswer('done')} autoFocus sx={{ px: 5, fontSize: '1.2rem' }}>
          Done
        </Button>
      </DialogActions>
    </Dialog>
  );
}
