// SignedFirmwareStatusNotification (security extension): the signed firmware update's progress.
import type { RequestOf, ResponseOf } from '../../../shared/ocpp16';
import type { HandlerContext } from './context';
import { recordProgress } from './progress';

export function SignedFirmwareStatusNotification(ctx: HandlerContext, req: RequestOf<'SignedFirmwareStatusNotification'>): ResponseOf<'SignedFirmwareStatusNotification'> {
  return recordProgress(ctx, 'SignedFirmwareStatusNotification', 'firmware', req);
}
