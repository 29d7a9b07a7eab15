// @vitest-environment jsdom
// A session on an offline charger (its charger killed while charging) is what the charger said at its last
// contact: its row says Last known, and the header does not count it as running now but says it apart.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { fakeClient, liveBench, routed, withBench, stubResizeObserver } from './fake-client';
import { aCharger, aConnector, aTransaction } from './builders';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { TransactionsScreen } from '../../src/renderer/src/features/transactions/TransactionsScreen';

stubResizeObserver();

const screens = routed({ '/transactions': <TransactionsScreen /> }, true);
const ago = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
const session = (id: number, chargerId: string) => aTransaction(id, chargerId, 1, `T${id}`, { startTime: ago(30), receivedAt: ago(30) });
const charging = [aConnector(1, { status: 'Charging', updatedAt: ago(29) })];
const online = aCharger('CP-ON', { lastBoot: ago(120), connectors: charging });
const killed = aCharger('CP-OFF', { connected: false, lastSeen: ago(3), lastBoot: ago(120), connectors: charging });

let off: (() => void) | undefined;
beforeEach(() => useBench.setState(initialBenchState, true));
afterEach(() => {
  off?.();
  cleanup();
});

describe('the Transactions header with a charger offline', () => {
  it('counts only the session on the online charger as running now, and the other as last known', async () => {
    const a = session(31, 'CP-ON');
    const b = session(32, 'CP-OFF');
    const client = fakeClient({ 'transactions:list': () => [a, b], 'transactions:recentMeterValues': () => [] });
    off = liveBench(client, { chargers: { 'CP-ON': online, 'CP-OFF': killed }, activeTransactions: { 31: a, 32: b } });
    render(withBench(client, screens, '/transactions'));
    expect(await screen.findByText('1 charging session running now; 1 on an offline charger, last known.')).toBeTruthy();
    expect(screen.queryByText(/2 charging sessions running now/)).toBeNull();
    await screen.findByText('#32');
    const row = screen.getAllByRole('row').find((r) => r.textContent?.includes('#32'))!;
    await waitFor(() => expect(within(row).getByText('Last known')).toBeTruthy());
  });

  it('says no session is running now when the only one is on an offline charger', async () => {
    const b = session(32, 'CP-OFF');
    const client = fakeClient({ 'transactions:list': () => [b], 'transactions:recentMeterValues': () => [] });
    off = liveBench(client, { chargers: { 'CP-OFF': killed }, activeTransactions: { 32: b } });
    render(withBench(client, screens, '/transactions'));
    expect(await screen.findByText('No charging session is running now; 1 on an offline charger, last known.')).toBeTruthy();
  });
});
