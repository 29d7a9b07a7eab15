// Authorize: the idTag checked against the bench's list and policy.
import type { RequestOf, ResponseOf } from '../../../shared/ocpp16';
import type { HandlerContext } from './context';

export function Authorize(ctx: HandlerContext, req: RequestOf<'Authorize'>): ResponseOf<'Authorize'> {
  return { idTagInfo: ctx.authorize(req.idTag) };
}
