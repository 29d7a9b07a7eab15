// Which sessions the record holds open are not running, for the screens that list them without a
// RunningTransaction at hand (the Transactions list and its header count, a transaction's page, a charger's
// connector card): components/running's one rule (isRunning), its connector saying no session is there
// since the start (connectorSaysNoSession) or a newer session open on it (supersededSessions), read against
// the chargers as the bench knows them now. A session its charger lost at a reboot keeps its own "Not
// confirmed" (UnconfirmedSession's unconfirmedSince) unless a newer one supersedes it.
import { unconfirmedSince } from './UnconfirmedSession';
import { connectorSaysNoSession, supersededSessions, type RunningTransaction } from './running';
import type { ChargerView, TransactionView } from '../../../shared/api/views';

/** Why a session held open is not running: the rule's parts, and when its connector reported what it says (the bench's clock; null when it says nothing). */
export interface NotRunning extends Pick<RunningTransaction, 'connectorSays' | 'supersededBy'> {
  connectorSaysAt: string | null;
}

/** The chargers as the bench knows them now, by id. */
export type ChargersNow = Readonly<Record<string, Pick<ChargerView, 'connectors' | 'lastBoot'> | undefined>>;

/** The sessions among `open` (those the record holds open) that are not running, by transactionId, each with why. */
export function notRunningSessions(open: Iterable<TransactionView>, chargers: ChargersNow): Map<number, NotRunning> {
  const list = [...open].filter((t) => t.active);
  const superseded = supersededSessions(list);
  const found = new Map<number, NotRunning>();
  for (const t of list) {
    const supersededBy = superseded.get(t.transactionId) ?? null;
    const charger = chargers[t.chargerId];
    const connector = charger?.connectors.find((c) => c.connectorId === t.connectorId);
    const lost = unconfirmedSince(t, { connector, lastBoot: charger?.lastBoot }) !== null;
    const connectorSays = lost ? null : connectorSaysNoSession(t, charger?.connectors);
    if (supersededBy || connectorSays !== null) found.set(t.transactionId, { connectorSays, supersededBy, connectorSaysAt: connectorSays !== null ? (connector?.updatedAt ?? null) : null });
  }
  return found;
}
