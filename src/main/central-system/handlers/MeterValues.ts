// MeterValues: the sampled values stored with the spec's defaults; values naming another charger's transaction are kept as this charger's, with a warning.
import type { RequestOf, ResponseOf } from '../../../shared/ocpp16';
import type { HandlerContext } from './context';
import { notOwnTransaction } from './ownership';

export function MeterValues(ctx: HandlerContext, req: RequestOf<'MeterValues'>): ResponseOf<'MeterValues'> {
  const now = ctx.now();
  let transactionId = req.transactionId ?? null;
  if (transactionId !== null && ctx.auth.ownerOf(transactionId) !== ctx.chargerId) {
    // Kept as the charger's readings, not as the transaction's: another charger cannot feed it.
    ctx.record.events.add(ctx.chargerId, 'MeterValues', { warning: notOwnTransaction(ctx, transactionId, 'MeterValues'), request: req }, now);
    transactionId = null;
  }
  const values = ctx.record.meterValues.add(ctx.chargerId, req.connectorId, transactionId, req.meterValue, now);
  ctx.emit({ type: 'meterValues', chargerId: ctx.chargerId, connectorId: req.connectorId, transactionId, values, ts: now });
  return {};
}
