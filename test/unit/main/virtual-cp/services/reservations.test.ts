// Reservations on a FakeClock: a connector held for a card until its expiry, redeemed by that card (or its
// parent tag), connector 0 holding any free one, and the refusals ReserveNow answers with.
import { describe, expect, it } from 'vitest';
import { fakeWire } from '../../../../helpers/vcp-model';

const reserve = (reservationId: number, connectorId: number, idTag: string, minutes = 10, parentIdTag?: string) => ({
  reservationId,
  connectorId,
  idTag,
  expiryDate: new Date(Date.parse('2026-01-01T00:00:00.000Z') + minutes * 60_000).toISOString(),
  ...(parentIdTag ? { parentIdTag } : {}),
});

describe('reservations', () => {
  it('hold a connector for one card until the expiry date, then free it', async () => {
    const w = fakeWire();
    expect(w.cp.reservations.reserve(reserve(1, 1, 'TAG1'))).toBe('Accepted');
    w.cp.refresh();
    expect(w.cp.view().connectors[0]).toMatchObject({ status: 'Reserved', reservation: { reservationId: 1, idTag: 'TAG1' } });
    expect(await w.cp.presentIdTag(1, 'OTHER')).toMatchObject({ accepted: false, message: 'Connector 1 is reserved for TAG1' });
    await w.clock.advance(600_000);
    expect(w.cp.view().connectors[0]).toMatchObject({ status: 'Available', reservation: null });
  });

  it('are redeemed by their card, or a card with their parent tag: StartTransaction names the reservation', async () => {
    const w = fakeWire();
    w.answers.Authorize = () => ({ outcome: 'completed', response: { idTagInfo: { status: 'Accepted', parentIdTag: 'FLEET' } } });
    w.cp.reservations.reserve(reserve(7, 2, 'TAG1', 10, 'FLEET'));
    w.cp.plug(2);
    expect((await w.cp.presentIdTag(2, 'COLLEAGUE')).accepted).toBe(true);
    expect(w.calls.find((c) => c.action === 'StartTransaction')?.payload).toMatchObject({ connectorId: 2, idTag: 'COLLEAGUE', reservationId: 7 });
    expect(w.cp.reservations.reservationOn(2)).toBeUndefined();
  });

  it('of connector 0 hold a connector only once no more are free than reserved', () => {
    const w = fakeWire();
    expect(w.cp.reservations.reserve(reserve(1, 0, 'TAG1'))).toBe('Accepted');
    expect(w.cp.reservations.reservationOn(1)).toBeUndefined();
    w.cp.plug(2);
    expect(w.cp.reservations.reservationOn(1)?.reservationId).toBe(1);
    expect(w.cp.reservations.reserve(reserve(2, 0, 'TAG2'))).toBe('Occupied');
    w.cp.config.setInternal('ReserveConnectorZeroSupported', 'false');
    expect(w.cp.reservations.reserve(reserve(3, 0, 'TAG3'))).toBe('Rejected');
  });

  it('are refused on a connector in use, faulted or unavailable, and go with the power', () => {
    const w = fakeWire();
    w.cp.plug(1);
    expect(w.cp.reservations.reserve(reserve(1, 1, 'TAG1'))).toBe('Occupied');
    w.cp.setFault(2, 'OtherError');
    expect(w.cp.reservations.reserve(reserve(2, 2, 'TAG1'))).toBe('Faulted');
    w.cp.clearFault(2);
    w.cp.status.changeAvailability(2, 'Inoperative');
    expect(w.cp.reservations.reserve(reserve(3, 2, 'TAG1'))).toBe('Unavailable');
    w.cp.status.changeAvailability(2, 'Operative');
    expect(w.cp.reservations.reserve(reserve(4, 2, 'TAG1'))).toBe('Accepted');
    expect(w.cp.reservations.reserve(reserve(9, 3, 'TAG1'))).toBe('Rejected');
    w.cp.reservations.powerDown();
    expect(w.cp.reservations.cancel(4)).toBe(false);
  });
});
