// The last line of `chargebench commission` when it exits 1: why (a step failed, erred, was left inconclusive,
// or not run), as `chargebench test` says why it exits 5; nothing when every step passed or does not apply.
import { describe, expect, it } from 'vitest';
import { commissionFailedLine } from '../../../../src/main/cli/commission-terminal';
import type { CaseResult } from '../../../../src/main/conformance/types';

const steps = (...verdicts: Array<CaseResult['verdict']>) => verdicts.map((verdict) => ({ verdict }));

describe('commissionFailedLine', () => {
  it('names the inconclusive steps behind exit status 1 (7 passed, 1 not applicable, 2 inconclusive)', () => {
    const results = steps('pass', 'pass', 'pass', 'pass', 'pass', 'pass', 'pass', 'notApplicable', 'inconclusive', 'inconclusive');
    expect(commissionFailedLine(results, 10)).toBe('Commissioning not complete: 2 steps inconclusive (exit status 1)');
  });

  it('names failures and errors first, and the steps not run', () => {
    expect(commissionFailedLine(steps('pass', 'fail', 'error', 'inconclusive'), 6)).toBe('Commissioning failed: 1 step failed, 1 erred, 1 inconclusive, 2 not run (exit status 1)');
    expect(commissionFailedLine(steps('pass', 'pass'), 3)).toBe('Commissioning not complete: 1 step not run (exit status 1)');
  });

  it('says nothing when every step passed or does not apply (exit status 0)', () => {
    expect(commissionFailedLine(steps('pass', 'notApplicable'), 2)).toBeNull();
  });
});
