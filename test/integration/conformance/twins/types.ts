// The shape of a failing twin: the misbehaviour rules the virtual charger follows, and words of the
// step that must fail and of its reason.
import type { Misbehaviour } from '../../../../src/main/virtual-cp/misbehaviour';
import type { VirtualChargePoint } from '../../../../src/main/virtual-cp/charge-point';
import { defaultTestData } from '../../../../src/main/conformance/test-data';

export interface Twin {
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
