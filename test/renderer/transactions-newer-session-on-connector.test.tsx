// @vitest-environment jsdom
// Two sessions the record holds open on one connector: the charger restarted and started a new one (19)
// while the older one's StopTransaction (10) never came. Only the newest can be running there (the rule of
// components/running): the Transactions header counts 1 running and says the other apart, #10's row says it
// is not running and why, in the rule's words, and the charger page's card names #10 as also open there.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { fakeClient, liveBench, routed, withBench, stubResizeObserver } from './fake-client';
import { aCharger, aConnector, aTransaction, minutesAgo } from './builders';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { TransactionsScreen } from '../../src/renderer/src/features/transactions/TransactionsScreen';
import { ChargerOverview } from '../../src/renderer/src/features/chargers/ChargerOverview';
import { formatWhen } from '../../src/renderer/src/components/format';
import { paths } from '../../src/renderer/src/app/routes';
import type { TransactionView } from '../../src/shared/api/views';

stubResizeObserver();

/** When the bench received the newer session's StartTransaction. */
const newerAt = minutesAgo(5);
const older = aTransaction(10, 'CP001', 1, 'TAG-OLD', { receivedAt: minutesAgo(70), startTime: minutesAgo(70) });
const newer = aTransaction(19, 'CP001', 1, 'TAG-NEW', { receivedAt: newerAt, startTime: newerAt });
const cp001 = aCharger('CP001', { lastBoot: minutesAgo(6), connectors: [aConnector(0), aConnector(1, { status: 'Charging', updatedAt: minutesAgo(4) })] });

const Stop = ({ transaction }: { transaction: TransactionView }) => <button>Stop #{transaction.transactionId}</button>;
const screens = routed({ '/transactions': <TransactionsScreen StopButton={Stop} /> }, true);
const why = () => `Not running: record says open; a newer session (transaction 19) started on connector 1 at ${formatWhen(newerAt)}`;

let off: (() => void) | undefined;
beforeEach(() => useBench.setState(initialBenchState, true));
afterEach(() => {
  off?.();
  cleanup();
  useBench.setState(initialBenchState, true);
});

const client = () =>
  fakeClient({
    'transactions:list': () => [newer, older],
    'transactions:recentMeterValues': () => [],
    'chargers:meterValues': () => [],
    'chargerEvents:list': () => [],
    'operations:list': () => [],
  });

describe('the Transactions screen with an older session still open on a connector', () => {
  it('counts only the newest as running, and says the older apart', async () => {
    const c = client();
    off = liveBench(c, { chargers: { CP001: cp001 }, activeTransactions: { 10: older, 19: newer } });
    render(withBench(c, screens, '/transactions'));
    expect(await screen.findByText('1 charging session running now; 1 held open in the record but not running (a newer session started on its connector).', {}, { timeout: 5000 })).toBeTruthy();
    expect(screen.queryByText(/2 charging sessions running now/)).toBeNull();
  });

  it("#10's row says it is not running and why, in the rule's words; #19's says Active", async () => {
    const c = client();
    off = liveBench(c, { chargers: { CP001: cp001 }, activeTransactions: { 10: older, 19: newer } });
    render(withBench(c, screens, '/transactions'));
    // Room for a loaded machine: the list comes from the bench, the live picture at most once a second.
    await screen.findByText('#10', {}, { timeout: 5000 });
    const row = (id: number) => screen.getAllByRole('row').find((r) => r.textContent?.includes(`#${id}`))!;
    await waitFor(() => expect(within(row(10)).getByText('Not running')).toBeTruthy(), { timeout: 5000 });
    expect(within(row(10)).getByLabelText(why())).toBeTruthy();
    // It cannot have run past the newer one's start: its duration is up to then (1 h 05 min), not counting on.
    expect(within(row(10)).getByText('≤ 1 h 05 min')).toBeTruthy();
    expect(within(row(19)).getByText('Active')).toBeTruthy();
    expect(within(row(19)).queryByText('Not running')).toBeNull();
  });
});

describe("the charger page's card with an older session still open on its connector", () => {
  it('names #10 as also open there, not running and why, linked to its page', () => {
    useBench.setState({ ...initialBenchState, link: 'open', loaded: true, snapshots: 1, chargers: { CP001: cp001 }, activeTransactions: { 10: older, 19: newer } }, true);
    render(withBench(client(), <ChargerOverview charger={useBench.getState().chargers.CP001!} />));
    const card = within(screen.getByRole('region', { name: 'Connector 1' }));
    expect(card.getByRole('link', { name: '#19' })).toBeTruthy();
    expect(card.getByTestId('older-open-1').textContent).toBe(
      `The record also holds transaction #10 open here, not running: a newer session (transaction 19) started on connector 1 at ${formatWhen(newerAt)}.`,
    );
    expect(card.getByRole('link', { name: '#10' }).getAttribute('href')).toBe(paths.transaction(10));
  });

  it('says nothing more with one session open', () => {
    useBench.setState({ ...initialBenchState, link: 'open', loaded: true, snapshots: 1, chargers: { CP001: cp001 }, activeTransactions: { 19: newer } }, true);
    render(withBench(client(), <ChargerOverview charger={useBench.getState().chargers.CP001!} />));
    expect(screen.queryByTestId('older-open-1')).toBeNull();
  });
});
