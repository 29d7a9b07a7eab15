// Builders for the record's rows as the store gives them back (src/shared/records): a transaction and a
// connector's last status, each with what a test does not care about filled in. Imports nothing but src/shared.
import type { ConnectorRecord, TransactionRecord } from '../../src/shared/records';

/**
 * A transaction as the record holds it once started (store/repositories/transactions): transaction 1 of CP001
 * on connector 1, idTag TAG, accepted, meterStart 0, running, received when it started, unless patched.
 */
export function aTransactionRecord(over: Partial<TransactionRecord> = {}): TransactionRecord {
  const startTime = over.startTime ?? '2026-01-01T08:00:00.000Z';
  return {
    transactionId: 1,
    chargerId: 'CP001',
    connectorId: 1,
    idTag: 'TAG',
    authStatus: 'Accepted',
    reservationId: null,
    meterStart: 0,
    startTime,
    meterStop: null,
    stopTime: null,
    stopReason: null,
    stopIdTag: null,
    energyWh: null,
    active: true,
    receivedAt: startTime,
    ...over,
  };
}

/** A connector's last StatusNotification as the record holds it: connector 1 Available, no error, unless patched. */
export function aConnectorRecord(over: Partial<ConnectorRecord> = {}): ConnectorRecord {
  return { connectorId: 1, status: 'Available', errorCode: 'NoError', info: null, vendorId: null, vendorErrorCode: null, timestamp: null, updatedAt: '2026-01-01T08:00:00.000Z', ...over };
}
