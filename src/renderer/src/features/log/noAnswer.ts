// What the record knows about a CALL that got no answer in the minute searched: the bench's operation
// it was (sent by the bench: its recorded outcome, a timeout only when the record says so), and the
// charger's connection closing after it (the connection record). Nothing is claimed that the record
// does not hold: without either, it says no answer is recorded, and how long it has been (read again
// when the answer, the operation's end or a disconnect comes while it is shown: FrameDetail's useLiveAnswer).
import { useEffect, useState } from 'react';
import { useClient } from '../../api/context';
import { framePayload } from '../../../../shared/api/frame-payload';
import { formatDuration } from '../../../../shared/format/time';
import type { ConnectionAttemptView, MessageView, OperationView } from '../../../../shared/api/views';

/** How far after a CALL its answer is looked for (and a disconnect reported without an operation). */
export const ANSWER_WINDOW_MS = 60_000;
/** The longest a bench operation waits (the callTimeout setting's most). */
const LONGEST_CALL_MS = 3_600_000;
const FIRST_LOOK = 500;
const SECOND_LOOK = 10_000;

export interface NoAnswerFacts {
  /** The bench's operation this CALL was, when the record holds it. */
  operation: OperationView | null;
  /** The operations read reach back far enough that "no operation" is known (false: not looked, or not far enough). */
  operationsCovered: boolean;
  /** The charger's connection closing (or replaced) after the CALL, the first such on record. */
  closed: ConnectionAttemptView | null;
}

const ms = (iso: string) => Date.parse(iso);

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * The operation a CALL the bench sent was: same charger and action, the same request, started no later
 * than the frame and not finished before it. A charger has one call outstanding at a time, so of those the
 * one finishing first after the frame is it (one finishing at the frame's very millisecond is the call
 * before it, which let this one go).
 */
export function operationOf(m: MessageView, operations: readonly OperationView[]): OperationView | null {
  if (m.kind !== 'CALL' || m.direction !== 'out') return null;
  const t = ms(m.ts);
  const payload = framePayload(m);
  const fits = operations.filter((o) => o.chargerId === m.chargerId && o.action === m.action && ms(o.sentAt) <= t && (o.finishedAt === null || ms(o.finishedAt) >= t) && sameJson(o.request, payload));
  const end = (o: OperationView) => (o.finishedAt === null ? Infinity : ms(o.finishedAt));
  const after = fits.filter((o) => end(o) > t);
  const pool = after.length ? after : fits;
  return pool.reduce<OperationView | null>((best, o) => (best === null || end(o) < end(best) || (end(o) === end(best) && o.id < best.id) ? o : best), null);
}

/** Whether operations listed newest first (`limit` asked) reach back past any that could be this frame's. */
export function operationsReach(m: MessageView, operations: readonly OperationView[], limit: number): boolean {
  return operations.length < limit || ms(operations.at(-1)!.sentAt) < ms(m.ts) - LONGEST_CALL_MS;
}

/** The charger's first disconnect after the frame in connection attempts listed newest first; undefined when the list does not reach back to the frame. */
export function closedAfter(m: MessageView, attempts: readonly ConnectionAttemptView[], limit: number): ConnectionAttemptView | null | undefined {
  const t = ms(m.ts);
  if (attempts.length >= limit && ms(attempts.at(-1)!.ts) >= t) return undefined;
  const closes = attempts.filter((a) => a.chargerId === m.chargerId && (a.outcome === 'closed' || a.outcome === 'replaced') && ms(a.ts) >= t);
  return closes.reduce<ConnectionAttemptView | null>((first, a) => (first === null || ms(a.ts) < ms(first.ts) || (a.ts === first.ts && a.id < first.id) ? a : first), null);
}

/** A time between two frames: "850 ms", "2.0 s", "12 min 05 s". */
export function elapsed(d: number): string {
  if (d < 1000) return `${Math.max(0, Math.round(d))} ms`;
  if (d < 60_000) return `${(d / 1000).toFixed(1)} s`;
  return formatDuration(d);
}

const outcomeWords: Record<string, string> = {
  timeout: 'timed out',
  offline: 'ended without an answer',
  invalidResponse: 'got a malformed answer',
  callError: 'got a CALLERROR',
  completed: 'was answered',
};

function errorText(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const e = error as { code?: unknown; description?: unknown };
  const description = typeof e.description === 'string' ? e.description : null;
  return typeof e.code === 'string' ? `${e.code}${description ? `: ${description}` : ''}` : description;
}

/**
 * What to say about a CALL without a well-formed answer found, line by line. `now`: when it was looked at;
 * `malformed`: the unreadable frame recorded as its answer (isMalformedAnswer), when there is one.
 */
export function noAnswerLines(m: MessageView, facts: NoAnswerFacts, now: number, malformed: MessageView | null = null): string[] {
  const t = ms(m.ts);
  const from = m.direction === 'out' ? 'the charger' : 'the bench';
  const age = now - t;
  const lines = malformed
    ? [`A malformed answer from ${from} is recorded ${elapsed(ms(malformed.ts) - t)} after this request: log entry #${malformed.id}.`]
    : [age < ANSWER_WINDOW_MS ? `No answer recorded yet: ${elapsed(Math.max(0, age))} since this request.` : `No answer from ${from} recorded in the minute after this request.`];
  const op = facts.operation;
  if (op) {
    const name = `The bench's operation #${op.id} (${op.action})`;
    if (op.finishedAt === null || op.outcome === null) lines.push(`${name} has no outcome on record.`);
    else {
      const why = op.outcome === 'completed' ? null : errorText(op.error);
      lines.push(`${name} ${outcomeWords[op.outcome] ?? `ended as ${op.outcome}`} ${elapsed(ms(op.finishedAt) - t)} after this request${why ? `: ${why}` : ''}.`);
    }
  } else if (m.direction === 'out' && facts.operationsCovered) lines.push('No operation of the bench on record matches this request.');
  // A disconnect is told while it bears on the answer: within the minute searched, or before the operation ended.
  const horizon = t + Math.max(ANSWER_WINDOW_MS, op?.finishedAt ? ms(op.finishedAt) - t + 1000 : 0);
  const c = facts.closed;
  // Not told twice: an operation ended by this disconnect already gives its reason.
  const told = c?.reason && op?.outcome === 'offline' && (errorText(op.error) ?? '').includes(c.reason);
  if (c && ms(c.ts) <= horizon && !told) {
    const how = c.outcome === 'replaced' ? 'was replaced by a new connection' : 'closed';
    lines.push(`The charger's connection ${how} ${elapsed(ms(c.ts) - t)} after this request${c.reason ? `: ${c.reason}` : ''}.`);
  }
  return lines;
}

/**
 * Whether `f` is an answer to the request `m` that could not be read: an invalid frame from the same
 * charger, the other way, logged after it, whose text starts as a CALLRESULT or CALLERROR of the
 * request's message id (`[3,"<id>"` or `[4,"<id>"`).
 */
export function isMalformedAnswer(m: MessageView, f: Omit<MessageView, 'id'> & { id?: number }): boolean {
  // A frame logged live comes without its log entry: its time says it came after.
  const after = f.id === undefined ? f.ts >= m.ts : f.id > m.id;
  if (m.kind !== 'CALL' || !m.messageId || f.kind !== 'INVALID' || f.chargerId !== m.chargerId || f.direction === m.direction || !after) return false;
  const start = /^\s*\[\s*[34]\s*,\s*/.exec(f.raw);
  return start !== null && f.raw.startsWith(JSON.stringify(m.messageId), start[0].length);
}

/**
 * The first malformed answer to a request recorded in the minute after it (or up to `until`, when an
 * answer was logged live later), read when `active`; again on a new `reread`.
 */
export function useMalformedAnswer(m: MessageView, active: boolean, until: string | null, reread = 0) {
  const client = useClient();
  const [state, setState] = useState<{ m: MessageView; loading: boolean; frame: MessageView | null; error: string | null }>({ m, loading: active, frame: null, error: null });
  useEffect(() => {
    if (!active || !m.messageId) return setState({ m, loading: false, frame: null, error: null });
    let live = true;
    setState((s) => (s.m === m && !s.loading ? s : { m, loading: true, frame: null, error: null }));
    const t = ms(m.ts);
    const filter = {
      chargerId: m.chargerId,
      kinds: ['INVALID' as const],
      search: JSON.stringify(m.messageId),
      from: m.ts,
      to: new Date(Math.max(t + ANSWER_WINDOW_MS, until ? ms(until) : 0)).toISOString(),
    };
    client.call('messages:page', { ...filter, limit: 20 }).then(
      // Newest first: the first after the request is the last that fits.
      (rows) => live && setState({ m, loading: false, frame: rows.filter((f) => isMalformedAnswer(m, f)).at(-1) ?? null, error: null }),
      (e: Error) => live && setState({ m, loading: false, frame: null, error: e.message }),
    );
    return () => void (live = false);
  }, [client, m, active, until, reread]);
  return state.m === m ? state : { m, loading: active, frame: null, error: null };
}

/**
 * Reads what the record knows about a CALL that got no answer; `active` false reads nothing. A new `reread`
 * (something bearing on it happened live) reads it again, the facts read before staying until then. The
 * words are for the caller to make with the time it shows them at (noAnswerLines), so "since" stays true.
 */
export function useNoAnswer(m: MessageView, active: boolean, reread = 0) {
  const client = useClient();
  const [state, setState] = useState<{ m: MessageView; loading: boolean; facts: NoAnswerFacts | null; error: string | null }>({ m, loading: active, facts: null, error: null });
  useEffect(() => {
    if (!active) return setState({ m, loading: false, facts: null, error: null });
    let live = true;
    // Another frame starts afresh; the same one read again keeps what it says until the new reading is in.
    setState((s) => (s.m === m && s.facts ? s : { m, loading: true, facts: null, error: null }));
    const operations = async (): Promise<Pick<NoAnswerFacts, 'operation' | 'operationsCovered'>> => {
      if (m.direction !== 'out') return { operation: null, operationsCovered: false };
      for (const limit of [FIRST_LOOK, SECOND_LOOK]) {
        const list = await client.call('operations:list', { chargerId: m.chargerId, limit });
        const operation = operationOf(m, list);
        const covered = operationsReach(m, list, limit);
        if (operation || covered || limit === SECOND_LOOK) return { operation, operationsCovered: covered };
      }
      return { operation: null, operationsCovered: false };
    };
    const closed = async (): Promise<ConnectionAttemptView | null> => {
      for (const limit of [FIRST_LOOK, SECOND_LOOK]) {
        const found = closedAfter(m, await client.call('connectionAttempts:list', { limit }), limit);
        if (found !== undefined) return found;
      }
      return null;
    };
    Promise.all([operations(), closed()]).then(
      ([ops, close]) => live && setState({ m, loading: false, facts: { ...ops, closed: close }, error: null }),
      (e: Error) => live && setState({ m, loading: false, facts: { operation: null, operationsCovered: false, closed: null }, error: `What happened to it could not be read: ${e.message}` }),
    );
    return () => void (live = false);
  }, [client, m, active, reread]);
  // Until the effect has run for a newly picked frame, the last one's facts are not this one's.
  return state.m === m ? state : { m, loading: active, facts: null, error: null };
}
