// Reservations (ReserveNow, CancelReservation): which connector is held for which card until when,
// connector 0 holding any one that is free, and the expiry timers. Volatile: lost when the power goes.
import type { RequestOf, ResponseOf } from '../../../shared/ocpp16';
import type { Timer } from '../../clock';
import { ownKeys, type OwnedKeys } from '../configuration';
import type { Connector, Model } from '../model';

/** The configuration keys reservations own. */
export const reservationKeys = ['ReserveConnectorZeroSupported'] as const;

export interface Reservation {
  reservationId: number;
  connectorId: number;
  idTag: string;
  parentIdTag?: string;
  expiryDate: string;
  timer: Timer | null;
}

/** A reservation is for this card, or for every card with its parent tag (OCPP 1.6, 5.13). */
export function reservationMatches(r: { idTag: string; parentIdTag?: string }, idTag: string, parentIdTag: string | undefined): boolean {
  return r.idTag === idTag || (parentIdTag !== undefined && r.parentIdTag !== undefined && r.parentIdTag === parentIdTag);
}

export class ReservationService {
  private readonly reservations = new Map<number, Reservation>();
  private readonly keys: OwnedKeys<(typeof reservationKeys)[number]>;

  constructor(private readonly cp: Model) {
    this.keys = ownKeys(cp.config, reservationKeys);
  }

  /** The reservation holding a connector now, if any. */
  reservationOn(connectorId: number): Reservation | undefined {
    for (const r of this.reservations.values()) if (r.connectorId === connectorId) return r;
    // Reservations of connector 0 each hold one connector once only as many are free as they need.
    const zeros = [...this.reservations.values()].filter((r) => r.connectorId === 0);
    if (!zeros.length) return undefined;
    const free = this.freeConnectors();
    const i = free.findIndex((c) => c.id === connectorId);
    return i >= 0 && free.length <= zeros.length ? zeros[i] : undefined;
  }

  /** The reservation a session of this card on this connector redeems: the connector's own, else one of connector 0. */
  reservationFor(connectorId: number, idTag: string, parentIdTag?: string): Reservation | undefined {
    const own = [...this.reservations.values()].find((r) => r.connectorId === connectorId && reservationMatches(r, idTag, parentIdTag));
    return own ?? [...this.reservations.values()].find((r) => r.connectorId === 0 && reservationMatches(r, idTag, parentIdTag));
  }

  /** ReserveNow: Accepted, or why not. */
  reserve(req: RequestOf<'ReserveNow'>): ResponseOf<'ReserveNow'>['status'] {
    const { connectors } = this.cp;
    const charger = connectors.charger;
    if (req.connectorId < 0 || req.connectorId > connectors.count) return 'Rejected';
    if (req.connectorId === 0 && !this.keys.ReserveConnectorZeroSupported) return 'Rejected';
    const existing = this.reservations.get(req.reservationId);
    if (req.connectorId > 0) {
      const c = connectors.all[req.connectorId - 1];
      if (c.fault || charger.fault) return 'Faulted';
      if (c.availability === 'Inoperative' || charger.availability === 'Inoperative') return 'Unavailable';
      const held = this.reservationOn(c.id);
      if (c.tx || c.plugged || c.authorized || c.cableLockedFor !== null || (held && held.reservationId !== req.reservationId)) return 'Occupied';
    } else {
      if (charger.fault || connectors.all.every((c) => c.fault)) return 'Faulted';
      if (charger.availability === 'Inoperative' || connectors.all.every((c) => c.availability === 'Inoperative')) return 'Unavailable';
      // One connector must stay free for each reservation of connector 0 (OCPP 1.6, 5.13).
      const zeros = [...this.reservations.values()].filter((r) => r.connectorId === 0 && r.reservationId !== req.reservationId).length;
      if (this.freeConnectors(req.reservationId).length <= zeros) return 'Occupied';
    }
    if (existing) this.end(existing);
    const r: Reservation = { reservationId: req.reservationId, connectorId: req.connectorId, idTag: req.idTag, parentIdTag: req.parentIdTag, expiryDate: req.expiryDate, timer: null };
    r.timer = this.cp.clock.after(Date.parse(req.expiryDate) - this.cp.clock.now(), () => {
      if (this.reservations.get(r.reservationId) === r) {
        this.reservations.delete(r.reservationId);
        this.cp.refresh();
      }
    });
    this.reservations.set(r.reservationId, r);
    return 'Accepted';
  }

  /** CancelReservation: false when there is no such reservation. */
  cancel(reservationId: number): boolean {
    const r = this.reservations.get(reservationId);
    if (!r) return false;
    this.end(r);
    return true;
  }

  end(r: Reservation): void {
    r.timer?.cancel();
    this.reservations.delete(r.reservationId);
  }

  /** Reservations live in volatile memory: a charger that loses power forgets them. */
  powerDown(): void {
    for (const r of [...this.reservations.values()]) this.end(r);
  }

  /** Connectors a new session could use: idle, operative, not faulted, not reserved on their own. */
  private freeConnectors(exceptReservation?: number): Connector[] {
    const own = new Set([...this.reservations.values()].filter((r) => r.connectorId > 0 && r.reservationId !== exceptReservation).map((r) => r.connectorId));
    return this.cp.connectors.all.filter((c) => !c.tx && !c.plugged && !c.authorized && !c.fault && c.cableLockedFor === null && c.availability === 'Operative' && !own.has(c.id));
  }
}
