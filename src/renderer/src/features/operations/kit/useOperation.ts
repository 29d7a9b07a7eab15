// Sends one operation to a charger and keeps what came back: the charger's answer, or the bench's
// refusal of the payload (with the field at fault). A form's checks join in useOperationForm. What a
// panel sent is kept per charger outside the panel (stores/operations.ts), so leaving the panel while
// the charger has not answered forgets nothing.
import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import { useClient } from '../../../api/context';
import type { OperationResult } from '../../../../../shared/api/contract';
import type { RequestOf } from '../../../../../shared/ocpp16';
import { redactPayload } from '../../../../../shared/ocpp16/redact';
import { useBench } from '../../../stores/bench';
import { clearSlot, dropSlot, idleSlot, sendOperation, useChargerSlots, useOperationSlot, type OperationSlot } from '../../../stores/operations';
import { checkPayload, type FieldErrors } from './form';
import type { OperationAction } from './actions';
import { usePanel } from './parts';
import { useReadBack } from './readBack';

export interface OperationState<A extends OperationAction = OperationAction> {
  pending: boolean;
  /** The action of the last send (its result or failure below). */
  action: A | null;
  /** What the last send sent (an AuthorizationKey value redacted). */
  request?: RequestOf<A> | null;
  result: OperationResult<A> | null;
  /**
   * The call failed: its message, the field at fault, and the HTTP-like status (4xx: the bench refused it
   * and nothing was sent; 0 or 5xx: it is not known whether the charger got it).
   */
  failure: { message: string; field?: string; status?: number } | null;
  /** The last send's name in the bench's operationChanged events: whether it is queued or sent, and when. */
  ref?: string | null;
  /** When the last send was asked for, and when its outcome came (ISO). */
  requestedAt?: string | null;
  settledAt?: string | null;
  /** Its row in the bench's record and when its CALL went out (the bench's clock), once the bench said it was sent. */
  recorded?: OperationSlot['recorded'];
  /**
   * The form above no longer shows what the last send sent (another value, or a form that is not valid now):
   * its outcome, failure or wait belongs to an earlier request. Set by useOperationForm only.
   */
  formChanged?: boolean;
}

/** Two payloads hold the same values (keys in any order; a key whose value is undefined is as good as absent). */
export function samePayload(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => samePayload(x, b[i]));
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = (o: Record<string, unknown>) => Object.keys(o).filter((k) => o[k] !== undefined);
  const kx = keys(x);
  return kx.length === keys(y).length && kx.every((k) => Object.prototype.hasOwnProperty.call(y, k) && samePayload(x[k], y[k]));
}

/**
 * Operations of the actions `A` (one action, or the few a panel sends), each answer typed by its action.
 * `slot` names what it sends, so that a panel shown again finds its last send: by default the operation
 * panel it is in (one plain useOperation per panel; useOperationForm names its action). Outside a panel
 * and without a slot, what it sent is its own and is forgotten when it unmounts.
 */
export function useOperation<A extends OperationAction = OperationAction>(chargerId: string, slot?: string) {
  const client = useClient();
  const { page } = usePanel();
  const own = useId();
  const kept = slot ?? page;
  const name = kept ?? `own:${own}`;
  const state = (useOperationSlot(client, chargerId, name) ?? idleSlot) as unknown as OperationState<A>;
  useEffect(() => (kept === undefined ? () => dropSlot(client, chargerId, name) : undefined), [kept, client, chargerId, name]);
  // An answer lost with the link to the bench: read back from its record once the link is back.
  useReadBack(chargerId, name);
  const send = useCallback(<X extends A>(action: X, payload: RequestOf<X>): Promise<OperationResult<X> | null> => sendOperation(client, chargerId, name, action, payload), [client, chargerId, name]);
  const clear = useCallback(() => clearSlot(client, chargerId, name), [client, chargerId, name]);
  return { ...state, send, clear };
}

export type Operation = ReturnType<typeof useOperation>;

/**
 * Operations of one action, each kept under its own subject (a configuration key's edit): edits of several
 * keys wait side by side (at the bench each is queued behind the call before it, as any operation), and
 * each is found again, waiting or with its outcome, when the panel is shown again.
 */
export function useOperationsBySubject<A extends OperationAction>(chargerId: string, action: A) {
  const client = useClient();
  const prefix = `${action}:`;
  const slots = useChargerSlots(client, chargerId);
  useReadBack(chargerId, prefix, true);
  const states = useMemo(() => {
    const bySubject: Record<string, OperationState<A>> = {};
    for (const [name, slot] of Object.entries(slots ?? {})) if (name.startsWith(prefix)) bySubject[name.slice(prefix.length)] = slot as unknown as OperationState<A>;
    return bySubject;
  }, [slots, prefix]);
  const send = useCallback((subject: string, payload: RequestOf<A>) => sendOperation(client, chargerId, prefix + subject, action, payload), [client, chargerId, prefix, action]);
  const clear = useCallback((subject: string) => clearSlot(client, chargerId, prefix + subject), [client, chargerId, prefix]);
  return { states, send, clear };
}

export interface FormOptions {
  /**
   * What of a payload counts when the form is compared with what was sent (applied to both): a panel leaves
   * out what it moves on by itself after a send (the next reservation id, the next list version, a bench
   * upload location renewed), so that alone does not make the last outcome stale.
   */
  compareAs?: (payload: unknown) => unknown;
}

/** A compareAs that leaves out these top-level fields. */
export const omitting =
  (...keys: string[]) =>
  (p: unknown): unknown =>
    typeof p === 'object' && p !== null ? Object.fromEntries(Object.entries(p).filter(([k]) => !keys.includes(k))) : p;

/**
 * A form around one action: its field errors (from the core's schema once the user tried to send,
 * plus the bench's refusal), `prepare()` which returns the checked payload or null, `submit()`, and the
 * confirmation step (`confirm.submit()`, `confirm.dialog` spread into ConfirmDialog).
 */
export function useOperationForm<A extends OperationAction>(chargerId: string, action: A, payload: unknown, extra?: FieldErrors, options: FormOptions = {}) {
  const op = useOperation<A>(chargerId, action);
  const [tried, setTried] = useState(false);
  const maxStackLevel = useBench((s) => s.limits[chargerId]?.maxStackLevel);
  const checked = useMemo(() => checkPayload(action, payload, { maxStackLevel }), [action, payload, maxStackLevel]);
  const local = useMemo(() => ({ ...checked.errors, ...extra }), [checked, extra]);
  const valid = Object.keys(local).length === 0;
  const benchField = op.failure?.field ? { [op.failure.field]: op.failure.message } : {};
  const errors: FieldErrors = tried ? { ...local, ...benchField } : benchField;
  const { clear, request } = op;
  // Whether the form still shows what the last send sent: compared as it was kept (an AuthorizationKey value
  // redacted, so a key typed again does not look changed); a form not valid now is not what was sent.
  // What the panel moves on by itself after a send (the next reservation id) is left out of the comparison.
  const { compareAs = (p: unknown) => p } = options;
  const formChanged = request !== undefined && request !== null && !(valid && checked.ok && samePayload(compareAs(redactPayload(checked.payload)), compareAs(request)));
  const prepare = useCallback(() => {
    setTried(true);
    if (valid && checked.ok) return checked.payload;
    // A new mistake: the answer to the last send must not stand beside it as if it were this one's.
    clear();
    return null;
  }, [valid, checked, clear]);
  const send = useCallback(
    (p: RequestOf<A> | null = checked.ok ? checked.payload : null) => {
      if (p === null) return Promise.resolve(null);
      // What was sent passed the checks: the form's messages wait for the next try (the form may change
      // under a successful send, e.g. the transaction it stopped is gone).
      setTried(false);
      return op.send(action, p);
    },
    [op, action, checked],
  );
  /** Checks the form and sends it when it is valid (operations that need no confirmation). */
  const submit = useCallback(() => {
    const p = prepare();
    if (p) void send(p);
  }, [prepare, send]);
  // The confirmation step of a disruptive operation: `submit()` opens it once the form is valid; the
  // dialog's confirm closes it and sends once.
  const [confirming, setConfirming] = useState(false);
  const confirm = {
    /** Checks the form and, when it is valid, asks before sending; `when` false sends at once (an operation disruptive only in some cases). */
    submit: (when = true) => {
      const p = prepare();
      if (!p) return;
      if (when) setConfirming(true);
      else void send(p);
    },
    dialog: {
      open: confirming,
      onCancel: () => setConfirming(false),
      onConfirm: () => {
        setConfirming(false);
        void send();
      },
    },
  };
  return { op: { ...op, formChanged }, errors, valid, prepare, send, submit, confirm };
}
