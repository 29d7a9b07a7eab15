// The operator's requests of whatever runs on a real charger (a conformance run, a commissioning), shown
// one at a time over any screen: the bench asks through events, and a page opened mid-run asks the
// running ones for theirs. Each kind of run says how its events and calls read (a PromptFeed).
// A request that went away unanswered from here (timed out, withdrawn, answered elsewhere) is said first, and
// the next one is shown only once that is acknowledged; a request shown where another just was has its
// buttons inert for a moment; and each answer names the request it was aimed at (the bench refuses it once
// that request is closed). So a late click never answers the next request.
import { useCallback, useEffect, useReducer, useState, type ReactNode } from 'react';
import type { BenchEvent } from '../../../shared/api/views';
import type { OperatorPrompt } from '../../../shared/api/test-runs';
import { PromptDialog, type PromptAnswer } from './PromptDialog';
import { useCall } from './useCall';
import { useBench } from '../stores/bench';
import { CallFailure } from '../api/client';
import { PromptMissed } from './PromptMissed';
import { emptyQueue, identity, queueReducer, type Waiting } from './promptQueueState';

/** How long (ms) a request shown where another request or notice just was ignores clicks: one aimed at that one cannot land on it. */
export const INERT_MS = 1500;

/** What one event says about a run's request: a new one (or null: answered or gone), whom it is at, or that the run ended. */
export interface PromptNews {
  key: string;
  prompt?: OperatorPrompt | null;
  chargerId?: string;
  /** Words under the title ("Commissioning at Depot Nord"). */
  context?: string;
  ended?: boolean;
}

export interface PromptFeed {
  /** The bench's events (the client's subscribe). */
  subscribe: (listener: (events: BenchEvent[]) => void) => () => void;
  read: (event: BenchEvent) => PromptNews | null;
  /** The requests of the runs running now, asked when the page opens and each time the link to the bench is back. */
  pending: () => Promise<Array<{ key: string; chargerId: string; context?: string; prompt: OperatorPrompt | null }>>;
  /** Answers `key`'s request `promptId` (its id, when the bench gives one: refused once that request is closed). */
  answer: (key: string, answer: PromptAnswer, promptId?: string) => Promise<void>;
  subtitle?: (prompt: OperatorPrompt, context: string | undefined) => string;
  /** Stops the run asking (its request is withdrawn), with what that does in words and the button's label. */
  stop?: { call: (key: string) => Promise<void>; what: string | ((key: string) => ReactNode); label: string };
}

/** This clock less the bench's as it sent the request (ms; 0 from a bench that does not say its time). */
function aheadOfBench(prompt: OperatorPrompt, now = Date.now()): number {
  const benchNow = prompt.now ? Date.parse(prompt.now) : NaN;
  return Number.isFinite(benchNow) ? now - benchNow : 0;
}

const waitingOf = (key: string, prompt: OperatorPrompt, now = Date.now()): Waiting => ({ key, prompt, since: askedSince(prompt, now), ahead: aheadOfBench(prompt, now) });

/**
 * When the request's time began, on this clock (`now`: when the request came): its deadline less its time
 * (a page opened later counts down what is really left), or when it was asked; a bench that says neither,
 * now. The bench's times are on its own clock, which may differ from this one (a browser on another
 * machine): they are moved by how far the bench's clock was from this one as it sent the request.
 */
export function askedSince(prompt: OperatorPrompt, now = Date.now()): number {
  const ahead = aheadOfBench(prompt, now);
  const deadline = prompt.deadline ? Date.parse(prompt.deadline) : NaN;
  if (Number.isFinite(deadline)) return deadline + ahead - prompt.timeoutS * 1000;
  const issued = prompt.issuedAt ? Date.parse(prompt.issuedAt) : NaN;
  return Number.isFinite(issued) ? issued + ahead : now;
}

export function PromptQueue({ feed }: { feed: PromptFeed }) {
  const [queue, dispatch] = useReducer(queueReducer, emptyQueue);
  const [about, setAbout] = useState<Record<string, { chargerId?: string; context?: string }>>({});
  // While the link is lost the events are missed: a request may have come or gone. Once it is back the
  // runs' own list replaces what is shown; meanwhile the request shown cannot be answered.
  const link = useBench((s) => s.link);
  const linked = link === 'open';

  useEffect(() => {
    if (!linked) return;
    let live = true;
    const learn = (key: string, chargerId: string | undefined, context: string | undefined) =>
      setAbout((a) =>
        a[key]?.chargerId === (chargerId ?? a[key]?.chargerId) && a[key]?.context === (context ?? a[key]?.context)
          ? a
          : { ...a, [key]: { chargerId: chargerId ?? a[key]?.chargerId, context: context ?? a[key]?.context } },
      );
    const off = feed.subscribe((events) => {
      for (const e of events) {
        const news = feed.read(e);
        if (!news) continue;
        const { key, prompt } = news;
        if (news.chargerId !== undefined || news.context !== undefined) learn(key, news.chargerId, news.context);
        const now = Date.now();
        if (prompt) dispatch({ type: 'asked', ...waitingOf(key, prompt, now), now });
        else if (prompt === null) dispatch({ type: 'gone', key, now });
        if (news.ended) dispatch({ type: 'gone', key, now, ended: true });
      }
    });
    feed
      .pending()
      .then((list) => {
        if (!live) return;
        for (const p of list) learn(p.key, p.chargerId, p.context);
        const now = Date.now();
        dispatch({ type: 'pending', list: list.flatMap((p) => (p.prompt ? [waitingOf(p.key, p.prompt, now)] : [])), now });
      })
      .catch(() => undefined);
    return () => {
      live = false;
      off();
    };
  }, [feed, linked]);

  const first = queue.waiting[0] ?? null;
  const notice = queue.missed.length > 0;
  const [answer, send, reset] = useCall(async (w: Waiting, a: PromptAnswer | 'stop') => {
    const id = identity(w.key, w.prompt);
    dispatch({ type: 'sent', id });
    try {
      await (a === 'stop' ? feed.stop!.call(w.key) : feed.answer(w.key, a, w.prompt.id));
    } catch (e) {
      dispatch({ type: 'refused', request: w, ...(a !== 'stop' ? { answer: a } : {}), tooLate: e instanceof CallFailure && e.status === 409, now: Date.now() });
      throw e;
    }
    dispatch({ type: 'answered', id });
  });
  const firstId = first && identity(first.key, first.prompt);
  useEffect(() => reset(), [firstId, notice, reset]);

  // What is on screen (a request, the notice, nothing) and since when; a request shown where something else
  // was a moment ago ignores clicks for INERT_MS. Worked out as it renders, so no frame shows it answerable.
  const shownId = notice ? 'notice' : firstId;
  const [shown, setShown] = useState<{ id: string | null; at: number; inert: boolean }>({ id: null, at: 0, inert: false });
  if (shown.id !== shownId) {
    const now = Date.now();
    setShown({ id: shownId, at: now, inert: shownId !== null && shownId !== 'notice' && (shown.id !== null || now - shown.at < INERT_MS) });
  }
  useEffect(() => {
    if (!shown.inert) return;
    const timer = setTimeout(() => setShown((s) => (s.id === shown.id ? { ...s, inert: false } : s)), Math.max(0, INERT_MS - (Date.now() - shown.at)));
    return () => clearTimeout(timer);
  }, [shown]);
  const read = useCallback(() => dispatch({ type: 'read' }), []);

  if (notice) return <PromptMissed missed={queue.missed} chargerOf={(key) => about[key]?.chargerId ?? null} next={first} onRead={read} />;
  if (!first) return null;
  const inert = shown.id === firstId && shown.inert;
  return (
    <PromptDialog
      key={firstId!}
      prompt={first.prompt}
      chargerId={about[first.key]?.chargerId ?? null}
      since={first.since}
      pending={answer.pending || !linked}
      inert={inert}
      error={linked ? answer.error : 'The link to the bench is lost: this request may have been answered or withdrawn meanwhile. It is checked again once the link is back.'}
      subtitle={feed.subtitle?.(first.prompt, about[first.key]?.context)}
      onAnswer={(a) => void send(first, a)}
      stop={feed.stop && { onStop: () => void send(first, 'stop'), what: typeof feed.stop.what === 'function' ? feed.stop.what(first.key) : feed.stop.what, label: feed.stop.label }}
    />
  );
}
