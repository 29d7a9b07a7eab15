// Firmware and diagnostics progress (FirmwareStatusNotification, its signed twin, and
// DiagnosticsStatusNotification): kept on the charger, recorded as an event, pushed to the UI.
import type { HandlerContext } from './context';

export function recordProgress(ctx: HandlerContext, action: string, of: 'firmware' | 'diagnostics', request: { status: string }): Record<string, never> {
  const now = ctx.now();
  if (of === 'firmware') ctx.record.chargers.firmwareStatus(ctx.chargerId, request.status, now);
  else ctx.record.chargers.diagnosticsStatus(ctx.chargerId, request.status, now);
  ctx.record.events.add(ctx.chargerId, action, request, now);
  ctx.emit({ type: of === 'firmware' ? 'firmwareStatus' : 'diagnosticsStatus', chargerId: ctx.chargerId, status: request.status, ts: now });
  return {};
}
