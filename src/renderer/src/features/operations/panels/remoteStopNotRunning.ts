// The Remote stop panel's words under the picker for a transaction picked that is not running (components/running's
// notRunningCause): why, that the charger would refuse to stop it, and what does run on the charger (never
// "nothing is running" while one charges there).
import type { RunningTransaction } from '../../../components/running';

/** "transaction 6 on connector 1 (TAG-FRED)", for each one running, joined. */
const named = (running: readonly RunningTransaction[]) => running.map((t) => `transaction ${t.transactionId} on connector ${t.connectorId} (${t.idTag})`).join(', ');

/**
 * "Not running: a newer session (transaction 6) started on connector 1 at 10:02:03: the charger would refuse to
 * stop it. Running on CP001: transaction 6 on connector 1 (TAG-FRED)."; `running`: the charger's sessions running
 * (isRunning); `lastKnown` (lastKnownNote): the charger not live, what runs said as of then.
 */
export function notRunningHint(chargerId: string, cause: string, running: readonly RunningTransaction[], lastKnown: string | null): string {
  const asOf = lastKnown === null ? '' : ` as last known (${lastKnown})`;
  const runs = running.length ? `Running on ${chargerId}${asOf}: ${named(running)}.` : `Nothing is running on ${chargerId}${asOf}.`;
  return `Not running: ${cause}: the charger would refuse to stop it. ${runs}`;
}
