// RemoteStopTransaction: the transaction named stops (Remote) once the answer is out.
import type { Operation } from '.';

export const RemoteStopTransaction: Operation<'RemoteStopTransaction'> = (req, messageId, cp) => {
  // While Pending the central system may not start or stop transactions (OCPP 1.6, 4.2.1).
  if (cp.boot.registration !== 'Accepted') return { status: 'Rejected' };
  const c = cp.connectors.all.find((x) => x.tx && x.tx.transactionId === req.transactionId);
  if (!c) return { status: 'Rejected' };
  cp.afterAnswer(messageId, () => {
    cp.transactions.stop(c, 'Remote');
    cp.refresh();
  });
  return { status: 'Accepted' };
};
