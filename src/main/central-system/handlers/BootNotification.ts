// What the bench answers to a charger's BootNotification: its boot policy (per charger or the bench default) and the heartbeat interval; the boot information is recorded.
import type { RequestOf, ResponseOf } from '../../../shared/ocpp16';
import type { HandlerContext } from './context';

export function BootNotification(ctx: HandlerContext, req: RequestOf<'BootNotification'>): ResponseOf<'BootNotification'> {
  const now = ctx.now();
  const { status, interval } = ctx.bootAnswer();
  ctx.record.chargers.boot(ctx.chargerId, status, req, now);
  ctx.emit({ type: 'bootNotification', chargerId: ctx.chargerId, boot: req, status, ts: now });
  return { status, currentTime: ctx.toldTime(), interval };
}
