// @vitest-environment jsdom
// A transaction's page, as the app draws it (Stop beside the title), for a running session on a charger
// that is offline: the state, power, energy and duration as last known, Stop disabled and why; live again
// once the charger reconnects; a finished session's values final, not stale.
import { describe, expect, it } from 'vitest';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeClient, liveBench, routed, withBench, stubResizeObserver } from './fake-client';
import { useBench } from '../../src/renderer/src/stores/bench';
import { formatDuration } from '../../src/renderer/src/features/transactions/TransactionsTable';
import { TransactionDetailScreen as AppTransactionDetailScreen } from '../../src/renderer/src/app/screens';
import { formatClock, formatTime } from '../../src/renderer/src/components/format';
import { aCharger } from './builders';
import { aTransaction, benchResetEachTest, meterValue, sessionCalls } from './transaction-session-fixtures';

stubResizeObserver();

let off: (() => void) | undefined;
benchResetEachTest(() => off);

describe('a running session on a charger that is offline', () => {
  // As the app has it: with Stop (the quick action) beside the title.
  const appScreens = routed({ '/transactions/:id': <AppTransactionDetailScreen /> });
  const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

  function openOffline() {
    const running = aTransaction({ startTime: ago(10), meterStop: null, stopTime: null, stopReason: null, energyWh: null, active: true });
    // The last reading, 4 min ago: 22 kW, 1.16 kWh delivered; the charger was last heard from 3 min ago.
    const readAt = ago(4);
    const values = [meterValue(1, readAt, 'Energy.Active.Import.Register', '11160', 'Wh'), meterValue(2, readAt, 'Power.Active.Import', '22000', 'W')];
    const client = fakeClient(sessionCalls(() => ({ ...running, meterValues: values })));
    const lastSeen = ago(3);
    off = liveBench(client, { chargers: { 'CP-1': aCharger('CP-1', { connected: false, lastSeen }) }, activeTransactions: { 12: running } });
    render(withBench(client, appScreens, '/transactions/12'));
    return { client, running, readAt, lastSeen };
  }

  it('says the charger is offline since when, marks the state, power, energy and duration as the last known, and says why Stop is disabled', async () => {
    const user = userEvent.setup();
    const { readAt, lastSeen } = openOffline();
    expect(await screen.findByRole('heading', { name: 'Transaction #12' })).toBeTruthy();
    // The same notice as the charger's page: offline, last seen when.
    expect(screen.getByTestId('charger-offline-notice').textContent).toBe(
      `CP-1 is offline: last seen ${formatTime(lastSeen)} (3 min ago). This session is active in the record, but its duration, power and energy below are the last known, not live; Stop is disabled until the charger connects again.`,
    );
    // No blue "Active": the record's state, drawn as last known.
    expect(screen.queryByText('Active')).toBeNull();
    const chip = screen.getByText('Active (last known)').closest('.MuiChip-root') as HTMLElement;
    expect(chip.className).toMatch(/MuiChip-colorDefault/);
    expect(chip.getAttribute('data-stale')).not.toBeNull();
    // Power and energy as of their reading, with its time; not "now".
    expect(screen.getByTestId('transaction-meter-latest').textContent).toBe('Last known: 22.0 kW · 1.16 kWh');
    expect(screen.getByText(`at ${formatClock(readAt)} (4 min ago)`)).toBeTruthy();
    const summary = within(screen.getByRole('region', { name: 'Summary' }));
    expect(summary.getByText('1.16 kWh')).toBeTruthy();
    expect(summary.getByTestId('transaction-energy-last-known').textContent).toBe(`last known, read at ${formatClock(readAt)} (4 min ago)`);
    // The duration stops at the last contact (10 min ago to 3 min ago), not "so far".
    expect(summary.getByText(`≥ 7 min 00 s up to the last contact at ${formatClock(lastSeen)}; active in the record`)).toBeTruthy();
    expect(summary.queryByText(/so far/)).toBeNull();
    expect(summary.queryByText('still running')).toBeNull();
    expect(summary.getByText('none recorded up to the last contact')).toBeTruthy();
    // Stop is disabled, and says why.
    const stop = screen.getByRole('button', { name: 'Stop…' }) as HTMLButtonElement;
    expect(stop.disabled).toBe(true);
    await user.hover(stop.parentElement as HTMLElement);
    expect((await screen.findByRole('tooltip')).textContent).toBe('CP-1 is offline (last seen 3 min ago): connect it to send.');
  });

  it('is live again once the charger reconnects, and with the bench out of reach shows the last known up to then', async () => {
    const { running } = openOffline();
    expect(await screen.findByText('Active (last known)')).toBeTruthy();
    act(() => useBench.setState((s) => ({ chargers: { 'CP-1': { ...s.chargers['CP-1'], connected: true, lastSeen: new Date().toISOString() } } })));
    expect(screen.getByText('Active')).toBeTruthy();
    expect(screen.queryByTestId('charger-offline-notice')).toBeNull();
    const summary = within(screen.getByRole('region', { name: 'Summary' }));
    expect(summary.getByText(/^10 min 0\d s so far$/)).toBeTruthy();
    expect(screen.getByTestId('transaction-meter-latest').textContent).toBe('22.0 kW · 1.16 kWh');
    expect((screen.getByRole('button', { name: 'Stop…' }) as HTMLButtonElement).disabled).toBe(false);

    // The link to the bench lost (the layout's banner says so): as of then, not live.
    const since = ago(1);
    act(() => useBench.setState({ link: 'closed', linkSince: since }));
    expect(screen.getByText('Active (last known)')).toBeTruthy();
    expect(screen.queryByTestId('charger-offline-notice')).toBeNull();
    expect(summary.getByText(`≥ ${formatDuration(Date.parse(since) - Date.parse(running.startTime))} up to the last contact at ${formatClock(since)}; active in the record`)).toBeTruthy();
    expect(screen.getByTestId('transaction-meter-latest').textContent).toBe('Last known: 22.0 kW · 1.16 kWh');
  });

  it('keeps an offline charger’s last contact when the bench stops answering after it went offline: not the link loss', async () => {
    const { lastSeen } = openOffline();
    expect(await screen.findByText('Active (last known)')).toBeTruthy();
    const summary = within(screen.getByRole('region', { name: 'Summary' }));
    const upToLastSeen = `≥ 7 min 00 s up to the last contact at ${formatClock(lastSeen)}; active in the record`;
    expect(summary.getByText(upToLastSeen)).toBeTruthy();
    act(() => useBench.setState({ link: 'silent', linkSince: ago(1) }));
    expect(summary.getByText(upToLastSeen)).toBeTruthy();
  });

  it('keeps a finished session as it is: its values are final, not stale', async () => {
    const values = [meterValue(1, '2025-05-01T10:30:00.000Z', 'Energy.Active.Import.Register', '13700', 'Wh'), meterValue(2, '2025-05-01T10:30:00.000Z', 'Power.Active.Import', '7400', 'W')];
    const client = fakeClient(sessionCalls(() => ({ ...aTransaction(), meterValues: values })));
    off = liveBench(client, { chargers: { 'CP-1': aCharger('CP-1', { connected: false, lastSeen: ago(3) }) } });
    render(withBench(client, appScreens, '/transactions/12'));
    expect(await screen.findByText('Finished')).toBeTruthy();
    expect(screen.queryByTestId('charger-offline-notice')).toBeNull();
    expect(within(screen.getByRole('region', { name: 'Summary' })).getByText('1 h 00 min')).toBeTruthy();
    expect(screen.getByTestId('transaction-meter-latest').textContent).toBe(`7.40 kWh delivered · power at its last reading: 7.4 kW at ${formatClock('2025-05-01T10:30:00.000Z')}`);
  });
});
