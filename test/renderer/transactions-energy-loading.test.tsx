// @vitest-environment jsdom
// The Transactions list's Energy column while a running session's newest reading is asked of the bench's
// record (no live one since the window connected): it says it is loading, never "no reading yet" nor "—",
// which it says only once the record answered with none; when the record could not be read, "not known",
// with why. The confirmations (useRunning) say the same truth.
import { describe, expect, it } from 'vitest';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { fakeClient, liveBench, withBench, stubResizeObserver, type FakeClient } from './fake-client';
import { freshBenchEachTest, renderTransactionsList, rowOf } from './transaction-screens';
import { aCharger, aConnector, aTransaction, meterRows, minutesAgo } from './builders';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { energySoFarText, useRunning } from '../../src/renderer/src/components/running';
import { CallFailure } from '../../src/renderer/src/api/client';
import type { MeterValueView, TransactionView } from '../../src/shared/api/views';
import { deferred } from './deferred';

stubResizeObserver();

// Session 31 runs on CP-1's connector 1 (register at 1,000 Wh at its start); 32 was closed in the record (no meter stop).
const running: TransactionView = aTransaction(31, 'CP-1', 1, 'TAG-31', { startTime: minutesAgo(20), receivedAt: minutesAgo(20) });
const closed: TransactionView = aTransaction(32, 'CP-1', 2, 'TAG-32', {
  startTime: minutesAgo(60),
  active: false,
  stopTime: minutesAgo(30),
  stopReason: 'Other',
});
const cp1 = () => aCharger('CP-1', { connectors: [aConnector(0), aConnector(1, { status: 'Charging', updatedAt: minutesAgo(20) }), aConnector(2)] });

type Answer = { transactionId: number; meterValues: MeterValueView[] }[];

const bench = freshBenchEachTest();

/** The Transactions screen with `list`, the record's newest readings answered by `recent`. */
function open(list: TransactionView[], recent: () => Promise<Answer>): FakeClient {
  const client = fakeClient({ 'transactions:list': () => list, 'transactions:recentMeterValues': recent });
  bench.stop = liveBench(client, { chargers: { 'CP-1': cp1() }, activeTransactions: { 31: running } });
  renderTransactionsList(client);
  return client;
}

const row = (id: number) => rowOf(id)!;
/** The Energy cell of a row. */
const energy = (id: number) => row(id).querySelector('[data-field="energy"]') as HTMLElement;

describe('the energy of a session in the Transactions list, while the record is asked for it', () => {
  it('says it is loading, then shows the energy so far once the record answers', async () => {
    const recent = deferred<Answer>();
    const client = open([running], () => recent.promise);
    await screen.findByText('#31', {}, { timeout: 5000 });
    await waitFor(() => expect(client.callsOf('transactions:recentMeterValues')).toHaveLength(1));
    expect(energy(31).textContent).toBe('Loading…');
    expect(within(energy(31)).queryByText(/no reading yet|—/)).toBeNull();

    // Its newest stored reading: 3,460 Wh on the register, 2.46 kWh since its start.
    await act(async () => recent.resolve([{ transactionId: 31, meterValues: meterRows('CP-1', 1, minutesAgo(1), 3460, 7000, 31) }]));
    await waitFor(() => expect(within(energy(31)).getByText('2.46 kWh')).toBeTruthy());
    expect(within(energy(31)).getByText('so far')).toBeTruthy();
    expect(energy(31).textContent).not.toContain('Loading');
  });

  it('says "no reading yet" (running) and "—" (closed in the record) only once the record answered with none', async () => {
    const recent = deferred<Answer>();
    open([running, closed], () => recent.promise);
    await screen.findByText('#32', {}, { timeout: 5000 });
    await waitFor(() => expect(energy(31).textContent).toBe('Loading…'));
    expect(energy(32).textContent).toBe('Loading…');

    await act(async () =>
      recent.resolve([
        { transactionId: 31, meterValues: [] },
        { transactionId: 32, meterValues: [] },
      ]),
    );
    await waitFor(() => expect(energy(31).textContent).toBe('no reading yet'));
    expect(energy(32).textContent).toBe('—');
    expect(screen.queryByText('Loading…')).toBeNull();
  });

  it('says "not known", with why, when the record could not be read', async () => {
    open([running, closed], () => Promise.reject(new CallFailure({ status: 503, message: 'The bench is busy' })));
    await screen.findByText('#32', {}, { timeout: 5000 });
    await waitFor(() => expect(energy(31).textContent).toBe('not known'));
    expect(energy(32).textContent).toBe('not known');
    expect(within(energy(31)).getByText('not known').getAttribute('title')).toContain('The bench is busy');
  });
});

/** What a confirmation names as session 31's energy so far. */
function EnergyOfRunning() {
  const [t] = useRunning('CP-1');
  return <output>{t ? energySoFarText(t) : 'none running'}</output>;
}

describe('the energy so far a confirmation names (useRunning), while the record is asked for it', () => {
  function openConfirmation(recent: () => Promise<Answer>) {
    const client = fakeClient({ 'transactions:recentMeterValues': recent });
    bench.stop = liveBench(client, { chargers: { 'CP-1': cp1() }, activeTransactions: { 31: running } });
    render(withBench(client, <EnergyOfRunning />));
    return client;
  }

  it('says loading, then the energy, never "no reading yet" before the record answered', async () => {
    const recent = deferred<Answer>();
    const client = openConfirmation(() => recent.promise);
    await waitFor(() => expect(client.callsOf('transactions:recentMeterValues')).toHaveLength(1));
    expect(screen.getByRole('status').textContent).toBe('loading…');
    await act(async () => recent.resolve([{ transactionId: 31, meterValues: meterRows('CP-1', 1, minutesAgo(1), 3460, 7000, 31) }]));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('2.46 kWh'));
  });

  it('says "no reading yet" once the record answered with none, and "not known" when it could not be read', async () => {
    const none = deferred<Answer>();
    openConfirmation(() => none.promise);
    await act(async () => none.resolve([{ transactionId: 31, meterValues: [] }]));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('no reading yet'));
    cleanup();
    bench.stop?.();
    useBench.setState(initialBenchState, true);

    openConfirmation(() => Promise.reject(new CallFailure({ status: 503, message: 'The bench is busy' })));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('not known (the readings could not be read: The bench is busy)'));
  });
});
