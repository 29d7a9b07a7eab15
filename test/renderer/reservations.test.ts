// A charger's reservations from the bench's record and its connectors (OCPP 1.6): a reservation id used
// again replaces the reservation; a reservation of connector 0 reserves no connector in particular, so a
// connector Reserved is first the reservation made for that connector, and one of any connector is active
// only on a Reserved connector nothing else explains; once the charger accepted later reservations on
// every connector it keeps none free for it.
import { describe, expect, it } from 'vitest';
import { reservationsOf, type Reservation } from '../../src/renderer/src/features/operations/panels/reservations';
import type { OperationView } from '../../src/shared/api/views';
import { aConnector, aTransaction, minutesAgo } from './builders';

const now = Date.now();
const later = (minutes: number) => new Date(now + minutes * 60_000).toISOString();
let nextId = 1;
function reserve(reservationId: number, connectorId: number, at: number, status = 'Accepted'): OperationView {
  const ts = minutesAgo(at);
  return {
    id: nextId++,
    chargerId: 'CP001',
    action: 'ReserveNow',
    request: { connectorId, idTag: `TAG-${reservationId}`, expiryDate: later(60), reservationId },
    sentAt: ts,
    finishedAt: ts,
    outcome: 'completed',
    response: { status },
    error: null,
  };
}
const cancel = (reservationId: number, at: number): OperationView => ({ ...reserve(reservationId, 0, at), action: 'CancelReservation', request: { reservationId } });
const states = (list: Reservation[]) => Object.fromEntries(list.map((r) => [r.reservationId, r.state]));
const byId = (list: Reservation[], id: number) => list.find((r) => r.reservationId === id)!;
const reserved = (connectorId: number, minutes = 5) => aConnector(connectorId, { status: 'Reserved', updatedAt: minutesAgo(minutes) });

describe('a reservation of any connector (connector 0)', () => {
  it('is not active on a connector Reserved for a reservation of that connector, made before or after it', () => {
    for (const ops of [
      [reserve(1, 1, 20), reserve(2, 0, 10)],
      [reserve(2, 0, 20), reserve(1, 1, 10)],
    ]) {
      const list = reservationsOf(ops, [aConnector(1, { status: 'Reserved', updatedAt: minutesAgo(9) }), aConnector(2)], [], now);
      expect(states(list)).toEqual({ 1: 'active', 2: 'unconfirmed' });
      expect(byId(list, 2).why).toBe('a reservation of any connector: connector 1 is Reserved for reservation 1, and no other connector is reported Reserved');
    }
  });

  it('is active on a Reserved connector no reservation of that connector explains', () => {
    const two = reserved(2, 3);
    const list = reservationsOf([reserve(1, 1, 20), reserve(2, 0, 10)], [reserved(1), two, aConnector(3)], [], now);
    expect(states(list)).toEqual({ 1: 'active', 2: 'active' });
    expect(byId(list, 2)).toMatchObject({ why: 'connector 2 is Reserved', since: two.updatedAt });
  });

  it('has ended once the charger accepted later reservations on every connector', () => {
    const list = reservationsOf([reserve(2, 0, 30), reserve(3, 1, 20), reserve(4, 2, 10)], [reserved(1), aConnector(2)], [], now);
    expect(states(list)).toEqual({ 2: 'ended', 3: 'active', 4: 'unconfirmed' });
    expect(byId(list, 2).why).toBe('later reservations took every connector (3 on connector 1, 4 on connector 2)');
    // One connector left to it: it may still hold.
    expect(states(reservationsOf([reserve(2, 0, 30), reserve(3, 1, 20)], [reserved(1), aConnector(2)], [], now))).toEqual({ 2: 'unconfirmed', 3: 'active' });
    // Those refused, cancelled or made before it leave it a connector.
    const before = [reserve(3, 1, 40), reserve(2, 0, 30), reserve(4, 2, 20, 'Occupied'), reserve(5, 2, 15), cancel(5, 12)];
    expect(states(reservationsOf(before, [reserved(1), aConnector(2)], [], now))).toEqual({ 2: 'unconfirmed', 3: 'active', 5: 'cancelled' });
  });

  it('is replaced by a later reservation of any connector, or by its id used again on one connector', () => {
    expect(states(reservationsOf([reserve(1, 0, 20), reserve(2, 0, 10)], [reserved(1)], [], now))).toEqual({ 1: 'ended', 2: 'active' });
    const reused = reservationsOf([reserve(7, 0, 20), reserve(7, 2, 10)], [reserved(2), aConnector(1)], [], now);
    expect(reused).toEqual([expect.objectContaining({ reservationId: 7, connectorId: 2, state: 'active', why: 'connector 2 is Reserved' })]);
  });

  it('is used by the session started with it, whatever the connectors say', () => {
    const list = reservationsOf([reserve(1, 1, 20), reserve(2, 0, 10)], [reserved(1), aConnector(2, { status: 'Charging' })], [aTransaction(40, 'CP001', 2, 'TAG-2', { reservationId: 2 })], now);
    expect(states(list)).toEqual({ 1: 'active', 2: 'used' });
  });
});
