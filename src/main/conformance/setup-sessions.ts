// The sessions a run's setup ended (before its first case or step): those running on the charger when the
// run began that the bench stopped with RemoteStopTransaction and that ended (their StopTransaction came).
// A session the setup could not stop is among its problems instead (restorePreconditions).
import type { SeenFrame } from './frames';
import type { SessionEndedInSetup } from '../../shared/api/setup-ended';

type Open = { transactionId: number; connectorId: number; idTag: string };

/** A frame's payload (a CALL's or a result's), {} when it cannot be read. */
export const payloadOf = (f: Pick<SeenFrame, 'raw' | 'kind'>): Record<string, unknown> => {
  try {
    const parsed = JSON.parse(f.raw) as unknown[];
    const p = parsed[f.kind === 'CALL' ? 3 : 2];
    return p && typeof p === 'object' ? (p as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};

/**
 * Of `open` (running when the setup began), those the setup's frames (`frames`, since it began) show the bench
 * sending RemoteStopTransaction for, and no longer in `stillOpen`; ended when their StopTransaction came (the
 * bench's clock), or, with none seen, when the stop was sent.
 */
export function sessionsEndedInSetup(open: Open[], stillOpen: Open[], frames: SeenFrame[]): SessionEndedInSetup[] {
  const calls = frames.filter((f) => f.kind === 'CALL');
  return open.flatMap((t) => {
    if (stillOpen.some((o) => o.transactionId === t.transactionId)) return [];
    const of = (f: SeenFrame) => payloadOf(f).transactionId === t.transactionId;
    const sent = calls.find((f) => f.direction === 'out' && f.action === 'RemoteStopTransaction' && of(f));
    if (!sent) return [];
    const stop = calls.find((f) => f.direction === 'in' && f.action === 'StopTransaction' && of(f));
    return [{ transactionId: t.transactionId, connectorId: t.connectorId, idTag: t.idTag, endedAt: (stop ?? sent).ts }];
  });
}
