// What became of a session's StartTransaction and StopTransaction beyond the queue: the StopTransactions the
// central system answered, the messages dropped unaccepted, and the ones sent without an accepted answer yet
// (which may have reached the central system). Deleting a charger words each session's fate from it.
import type { CallOutcome } from '../../rpc/endpoint';

/**
 * The sends of a queued message that went out and got no valid answer (timed out, the connection lost after
 * it went, a CALLRESULT that broke the schema): the central system may have acted on them. `last` says what
 * the last of them came to; `invalid` that one came back as an invalid CALLRESULT (an answer, not a valid one).
 */
export interface Unanswered {
  sent: number;
  last: string;
  invalid?: true;
}

/** A StartTransaction or StopTransaction given up on: how many attempts, what the last one came to, and the sends that may have reached the central system. */
export interface DroppedMessage {
  action: 'StartTransaction' | 'StopTransaction';
  attempts: number;
  last: string;
  unanswered?: Unanswered;
}

/** Where a queued message of a session stands: never sent, sent without an accepted answer yet, or not queued. */
export type MessageState = 'unsent' | 'sent' | null;

/** Everything the charger knows of how a session's end reached (or not) the central system. */
export interface SessionFate {
  /** Its StopTransaction was answered: the transactionId it went with (null when unknown); undefined: not answered. */
  stopAnswered: number | null | undefined;
  start: MessageState;
  stop: MessageState;
  dropped: DroppedMessage | null;
}

/** The newest kept of each kind. */
const KEPT = 100;

/** "answered with an error (InternalError: …)", "not answered (…)": what a failed attempt came to. */
export function attemptFailure(outcome: Exclude<CallOutcome, { outcome: 'completed' }>): string {
  const e = outcome.error as { code?: string; description?: string };
  switch (outcome.outcome) {
    case 'callError':
      return `answered with an error (${e.code}${e.description ? `: ${e.description}` : ''})`;
    case 'invalidResponse':
      return `answered with an invalid CALLRESULT${e.description ? ` (${e.description})` : ''}`;
    case 'timeout':
      return `not answered (${e.description})`;
    default:
      return `not answered: the connection was lost${outcome.sent ? ' after it was sent' : ''}`;
  }
}

/**
 * What a failed send came to when the central system may have acted on it (it went out and no valid answer
 * came), or null: it never went out (not connected, not sent on purpose, refused by the charger's own
 * schema check), or the central system refused it with a CALLERROR.
 */
export function unansweredSend(outcome: Exclude<CallOutcome, { outcome: 'completed' }>): string | null {
  switch (outcome.outcome) {
    case 'timeout':
      return outcome.sent === false ? null : outcome.error.description;
    case 'offline':
      return outcome.sent ? `the connection was lost after it was sent (${outcome.error.description})` : null;
    case 'invalidResponse':
      return attemptFailure(outcome);
    default:
      return null;
  }
}

/** `was` with one more send `outcome` left without a valid answer, if it was one. */
export function withUnanswered(was: Unanswered | undefined, outcome: Exclude<CallOutcome, { outcome: 'completed' }>): Unanswered | undefined {
  const last = unansweredSend(outcome);
  if (last === null) return was;
  return { sent: (was?.sent ?? 0) + 1, last, ...(was?.invalid || outcome.outcome === 'invalidResponse' ? { invalid: true as const } : {}) };
}

export class TxLedger {
  private readonly answeredStops = new Map<number, number | null>();
  private readonly droppedMessages = new Map<number, DroppedMessage>();
  /** Queued messages sent at least once without an accepted answer (in flight, or waiting to be sent again). */
  readonly sent = new WeakSet<object>();

  stopAnswered(localTx: number, transactionId: number | null): void {
    keep(this.answeredStops, localTx, transactionId);
  }

  dropped(localTx: number, message: DroppedMessage): void {
    keep(this.droppedMessages, localTx, message);
  }

  /** What was answered or dropped of session localTx (asked once: forgotten then). */
  take(localTx: number): { stopAnswered: number | null | undefined; dropped: DroppedMessage | null } {
    const stopAnswered = this.answeredStops.get(localTx);
    const dropped = this.droppedMessages.get(localTx) ?? null;
    this.answeredStops.delete(localTx);
    this.droppedMessages.delete(localTx);
    return { stopAnswered, dropped };
  }
}

function keep<V>(map: Map<number, V>, key: number, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > KEPT) map.delete(map.keys().next().value!);
}
