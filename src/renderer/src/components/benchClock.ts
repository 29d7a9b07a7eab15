// The bench's clock, as this window knows it: the browser's clock corrected by how far it is from the
// bench's (the link tells, store's `clockSkewMs`). In serve mode the page may run on another machine whose
// clock is off the bench's; every time a screen shows was stamped by the bench, so "3 min ago", "no data
// since", overdue heartbeats and durations are all judged on the bench's clock. What the browser itself
// times (the link's silence, its own timers, an operator request's countdown) stays on the browser's.
import { useBench } from '../stores/bench';

/** The time now on the bench's clock (ms): the browser's, less how far it is ahead of the bench's. */
export function benchNow(): number {
  // A state set whole without it (an older test's, a partial reset) is one clock, never NaN.
  return Date.now() - (useBench.getState().clockSkewMs || 0);
}

/** A skew past this (ms) is said on screen: below it, times on either clock read alike. */
export const SKEW_SHOWN_MS = 60_000;

/** "4 min 12 s", "1 h 3 min", "45 s": how far apart the two clocks are. */
function span(ms: number): string {
  const s = Math.round(Math.abs(ms) / 1000);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  const m = Math.floor(s / 60);
  return `${Math.floor(m / 60)} h${m % 60 ? ` ${m % 60} min` : ''}`;
}

/**
 * "This computer's clock is 4 min 12 s ahead of the bench's: times are shown on the bench's clock." when
 * the skew (browser less bench, ms) is more than SKEW_SHOWN_MS; null otherwise.
 */
export function skewWords(skewMs: number): string | null {
  if (!(Math.abs(skewMs) > SKEW_SHOWN_MS)) return null;
  return `This computer's clock is ${span(skewMs)} ${skewMs > 0 ? 'ahead of' : 'behind'} the bench's: times are shown on the bench's clock.`;
}
