// The bench's one clock: the central system, the record, the virtual chargers and the test engine read
// the time and set every timer through a Clock, so tests (and conformance runs of timed cases) drive time
// with FakeClock instead of waiting. It imports nothing, so every layer of main may use it (the virtual
// charge point included, which may not import the core: that is why it is not in core/).
//
// What waits on the wire or on the machine rather than on the bench's time stays on wall time:
// socket-level timeouts (a handshake's deadline, the WebSocket pings that find dead connections, a
// throttled socket's pause), the record's writer thread (its drains, backoff and restarts), and the
// fake-time driver's own wait for the wire to go quiet. On a fake clock those would misfire: minutes of
// fake time pass between a ping and its pong in a few real milliseconds, and a healthy charger is dropped.
export interface Timer {
  cancel(): void;
}

export interface TimerOptions {
  /**
   * Housekeeping (pruning, sweeps, coalesced saves and views): it never keeps the process alive, and fake time is
   * never moved on just to reach it (FakeClock's nextAt and timers leave it out); it fires when time passes it.
   */
  background?: boolean;
}

export interface Clock {
  now(): number;
  /** Runs `fn` once after `ms`. */
  after(ms: number, fn: () => void, options?: TimerOptions): Timer;
}

/** The time as ISO 8601 text, made once per millisecond (every frame logged needs one). */
export function isoTime(clock: Clock): string {
  const ms = clock.now();
  if (ms !== lastMs) {
    lastMs = ms;
    lastIso = new Date(ms).toISOString();
  }
  return lastIso;
}
let lastMs = -1;
let lastIso = '';

/** setTimeout fires at once beyond this (about 24.8 days); longer waits are chained. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

export const systemClock: Clock = {
  now: () => Date.now(),
  after(ms, fn, options) {
    const due = Date.now() + Math.max(0, ms);
    let t: ReturnType<typeof setTimeout>;
    const arm = () => {
      const left = due - Date.now();
      t = setTimeout(left > MAX_TIMEOUT_MS ? arm : fn, Math.min(Math.max(0, left), MAX_TIMEOUT_MS));
      if (options?.background) t.unref();
    };
    arm();
    return { cancel: () => clearTimeout(t) };
  },
};

/** Runs `fn` every `ms` until cancelled; the period is read again each time. */
export function every(clock: Clock, ms: () => number, fn: () => void, options?: TimerOptions): Timer {
  let current: Timer | null = null;
  let cancelled = false;
  const arm = () => {
    const period = ms();
    if (cancelled || !(period > 0)) return;
    current = clock.after(
      period,
      () => {
        if (cancelled) return;
        arm();
        fn();
      },
      options,
    );
  };
  arm();
  return {
    cancel() {
      cancelled = true;
      current?.cancel();
    },
  };
}

export function sleep(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => clock.after(ms, resolve));
}

interface Pending {
  at: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
  background: boolean;
}

/** A clock that only moves when told to; timers fire in order, with I/O allowed to run in between. */
export class FakeClock implements Clock {
  private time: number;
  private seq = 0;
  private pending: Pending[] = [];

  constructor(start: number | string = '2026-01-01T00:00:00.000Z') {
    this.time = typeof start === 'number' ? start : Date.parse(start);
  }

  now(): number {
    return this.time;
  }

  after(ms: number, fn: () => void, options?: TimerOptions): Timer {
    const p: Pending = { at: this.time + Math.max(0, ms), seq: this.seq++, fn, cancelled: false, background: options?.background === true };
    this.pending.push(p);
    return { cancel: () => void (p.cancelled = true) };
  }

  /** Timers still to fire (housekeeping left out). */
  get timers(): number {
    return this.pending.filter((p) => !p.cancelled && !p.background).length;
  }

  /** When the next timer fires (epoch ms), or null when none is set (housekeeping left out). */
  get nextAt(): number | null {
    let next: number | null = null;
    for (const p of this.pending) if (!p.cancelled && !p.background && (next === null || p.at < next)) next = p.at;
    return next;
  }

  /** Moves time forward by `ms`, firing each due timer at its own moment. */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    for (;;) {
      this.pending = this.pending.filter((p) => !p.cancelled);
      const due = this.pending.filter((p) => p.at <= target).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.pending.splice(this.pending.indexOf(due), 1);
      this.time = Math.max(this.time, due.at);
      due.fn();
      await new Promise((r) => setImmediate(r));
    }
    this.time = target;
    await new Promise((r) => setImmediate(r));
  }
}
