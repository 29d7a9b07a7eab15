// The charger's connection during the test session step: each time its WebSocket dropped and when it came
// back (or that it did not), as the bench saw it, said in words kept with the step's result (notes the
// checks step and the report show), so a reader later knows the session had a gap. Its times are written as
// the report writes times: with their zone, and on a fake clock (`chargebench commission --virtual`) marked
// as the simulated clock's.
import { FakeClock, type Clock } from '../clock';
import type { CaseContext } from '../conformance/context';
import { formatDateTimeWithZone, formatDuration } from '../../shared/format/time';

/** Where the step was when the charger dropped: before the session started, during it, after it stopped. */
export type SessionPhase = 'before' | 'session' | 'after';

/** One time the charger was offline: from, until (null: not back by the end of the step), and when in the step. */
export interface Outage {
  from: number;
  to: number | null;
  phase: SessionPhase;
  /**
   * It reconnected while its old connection was still open (the bench replaced that one, not yet noticed
   * dead): from its last message on the old connection to the new one; from = to when no message came on
   * the old one while watched (no gap can be measured).
   */
  replaced?: true;
  /** The charger was already offline when the watch began (`from` is then when it began, not when it dropped). */
  atStart?: true;
}

/** A time in a step's note as the report writes one (reports/print.ts reportTime): with its zone, and the simulated clock's said. */
export function noteTime(ms: number, simulated: boolean): string {
  return `${formatDateTimeWithZone(ms)}${simulated ? ' (simulated clock)' : ''}`;
}

/** The run's clock is a simulated one (a fake clock: `chargebench commission --virtual`), not the wall clock. */
const simulatedClock = (clock: Clock): boolean => clock instanceof FakeClock;

/** Timers that never fire: the watch ends only when it is stopped (it must not keep a fake clock from moving on, nor jump it ahead). */
const never = (clock: Clock): Clock => ({ now: () => clock.now(), after: () => ({ cancel: () => undefined }) });

/**
 * Watches the charger's connection from now until `stop()`: each drop and return, on the run's clock, with
 * the step's phase at the drop. (The engine's frames wake their waiters on every frame and connection
 * change.) A charger that reconnects before its old connection is noticed dead is connected throughout, but
 * connects once more (the bench replaces the old connection): an outage from its last message on the old
 * connection, with the step's phase then, to the new connection.
 */
export function watchConnection(t: CaseContext, phase: () => SessionPhase): { outages: Outage[]; stop: () => Outage[] } {
  const frames = t.host.frames;
  const outages: Outage[] = [];
  let connected = frames.connected;
  let connections = frames.connections;
  // The charger's last message on its connection now (while watched), with the step's phase then.
  let lastIn: { at: number; phase: SessionPhase } | null = null;
  let read = frames.frames.length;
  if (!connected) outages.push({ from: t.clock.now(), to: null, phase: phase(), atStart: true });
  const seen = (): null => {
    for (; read < frames.frames.length; read++) {
      const f = frames.frames[read]!;
      if (f.direction === 'in') lastIn = { at: Date.parse(f.ts), phase: phase() };
    }
    const again = frames.connections !== connections;
    connections = frames.connections;
    if (frames.connected === connected && !(connected && again)) return null;
    const now = t.clock.now();
    const last = outages.at(-1);
    if (connected && frames.connected) outages.push({ from: Math.min(lastIn?.at ?? now, now), to: now, phase: lastIn?.phase ?? phase(), replaced: true });
    else if (!frames.connected) outages.push({ from: now, to: null, phase: phase() });
    else if (last && last.to === null) last.to = now;
    connected = frames.connected;
    // A new connection: the messages from now on are its own.
    if (connected) lastIn = null;
    return null;
  };
  const done = new AbortController();
  void frames.waitFor(never(t.clock), 0, seen, done.signal);
  return {
    outages,
    stop: () => {
      seen();
      done.abort();
      return outages;
    },
  };
}

const where: Record<SessionPhase, string> = {
  before: 'during the test session step, before the session started',
  session: 'during the session',
  after: 'after the session had stopped, while the step waited for the charger to be free again',
};

/**
 * The words for an outage the charger was already in when the step began (it dropped before: during the step
 * before, or its put-back), not "went offline" during the step; null for one that began during the step. Every
 * step judged through an outage (prompts.ts throughOutage) and the test session's notes say it so.
 */
export function alreadyOfflineWords(o: Outage, at: (ms: number) => string): string | null {
  return o.atStart ? `The charger was already offline when this step began (${at(o.from)})` : null;
}

/**
 * One outage in words, for the step's result; `end` is when the step ended (for an outage it did not see end),
 * `simulated` that the run's clock is a fake one (its times are then said to be the simulated clock's).
 */
export function outageWords(o: Outage, end: number, simulated = false): string {
  const at = (ms: number) => noteTime(ms, simulated);
  const began = alreadyOfflineWords(o, at);
  if (began) {
    const missing = o.phase === 'before' ? '; the session could not start' : '';
    return o.to !== null
      ? `${began} and came back at ${at(o.to)}, ${where[o.phase]}.`
      : `${began}, and had not come back when the step ended at ${at(end)} (${formatDuration(end - o.from)} later)${missing}.`;
  }
  if (o.replaced && o.to !== null && o.to <= o.from)
    return `The charger reconnected (its old connection replaced) at ${at(o.to)}, ${where[o.phase]}: the bench had not noticed the old connection drop, and no message came on it during the step to tell since when it was gone.`;
  if (o.replaced && o.to !== null) {
    const missing = o.phase === 'session' ? '; meter values from that time may be missing' : '';
    return `The charger was offline for ${formatDuration(o.to - o.from)} ${where[o.phase]} (${at(o.from)}, its last message on the old connection, to ${at(o.to)}, when it reconnected and the new connection replaced the old one, not yet noticed dead)${missing}.`;
  }
  if (o.to !== null) {
    const missing = o.phase === 'session' ? '; meter values from that time may be missing' : '';
    return `The charger was offline for ${formatDuration(o.to - o.from)} ${where[o.phase]} (${at(o.from)} to ${at(o.to)})${missing}.`;
  }
  const missing = o.phase === 'after' ? '' : o.phase === 'session' ? '; meter values, the stop and the energy of the session from that time on are missing' : '; the session could not start';
  return `The charger went offline at ${at(o.from)}, ${where[o.phase]}, and had not come back when the step ended at ${at(end)} (${formatDuration(end - o.from)} later)${missing}.`;
}

/** Why a step that ended with the charger offline could not measure the session (now, on the run's clock), and what to do. */
export function unmeasuredWords(o: Outage, clock: Clock): string {
  const end = clock.now();
  const what = {
    before: 'the test session could not be started and measured',
    session: 'the test session could not be measured',
    after: 'the session was measured, but the step could not see the charger free again (Available)',
  }[o.phase];
  const began = alreadyOfflineWords(o, (ms) => noteTime(ms, simulatedClock(clock)));
  if (began)
    return `${began}, and had not come back${end - o.from >= 1000 ? ` ${formatDuration(end - o.from)} later,` : ''} when the step gave up: ${what}. Check the charger's network connection (and its power), then Run again.`;
  return `The charger went offline at ${noteTime(o.from, simulatedClock(clock))} (${where[o.phase]}) and had not come back ${formatDuration(end - o.from)} later, when the step gave up: ${what}. Check the charger's network connection (and its power), then Run again.`;
}

/**
 * Keeps each outage with the step's result, as a note the checks step and the report show: in the test session's
 * words (outageWords, where in the session it was), or, for a step other than the test session, stepOutageWords.
 */
export function noteOutages(t: CaseContext, outages: Outage[], end: number, words: (o: Outage, end: number, simulated: boolean) => string = outageWords): void {
  for (const o of outages) t.observations.push({ at: new Date(o.from).toISOString(), text: words(o, end, simulatedClock(t.clock)), messageId: null, note: true });
}

/**
 * One outage during a step other than the test session (which says where in the session it was: outageWords),
 * in the same words: "The charger was offline for 40 s during this step (… to …)."
 */
export function stepOutageWords(o: Outage, end: number, simulated = false): string {
  const at = (ms: number) => noteTime(ms, simulated);
  const began = alreadyOfflineWords(o, at);
  if (began) return o.to !== null ? `${began} and came back at ${at(o.to)}.` : `${began}, and had not come back when the step ended at ${at(end)} (${formatDuration(end - o.from)} later).`;
  if (o.replaced && o.to !== null && o.to <= o.from)
    return `The charger reconnected (its old connection replaced) at ${at(o.to)}, during this step: the bench had not noticed the old connection drop, and no message came on it during the step to tell since when it was gone.`;
  if (o.replaced && o.to !== null)
    return `The charger was offline for ${formatDuration(o.to - o.from)} during this step (${at(o.from)}, its last message on the old connection, to ${at(o.to)}, when it reconnected and the new connection replaced the old one).`;
  if (o.to !== null) return `The charger was offline for ${formatDuration(o.to - o.from)} during this step (${at(o.from)} to ${at(o.to)}).`;
  return `The charger went offline at ${at(o.from)}, during this step, and had not come back when the step ended at ${at(end)} (${formatDuration(end - o.from)} later).`;
}
