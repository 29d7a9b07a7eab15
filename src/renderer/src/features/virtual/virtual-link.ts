// The Virtual chargers screen while the link to the bench is lost: what it shows is the last known (as of when
// the link was lost) and nothing can be sent; the words for it come from the shared link helpers (reach.ts),
// as on the Chargers screen and a charger's page.
import { useBench } from '../../stores/bench';
import { linkLostWhy, linkProblem, sendBlocked } from '../../components/reach';
import { formatWhen } from '../../components/format';

export interface VirtualLink {
  /** Why nothing can be sent now ("The bench cannot be reached from this window since 10:02:03: nothing can be sent until the link is back."); null while the link is open. */
  blocked: string | null;
  /** "last known, as of 10:02:03 (bench not reachable)" while the link is lost; null while it is open. */
  asOf: string | null;
  /** The link is open. */
  open: boolean;
}

/** "as of 10:02:03 (bench not reachable)": the time the link was lost, and how. */
export function asOfWords(link: ReturnType<typeof useBench.getState>['link'], since: string | null): string | null {
  if (!linkProblem(link, since)) return null;
  const why = linkLostWhy(link);
  return `last known${since ? `, as of ${formatWhen(since)}` : ''} (${why})`;
}

/** The link as this screen needs it, kept current. */
export function useVirtualLink(): VirtualLink {
  const link = useBench((s) => s.link);
  const since = useBench((s) => s.linkSince);
  return { blocked: sendBlocked(link, since), asOf: asOfWords(link, since), open: link === 'open' };
}
