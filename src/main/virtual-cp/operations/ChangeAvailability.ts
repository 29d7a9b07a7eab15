// ChangeAvailability: a connector (0: the whole charger) becomes Operative or Inoperative, at once or,
// while a transaction runs, once it ends (Scheduled).
import type { Operation } from '.';

export const ChangeAvailability: Operation<'ChangeAvailability'> = (req, messageId, cp) => {
  if (req.connectorId < 0 || req.connectorId > cp.connectors.count) return { status: 'Rejected' };
  const status = cp.status.changeAvailability(req.connectorId, req.type);
  cp.refreshAfterAnswer(messageId);
  return { status };
};
