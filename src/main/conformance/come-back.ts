// A run's stop while its charger is away because the run itself just restarted it (a Reset it accepted: it
// reboots) or because it dropped a moment ago (or has connected again since and is not back yet): the stop
// waits a bounded time for the charger to come back, so that putting it back (the connectors Operative, the
// keys the case changed) is done rather than named as not done; the next stop ends the wait (the charger is
// left as it is). Shared by every face: the CLI's Ctrl-C (src/main/cli/come-back.ts says it on the terminal)
// and the UI's and the API's Stop (StopWhenBack: the run's view says it, shared/api/stop-waiting.ts). Back
// means able to take the put-back: after the run's Reset, connected again AND booted (a BootNotification
// answered Accepted on that connection; until then many chargers reject or ignore calls); after a mere drop,
// connected again and then either resumed (the first frame it sends on that connection is not a
// BootNotification: a reconnect without a reboot sends none in OCPP 1.6) or, when that first frame is a
// BootNotification (it was power-cycled: a put-back sent before its boot would race it, and be lost or
// undone), once that is answered Accepted (answered Pending or Rejected: waited for only until 10 s after the
// drop, or a Rejected one until its retry is due when that is within the stop's wait; the charger may never be
// accepted). Connected and silent is not back yet, for RESUMED_QUIET_MS: a
// rebooted charger sends its BootNotification as soon as it connects, so one that has said nothing for that
// long resumed (many send nothing until their next Heartbeat).
import type { Bench } from '../core/bench';
import { formatClock } from '../../shared/format/time';
import { comeBackWhyWords, RESUMED_QUIET_S, type ComeBackWhy, type StopWaiting, type StopWouldWait } from '../../shared/api/stop-waiting';

/** How long a stop waits for the charger to come back. */
export const COME_BACK_S = 30;
/** A charger connected again after a drop that has sent nothing for this long resumed (a rebooted one would have sent its BootNotification). */
const RESUMED_QUIET_MS = RESUMED_QUIET_S * 1000;
/** A charger that dropped this recently and is not connected again (or accepted a Reset this recently and has not dropped yet) is waited for. */
const RECENT_MS = 10_000;

export interface ComeBack {
  /** Why the charger is to be waited for before the stop (it is rebooting, or dropped a moment ago or connected again since and is not back yet), in words, or null. */
  awaited(): string | null;
  /** Why the charger is to be waited for, or null. */
  reason(): ComeBackWhy | null;
  /**
   * Whether it is back: connected again since the reboot and its boot accepted since; or, since the drop it
   * was waited for, connected again and resumed (its first frame not a BootNotification) or its boot accepted
   * (or answered Pending or Rejected, once RECENT_MS have passed since the drop and a Rejected one's retry is due).
   */
  back(): boolean;
  /** Calls `fn` after each change seen of this charger (a connection, a drop, a frame: a Reset's or a boot's answer); returns its removal. */
  onChange(fn: () => void): () => void;
  off(): void;
}

type BenchEvent = Parameters<Parameters<Bench['bus']['subscribe']>[0]>[0];

/** A Rejected boot's retry may come this much after the interval it was given, and is waited for that long. */
const RETRY_GRACE_MS = 3_000;

/** The bench's answer to a BootNotification (the CALLRESULT frame's text): its status, and the interval it gave (s; 0 when none). */
function bootAnswer(raw: string): { status: unknown; interval: number } {
  try {
    const frame: unknown = JSON.parse(raw);
    const payload = Array.isArray(frame) ? (frame[2] as { status?: unknown; interval?: unknown } | null | undefined) : null;
    return { status: payload?.status, interval: typeof payload?.interval === 'number' && payload.interval > 0 ? payload.interval : 0 };
  } catch {
    return { status: null, interval: 0 };
  }
}

/** Follows `chargerId`'s connection and the Resets the bench sends it (the run's), on the wall clock. */
export function comeBack(bench: Pick<Bench, 'bus' | 'connectedChargers'>, chargerId: string, now: () => number = Date.now): ComeBack {
  /** The Resets sent and not answered yet, by message id: when each was sent. */
  const resets = new Map<string, number>();
  let resetAt: number | null = null;
  let droppedAt: number | null = null;
  let connectedAt: number | null = null;
  /**
   * The connection now: from before this watch began (counts as booted and resumed); quiet (connected during
   * the watch, nothing from the charger yet: rebooted or not, not known); resumed (its first frame was not a
   * BootNotification); asked (a BootNotification not answered yet); refused (its boot answered, not Accepted:
   * Pending, Rejected or an error; it is connected and answered, and stays so until a boot is accepted); or
   * accepted (its boot answered Accepted).
   */
  let conn: 'before' | 'quiet' | 'resumed' | 'asked' | 'refused' | 'accepted' = 'before';
  /** Its boot on the connection now answered Rejected with an interval: until when its retry is waited for. */
  let rejectedUntil: number | null = null;
  const listeners = new Set<() => void>();
  const seen = (e: BenchEvent) => {
    if (e.type === 'chargerDisconnected' && e.chargerId === chargerId) droppedAt = now();
    else if (e.type === 'chargerConnected' && e.chargerId === chargerId) [connectedAt, conn, rejectedUntil] = [now(), 'quiet', null];
    else if (e.type === 'frameLogged' && e.message.chargerId === chargerId && e.message.messageId) {
      const m = e.message;
      if (m.action === 'BootNotification' && ((m.direction === 'in' && m.kind === 'CALL') || m.direction === 'out')) {
        const answer = m.direction === 'out' && m.kind === 'CALLRESULT' ? bootAnswer(m.raw) : null;
        conn = m.direction === 'in' ? 'asked' : answer?.status === 'Accepted' ? 'accepted' : 'refused';
        // Rejected: it sends nothing and takes no call until it retries, after the interval it was given.
        // Waited for when the retry is due within a stop's wait; one further off is not (the put-back is named as not done).
        const retryMs = answer?.status === 'Rejected' && answer.interval > 0 ? answer.interval * 1000 + RETRY_GRACE_MS : null;
        rejectedUntil = retryMs !== null && retryMs <= COME_BACK_S * 1000 ? now() + retryMs : null;
      }
      // Its first frame on the connection something else (a request of its own, or an answer to the bench's): it resumed, no reboot.
      else if (conn === 'quiet' && m.direction === 'in' && (m.kind === 'CALL' || m.kind === 'CALLRESULT')) conn = 'resumed';
      if (m.action === 'BootNotification') return;
      if (m.direction === 'out' && m.kind === 'CALL' && m.action === 'Reset') resets.set(m.messageId!, now());
      else if (m.direction === 'in' && (m.kind === 'CALLRESULT' || m.kind === 'CALLERROR') && resets.delete(m.messageId!) && m.kind === 'CALLRESULT' && /"status"\s*:\s*"Accepted"/.test(m.raw))
        resetAt = now();
    }
  };
  const off = bench.bus.subscribe((e) => {
    seen(e);
    const its = e.type === 'frameLogged' ? e.message.chargerId === chargerId : (e.type === 'chargerConnected' || e.type === 'chargerDisconnected') && e.chargerId === chargerId;
    if (its) for (const fn of [...listeners]) fn();
  });
  const online = () => bench.connectedChargers().includes(chargerId);
  const since = (t: number | null) => (t === null ? null : now() - t);
  const droppedSinceReset = () => resetAt !== null && droppedAt !== null && droppedAt >= resetAt;
  /** Connected again since the Reset was accepted, and booted on that connection (its BootNotification answered Accepted). */
  const bootedSinceReset = () => resetAt !== null && connectedAt !== null && connectedAt >= resetAt && conn === 'accepted';
  /**
   * A Reset accepted and the charger not connected and booted again since; one still online long after it
   * accepted, not having dropped, is not rebooting after all.
   */
  const rebooting = () => resetAt !== null && !bootedSinceReset() && !(online() && !droppedSinceReset() && since(resetAt)! > RECENT_MS);
  /** A Reset sent a moment ago and not answered yet (its answer may be an Accepted: a reboot). */
  const asked = () => [...resets.values()].some((t) => since(t)! <= RECENT_MS);
  /**
   * Whether it rebooted is not known yet on the connection now: a BootNotification not answered Accepted yet, or
   * connected during the watch and silent for less than RESUMED_QUIET_MS (it may be about to boot).
   */
  const unsure = () => conn === 'asked' || (conn === 'quiet' && (connectedAt === null || since(connectedAt)! < RESUMED_QUIET_MS));
  /**
   * Its boot on the connection now answered not Accepted (Pending, Rejected), within RECENT_MS of the drop: it
   * may be accepted in a moment, so it is waited for that long, not until its boot is accepted (a bench or a
   * case answering Pending may never accept it); after that, what it refuses of a put-back is named as not done.
   * Answered Rejected with an interval that brings its retry within a stop's COME_BACK_S: until that retry is
   * due (a rejected charger takes no call before it; a put-back sent then would only time out).
   */
  const refusedLately = () => conn === 'refused' && ((droppedAt !== null && since(droppedAt)! <= RECENT_MS) || (rejectedUntil !== null && now() <= rejectedUntil));
  const iso = (t: number) => new Date(t).toISOString();
  const reason = (): ComeBackWhy | null => {
    if (asked() && !rebooting()) return { kind: 'asked', at: iso(Math.max(...resets.values())) };
    if (rebooting()) return { kind: 'reset', at: iso(resetAt!), droppedAt: droppedSinceReset() ? iso(droppedAt!) : null };
    if (droppedAt === null) return null;
    // Dropped a moment ago and not connected again.
    if (!online() && since(droppedAt)! <= RECENT_MS) return { kind: 'dropped', at: iso(droppedAt) };
    // Connected again since the drop and not known to be back yet (silent a moment only, or a BootNotification
    // not answered yet), however long ago it dropped: a stop now would race its boot; its boot answered not
    // Accepted, only a moment after the drop.
    if (online() && (unsure() || refusedLately()) && connectedAt !== null && connectedAt >= droppedAt) return { kind: 'dropped', at: iso(droppedAt) };
    return null;
  };
  return {
    awaited() {
      const why = reason();
      return why && comeBackWhyWords(why, (t) => formatClock(t));
    },
    reason,
    back() {
      // A BootNotification on the connection now not answered yet (or answered not Accepted a moment after the
      // drop), or a connection made during the watch silent a moment only (it may be about to boot): not back.
      return online() && !asked() && !rebooting() && !unsure() && !refusedLately() && (droppedAt === null || (connectedAt !== null && connectedAt >= droppedAt));
    },
    onChange(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    off,
  };
}

/** How a wait for the charger ended: it is back, the time was up, the next stop ended it, or the run moved on (the case waited in ended). */
export type ComeBackEnd = 'back' | 'timeout' | 'given up' | 'moved on';

/** Waits up to COME_BACK_S for the charger to be back; ends early when `next` aborts (the next stop: the charger is left as it is) or `moved` does. */
export function waitForComeBack(cb: ComeBack, o: { next: AbortSignal; moved: AbortSignal }): Promise<ComeBackEnd> {
  const { next, moved } = o;
  const started = Date.now();
  return new Promise<ComeBackEnd>((resolve) => {
    const done = (h: ComeBackEnd) => {
      clearInterval(timer);
      unwatch();
      next.removeEventListener('abort', gaveUp);
      moved.removeEventListener('abort', movedOn);
      resolve(h);
    };
    const gaveUp = () => done('given up');
    const movedOn = () => done('moved on');
    // At once when it is back (before the case in progress goes on with it), or the time is up.
    const unwatch = cb.onChange(() => cb.back() && done('back'));
    const timer = setInterval(() => {
      if (cb.back()) done('back');
      else if (Date.now() - started >= COME_BACK_S * 1000) done('timeout');
    }, 250);
    next.addEventListener('abort', gaveUp, { once: true });
    moved.addEventListener('abort', movedOn, { once: true });
    if (moved.aborted) movedOn();
    else if (next.aborted) gaveUp();
  });
}

/**
 * A run's stop from the UI or the API (the service's): `request(stop)` calls `stop` at once, or, while the
 * charger is away because the run just reset it or it dropped a moment ago (or connected again since and is
 * not back yet), once it is back, COME_BACK_S have passed, the case (or step) in progress has ended
 * (`moveOn()`: before the next begins), or a second request came (the charger is left as it is).
 * `waiting()` is what the run's view says meanwhile; before a stop, `wouldWait()` says whether one would
 * wait (kept current: `onChange` is told when it changes).
 */
export class StopWhenBack {
  private readonly cb: ComeBack;
  private wait: { view: StopWaiting; next: AbortController } | null = null;
  /** The stop was made (or the run has ended): nothing more is stopped. */
  private stopped = false;
  private stop: (() => void) | null = null;
  /** Whether a stop would wait, as last told; what re-reads it (its reasons lapse with time too). */
  private told = 'null';
  private readonly unwatch: () => void;
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(
    bench: Pick<Bench, 'bus' | 'connectedChargers'>,
    private readonly chargerId: string,
    /** Told when the view changes (the wait begins or ends). */
    private readonly onChange: () => void,
  ) {
    // From the run's start: a Reset the run sends is seen as it goes.
    this.cb = comeBack(bench, chargerId);
    const check = () => {
      const now = JSON.stringify(this.wouldWait());
      if (now === this.told) return;
      this.told = now;
      this.onChange();
    };
    this.unwatch = this.cb.onChange(check);
    this.timer = setInterval(check, 1000);
    this.timer.unref?.();
  }

  /** Whether a stop asked now would wait for the charger, and why; null: it would take effect at once (or one was asked already, or the run is stopped). */
  wouldWait(): StopWouldWait | null {
    if (this.wait || this.stopped || this.stop) return null;
    const why = this.cb.reason();
    return why && { why, seconds: COME_BACK_S };
  }

  /** A stop asked for: `stop` now, or after the wait; asked again while waiting, the wait ends (and `stop` is called). */
  request(stop: () => void): void {
    if (this.wait) return this.moveOn();
    if (this.stopped || this.stop) return;
    this.stop = stop;
    const why = this.cb.reason();
    if (!why) return this.stopNow();
    const wait = { view: { waitingFor: this.chargerId, why, until: new Date(Date.now() + COME_BACK_S * 1000).toISOString(), seconds: COME_BACK_S }, next: new AbortController() };
    this.wait = wait;
    this.onChange();
    // The charger back, the time up, or a second stop: the stop now (one that moved on or ended meanwhile has done with the wait).
    void waitForComeBack(this.cb, { next: wait.next.signal, moved: new AbortController().signal }).then(() => {
      if (this.wait !== wait) return;
      this.stopNow();
      this.onChange();
    });
  }

  /** What the stop waits for, while it waits (the run's view); null otherwise. */
  waiting(): StopWaiting | null {
    return this.wait?.view ?? null;
  }

  /** The case or step waited in has ended, or the next begins: a waiting stop takes effect now (in the same turn). */
  moveOn(): void {
    const wait = this.wait;
    if (!wait) return;
    this.stopNow();
    wait.next.abort();
    this.onChange();
  }

  /**
   * The run was stopped without this stopper (at once: the CLI's stop after its own wait, the bench shutting
   * down): a wait ends without its stop, and a later request neither waits nor says it waits.
   */
  stoppedAtOnce(): void {
    this.endWithoutStop();
    this.onChange();
  }

  /** The run has ended: nothing is left to stop. */
  dispose(): void {
    this.endWithoutStop();
    clearInterval(this.timer);
    this.unwatch();
    this.cb.off();
  }

  /** Ends a wait, if any, without its stop; no later request stops or waits. */
  private endWithoutStop(): void {
    const wait = this.wait;
    this.wait = null;
    this.stopped = true;
    wait?.next.abort();
  }

  private stopNow(): void {
    this.wait = null;
    if (this.stopped) return;
    this.stopped = true;
    this.stop?.();
  }
}
