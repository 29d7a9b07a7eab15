// What a frame in the detail is called, and the unreadable frame an answer without a request answers:
// only a frame that could not be read as an OCPP message is an "Unreadable frame"; the CALLERROR the
// bench (or a charger) sends in answer to one says so, and an answer whose request is not found says that.
import { useEffect, useState } from 'react';
import { useClient } from '../../api/context';
import { parseFrame } from '../../../../shared/ocpp16/frames';
import type { MessageView } from '../../../../shared/api/views';
import { ANSWER_WINDOW_MS } from './noAnswer';

/** The message id a CALLERROR answering a frame without a readable one is sent under (OCPP-J). */
export const NO_MESSAGE_ID = '-1';

/**
 * Whether a frame could not be read as an OCPP message: recorded as INVALID, or a frame received whose
 * text does not parse as one (a broken frame whose kind could still be told, e.g. `[2,"id"]`). An answer
 * to nothing, or one whose payload broke its schema, was read: it is not unreadable.
 */
export function isUnreadable(m: Pick<MessageView, 'kind' | 'direction' | 'error' | 'raw'>): boolean {
  if (m.kind === 'INVALID') return true;
  if (m.direction === 'out' || m.error === null || m.error.startsWith('No outstanding CALL')) return false;
  return !parseFrame(m.raw).ok;
}

/**
 * The frame's title: its action (when the record holds one) and kind; "Unreadable frame" only for a frame that could not be read; an
 * answer without an action by what it answers: an unreadable frame (message id -1, or `asked` unreadable),
 * a request found (`request`), or no request with its id once the look found none (`looked`).
 */
export function frameTitle(m: MessageView, found: { looked: boolean; request: MessageView | null; unreadable: MessageView | null }): string {
  if (m.action) return `${m.action} · ${m.kind}`;
  if (isUnreadable(m)) return `Unreadable frame · ${m.kind}`;
  if (m.kind !== 'CALLRESULT' && m.kind !== 'CALLERROR') return m.kind;
  const { request, unreadable } = found;
  if (request && !isUnreadable(request)) return request.action ? `${m.kind} · answer to ${request.action}` : m.kind;
  if (request || unreadable || m.messageId === NO_MESSAGE_ID) return `${m.kind} · answer to an unreadable frame`;
  return found.looked ? `${m.kind} (no request with this id)` : m.kind;
}

/**
 * The unreadable frame an answer answers when no request with its id is found (`active`): the frame just
 * before it from the same charger, the other way, when that one could not be read and the answer is under
 * its id or under -1 (the bench answers an unreadable frame at once, recording it first).
 */
export function useUnreadableAsked(m: MessageView, active: boolean) {
  const client = useClient();
  const [state, setState] = useState<{ m: MessageView; loading: boolean; frame: MessageView | null; error: string | null }>({ m, loading: active, frame: null, error: null });
  const answer = m.kind === 'CALLRESULT' || m.kind === 'CALLERROR';
  const run = active && answer && m.id > 1;
  useEffect(() => {
    if (!run) return setState({ m, loading: false, frame: null, error: null });
    let live = true;
    setState({ m, loading: true, frame: null, error: null });
    const filter = { chargerId: m.chargerId, from: new Date(Date.parse(m.ts) - ANSWER_WINDOW_MS).toISOString(), to: m.ts };
    client.call('messages:page', { ...filter, upToId: m.id - 1, limit: 1 }).then(
      (rows) => {
        if (!live) return;
        const before = rows[0];
        const fits = before !== undefined && before.direction !== m.direction && isUnreadable(before) && (m.messageId === NO_MESSAGE_ID || (before.messageId ?? null) === m.messageId);
        setState({ m, loading: false, frame: fits ? before : null, error: null });
      },
      (e: Error) => live && setState({ m, loading: false, frame: null, error: e.message }),
    );
    return () => void (live = false);
  }, [client, m, run]);
  return state.m === m ? state : { m, loading: run, frame: null, error: null };
}
