// The bench's alarm where nobody can miss it: when it cannot record (a full disk), a banner on every
// screen says so, where, and what to do; what it found wrong at start is shown once, to dismiss.
import { useState } from 'react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import { useBench } from '../stores/bench';

const titles = {
  diskFull: 'The bench cannot record: the disk is full',
  journalFailed: 'The bench cannot record',
  recordStalled: 'The record is not being written',
  writerRestarting: 'The record is being restarted',
} as const;

export function HealthBanner() {
  const health = useBench((s) => s.health);
  const [dismissed, setDismissed] = useState(false);
  // A dismissed condition stays away only while it says the same thing.
  const [conditionsDismissed, setConditionsDismissed] = useState<string | null>(null);
  if (!health) return null;
  const notices = !dismissed && health.notices.length > 0;
  const conditions = health.conditions;
  const conditionsShown = conditions.length > 0 && conditionsDismissed !== conditions.join('\n');
  if (health.ok && !notices && !conditionsShown) return null;
  return (
    <Box sx={{ display: 'grid', gap: 1, mb: 2 }}>
      {!health.ok && health.recording !== 'ok' && (
        <Alert severity="error" role="alert" variant="filled">
          <AlertTitle>{titles[health.recording]}</AlertTitle>
          {health.message}
        </Alert>
      )}
      {conditionsShown && (
        <Alert severity="warning" onClose={() => setConditionsDismissed(conditions.join('\n'))}>
          <AlertTitle>Needs attention</AlertTitle>
          {conditions.map((n) => (
            <div key={n}>{n}</div>
          ))}
        </Alert>
      )}
      {notices && (
        <Alert severity="warning" onClose={() => setDismissed(true)}>
          <AlertTitle>Found at start</AlertTitle>
          {health.notices.map((n) => (
            <div key={n}>{n}</div>
          ))}
        </Alert>
      )}
    </Box>
  );
}
