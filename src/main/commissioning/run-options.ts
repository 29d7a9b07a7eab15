// What a commissioning's run of its plan asks of the conformance runner beyond the run itself.
import type { RunOptions } from '../conformance/runner';
import { onlyReads } from '../../shared/api/commissioning-steps';

/** A commissioning's run of `steps` (ids): a run of steps that only read leaves a session running on the charger alone. */
export const commissioningRun = (steps: readonly string[]): Pick<RunOptions, 'keepAuthorizationCache' | 'commissioning' | 'leaveSessions'> => ({
  // A commissioning leaves the cards the charger has cached (for offline charging on a live site) as they are.
  keepAuthorizationCache: true,
  // Its steps named by their titles in what the bench says it does; a setup note (MinimumStatusDuration) on its first step, not among what is open.
  commissioning: true,
  // A customer's session is neither stopped (RemoteStopTransaction) nor is a cable asked out for steps that only read.
  leaveSessions: onlyReads(steps),
});
