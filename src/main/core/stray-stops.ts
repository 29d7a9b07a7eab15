// The stray StopTransactions (for a transaction the bench never started: shared/api/stray-stop) read from the
// record beside the sessions it holds open: for the Transactions export (strayStopsSince), and the one that came
// on a run's charger while a session there was open (strayStopOf, conformance's CaseHost.strayStop): a step's
// words name it beside that session, as the screens do, since the charger may have ended the session with a
// wrong transactionId; "the charger has not sent its StopTransaction" would not be true. With the session's
// last register reading, as the screens read it: a stop whose meterStop is below it is most likely not its own.
import type { BenchRecord } from '../store/record';
import type { TransactionRecord } from '../../shared/records';
import { toSamples } from '../../shared/api/meter';
import { lastRegisterOf, unknownStopDuring, unknownStopOfEvent, type LastRegister, type StopDuring, type UnknownStop } from '../../shared/api/stray-stop';

/**
 * The StopTransactions for a transaction the bench never started that the chargers with a session held open
 * (`open`) sent since the earliest such session's start there (the bench's clock): only those can be named beside one.
 */
export function strayStopsSince(record: BenchRecord, open: readonly TransactionRecord[]): UnknownStop[] {
  const since = new Map<string, string>();
  for (const t of open) {
    if (t.receivedAt === undefined) continue;
    const held = since.get(t.chargerId);
    if (held === undefined || Date.parse(t.receivedAt) < Date.parse(held)) since.set(t.chargerId, t.receivedAt);
  }
  if (!since.size) return [];
  return record.events.stopWarningsSince(since).flatMap((e) => unknownStopOfEvent(e) ?? []);
}

/**
 * Such a stop, with the session's meterStart (what it would have delivered were it its stop: maybeItsStopClause)
 * and its last register reading in the record (`last`, lastRegisterOf; null with none): a meterStop below it is
 * most likely not its stop, as the screens say.
 */
export interface StrayStop {
  stop: StopDuring;
  meterStart: number;
  last: LastRegister | null;
}

/** Sampled values of a session read first for its last register reading (newest first); ten times more each time they hold none. */
const REGISTER_READ = 100;
/** The most read for it: a session whose newest 10,000 values hold no register reading is said to have none. */
const REGISTER_READ_MAX = 10_000;

/**
 * A session's last energy register reading in the record, by the screens' rule (lastRegisterOf on the values
 * naming it, as its Transaction screen reads them), from its newest values only: the whole session is read
 * only when it is small. The oldest reading a limit cuts into is left out (its other values may be older).
 */
export function lastRegisterIn(record: BenchRecord, tx: TransactionRecord): LastRegister | null {
  for (let limit = REGISTER_READ; ; limit *= 10) {
    const values = record.meterValues.of({ chargerId: tx.chargerId, transactionId: tx.transactionId, limit });
    const all = values.length < limit;
    const oldest = values[values.length - 1];
    const whole = all || !oldest ? values : values.filter((v) => v.connectorId !== oldest.connectorId || v.timestamp !== oldest.timestamp);
    const last = lastRegisterOf(tx, toSamples(whole));
    if (last || all || limit >= REGISTER_READ_MAX) return last;
  }
}

/** How many of a charger's stray stops are read for a session the bench holds no receivedAt of (recorded by an earlier version). */
const READ_WITHOUT_RECEIVED_AT = 500;

/**
 * The first stray stop that came on `chargerId` while the record held its transaction `transactionId` open
 * (unknownStopDuring: the sessions it recorded open then, else by the bench's clock after the session's
 * receivedAt), or null: none came, or the record does not hold that transaction open on that charger.
 */
export function strayStopOf(record: BenchRecord, chargerId: string, transactionId: number): StrayStop | null {
  const tx = record.transactions.get(transactionId);
  if (!tx || tx.chargerId !== chargerId || !tx.active) return null;
  const stops =
    tx.receivedAt !== undefined
      ? strayStopsSince(record, [tx])
      : record.events.list({ chargerId, action: 'StopTransaction', warning: true, limit: READ_WITHOUT_RECEIVED_AT }).flatMap((e) => unknownStopOfEvent(e) ?? []);
  const stop = unknownStopDuring(tx, stops, record.transactions.list({ chargerId, active: true }));
  return stop && { stop, meterStart: tx.meterStart, last: lastRegisterIn(record, tx) };
}
