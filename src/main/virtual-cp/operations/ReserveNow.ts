// ReserveNow: holds a connector (0: any one) for a card until the expiry date.
import type { Operation } from '.';

export const ReserveNow: Operation<'ReserveNow'> = (req, messageId, cp) => {
  const status = cp.reservations.reserve(req);
  if (status === 'Accepted') cp.refreshAfterAnswer(messageId);
  return { status };
};
