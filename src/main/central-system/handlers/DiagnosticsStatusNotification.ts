// DiagnosticsStatusNotification: the upload's progress, recorded and pushed to the UI.
import type { RequestOf, ResponseOf } from '../../../shared/ocpp16';
import type { HandlerContext } from './context';
import { recordProgress } from './progress';

export function DiagnosticsStatusNotification(ctx: HandlerContext, req: RequestOf<'DiagnosticsStatusNotification'>): ResponseOf<'DiagnosticsStatusNotification'> {
  return recordProgress(ctx, 'DiagnosticsStatusNotification', 'diagnostics', req);
}
