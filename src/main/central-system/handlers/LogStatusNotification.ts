// LogStatusNotification (security extension): recorded.
import type { RequestOf, ResponseOf } from '../../../shared/ocpp16';
import type { HandlerContext } from './context';

export function LogStatusNotification(ctx: HandlerContext, req: RequestOf<'LogStatusNotification'>): ResponseOf<'LogStatusNotification'> {
  ctx.record.events.add(ctx.chargerId, 'LogStatusNotification', req, ctx.now());
  return {};
}
