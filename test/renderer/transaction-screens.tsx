// The Transactions list and a transaction's page behind one router, with a stub Stop button, a fake client
// answering what both screens read, and the bench store reset around each test: what the tests of sessions
// the record holds open but not running share.
import { afterEach, beforeEach } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { fakeClient, routed, withBench } from './fake-client';
import { aCharger, aConnector, aTransaction, minutesAgo } from './builders';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { TransactionsScreen } from '../../src/renderer/src/features/transactions/TransactionsScreen';
import { TransactionDetailScreen } from '../../src/renderer/src/features/transactions/TransactionDetailScreen';
import type { BenchClient } from '../../src/renderer/src/api/client';
import type { TransactionView } from '../../src/shared/api/views';

const Stop = ({ transaction }: { transaction: TransactionView }) => <button>Stop #{transaction.transactionId}</button>;

/** /transactions and /transactions/:id, with a stub Stop that names its transaction ("Stop #10"). */
export const transactionScreens = (
  <Routes>
    <Route path="/transactions" element={<TransactionsScreen StopButton={Stop} />} />
    <Route path="/transactions/:id" element={<TransactionDetailScreen StopButton={Stop} />} />
  </Routes>
);

/** A client whose list holds `list` and whose page reads the one asked for; `extra` answers more (e.g. transactions:close). */
export function transactionsClient(list: TransactionView[], extra: Parameters<typeof fakeClient>[0] = {}): ReturnType<typeof fakeClient> {
  return fakeClient({
    'transactions:list': () => list,
    'transactions:get': ({ transactionId }: { transactionId: number }) => ({ ...(list.find((t) => t.transactionId === transactionId) ?? list[0]!), meterValues: [] }),
    'transactions:meterReadings': () => ({ capped: false, shapes: {}, readings: [] }),
    'transactions:recentMeterValues': () => [],
    'chargers:meterValues': () => [],
    'chargerEvents:list': () => [],
    'operations:list': () => [],
    ...extra,
  });
}

/** The bench store fresh for each test, and what `stop()` returns (a live bench's unsubscribe) ended after it. */
export function freshBenchEachTest(): { stop: (() => void) | undefined } {
  const held: { stop: (() => void) | undefined } = { stop: undefined };
  beforeEach(() => useBench.setState(initialBenchState, true));
  afterEach(() => {
    held.stop?.();
    held.stop = undefined;
    cleanup();
    useBench.setState(initialBenchState, true);
  });
  return held;
}

/** A session (#10) a newer one (#19) superseded on CP001's connector 1, which reports Charging. */
export const supersededOnCp001 = (() => {
  const newerAt = minutesAgo(5);
  return {
    older: aTransaction(10, 'CP001', 1, 'TAG-OLD', { receivedAt: minutesAgo(70), startTime: minutesAgo(70) }),
    newer: aTransaction(19, 'CP001', 1, 'TAG-NEW', { receivedAt: newerAt, startTime: newerAt }),
    cp001: aCharger('CP001', { connected: true, lastBoot: minutesAgo(90), connectors: [aConnector(0), aConnector(1, { status: 'Charging', updatedAt: minutesAgo(4) })] }),
  };
})();

/** Stop as the app's: offered on a session handed in as active only. */
const StopIfActive = ({ transaction }: { transaction: TransactionView }) => (transaction.active ? <button>Stop #{transaction.transactionId}</button> : null);
/** /transactions alone, with StopIfActive. */
export const listScreen = routed({ '/transactions': <TransactionsScreen StopButton={StopIfActive} /> });

/** Renders /transactions alone as the app draws it (its own Stop button), opened there, answered by `client`. */
export function renderTransactionsList(client: BenchClient): void {
  render(
    withBench(
      client,
      <Routes>
        <Route path="/transactions" element={<TransactionsScreen />} />
      </Routes>,
      '/transactions',
    ),
  );
}

/** The Transactions list's row of session `id` (the row whose text names "#id"), if it is drawn. */
export const rowOf = (id: number): HTMLElement | undefined => screen.getAllByRole('row').find((r) => r.textContent?.includes(`#${id}`));
