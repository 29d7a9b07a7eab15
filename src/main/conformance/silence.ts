// A window in which the charger must send nothing of a kind (expectNone): it fails on the message that
// came, and proves nothing when the charger was not connected all through it. A charger that is offline
// cannot send the message, so its silence is no evidence: the step is Inconclusive, naming when the
// connection closed and whether (and when) it came back.
import type { CaseContext } from './context';
import type { ChargerCall, ChargerFrames } from './frames';
import { Inconclusive, StepFailure } from './types';

/** Where a window began: the last frame before it and whether the charger was connected then. */
interface WindowStart {
  seq: number;
  connected: boolean;
}

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/**
 * Waits `seconds` on the run's clock for a CALL `unwanted` picks: one that comes fails the step (its id
 * with the step's); none coming while the charger was offline for some of the time is Inconclusive.
 */
export async function silence(t: CaseContext, seconds: number, unwanted: (call: ChargerCall) => boolean, ids: string[], expected: string): Promise<void> {
  const { frames } = t.host;
  const start: WindowStart = { seq: frames.lastSeq, connected: frames.connected };
  const got = await t.waitFor(seconds * 1000, () => frames.pending.find(unwanted) ?? null);
  if (got) {
    ids.push(got.messageId);
    throw new StepFailure(expected, `the charger sent ${got.action} ${show(got.payload)}`);
  }
  const broken = disconnection(frames, start, new Date(t.clock.now()).toISOString());
  if (broken) throw new Inconclusive(`The charger was not connected all through the ${seconds} s, so nothing coming proves nothing: ${broken}`);
}

/**
 * How the charger's connection broke during a window from `start` to `endedAt` (ISO): the closings and
 * openings in order, and whether it was back at the end; null when it stayed connected all through.
 */
export function disconnection(frames: ChargerFrames, start: WindowStart, endedAt: string): string | null {
  const during = frames.links.filter((l) => l.seq > start.seq);
  if (start.connected && !during.some((l) => !l.up)) return null;
  const parts: string[] = [];
  if (!start.connected) {
    const closed = frames.links.filter((l) => l.seq <= start.seq && !l.up).at(-1);
    parts.push(`it was not connected when they began${closed ? ` (its connection closed at ${closed.ts}${closed.reason ? `: ${closed.reason}` : ''})` : ''}`);
  }
  for (const l of during) parts.push(l.up ? `it connected again at ${l.ts}` : `its connection closed at ${l.ts}${l.reason ? ` (${l.reason})` : ''}`);
  if (!frames.connected) parts.push(`it had not come back when they ended at ${endedAt}`);
  return parts.join('; ');
}
