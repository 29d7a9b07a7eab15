// The OCTT 1.6 charge-point test cases (SUT = Charge Point), in the document's order, one file per group.
import type { CaseDefinition } from '../types';
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
];

export function findCases(ids: string[]): CaseDefinition[] {
  const unknown = ids.filter((id) => !octt16Cases.some((c) => c.id === id));
  if (unknown.length) throw new Error(`Unknown test case${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`);
  return octt16Cases.filter((c) => ids.includes(c.id));
}
