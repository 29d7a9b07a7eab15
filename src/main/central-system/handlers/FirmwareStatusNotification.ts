// FirmwareStatusNotification: the firmware update's progress, recorded and pushed to the UI.
import type { RequestOf, ResponseOf } from '../../../shared/ocpp16';
import type { HandlerContext } from './context';
import { recordProgress } from './progress';

export function FirmwareStatusNotification(ctx: HandlerContext, req: RequestOf<'FirmwareStatusNotification'>): ResponseOf<'FirmwareStatusNotification'> {
  return recordProgress(ctx, 'FirmwareStatusNotification', 'firmware', req);
}
