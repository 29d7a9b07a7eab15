// A Stop of a run (a test run or a commissioning's, from the UI or the API) that waits for the charger to
// come back before it takes effect: the charger is away because the run itself just restarted it (a Reset it
// accepted: it reboots) or because it dropped a moment ago, and putting it back (its connectors Operative
// again, the keys the case changed) needs it connected. The run view says so while it waits; a second Stop
// ends the wait, the charger left as it is. The CLI's Ctrl-C waits the same way (src/main/cli/come-back.ts).

/** Why the charger is waited for: the run asked it to reset a moment ago, it accepted a Reset (and rebooted), or it dropped a moment ago. Times in ISO 8601. */
export type ComeBackWhy = { kind: 'asked'; at: string } | { kind: 'reset'; at: string; droppedAt: string | null } | { kind: 'dropped'; at: string };

export interface StopWaiting {
  /** The charger waited for. */
  waitingFor: string;
  why: ComeBackWhy;
  /** When the wait ends at the latest, charger back or not (the wall clock, ISO 8601). */
  until: string;
  /** How long the wait lasts at most. */
  seconds: number;
}

/**
 * Whether a Stop pressed now would first wait for the charger to come back (the run just reset it, or it
 * dropped a moment ago), and why: the run's view carries it while the run runs, so that Stop's confirmation
 * says so; null or absent, a Stop takes effect at once.
 */
export interface StopWouldWait {
  why: ComeBackWhy;
  /** How long it would wait at most. */
  seconds: number;
}

/** A charger connected again after a drop that has sent nothing for this long resumed (a rebooted one would have sent its BootNotification). */
export const RESUMED_QUIET_S = 5;

/** Why, in words ("the run reset it at 10:02:13"), its times written by `clock`. */
export function comeBackWhyWords(why: ComeBackWhy, clock: (iso: string) => string): string {
  switch (why.kind) {
    case 'asked':
      return `the run has just asked it to reset (at ${clock(why.at)})`;
    case 'reset':
      return `the run reset it at ${clock(why.at)}${why.droppedAt ? ` and it went offline at ${clock(why.droppedAt)}` : ''}`;
    case 'dropped':
      // Back after a drop: connected again and resumed, or, when it rebooted (its first message a BootNotification), booted (src/main/conformance/come-back.ts).
      return `it went offline at ${clock(why.at)}; it is back once connected again and its first message is not a BootNotification (or it sends nothing for ${RESUMED_QUIET_S} s), or its BootNotification is answered Accepted`;
  }
}

/** "Stopping: waiting up to 30 s for CP001 to come back to put it back (the run reset it at 10:02:13)". */
export const stopWaitingWords = (s: StopWaiting, clock: (iso: string) => string): string =>
  `Stopping: waiting up to ${s.seconds} s for ${s.waitingFor} to come back to put it back (${comeBackWhyWords(s.why, clock)})`;

/** What a second Stop does while the first waits. */
export const stopWithoutWaitingWords = (s: Pick<StopWaiting, 'waitingFor'>): string =>
  `Stops the run now and leaves ${s.waitingFor} as it is: what putting it back would take is listed in the report as not done.`;

/** What a Stop pressed now does first, in its confirmation: "Stop waits up to 30 s for CP001 to come back (the run reset it at 10:02:13) and puts it back; Stop without waiting then leaves it as it is." */
export const stopWouldWaitWords = (chargerId: string, w: StopWouldWait, clock: (iso: string) => string): string =>
  `Stop waits up to ${w.seconds} s for ${chargerId} to come back (${comeBackWhyWords(w.why, clock)}) and puts it back; Stop without waiting then leaves it as it is.`;
