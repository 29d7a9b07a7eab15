// A session the bench accepted, watched for the charger ending it on its own: a StopTransaction of it that
// comes before the case next acts on the charger (a step of the tool's or of the person at the charger) is
// the charger's own, however late it comes and wherever it lands among the case's expectations. The step
// that then fails names it; a case that would pass fails on it; and a case that ends right after the start
// gives the charger up to OWN_STOP_WINDOW_MS from the acceptance (the run's clock) to show it. No other case
// waits any longer for it.
import type { CaseContext } from './context';
import type { ChargerCall } from './frames';
import { StepFailure } from './types';

/** How long after the bench accepted a session a case that ends at once still looks for the charger ending it. */
export const OWN_STOP_WINDOW_MS = 2000;

interface Watch {
  transactionId: number;
  /** When the bench accepted it (the run's clock). */
  acceptedAt: number;
  /** The steps before the watch began: those after it are the case's. */
  fromStep: number;
  /** The charger's own StopTransaction of it, and when it came (the run's clock). */
  stop: { call: ChargerCall; at: number } | null;
  /** Stops listening: the case acted on the charger, the stop came, or the case ended. */
  off: () => void;
  open: boolean;
}

const watches = new WeakMap<CaseContext, Watch[]>();

/** Has the case asked anything of the charger since the watch began (a step of the tool's or the person's)? */
const acted = (t: CaseContext, w: Watch) => t.steps.slice(w.fromStep).some((s) => s.by === 'tool' || s.by === 'operator');

/**
 * Watches `transactionId`, accepted at `acceptedAt` (the run's clock), from now on: a StopTransaction of it
 * before the case acts on the charger is kept as the charger's own.
 */
export function watchOwnStop(t: CaseContext, transactionId: number, acceptedAt: number): void {
  const w: Watch = { transactionId, acceptedAt, fromStep: t.steps.length, stop: null, off: () => undefined, open: true };
  const close = () => {
    w.open = false;
    off();
  };
  const off = t.host.frames.onCall((call) => {
    if (call.action !== 'StopTransaction' || call.payload.transactionId !== transactionId) return;
    if (!acted(t, w)) w.stop = { call, at: t.clock.now() };
    close();
  });
  w.off = close;
  watches.set(t, [...(watches.get(t) ?? []), w]);
}

/** The charger's own stop the case has seen, if any, and the words for it. */
function found(t: CaseContext): { w: Watch; words: string } | null {
  const w = watches.get(t)?.find((x) => x.stop);
  if (!w?.stop) return null;
  const after = ((w.stop.at - w.acceptedAt) / 1000).toFixed(1);
  const reason = String(w.stop.call.payload.reason ?? 'Local');
  return {
    w,
    words: `the charger ended the session (transaction ${w.transactionId}) on its own ${after} s after the bench accepted it, before the case asked anything of it (StopTransaction with reason ${reason}), which the scenario does not have`,
  };
}

/**
 * At the end of a case that passed its steps: a session still watched that the bench accepted less than
 * OWN_STOP_WINDOW_MS ago gets the rest of that time for the charger's own stop; a stop of its own (then, or
 * earlier among messages the case let pass) fails the case in a step of its own.
 */
export async function ownStopCheck(t: CaseContext): Promise<void> {
  const open = (watches.get(t) ?? []).filter((w) => w.open && !w.stop && !acted(t, w));
  const until = Math.max(...open.map((w) => w.acceptedAt + OWN_STOP_WINDOW_MS));
  if (open.length && until > t.clock.now()) await t.waitFor(until - t.clock.now(), () => open.some((w) => w.stop) || null);
  endOwnStopWatch(t);
  const stop = found(t);
  if (!stop || t.host.signal?.aborted) return;
  const expected = `the session (transaction ${stop.w.transactionId}) to keep running once the bench accepted it`;
  await t.step('bench', { title: `The session (transaction ${stop.w.transactionId}) keeps running once the bench accepted it`, expected }, async (ids) => {
    ids.push(stop.w.stop!.call.messageId);
    throw new StepFailure(expected, stop.words);
  });
}

/**
 * A failure of the case, naming the charger's own stop seen before it (the deciding step's actual says it
 * too): the step failed on what followed the session ending, not on what the step itself is about. Anything
 * else is returned as it is.
 */
export function namingOwnStop(t: CaseContext, e: unknown): unknown {
  endOwnStopWatch(t);
  const stop = found(t);
  if (!stop || !(e instanceof StepFailure) || e.actual.includes(stop.words)) return e;
  const actual = `${e.actual}; ${stop.words}`;
  const step = t.steps.find((s) => s.n === t.decidingStep && s.status === 'failed' && s.actual === e.actual);
  if (step) step.actual = actual;
  return new StepFailure(e.expected, actual);
}

/** The case has ended: its sessions are no longer watched (what the put-back does to them is its own). */
export function endOwnStopWatch(t: CaseContext): void {
  for (const w of watches.get(t) ?? []) w.off();
}
