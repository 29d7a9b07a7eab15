// Bulk reads (an export, a list of thousands of frames) pace themselves while the chargers keep the
// bench busy. The reader thread runs at the lowest priority, yet on two cores a read that runs flat out
// still takes CPU time the protocol and the chargers then wait for (the scheduler places a woken thread
// behind it, V8's helper threads collect its garbage at normal priority). So between two steps of a bulk
// read, while the protocol's event loop is busy, the thread rests twice as long as the step took: a third
// of its time at most goes to reads. When the protocol is not busy (a site's chargers send a frame now
// and then) a read runs at full speed.

/** When the protocol counts as busy, and how reads pace themselves then. */
export const PACING = {
  /** The protocol's event loop busier than this (0..1, over the last tenth of a second): reads pace. */
  busyAbove: 0.5,
  /** Rest per unit of work while it is busy. */
  restPerWork: 2,
  /** The longest rest at once. */
  maxRestMs: 250,
};

export interface PacerClock {
  now(): number;
  /** Resolves after `ms`; after a turn of the event loop for 0. */
  sleep(ms: number): Promise<void>;
}

const realClock: PacerClock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => (ms > 0 ? setTimeout(resolve, ms) : setImmediate(resolve))),
};

/** How a bulk read goes step by step: `step` runs one step's work, `between` comes between two steps. */
export interface Pace {
  step<T>(work: () => T): T;
  between(): Promise<void>;
}

/** No pacing: a turn of the event loop between steps (the protocol's own thread, tests). */
export const unpaced: Pace = { step: (work) => work(), between: () => realClock.sleep(0) };

/**
 * The reader thread's pace, shared by every bulk read in it. The time its steps take is counted; at the
 * next point between two steps, while the protocol is busy, the thread rests for twice that, and a read
 * that reaches a step while the thread rests waits for the rest to end. Work done while the protocol was
 * not busy is not owed.
 */
export class Pacer implements Pace {
  private worked = 0;
  private restUntil = -Infinity;

  /** `protocolLoad`: how busy the protocol's event loop is now, 0..1. */
  constructor(
    private readonly protocolLoad: () => number,
    private readonly clock: PacerClock = realClock,
  ) {}

  step<T>(work: () => T): T {
    const start = this.clock.now();
    try {
      return work();
    } finally {
      this.worked += this.clock.now() - start;
    }
  }

  async between(): Promise<void> {
    const now = this.clock.now();
    if (now >= this.restUntil) {
      const rest = this.protocolLoad() > PACING.busyAbove ? Math.min(this.worked * PACING.restPerWork, PACING.maxRestMs) : 0;
      this.restUntil = now + rest;
      this.worked = 0;
    }
    await this.clock.sleep(Math.max(0, this.restUntil - now));
  }
}
