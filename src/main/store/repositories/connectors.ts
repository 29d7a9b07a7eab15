// The connectors table (each connector's live state, connector 0 being the charger) and the status
// history (every StatusNotification as received), pruned by time with retention.
import type { StatusNotificationRequest } from '../../../shared/ocpp16';
import type { Store, Writes } from '../repository';
import type { ConnectorRecord, Row } from '../../../shared/records';

export const connectorWrites = {
  connector: `INSERT INTO connectors (charger_id, connector_id, status, error_code, info, vendor_id, vendor_error_code, timestamp, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT(charger_id, connector_id) DO UPDATE SET status = excluded.status, error_code = excluded.error_code, info = excluded.info,
    vendor_id = excluded.vendor_id, vendor_error_code = excluded.vendor_error_code, timestamp = excluded.timestamp, updated_at = excluded.updated_at`,
  statusHistory: `INSERT INTO status_history (charger_id, connector_id, status, error_code, info, vendor_id, vendor_error_code, timestamp, received_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  chargerConnectorsDelete: 'DELETE FROM connectors WHERE charger_id = ?',
  pruneOrphanConnectors: 'DELETE FROM connectors WHERE charger_id NOT IN (SELECT id FROM chargers)',
  pruneStatusHistory: 'DELETE FROM status_history WHERE id BETWEEN ? AND ? AND received_at < ?',
} satisfies Writes;

export class ConnectorsRepository {
  constructor(private readonly store: Store) {}

  /** A StatusNotification: the connector's state now, and a line of its history. */
  status(chargerId: string, req: StatusNotificationRequest, at: string): ConnectorRecord {
    const c: ConnectorRecord = {
      connectorId: req.connectorId,
      status: req.status,
      errorCode: req.errorCode,
      info: req.info ?? null,
      vendorId: req.vendorId ?? null,
      vendorErrorCode: req.vendorErrorCode ?? null,
      timestamp: req.timestamp ?? null,
      updatedAt: at,
    };
    const params = [chargerId, c.connectorId, c.status, c.errorCode, c.info, c.vendorId, c.vendorErrorCode, c.timestamp, at];
    this.store.write('connector', params);
    this.store.write('statusHistory', params);
    return c;
  }

  /** A charger's status notifications as received, newest first (connector 0 is the charger). */
  history(chargerId: string, q: { connectorId?: number; limit?: number } = {}): Array<ConnectorRecord & { receivedAt: string }> {
    const connector = q.connectorId !== undefined ? 'AND connector_id = ?' : '';
    const args = q.connectorId !== undefined ? [chargerId, q.connectorId] : [chargerId];
    const rows = this.store.db.prepare(`SELECT * FROM status_history WHERE charger_id = ? ${connector} ORDER BY id DESC LIMIT ?`).all(...args, q.limit ?? 200) as Row[];
    return rows.map((r) => ({ ...toConnector({ ...r, updated_at: r.received_at }), receivedAt: r.received_at }));
  }
}

export function toConnector(c: Row): ConnectorRecord {
  return {
    connectorId: c.connector_id,
    status: c.status,
    errorCode: c.error_code,
    info: c.info,
    vendorId: c.vendor_id,
    vendorErrorCode: c.vendor_error_code,
    timestamp: c.timestamp,
    updatedAt: c.updated_at,
  };
}
