// @vitest-environment jsdom
// The Transactions screen with the bench out of reach does not contradict itself: the running sessions
// are counted as last known (in the past tense, as of when the link was lost), never "running now", and a
// list that could not be loaded never says "No transactions yet": it says the list could not be loaded.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { fakeClient, liveBench, routed, withBench, stubResizeObserver } from './fake-client';
import { aCharger, aConnector, aTransaction } from './builders';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { TransactionsScreen } from '../../src/renderer/src/features/transactions/TransactionsScreen';
import { formatClock } from '../../src/renderer/src/components/format';

stubResizeObserver();

const screens = routed({ '/transactions': <TransactionsScreen /> }, true);
const ago = (m: number) => new Date(Date.now() - m * 60_000).toISOString();
const running = aTransaction(5, 'CP-1', 1, 'TAG-A', { startTime: ago(30), receivedAt: ago(30) });
const chargers = { 'CP-1': aCharger('CP-1', { lastSeen: ago(1), lastHeartbeat: ago(1), lastBoot: ago(120), connectors: [aConnector(1, { status: 'Charging', updatedAt: ago(29) })] }) };
const unreachable = () => {
  throw new Error('The bench cannot be reached');
};

let off: (() => void) | undefined;
beforeEach(() => useBench.setState(initialBenchState, true));
afterEach(() => {
  off?.();
  cleanup();
});

describe('the Transactions screen with the bench out of reach', () => {
  it('counts the running session as last known, when the link was lost, and does not say there are no transactions', async () => {
    const since = ago(2);
    const client = fakeClient({ 'transactions:list': unreachable, 'transactions:recentMeterValues': () => [] });
    off = liveBench(client, { chargers, activeTransactions: { 5: running }, link: 'closed', linkSince: since });
    render(withBench(client, screens, '/transactions'));
    expect(await screen.findByText(/^Could not load the transactions/)).toBeTruthy();
    expect(screen.getByText(`As last known at ${formatClock(since)}, when the link to the bench was lost: 1 charging session was running.`)).toBeTruthy();
    expect(screen.queryByText(/running now/)).toBeNull();
    expect(await screen.findByText('The transactions could not be loaded (see above), so none are shown: whether there are any is not known.')).toBeTruthy();
    expect(screen.queryByText(/No transactions yet/)).toBeNull();
  });

  it('says none was running as last known, not that none is running now', async () => {
    const since = ago(2);
    const client = fakeClient({ 'transactions:list': unreachable, 'transactions:recentMeterValues': () => [] });
    off = liveBench(client, { chargers, activeTransactions: {}, link: 'silent', linkSince: since });
    render(withBench(client, screens, '/transactions?state=active'));
    expect(await screen.findByText(`As last known at ${formatClock(since)}, when the bench stopped answering this window: no charging session was running.`)).toBeTruthy();
    expect(await screen.findByText(/^Could not load the transactions/)).toBeTruthy();
    expect(await screen.findByText(/^The transactions could not be loaded/)).toBeTruthy();
    expect(screen.queryByText('No charging session is running.')).toBeNull();
    expect(screen.queryByText(/is running now/)).toBeNull();
  });

  it('with the link open, a list that failed to load still does not say there are none', async () => {
    const client = fakeClient({ 'transactions:list': unreachable, 'transactions:recentMeterValues': () => [] });
    off = liveBench(client, { chargers, activeTransactions: { 5: running } });
    render(withBench(client, screens, '/transactions'));
    expect(await screen.findByText(/^Could not load the transactions/)).toBeTruthy();
    expect(screen.getByText('1 charging session running now.')).toBeTruthy();
    expect(await screen.findByText(/^The transactions could not be loaded/)).toBeTruthy();
    expect(screen.queryByText(/No transactions yet/)).toBeNull();
  });

  it('says what is running is not known when the link was lost before the bench was ever read', async () => {
    const since = ago(1);
    const client = fakeClient({ 'transactions:list': unreachable });
    useBench.setState({ ...initialBenchState, link: 'closed', linkSince: since, loaded: false }, true);
    render(withBench(client, screens, '/transactions'));
    expect(screen.getByText(`What is running is not known: the bench cannot be reached from this window since ${formatClock(since)}.`)).toBeTruthy();
    expect(screen.queryByText(/running now/)).toBeNull();
  });
});
