// What the operator's dialog knows of the runs' requests: those waiting (the first one shown), and those that
// went away without an answer from this window (timed out, withdrawn as the run ended, or closed elsewhere).
// Those are said before anything else is shown, so a click aimed at a request that went away can never land
// on the next one in the same place; the window's own answers and stops are remembered, so they are not.
import type { OperatorPrompt } from '../../../shared/api/test-runs';
import { timeWasUp, type Missed, type Waiting } from '../../../shared/api/prompt-words';
import type { PromptAnswer } from './PromptDialog';

// The requests and their words are the terminal's too (src/shared/api/prompt-words.ts).
export type { Missed, Waiting } from '../../../shared/api/prompt-words';

export interface QueueState {
  waiting: Waiting[];
  missed: Missed[];
  /** The requests this window answered or stopped the run of (identities): their going away is no surprise. */
  sent: string[];
  /** The answers the bench refused as too late (the request no longer open there), by request: said when it goes away here. */
  late: Record<string, PromptAnswer>;
}

export const emptyQueue: QueueState = { waiting: [], missed: [], sent: [], late: {} };

/** One request of one run: its id from the bench; from a bench that gives none, its case, step and when it was asked. */
export const identity = (key: string, p: OperatorPrompt): string => `${key}/${p.id ?? `${p.caseId}/${p.step}/${p.issuedAt ?? ''}`}`;

const same = (w: Waiting, key: string, p: OperatorPrompt) => identity(w.key, w.prompt) === identity(key, p);

export type QueueAction =
  | { type: 'asked'; key: string; prompt: OperatorPrompt; since: number; ahead: number; now: number }
  | { type: 'gone'; key: string; now: number; ended?: boolean }
  | { type: 'pending'; list: Waiting[]; now: number }
  | { type: 'sent'; id: string }
  | { type: 'answered'; id: string }
  | { type: 'refused'; request: Waiting; answer?: PromptAnswer; tooLate: boolean; now: number }
  | { type: 'read' };

/** How it went: as it went (the bench's event came at its deadline, or with the run's end, or before), or unknown (learnt after the link came back). */
type Went = { ended?: boolean; unseen?: boolean };

function missedOf(s: QueueState, w: Waiting, now: number, went: Went): Missed {
  const timedOut = timeWasUp(w, now);
  const late = s.late[identity(w.key, w.prompt)];
  return { ...w, why: went.unseen ? 'unknown' : timedOut ? 'timedOut' : went.ended ? 'ended' : 'closed', at: now, ...(late ? { late } : {}) };
}

/** The requests of `gone` that went away unanswered from here, added to `missed`. */
function goneAway(s: QueueState, gone: Waiting[], now: number, went: Went = {}): Missed[] {
  const unanswered = gone.filter((w) => !s.sent.includes(identity(w.key, w.prompt)));
  return unanswered.length ? [...s.missed, ...unanswered.map((w) => missedOf(s, w, now, went))] : s.missed;
}

export function queueReducer(s: QueueState, a: QueueAction): QueueState {
  switch (a.type) {
    case 'asked': {
      // The same request again (read twice) is not a new one; another of the same run replaces the one it had.
      const gone = s.waiting.filter((w) => w.key === a.key && !same(w, a.key, a.prompt));
      const rest = s.waiting.filter((w) => w.key !== a.key);
      const known = s.waiting.find((w) => w.key === a.key && same(w, a.key, a.prompt));
      return { ...s, waiting: [...rest, known ?? { key: a.key, prompt: a.prompt, since: a.since, ahead: a.ahead }], missed: goneAway(s, gone, a.now) };
    }
    case 'gone': {
      const gone = s.waiting.filter((w) => w.key === a.key);
      if (!gone.length) return s;
      return { ...s, waiting: s.waiting.filter((w) => w.key !== a.key), missed: goneAway(s, gone, a.now, { ended: a.ended }) };
    }
    case 'pending': {
      // The runs' own list replaces what was shown: what is no longer in it went away (while the link was lost).
      const waiting = a.list.map((p) => s.waiting.find((w) => same(w, p.key, p.prompt)) ?? p);
      const gone = s.waiting.filter((w) => !a.list.some((p) => same(w, p.key, p.prompt)));
      return { ...s, waiting, missed: goneAway(s, gone, a.now, { unseen: true }) };
    }
    case 'sent':
      return s.sent.includes(a.id) ? s : { ...s, sent: [...s.sent.slice(-50), a.id] };
    case 'answered':
      return { ...s, waiting: s.waiting.filter((w) => identity(w.key, w.prompt) !== a.id) };
    case 'refused': {
      // Refused (or lost; `answer` absent: a Stop): not answered from here after all. One the bench refused as
      // too late is said with the request, once it has gone here (at once, if it has).
      const id = identity(a.request.key, a.request.prompt);
      const sent = s.sent.filter((x) => x !== id);
      const late = a.tooLate && a.answer ? { ...s.late, [id]: a.answer } : s.late;
      const next = { ...s, sent, late };
      if (s.waiting.some((w) => identity(w.key, w.prompt) === id)) return next;
      const said = s.missed.find((m) => identity(m.key, m.prompt) === id);
      if (said) return { ...next, missed: s.missed.map((m) => (m === said && late[id] ? { ...m, late: late[id] } : m)) };
      return { ...next, missed: [...s.missed, missedOf(next, a.request, a.now, {})] };
    }
    case 'read':
      return { ...s, missed: [], late: {} };
  }
}
