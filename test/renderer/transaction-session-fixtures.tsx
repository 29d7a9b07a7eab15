// The Transactions screens' shared session: transaction 12 of CP-1's connector 2, its meter values, and a
// fake client answering its page's two calls (the session, its values in the record's compact form), for
// the list, detail and offline-detail tests.
import { afterEach, beforeEach } from 'vitest';
import { cleanup } from '@testing-library/react';
import { routed } from './fake-client';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { TransactionsScreen } from '../../src/renderer/src/features/transactions/TransactionsScreen';
import { TransactionDetailScreen } from '../../src/renderer/src/features/transactions/TransactionDetailScreen';
import { aTransaction as aSession } from './builders';
import type { MeterValueView, TransactionView } from '../../src/shared/api/views';
import { SAMPLES_PER_READING, type MeterReadings, type MeterShape } from '../../src/shared/api/meter-readings';

/** /transactions and /transactions/:id as the feature draws them, with where the router is. */
export const listAndDetailScreens = routed({ '/transactions': <TransactionsScreen />, '/transactions/:id': <TransactionDetailScreen /> }, true);

/** Transaction 12 of CP-1's connector 2: an hour's session, stopped, unless patched. */
export const aTransaction = (over: Partial<TransactionView> = {}): TransactionView =>
  aSession(12, 'CP-1', 2, 'TAG-A', {
    meterStart: 10_000,
    startTime: '2025-05-01T10:00:00.000Z',
    meterStop: 17_400,
    stopTime: '2025-05-01T11:00:00.000Z',
    stopReason: 'EVDisconnected',
    energyWh: 7400,
    active: false,
    ...over,
  });

export function meterValue(id: number, timestamp: string, measurand: string, value: string, unit: string): MeterValueView {
  return { id, chargerId: 'CP-1', connectorId: 2, transactionId: 12, timestamp, value, measurand, phase: null, unit, context: 'Sample.Periodic', location: null, format: 'Raw' };
}

/** Two readings of energy and power half an hour apart: 10,000 Wh at 7.2 kW at 10:00, 13,700 Wh at 7.4 kW at 10:30 (UTC). */
export const halfHourApart = () => [
  meterValue(1, '2025-05-01T10:00:00.000Z', 'Energy.Active.Import.Register', '10000', 'Wh'),
  meterValue(2, '2025-05-01T10:00:00.000Z', 'Power.Active.Import', '7200', 'W'),
  meterValue(3, '2025-05-01T10:30:00.000Z', 'Energy.Active.Import.Register', '13700', 'Wh'),
  meterValue(4, '2025-05-01T10:30:00.000Z', 'Power.Active.Import', '7400', 'W'),
];

export type StoredSession = TransactionView & { meterValues: MeterValueView[]; meterValuesCapped?: boolean };

/**
 * The page's two calls for a session as `transactions:get` lists it in full: the session alone, and its
 * values in the record's compact form, as the reader thread writes it: values of one reading (same id
 * ÷ 1024, time and connector, positions in a row) together, shapes by id, canonical times as epoch ms.
 */
export function sessionCalls(session: () => StoredSession) {
  return {
    'transactions:get': () => {
      const { meterValuesCapped: _capped, ...tx } = session();
      return { ...tx, meterValues: [] };
    },
    'transactions:meterReadings': (): MeterReadings => {
      const { meterValues, meterValuesCapped } = session();
      const shapes: MeterReadings['shapes'] = {};
      const shapeIds = new Map<string, number>();
      const readings: MeterReadings['readings'] = [];
      let last: { reading: MeterReadings['readings'][number]; timestamp: string; next: number } | null = null;
      for (const v of meterValues) {
        const shape: MeterShape = [v.measurand, v.phase, v.unit, v.context, v.location, v.format];
        let shapeId = shapeIds.get(JSON.stringify(shape));
        if (shapeId === undefined) shapeIds.set(JSON.stringify(shape), (shapeId = shapeIds.size + 1));
        shapes[shapeId] = shape;
        const id = Math.floor(v.id / SAMPLES_PER_READING);
        const position = v.id % SAMPLES_PER_READING;
        if (last && last.reading[0] === id && last.reading[1] === v.connectorId && last.timestamp === v.timestamp && last.next === position) {
          last.reading[3].push(shapeId, v.value);
          last.next++;
        } else {
          const time = new Date(Date.parse(v.timestamp)).toISOString() === v.timestamp ? Date.parse(v.timestamp) : v.timestamp;
          last = { reading: [id, v.connectorId, time, [shapeId, v.value], position], timestamp: v.timestamp, next: position + 1 };
          readings.push(last.reading);
        }
      }
      return { capped: !!meterValuesCapped, shapes, readings };
    },
  };
}

/**
 * The bench store fresh before each test; after it, what `stop()` returns then (a live bench's
 * unsubscribe) is called and the screen unmounted.
 */
export function benchResetEachTest(stop: () => (() => void) | undefined): void {
  beforeEach(() => useBench.setState(initialBenchState, true));
  afterEach(() => {
    stop()?.();
    cleanup();
  });
}
