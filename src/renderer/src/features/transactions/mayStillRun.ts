// A session Not confirmed by its charger (it booted since the session started) that may still run: its
// connector does not say no session since the boot (it reports Charging, SuspendedEV…, or nothing since), so
// it is counted as running (components/running's mayStillRun), and the Transactions list and the session's
// page say so, never that the charger most likely lost it.
import { noSessionSinceBoot, type SessionCharger } from '../../../../shared/api/session-state';

/** Not confirmed, it may still run; `reports`: what its connector reports now (null: not known). */
export type MayStillRun = { reports: string | null };

/** Whether a session not confirmed (`unconfirmed`) may still run, by its charger as the bench knows it now; null: confirmed, or lost (its connector says no session since the boot). */
export function mayStillRunOf(unconfirmed: boolean, charger: SessionCharger): MayStillRun | null {
  return unconfirmed && !noSessionSinceBoot(charger) ? { reports: charger.connector?.status ?? null } : null;
}

/** "not confirmed by the charger, may still be running (connector 1 reports Charging)", or without what it reports when that is not known. */
export function mayStillRunWords(connectorId: number, m: MayStillRun): string {
  return `not confirmed by the charger, may still be running${m.reports === null ? '' : ` (connector ${connectorId} reports ${m.reports})`}`;
}
