// The charger's reservations as the bench knows them: the ReserveNow operations it accepted and the
// CancelReservation ones it accepted (sent from any face), against the connectors' statuses and the
// sessions running now. Not what a panel sent while it was open: a reservation ends on its own (expiry,
// a session using it, the charger ending it) and nothing says so but the connector's status.
import type { ConnectorView, OperationView, TransactionView } from '../../../../../shared/api/views';

export type ReservationState =
  /** The connector is Reserved: it holds. */
  | 'active'
  /** Accepted, but the charger has not reported the connector Reserved since: it may hold. */
  | 'unconfirmed'
  /** Past its expiry. */
  | 'expired'
  /** A session started with it. */
  | 'used'
  /** The connector is no longer Reserved: used, or ended by the charger. */
  | 'ended'
  /** Cancelled with CancelReservation. */
  | 'cancelled';

export interface Reservation {
  reservationId: number;
  connectorId: number;
  idTag: string;
  expiryDate: string;
  /** When the charger accepted it (the bench's clock). */
  madeAt: string;
  state: ReservationState;
  /** Since when it is in that state, when known: the cancel, the expiry, the connector's new status. */
  since: string | null;
  /** What tells, in words: "connector 2 is Available". */
  why: string;
}

/** A reservation that may still hold: one that can be cancelled. */
export const mayHold = (r: Pick<Reservation, 'state'>): boolean => r.state === 'active' || r.state === 'unconfirmed';

interface Made {
  reservationId: number;
  connectorId: number;
  idTag: string;
  expiryDate: string;
  madeAt: string;
  cancelledAt: string | null;
}

const accepted = (op: OperationView): boolean => op.outcome === 'completed' && (op.response as { status?: unknown } | null | undefined)?.status === 'Accepted';
const time = (iso: string | null | undefined): number => (iso ? Date.parse(iso) : NaN);

/**
 * The reservations of one charger, newest first: from `ops` (its ReserveNow and CancelReservation
 * operations, in any order), its connectors' statuses and the running sessions, at `now`.
 */
export function reservationsOf(ops: readonly OperationView[], connectors: readonly ConnectorView[], running: readonly TransactionView[], now: number): Reservation[] {
  const made = new Map<number, Made>();
  for (const op of [...ops].sort((a, b) => a.id - b.id)) {
    if (!accepted(op)) continue;
    const at = op.finishedAt ?? op.sentAt;
    const req = op.request as Partial<Made> | null;
    if (typeof req?.reservationId !== 'number') continue;
    if (op.action === 'ReserveNow' && typeof req.connectorId === 'number' && typeof req.expiryDate === 'string') {
      // The same id again replaces that reservation (OCPP 1.6).
      made.set(req.reservationId, { reservationId: req.reservationId, connectorId: req.connectorId, idTag: String(req.idTag ?? ''), expiryDate: req.expiryDate, madeAt: at, cancelledAt: null });
    } else if (op.action === 'CancelReservation') {
      const r = made.get(req.reservationId);
      if (r && !r.cancelledAt) r.cancelledAt = at;
    }
  }
  const list = [...made.values()].sort((a, b) => time(b.madeAt) - time(a.madeAt));
  // Per connector, the newest reservation made: one made before it there has ended (a charger takes no second).
  const newestOn = new Map<number, number>();
  for (const r of list) if (!r.cancelledAt && !newestOn.has(r.connectorId)) newestOn.set(r.connectorId, r.reservationId);
  // Those of one connector first: a connector Reserved is theirs before it is one of any connector's (OCPP
  // 1.6: a reservation of connector 0 reserves no connector in particular, it keeps one free for its idTag).
  const shown = new Map<Made, Reservation>();
  for (const r of list) if (r.connectorId !== 0) shown.set(r, stateOf(r, newestOn, connectors, running, now));
  const holding = [...shown.values()].filter(mayHold);
  const heldBy = new Map(holding.flatMap((h) => (h.state === 'active' ? [[h.connectorId, h.reservationId] as const] : [])));
  for (const r of list) if (r.connectorId === 0) shown.set(r, anyConnectorState(r, stateOf(r, newestOn, connectors, running, now), holding, heldBy, connectors));
  return list.map((r) => shown.get(r)!);
}

/** A reservation's state from what tells of it alone; one of any connector is `unconfirmed` when nothing else settles it. */
function stateOf(r: Made, newestOn: Map<number, number>, connectors: readonly ConnectorView[], running: readonly TransactionView[], now: number): Reservation {
  const base = { reservationId: r.reservationId, connectorId: r.connectorId, idTag: r.idTag, expiryDate: r.expiryDate, madeAt: r.madeAt };
  if (r.cancelledAt) return { ...base, state: 'cancelled', since: r.cancelledAt, why: 'cancelled with CancelReservation' };
  const session = running.find((t) => t.reservationId === r.reservationId);
  if (session) return { ...base, state: 'used', since: session.receivedAt ?? session.startTime, why: `transaction ${session.transactionId} of ${session.idTag} started with it` };
  if (time(r.expiryDate) <= now) return { ...base, state: 'expired', since: r.expiryDate, why: 'its expiry has passed' };
  if (newestOn.get(r.connectorId) !== r.reservationId) return { ...base, state: 'ended', since: null, why: `a later reservation was made on connector ${r.connectorId}` };
  if (r.connectorId === 0) return { ...base, state: 'unconfirmed', since: null, why: 'a reservation of any connector: no connector is reported Reserved' };
  const c = connectors.find((x) => x.connectorId === r.connectorId);
  if (c?.status === 'Reserved') return { ...base, state: 'active', since: c.updatedAt, why: `connector ${r.connectorId} is Reserved` };
  // A status reported after the reservation was accepted, and not Reserved: it no longer holds (at its
  // expiry, the charger's word came before this window's clock passed it).
  if (c && time(c.updatedAt) >= time(r.expiryDate)) return { ...base, state: 'expired', since: r.expiryDate, why: 'its expiry has passed' };
  if (c && time(c.updatedAt) >= time(r.madeAt))
    return { ...base, state: 'ended', since: c.updatedAt, why: `connector ${r.connectorId} is ${c.status}: the reservation was used or ended by the charger` };
  return { ...base, state: 'unconfirmed', since: null, why: `the charger has not reported connector ${r.connectorId} Reserved since it accepted` };
}

/**
 * A reservation of any connector (connector 0) that may hold, against those of one connector that may hold
 * (`holding`, the Reserved connectors `heldBy` theirs): active only when a connector is Reserved that none of
 * them explains; ended once the charger accepted later ones on every connector (it keeps none free for it).
 */
function anyConnectorState(r: Made, alone: Reservation, holding: readonly Reservation[], heldBy: ReadonlyMap<number, number>, connectors: readonly ConnectorView[]): Reservation {
  if (!mayHold(alone)) return alone;
  const ids = connectors.map((c) => c.connectorId).filter((id) => id > 0);
  const later = ids.map((id) => holding.find((h) => h.connectorId === id && time(h.madeAt) > time(r.madeAt)));
  if (ids.length && later.every(Boolean)) {
    const last = later.reduce((a, b) => (time(b!.madeAt) > time(a!.madeAt) ? b : a))!;
    const which = later.map((h) => `${h!.reservationId} on connector ${h!.connectorId}`).join(', ');
    return { ...alone, state: 'ended', since: last.madeAt, why: `later reservations took every connector (${which})` };
  }
  const free = connectors.find((c) => c.status === 'Reserved' && !heldBy.has(c.connectorId));
  if (free) return { ...alone, state: 'active', since: free.updatedAt, why: `connector ${free.connectorId} is Reserved` };
  const taken = connectors.filter((c) => c.status === 'Reserved').map((c) => `connector ${c.connectorId} is Reserved for reservation ${heldBy.get(c.connectorId)}`);
  return taken.length ? { ...alone, why: `a reservation of any connector: ${taken.join(', ')}, and no other connector is reported Reserved` } : alone;
}
