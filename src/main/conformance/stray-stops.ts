// The stray StopTransaction (one for a transaction the bench never started: shared/api/stray-stop) that came
// on a run's charger while a session the record holds open there was open (CaseHost.strayStop): a step's words
// name it beside that session, as the screens do, since the charger may have ended the session with a wrong
// transactionId; "the charger has not sent its StopTransaction" would not be true.
import type { Bench } from '../core/bench';
import { unknownStopDuring, unknownStopOfEvent, type StopDuring } from '../../shared/api/stray-stop';

/** Such a stop, with the session's meterStart (what it would have delivered were it its stop: maybeItsStopClause). */
export interface StrayStop {
  stop: StopDuring;
  meterStart: number;
}

/** How many of a charger's stray stops are read for a session the bench holds no receivedAt of (recorded by an earlier version). */
const READ_WITHOUT_RECEIVED_AT = 500;

/**
 * The first stray stop that came on `chargerId` while the record held its transaction `transactionId` open
 * (unknownStopDuring: the sessions it recorded open then, else by the bench's clock after the session's
 * receivedAt), or null: none came, or the record does not hold that transaction open on that charger.
 */
export function strayStopOf(record: Bench['record'], chargerId: string, transactionId: number): StrayStop | null {
  const tx = record.transactions.get(transactionId);
  if (!tx || tx.chargerId !== chargerId || !tx.active) return null;
  const events =
    tx.receivedAt !== undefined
      ? record.events.stopWarningsSince(new Map([[chargerId, tx.receivedAt]]))
      : record.events.list({ chargerId, action: 'StopTransaction', warning: true, limit: READ_WITHOUT_RECEIVED_AT });
  const stops = events.flatMap((e) => unknownStopOfEvent(e) ?? []);
  const stop = unknownStopDuring(tx, stops, record.transactions.list({ chargerId, active: true }));
  return stop && { stop, meterStart: tx.meterStart };
}
