// CancelReservation: the reservation goes, and the connector it held is free again.
import type { Operation } from '.';

export const CancelReservation: Operation<'CancelReservation'> = (req, messageId, cp) => {
  if (!cp.reservations.cancel(req.reservationId)) return { status: 'Rejected' };
  cp.refreshAfterAnswer(messageId);
  return { status: 'Accepted' };
};
