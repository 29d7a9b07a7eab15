// The exit status of a `chargebench test` run that ended: a report not written (3) before a case failed or
// erred (1) before nothing concluded (5: no case passed, or with --strict a case inconclusive) before 0; and
// the line that says why a run with nothing failed is 5.
import { describe, expect, it } from 'vitest';
import { nothingConcluded, runExitStatus } from '../../../../src/main/cli/run-status';
import type { RunSummary } from '../../../../src/main/conformance/types';

const summary = (patch: Partial<RunSummary> = {}): RunSummary => ({ pass: 0, fail: 0, notApplicable: 0, inconclusive: 0, error: 0, notSupported: 0, ...patch });
const ended = (patch: Partial<RunSummary> = {}, error?: string) => ({ summary: summary(patch), ...(error && { error }) });

describe('runExitStatus', () => {
  it('is 5, not 0, when no case passed and none failed or erred: every case inconclusive or not applicable', () => {
    expect(runExitStatus(ended({ inconclusive: 3 }), true, false)).toBe(5);
    expect(runExitStatus(ended({ notApplicable: 2 }), true, false)).toBe(5);
    expect(runExitStatus(ended({ inconclusive: 1, notApplicable: 4, notSupported: 1 }), true, false)).toBe(5);
    expect(runExitStatus(ended(), true, false)).toBe(5);
  });

  it('is 0 when a case passed, whatever else was inconclusive or did not apply; --strict makes an inconclusive case 5', () => {
    expect(runExitStatus(ended({ pass: 1 }), true, false)).toBe(0);
    expect(runExitStatus(ended({ pass: 1, inconclusive: 2, notApplicable: 3 }), true, false)).toBe(0);
    expect(runExitStatus(ended({ pass: 1, inconclusive: 2 }), true, true)).toBe(5);
    expect(runExitStatus(ended({ pass: 4, notApplicable: 3 }), true, true)).toBe(0);
  });

  it('puts a report not written (3) before a failure (1), and a failure before nothing concluded (5)', () => {
    expect(runExitStatus(ended({ inconclusive: 3 }), false, false)).toBe(3);
    expect(runExitStatus(ended({ fail: 1, inconclusive: 3 }), false, true)).toBe(3);
    expect(runExitStatus(ended({ fail: 1, inconclusive: 3 }), true, true)).toBe(1);
    expect(runExitStatus(ended({ error: 1, notApplicable: 3 }), true, false)).toBe(1);
    expect(runExitStatus(ended({}, 'The charger did not connect'), true, false)).toBe(1);
  });
});

describe('a run in which nobody could be asked to do an operator step (no terminal)', () => {
  it('is 5 when a case was left inconclusive for want of a person, whatever else passed; a failure is still 1', () => {
    expect(runExitStatus(ended({ pass: 3, inconclusive: 1 }), true, false, 1)).toBe(5);
    expect(runExitStatus(ended({ pass: 3, inconclusive: 1 }), true, false, 0)).toBe(0);
    expect(runExitStatus(ended({ fail: 1, inconclusive: 1 }), true, false, 1)).toBe(1);
    expect(runExitStatus(ended({ pass: 1, inconclusive: 1 }), false, false, 1)).toBe(3);
  });

  it('says why on the last line', () => {
    expect(nothingConcluded(summary({ pass: 1, inconclusive: 2 }), false, 2)).toBe(
      'Inconclusive for want of a person: 2 cases needed a person at the charger and nobody could be asked; 1 passed, none failed (exit status 5)',
    );
    expect(nothingConcluded(summary({ inconclusive: 1 }), false, 1)).toBe(
      'Nothing concluded: 1 case inconclusive, none passed; 1 needed a person at the charger and nobody could be asked (exit status 5)',
    );
  });
});

describe('nothingConcluded', () => {
  it('says in plain words why the status is 5', () => {
    expect(nothingConcluded(summary({ inconclusive: 3 }), false)).toBe('Nothing concluded: 3 cases inconclusive, none passed (exit status 5)');
    expect(nothingConcluded(summary({ inconclusive: 2, notApplicable: 1 }), false)).toBe('Nothing concluded: 2 cases inconclusive, 1 not applicable, none passed (exit status 5)');
    expect(nothingConcluded(summary({ notApplicable: 1 }), false)).toBe('Nothing concluded: 1 case not applicable, none passed (exit status 5)');
    expect(nothingConcluded(summary(), false)).toBe('Nothing concluded: no case ran (exit status 5)');
    expect(nothingConcluded(summary({ pass: 4, inconclusive: 1 }), true)).toBe('Inconclusive under --strict: 1 case inconclusive, 4 passed, none failed (exit status 5)');
  });

  it('is null when something was concluded', () => {
    expect(nothingConcluded(summary({ pass: 1, inconclusive: 1 }), false)).toBeNull();
    expect(nothingConcluded(summary({ pass: 1, notApplicable: 1 }), true)).toBeNull();
  });
});
