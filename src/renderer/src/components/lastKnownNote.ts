// Why what a screen says runs on a charger is the last known, not now, and as of when: the charger is
// offline (since it was last seen), has never connected, or the link to the bench is down (since its last
// word), or, online, has sent nothing for longer than its heartbeat interval allows (the Overview's "heartbeat
// overdue": reach.ts silenceOf). For the words that would otherwise say "running … now" (the operation
// panels, the confirmations, Send to selected): the last contact from useLastContact, the time as the
// offline notice gives it.
import { useBench } from '../stores/bench';
import { lastContactWhy, useLastContact } from './ChargerOfflineNotice';
import { formatAgo, formatWhen } from './format';
import { neverConnected, silenceOf, useNow, type Reach } from './reach';
import { useBenchSettings } from './refusals';

/**
 * "SITE-CP1 is offline, last seen 03:50:12 (5 min ago)", "SITE-CP1 has never connected", "the link to the
 * bench is down, last contact 03:50:12 (5 min ago)", "SITE-CP1 was offline when the link to the bench went
 * down, last seen 03:50:12 (5 min ago)" (`offline`: it was offline then); for a charger online but silent past
 * its heartbeat (`silentSince`: silenceOf's `since`) "SITE-CP1 has sent nothing since 03:50:12 (5 min ago;
 * heartbeat overdue)"; null while the charger is live and heard from lately.
 */
export function lastKnownNote(
  chargerId: string,
  reach: Pick<Reach, 'stale' | 'linkDown'>,
  contact: string | null,
  never: boolean,
  now: number,
  silentSince: string | null = null,
  offline = false,
): string | null {
  if (!reach.stale) return silentSince ? `${chargerId} has sent nothing since ${formatWhen(silentSince, now)} (${formatAgo(silentSince, now)}; heartbeat overdue)` : null;
  const at = contact ? ` ${formatWhen(contact, now)} (${formatAgo(contact, now)})` : '';
  if (reach.linkDown && offline) return never ? `${chargerId} had never connected when the link to the bench went down` : `${lastContactWhy(chargerId, reach, false)}${at && `, last seen${at}`}`;
  if (reach.linkDown) return `the link to the bench is down${at && `, last contact${at}`}`;
  if (never) return `${chargerId} has never connected`;
  return `${chargerId} is offline${at && `, last seen${at}`}`;
}

/** lastKnownNote of the charger, kept current (its "ago" ticking, its heartbeat judged as the Overview judges it); null while it is live. */
export function useLastKnownNote(chargerId: string): string | null {
  const { reach, contact } = useLastContact(chargerId);
  const charger = useBench((s) => s.chargers[chargerId]);
  // What an online charger's silence is judged against when its view tells no interval it was given: the Overview's.
  const settingS = useBenchSettings()?.heartbeatInterval;
  const now = useNow();
  const never = !!charger && neverConnected(charger);
  return lastKnownNote(chargerId, reach, contact, never, now, silenceOf(charger, settingS, now)?.since ?? null, !!charger && !charger.connected);
}

/** What runs there, said as the last known while it is: "Last known (SITE-CP1 is offline, last seen …): 1 transaction running on SITE-CP1." */
export function asLastKnown(note: string | null, live: string, lastKnown: string): string {
  return note === null ? live : `Last known (${note}): ${lastKnown}`;
}
