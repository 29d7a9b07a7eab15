// @vitest-environment jsdom
// A session that is not running speaks in the past on its page: one a newer session superseded (#10, #19
// open on its connector) and one its charger lost at a reboot ("Not confirmed") say what was recorded, never
// "yet", "so far" or a live reading without its time. And the Transactions list and its header never
// disagree right after a newer session stops: until the list is read again, it says it is updating rather
// than showing the stopped one Active and the older one superseded while the header counts that one running.
import { describe, expect, it } from 'vitest';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import { liveBench, withBench, stubResizeObserver } from './fake-client';
import { aCharger, aConnector, aTransaction, meterRows, minutesAgo } from './builders';
import { freshBenchEachTest, listScreen, supersededOnCp001, transactionScreens, transactionsClient } from './transaction-screens';
import { formatClock } from '../../src/renderer/src/components/format';
import type { TransactionView } from '../../src/shared/api/views';

stubResizeObserver();

const { older, newer, cp001 } = supersededOnCp001;

const live = freshBenchEachTest();

/** The page's Meter card. */
const meterCard = () => screen.getByRole('region', { name: 'Meter over the session' });
const liveWords = /\byet\b|so far|\bnow\b|They appear as/;

describe("a superseded session's page", () => {
  it('says no readings were recorded, in the past, with nothing live', async () => {
    const c = transactionsClient([newer, older]);
    live.stop = liveBench(c, { chargers: { CP001: cp001 }, activeTransactions: { 10: older, 19: newer } });
    render(withBench(c, transactionScreens, '/transactions/10'));
    await screen.findByRole('region', { name: 'Summary' }, { timeout: 5000 });
    const card = meterCard();
    expect(within(card).getByRole('heading', { level: 2 }).textContent).toBe('Readings recorded');
    expect(screen.getByTestId('transaction-meter-latest').textContent).toBe('No readings were recorded in this session');
    expect(screen.getByTestId('transaction-meter-chart').getAttribute('aria-label')).toBe('Power and energy recorded in transaction 10');
    expect(card.textContent).not.toMatch(liveWords);
  });

  it('gives its last reading with its time, not as a reading now', async () => {
    const c = transactionsClient([newer, older]);
    live.stop = liveBench(c, { chargers: { CP001: cp001 }, activeTransactions: { 10: older, 19: newer } });
    render(withBench(c, transactionScreens, '/transactions/10'));
    await screen.findByRole('region', { name: 'Summary' }, { timeout: 5000 });
    const at = minutesAgo(20);
    act(() => c.emit([{ type: 'meterValues', chargerId: 'CP001', connectorId: 1, transactionId: 10, values: meterRows('CP001', 1, at, 2500, 7400, 10), ts: at }]));
    await waitFor(() => expect(screen.getByTestId('transaction-meter-latest').textContent).toBe(`Last reading, at ${formatClock(Date.parse(at))}: 7.4 kW · 1.50 kWh`));
    expect(meterCard().textContent).not.toMatch(liveWords);
  });
});

describe('the page of a session its charger lost at a reboot', () => {
  it('with no readings says none were recorded, never "yet"', async () => {
    const lost = aTransaction(21, 'CP002', 2, 'TAG-LOST', { receivedAt: minutesAgo(30), startTime: minutesAgo(30) });
    // Rebooted 5 minutes ago; connector 2 has said Available since, and no StopTransaction came.
    const cp002 = aCharger('CP002', { connected: true, lastBoot: minutesAgo(5), connectors: [aConnector(0), aConnector(2, { status: 'Available', updatedAt: minutesAgo(4) })] });
    const c = transactionsClient([lost]);
    live.stop = liveBench(c, { chargers: { CP002: cp002 }, activeTransactions: { 21: lost } });
    render(withBench(c, transactionScreens, '/transactions/21'));
    await screen.findByRole('region', { name: 'Summary' }, { timeout: 5000 });
    expect(screen.getByText('Not confirmed')).toBeTruthy();
    const card = meterCard();
    expect(screen.getByTestId('transaction-meter-latest').textContent).toBe('No readings were recorded in this session');
    expect(within(card).getByRole('heading', { level: 2 }).textContent).toBe('Readings recorded');
    expect(card.textContent).not.toMatch(liveWords);
  });
});

describe('the Transactions list and its header right after a newer session stops', () => {
  it('never disagree: the list says it is updating until it is read again, then agrees', async () => {
    const stopped: TransactionView = { ...newer, active: false, stopTime: minutesAgo(0), meterStop: 1500, energyWh: 500, stopReason: 'Local' };
    let refetch: ((list: TransactionView[]) => void) | null = null;
    const c = transactionsClient([newer, older]);
    let calls = 0;
    c.handlers['transactions:list'] = () => (++calls === 1 ? [newer, older] : new Promise<TransactionView[]>((resolve) => (refetch = resolve)));
    live.stop = liveBench(c, { chargers: { CP001: cp001 }, activeTransactions: { 10: older, 19: newer } });
    render(withBench(c, listScreen, '/transactions'));
    const row = (id: number) => screen.getAllByRole('row').find((r) => r.textContent?.includes(`#${id}`))!;
    await screen.findByText('#10', {}, { timeout: 5000 });
    await waitFor(() => expect(within(row(10)).getByText('Not running')).toBeTruthy(), { timeout: 5000 });
    expect(screen.getByText('1 charging session running now; 1 held open in the record but not running (a newer session started on its connector).')).toBeTruthy();
    expect(within(row(19)).getByRole('button', { name: 'Stop #19' })).toBeTruthy();

    act(() => c.emit([{ type: 'transactionStopped', transaction: stopped, ts: stopped.stopTime! }]));
    // The header now counts #10 as the one running.
    await screen.findByText('1 charging session running now.', {}, { timeout: 5000 });
    // In the same frame no row contradicts it: #19 is not shown Active with Stop, #10 not superseded.
    expect(within(row(10)).queryByText('Not running')).toBeNull();
    expect(within(row(19)).queryByText('Active')).toBeNull();
    expect(within(row(19)).queryByRole('button', { name: 'Stop #19' })).toBeNull();
    // The list is read again (held pending here): it says so.
    expect(screen.getByTestId('transactions-updating').textContent).toBe('Updating the list…');
    expect(within(row(19)).getByText('Ended, updating')).toBeTruthy();

    await waitFor(() => expect(refetch).not.toBeNull());
    await act(async () => refetch!([stopped, older]));
    await waitFor(() => expect(screen.queryByTestId('transactions-updating')).toBeNull());
    expect(within(row(10)).getByText('Active')).toBeTruthy();
    expect(within(row(19)).getByText('Finished')).toBeTruthy();
    expect(screen.getByText('1 charging session running now.')).toBeTruthy();
  });
});
