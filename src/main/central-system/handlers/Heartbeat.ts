// Heartbeat: the bench's time, and the charger's last heartbeat recorded.
import type { ResponseOf } from '../../../shared/ocpp16';
import type { HandlerContext } from './context';

export function Heartbeat(ctx: HandlerContext): ResponseOf<'Heartbeat'> {
  const now = ctx.now();
  ctx.record.chargers.heartbeat(ctx.chargerId, now);
  return { currentTime: ctx.toldTime() };
}
