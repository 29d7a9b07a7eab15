// @vitest-environment jsdom
// A running session's energy so far, asked of the bench's record (no live reading since the window
// connected): when that ask fails, "not known" is shown, and the record is asked again after a back-off
// (5 s, then longer: never in a tight loop) or as soon as the link to the bench opens again; once it
// answers, the energy shows. Unmounted, it asks no more.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { fakeClient, liveBench, withBench, type FakeClient } from './fake-client';
import { aCharger, aConnector, aTransaction, meterRows, minutesAgo } from './builders';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { energySoFarText, useRunning } from '../../src/renderer/src/components/running';
import { CallFailure } from '../../src/renderer/src/api/client';
import type { MeterValueView } from '../../src/shared/api/views';

// Session 31 runs on CP-1's connector 1 (register at 1,000 Wh at its start).
const running = aTransaction(31, 'CP-1', 1, 'TAG-31', { startTime: minutesAgo(20), receivedAt: minutesAgo(20) });
const cp1 = () => aCharger('CP-1', { connectors: [aConnector(0), aConnector(1, { status: 'Charging', updatedAt: minutesAgo(20) })] });
type Answer = { transactionId: number; meterValues: MeterValueView[] }[];

/** What a confirmation names as session 31's energy so far. */
function EnergyOfRunning() {
  const [t] = useRunning('CP-1');
  return <output>{t ? energySoFarText(t) : 'none running'}</output>;
}

let off: (() => void) | undefined;
beforeEach(() => useBench.setState(initialBenchState, true));
afterEach(() => {
  off?.();
  off = undefined;
  cleanup();
  vi.useRealTimers();
  useBench.setState(initialBenchState, true);
});

/** The record fails the first ask (the bench busy), then answers with a reading of 3,460 Wh (2.46 kWh since the start). */
function openFailingOnce(): FakeClient {
  let asks = 0;
  const client = fakeClient({
    'transactions:recentMeterValues': (): Promise<Answer> =>
      ++asks === 1
        ? Promise.reject(new CallFailure({ status: 503, message: 'The bench is busy' }))
        : Promise.resolve([{ transactionId: 31, meterValues: meterRows('CP-1', 1, minutesAgo(1), 3460, 7000, 31) }]),
  });
  off = liveBench(client, { chargers: { 'CP-1': cp1() }, activeTransactions: { 31: running } });
  render(withBench(client, <EnergyOfRunning />));
  return client;
}

const said = () => screen.getByRole('status').textContent;
const NOT_KNOWN = 'not known (the readings could not be read: The bench is busy)';
/** Lets `ms` pass on the fake clock, running what falls due (and the promises it settles). */
const pass = (ms: number) => act(async () => void (await vi.advanceTimersByTimeAsync(ms)));

describe('the energy so far, when asking the record for it fails', () => {
  it('says "not known", asks again after a back-off (not before), and then shows the energy', async () => {
    vi.useFakeTimers();
    const client = openFailingOnce();
    await pass(0);
    expect(client.callsOf('transactions:recentMeterValues')).toHaveLength(1);
    expect(said()).toBe(NOT_KNOWN);
    // Redrawn meanwhile (a reading of another connector): not asked again in a tight loop.
    const at = minutesAgo(0);
    act(() => client.emit([{ type: 'meterValues', chargerId: 'CP-1', connectorId: 2, transactionId: 99, values: meterRows('CP-1', 2, at, 100, 1000, 99), ts: at }]));
    await pass(4_000);
    expect(client.callsOf('transactions:recentMeterValues')).toHaveLength(1);
    expect(said()).toBe(NOT_KNOWN);
    await pass(1_000);
    expect(client.callsOf('transactions:recentMeterValues')).toHaveLength(2);
    expect(said()).toBe('2.46 kWh');
  });

  it('asks again as soon as the link to the bench opens again', async () => {
    const client = openFailingOnce();
    await waitFor(() => expect(said()).toBe(NOT_KNOWN));
    act(() => useBench.setState({ link: 'closed' }));
    expect(client.callsOf('transactions:recentMeterValues')).toHaveLength(1);
    act(() => useBench.setState({ link: 'open' }));
    await waitFor(() => expect(said()).toBe('2.46 kWh'));
    expect(client.callsOf('transactions:recentMeterValues')).toHaveLength(2);
  });

  it('asks no more once unmounted', async () => {
    vi.useFakeTimers();
    const client = openFailingOnce();
    await pass(0);
    expect(said()).toBe(NOT_KNOWN);
    cleanup();
    await pass(120_000);
    expect(client.callsOf('transactions:recentMeterValues')).toHaveLength(1);
  });
});
