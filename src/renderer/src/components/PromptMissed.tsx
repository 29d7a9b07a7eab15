// What became of the operator's requests that went away without an answer from this window (nobody answered
// in time, the run ended, or the request was closed elsewhere), said in the dialog where they were asked. It
// stays until acknowledged (no click outside or Escape dismisses it), and the next request is shown only then:
// a click aimed at the request that went away cannot answer the next one. Meanwhile that next one's time runs:
// the notice says which it is and counts down its time left, as its dialog does.
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { formatCountdown, secondsLeft, useNow } from './PromptDialog';
import { identity } from './promptQueueState';
import { askedSinceWords, missedWords, ranOutWords, type Missed, type Waiting } from '../../../shared/api/prompt-words';

/** The request waiting behind the notice, and its time left at `now` (its dialog's countdown), in words. */
function nextWords(next: Waiting, now: number): string {
  const left = secondsLeft(next.prompt, next.since, now);
  const which = askedSinceWords(next);
  return left > 0 ? `${which}: ${formatCountdown(left)} left to answer it — it is shown once you have read this.` : `${which}: ${ranOutWords(next.prompt)}.`;
}

export function PromptMissed({
  missed,
  chargerOf,
  next,
  onRead,
}: {
  missed: Missed[];
  chargerOf: (key: string) => string | null;
  /** The request asked since, shown once this is read (its time already runs). */
  next: Waiting | null;
  onRead: () => void;
}) {
  const now = useNow();
  const said = missed.map((m) => ({ m, ...missedWords(m) }));
  const title = said.length === 1 ? said[0]!.title : `${said.length} requests went away unanswered`;
  const chargers = [...new Set(missed.map((m) => chargerOf(m.key)).filter((c): c is string => c !== null))];
  return (
    <Dialog open fullWidth maxWidth="md" aria-labelledby="operator-missed-title" aria-describedby="operator-missed-text" slotProps={{ paper: { sx: { border: 3, borderColor: 'error.main' } } }}>
      <DialogTitle id="operator-missed-title" sx={{ bgcolor: 'error.main', color: 'error.contrastText', py: 1.5 }}>
        {title}
        {chargers.length > 0 && (
          <Typography variant="body2" component="div">
            At {chargers.join(', ')}
          </Typography>
        )}
      </DialogTitle>
      <DialogContent sx={{ pt: '24px !important' }}>
        <Stack id="operator-missed-text" spacing={2}>
          {said.map(({ m, text }) => (
            <Alert key={`${identity(m.key, m.prompt)}/${m.why}`} severity={m.why === 'timedOut' ? 'error' : 'warning'}>
              <Typography variant="h6" component="p">
                {text}
              </Typography>
            </Alert>
          ))}
          {next && (
            <Typography variant="h6" component="p" role="timer" aria-label="Time left to answer the next request" color="error">
              {nextWords(next, now)}
            </Typography>
          )}
          <Typography variant="body1">Nothing was answered from here for what is said above.</Typography>
        </Stack>
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2.5 }}>
        <Button size="large" variant="contained" color="error" onClick={onRead}>
          {next ? 'Understood: show what is asked now' : 'Understood'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
