// @vitest-environment jsdom
// The Transactions list's Duration of a running session is to the second ("10 min 00 s"): it moves every
// second, never a value that looks live yet is up to 15 s old. A finished session's stays as it is.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act } from '@testing-library/react';
import { fakeClient, liveBench, stubResizeObserver } from './fake-client';
import { freshBenchEachTest, renderTransactionsList, rowOf } from './transaction-screens';
import { aCharger, aConnector, aTransaction, minutesAgo } from './builders';
import type { TransactionView } from '../../src/shared/api/views';

stubResizeObserver();

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-03-02T10:00:00.200Z'));
});
afterEach(() => vi.useRealTimers());
const bench = freshBenchEachTest();

/** Lets `ms` pass on the fake clock, running what falls due (and the promises it settles). */
const pass = (ms: number) => act(async () => void (await vi.advanceTimersByTimeAsync(ms)));
const row = rowOf;
const duration = (id: number) => row(id)?.querySelector('[data-field="duration"]')?.textContent;

describe("a session's Duration in the Transactions list", () => {
  it('moves every second while it runs; a finished one stays', async () => {
    const running = aTransaction(41, 'CP-1', 1, 'TAG-41', { startTime: minutesAgo(10), receivedAt: minutesAgo(10) });
    const finished: TransactionView = {
      ...aTransaction(40, 'CP-1', 2, 'TAG-40', { startTime: minutesAgo(50), receivedAt: minutesAgo(50) }),
      active: false,
      stopTime: minutesAgo(30),
      meterStop: 2000,
      energyWh: 1000,
      stopReason: 'Local',
    };
    const client = fakeClient({ 'transactions:list': () => [running, finished], 'transactions:recentMeterValues': () => [] });
    bench.stop = liveBench(client, {
      chargers: { 'CP-1': aCharger('CP-1', { connected: true, connectors: [aConnector(0), aConnector(1, { status: 'Charging', updatedAt: minutesAgo(10) }), aConnector(2)] }) },
      activeTransactions: { 41: running },
    });
    renderTransactionsList(client);
    for (let i = 0; i < 50 && !row(41); i++) await pass(10);
    expect(duration(41)).toMatch(/^10 min 0\d s$/);
    expect(duration(40)).toBe('20 min 00 s');
    const before = duration(41);
    await pass(1_000);
    const after = duration(41);
    expect(after).not.toBe(before);
    await pass(1_000);
    expect(duration(41)).not.toBe(after);
    expect(duration(40)).toBe('20 min 00 s');
  });
});
