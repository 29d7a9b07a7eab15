// The run's page: the sessions the run ended before its first case (running on the charger when it began, a
// customer's too, stopped with RemoteStopTransaction), as its reports say them, each with its transaction,
// connector, idTag and when it ended (local time, as the screens write times; the reports say UTC).
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import { ranOnFakeTime, type RunResult } from '../../../../shared/api/test-runs';
import { setupEndedHead, setupEndedItem } from '../../../../shared/api/setup-ended-words';
import { formatClock } from '../../components/format';

export function SetupEndedAlert({ run }: { run: RunResult }) {
  const ended = run.setupEnded ?? [];
  if (!ended.length) return null;
  const fake = ranOnFakeTime(run);
  const time = (iso: string) => `${formatClock(iso)}${fake ? ' (fake clock)' : ''}`;
  return (
    <Alert severity="info" aria-label="Sessions ended before the first case">
      {setupEndedHead(ended)}:
      <Box component="ul" sx={{ m: 0, pl: 3 }}>
        {ended.map((s) => (
          <li key={s.transactionId}>{setupEndedItem(s, time)}</li>
        ))}
      </Box>
    </Alert>
  );
}
