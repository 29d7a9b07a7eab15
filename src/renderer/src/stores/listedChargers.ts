// One picture of the chargers for every part of the window that counts them: the Chargers screen's list and
// subtitle and the header's "Live · N chargers online" chip read the very same snapshot, so the two counts
// never disagree (during a mass reconnect one read the store at once and the other a second late). Like
// useThrottledBench, the snapshot is new at once when the bench has been quiet, otherwise at most every
// LIST_REFRESH_MS, so a thousand chargers sending cost the page a redraw a second.
import { useSyncExternalStore } from 'react';
import { LIST_REFRESH_MS, useBench, type BenchState } from './bench';

type Chargers = BenchState['chargers'];

let snapshot: Chargers = useBench.getState().chargers;
const listeners = new Set<() => void>();
let off: (() => void) | null = null;
let timer: ReturnType<typeof setTimeout> | null = null;
let last = 0;

function show(): void {
  timer = null;
  last = Date.now();
  const now = useBench.getState().chargers;
  if (now === snapshot) return;
  snapshot = now;
  for (const l of [...listeners]) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!off) {
    // Watched anew: from the store as it is, and its next change shown at once.
    snapshot = useBench.getState().chargers;
    last = 0;
    off = useBench.subscribe((s, prev) => {
      if (timer || s.chargers === prev.chargers) return;
      const wait = last + LIST_REFRESH_MS - Date.now();
      if (wait <= 0) show();
      else timer = setTimeout(show, wait);
    });
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size || !off) return;
    off();
    off = null;
    if (timer) clearTimeout(timer);
    timer = null;
  };
}

/** While nothing watches, the store as it is (a screen opened later starts from now); while watched, the shared snapshot. */
const current = (): Chargers => (off ? snapshot : useBench.getState().chargers);

/** The chargers as the list shows them (throttled, shared by every reader). */
export function useListedChargers(): Chargers {
  return useSyncExternalStore(subscribe, current);
}

const countOnline = (chargers: Chargers): number => {
  let n = 0;
  for (const id in chargers) if (chargers[id].connected) n++;
  return n;
};

/** How many of the listed chargers are online: the same count wherever it is shown. */
export function useListedOnline(): number {
  return countOnline(useListedChargers());
}
