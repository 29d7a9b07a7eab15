// SecurityEventNotification (security extension): recorded.
import type { RequestOf, ResponseOf } from '../../../shared/ocpp16';
import type { HandlerContext } from './context';

export function SecurityEventNotification(ctx: HandlerContext, req: RequestOf<'SecurityEventNotification'>): ResponseOf<'SecurityEventNotification'> {
  ctx.record.events.add(ctx.chargerId, 'SecurityEventNotification', req, ctx.now());
  return {};
}
