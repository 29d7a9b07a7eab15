// StopTransaction: applied only to the charger's own running transaction; a second stop or another charger's is a warning, and the first stop is kept.
import type { RequestOf, ResponseOf } from '../../../shared/ocpp16';
import type { HandlerContext } from './context';
import { notOwnTransaction } from './ownership';

export function StopTransaction(ctx: HandlerContext, req: RequestOf<'StopTransaction'>, messageId?: string): ResponseOf<'StopTransaction'> {
  const now = ctx.now();
  const reason = req.reason ?? 'Local';
  const running = ctx.auth.openTransaction(req.transactionId);
  // Only the charger's own running transaction is stopped: a second stop, or another charger's, changes
  // nothing (the first stop is kept) and is recorded as a warning. The answer is the spec's either way.
  const mine = running?.chargerId === ctx.chargerId ? ctx.auth.transactionStopped(req.transactionId)! : null;
  const stopped = mine ? ctx.record.transactions.stop(mine, req.meterStop, req.timestamp, reason, req.idTag ?? null) : null;
  if (req.transactionData?.length) ctx.record.meterValues.add(ctx.chargerId, stopped?.connectorId ?? 0, stopped ? req.transactionId : null, req.transactionData, now);
  if (stopped) ctx.emit({ type: 'transactionStopped', transaction: stopped, ts: now });
  else {
    // `unknownTransaction`: an id the bench never gave out (the screens name such a stop beside the session open then,
    // linking its frame: the event records the frame's id in the message log, found by its message id). `openThen`:
    // the sessions held open on this charger as it came (shared/api/stray-stop), so that closing one of them
    // later does not leave the stop pinned on the other.
    const unknown = ctx.auth.ownerOf(req.transactionId) === null;
    const data = {
      warning: notOwnTransaction(ctx, req.transactionId, 'StopTransaction'),
      request: req,
      ...(unknown && { unknownTransaction: true, openThen: openThen(ctx, req) }),
    };
    if (messageId === undefined) ctx.record.events.add(ctx.chargerId, 'StopTransaction', data, now);
    else ctx.record.events.addOfFrame(ctx.chargerId, 'StopTransaction', { ...data, messageId }, now, messageId);
  }
  return req.idTag !== undefined ? { idTagInfo: ctx.authorize(req.idTag) } : {};
}

/** The ids of the sessions held open on the charger (on the stop's connector, when its frame names one: OCPP 1.6's does not), ascending. */
function openThen(ctx: HandlerContext, req: RequestOf<'StopTransaction'>): number[] {
  const connectorId = (req as { connectorId?: unknown }).connectorId;
  const named = typeof connectorId === 'number' && Number.isInteger(connectorId) ? connectorId : null;
  return ctx.auth
    .openOn(ctx.chargerId)
    .filter((tx) => named === null || tx.connectorId === named)
    .map((tx) => tx.transactionId);
}
