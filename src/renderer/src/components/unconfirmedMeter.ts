// What a session not confirmed by its charger (UnconfirmedSession) says of its meter and its stop, in the
// past (no more readings will come), in the same words on its connector card and on its page: that its
// charger most likely lost it when it rebooted, or, where the Not confirmed banner names a stray
// StopTransaction as maybe this session's (the one session open there when it came), that stop, with its
// reason and what its meterStop would mean for this session.
import { formatWhen } from './format';
import { belowLastReading, idList, maybeItsStopClause, unknownStopClause, type LastRegister, type SeenStop, type UnknownStop } from '../../../shared/api/stray-stop';
import { deliveredWh } from '../../../shared/api/meter';

/** The stray stop the banner names as maybe this session's: one that came while no other session was open there; null else (with several open, none is blamed). */
export function blamedStop(stop: SeenStop | null | undefined, tx: { transactionId: number }): SeenStop | null {
  if (!stop) return null;
  return (stop.openThen ?? []).every((id) => id === tx.transactionId) ? stop : null;
}

const num = (n: number) => n.toLocaleString();

/** "A StopTransaction …" of "a StopTransaction …", to start a sentence. */
export const capitalised = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/**
 * "a StopTransaction for unknown transaction 1001 came at 13:05:02 on this charger, maybe this session's (reason PowerLoss, meterStop 283 Wh: 283 − 100 = 183 Wh if it is)";
 * with the session's last register reading (`last`, when known) above its meterStop: "…, meterStop 283 Wh, below this session's last reading 450 Wh (at 10:04:12): most likely not its stop)".
 */
export const maybeItsStopText = (stop: UnknownStop, tx: { meterStart: number }, last?: LastRegister | null) => maybeItsStopClause(stop, tx, formatWhen, num, last);

/**
 * The energy the session delivered if `stop` (blamedStop) is its own: its meterStop minus meterStart; null when it gave none, one below
 * meterStart, or one below the session's last register reading (`last`: then it is most likely not its stop).
 */
export const energyIfItsStop = (stop: UnknownStop, tx: { meterStart: number }, last?: LastRegister | null): number | null =>
  stop.meterStop === undefined || belowLastReading(stop, last) ? null : deliveredWh(stop.meterStop, tx.meterStart);

/**
 * What a Not confirmed session's Summary says under "Stopped": the stray stop the banner names as maybe its own;
 * with several open when one came, that it came, pinned on none; else that none came and the charger most
 * likely lost it when it rebooted (at `rebootAt`, said by `clock`). `last`: the session's last register reading, when known.
 */
export function unconfirmedStoppedText(
  tx: { transactionId: number; meterStart: number },
  stop: SeenStop | null | undefined,
  rebootAt: string | null,
  clock: (iso: string) => string,
  last?: LastRegister | null,
): string {
  const blamed = blamedStop(stop, tx);
  if (blamed) return maybeItsStopText(blamed, tx, last);
  if (stop)
    return `no StopTransaction with its transactionId came; ${unknownStopClause(stop, formatWhen)} while sessions ${idList(stop.openThen ?? [])} were open there (which one the charger meant is not known)`;
  return `no StopTransaction came; the charger most likely lost it${rebootAt ? ` when it rebooted at ${clock(rebootAt)}` : ''}`;
}

/** What a Not confirmed session's meter says with no reading of it (its card's chart and its page's): in the past, and why no more come. */
export function noReadingsRecordedText(tx: { transactionId: number; meterStart: number }, stop: SeenStop | null | undefined): string {
  const blamed = blamedStop(stop, tx);
  return blamed
    ? `No readings were recorded in this session: ${maybeItsStopText(blamed, tx)}, so the charger most likely sends none.`
    : 'No readings were recorded in this session: its charger most likely lost it when it rebooted, so it sends none.';
}
