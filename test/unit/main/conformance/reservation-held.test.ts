// Which reservations a case's frames show it made and still holds: accepted, and not used (a StartTransaction
// with its reservationId, or on its connector), cancelled or expired. Only those the end of a case may name.
import { describe, expect, it } from 'vitest';
import { reservationHeld, reservedByCase } from '../../../../src/main/conformance/restore';
import type { SeenFrame } from '../../../../src/main/conformance/frames';
import { aFrame } from '../../../helpers/frames';

let seq = 0;
const frame = (direction: 'in' | 'out', kind: 'CALL' | 'CALLRESULT', messageId: string, action: string, body: object): SeenFrame =>
  ({ seq: ++seq, chargerId: 'CP1', ...aFrame(direction, kind, messageId, action, body) }) as unknown as SeenFrame;

const now = Date.parse('2026-01-01T00:00:00Z');
const expiryDate = '2026-01-01T01:00:00.000Z';
const reserve = (id: number, connectorId: number, status = 'Accepted') => [
  frame('out', 'CALL', `r${id}`, 'ReserveNow', { connectorId, expiryDate, idTag: 'A', reservationId: id }),
  frame('in', 'CALLRESULT', `r${id}`, 'ReserveNow', { status }),
];

describe('reservationHeld and reservedByCase', () => {
  it('holds an accepted reservation the case did not use, cancel, or outlive', () => {
    const frames = [...reserve(7, 1), ...reserve(8, 2, 'Occupied')];
    expect(reservationHeld(frames, 7, now)).toEqual({ connectorId: 1, expiryDate });
    expect(reservedByCase(frames, now)).toEqual([1]);
    expect(reservedByCase(frames, Date.parse(expiryDate) + 1)).toEqual([]);
  });

  it('counts a session started on the connector as using it, even without the reservationId', () => {
    const frames = [...reserve(7, 1), frame('in', 'CALL', 's1', 'StartTransaction', { connectorId: 1, idTag: 'A', meterStart: 0, timestamp: expiryDate })];
    expect(reservationHeld(frames, 7, now)).toBeNull();
    expect(reservedByCase(frames, now)).toEqual([]);
    // A session on another connector does not.
    const other = [...reserve(7, 1), frame('in', 'CALL', 's2', 'StartTransaction', { connectorId: 2, idTag: 'B', meterStart: 0, timestamp: expiryDate })];
    expect(reservedByCase(other, now)).toEqual([1]);
  });

  it('names no connector for a reservation made before the case (no ReserveNow among its frames)', () => {
    expect(reservedByCase([frame('in', 'CALL', 'sn', 'StatusNotification', { connectorId: 2, status: 'Reserved', errorCode: 'NoError' })], now)).toEqual([]);
  });
});
