// What a commissioning's run of its plan asks of the conformance runner beyond the run itself.
import type { RunOptions } from '../conformance/runner';

export const COMMISSIONING_RUN: Pick<RunOptions, 'keepAuthorizationCache' | 'commissioning'> = {
  // A commissioning leaves the cards the charger has cached (for offline charging on a live site) as they are.
  keepAuthorizationCache: true,
  // Its steps named by their titles in what the bench says it does; a setup note (MinimumStatusDuration) on its first step, not among what is open.
  commissioning: true,
};
