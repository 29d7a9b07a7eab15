import { describe, expect, it } from 'vitest';
import { describePairs, pairedRatios } from '../../../bench/cs/ratios';

describe("bench:cs's run-by-run comparison", () => {
  it('pairs each ChargeBench run with the ocpp-rpc run of the same repetition', () => {
    // Both servers slow down together in the second repetition: the pairs stay level where the runs do.
    expect(pairedRatios([10_000, 5_000, 12_000], [10_000, 5_000, 10_000])).toEqual([1, 1, 1.2]);
  });

  it('pairs only the repetitions both servers completed', () => {
    expect(pairedRatios([9_000, 8_000, 7_000], [10_000, 10_000])).toEqual([0.9, 0.8]);
  });

  it('says the range, the median and how many pairs ChargeBench was ahead in', () => {
    // Ahead in two pairs, behind in three: the median pair is behind.
    expect(describePairs([0.88, 1.14, 0.93, 1.2, 0.95])).toBe('pairs 0.88–1.20×, median 0.95×, ChargeBench ahead in 2 of 5');
  });

  it('takes the middle of the two middle pairs when there is an even number', () => {
    expect(describePairs([0.9, 1.1, 1.0, 1.3])).toBe('pairs 0.90–1.30×, median 1.05×, ChargeBench ahead in 2 of 4');
  });
});
