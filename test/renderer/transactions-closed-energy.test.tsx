// @vitest-environment jsdom
// A session the charger lost, closed in the record by the user ("Close…"): it has no meter stop, so no
// energy of its own. Its page shows the energy of its last reading, said so; the Transactions list shows
// the same, said so, not "—".
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { fakeClient, liveBench, stubResizeObserver } from './fake-client';
import { freshBenchEachTest, renderTransactionsList, rowOf } from './transaction-screens';
import { aTransaction, meterRows, minutesAgo } from './builders';
import type { TransactionView } from '../../src/shared/api/views';

stubResizeObserver();

// Started with the register at 1,000 Wh; its last reading 2,460 Wh: 1.46 kWh delivered up to then.
const closed: TransactionView = aTransaction(21, 'CP-1', 1, 'TAG-21', {
  startTime: minutesAgo(40),
  active: false,
  stopTime: minutesAgo(2),
  stopReason: 'Other',
  warning: `Closed in the record at ${minutesAgo(2)} by the bench's user: the charger no longer reported this session and sent no StopTransaction for it`,
});
const stopped: TransactionView = aTransaction(20, 'CP-1', 1, 'TAG-20', { startTime: minutesAgo(90), active: false, stopTime: minutesAgo(60), stopReason: 'Local', meterStop: 1500, energyWh: 500 });

const bench = freshBenchEachTest();

describe('a session closed in the record, in the Transactions list', () => {
  it('shows the energy of its last reading, labelled so, as its page does', async () => {
    const client = fakeClient({
      'transactions:list': () => [closed, stopped],
      'transactions:recentMeterValues': ({ transactionIds }) =>
        transactionIds.map((transactionId) => ({ transactionId, meterValues: transactionId === 21 ? meterRows('CP-1', 1, minutesAgo(12), 2460, 7000, 21) : [] })),
    });
    bench.stop = liveBench(client, { chargers: {} });
    renderTransactionsList(client);
    // The first drawing of the grid can take a while on a busy machine.
    await screen.findByText('#21', {}, { timeout: 5000 });
    const row = (id: number) => rowOf(id)!;
    await waitFor(() => expect(within(row(21)).getByText('1.46 kWh')).toBeTruthy());
    expect(within(row(21)).getByText('at last reading')).toBeTruthy();
    // Asked of the record for the closed one only; a session stopped by the charger keeps its own energy.
    expect(client.callsOf('transactions:recentMeterValues').flatMap((c) => c.transactionIds)).toEqual([21]);
    expect(within(row(20)).getByText('500 Wh')).toBeTruthy();
    expect(within(row(20)).queryByText('at last reading')).toBeNull();
  });
});
