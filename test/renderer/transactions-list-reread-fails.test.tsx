// @vitest-environment jsdom
// The Transactions list when reading it again after a session stops FAILS: its rows, of before the stop,
// are never taken as current. No row contradicts the header (the stopped session is not shown Active with
// Stop, the one still charging not "Not running" with Close…): they keep saying "Ended, updating" beside
// the error, which offers Retry; once the list is read, list and header agree.
import { describe, expect, it } from 'vitest';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { liveBench, withBench, stubResizeObserver } from './fake-client';
import { meterRows, minutesAgo } from './builders';
import { freshBenchEachTest, listScreen, supersededOnCp001, transactionsClient } from './transaction-screens';
import { CallFailure } from '../../src/renderer/src/api/client';
import type { TransactionView } from '../../src/shared/api/views';

stubResizeObserver();

const { older, newer, cp001 } = supersededOnCp001;

const live = freshBenchEachTest();

describe('the Transactions list when reading it again after a session stops fails', () => {
  it('never shows its old rows as current: they say they are updating beside the error, and Retry makes list and header agree', async () => {
    const stopped: TransactionView = { ...newer, active: false, stopTime: minutesAgo(0), meterStop: 1500, energyWh: 500, stopReason: 'Local' };
    const c = transactionsClient([newer, older]);
    let calls = 0;
    c.handlers['transactions:list'] = () => {
      calls += 1;
      if (calls === 1) return [newer, older];
      if (calls === 2) return Promise.reject(new CallFailure({ status: 503, message: 'The bench is busy' }));
      return [stopped, older];
    };
    live.stop = liveBench(c, { chargers: { CP001: cp001 }, activeTransactions: { 10: older, 19: newer } });
    render(withBench(c, listScreen, '/transactions'));
    const row = (id: number) => screen.getAllByRole('row').find((r) => r.textContent?.includes(`#${id}`))!;
    await screen.findByText('#10', {}, { timeout: 5000 });
    await waitFor(() => expect(within(row(10)).getByText('Not running')).toBeTruthy(), { timeout: 5000 });
    expect(within(row(19)).getByRole('button', { name: 'Stop #19' })).toBeTruthy();

    act(() => c.emit([{ type: 'transactionStopped', transaction: stopped, ts: stopped.stopTime! }]));
    await screen.findByText('1 charging session running now.', {}, { timeout: 5000 });
    // The list's second read fails: the error is shown, with Retry.
    const error = await screen.findByTestId('transactions-error', {}, { timeout: 5000 });
    expect(error.textContent).toContain('The bench is busy');
    expect(calls).toBe(2);
    const alert = screen.getByRole('alert');
    const retry = within(alert).getByRole('button', { name: 'Retry' });
    // A reading of #10 after the failure: once its row shows it, the grid draws rows computed after the failure.
    const at = minutesAgo(0);
    act(() => c.emit([{ type: 'meterValues', chargerId: 'CP001', connectorId: 1, transactionId: 10, values: meterRows('CP001', 1, at, 2500, 7400, 10), ts: at }]));
    await waitFor(() => expect(within(row(10)).getByText('1.50 kWh')).toBeTruthy(), { timeout: 5000 });
    // No row contradicts the header: #19 is not Active with Stop, #10 (still charging) not "Not running" with Close….
    expect(within(row(19)).queryByText('Active')).toBeNull();
    expect(within(row(19)).queryByRole('button', { name: 'Stop #19' })).toBeNull();
    expect(within(row(19)).getByText('Ended, updating')).toBeTruthy();
    expect(within(row(10)).queryByText('Not running')).toBeNull();
    expect(within(row(10)).queryByRole('button', { name: /Close/ })).toBeNull();
    expect(screen.getByTestId('transactions-updating').textContent).toBe('The list is out of date');

    // Retry: the list is read and agrees with the header.
    fireEvent.click(retry);
    await waitFor(() => expect(screen.queryByTestId('transactions-error')).toBeNull(), { timeout: 5000 });
    expect(calls).toBe(3);
    expect(screen.queryByTestId('transactions-updating')).toBeNull();
    // The grid draws the rows read (it may lag the header by a frame).
    await waitFor(() => expect(within(row(19)).getByText('Finished')).toBeTruthy(), { timeout: 5000 });
    expect(within(row(10)).getByText('Active')).toBeTruthy();
    expect(within(row(10)).getByRole('button', { name: 'Stop #10' })).toBeTruthy();
    expect(screen.getByText('1 charging session running now.')).toBeTruthy();
  });
});
