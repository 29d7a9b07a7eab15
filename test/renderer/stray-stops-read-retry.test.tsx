// @vitest-environment jsdom
// The record's read of the stray StopTransactions fails: the charger's card says so (a session Not confirmed
// only by a stray stop would else show as confirmed running, with nothing said), and the read is tried again
// after 5 s, 15 s, then every 60 s, until one succeeds or the page closes; once read, the stop's Not confirmed
// words show and the failure note goes.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import { useBench } from '../../src/renderer/src/stores/bench';
import { ChargerOverview } from '../../src/renderer/src/features/chargers/ChargerOverview';
import { CallFailure } from '../../src/renderer/src/api/client';
import { fakeClient, liveBench, stubResizeObserver, withBench } from './fake-client';
import { benchResetEachTest } from './transaction-session-fixtures';
import { aCharger, aConnector, aStrayStopEvent, aTransaction, minutesAgo } from './builders';

stubResizeObserver();

const startedAt = minutesAgo(10);
const bootAt = minutesAgo(1);
const afterBoot = (ms: number) => new Date(Date.parse(bootAt) + ms).toISOString();
const tx1 = aTransaction(1, 'VCP1', 1, 'TAG1', { receivedAt: startedAt, startTime: startedAt });
const stopEvent = aStrayStopEvent('VCP1', 1001, afterBoot(2000), { meterStop: 492, reason: 'PowerLoss', frameId: 42 });
// Rebooted since the session started, its connector Charging since: Not confirmed only by the stray stop.
const charger = aCharger('VCP1', { lastBoot: bootAt, connectors: [aConnector(0), aConnector(1, { status: 'Charging', updatedAt: afterBoot(1000) })] });
const failure = () => new CallFailure({ status: 503, message: 'the record is busy' });
const client = (failures: number) => {
  let left = failures;
  return fakeClient({
    'transactions:list': () => [tx1],
    'transactions:recentMeterValues': () => [],
    'chargers:meterValues': () => [],
    'operations:list': () => [],
    // Only the read of the stray stops fails (the charger's other events, its stopped sessions, are read apart).
    'chargerEvents:list': (args) => (args.action !== 'StopTransaction' || !args.warning ? [] : left-- > 0 ? Promise.reject(failure()) : [stopEvent]),
  });
};
const UNREAD = 'Stray StopTransactions could not be read: the record is busy; retrying.';
const wait = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

let off: (() => void) | undefined;
benchResetEachTest(() => off);
beforeEach(() => vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['setTimeout', 'clearTimeout'] }));
afterEach(() => vi.useRealTimers());

describe("a charger's page whose read of the stray StopTransactions fails", () => {
  it('says so on the card, and once a retry reads them, says Not confirmed naming the stop', async () => {
    const c = client(1);
    off = liveBench(c, { chargers: { VCP1: charger }, activeTransactions: { 1: tx1 } });
    render(withBench(c, <ChargerOverview charger={useBench.getState().chargers.VCP1!} />));
    const card = within(screen.getByRole('region', { name: 'Connector 1' }));
    await waitFor(() => expect(card.getByText(UNREAD)).toBeTruthy());
    expect(card.queryByRole('alert', { name: 'Session 1 not confirmed by the charger' })).toBeNull();
    await wait(5_000);
    const alert = await card.findByRole('alert', { name: 'Session 1 not confirmed by the charger' });
    expect(alert.textContent).toContain('a StopTransaction for unknown transaction 1001 came at');
    expect(card.queryByText(UNREAD)).toBeNull();
  });

  it('tries again after 5 s, 15 s, then every 60 s, and no more once the page is closed', async () => {
    const c = client(Infinity);
    off = liveBench(c, { chargers: { VCP1: charger }, activeTransactions: { 1: tx1 } });
    const { unmount } = render(withBench(c, <ChargerOverview charger={useBench.getState().chargers.VCP1!} />));
    await waitFor(() => expect(screen.getByText(UNREAD)).toBeTruthy());
    const reads = () => c.callsOf('chargerEvents:list').filter((a) => a.action === 'StopTransaction' && a.warning).length;
    expect(reads()).toBe(1);
    await wait(5_000);
    expect(reads()).toBe(2);
    await wait(14_000);
    expect(reads()).toBe(2);
    await wait(1_000);
    expect(reads()).toBe(3);
    await wait(60_000);
    expect(reads()).toBe(4);
    await wait(60_000);
    expect(reads()).toBe(5);
    expect(screen.getByText(UNREAD)).toBeTruthy();
    unmount();
    await wait(120_000);
    expect(reads()).toBe(5);
  });
});
