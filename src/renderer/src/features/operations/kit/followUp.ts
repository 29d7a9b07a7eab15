// What came of an accepted request that promises something from the charger: TriggerMessage (the message
// asked for) and RemoteStartTransaction (a StartTransaction). The request is read back from the bench's
// record (what was really sent, when it went out and when the answer came, on the bench's clock as the
// frames), then what the charger sent after it is looked for: in the record when the panel opens, so
// the follow-up survives leaving the panel, then in the pushed events, until the charger has had its
// time or went offline. While the link to the bench is down nothing is said missing: events may be lost.
import { useEffect, useReducer, useRef, useState } from 'react';
import { useClient } from '../../../api/context';
import type { BenchClient } from '../../../api/client';
import { useBench } from '../../../stores/bench';
import { useLastContact } from '../../../components/ChargerOfflineNotice';
import type { BenchEvent, MessageView, OperationView } from '../../../../../shared/api/views';
import type { OperationState } from './useOperation';
import { benchNow } from '../../../components/benchClock';

/** The request as the record holds it: what was sent, when it went out and when its answer came (the bench's clock). */
export type Asked = Pick<OperationView, 'id' | 'request' | 'sentAt' | 'finishedAt'>;

/** What to look for after one request: where it is found, which of it counts, and for how long after the answer. */
export interface FollowUpPlan<T> {
  /** Names what is looked for: a new key reads again. */
  key: string;
  /** What may be it, from the record (newest first or not). */
  read: (client: BenchClient) => Promise<T[]>;
  /** What of a pushed event may be it. */
  pick: (event: BenchEvent) => T | null;
  /** One identity per item (one read from the record and pushed is one). */
  id: (item: T) => string;
  /** When the bench received it (its clock). */
  at: (item: T) => string;
  /** Whether it is what the request asked for. */
  matches: (item: T) => boolean;
  /** How long after the answer it may come (ms). */
  waitMs: number;
}

export type FollowUp<T> =
  /** The request is being read back from the record. */
  | { kind: 'reading' }
  /** It came: every item that counts, oldest first (`items[0]` is the first). */
  | { kind: 'came'; asked: Asked; items: T[] }
  /** Not yet; `lastKnown`: the link to the bench is down, so it may have come unseen. */
  | { kind: 'waiting'; asked: Asked; lastKnown: { contact: string | null; why: string } | null }
  /** It did not come: the wait is over (`at`: its end), or the charger went offline (`at`: its last contact). */
  | { kind: 'missing'; asked: Asked; why: 'timeout' | 'offline'; at: string };

/** Whether the panel's last send was answered Accepted (the only answer these requests follow up). */
export function acceptedOf(op: Pick<OperationState, 'pending' | 'result'>): number | null {
  const r = op.result;
  if (op.pending || r?.outcome !== 'completed' || (r.response as { status?: unknown }).status !== 'Accepted') return null;
  return r.operationId ?? null;
}

/** When the answer came on the bench's clock (the request's time when the record has not the answer's yet). */
export const answeredAt = (asked: Asked): string => asked.finishedAt ?? asked.sentAt;

/** The end of the wait for what `asked` promised (the bench's clock, ISO). */
export const waitEnd = (asked: Asked, waitMs: number): string => new Date(Date.parse(answeredAt(asked)) + waitMs).toISOString();

/**
 * Where the follow-up stands: what came between the request going out and the end of the wait counts;
 * without it, waiting until the wait is over (`now` and `settledAt`: the bench's clock, as this window knows it) or the charger
 * went offline, or, while the link is down, waiting as last known.
 */
export function followUpOf<T>(args: {
  asked: Asked;
  items: readonly T[];
  plan: Pick<FollowUpPlan<T>, 'at' | 'matches' | 'waitMs'>;
  /** When this window got the answer, and now, on the bench's clock (benchNow). */
  settledAt: string | null;
  now: number;
  charger: { connected: boolean; lastSeen: string } | undefined;
  linkDown: { contact: string | null; why: string } | null;
}): FollowUp<T> {
  const { asked, plan } = args;
  const from = Date.parse(asked.sentAt);
  const until = Date.parse(waitEnd(asked, plan.waitMs));
  const items = args.items
    .filter((i) => {
      const t = Date.parse(plan.at(i));
      return t >= from && t <= until && plan.matches(i);
    })
    .sort((a, b) => Date.parse(plan.at(a)) - Date.parse(plan.at(b)));
  if (items.length) return { kind: 'came', asked, items };
  if (args.linkDown) return { kind: 'waiting', asked, lastKnown: args.linkDown };
  // Offline before the wait was over: it cannot come now (after it, the wait is what ended it).
  if (args.charger && !args.charger.connected)
    return Date.parse(args.charger.lastSeen) < until
      ? { kind: 'missing', asked, why: 'offline', at: args.charger.lastSeen }
      : { kind: 'missing', asked, why: 'timeout', at: new Date(until).toISOString() };
  const settled = args.settledAt ? Date.parse(args.settledAt) : Date.parse(answeredAt(asked));
  if (args.now >= settled + plan.waitMs) return { kind: 'missing', asked, why: 'timeout', at: new Date(until).toISOString() };
  return { kind: 'waiting', asked, lastKnown: null };
}

/** What may be it: read from the record for `plan.key`, then kept current from the pushed events. */
function useSightings<T>(plan: FollowUpPlan<T> | null): T[] {
  const client = useClient();
  const snapshots = useBench((s) => s.snapshots);
  const [seen, setSeen] = useState<{ key: string; items: Map<string, T> } | null>(null);
  const planRef = useRef(plan);
  planRef.current = plan;
  const key = plan?.key ?? null;
  useEffect(() => {
    const p = planRef.current;
    if (key === null || !p) return;
    let live = true;
    // The newer of two copies of one item (a transaction started, then stopped) stands.
    const add = (items: T[]) => {
      if (!items.length) return;
      setSeen((s) => {
        const kept = new Map(s?.key === key ? s.items : []);
        for (const i of items) kept.set(p.id(i), i);
        return { key, items: kept };
      });
    };
    const off = client.subscribe((events) => add(events.flatMap((e) => p.pick(e) ?? [])));
    p.read(client).then(
      // Read before events that came since: a pushed copy is not replaced by the record's older one.
      (items) => live && setSeen((s) => ({ key, items: new Map([...items.map((i) => [p.id(i), i] as const), ...(s?.key === key ? s.items : [])]) })),
      // Unread, what is pushed from now on is still followed.
      () => undefined,
    );
    return () => {
      live = false;
      off();
    };
  }, [client, key, snapshots]);
  return seen && seen.key === key ? [...seen.items.values()] : [];
}

/**
 * The follow-up of the panel's last send, once the charger accepted it: `record` is the panel's recorded
 * operations of its action (useRecordedOperations), where the request is found; `planOf` says what to
 * look for after it. Null when there is nothing to follow (no send, or another answer).
 */
export function useFollowUp<T>(
  chargerId: string,
  op: Pick<OperationState, 'pending' | 'result' | 'settledAt'>,
  record: { list: readonly OperationView[]; loaded: boolean; reload: () => void },
  planOf: (asked: Asked) => FollowUpPlan<T>,
): FollowUp<T> | null {
  const operationId = acceptedOf(op);
  const asked = operationId === null ? undefined : record.list.find((o) => o.id === operationId);
  // Read, and not in it: its operationFinished event may have been missed (or come before the panel looked): read once more.
  const { reload } = record;
  const missing = operationId !== null && record.loaded && !asked;
  useEffect(() => {
    if (missing) reload();
  }, [missing, operationId, reload]);
  const plan = asked ? planOf(asked) : null;
  const items = useSightings(plan);
  const charger = useBench((s) => s.chargers[chargerId]);
  const { reach, contact, why } = useLastContact(chargerId);
  const [, tick] = useReducer((n: number) => n + 1, 0);
  const state = asked && plan ? followUpOf({ asked, items, plan, settledAt: op.settledAt ?? null, now: benchNow(), charger, linkDown: reach.linkDown ? { contact, why } : null }) : null;
  // The wait ends on its own: shown missing at its end, not at the next event.
  const endsAt = state?.kind === 'waiting' && plan ? Date.parse(op.settledAt ?? answeredAt(state.asked)) + plan.waitMs : null;
  useEffect(() => {
    if (endsAt === null) return;
    const t = setTimeout(tick, Math.max(0, endsAt - benchNow()) + 50);
    return () => clearTimeout(t);
  }, [endsAt]);
  if (operationId === null) return null;
  return state ?? { kind: 'reading' };
}

/** A frame's payload: [2, id, action, payload] of a CALL; null when it is not one. */
export function callPayload(m: Pick<MessageView, 'raw'>): Record<string, unknown> | null {
  try {
    const frame: unknown = JSON.parse(m.raw);
    const payload = Array.isArray(frame) ? (frame[3] as unknown) : null;
    return payload && typeof payload === 'object' && !Array.isArray(payload) ? (payload as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** A frame the charger sent, as followed: with its payload. */
export type FrameSeen = Omit<MessageView, 'id'> & { payload: Record<string, unknown> | null };

/**
 * Frames of `action` the charger sent (CALLs) between `from` and `to` (the bench's clock): from the
 * record's message log, then as they are pushed.
 */
export function framesOf(chargerId: string, action: string, from: string, to: string): Pick<FollowUpPlan<FrameSeen>, 'read' | 'pick' | 'id' | 'at'> {
  const isIt = (m: Omit<MessageView, 'id'>) => m.chargerId === chargerId && m.direction === 'in' && m.kind === 'CALL' && m.action === action;
  const seen = (m: Omit<MessageView, 'id'>): FrameSeen => ({ ...m, payload: callPayload(m) });
  return {
    read: async (client) => (await client.call('messages:page', { chargerId, actions: [action], direction: 'in', kinds: ['CALL'], from, to, limit: FRAMES_READ })).filter(isIt).map(seen),
    pick: (e) => (e.type === 'frameLogged' && isIt(e.message) ? seen(e.message) : null),
    id: (m) => `${m.ts}|${m.messageId ?? m.raw}`,
    at: (m) => m.ts,
  };
}

/** Frames of the action read back from the wait: a charger's every connector, and more. */
const FRAMES_READ = 200;
