// @vitest-environment jsdom
// A session its charger has lost (rebooted, Available since, no StopTransaction) is not shown as running:
// counted apart, its duration and energy up to its last reading, Close in the record instead of Stop; and
// once closed, its energy from its meter values and the note's time in the user's locale.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { fakeClient, liveBench, withBench, stubResizeObserver } from './fake-client';
import { aCharger, aConnector, aTransaction } from './builders';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { runningCounts, runningWords, TransactionsScreen } from '../../src/renderer/src/features/transactions/TransactionsScreen';
import { CloseInRecord } from '../../src/renderer/src/components/UnconfirmedSession';
import { TransactionDetailScreen } from '../../src/renderer/src/features/transactions/TransactionDetailScreen';
import { MiddleEllipsis } from '../../src/renderer/src/components/MiddleEllipsis';
import { formatDateTime } from '../../src/renderer/src/components/format';
import type { ChargerView, TransactionView } from '../../src/shared/api/views';

stubResizeObserver();

const Stop = ({ transaction }: { transaction: TransactionView }) => <button>Stop #{transaction.transactionId}</button>;
const screens = (
  <Routes>
    <Route path="/transactions" element={<TransactionsScreen StopButton={Stop} />} />
    <Route path="/transactions/:id" element={<TransactionDetailScreen StopButton={Stop} />} />
  </Routes>
);

const ago = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
const running = (transactionId: number, chargerId: string): TransactionView => aTransaction(transactionId, chargerId, 1, `T${transactionId}`, { startTime: ago(30), receivedAt: ago(30) });
const charger = (id: string, over: Partial<ChargerView>): ChargerView =>
  aCharger(id, { firstSeen: ago(120), lastSeen: ago(1), lastHeartbeat: ago(1), remoteAddress: null, lastBoot: ago(120), boot: null, connectors: [], ...over });
const connector = (status: 'Available' | 'Charging', updatedAt: string) => aConnector(1, { status, updatedAt });

const lost = running(21, 'SITE-CP-0001');
const live = running(22, 'SITE-CP-0002');
const chargers = {
  // Rebooted 5 min ago; Available since.
  'SITE-CP-0001': charger('SITE-CP-0001', { lastBoot: ago(5), connectors: [connector('Available', ago(4))] }),
  'SITE-CP-0002': charger('SITE-CP-0002', { connectors: [connector('Charging', ago(29))] }),
};
// The lost session's last reading, 10 min ago (20 min after its start): 1,460 Wh delivered.
const lastReadingAt = Date.now() - 10 * 60_000;
const meter = { 'SITE-CP-0001/1': [{ t: lastReadingAt, energyWh: 2460, powerW: 7000, transactionId: 21 }] };

let off: (() => void) | undefined;
beforeEach(() => useBench.setState(initialBenchState, true));
afterEach(() => {
  off?.();
  cleanup();
});

describe('the Transactions list', () => {
  it('counts a lost session apart and shows it up to its last reading, with Close in the record instead of Stop', async () => {
    const client = fakeClient({ 'transactions:list': () => [lost, live], 'transactions:recentMeterValues': () => [] });
    off = liveBench(client, { chargers, activeTransactions: { 21: lost, 22: live }, meter });
    render(withBench(client, screens, '/transactions'));
    expect(await screen.findByText('1 charging session running now; 1 not confirmed by its charger (most likely lost).')).toBeTruthy();
    await screen.findByText('#21');
    const row = (id: number) => screen.getAllByRole('row').find((r) => r.textContent?.includes(`#${id}`))!;
    await waitFor(() => expect(within(row(21)).getByText('Not confirmed')).toBeTruthy());
    expect(within(row(21)).getByText('≥ 20 min 00 s')).toBeTruthy();
    expect(within(row(21)).getByText('at last reading')).toBeTruthy();
    expect(within(row(21)).queryByText('so far')).toBeNull();
    expect(within(row(21)).queryByRole('button', { name: 'Stop #21' })).toBeNull();
    expect(within(row(21)).getByRole('button', { name: 'Close…' })).toBeTruthy();
    expect(within(row(22)).getByRole('button', { name: 'Stop #22' })).toBeTruthy();
    // The charger's id keeps its end, whatever the column's width.
    expect(row(21).querySelector('[data-full="SITE-CP-0001"]')?.lastElementChild?.textContent).toBe('-0001');
  });
});

describe('a session not confirmed whose connector reports a session since the reboot (may still run)', () => {
  // Rebooted 5 min ago; its connector has reported Charging since: the charger may still run session #23.
  const mayRun = running(23, 'SITE-CP-0003');
  const rebootedCharging = charger('SITE-CP-0003', { lastBoot: ago(5), connectors: [connector('Charging', ago(4))] });
  const unknownStop = { chargerId: 'SITE-CP-0003', transactionId: 9001, connectorId: null, at: ago(3) };

  it('the count says it may still be running, apart from a lost one, never "most likely lost" for it', () => {
    const s = { chargers: { ...chargers, 'SITE-CP-0003': rebootedCharging }, activeTransactions: { 21: lost, 22: live, 23: mayRun } };
    const counts = runningCounts(s, (tx) => (tx.transactionId === 23 ? { ...unknownStop, openThen: [23] } : null));
    expect(counts).toMatchObject({ running: 1, unconfirmed: 1, mayStillRun: 1 });
    expect(runningWords(counts)).toBe(
      '1 charging session running now; 1 not confirmed by its charger (most likely lost); 1 not confirmed by its charger, may still be running (its connector has not reported Available since the reboot).',
    );
  });

  it("its row's Close… says it may still be running, not that the charger most likely lost it", async () => {
    const client = fakeClient({ 'transactions:list': () => [mayRun], 'transactions:recentMeterValues': () => [], 'chargerEvents:list': () => [] });
    off = liveBench(client, { chargers: { 'SITE-CP-0003': rebootedCharging }, activeTransactions: { 23: mayRun } });
    render(withBench(client, <CloseInRecord tx={mayRun} compact />));
    const close = screen.getByRole('button', { name: 'Close…' });
    expect(close.getAttribute('title')).toMatch(/^The charger has not confirmed session #23 since its reboot \(it may still be running\): a remote stop may be refused\./);
    expect(close.getAttribute('title')).not.toContain('most likely lost');
  });
});

describe('the page of a session', () => {
  const calls = (tx: TransactionView) => ({
    'transactions:get': () => ({ ...tx, meterValues: [] }),
    'transactions:meterReadings': () => ({
      capped: false,
      shapes: { 1: ['Energy.Active.Import.Register', null, 'Wh', 'Sample.Periodic', null, 'Raw'] as never },
      readings: [[0, 1, lastReadingAt, [1, '2460'], 0]] as never,
    }),
  });

  it('marks a lost session Not confirmed, not Active or still running, with Close in the record instead of Stop', async () => {
    const client = fakeClient(calls(lost));
    off = liveBench(client, { chargers, activeTransactions: { 21: lost } });
    render(withBench(client, screens, '/transactions/21'));
    const summary = await screen.findByRole('region', { name: 'Summary' });
    expect(screen.getByText('Not confirmed')).toBeTruthy();
    expect(screen.queryByText('Active')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Stop #21' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Close it in the record…' })).toBeTruthy();
    expect(summary.textContent).not.toContain('still running');
    expect(summary.textContent).not.toContain('so far');
    await waitFor(() => expect(summary.textContent).toContain('20 min 00 s up to its last reading'));
    expect(within(summary).getByTestId('transaction-energy-last-reading')).toBeTruthy();
  });

  it('once closed in the record, shows the energy from its last reading and the note in local time', async () => {
    const at = '2026-12-05T09:08:02.536Z';
    const closed: TransactionView = {
      ...lost,
      active: false,
      stopTime: at,
      stopReason: 'Other',
      warning: `Closed in the record at ${at} by the bench's user: the charger no longer reported this session`,
    };
    const client = fakeClient(calls(closed));
    off = liveBench(client, { chargers });
    render(withBench(client, screens, '/transactions/21'));
    const summary = await screen.findByRole('region', { name: 'Summary' });
    await waitFor(() => expect(summary.textContent).toContain('1.46 kWh'));
    expect(within(summary).getByTestId('transaction-energy-last-reading').textContent).toContain('from its last reading');
    expect(summary.textContent).not.toContain(at);
    expect(summary.textContent).toContain(`Closed in the record at ${formatDateTime(at)}`);
  });
});

describe('an id cut in its middle', () => {
  it('keeps the end that tells chargers apart, and the whole in its title', () => {
    render(<MiddleEllipsis text="SITE-CP-0001" />);
    const el = document.querySelector('[data-full]')!;
    expect(el.getAttribute('title')).toBe('SITE-CP-0001');
    expect(el.lastElementChild?.textContent).toBe('-0001');
  });
});
