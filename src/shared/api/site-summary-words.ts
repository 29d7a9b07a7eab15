// The site summary's words shared by its screen and its HTML page: the offline policies compared (only when
// at least two chargers were checked), a charger's signed handover beside a newer unsigned commissioning, and
// its state and checks when the bench's unexpected stop cut its latest run short.
import type { SiteSummary } from './commissioning';
import { interruptedWords, listedStateWords } from './commissioning-run-end';

/**
 * What the site summary says of the chargers' offline policies: compared only when at least two were checked
 * (`below`: where the policies are shown). Its severity: success (the same), info (nothing compared), warning.
 */
export function offlinePolicyComparison(s: Pick<SiteSummary, 'chargers' | 'offlinePolicySame' | 'offlinePolicyChecked'>, below: string): { severity: 'success' | 'info' | 'warning'; text: string } {
  const n = s.offlinePolicyChecked;
  const total = s.chargers.length;
  if (n === 0) return { severity: 'info', text: 'The offline policy was checked on no charger yet: nothing is compared.' };
  if (n === 1) return { severity: 'info', text: `The offline policy was checked on one charger only${total > 1 ? ` (of ${total})` : ''}: nothing is compared.` };
  if (!s.offlinePolicySame) return { severity: 'warning', text: `The chargers do not all have the same offline policy: ${below}.` };
  if (n === total) return { severity: 'success', text: 'Every charger was found with the same offline policy.' };
  return { severity: 'success', text: `The ${n} chargers checked (of ${total}) were found with the same offline policy; ${total - n} not checked yet.` };
}

/** A charger's latest signed handover beside a newer commissioning that is not signed, in words ("Signed … (Bay 4); a newer commissioning, Bay 5, is not finished"). */
export function signedEarlierWords(c: SiteSummary['chargers'][number], time: (iso: string) => string): string | null {
  const e = c.signedEarlier;
  if (!e) return null;
  const newer = c.location ? `a newer commissioning, ${c.location},` : 'a newer commissioning';
  return `Signed ${time(e.signedAt)}${e.location ? ` (${e.location})` : ''}; ${newer} is ${c.state === 'finished' ? 'not signed yet' : 'not finished'}`;
}

/** A charger's state in the summary: "Cut short: the bench stopped unexpectedly, not handed over", as its page says it. */
export const chargerStateWords = (c: Pick<SiteSummary['chargers'][number], 'state' | 'interrupted'>): string => listedStateWords(c.state, !!c.interrupted);

/**
 * When a charger's checks last ran, in words: the time, "running now", "not run yet", or its latest run cut
 * short: "cut short: the bench stopped unexpectedly (…) during Card reader; the record last heard from the run at …".
 */
export function checksRanWords(c: Pick<SiteSummary['chargers'][number], 'state' | 'checkedAt' | 'interrupted'>, time: (iso: string) => string): string {
  if (c.interrupted) return `cut short: ${interruptedWords(c.interrupted, time)}`;
  return c.checkedAt ? time(c.checkedAt) : c.state === 'running' ? 'running now' : 'not run yet';
}
