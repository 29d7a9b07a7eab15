// The OCTT 1.6 charge-point test cases (SUT = Charge Point), in the document's order, one file per group.
import type { CaseDefinition } from '../types';
import { judgeOutsideScript, scriptEnded } from '../outside-script';
import { OUTSIDE_SCRIPT } from './cases';
import { bootCases } from './boot';
import { startCases } from './start';
import { stopCases } from './stop';
import { remoteCases } from './remote';
import { resetCases } from './reset';
import { unlockCases } from './unlock';
import { localListCases } from './local-list';
import { diagnosticsCases, firmwareCases } from './firmware';
import { triggerCases } from './trigger';
import { dataTransferCases } from './data-transfer';
import { securityCases } from './security';
import { cacheCases } from './cache';
import { configurationCases, configurationKeyCases } from './configuration';
import { meterValueCases } from './meter-values';
import { basicNonHappyCases, faultCases, remoteNonHappyCases, unlockNonHappyCases } from './core-non-happy';
import { powerFailureCases } from './power-failure';
import { offlineCases } from './offline';
import { reservationCases } from './reservation';
import { smartChargingCases } from './smart-charging';

/**
 * Every case is judged by the declared policy on what comes outside the script (outside-script.ts): its
 * steps' take and the end of its script, which judges what the charger sent that no step took. Its report
 * lists that policy among its decisions (a case the bench cannot run yet is not judged).
 */
const judged = (c: CaseDefinition): CaseDefinition =>
  c.notSupported
    ? c
    : {
        ...c,
        decisions: [...(c.decisions ?? []).filter((d) => d !== OUTSIDE_SCRIPT), OUTSIDE_SCRIPT],
        async run(t) {
          judgeOutsideScript(t);
          await c.run(t);
          await scriptEnded(t);
        },
      };

export const octt16Cases: CaseDefinition[] = [
  ...bootCases,
  ...startCases,
  ...stopCases,
  ...cacheCases,
  ...remoteCases,
  ...resetCases,
  ...unlockCases,
  ...configurationCases,
  ...meterValueCases,
  ...basicNonHappyCases,
  ...remoteNonHappyCases,
  ...unlockNonHappyCases,
  ...powerFailureCases,
  ...offlineCases,
  ...configurationKeyCases,
  ...faultCases,
  ...localListCases,
  ...firmwareCases,
  ...diagnosticsCases,
  ...reservationCases,
  ...triggerCases,
  ...smartChargingCases,
  ...dataTransferCases,
  ...securityCases,
].map(judged);

export function findCases(ids: string[]): CaseDefinition[] {
  const unknown = ids.filter((id) => !octt16Cases.some((c) => c.id === id));
  if (unknown.length) throw new Error(`Unknown test case${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`);
  return octt16Cases.filter((c) => ids.includes(c.id));
}
