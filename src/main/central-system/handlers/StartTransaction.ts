// StartTransaction: a new transaction id (never one handed out before), the idTag's status, ConcurrentTx for a tag already charging.
import type { IdTagInfo, RequestOf, ResponseOf } from '../../../shared/ocpp16';
import type { HandlerContext } from './context';

export function StartTransaction(ctx: HandlerContext, req: RequestOf<'StartTransaction'>): ResponseOf<'StartTransaction'> {
  const now = ctx.now();
  let idTagInfo: IdTagInfo = ctx.authorize(req.idTag);
  if (idTagInfo.status === 'Accepted' && ctx.auth.activeTransactionOf(req.idTag)) idTagInfo = { ...idTagInfo, status: 'ConcurrentTx' };
  const tx = ctx.record.transactions.start(
    {
      chargerId: ctx.chargerId,
      connectorId: req.connectorId,
      idTag: req.idTag,
      authStatus: idTagInfo.status,
      reservationId: req.reservationId ?? null,
      meterStart: req.meterStart,
      startTime: req.timestamp,
    },
    now,
  );
  ctx.auth.transactionStarted(tx);
  ctx.emit({ type: 'transactionStarted', transaction: tx, ts: now });
  return { transactionId: tx.transactionId, idTagInfo };
}
