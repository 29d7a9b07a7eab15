// A send whose answer was lost with the link to the bench (serve stopped, the network gone) is read back
// from the bench's record once the link is back: the panel then says what the record holds (sent at …,
// answered, unanswered, or the connection ended) instead of "it is not known whether it reached the
// charger". A send the bench said it had sent is found by its row (stores/operations.ts `recorded`); one
// whose "sent" never reached the window (the link dropped first) by the name the window gave it (`ref`,
// which the record keeps). One still waiting in the record, or still queued at the bench, settles when its
// operationFinished comes; one the record does not hold was not sent (yet), and stays not known.
import { useEffect, useMemo } from 'react';
import { useClient } from '../../../api/context';
import type { BenchClient } from '../../../api/client';
import { useBench } from '../../../stores/bench';
import { settleFromRecord, useChargerSlots, type OperationSlot } from '../../../stores/operations';
import type { MessageView, OperationResult, OperationView } from '../../../../../shared/api/views';
import { isFlagged } from '../../../../../shared/api/message-filter';
import type { OperationAction } from './actions';

/** How many of the action's operations sent since this one are read to find it (newest first). */
export const READ_BACK_LIMIT = 200;

/** An operation's outcome as the record holds it, as the call would have answered it; null while it has none. */
export function resultFromRecord(op: OperationView): OperationResult | null {
  const operationId = op.id;
  const error = op.error as never;
  switch (op.outcome) {
    case 'completed':
      return { outcome: 'completed', response: op.response as never, operationId };
    case 'callError':
      return { outcome: 'callError', error, operationId };
    case 'invalidResponse':
      return { outcome: 'invalidResponse', response: op.response, error, operationId };
    case 'timeout':
      return { outcome: 'timeout', error, operationId };
    // Every operation in the record went out (one never sent is not recorded): the connection ended after it was sent.
    case 'offline':
      return { outcome: 'offline', error, sent: true, sentAt: op.sentAt, operationId };
    default:
      return null;
  }
}

/** How many frames of the action, both ways, are read between a send and its end to find its CALL. */
const CALL_LOOK = 40;

/**
 * The message id of the CALL `op` went out as (the record keeps the operation without it), for its malformed
 * answer: among the CALLs of its action the bench sent the charger from when it was sent until it ended (by
 * the record's times, to the millisecond: an earlier call answered within the same millisecond is among
 * them), the one whose answer (the frame the charger sent back with its message id) the bench flagged.
 * Undefined when none is, or more than one (which one was this send's is not known), or when a call's answer
 * is not on the page, or the page is full (one off it may be the flagged one): no link rather than a wrong one.
 */
export async function callMessageId(client: BenchClient, op: OperationView): Promise<string | undefined> {
  const frames = await client.call('messages:page', { chargerId: op.chargerId, actions: [op.action], from: op.sentAt, to: op.finishedAt ?? op.sentAt, limit: CALL_LOOK });
  // A full page may leave a call, or an answer, off it: which one was flagged is then not known.
  if (frames.length >= CALL_LOOK) return undefined;
  const calls = frames.filter((m) => m.direction === 'out' && m.kind === 'CALL' && m.messageId !== null);
  const answerOf = (c: MessageView) => frames.find((m) => m.direction === 'in' && m.kind !== 'CALL' && m.messageId === c.messageId);
  // Every call's answer on the page too: one whose answer is not may be the flagged one.
  if (calls.some((c) => !answerOf(c))) return undefined;
  const flagged = calls.filter((c) => isFlagged(answerOf(c)!));
  return flagged.length === 1 ? (flagged[0]!.messageId ?? undefined) : undefined;
}

/** A send that failed where it may have reached the charger (not a refusal before sending). */
const lostAnswer = (s: OperationSlot): boolean => {
  const status = s.failure?.status;
  return !s.pending && s.failure !== null && !(status !== undefined && status >= 400 && status < 500) && s.action !== null && s.ref !== null;
};

interface Lost {
  name: string;
  ref: string;
  action: OperationAction;
  /** Its row in the record, when the window heard it was sent; null: found by `ref`. */
  recorded: OperationSlot['recorded'];
}

/** Whether the record's operation is the lost send: its row, or (its row not known to the window) the name the window gave it. */
const isLost = (l: Lost, op: OperationView): boolean => (l.recorded ? op.id === l.recorded.operationId : op.ref === l.ref && op.action === l.action);

/**
 * Reads back from the record the outcome of the charger's sends named `name` (or, `byPrefix`, whose names
 * start with it) whose answer was lost with the link: when shown, and again each time the link comes back.
 */
export function useReadBack(chargerId: string, name: string, byPrefix = false): void {
  const client = useClient();
  const slots = useChargerSlots(client, chargerId);
  // Bumped each time the link opens and the bench's picture has been read again.
  const snapshots = useBench((s) => s.snapshots);
  const lost = useMemo(
    () =>
      Object.entries(slots ?? {}).flatMap(([n, s]): Lost[] =>
        (byPrefix ? n.startsWith(name) : n === name) && lostAnswer(s) ? [{ name: n, ref: s.ref!, action: s.action as OperationAction, recorded: s.recorded }] : [],
      ),
    [slots, name, byPrefix],
  );
  const key = lost.map((l) => `${l.name}\n${l.ref}`).join('\n');
  useEffect(() => {
    if (!lost.length) return;
    let live = true;
    const settle = (l: Lost, op: OperationView) => {
      const result = resultFromRecord(op);
      if (!live || !result) return;
      const done = (r: OperationResult) => live && settleFromRecord(client, chargerId, l.name, l.ref, r, op.finishedAt ?? op.sentAt);
      // A malformed answer links to its frame, found by the CALL's message id, as the live answer does.
      if (result.outcome !== 'invalidResponse') return void done(result);
      callMessageId(client, op).then(
        (messageId) => done(messageId ? { ...result, messageId } : result),
        () => done(result),
      );
    };
    // Still waiting in the record (the bench kept running): its end comes as an event.
    const off = client.subscribe((events) => {
      for (const e of events) if (e.type === 'operationFinished') for (const l of lost) if (e.operation.chargerId === chargerId && isLost(l, e.operation)) settle(l, e.operation);
    });
    if (useBench.getState().link === 'open')
      for (const l of lost)
        client
          .call('operations:list', l.recorded ? { chargerId, actions: [l.action], sentSince: l.recorded.sentAt, limit: READ_BACK_LIMIT } : { chargerId, actions: [l.action], ref: l.ref, limit: 1 })
          .then(
            (ops) => {
              const op = ops.find((o) => isLost(l, o));
              if (op) settle(l, op);
            },
            () => undefined,
          );
    return () => {
      live = false;
      off();
    };
  }, [key, snapshots, client, chargerId]); // eslint-disable-line react-hooks/exhaustive-deps
}
