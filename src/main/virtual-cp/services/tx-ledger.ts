// What became of a session's StartTransaction and StopTransaction beyond the queue: the StopTransactions the
// central system answered, the messages dropped unaccepted, and the ones sent without an accepted answer yet
// (which may have reached the central system). Deleting a charger words each session's fate from it.
import type { CallOutcome } from '../../rpc/endpoint';

/** A StartTransaction or StopTransaction given up on: how many attempts, and what the last one came to. */
export interface DroppedMessage {
  action: 'StartTransaction' | 'StopTransaction';
  attempts: number;
  last: string;
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
