// Runs bench calls from a component: pending state, the error in plain words, and no state updates
// after unmount.
import { useCallback, useEffect, useRef, useState } from 'react';
import { CallFailure } from '../api/client';

export interface CallState<T> {
  pending: boolean;
  error: string | null;
  field: string | null;
  value: T | null;
}

export function useCall<A extends unknown[], T>(run: (...args: A) => Promise<T>) {
  const [state, setState] = useState<CallState<T>>({ pending: false, error: null, field: null, value: null });
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => void (mounted.current = false);
  }, []);
  const go = useCallback(
    async (...args: A): Promise<T | undefined> => {
      setState((s) => ({ ...s, pending: true, error: null, field: null }));
      try {
        const value = await run(...args);
        if (mounted.current) setState({ pending: false, error: null, field: null, value });
        return value;
      } catch (e) {
        if (mounted.current) setState({ pending: false, error: e instanceof Error ? e.message : String(e), field: e instanceof CallFailure ? (e.field ?? null) : null, value: null });
        return undefined;
      }
    },
    [run],
  );
  const reset = useCallback(() => setState({ pending: false, error: null, field: null, value: null }), []);
  return [state, go, reset] as const;
}

/** For useLoad: a load that is not to run yet (e.g. before the first snapshot); the screen stays loading until its deps change. */
export const notYet = (): Promise<never> => new Promise(() => undefined);

/** Loads data for a screen and reloads when `deps` change; `reload()` fetches again on demand. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): { data: T | null; error: string | null; loading: boolean; reload: () => void } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setLoading(true);
    load().then(
      (d) => {
        if (!live) return;
        setData(d);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (!live) return;
        setError(e instanceof Error ? e.message : String(e));
        setLoading(false);
      },
    );
    return () => void (live = false);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  return { data, error, loading, reload: useCallback(() => setTick((t) => t + 1), []) };
}
