// @vitest-environment jsdom
// A charger's page opened while the bench's list of running sessions is slow to come: the charger is known
// (listed) before it, so a connector charging must not read "No charging session running." with Start
// offered (an installer could start a second session): "Loading session…" and Start waiting, then the
// session and Stop once the list answers.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { fakeClient, stubResizeObserver, withBench } from './fake-client';
import { aCharger, aConnector, aMeterValue, aTransaction, minutesAgo } from './builders';
import { deferred } from './deferred';
import { connectStore, initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { chargerScreens } from './charger-page-harness';
import { RunningList } from '../../src/renderer/src/components/ConfirmDialog';
import { RunningAtStart } from '../../src/renderer/src/features/commissioning/RunningAtStart';
import type { BenchStatus } from '../../src/shared/api/status';
import type { TransactionView } from '../../src/shared/api/views';

stubResizeObserver();

const cp = () =>
  aCharger('CP001', {
    connected: true,
    connectors: [aConnector(0), aConnector(1, { status: 'Charging', timestamp: minutesAgo(10) }), aConnector(2, { status: 'Available', timestamp: minutesAgo(10) })],
  });
const alice = () => aTransaction(17, 'CP001', 1, 'TAG-ALICE', { meterStart: 1000, startTime: minutesAgo(9) });

let stop: (() => void) | undefined;
beforeEach(() => useBench.setState(initialBenchState, true));
afterEach(() => {
  stop?.();
  stop = undefined;
  cleanup();
  useBench.setState(initialBenchState, true);
});

const card = (n: number) => within(screen.getByRole('region', { name: `Connector ${n}` }));

describe('a charger page while the running sessions load', () => {
  it('says "Loading session…" with Start waiting until the list answers, then shows the session and Stop', async () => {
    const running = deferred<TransactionView[]>();
    const client = fakeClient({
      'bench:status': () => ({}) as BenchStatus,
      'bench:health': () => null as never,
      'chargers:list': () => [cp()],
      'virtualChargers:list': () => [],
      'transactions:list': () => running.promise,
      'chargers:meterValues': ({ connectorId }) => (connectorId === 1 ? [aMeterValue({ chargerId: 'CP001', connectorId: 1, transactionId: null, timestamp: minutesAgo(20), value: '860' })] : []),
      'connectionAttempts:list': () => [],
      'settings:get': () => ({ heartbeatInterval: 300, unknownChargers: 'accept', requirePassword: false }) as never,
    });
    stop = connectStore(client);
    render(withBench(client, chargerScreens, '/chargers/CP001'));

    // The page's own refresh lists the charger before the snapshot (with its running sessions) lands.
    await screen.findByRole('region', { name: 'Connector 1' });
    expect(useBench.getState().loaded).toBe(false);
    const one = card(1);
    expect(one.getByText('Loading session…')).toBeTruthy();
    expect(one.queryByText('No charging session running.')).toBeNull();
    await waitFor(() => expect(one.getByTestId('meter-latest-1').textContent).not.toMatch(/Loading readings/));
    expect(one.getByTestId('meter-latest-1').textContent).toMatch(/^Register 860 Wh \(Loading session…\)$/);
    const start = one.getByRole('button', { name: 'Start session…' }) as HTMLButtonElement;
    expect(start.disabled).toBe(true);
    expect(one.getByLabelText("Waiting for the bench's list of running sessions")).toBeTruthy();
    expect(one.queryByRole('button', { name: 'Stop session…' })).toBeNull();
    // Connector 2 reports Available: the charger says no session runs there (a session the record holds open there
    // is not running either), but Start still waits for the list.
    expect(card(2).getByText('No charging session running.')).toBeTruthy();
    expect((card(2).getByRole('button', { name: 'Start session…' }) as HTMLButtonElement).disabled).toBe(true);

    await act(async () => running.resolve([alice()]));
    await waitFor(() => expect(card(1).getByRole('button', { name: 'Stop session…' })).toBeTruthy());
    expect(card(1).getByText('TAG-ALICE')).toBeTruthy();
    expect(card(1).queryByText('Loading session…')).toBeNull();
    expect(card(1).queryByRole('button', { name: 'Start session…' })).toBeNull();
    // The idle connector: now known to have none, Start offered.
    expect(card(2).getByText('No charging session running.')).toBeTruthy();
    expect((card(2).getByRole('button', { name: 'Start session…' }) as HTMLButtonElement).disabled).toBe(false);
  });
});

describe('what runs on a charger, listed before the running sessions are loaded', () => {
  const client = () => fakeClient({ 'transactions:meterReadings': () => [] as never, 'chargers:meterValues': () => [] });
  const charger = () => aCharger('CP001', { connected: true, connectors: [aConnector(0), aConnector(1, { status: 'Charging', timestamp: minutesAgo(10) })] });

  it('a confirmation (and a conformance run’s) says the list is being read, not that nothing is charging', () => {
    useBench.setState({ link: 'open', chargers: { CP001: charger() } });
    render(withBench(client(), <RunningList running={[]} emptyText="Nothing is charging on CP001 right now." />));
    expect(screen.getByText('Reading the running sessions from the bench…')).toBeTruthy();
    expect(screen.queryByText('Nothing is charging on CP001 right now.')).toBeNull();
    act(() => useBench.setState({ loaded: true }));
    expect(screen.getByText('Nothing is charging on CP001 right now.')).toBeTruthy();
  });

  it('the commissioning checks’ "running at start" says the list is being read, and nothing once none is known to run', () => {
    useBench.setState({ link: 'open', chargers: { CP001: charger() } });
    render(withBench(client(), <RunningAtStart chargerId="CP001" />));
    expect(within(screen.getByRole('region', { name: 'Sessions the checks will end' })).getByText('Reading the running sessions from the bench…')).toBeTruthy();
    act(() => useBench.setState({ loaded: true }));
    expect(screen.queryByRole('region', { name: 'Sessions the checks will end' })).toBeNull();
  });
});
