// @vitest-environment jsdom
// A session whose charger rebooted since it started and then sent a StopTransaction for a transaction the
// bench never started (the charger's own stop with a wrong id), its connector now Preparing: Not confirmed
// on the list (not counted as running), on the card and in Stop, which offers Close it in the record instead
// of promising the charger ends it. And a power reading from before a reboot is never "Power now".
import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { useBench } from '../../src/renderer/src/stores/bench';
import { ChargerOverview } from '../../src/renderer/src/features/chargers/ChargerOverview';
import { TransactionsScreen } from '../../src/renderer/src/features/transactions/TransactionsScreen';
import { ConnectorActions, StopTransactionButton } from '../../src/renderer/src/features/operations/QuickActions';
import { formatClock } from '../../src/renderer/src/components/format';
import { fakeClient, liveBench, stubResizeObserver, withBench } from './fake-client';
import { benchResetEachTest } from './transaction-session-fixtures';
import { aCharger, aConnector, aStrayStopEvent, aTransaction, minutesAgo } from './builders';
import type { ChargerEventView, TransactionView } from '../../src/shared/api/views';

stubResizeObserver();

const startedAt = minutesAgo(10);
const bootAt = minutesAgo(1);
const stopAt = new Date(Date.parse(bootAt) + 2000).toISOString();
const tx1 = aTransaction(1, 'VCP1', 1, 'TAG1', { receivedAt: startedAt, startTime: startedAt });
const stopEvent = aStrayStopEvent('VCP1', 1001, stopAt, { meterStop: 492, reason: 'PowerLoss', frameId: 42 });
const client = (events: ChargerEventView[]) =>
  fakeClient({
    'transactions:list': () => [tx1],
    'transactions:get': () => ({ ...tx1, meterValues: [] }),
    'transactions:recentMeterValues': () => [],
    'chargers:meterValues': () => [],
    'chargerEvents:list': () => events,
    'operations:list': () => [],
  });
const rebooted = (status: 'Preparing' | 'Charging') =>
  aCharger('VCP1', { lastBoot: bootAt, connectors: [aConnector(0), aConnector(1, { status, updatedAt: new Date(Date.parse(bootAt) + 1000).toISOString() })] });

let off: (() => void) | undefined;
benchResetEachTest(() => off);

describe('a session its charger rebooted out of, with a stray StopTransaction since, its connector Preparing', () => {
  it('the Transactions list says Not confirmed and does not count it as running', async () => {
    const c = client([stopEvent]);
    off = liveBench(c, { chargers: { VCP1: rebooted('Preparing') }, activeTransactions: { 1: tx1 } });
    render(withBench(c, <TransactionsScreen StopButton={({ transaction }: { transaction: TransactionView }) => <button>Stop #{transaction.transactionId}</button>} />, '/transactions'));
    expect(
      await screen.findByText('No charging session is running now; 1 not confirmed by its charger, may still be running (its connector has not reported Available since the reboot).'),
    ).toBeTruthy();
    await screen.findByText('#1');
    const row = () => screen.getAllByRole('row').find((r) => r.textContent?.includes('#1'))!;
    await waitFor(() => expect(within(row()).getByText('Not confirmed')).toBeTruthy());
    expect(within(row()).queryByText('Active')).toBeNull();
    expect(within(row()).queryByRole('button', { name: 'Stop #1' })).toBeNull();
  });

  it("the charger's card says Not confirmed, naming the stray stop, and its power is no longer now", async () => {
    const c = client([stopEvent]);
    // 22 kW received 25 s before the reboot.
    const before = Date.parse(bootAt) - 25_000;
    off = liveBench(c, {
      chargers: { VCP1: rebooted('Preparing') },
      activeTransactions: { 1: tx1 },
      meter: { 'VCP1/1': [{ t: before, powerW: 22000, energyWh: 5000, transactionId: 1, receivedAt: before }] },
    });
    render(withBench(c, <ChargerOverview charger={useBench.getState().chargers.VCP1!} />));
    const card = within(screen.getByRole('region', { name: 'Connector 1' }));
    const alert = await card.findByRole('alert', { name: 'Session 1 not confirmed by the charger' });
    await waitFor(() => expect(alert.textContent).toContain('a StopTransaction for unknown transaction 1001 came at'));
    expect(alert.textContent).toContain('now reports Preparing');
    expect(card.getByText(/Session not confirmed by the charger/)).toBeTruthy();
    expect(card.queryByText('Power now')).toBeNull();
  });

  it('Stop offers Close it in the record instead of promising the charger ends it', async () => {
    const c = client([stopEvent]);
    off = liveBench(c, { chargers: { VCP1: rebooted('Preparing') }, activeTransactions: { 1: tx1 } });
    const stop = { chargerId: 'VCP1', transactionId: 1001, connectorId: null, at: stopAt, openThen: [1] };
    const { unmount } = render(withBench(c, <StopTransactionButton transaction={{ ...tx1, unknownStop: stop }} />));
    expect(screen.queryByRole('button', { name: 'Stop…' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Close…' })).toBeTruthy();
    unmount();
    // The connector card's Stop session… as well.
    render(withBench(c, <ConnectorActions chargerId="VCP1" connectorId={1} />));
    fireEvent.click(screen.getByRole('button', { name: 'Stop session…' }));
    const dialog = await waitFor(() => screen.getByRole('dialog', { name: 'Session #1 is not confirmed by the charger' }));
    expect(dialog.textContent).toContain('the charger may no longer run transaction 1');
    expect(dialog.textContent).toContain('a StopTransaction for unknown transaction 1001 came at');
    expect(dialog.textContent).not.toContain('Running right now');
    expect(dialog.textContent).not.toContain('the charger ends transaction 1');
    expect(within(dialog).getByRole('button', { name: 'Close it in the record…' })).toBeTruthy();
  });
});

describe('a power reading received before the charger rebooted', () => {
  it('is the last power reading, said to be from before the reboot, however recent', async () => {
    const c = client([]);
    // The session goes on after the reboot (Charging), no stray stop: only the reading's time says it is old.
    const before = Date.parse(bootAt) - 5_000;
    off = liveBench(c, {
      chargers: { VCP1: rebooted('Charging') },
      activeTransactions: { 1: tx1 },
      meter: { 'VCP1/1': [{ t: before, powerW: 22000, energyWh: 5000, transactionId: 1, receivedAt: before }] },
    });
    render(withBench(c, <ChargerOverview charger={useBench.getState().chargers.VCP1!} />));
    const card = within(screen.getByRole('region', { name: 'Connector 1' }));
    await waitFor(() => expect(card.getByText('Last power reading')).toBeTruthy());
    expect(card.queryByText('Power now')).toBeNull();
    expect(card.getByText(new RegExp(`22\\.0 kW at .*, before the charger rebooted at ${formatClock(bootAt)}`))).toBeTruthy();
  });
});
