// The commissioning's connectors step (C4): connector 0 and each connector asked for its status, each its
// own row, wanted Available with NoError. A connector a session runs on (a customer charging: Charging,
// SuspendedEV or SuspendedEVSE, or Preparing or Finishing with a transaction the bench knows open on it) is
// in use, not broken: its row and the step's reason name the session (its transaction, idTag and since when,
// as the bench knows them) and the step is inconclusive, not failed (nothing is wrong with the connector as
// far as the step saw) nor passed (an installer must not sign off a connector never seen Available): Run
// again once the session has ended. A connector at fault (an errorCode other than NoError, even while
// charging) or in another status fails the step, naming a connector in use beside it as not judged. A
// connector Available with NoError passes even when the record still holds a transaction open on it (a
// StopTransaction the charger never sent: a session lost before this visit): the charger is fine there, but
// its row and a note (shown with the result and in the report) name that transaction and say to close it in
// the record, so the handover report does not silently contradict the Transactions screen. When a
// StopTransaction with a wrong transactionId came on the charger while it was open (a stray stop), the note
// names that one instead: the charger may have ended the session with it (stray-stop-words).
import type { CaseContext } from '../conformance/context';
import type { CaseHost } from '../conformance/host';
import { Inconclusive, StepFailure } from '../conformance/types';
import { FakeClock } from '../clock';
import { AROUND_SESSION, CHARGING } from './each-connector';
import { noteTime } from './outages';
import { strayStopWords } from './stray-stop-words';

const WANTED = 'Available, NoError';

/**
 * The session running on a connector reporting `status`, in words ("a session runs there (transaction 12,
 * idTag ABC123, since Dec 5, 2026, 10:02:05 AM UTC)"), or null when the status shows none: charging (or paused
 * in a session), known transaction or not; Preparing or Finishing only with a transaction the bench knows open there.
 */
export function sessionThereWords(t: CaseContext, connectorId: number, status: string): string | null {
  const tx = openOn(t, connectorId);
  if (!CHARGING.has(status) && !(AROUND_SESSION.has(status) && tx)) return null;
  if (!tx) return 'a session runs there (no transaction the bench knows of)';
  return `a session runs there (${txWords(t, tx, 'since')})`;
}

type OpenTransaction = ReturnType<CaseHost['openTransactions']>[number];

/** The transaction the bench holds open on the connector (seen in this run, or in the record), or null. */
const openOn = (t: CaseContext, connectorId: number): OpenTransaction | null => t.host.openTransactions().find((o) => o.connectorId === connectorId) ?? null;

/** "transaction 12, idTag ABC123, since Dec 5, 2026, 10:02:05 AM UTC" (no time when the record does not hold its start). */
function txWords(t: CaseContext, tx: OpenTransaction, word: 'since' | 'started'): string {
  const at = Date.parse(t.host.transactionStartedAt?.(tx.transactionId) ?? '');
  const when = Number.isNaN(at) ? '' : `, ${word} ${noteTime(at, t.clock instanceof FakeClock)}`;
  return `transaction ${tx.transactionId}, idTag ${tx.idTag}${when}`;
}

/**
 * A connector Available with NoError that the record still holds a transaction open on (running or left as it is by the run): its row's words and
 * the step's note naming that transaction and what to do, or null when the record holds none open there.
 */
export function openInRecordWords(t: CaseContext, connectorId: number): { row: string; note: string } | null {
  // One the run left as it is (its charger lost it at a reboot, or it is not running) is held open in the record all the same.
  const tx = openOn(t, connectorId) ?? t.host.leftOpen?.().find((o) => o.connectorId === connectorId) ?? null;
  if (!tx) return null;
  const held = `Connector ${connectorId}: Available, NoError. The record still holds ${txWords(t, tx, 'started')} open on it: `;
  const stray = t.host.strayStop?.(tx.transactionId) ?? null;
  return {
    row: `Available; the record still holds transaction ${tx.transactionId} open on it (see the note)`,
    note: stray
      ? `${held}${strayStopWords(stray, tx, (iso) => noteTime(Date.parse(iso), t.clock instanceof FakeClock))} Close it from the Transactions screen (Close it in the record) if it ended.`
      : `${held}the charger has not sent its StopTransaction; it may be a session lost before this visit. Close it from the Transactions screen (Close it in the record) if it is over.`,
  };
}

/** Connectors in use, said: "Connector 1 reports Charging: a session runs there (…)". */
const inUseWords = (busy: string[]): string => busy.map((b, i) => (i === 0 ? b : b.replace(/^Connector/, 'connector'))).join('; ');

/** What ends the reason when a connector was in use: seeing it Available waits for its session's end. */
const againWords = (n: number): string =>
  `${n === 1 ? 'It' : 'They'} could not be seen Available with NoError while in use; run this step again once ${n === 1 ? 'the session has' : 'the sessions have'} ended.`;

/** What to do about a connector not Available, by what it reports: a fault is cleared, a cable unplugged, an availability set back. */
function remedy(status: string, errorCode: string): string {
  if (errorCode !== 'NoError' || status === 'Faulted') return 'clear the fault before handing over';
  if (status === 'Unavailable') return 'it is set Unavailable (Change availability: Operative) or the charger took it out of service; make it available before handing over';
  if (status === 'Reserved') return 'a reservation holds it; cancel the reservation (or let it expire) and run this step again';
  if (status === 'Preparing' || status === 'Finishing') return 'a cable is plugged in or a card was presented with no session running; unplug it and run this step again';
  return 'make it Available before handing over';
}

export async function connectorsAvailable(t: CaseContext): Promise<void> {
  const busy: string[] = [];
  let fault: StepFailure | null = null;
  for (let connectorId = 0; connectorId <= t.pics.connectors; connectorId++) {
    await t.send('TriggerMessage', { requestedMessage: 'StatusNotification', connectorId }, { checks: { status: 'Accepted' }, title: `Bench asks connector ${connectorId} for its status` });
    const s = await t.expect('StatusNotification', { where: { connectorId }, title: `Connector ${connectorId} reports its status` });
    const status = String(s.payload.status);
    const errorCode = String(s.payload.errorCode);
    const ok = status === 'Available' && errorCode === 'NoError';
    const session = ok ? null : sessionThereWords(t, connectorId, status);
    const shown = `${status}${errorCode !== 'NoError' ? ` (${errorCode})` : ''}`;
    const inRecord = ok ? openInRecordWords(t, connectorId) : null;
    if (inRecord) {
      // Available, NoError: the charger is fine there; the record is what is wrong, said, not judged.
      t.measure(`Connector ${connectorId}`, inRecord.row, true, WANTED);
      t.note(inRecord.note);
      continue;
    }
    if (session && errorCode === 'NoError') {
      // In use, not judged: neither a fault nor seen Available.
      t.measure(`Connector ${connectorId}`, `${shown}: ${session}`, null, WANTED);
      busy.push(`Connector ${connectorId} reports ${status}: ${session}`);
      continue;
    }
    t.measure(`Connector ${connectorId}`, session ? `${shown}: ${session}` : shown, ok, WANTED);
    fault ??= ok ? null : new StepFailure(`connector ${connectorId} Available with NoError`, `it reports ${status} (${errorCode})${session ? `, ${session}` : ''}: ${remedy(status, errorCode)}`);
  }
  if (fault) {
    if (!busy.length) throw fault;
    throw new StepFailure(fault.expected, `${fault.actual}. Not judged: ${inUseWords(busy).replace(/^Connector/, 'connector')}. ${againWords(busy.length)}`);
  }
  if (busy.length) throw new Inconclusive(`${inUseWords(busy)}. ${againWords(busy.length)}`);
}
