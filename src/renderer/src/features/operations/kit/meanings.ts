// What an answer to an operation means for the person at the charger: the words per status that each
// action's panel declares, and the outcomes where no status came back (timeout, offline, CALLERROR, an
// answer that breaks the schema).
import type { OperationResult } from '../../../../../shared/api/contract';
import type { ResponseOf } from '../../../../../shared/ocpp16';
import type { OperationAction } from './actions';
import { formatClock } from '../../../components/format';

export type Tone = 'success' | 'info' | 'warning' | 'error';
export interface Meaning {
  tone: Tone;
  meaning: string;
  /** For answers without a status field: what to call the answer. */
  headline?: string;
}

/** What one action's answers mean, declared beside its panel. `{field}` in a text is filled from the answer. */
export interface AnswerMeanings<A extends OperationAction = OperationAction> {
  /** Per status in the answer; an answer without a status field is keyed by `statusOf`. */
  meanings: Record<string, Meaning>;
  /** The key into `meanings` for an answer without a status field. */
  statusOf?(response: ResponseOf<A>): string;
  /** More values to fill the texts with, read from the answer. */
  values?(response: ResponseOf<A>): Record<string, unknown>;
}

const errorCodeMeanings: Record<string, string> = {
  NotImplemented: 'The charger does not implement {action}.',
  NotSupported: 'The charger knows {action} but does not support it.',
  InternalError: 'The charger hit an internal error while handling {action}.',
  ProtocolError: 'The charger says the request was incomplete.',
  SecurityError: 'The charger refused for security reasons.',
  FormationViolation: 'The charger says the request was malformed.',
  PropertyConstraintViolation: 'The charger says a field of the request had a value it does not accept.',
  OccurenceConstraintViolation: 'The charger says a field of the request was missing or repeated.',
  TypeConstraintViolation: 'The charger says a field of the request had the wrong type.',
  GenericError: 'The charger reported an error.',
};

export interface Explained extends Meaning {
  /** What the answer was in one or two words: the status, or what went wrong. */
  headline: string;
  /** The OCPP status in the answer, when there is one. */
  status?: string;
}

/** A value as a sentence shows it: one the answer lacks reads "(not given)", an empty or blank one "(empty)". */
const shown = (v: unknown): string | null => (v === undefined || v === null ? '(not given)' : String(v).trim() === '' ? '(empty)' : null);

/**
 * Fills `{field}` (or `"{field}"`, quoted) from the answer, never leaving a hole in the sentence: a value
 * the answer lacks reads "(not given)", an empty or blank one "(empty)", neither in quotes.
 */
const fill = (text: string, values: Record<string, unknown>) =>
  text.replace(/"\{(\w+)\}"|\{(\w+)\}/g, (_, quoted: string | undefined, bare: string | undefined) => {
    const value = values[(quoted ?? bare)!];
    return shown(value) ?? (quoted ? `"${String(value)}"` : String(value));
  });

/** " (1006)": the WebSocket close code a close reason names, to say how the connection dropped. */
const closeCode = (reason: string): string => {
  const code = /\((\d{4})\b/.exec(reason)?.[1];
  return code ? ` (${code})` : '';
};

/** The reason the bench gives a connection it ends because it is stopping (central-system.ts). */
const BENCH_SHUT_DOWN = /^the bench is shutting down/i;

/** Whether a text the charger sent says anything (not absent, empty or blank). */
const said = (text: string | null | undefined): text is string => !!text && text.trim() !== '';

/**
 * Puts one operation's result in plain words, with the meanings its action declares; `chargerId` names the
 * charger where it helps. `neverConnected`: the charger has never connected to this bench (the caller's
 * charger view, told by reach.ts neverConnected), so "not connected" is not said as if it had dropped; the
 * result's own `neverConnected` (what was true when it ended) comes first: a charger that connected since
 * does not turn an old result's words into nonsense.
 */
export function explain(action: OperationAction, result: OperationResult, answers: AnswerMeanings | undefined, chargerId?: string, neverConnected?: boolean): Explained {
  switch (result.outcome) {
    case 'completed': {
      const response = result.response as Record<string, unknown>;
      const status = answers?.statusOf ? answers.statusOf(response as never) : String(response.status ?? '');
      const known = answers?.meanings[status];
      const values: Record<string, unknown> = { ...response, action, ...answers?.values?.(response as never) };
      if (!known)
        return said(status)
          ? { tone: 'warning', headline: status, status, meaning: `The charger answered "${status}", which OCPP 1.6 does not define for ${action}.` }
          : { tone: 'warning', headline: 'Answered', status, meaning: `The charger answered without a status, which OCPP 1.6 does not allow for ${action}.` };
      if (known.headline) return { tone: known.tone, headline: fill(known.headline, values), meaning: fill(known.meaning, values) };
      return { tone: known.tone, headline: status, status, meaning: fill(known.meaning, values) };
    }
    case 'callError': {
      const base = errorCodeMeanings[result.error.code] ?? `The charger answered with error code ${result.error.code}.`;
      const why = said(result.error.description) ? ` It said: "${result.error.description}".` : '';
      // A code OCPP-J 1.6 does not define is the charger's conformance fault (endpoint.ts unknownErrorCode).
      const outside = result.error.violation ? ` ${result.error.code} is not an OCPP-J 1.6 error code: a conformance fault of the charger, as the message log notes.` : '';
      return { tone: 'error', headline: `Error from the charger: ${result.error.code}`, meaning: `${fill(base, { action })}${why}${outside}` };
    }
    case 'invalidResponse': {
      const what = result.error.description;
      // The bench ends the call the moment a broken answer to it arrives ("The answer was malformed: …").
      if (/^The answer was malformed/i.test(what))
        return {
          tone: 'error',
          headline: 'Malformed answer',
          meaning: `The charger answered ${action} with a frame that is not valid OCPP-J (${what.replace(/^The answer was malformed:?\s*/i, '') || 'unreadable'}). Treat the outcome as unknown; this is a conformance fault of the charger, and the message log has the frame.`,
        };
      return {
        tone: 'error',
        headline: 'Invalid answer',
        meaning: `The charger answered, but its answer breaks the OCPP 1.6 schema for ${action}${said(what) ? ` (${what})` : ''}. Treat the outcome as unknown; this is a conformance fault of the charger.`,
      };
    }
    case 'timeout':
      return {
        tone: 'error',
        headline: 'No answer',
        meaning: `The charger did not answer in time${said(result.error.description) ? ` (${result.error.description})` : ''}. It may be busy, its connection may have dropped, or it ignored the request; the message log shows whether an answer came later.`,
      };
    case 'offline':
      // Sent, then the connection dropped: the charger may have acted on it, and it must not read as "nothing was sent".
      if (result.sent && BENCH_SHUT_DOWN.test(result.error.description))
        return {
          tone: 'error',
          headline: 'Connection ended: the bench shut down',
          meaning: `${result.sentAt ? `Sent at ${formatClock(result.sentAt)}; ` : 'Sent; '}the connection to ${chargerId ?? 'the charger'} ended because the bench shut down before an answer came: whether the charger acted on it is unknown. Check the message log and the charger's state before sending it again.`,
        };
      if (result.sent)
        return {
          tone: 'error',
          headline: 'Connection dropped before an answer',
          meaning: `${result.sentAt ? `Sent at ${formatClock(result.sentAt)}; ` : 'Sent; '}${chargerId ? `${chargerId}'s` : 'the'} connection dropped${closeCode(result.error.description)} before an answer: whether the charger acted on it is unknown.${said(result.error.description) ? ` (${result.error.description})` : ''} Check the message log and the charger's state before sending it again.`,
        };
      // Queued behind an unanswered call when the connection dropped: never sent, but not because the charger was not there.
      if (result.queuedBehind) {
        const behind = result.queuedBehind;
        const who = chargerId ? `${chargerId}'s` : "The charger's";
        return {
          tone: 'warning',
          headline: 'Never sent: connection dropped',
          meaning: `Never sent: ${who} connection dropped${closeCode(result.error.description)} while this waited behind the ${behind.action} sent at ${formatClock(behind.sentAt)} (OCPP allows one call at a time), so the charger never got it.${said(result.error.description) ? ` (${result.error.description})` : ''} Whether the charger acted on the ${behind.action} is unknown; send this again once it has reconnected.`,
        };
      }
      // Registered ahead and never connected: it is not a dropped link to wait out but a charger not yet pointed here.
      if (result.neverConnected ?? neverConnected)
        return {
          tone: 'warning',
          headline: 'Never connected',
          meaning: `${chargerId ?? 'The charger'} has never connected to this bench, so nothing was sent. Check the central system URL and the identity set in the charger (see Connect).`,
        };
      return { tone: 'warning', headline: 'Charger offline', meaning: 'The charger is not connected to the bench, so nothing was sent. Check its power and network, or wait until it reconnects.' };
  }
}
