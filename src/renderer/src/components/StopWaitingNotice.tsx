// A run's Stop waiting for the charger to come back before it takes effect (the run just reset it, or it
// dropped a moment ago), so that the charger is put back rather than left as the case made it: says so
// ("Stopping: waiting up to 30 s for CP001 to come back to put it back (the run reset it at 10:02:13)"),
// with "Stop without waiting", which ends the wait and leaves the charger as it is (its caption says so).
// Shared by a test run's page and a commissioning's checks.
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useCall } from './useCall';
import { formatClock } from './format';
import { stopWaitingWords, stopWithoutWaitingWords, type StopWaiting } from '../../../shared/api/stop-waiting';

export function StopWaitingNotice({ waiting, onStopNow, blocked }: { waiting: StopWaiting; onStopNow: () => Promise<unknown>; blocked?: string | null }) {
  const [stop, go] = useCall(onStopNow);
  return (
    <Alert
      severity="info"
      role="status"
      aria-label="Stop waiting for the charger"
      action={
        <Stack sx={{ alignItems: 'flex-end', maxWidth: 320 }}>
          <Button color="error" variant="outlined" size="small" disabled={stop.pending || !!blocked} onClick={() => void go()}>
            Stop without waiting
          </Button>
          <Typography variant="caption" color="text.secondary" sx={{ textAlign: 'right' }}>
            {blocked ?? stopWithoutWaitingWords(waiting)}
          </Typography>
        </Stack>
      }
    >
      {stopWaitingWords(waiting, (t) => formatClock(t))}
      {stop.error && (
        <Typography variant="body2" color="error" role="alert">
          Could not stop: {stop.error}
        </Typography>
      )}
    </Alert>
  );
}
