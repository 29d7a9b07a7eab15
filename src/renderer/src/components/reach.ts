// Whether the UI can reach a charger right now, and why not: the link from this window to the bench, and
// the charger's own connection. Every screen that sends, or shows live values, asks here, so an offline
// charger or a lost bench never looks live.
import { useEffect, useState } from 'react';
import { useBench, type BenchState } from '../stores/bench';
import { formatAgo, formatClock } from './format';

export interface Reach {
  /** Something can be sent to the charger now. */
  reachable: boolean;
  /** Why not, in words ("CP001 is offline (last seen 3 min ago): connect it to send."). */
  reason: string | null;
  /** The link to the bench is down: everything on screen is as of then. */
  linkDown: boolean;
  /** What the screen shows of the charger is the last known, not live (charger offline or link down). */
  stale: boolean;
}

/** Why the link to the bench is down, in words; null while it is open. */
export function linkProblem(link: BenchState['link'], since: string | null): string | null {
  if (link === 'open') return null;
  if (link === 'unauthorised') return 'The bench no longer accepts this window: sign in again.';
  if (link === 'silent') return `The bench has not answered this window${since ? ` since ${formatClock(since)}` : ''} (it is paused, hung or overloaded)`;
  return `The bench cannot be reached from this window${since ? ` since ${formatClock(since)}` : ''}`;
}

/** Why nothing can be sent to any charger now (the link to the bench is down), in words; null while it is open. */
export function sendBlocked(link: BenchState['link'], since: string | null): string | null {
  const problem = linkProblem(link, since);
  return problem && `${problem}: nothing can be sent until the link is back.`;
}

/** sendBlocked, kept current: for what sends to several chargers at once. */
export function useSendBlocked(): string | null {
  const link = useBench((s) => s.link);
  const since = useBench((s) => s.linkSince);
  return sendBlocked(link, since);
}

export function reachOf(s: Pick<BenchState, 'link' | 'linkSince' | 'chargers'>, chargerId: string, now = Date.now()): Reach {
  const blocked = sendBlocked(s.link, s.linkSince);
  if (blocked) return { reachable: false, reason: blocked, linkDown: true, stale: true };
  const charger = s.chargers[chargerId];
  if (!charger) return { reachable: false, reason: `The bench has not seen ${chargerId}: connect it to send.`, linkDown: false, stale: false };
  if (!charger.connected) return { reachable: false, reason: `${chargerId} is offline (last seen ${formatAgo(charger.lastSeen, now)}): connect it to send.`, linkDown: false, stale: true };
  return { reachable: true, reason: null, linkDown: false, stale: false };
}

/** The time now, moving every `everyMs`: for "last seen 3 min ago" that stays true while the screen is open. */
export function useNow(everyMs = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}

export function useReach(chargerId: string): Reach {
  const link = useBench((s) => s.link);
  const linkSince = useBench((s) => s.linkSince);
  const charger = useBench((s) => s.chargers[chargerId]);
  const now = useNow();
  return reachOf({ link, linkSince, chargers: charger ? { [chargerId]: charger } : {} }, chargerId, now);
}
