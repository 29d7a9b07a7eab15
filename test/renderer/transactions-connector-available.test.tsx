// @vitest-environment jsdom
// A session the record holds open (#4, its StopTransaction never came) whose connector has reported
// Available since the bench recorded its start (no reboot): not running, by components/running's one rule,
// on every screen as in the dialogs. The Transactions header does not count it as running, its row says
// Not running and why and offers Close… (not Stop…) with no "no reading yet", its page says Not running with
// "No readings were recorded in this session", and the charger's connector card does not show it as the connector's session.
import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import { liveBench, withBench, stubResizeObserver } from './fake-client';
import { aCharger, aConnector, aTransaction, minutesAgo } from './builders';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { freshBenchEachTest, transactionScreens, transactionsClient } from './transaction-screens';
import { ChargerOverview } from '../../src/renderer/src/features/chargers/ChargerOverview';
import { paths } from '../../src/renderer/src/app/routes';

stubResizeObserver();

const tx4 = aTransaction(4, 'CP001', 2, 'TAG-4', { receivedAt: minutesAgo(30), startTime: minutesAgo(30) });
// Booted long before the session: not a lost-at-reboot ("Not confirmed") one.
const cp001 = aCharger('CP001', {
  connected: true,
  lastBoot: minutesAgo(120),
  connectors: [aConnector(0), aConnector(1), aConnector(2, { status: 'Available', updatedAt: minutesAgo(10) })],
});
const why = 'Not running: record says open; connector 2 reports Available';

const client = () => transactionsClient([tx4]);
const live = freshBenchEachTest();

describe('a record-open session whose connector reports Available since it started', () => {
  it('is not counted as running in the Transactions header, and its row says Not running and offers Close…', async () => {
    const c = client();
    live.stop = liveBench(c, { chargers: { CP001: cp001 }, activeTransactions: { 4: tx4 } });
    render(withBench(c, transactionScreens, '/transactions'));
    expect(
      await screen.findByText('No charging session is running now; 1 held open in the record but not running (its connector reports no session since it started).', {}, { timeout: 5000 }),
    ).toBeTruthy();
    expect(screen.queryByText(/1 charging session running now/)).toBeNull();
    await screen.findByText('#4', {}, { timeout: 5000 });
    const row = screen.getAllByRole('row').find((r) => r.textContent?.includes('#4'))!;
    await waitFor(() => expect(within(row).getByText('Not running')).toBeTruthy(), { timeout: 5000 });
    expect(within(row).getByLabelText(why)).toBeTruthy();
    expect(within(row).queryByText('Active')).toBeNull();
    expect(within(row).getByRole('button', { name: 'Close…' })).toBeTruthy();
    expect(within(row).queryByRole('button', { name: 'Stop #4' })).toBeNull();
    // None will come: not "no reading yet".
    expect(within(row).getByText('no readings recorded')).toBeTruthy();
    expect(row.textContent).not.toContain('no reading yet');
    // Up to when the connector reported Available (20 min), not counting on.
    expect(row.textContent).toContain('≤ 20 min 00 s');
  });

  it('its page says Not running and why, with no Stop and no readings to wait for', async () => {
    const c = client();
    live.stop = liveBench(c, { chargers: { CP001: cp001 }, activeTransactions: { 4: tx4 } });
    render(withBench(c, transactionScreens, '/transactions/4'));
    const summary = await screen.findByRole('region', { name: 'Summary' }, { timeout: 5000 });
    expect(screen.getByLabelText(`${why}. Close it in the record (below); a remote stop would be refused.`).textContent).toBe('Not running');
    expect(screen.queryByText('Active')).toBeNull();
    expect(summary.textContent).toContain('no StopTransaction came; not running: connector 2 reports Available since it started');
    expect(summary.textContent).not.toContain('still running');
    expect(screen.getByRole('alert', { name: 'Session 4 not running' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Close it in the record…' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Stop #4' })).toBeNull();
    expect(screen.getByTestId('transaction-meter-latest').textContent).toBe('No readings were recorded in this session');
    expect(document.body.textContent).not.toContain('They appear as the charger sends MeterValues');
  });

  it("is not the connector card's session: the card says none runs and names #4 quietly, not running and why", () => {
    useBench.setState({ ...initialBenchState, link: 'open', loaded: true, snapshots: 1, chargers: { CP001: cp001 }, activeTransactions: { 4: tx4 } }, true);
    render(withBench(client(), <ChargerOverview charger={useBench.getState().chargers.CP001!} />));
    const card = within(screen.getByRole('region', { name: 'Connector 2' }));
    expect(card.queryByText(/Charging session/)).toBeNull();
    expect(card.getByText('No charging session running.')).toBeTruthy();
    expect(card.getByTestId('older-open-2').textContent).toBe('The record also holds transaction #4 open here, not running: connector 2 reports Available since it started.');
    expect(card.getByRole('link', { name: '#4' }).getAttribute('href')).toBe(paths.transaction(4));
  });
});
