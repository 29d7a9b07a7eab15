// StartTransaction: a new transaction id (never one handed out before), the idTag's status, ConcurrentTx for a tag already charging.
import type { IdTagInfo, RequestOf, ResponseOf } from '../../../shared/ocpp16';
import { fromTestRun } from '../behaviour';
import type { HandlerContext } from './context';

export function StartTransaction(ctx: HandlerContext, req: RequestOf<'StartTransaction'>): ResponseOf<'StartTransaction'> {
  const now = ctx.now();
  let idTagInfo: IdTagInfo = ctx.authorize(req.idTag);
  // ConcurrentTx: the tag charges elsewhere (another charger, another connector of this one). Not over a
  // test run's answer (the test system answers its charger as its test data says), nor for a session the
  // bench still has open on this very connector (the charger, starting a new one there, has lost it).
  const elsewhere = !fromTestRun(idTagInfo) && ctx.auth.activeTransactionOf(req.idTag, { chargerId: ctx.chargerId, connectorId: req.connectorId });
  if (idTagInfo.status === 'Accepted' && elsewhere) idTagInfo = { ...idTagInfo, status: 'ConcurrentTx' };
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
