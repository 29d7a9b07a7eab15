// Says, above what a screen shows of one charger (its page, a session on it), that the charger is offline
// and since when, so that its last known state is never read as live. A lost link to the bench is the
// layout's to say (its banner): then nothing here.
import type { ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import type { SxProps, Theme } from '@mui/material/styles';
import { useBench } from '../stores/bench';
import { neverConnected, useNow, useReach, type Reach } from './reach';
import { formatAgo, formatTime } from './format';

/**
 * "CP001 is offline: last seen <time> (3 min ago)." then `children`: what of the screen is the last known, and
 * what is disabled. `words` says it otherwise (from the time and the "ago"), `now` is the caller's clock when
 * it ticks faster.
 */
export function ChargerOfflineNotice({
  chargerId,
  children,
  sx,
  severity = 'warning',
  words,
  now: given,
}: {
  chargerId: string;
  children?: ReactNode;
  sx?: SxProps<Theme>;
  severity?: 'warning' | 'error';
  words?: (seen: { time: string; ago: string }) => ReactNode;
  now?: number;
}) {
  const reach = useReach(chargerId);
  const lastSeen = useBench((s) => s.chargers[chargerId]?.lastSeen);
  // Registered ahead of its first connection: its "last seen" is its registration.
  const never = useBench((s) => !!s.chargers[chargerId] && neverConnected(s.chargers[chargerId]));
  const ticking = useNow();
  if (!reach.stale || reach.linkDown) return null;
  const seen = { time: formatTime(lastSeen), ago: formatAgo(lastSeen, given ?? ticking) };
  return (
    <Alert severity={severity} data-testid="charger-offline-notice" sx={sx}>
      {words ? (
        words(seen)
      ) : never ? (
        <>
          {chargerId} is offline: it has never connected to the bench. {children}
        </>
      ) : (
        <>
          {chargerId} is offline: last seen {seen.time} ({seen.ago}). {children}
        </>
      )}
    </Alert>
  );
}

/**
 * Until when what is shown of the charger is known: its last contact with the bench while it is offline; while
 * the link is down, this window's last word from the bench for a charger online then (its own last contact can
 * be long before, e.g. the start of a session that still runs), and for one already offline (`connected`
 * false) its last contact, never later than the link loss; null while it is live.
 */
export function lastContactOf(reach: Pick<Reach, 'stale' | 'linkDown'>, lastSeen: string | null | undefined, linkSince: string | null | undefined, connected = true): string | null {
  if (!reach.stale) return null;
  if (!reach.linkDown) return lastSeen ?? null;
  if (connected || !lastSeen) return linkSince ?? null;
  return linkSince && Date.parse(linkSince) < Date.parse(lastSeen) ? linkSince : lastSeen;
}

/** Why a charger's state is the last known, in words: the link down (and whether it was offline before), or it is offline. */
export function lastContactWhy(chargerId: string, reach: Pick<Reach, 'linkDown'>, connected = true): string {
  if (!reach.linkDown) return `${chargerId} is offline`;
  return connected ? 'the link to the bench is down' : `${chargerId} was offline when the link to the bench went down`;
}

/** The charger's reach and, while it is not live, until when it is known (lastContactOf) and why not, in words. */
export function useLastContact(chargerId: string): { reach: Reach; contact: string | null; why: string } {
  const reach = useReach(chargerId);
  const lastSeen = useBench((s) => s.chargers[chargerId]?.lastSeen);
  const connected = useBench((s) => s.chargers[chargerId]?.connected ?? true);
  const linkSince = useBench((s) => s.linkSince);
  return { reach, contact: lastContactOf(reach, lastSeen, linkSince, connected), why: lastContactWhy(chargerId, reach, connected) };
}
