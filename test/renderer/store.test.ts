// The live store: a batch of pushed events becomes one consistent picture of the bench.
import { describe, expect, it } from 'vitest';
import { initialBenchState, meterKey, reduceEvents } from '../../src/renderer/src/stores/bench';
import type { BenchEvent, TransactionView } from '../../src/shared/api/views';

const ts = '2026-11-21T10:00:00.000Z';
const tx: TransactionView = { transactionId: 7, chargerId: 'CP1', connectorId: 1, idTag: 'TAG1', authStatus: 'Accepted', reservationId: null, meterStart: 100, startTime: ts, meterStop: null, stopTime: null, stopReason: null, stopIdTag: null, energyWh: null, active: true };

describe('bench store', () => {
  it('shows an unknown charger as it connects, boots and reports its connectors', () => {
    const events: BenchEvent[] = [
      { type: 'chargerConnected', chargerId: 'CP1', remoteAddress: '10.0.0.5', ts },
      { type: 'bootNotification', chargerId: 'CP1', boot: { chargePointVendor: 'ACME', chargePointModel: 'Wall' }, status: 'Accepted', ts },
      { type: 'statusChanged', chargerId: 'CP1', connector: { connectorId: 2, status: 'Available', errorCode: 'NoError', info: null, vendorId: null, vendorErrorCode: null, timestamp: null, updatedAt: ts }, ts },
      { type: 'statusChanged', chargerId: 'CP1', connector: { connectorId: 1, status: 'Faulted', errorCode: 'GroundFailure', info: null, vendorId: null, vendorErrorCode: null, timestamp: null, updatedAt: ts }, ts },
    ];
    const s = reduceEvents(initialBenchState, events);
    expect(s.chargers.CP1.connected).toBe(true);
    expect(s.chargers.CP1.boot?.chargePointVendor).toBe('ACME');
    expect(s.chargers.CP1.connectors.map((c) => [c.connectorId, c.status])).toEqual([
      [1, 'Faulted'],
      [2, 'Available'],
    ]);
    expect(reduceEvents(s, [{ type: 'chargerDisconnected', chargerId: 'CP1', reason: 'gone', ts }]).chargers.CP1.connected).toBe(false);
  });

  it('keeps running transactions and meter samples (kW and per-phase values read as W)', () => {
    let s = reduceEvents(initialBenchState, [{ type: 'transactionStarted', transaction: tx, ts }]);
    expect(s.activeTransactions[7].idTag).toBe('TAG1');
    const mv = (t: string, value: string, measurand: string, unit: string, phase: string | null = null) => ({ chargerId: 'CP1', connectorId: 1, transactionId: 7, timestamp: t, value, measurand, phase, unit, context: 'Sample.Periodic', location: null, format: 'Raw' });
    s = reduceEvents(s, [
      { type: 'meterValues', chargerId: 'CP1', connectorId: 1, transactionId: 7, ts, values: [mv('2026-11-21T10:00:10.000Z', '7.4', 'Power.Active.Import', 'kW'), mv('2026-11-21T10:00:10.000Z', '1.5', 'Energy.Active.Import.Register', 'kWh')] },
      { type: 'meterValues', chargerId: 'CP1', connectorId: 1, transactionId: 7, ts, values: ['L1', 'L2', 'L3'].map((p) => mv('2026-11-21T10:00:20.000Z', '3000', 'Power.Active.Import', 'W', p)) },
    ]);
    expect(s.meter[meterKey('CP1', 1)]).toEqual([
      { t: Date.parse('2026-11-21T10:00:10.000Z'), powerW: 7400, energyWh: 1500, transactionId: 7 },
      { t: Date.parse('2026-11-21T10:00:20.000Z'), powerW: 9000, transactionId: 7 },
    ]);
    s = reduceEvents(s, [{ type: 'transactionStopped', transaction: { ...tx, active: false, stopTime: ts }, ts }]);
    expect(s.activeTransactions[7]).toBeUndefined();
  });

  it('returns the same charger objects when a batch does not touch them (cheap re-renders)', () => {
    const s = reduceEvents(initialBenchState, [{ type: 'chargerConnected', chargerId: 'CP1', remoteAddress: null, ts }]);
    const t = reduceEvents(s, [{ type: 'frameLogged', message: { ts, chargerId: 'CP1', direction: 'in', kind: 'CALL', messageId: '1', action: 'Heartbeat', raw: '[]', error: null } }]);
    expect(t.chargers).toBe(s.chargers);
    expect(t.framesSeen).toBe(1);
  });
});
