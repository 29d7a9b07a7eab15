// @vitest-environment jsdom
// Transactions on a live site: every transaction matching the filter exports to CSV through the bench (the
// CSV itself: test/integration/transactions-export.test.ts), and a running session has a Stop button
// (confirmed, sends RemoteStopTransaction) in the list and on its page.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeClient, liveBench, routed, withBench, type FakeClient, stubResizeObserver } from './fake-client';
import { aCharger, aTransaction, completed, minutesAgo } from './builders';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { TransactionDetailScreen, TransactionsScreen } from '../../src/renderer/src/app/screens';
import type { TransactionView } from '../../src/shared/api/views';

stubResizeObserver();

const screens = routed({ '/transactions': <TransactionsScreen />, '/transactions/:id': <TransactionDetailScreen /> }, true);

const LONG_TAG = 'ABCDEFGHIJ0123456789';
const finished = (n: number): TransactionView =>
  aTransaction(n, 'CP001', 1, n === 1 ? LONG_TAG : `TAG-${n}`, {
    active: false,
    stopTime: minutesAgo(1),
    stopReason: 'EVDisconnected',
    meterStop: 1000 + n,
    energyWh: n,
    startTime: '2026-03-01T09:00:00.000Z',
  });
const running = aTransaction(500, 'CP001', 2, 'TAG-ALICE');

let client: FakeClient;
let off: (() => void) | undefined;
let saved: Blob[] = [];
beforeEach(() => {
  useBench.setState(initialBenchState, true);
  saved = [];
  URL.createObjectURL = vi.fn((b: Blob) => {
    saved.push(b);
    return 'blob:test';
  }) as typeof URL.createObjectURL;
  URL.revokeObjectURL = vi.fn();
});
afterEach(() => {
  off?.();
  cleanup();
});

function open(path: string, list: TransactionView[], charger = aCharger('CP001')) {
  client = fakeClient({
    'transactions:list': ({ active }) => list.filter((t) => active === undefined || t.active === active),
    'transactions:get': ({ transactionId }) => ({ ...list.find((t) => t.transactionId === transactionId)!, meterValues: [] }),
    'transactions:meterReadings': () => ({ capped: false, shapes: {}, readings: [] }),
    'chargers:meterValues': () => [],
    'chargers:operate': () => completed({ status: 'Accepted' }),
  });
  off = liveBench(client, { chargers: { CP001: charger }, activeTransactions: { 500: running } });
  render(withBench(client, screens, path));
}

describe('transactions', () => {
  it('exports every transaction matching the filter through the bench, not only the rows loaded, and says where it went', async () => {
    const list = [running, ...Array.from({ length: 150 }, (_, i) => finished(i + 1))];
    open('/transactions?state=finished', list);
    const exportTransactions = vi.spyOn(client, 'exportTransactions');
    await screen.findByText('150 transactions');
    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(exportTransactions).toHaveBeenCalledWith({ chargerId: undefined, active: false });
    expect(await screen.findByText('The transactions download as CSV to test.csv')).toBeTruthy();
    // Not the data grid's own CSV of the rows on screen.
    expect(saved).toEqual([]);
  });

  it('exports one charger’s transactions when the list is filtered by it, and says when the export failed', async () => {
    open('/transactions?charger=CP001&state=active', [running, finished(1)]);
    const exportTransactions = vi.spyOn(client, 'exportTransactions').mockRejectedValueOnce(new Error('The bench cannot be reached'));
    await screen.findByText('1 transaction');
    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(exportTransactions).toHaveBeenCalledWith({ chargerId: 'CP001', active: true });
    expect(await screen.findByText('The export failed: The bench cannot be reached')).toBeTruthy();
  });

  it('says it is exporting until the file is written, and starts no second export meanwhile', async () => {
    open('/transactions?state=finished', [finished(1), finished(2)]);
    let written: (r: { saved: boolean; where?: string }) => void = () => {};
    const exportTransactions = vi.spyOn(client, 'exportTransactions').mockImplementation(() => new Promise((resolve) => (written = resolve)));
    await screen.findByText('2 transactions');
    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(((await screen.findByRole('button', { name: 'Exporting…' })) as HTMLButtonElement).disabled).toBe(true);
    written({ saved: true, where: 'all.csv' });
    expect(await screen.findByText('The transactions download as CSV to all.csv')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Export CSV' })).toBeTruthy();
    expect(exportTransactions).toHaveBeenCalledTimes(1);
  });

  it('stops a running session from the list after a confirmation, without opening it', async () => {
    const user = userEvent.setup();
    open('/transactions', [running, finished(1)]);
    const row = within((await screen.findByText('#500')).closest('[role="row"]') as HTMLElement);
    expect(within(screen.getByText('#1').closest('[role="row"]') as HTMLElement).queryByRole('button', { name: 'Stop…' })).toBeNull();
    await user.click(row.getByRole('button', { name: 'Stop…' }));
    const dialog = within(await screen.findByRole('dialog'));
    expect(dialog.getByText('TAG-ALICE')).toBeTruthy();
    await user.click(dialog.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(client.callsOf('chargers:operate')).toEqual([]);

    await user.click(row.getByRole('button', { name: 'Stop…' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Stop transaction 500 on connector 2 of CP001' }));
    expect(await screen.findByText('RemoteStopTransaction: Accepted')).toBeTruthy();
    expect(client.callsOf('chargers:operate')).toEqual([{ chargerId: 'CP001', action: 'RemoteStopTransaction', payload: { transactionId: 500 } }]);
    expect(screen.getByTestId('where').textContent).toBe('/transactions');
  });

  it('has Stop on a running session’s page', async () => {
    const user = userEvent.setup();
    open('/transactions/500', [running]);
    await user.click(await screen.findByRole('button', { name: 'Stop…' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Stop transaction 500 on connector 2 of CP001' }));
    expect(await screen.findByText('RemoteStopTransaction: Accepted')).toBeTruthy();
  });

  it('marks the sessions of a virtual charger as virtual', async () => {
    open('/transactions', [running], aCharger('CP001', { virtual: true }));
    const row = within((await screen.findByText('#500')).closest('[role="row"]') as HTMLElement);
    expect(row.getByRole('img', { name: /^Virtual charger/ })).toBeTruthy();
  });
});
