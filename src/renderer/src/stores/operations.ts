// What each operation panel last sent to each charger, kept outside the panel: a person who leaves a
// panel while its operation waits for the charger (or waits its turn behind another call) finds it still
// waiting when they come back, or finds its outcome, however long they were away. The send's own promise
// settles it here, whether or not a panel shows it; the bench's operationChanged events (stores/bench.ts,
// `inFlight`) say meanwhile whether it is queued or sent, by the `ref` the send gave the bench.
import { create } from 'zustand';
import { CallFailure, type BenchClient } from '../api/client';
import type { OperateArgs } from '../../../shared/api/contract';
import type { OperationResult } from '../../../shared/api/views';
import type { CentralSystemAction, RequestOf } from '../../../shared/ocpp16';
import { redactPayload } from '../../../shared/ocpp16/redact';
import { benchNow } from '../components/benchClock';

export interface OperationFailure {
  message: string;
  field?: string;
  status?: number;
}

/** One panel's last send to one charger. */
export interface OperationSlot {
  pending: boolean;
  action: CentralSystemAction | null;
  /** What was sent (any AuthorizationKey value redacted): the value tried, the key set, for the words. */
  request: unknown;
  result: OperationResult | null;
  failure: OperationFailure | null;
  /** The name the bench's operationChanged events carry for this send. */
  ref: string | null;
  /** When it was asked for and when its outcome came (this window's clock, ISO; an outcome read back from the record: the bench's). */
  requestedAt: string | null;
  settledAt: string | null;
  /**
   * Its row in the bench's record and when its CALL went out (the bench's clock), as its operationChanged
   * events said while it waited: where its outcome is read back when the call's own answer was lost with
   * the link to the bench. Null until the bench said it was sent.
   */
  recorded: { operationId: number; sentAt: string } | null;
}

export const idleSlot: OperationSlot = { pending: false, action: null, request: null, result: null, failure: null, ref: null, requestedAt: null, settledAt: null, recorded: null };

/**
 * Per charger, per slot (a panel's action, or a hook's own name while it is mounted), for the client
 * they were sent with: what was sent over another link to a bench (another client) is not this one's.
 */
export const useOperationSlots = create<{ client: BenchClient | null; slots: Record<string, Record<string, OperationSlot>> }>(() => ({ client: null, slots: {} }));

const put = (client: BenchClient, chargerId: string, slot: string, state: OperationSlot | null) =>
  useOperationSlots.setState((s) => {
    const slots = s.client === client ? s.slots : {};
    const mine = { ...slots[chargerId] };
    if (state) mine[slot] = state;
    else delete mine[slot];
    return { client, slots: { ...slots, [chargerId]: mine } };
  });

/** A slot's state as sent with `client`. */
export const slotOf = (client: BenchClient, chargerId: string, slot: string): OperationSlot | undefined => {
  const s = useOperationSlots.getState();
  return s.client === client ? s.slots[chargerId]?.[slot] : undefined;
};

/** A charger's slots as sent with `client` (none, or no client: undefined), in a component. */
export const useChargerSlots = (client: BenchClient | null, chargerId: string): Record<string, OperationSlot> | undefined =>
  useOperationSlots((s) => (client && s.client === client ? s.slots[chargerId] : undefined));

/** Reads a slot in a component: undefined when nothing was sent from it with this client. */
export const useOperationSlot = (client: BenchClient, chargerId: string, slot: string): OperationSlot | undefined =>
  useOperationSlots((s) => (s.client === client ? s.slots[chargerId]?.[slot] : undefined));

let sends = 0;
/** A name for one send, unique in this window and, with the time and a random part, among windows. */
const newRef = () => `ui-${Date.now().toString(36)}-${(++sends).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/**
 * Sends an operation on behalf of `slot` and keeps what comes of it there. Resolves with the result, or
 * null when the call failed (the failure is kept).
 */
export async function sendOperation<A extends CentralSystemAction>(client: BenchClient, chargerId: string, slot: string, action: A, payload: RequestOf<A>): Promise<OperationResult<A> | null> {
  const ref = newRef();
  put(client, chargerId, slot, { ...idleSlot, pending: true, action, request: redactPayload(payload), ref, requestedAt: new Date(benchNow()).toISOString() });
  // Only this send's own slot is settled: one forgotten since (a hook's own slot, unmounted) or sent again stays as it is.
  const settle = (patch: Pick<OperationSlot, 'result' | 'failure'>) => {
    const now = slotOf(client, chargerId, slot);
    if (now?.ref === ref) put(client, chargerId, slot, { ...now, ...patch, pending: false, settledAt: new Date(benchNow()).toISOString() });
  };
  // Its row in the record once sent: should the link to the bench be lost before the answer, the outcome is read back from there.
  const offEvents = client.subscribe((events) => {
    for (const e of events) {
      if (e.type !== 'operationChanged' || e.operation.ref !== ref || e.operation.operationId === null || e.operation.sentAt === null) continue;
      const now = slotOf(client, chargerId, slot);
      if (now?.ref === ref && !now.recorded) put(client, chargerId, slot, { ...now, recorded: { operationId: e.operation.operationId, sentAt: e.operation.sentAt } });
    }
  });
  try {
    const result = await client.operate<A>({ chargerId, action, payload, ref } as OperateArgs<A>);
    settle({ result, failure: null });
    return result;
  } catch (e) {
    settle({ result: null, failure: e instanceof CallFailure ? { message: e.message, field: e.field, status: e.status } : { message: e instanceof Error ? e.message : String(e) } });
    return null;
  } finally {
    offEvents();
  }
}

/**
 * Settles a send whose call failed where it may have reached the charger (the link to the bench lost) with
 * its outcome as the bench's record holds it (`at`: when it ended, the bench's clock). Only that send (`ref`),
 * and only while it still stands failed.
 */
export function settleFromRecord(client: BenchClient, chargerId: string, slot: string, ref: string, result: OperationResult, at: string): void {
  const now = slotOf(client, chargerId, slot);
  if (now?.ref === ref && !now.pending && now.failure) put(client, chargerId, slot, { ...now, result, failure: null, settledAt: at });
}

/** Forgets a slot's last outcome; one still waiting is kept (its answer is still to come, and must be shown). */
export function clearSlot(client: BenchClient, chargerId: string, slot: string): void {
  const now = slotOf(client, chargerId, slot);
  if (now && !now.pending) put(client, chargerId, slot, null);
}

/** Forgets a slot whatever its state (a hook's own slot, when it unmounts). */
export function dropSlot(client: BenchClient, chargerId: string, slot: string): void {
  if (slotOf(client, chargerId, slot)) put(client, chargerId, slot, null);
}

/**
 * What a panel made of its operations' answers, kept beside them per charger (the configuration table
 * merged from several reads), for the client they came with: found again when the panel is shown again.
 */
export const usePanelKept = create<{ client: BenchClient | null; kept: Record<string, Record<string, unknown>> }>(() => ({ client: null, kept: {} }));

/** Keeps `value` as `name` for a charger (a new client forgets what the last one kept). */
export function keepFor(client: BenchClient, chargerId: string, name: string, value: unknown): void {
  usePanelKept.setState((s) => {
    const kept = s.client === client ? s.kept : {};
    return { client, kept: { ...kept, [chargerId]: { ...kept[chargerId], [name]: value } } };
  });
}

/** What was kept as `name` for a charger with this client, in a component (undefined: nothing). */
export const useKept = <T>(client: BenchClient, chargerId: string, name: string): T | undefined =>
  usePanelKept((s) => (s.client === client ? (s.kept[chargerId]?.[name] as T | undefined) : undefined));
