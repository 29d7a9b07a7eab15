// A site's chargers side by side, as every face of the site summary reads it (its screen, its HTML page, the API).
import type { CommissioningState, CommissioningVerdict } from './commissioning';
import type { RunInterrupted } from './commissioning-run-end';

/** The chargers of one site side by side: which passed, which need a revisit, and their offline policies. */
export interface SiteSummary {
  site: string;
  address: string;
  chargers: Array<{
    commissioningId: string;
    chargerId: string;
    location: string;
    state: CommissioningState;
    verdict: CommissioningVerdict;
    /** The offline policy found, in words (null: the step has not run). */
    offlinePolicy: string | null;
    /** The steps and checks that failed, by title. */
    failed: string[];
    /** When its checks last ran (the latest run's end; null: not run yet, running, or cut short by the bench stopping unexpectedly). */
    checkedAt: string | null;
    /**
     * Its latest run was cut short by the bench stopping unexpectedly (killed, crashed, lost power: it never
     * recorded its end): when the record last heard from it and during which step. Absent: it was not.
     */
    interrupted?: RunInterrupted;
    /** When its handover was signed (null: not handed over). */
    signedAt: string | null;
    /** This charger's latest signed handover at the site, when this (newer) commissioning is not signed (null: none, or this one is signed). */
    signedEarlier: { commissioningId: string; location: string; signedAt: string } | null;
  }>;
  /** When this summary was made (the bench's clock). */
  madeAt: string;
  /** Every charger checked found with the same offline policy (true when fewer than two were checked: see offlinePolicyChecked). */
  offlinePolicySame: boolean;
  /** How many of the chargers had their offline policy checked (fewer than two: nothing is compared). */
  offlinePolicyChecked: number;
}
