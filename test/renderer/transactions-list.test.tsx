// @vitest-environment jsdom
// The Transactions list: shows what 'transactions:list' returns, filters by charger and state through the
// URL, refetches as sessions start and stop, and gives each running session's energy and state as the
// bench knows it (live, not confirmed, or last known of an offline charger).
import { describe, expect, it } from 'vitest';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeClient, liveBench, withBench, stubResizeObserver } from './fake-client';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { aCharger, aConnector } from './builders';
import type { MeterValueView, TransactionView } from '../../src/shared/api/views';
import { aTransaction, benchResetEachTest, listAndDetailScreens as screens, meterValue } from './transaction-session-fixtures';

stubResizeObserver();

let off: (() => void) | undefined;
benchResetEachTest(() => off);

describe('transactions list', () => {
  it('lists the sessions from transactions:list, filters them and refetches as sessions start', async () => {
    const finished = aTransaction();
    const running = aTransaction({
      transactionId: 13,
      chargerId: 'CP-2',
      connectorId: 1,
      idTag: 'TAG-B',
      meterStart: 0,
      meterStop: null,
      stopTime: null,
      stopReason: null,
      energyWh: null,
      active: true,
    });
    const client = fakeClient({ 'transactions:list': ({ active }) => [running, finished].filter((t) => active === undefined || t.active === active) });
    off = liveBench(client);
    render(withBench(client, screens, '/transactions'));

    const row12 = within((await screen.findByText('#12')).closest('[role="row"]') as HTMLElement);
    expect(row12.getByText('CP-1')).toBeTruthy();
    expect(row12.getByText('TAG-A')).toBeTruthy();
    expect(row12.getByText('7.40 kWh')).toBeTruthy();
    expect(row12.getByText('EVDisconnected')).toBeTruthy();
    expect(row12.getByText('Finished')).toBeTruthy();
    const row13 = within(screen.getByText('#13').closest('[role="row"]') as HTMLElement);
    expect(row13.getByText('Active')).toBeTruthy();
    expect(client.callsOf('transactions:list')).toEqual([{ chargerId: undefined, active: undefined, limit: 10_000 }]);

    await userEvent.click(screen.getByRole('button', { name: 'Active' }));
    await waitFor(() => expect(screen.queryByText('#12')).toBeNull());
    expect(screen.getByText('#13')).toBeTruthy();
    expect(client.callsOf('transactions:list').at(-1)).toMatchObject({ active: true });
    expect(screen.getByTestId('where').textContent).toBe('/transactions?state=active');

    // A session starting anywhere bumps transactionsVersion: the list fetches again.
    const before = client.callsOf('transactions:list').length;
    act(() => client.emit([{ type: 'transactionStarted', transaction: aTransaction({ transactionId: 14, active: true, stopTime: null }), ts: '2025-05-01T12:00:00.000Z' }]));
    await waitFor(() => expect(client.callsOf('transactions:list').length).toBe(before + 1));
    // A fleet starting sessions one after another: the list is asked again once for them all (a second
    // after the last time), not once per session.
    // (All in one go: on a loaded machine ten separate renders could themselves take more than that second.)
    act(() => {
      for (let id = 15; id < 25; id++) client.emit([{ type: 'transactionStarted', transaction: aTransaction({ transactionId: id, active: true, stopTime: null }), ts: '2025-05-01T12:00:01.000Z' }]);
    });
    await waitFor(() => expect(client.callsOf('transactions:list').length).toBe(before + 2), { timeout: 2000 });
    await new Promise((r) => setTimeout(r, 1200));
    expect(client.callsOf('transactions:list').length).toBe(before + 2);
  });

  it("gives a running session's energy so far from the record until a live reading comes, and says when there is none", async () => {
    const running = (over: Partial<TransactionView>) => aTransaction({ meterStop: null, stopTime: null, stopReason: null, energyWh: null, active: true, ...over });
    const list = [
      running({ transactionId: 21, connectorId: 1, meterStart: 1000 }),
      running({ transactionId: 22, connectorId: 2, meterStart: 0 }),
      running({ transactionId: 23, connectorId: 3, meterStart: 9000 }),
    ];
    const stored: Record<number, MeterValueView[]> = {
      21: [{ ...meterValue(1, '2025-05-01T10:20:00.000Z', 'Energy.Active.Import.Register', '5200', 'Wh'), connectorId: 1, transactionId: 21 }],
      22: [],
      23: [{ ...meterValue(2, '2025-05-01T10:20:00.000Z', 'Energy.Active.Import.Register', '8000', 'Wh'), connectorId: 3, transactionId: 23 }],
    };
    const client = fakeClient({
      'transactions:list': () => list,
      'transactions:recentMeterValues': ({ transactionIds }) => transactionIds.map((transactionId) => ({ transactionId, meterValues: stored[transactionId] ?? [] })),
    });
    off = liveBench(client);
    render(withBench(client, screens, '/transactions'));
    const cellOf = async (id: number) => within((await screen.findByText(`#${id}`)).closest('[role="row"]') as HTMLElement);
    expect((await cellOf(21)).getByText('4.20 kWh')).toBeTruthy();
    // One call for the three sessions.
    await waitFor(() => expect(client.callsOf('transactions:recentMeterValues')).toEqual([{ transactionIds: [21, 22, 23], limit: 50 }]));
    expect((await cellOf(22)).getByText('no reading yet')).toBeTruthy();
    expect((await cellOf(23)).getByText('meter went backwards').getAttribute('title')).toMatch(/below meterStart/);
    // A live reading takes over from what the record gave when the screen opened.
    act(() =>
      client.emit([
        {
          type: 'meterValues',
          chargerId: 'CP-1',
          connectorId: 2,
          transactionId: 22,
          ts: '2025-05-01T10:30:00.000Z',
          values: [{ ...meterValue(3, '2025-05-01T10:30:00.000Z', 'Energy.Active.Import.Register', '1500', 'Wh'), connectorId: 2, transactionId: 22 }],
        },
      ]),
    );
    await waitFor(async () => expect((await cellOf(22)).getByText('1.50 kWh')).toBeTruthy());
    expect(client.callsOf('transactions:recentMeterValues')).toHaveLength(1);
  });

  it('asks for the list once when opened before the first snapshot', async () => {
    const client = fakeClient({ 'transactions:list': () => [aTransaction()] });
    useBench.setState({ ...initialBenchState }, true);
    render(withBench(client, screens, '/transactions'));
    act(() => useBench.setState({ link: 'open' }));
    act(() => useBench.setState((s) => ({ loaded: true, snapshots: 1, transactionsVersion: s.transactionsVersion + 1 })));
    expect(await screen.findByText('#12')).toBeTruthy();
    expect(client.callsOf('transactions:list')).toHaveLength(1);
  });

  it('marks a running session its rebooted charger no longer reports as Not confirmed, and the others Active', async () => {
    const ago = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
    const runningSince30 = (transactionId: number, chargerId: string, connectorId: number) =>
      aTransaction({ transactionId, chargerId, connectorId, startTime: ago(30), receivedAt: ago(30), meterStop: null, stopTime: null, stopReason: null, energyWh: null, active: true });
    const lost = runningSince30(21, 'CP-1', 2);
    const live = runningSince30(22, 'CP-2', 1);
    const client = fakeClient({ 'transactions:list': () => [lost, live] });
    off = liveBench(client, {
      chargers: {
        // Rebooted 5 minutes ago; connector 2 has said Available since.
        'CP-1': aCharger('CP-1', {
          lastBoot: ago(5),
          connectors: [{ connectorId: 2, status: 'Available', errorCode: 'NoError', info: null, vendorId: null, vendorErrorCode: null, timestamp: null, updatedAt: ago(4) }],
        }),
        'CP-2': aCharger('CP-2', {
          lastBoot: ago(60),
          connectors: [{ connectorId: 1, status: 'Charging', errorCode: 'NoError', info: null, vendorId: null, vendorErrorCode: null, timestamp: null, updatedAt: ago(29) }],
        }),
      },
      activeTransactions: { 21: lost, 22: live },
    });
    render(withBench(client, screens, '/transactions'));
    await screen.findByText('#21');
    const row = (id: number) => screen.getAllByRole('row').find((r) => r.textContent?.includes(`#${id}`))!;
    await waitFor(() => expect(within(row(21)).getByText('Not confirmed')).toBeTruthy());
    expect(within(row(22)).getByText('Active')).toBeTruthy();
    expect(within(row(22)).queryByText('Not confirmed')).toBeNull();
  });

  it('shows a running session of an offline charger as last known: no ticking duration, energy at the last contact, not Active', async () => {
    const ago = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
    const t = aTransaction({
      transactionId: 31,
      chargerId: 'CP-OFF',
      connectorId: 1,
      startTime: ago(30),
      receivedAt: ago(30),
      meterStop: null,
      stopTime: null,
      stopReason: null,
      energyWh: null,
      active: true,
    });
    const client = fakeClient({ 'transactions:list': () => [t] });
    off = liveBench(client, {
      // Its connector charging since the start (last known), not Available since then.
      chargers: {
        'CP-OFF': aCharger('CP-OFF', { connected: false, lastSeen: ago(10), lastBoot: ago(60), connectors: [aConnector(0), aConnector(1, { status: 'Charging', updatedAt: ago(30) }), aConnector(2)] }),
      },
      activeTransactions: { 31: t },
      meter: { 'CP-OFF/1': [{ t: Date.now() - 11 * 60_000, energyWh: 12_100, powerW: 7000, transactionId: 31 }] },
    });
    render(withBench(client, screens, '/transactions'));
    await screen.findByText('#31');
    const row = screen.getAllByRole('row').find((r) => r.textContent?.includes('#31'))!;
    // 20 minutes from the start to the last contact, not the 30 up to now.
    expect(within(row).getByText('≥ 20 min 00 s')).toBeTruthy();
    expect(within(row).getByText('Last known')).toBeTruthy();
    expect(within(row).queryByText('Active')).toBeNull();
    expect(within(row).getByText('at last contact')).toBeTruthy();
    expect(within(row).queryByText('so far')).toBeNull();
  });

  it('filters by charger from the URL and opens a session on Enter', async () => {
    const client = fakeClient({ 'transactions:list': () => [aTransaction()] });
    off = liveBench(client);
    render(withBench(client, screens, '/transactions?charger=CP-1'));
    expect((screen.getByLabelText('Charger') as HTMLInputElement).value).toBe('CP-1');
    const cell = await screen.findByText('TAG-A');
    expect(client.callsOf('transactions:list')[0]).toMatchObject({ chargerId: 'CP-1' });
    await userEvent.click(cell);
    await userEvent.keyboard('{Enter}');
    expect(screen.getByTestId('where').textContent).toBe('/transactions/12');
  });
});
