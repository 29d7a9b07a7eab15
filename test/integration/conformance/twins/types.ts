// The shape of a failing twin: the misbehaviour rules the virtual charger follows, and words of the
// step that must fail and of its reason.
import type { Misbehaviour } from '../../../../src/main/virtual-cp/misbehaviour';
import type { VirtualChargePoint } from '../../../../src/main/virtual-cp/charge-point';
import { defaultTestData } from '../../../../src/main/conformance/test-data';
import { featureProfiles } from '../../../../src/shared/ocpp16';
import type { VirtualChargerDefinitionInput } from '../../../../src/shared/api/virtual-chargers';

export interface Twin {
  /** The case is for the other kind of charger (otherCharger below): it runs there. */
  other?: true;
  rules: Misbehaviour[];
  /** A misbehaviour the rules cannot express (e.g. the wrong password on a reconnection): made before the case, undone by the function it returns. */
  arrange?: (vcp: VirtualChargePoint) => () => void;
  step: RegExp;
  reason: RegExp;
}
export type Twins = Record<string, Twin>;

/** The test data the twins run with (the defaults). */
export const testData = defaultTestData();

export const stopReason = (reason: string): Misbehaviour => ({ kind: 'patch', action: 'StopTransaction', patch: { reason } });

/**
 * The other kind of charger, for the cases the built-in virtual charger (sockets, no back-up power, every
 * profile) does not fit: a fixed cable (TC_017_2_CS, TC_018_2_CS), back-up power (TC_032_1_CS) and no
 * LocalAuthListManagement profile (TC_043_1_CS).
 */
export const otherCharger = {
  id: 'OCTT-FIXED-CABLE',
  connectors: 2,
  autoStart: true,
  fixedCable: true,
  backupPower: true,
  profiles: featureProfiles.filter((p) => p !== 'LocalAuthListManagement'),
} satisfies VirtualChargerDefinitionInput;
