// A send to many chargers, paced: each send is one HTTP request to the bench, which holds it until the
// charger answers (or its timeout); a browser runs only 6 requests at a time to one origin, so sending to
// 30 silent chargers at once would leave the rest queued in the browser, out of sight (the dialog saying
// "waiting" for those not even sent, and sending them after Close with nobody watching), and every other
// screen's requests stuck behind them. So the dialog keeps its own queue: at most MULTI_SEND_IN_FLIGHT sent
// at once, the others queued where it can say so, and stopped (never sent) when the user stops sending.
import { formatClock } from '../../components/format';
import type { OperationResult } from '../../../../shared/api/contract';
import type { Explained } from './kit/meanings';
import { multiEndsText, type MultiRowEnd } from './kit/multiSend';
import { plural } from './kit/running';
import { benchNow } from '../../components/benchClock';

/**
 * How many sends of one dialog are in flight at once: 4 of the browser's 6 connections to the bench,
 * leaving 2 for the rest of the UI (lists, pages, other operations) while silent chargers hold these.
 */
export const MULTI_SEND_IN_FLIGHT = 4;

/** Where one charger's send stands in this dialog. */
export type SendState = { state: 'queued' } | { state: 'sent'; sentAt: string } | { state: 'ended'; sentAt?: string };

export interface MultiRow {
  chargerId: string;
  /** Queued in the dialog, sent (when), or ended. */
  send: SendState;
  explained?: Explained;
  /** How it ended, once it did. */
  end?: PacedEnd;
  /** What the bench gave back (none when it refused the request), and when this window got it. */
  result?: OperationResult;
  settledAt?: string;
}

/**
 * The rows once sending is stopped: those never sent (`never`) are said so; when the dialog closes
 * (`closing`), those in flight are said as sent, their outcome unknown to it (the Operations list has them).
 */
export function stoppedRows(rows: readonly MultiRow[], never: ReadonlySet<string>, closing: boolean): MultiRow[] {
  return rows.map((r): MultiRow => {
    if (r.send.state === 'queued' && never.has(r.chargerId))
      return {
        ...r,
        send: { state: 'ended' },
        end: 'stopped',
        explained: { tone: 'info', headline: 'Not sent (stopped)', meaning: 'Sending was stopped before this charger was sent it: nothing went to it.' },
      };
    if (closing && r.send.state === 'sent') {
      const meaning = `Sent at ${formatClock(r.send.sentAt)}; the dialog was closed before its answer: see the Operations list for how it ended.`;
      return { ...r, send: { state: 'ended', sentAt: r.send.sentAt }, end: 'left', explained: { tone: 'info', headline: 'Sent (outcome unknown here)', meaning } };
    }
    return r;
  });
}

export interface PacedSend {
  /** Sends the first ones (the rest as those settle). */
  start(): void;
  /** Cancels the queue: nothing more is sent. The ids never sent (to be said so); those in flight go on. */
  stop(): string[];
  readonly stopped: boolean;
}

/**
 * Once started, sends `send(id)` for each id, at most `limit` at once, in order. `onSent` when one goes out, `onEnded` when
 * its promise settles (after stop() too: the caller decides what to do with it). A send that throws
 * synchronously counts as settled with that error.
 */
export function paceSends<T>(
  ids: readonly string[],
  send: (id: string) => Promise<T>,
  on: { sent: (id: string, at: Date) => void; ended: (id: string, outcome: { ok: true; value: T } | { ok: false; error: unknown }) => void },
  limit = MULTI_SEND_IN_FLIGHT,
): PacedSend {
  let next = 0;
  let inFlight = 0;
  let stopped = false;
  const pump = () => {
    while (!stopped && inFlight < limit && next < ids.length) {
      const id = ids[next++]!;
      inFlight++;
      on.sent(id, new Date(benchNow()));
      let p: Promise<T>;
      try {
        p = send(id);
      } catch (error) {
        p = Promise.reject(error);
      }
      p.then(
        (value) => on.ended(id, { ok: true, value }),
        (error: unknown) => on.ended(id, { ok: false, error }),
      ).finally(() => {
        inFlight--;
        pump();
      });
    }
  };
  return {
    start: pump,
    stop() {
      if (stopped) return [];
      stopped = true;
      const never = ids.slice(next);
      next = ids.length;
      return never;
    },
    get stopped() {
      return stopped;
    },
  };
}

/** What a row says while its send has not ended: "Not sent yet (queued in this dialog)", "Sent at 10:02:03, waiting for the answer". */
export function sendStateText(s: SendState): string | null {
  if (s.state === 'queued') return 'Not sent yet (queued in this dialog)';
  if (s.state === 'sent') return `Sent at ${formatClock(s.sentAt)}, waiting for the answer`;
  return null;
}

/** How a row ended in this dialog: as the bench said (MultiRowEnd), or not sent because the user stopped, or sent and left when the dialog closed. */
export type PacedEnd = MultiRowEnd | 'stopped' | 'left';

/** Nothing went to the charger: offline, refused by the bench, cut off, or stopped in this dialog. */
const nothingSent = (e: PacedEnd | undefined) => e === 'offline' || e === 'refused' || e === 'cutOff' || e === 'stopped';

/** The ways the bench counts, then those this dialog adds, in these words. */
export function pacedEndsText(ends: readonly PacedEnd[]): string {
  const stopped = ends.filter((e) => e === 'stopped').length;
  const left = ends.filter((e) => e === 'left').length;
  return [
    multiEndsText(ends.filter((e): e is MultiRowEnd => e !== 'stopped' && e !== 'left')),
    left ? `${left} sent (outcome unknown to this dialog; see the Operations list)` : '',
    stopped ? `${stopped} not sent (stopped)` : '',
  ]
    .filter(Boolean)
    .join(', ');
}

/**
 * The results' heading. While some are not ended: "Sent to 4 of 30 chargers; 26 not sent yet (queued in this
 * dialog). Waiting for 4 answers…", and how the others ended so far; then each way counted, "All 3
 * chargers accepted." only when each accepted.
 */
export function pacedHeading(rows: ReadonlyArray<{ send: SendState; end?: PacedEnd }>): string {
  const total = rows.length;
  const ends = rows.flatMap((r) => (r.end ? [r.end] : []));
  const queued = rows.filter((r) => r.send.state === 'queued').length;
  const inFlight = rows.filter((r) => r.send.state === 'sent').length;
  if (queued || inFlight) {
    const sent = rows.filter((r) => r.send.state !== 'queued' && !nothingSent(r.end)).length;
    const sentText = queued ? `Sent to ${sent} of ${plural(total, 'charger')}; ${queued} not sent yet (queued in this dialog).` : `Sent to ${sent} of ${plural(total, 'charger')}.`;
    const waiting = inFlight ? ` Waiting for ${plural(inFlight, 'answer')}…` : '';
    return `${sentText}${waiting}${ends.length ? ` So far: ${pacedEndsText(ends)}.` : ''}`;
  }
  if (total > 0 && ends.every((e) => e === 'accepted')) return total === 1 ? 'The charger accepted.' : `All ${total} chargers accepted.`;
  return `${pacedEndsText(ends)}.`;
}

/** The question asked when Close is pressed while some are not sent yet. */
export function stopQuestion(queued: number, inFlight: number): string {
  const notSent = `${queued === 1 ? '1 charger has' : `${queued} chargers have`} not been sent this yet. Stop sending?`;
  return inFlight ? `${notSent} The ${inFlight} already sent may still act on it.` : notSent;
}
