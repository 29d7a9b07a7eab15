// What the commissioning's connectors step says of a session held open in the record when a StopTransaction
// with a wrong transactionId came on its charger while it was open (a stray stop: shared/api/stray-stop), in
// the words the Transactions screens use: the charger did send a StopTransaction, with another id.
import { belowLastReading, maybeItsStopClause, unknownStopNote } from '../../shared/api/stray-stop';
import type { StrayStop } from '../core/stray-stops';

/** A number of Wh as the report writes it: "12,345". */
const num = (n: number): string => n.toLocaleString('en-US');

/**
 * After "open on it: ", one sentence or two, each ending with a full stop: "no StopTransaction with its
 * transactionId came, but a StopTransaction for unknown transaction 1004 came at … on this charger, maybe this
 * session's (reason Local, meterStop …): the charger may have ended it with a wrong transactionId." With the
 * session's last register reading (`stray.last`) above its meterStop, "…: most likely not its stop)."
 * (maybeItsStopClause), and not that the charger may have ended it. With several sessions open there when it
 * came, it names them all and pins it on none (unknownStopNote).
 */
export function strayStopWords(stray: StrayStop, tx: { transactionId: number }, when: (iso: string) => string): string {
  const { stop } = stray;
  const but = 'no StopTransaction with its transactionId came, but ';
  if (stop.openThen.length > 1) {
    const note = unknownStopNote(stop, tx, when);
    return `${but}${note[0]!.toLowerCase()}${note.slice(1)}`;
  }
  const clause = maybeItsStopClause(stop, { meterStart: stray.meterStart }, when, num, stray.last);
  // Most likely not its stop (its meterStop below the session's last reading): not said to have ended it either.
  if (belowLastReading(stop, stray.last)) return `${but}${clause}.`;
  return `${but}${clause}: the charger may have ended it with a wrong transactionId.`;
}
