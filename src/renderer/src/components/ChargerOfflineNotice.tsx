// Says, above what a screen shows of one charger (its page, a session on it), that the charger is offline
// and since when, so that its last known state is never read as live. A lost link to the bench is the
// layout's to say (its banner): then nothing here.
import type { ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import type { SxProps, Theme } from '@mui/material/styles';
import { useBench } from '../stores/bench';
import { useNow, useReach } from './reach';
import { formatAgo, formatTime } from './format';

/** "CP001 is offline: last seen <time> (3 min ago)." then `children`: what of the screen is the last known, and what is disabled. */
export function ChargerOfflineNotice({ chargerId, children, sx }: { chargerId: string; children: ReactNode; sx?: SxProps<Theme> }) {
  const reach = useReach(chargerId);
  const lastSeen = useBench((s) => s.chargers[chargerId]?.lastSeen);
  const now = useNow();
  if (!reach.stale || reach.linkDown) return null;
  return (
    <Alert severity="warning" data-testid="charger-offline-notice" sx={sx}>
      {chargerId} is offline: last seen {formatTime(lastSeen)} ({formatAgo(lastSeen, now)}). {children}
    </Alert>
  );
}
