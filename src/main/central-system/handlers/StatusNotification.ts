// StatusNotification: the connector's live state and its history.
import { OcppError, type RequestOf, type ResponseOf } from '../../../shared/ocpp16';
import type { HandlerContext } from './context';

export function StatusNotification(ctx: HandlerContext, req: RequestOf<'StatusNotification'>): ResponseOf<'StatusNotification'> {
  // The JSON schema only says "integer"; the specification's field table says connectorId >= 0 (0 is the
  // charger itself). A negative id names no connector: refused, and not recorded as one.
  if (req.connectorId < 0)
    throw new OcppError('PropertyConstraintViolation', `connectorId: ${req.connectorId} is not a connector: OCPP 1.6 requires connectorId >= 0 (0 for the charger itself)`, { field: 'connectorId' });
  const now = ctx.now();
  const connector = ctx.record.connectors.status(ctx.chargerId, req, now);
  ctx.emit({ type: 'statusChanged', chargerId: ctx.chargerId, connector, ts: now });
  return {};
}
