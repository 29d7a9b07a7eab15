// Which sessions the record holds open are not running, for the screens that list them without a
// RunningTransaction at hand (the Transactions list and its header count, a transaction's page, a charger's
// connector card): components/running's one rule, kept in shared/api/session-state so the bench's exports
// read it too. A session its charger lost at a reboot keeps its own "Not confirmed" (unconfirmedSince)
// unless a newer one supersedes it.
export { notRunningSessions, type ChargersNow, type NotRunning } from '../../../shared/api/session-state';
