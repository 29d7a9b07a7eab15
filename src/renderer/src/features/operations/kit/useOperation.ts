// Sends one operation to a charger and keeps what came back: the charger's answer, or the bench's
// refusal of the payload (with the field at fault). A form's checks join in useOperationForm.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useClient } from '../../../api/context';
import { CallFailure } from '../../../api/client';
import type { OperationResult } from '../../../../../shared/api/contract';
import type { RequestOf } from '../../../../../shared/ocpp16';
import { useBench } from '../../../stores/bench';
import { checkPayload, type FieldErrors } from './form';
import type { OperationAction } from './actions';

export interface OperationState<A extends OperationAction = OperationAction> {
  pending: boolean;
  /** The action of the last send (its result or failure below). */
  action: A | null;
  result: OperationResult<A> | null;
  /**
   * The call failed: its message, the field at fault, and the HTTP-like status (4xx: the bench refused it
   * and nothing was sent; 0 or 5xx: it is not known whether the charger got it).
   */
  failure: { message: string; field?: string; status?: number } | null;
}

const idle = { pending: false, action: null, result: null, failure: null } as const;

/** Operations of the actions `A` (one action, or the few a panel sends), each answer typed by its action. */
export function useOperation<A extends OperationAction = OperationAction>(chargerId: string) {
  const client = useClient();
  const [state, setState] = useState<OperationState<A>>(idle);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => void (mounted.current = false);
  }, []);
  const send = useCallback(
    async <X extends A>(action: X, payload: RequestOf<X>): Promise<OperationResult<X> | null> => {
      setState({ pending: true, action, result: null, failure: null });
      try {
        const result = await client.operate<X>({ chargerId, action, payload });
        if (mounted.current) setState({ pending: false, action, result, failure: null });
        return result;
      } catch (e) {
        const failure = e instanceof CallFailure ? { message: e.message, field: e.field, status: e.status } : { message: e instanceof Error ? e.message : String(e) };
        if (mounted.current) setState({ pending: false, action, result: null, failure });
        return null;
      }
    },
    [client, chargerId],
  );
  const clear = useCallback(() => setState(idle), []);
  return { ...state, send, clear };
}

export type Operation = ReturnType<typeof useOperation>;

/**
 * A form around one action: its field errors (from the core's schema once the user tried to send,
 * plus the bench's refusal), `prepare()` which returns the checked payload or null, `submit()`, and the
 * confirmation step (`confirm.submit()`, `confirm.dialog` spread into ConfirmDialog).
 */
export function useOperationForm<A extends OperationAction>(chargerId: string, action: A, payload: unknown, extra?: FieldErrors) {
  const op = useOperation<A>(chargerId);
  const [tried, setTried] = useState(false);
  const maxStackLevel = useBench((s) => s.limits[chargerId]?.maxStackLevel);
  const checked = useMemo(() => checkPayload(action, payload, { maxStackLevel }), [action, payload, maxStackLevel]);
  const local = useMemo(() => ({ ...checked.errors, ...extra }), [checked, extra]);
  const valid = Object.keys(local).length === 0;
  const benchField = op.failure?.field ? { [op.failure.field]: op.failure.message } : {};
  const errors: FieldErrors = tried ? { ...local, ...benchField } : benchField;
  const { clear } = op;
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
  return { op, errors, valid, prepare, send, submit, confirm };
}
