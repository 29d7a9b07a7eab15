// The shape of a failing twin: the misbehaviour rules the virtual charger follows, and words of the
// step that must fail and of its reason.
import type { Misbehaviour } from '../../../../src/main/virtual-cp/misbehaviour';
import { defaultTestData } from '../../../../src/main/conformance/test-data';

export interface Twin {
  rules: Misbehaviour[];
  step: RegExp;
  reason: RegExp;
}
export type Twins = Record<string, Twin>;

/** The test data the twins run with (the defaults). */
export const testData = defaultTestData();

export const stopReason = (reason: string): Misbehaviour => ({ kind: 'patch', action: 'StopTransaction', patch: { reason } });
