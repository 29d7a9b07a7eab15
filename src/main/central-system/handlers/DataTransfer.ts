// DataTransfer from a charger: recorded; the bench implements no vendor extension, so UnknownVendorId.
import type { RequestOf, ResponseOf } from '../../../shared/ocpp16';
import type { HandlerContext } from './context';

export function DataTransfer(ctx: HandlerContext, req: RequestOf<'DataTransfer'>): ResponseOf<'DataTransfer'> {
  ctx.record.events.add(ctx.chargerId, 'DataTransfer', req, ctx.now());
  // The bench implements no vendor extension; the spec's answer for that is UnknownVendorId.
  return { status: 'UnknownVendorId' };
}
