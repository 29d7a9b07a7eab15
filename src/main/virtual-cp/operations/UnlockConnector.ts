// UnlockConnector: the lock opens (ending the transaction on the connector first), or fails as the
// stuck-connector and unlock-outcomes faults say. A fixed cable has no lock to open: NotSupported, and a
// session on it goes on.
import type { UnlockStatus } from '../../../shared/ocpp16';
import type { Operation } from '.';

export const UnlockConnector: Operation<'UnlockConnector'> = (req, messageId, cp) => {
  const c = cp.connectors.at(req.connectorId);
  if (!c || cp.definition.fixedCable) return { status: 'NotSupported' };
  const { lock } = cp.connectors;
  let status: UnlockStatus = 'Unlocked';
  if (lock.jammed) status = 'UnlockFailed';
  else if (lock.outcomes) {
    const w = lock.outcomes;
    const roll = cp.random() * (w.Unlocked + w.UnlockFailed + w.NotSupported);
    status = roll < w.Unlocked ? 'Unlocked' : roll < w.Unlocked + w.UnlockFailed ? 'UnlockFailed' : 'NotSupported';
  }
  // Unlocking ends the transaction on that connector first (OCPP 1.6, 5.18): its StopTransaction goes
  // out before the answer says Unlocked.
  if (status === 'Unlocked' && c.tx) cp.transactions.stop(c, 'UnlockCommand');
  if (status === 'Unlocked') c.cableLockedFor = null;
  cp.afterAnswer(messageId, () => {
    if (status === 'UnlockFailed' && lock.jammed) c.lockFailure = true;
    cp.refresh();
  });
  return { status };
};
