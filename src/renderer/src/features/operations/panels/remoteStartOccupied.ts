// What a remote start would meet on the connector asked for: the session already running there (a
// transaction the bench knows, or a connector reporting one it does not know of). Said before sending (a
// charger will most likely refuse) and, kept with the send, in the explanation of a refusal.
import type { ConnectorView } from '../../../../../shared/api/views';
import { sessionsWithoutTransaction } from '../../../components/ConfirmDialog';
import { formatWhen } from '../../../components/format';
import { asLastKnown } from '../../../components/lastKnownNote';
import { isRunning, type RunningTransaction } from '../../../components/running';

/** A connector taken by a session: its transaction (idTag, start) when the bench knows it, else the status it reports. */
export interface Occupied {
  connectorId: number;
  transaction: Pick<RunningTransaction, 'transactionId' | 'idTag' | 'startTime'> | null;
  status: string | null;
}

/**
 * The connectors a remote start on `connectorId` meets taken: that one when a session runs on it; for
 * any connector (undefined), every one of `connectorIds` when none is free (one free: the charger can
 * choose it), else none.
 */
export function occupiedFor(connectorId: number | undefined, running: readonly RunningTransaction[], connectors: readonly ConnectorView[] | undefined, connectorIds: readonly number[]): Occupied[] {
  const taken = (id: number): Occupied | null => {
    const tx = running.find((t) => t.connectorId === id && isRunning(t));
    if (tx) return { connectorId: id, transaction: { transactionId: tx.transactionId, idTag: tx.idTag, startTime: tx.startTime }, status: null };
    const untracked = sessionsWithoutTransaction(connectors, running, id)[0];
    return untracked ? { connectorId: id, transaction: null, status: untracked.status } : null;
  };
  if (connectorId !== undefined) {
    const one = Number.isInteger(connectorId) && connectorId > 0 ? taken(connectorId) : null;
    return one ? [one] : [];
  }
  const ids = connectorIds.filter((id) => id > 0);
  const all = ids.map(taken);
  return ids.length && all.every((o) => o !== null) ? (all as Occupied[]) : [];
}

/** "transaction 2 (idTag TAG, since 10:01:02)", or "a session the bench knows no transaction of (it reports Charging)". */
function sessionWords(o: Occupied): string {
  return o.transaction
    ? `transaction ${o.transaction.transactionId} (idTag ${o.transaction.idTag}, since ${formatWhen(o.transaction.startTime)})`
    : `a session the bench knows no transaction of (it reports ${o.status})`;
}

/** "connector 1: transaction 2 (…); connector 2: …". */
const listWords = (taken: readonly Occupied[]) => taken.map((o) => `connector ${o.connectorId}: ${sessionWords(o)}`).join('; ');

/**
 * Before sending: "Connector 1 runs transaction 2 (idTag TAG, since 10:01:02): a charger will most likely
 * refuse a remote start there." (for any connector: every one taken); while the charger is not live
 * (`lastKnown`: lastKnownNote's), as the last known. Null when nothing is taken.
 */
export function occupiedWarning(taken: readonly Occupied[], any: boolean, lastKnown: string | null): string | null {
  if (!taken.length) return null;
  const refuse = 'a charger will most likely refuse a remote start there. Stop it first (Remote stop), or choose another connector.';
  if (any) {
    const refuseAll = 'a charger will most likely refuse a remote start on any connector. Stop one first (Remote stop).';
    return asLastKnown(lastKnown, `Every connector runs a session (${listWords(taken)}): ${refuseAll}`, `every connector ran a session (${listWords(taken)}): ${refuseAll}`);
  }
  const o = taken[0]!;
  return asLastKnown(lastKnown, `Connector ${o.connectorId} runs ${sessionWords(o)}: ${refuse}`, `connector ${o.connectorId} ran ${sessionWords(o)}: ${refuse}`);
}

/**
 * The refusal's explanation when the connector asked for was taken when the start was sent: "The charger
 * refused to start: transaction 2 (idTag TAG, since 10:01:02) was running on connector 1 when this was
 * sent, and a connector runs one session at a time. …". Null when it was free (the generic words stand).
 */
export function occupiedRefusal(taken: readonly Occupied[], any: boolean): string | null {
  if (!taken.length) return null;
  if (any) return `The charger refused to start: every connector had a session running when this was sent (${listWords(taken)}), so none was free. Stop one first (Remote stop).`;
  const o = taken[0]!;
  return `The charger refused to start: ${sessionWords(o)} was running on connector ${o.connectorId} when this was sent, and a connector runs one session at a time. Stop it first (Remote stop), or start on another connector.`;
}
