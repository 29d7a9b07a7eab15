// Whether the UI can reach a charger right now, and why not: the link from this window to the bench, and
// the charger's own connection. Every screen that sends, or shows live values, asks here, so an offline
// charger or a lost bench never looks live.
import { useSyncExternalStore } from 'react';
import { useBench, type BenchState } from '../stores/bench';
import { formatAgo, formatClock } from './format';
import type { ChargerView } from '../../../shared/api/views';
import { givenInterval, noHeartbeatAsked, type KnownInterval } from './heartbeatInterval';
import { neverConnected } from '../../../shared/chargers';
import { benchNow } from './benchClock';

/** The time now on the bench's clock (ms): what every time the bench stamped is judged against. */
export { benchNow };

export interface Reach {
  /** Something can be sent to the charger now. */
  reachable: boolean;
  /** Why not, in words ("CP001 is offline (last seen 3 min ago): connect it to send."). */
  reason: string | null;
  /** The link to the bench is down: everything on screen is as of then. */
  linkDown: boolean;
  /** What the screen shows of the charger is the last known, not live (charger offline or link down). */
  stale: boolean;
}

/** Why the link to the bench is down, in words; null while it is open. */
export function linkProblem(link: BenchState['link'], since: string | null): string | null {
  if (link === 'open') return null;
  if (link === 'unauthorised') return 'The bench no longer accepts this window: sign in again.';
  if (link === 'silent') return `The bench has not answered this window${since ? ` since ${formatClock(since)}` : ''} (it is paused, hung or overloaded)`;
  return `The bench cannot be reached from this window${since ? ` since ${formatClock(since)}` : ''}`;
}

/** Why what a window shows is not live, in a few words ("bench not reachable"), for a link that is not open. */
export function linkLostWhy(link: BenchState['link']): string {
  return link === 'silent' ? 'bench not answering' : link === 'unauthorised' ? 'the bench no longer accepts this window' : 'bench not reachable';
}

/** Why nothing can be sent to any charger now (the link to the bench is down), in words; null while it is open. */
export function sendBlocked(link: BenchState['link'], since: string | null): string | null {
  const problem = linkProblem(link, since);
  return problem && `${problem}: nothing can be sent until the link is back.`;
}

/** sendBlocked, kept current: for what sends to several chargers at once. */
export function useSendBlocked(): string | null {
  const link = useBench((s) => s.link);
  const since = useBench((s) => s.linkSince);
  return sendBlocked(link, since);
}

/** THE test for a charger that has never connected: shared with the bench, which tells an operation's "not connected" by it. */
export { neverConnected };

export function reachOf(s: Pick<BenchState, 'link' | 'linkSince' | 'chargers'>, chargerId: string, now = benchNow()): Reach {
  const blocked = sendBlocked(s.link, s.linkSince);
  if (blocked) return { reachable: false, reason: blocked, linkDown: true, stale: true };
  const charger = s.chargers[chargerId];
  if (!charger) return { reachable: false, reason: `The bench has not seen ${chargerId}: connect it to send.`, linkDown: false, stale: false };
  if (!charger.connected)
    return {
      reachable: false,
      reason: neverConnected(charger) ? `${chargerId} has never connected: connect it to send.` : `${chargerId} is offline (last seen ${formatAgo(charger.lastSeen, now)}): connect it to send.`,
      linkDown: false,
      stale: true,
    };
  return { reachable: true, reason: null, linkDown: false, stale: false };
}

/**
 * One clock per interval, shared by every component that reads it: "3 min ago" here and "since 3 min ago"
 * beside it never disagree. Its `subscribe` is made once: given a new one at every render,
 * useSyncExternalStore unsubscribes and subscribes again each time, and a screen redrawn every 5 s (the
 * bench's keep-alive, a charger's frames) would restart a 15 s timer before it ever fired. A timer started
 * anew (every reader of the clock went away and came back in one redraw) first brings an overdue clock up
 * to date, so the clock never stands still however the screen is redrawn.
 */
interface Clock {
  now: number;
  listeners: Set<() => void>;
  timer: ReturnType<typeof setInterval> | null;
  /** Read afresh in this pass of rendering: every component of the pass gets the same time. */
  pinned: boolean;
  subscribe: (onChange: () => void) => () => void;
  read: () => number;
}
const clocks = new Map<number, Clock>();

// The bench's clock is learnt (or corrected) from the link: every clock moves to it at once, not at its next tick.
useBench.subscribe((s, prev) => {
  if (s.clockSkewMs === prev.clockSkewMs) return;
  for (const clock of clocks.values()) {
    clock.now = benchNow();
    for (const l of [...clock.listeners]) l();
  }
});

function makeClock(everyMs: number): Clock {
  const tick = () => {
    clock.now = benchNow();
    for (const l of [...clock.listeners]) l();
  };
  const clock: Clock = {
    now: benchNow(),
    listeners: new Set(),
    timer: null,
    pinned: false,
    subscribe: (onChange) => {
      clock.listeners.add(onChange);
      if (!clock.timer) {
        // useSyncExternalStore reads the clock again once subscribed: what was overdue is redrawn.
        if (benchNow() - clock.now >= everyMs) clock.now = benchNow();
        clock.timer = setInterval(tick, everyMs);
      }
      return () => {
        clock.listeners.delete(onChange);
        if (!clock.listeners.size && clock.timer) {
          clearInterval(clock.timer);
          clock.timer = null;
        }
      };
    },
    read: () => clock.now,
  };
  return clock;
}

function clockOf(everyMs: number): Clock {
  let c = clocks.get(everyMs);
  if (!c) clocks.set(everyMs, (c = makeClock(everyMs)));
  // Unwatched, it stands still: brought up to date when a screen reads it again (never older than what it
  // shows: "3 min ago" read as "2 min ago"), once per pass of rendering.
  if (!c.listeners.size && !c.pinned) {
    const clock = c;
    clock.now = benchNow();
    clock.pinned = true;
    queueMicrotask(() => (clock.pinned = false));
  }
  return c;
}

/**
 * The time now on the bench's clock (benchNow: the times shown are the bench's, and this browser's clock
 * may be off it), moving every `everyMs` (one clock for every component asking the same interval): for
 * "last seen 3 min ago" that stays true while the screen is open, however often the screen is redrawn
 * meanwhile. THE way a screen's "ago" ticks.
 */
export function useNow(everyMs = 15_000): number {
  const clock = clockOf(everyMs);
  return useSyncExternalStore(clock.subscribe, clock.read);
}

/** Silence past this (ms) from an online charger is news: twice the heartbeat interval the charger was given (300 s when not known), and at least a minute. */
export function overdueAfterMs(heartbeatIntervalS: number | null | undefined): number {
  const interval = heartbeatIntervalS && heartbeatIntervalS > 0 ? heartbeatIntervalS : 300;
  return Math.max(2 * interval * 1000, 60_000);
}

/**
 * Since when an online charger has not been heard from (its last frame or heartbeat, ISO) when that is
 * longer than overdueAfterMs of `heartbeatIntervalS` (the interval the charger was given: silenceOf finds
 * it): the connection may be dead without a close (a silent network loss). Null for an offline charger
 * (that is said otherwise), one heard from lately, and one given an interval of 0 (told to send no
 * heartbeats: its silence is what it was asked for).
 */
export function heardLast(charger: Pick<ChargerView, 'connected' | 'lastSeen' | 'lastHeartbeat'> | undefined, heartbeatIntervalS: number | null | undefined, now = benchNow()): string | null {
  if (!charger?.connected || heartbeatIntervalS === 0) return null;
  const heard = [charger.lastSeen, charger.lastHeartbeat].filter((t): t is string => !!t && Number.isFinite(Date.parse(t))).sort((a, b) => Date.parse(b) - Date.parse(a))[0];
  if (!heard) return null;
  return now - Date.parse(heard) > overdueAfterMs(heartbeatIntervalS) ? heard : null;
}

/** An online charger silent past its heartbeat: since when, and the interval it was judged against (null: not known, 300 s assumed). */
export interface Silence {
  since: string;
  interval: KnownInterval | null;
}

/**
 * heardLast against the interval the charger was given (its view's `heartbeatGiven`: its boot answer's,
 * or a later accepted change or read of HeartbeatInterval), the bench's setting now (`settingS`) only when
 * the record tells none. Null for an offline charger, one heard from lately, and one given an interval of 0.
 */
export function silenceOf(
  charger: Pick<ChargerView, 'connected' | 'lastSeen' | 'lastHeartbeat' | 'heartbeatGiven'> | undefined,
  settingS: number | null | undefined,
  now = benchNow(),
): Silence | null {
  const interval = givenInterval(charger, settingS);
  // Told to send no heartbeats (a given interval of 0): no silence of it is overdue.
  if (noHeartbeatAsked(interval)) return null;
  const since = heardLast(charger, interval?.seconds, now);
  return since === null ? null : { since, interval };
}

export function useReach(chargerId: string): Reach {
  const link = useBench((s) => s.link);
  const linkSince = useBench((s) => s.linkSince);
  const charger = useBench((s) => s.chargers[chargerId]);
  const now = useNow();
  return reachOf({ link, linkSince, chargers: charger ? { [chargerId]: charger } : {} }, chargerId, now);
}
