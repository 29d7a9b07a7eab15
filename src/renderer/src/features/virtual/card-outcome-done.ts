// Which of a connector's kept card outcomes the user is done with: they closed it, or did something else on
// the connector since. The panel shows the kept outcome (the last card that started a session there) until
// then, after a reload of the page too, as it showed it before; a newer presentation shows afresh.
import { useCallback, useState } from 'react';

const KEY = 'chargebench.virtual.cardOutcomeDone';

/** Per `chargerId/connectorId`, the `presentedAt` of the kept outcome the user is done with. */
function readAll(): Record<string, string> {
  try {
    const kept: unknown = JSON.parse(sessionStorage.getItem(KEY) ?? '{}');
    return kept && typeof kept === 'object' && !Array.isArray(kept) ? (kept as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/** The `presentedAt` of the connector's kept outcome the user is done with (null: none), and how to say they are done with one. */
export function useCardOutcomeDone(chargerId: string, connectorId: number): [string | null, (presentedAt: string | null | undefined) => void] {
  const key = `${chargerId}/${connectorId}`;
  const [done, setDone] = useState<string | null>(() => readAll()[key] ?? null);
  const markDone = useCallback(
    (presentedAt: string | null | undefined) => {
      if (!presentedAt) return;
      setDone(presentedAt);
      try {
        sessionStorage.setItem(KEY, JSON.stringify({ ...readAll(), [key]: presentedAt }));
      } catch {
        // Storage unavailable: done for as long as the page stays.
      }
    },
    [key],
  );
  return [done, markDone];
}
