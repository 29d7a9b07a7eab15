// StatusNotification: the connector's live state and its history.
import type { RequestOf, ResponseOf } from '../../../shared/ocpp16';
import type { HandlerContext } from './context';

export function StatusNotification(ctx: HandlerContext, req: RequestOf<'StatusNotification'>): ResponseOf<'StatusNotification'> {
  const now = ctx.now();
  const connector = ctx.record.connectors.status(ctx.chargerId, req, now);
  ctx.emit({ type: 'statusChanged', chargerId: ctx.chargerId, connector, ts: now });
  return {};
}
