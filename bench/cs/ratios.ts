// bench:cs's comparison of the two servers run by run. The servers alternate (in --servers order,
// --repeat times), and on a shared machine the rate drifts from minute to minute, so each alternating
// pair (two runs seconds apart) shows what the ratio of the two medians can hide: whether one server is
// ahead run after run, or only in the median.

/** Each repetition's ChargeBench calls/s over that of the ocpp-rpc run of the same repetition. */
export function pairedRatios(chargebench: readonly number[], ocppRpc: readonly number[]): number[] {
  const n = Math.min(chargebench.length, ocppRpc.length);
  return Array.from({ length: n }, (_, i) => chargebench[i] / ocppRpc[i]);
}

/** The pairs in a few words: "pairs 0.88–1.20×, median 1.11×, ChargeBench ahead in 3 of 5". */
export function describePairs(pairs: readonly number[]): string {
  const sorted = [...pairs].sort((a, b) => a - b);
  const mid = sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  const ahead = pairs.filter((r) => r > 1).length;
  return `pairs ${sorted[0].toFixed(2)}–${sorted[sorted.length - 1].toFixed(2)}×, median ${mid.toFixed(2)}×, ChargeBench ahead in ${ahead} of ${pairs.length}`;
}
