// The chargers' operations on their way (the live picture's `inFlight`), as their operationChanged events
// tell it.
import type { OperationProgressView } from '../../../shared/api/views';

/**
 * The chargers' operations on their way with one's news applied: added or updated while queued or sent,
 * gone once finished. A charger has one call out at a time: one sent ends the one sent before it (whose
 * end may be announced just after, or was missed).
 */
export function withProgress(inFlight: Record<string, OperationProgressView[]>, op: OperationProgressView): Record<string, OperationProgressView[]> {
  const list = inFlight[op.chargerId] ?? [];
  const others = list.filter((o) => o.ref !== op.ref);
  if (op.state === 'finished') {
    if (others.length === list.length) return inFlight;
    const next = { ...inFlight };
    if (others.length) next[op.chargerId] = others;
    else delete next[op.chargerId];
    return next;
  }
  // The one sent goes first; the rest keep the order they were queued in.
  const at = list.findIndex((o) => o.ref === op.ref);
  const updated = at < 0 ? [...list, op] : list.map((o, i) => (i === at ? op : o));
  const sorted = op.state === 'sent' ? [op, ...updated.filter((o) => o.ref !== op.ref && o.state !== 'sent')] : updated;
  return { ...inFlight, [op.chargerId]: sorted };
}
