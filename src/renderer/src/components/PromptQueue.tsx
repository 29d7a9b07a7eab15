// The operator's requests of whatever runs on a real charger (a conformance run, a commissioning), shown
// one at a time over any screen: the bench asks through events, and a page opened mid-run asks the
// running ones for theirs. Each kind of run says how its events and calls read (a PromptFeed).
import { useEffect, useState, type ReactNode } from 'react';
import type { BenchEvent } from '../../../shared/api/views';
import type { OperatorPrompt } from '../../../shared/api/test-runs';
import { PromptDialog, type PromptAnswer } from './PromptDialog';
import { useCall } from './useCall';
import { useBench } from '../stores/bench';

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
  answer: (key: string, answer: PromptAnswer) => Promise<void>;
  subtitle?: (prompt: OperatorPrompt, context: string | undefined) => string;
  /** Stops the run asking (its request is withdrawn), with what that does in words and the button's label. */
  stop?: { call: (key: string) => Promise<void>; what: string | ((key: string) => ReactNode); label: string };
}

interface Waiting {
  key: string;
  prompt: OperatorPrompt;
  since: number;
}

/**
 * When the request's time began, on this clock (`now`: when the request came): its deadline less its time
 * (a page opened later counts down what is really left), or when it was asked; a bench that says neither,
 * now. The bench's times are on its own clock, which may differ from this one (a browser on another
 * machine): they are moved by how far the bench's clock was from this one as it sent the request.
 */
export function askedSince(prompt: OperatorPrompt, now = Date.now()): number {
  const benchNow = prompt.now ? Date.parse(prompt.now) : NaN;
  // This clock less the bench's (0 from a bench that does not say its time).
  const ahead = Number.isFinite(benchNow) ? now - benchNow : 0;
  const deadline = prompt.deadline ? Date.parse(prompt.deadline) : NaN;
  if (Number.isFinite(deadline)) return deadline + ahead - prompt.timeoutS * 1000;
  const issued = prompt.issuedAt ? Date.parse(prompt.issuedAt) : NaN;
  return Number.isFinite(issued) ? issued + ahead : now;
}

export function PromptQueue({ feed }: { feed: PromptFeed }) {
  const [waiting, setWaiting] = useState<Waiting[]>([]);
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
        if (prompt !== undefined) setWaiting((w) => [...w.filter((x) => x.key !== key), ...(prompt ? [{ key, prompt, since: askedSince(prompt) }] : [])]);
        if (news.ended) setWaiting((w) => (w.some((x) => x.key === key) ? w.filter((x) => x.key !== key) : w));
      }
    });
    feed
      .pending()
      .then((list) => {
        if (!live) return;
        for (const p of list) learn(p.key, p.chargerId, p.context);
        setWaiting((w) =>
          list.flatMap((p) => {
            if (!p.prompt) return [];
            const known = w.find((x) => x.key === p.key && x.prompt.caseId === p.prompt!.caseId && x.prompt.step === p.prompt!.step);
            return [{ key: p.key, prompt: p.prompt, since: known?.since ?? askedSince(p.prompt!) }];
          }),
        );
      })
      .catch(() => undefined);
    return () => {
      live = false;
      off();
    };
  }, [feed, linked]);

  const first = waiting[0] ?? null;
  const [answer, send, reset] = useCall(async (key: string, a: PromptAnswer | 'stop') => {
    await (a === 'stop' ? feed.stop!.call(key) : feed.answer(key, a));
    setWaiting((w) => w.filter((x) => x.key !== key));
  });
  useEffect(() => reset(), [first?.key, first?.prompt.step, first?.prompt.caseId, reset]);

  if (!first) return null;
  return (
    <PromptDialog
      key={`${first.key}/${first.prompt.caseId}/${first.prompt.step}`}
      prompt={first.prompt}
      chargerId={about[first.key]?.chargerId ?? null}
      since={first.since}
      pending={answer.pending || !linked}
      error={linked ? answer.error : 'The link to the bench is lost: this request may have been answered or withdrawn meanwhile. It is checked again once the link is back.'}
      subtitle={feed.subtitle?.(first.prompt, about[first.key]?.context)}
      onAnswer={(a) => void send(first.key, a)}
      stop={feed.stop && { onStop: () => void send(first.key, 'stop'), what: typeof feed.stop.what === 'function' ? feed.stop.what(first.key) : feed.stop.what, label: feed.stop.label }}
    />
  );
}
