// @vitest-environment jsdom
// "Bench unreachable since …" is when the link was first lost, held while this window tries again and
// again (each try: connecting, closed again), until the link is back.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, screen } from '@testing-library/react';
import { fakeClient, stubResizeObserver, type FakeClient } from './fake-client';
import { aCharger } from './builders';
import { renderChargerPage } from './charger-page-harness';
import { connectStore, initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { httpClient } from '../../src/renderer/src/api/http-client';
import type { BenchClient } from '../../src/renderer/src/api/client';
import { formatClock } from '../../src/renderer/src/components/format';
import type { BenchStatus } from '../../src/shared/api/status';
import type { BenchSettings } from '../../src/shared/api/views';
import { FakeSocket } from './fake-socket';

stubResizeObserver();

let stop: (() => void) | undefined;
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  useBench.setState(initialBenchState, true);
});
afterEach(() => {
  stop?.();
  stop = undefined;
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const pass = (ms: number) => vi.setSystemTime(Date.now() + ms);

describe('the link lost, and tried again', () => {
  it('keeps "Bench unreachable since" and the banner at the time the link was lost, through every try, until it is back', async () => {
    const charger = aCharger('CP001');
    const client: FakeClient = fakeClient({
      'bench:status': () => ({}) as BenchStatus,
      'chargers:list': () => [charger],
      'virtualChargers:list': () => [],
      'transactions:list': () => [],
      'connectionAttempts:list': () => [],
      'settings:get': () => ({ heartbeatInterval: 300, unknownChargers: 'accept', requirePassword: false }) as BenchSettings,
      'chargers:meterValues': () => [],
    });
    stop = connectStore(client);
    renderChargerPage(client, '/chargers/CP001');
    await screen.findByText(/Live ·/);
    pass(60_000);
    const lost = Date.now();
    act(() => client.setLink('closed'));
    const since = `Bench unreachable since ${formatClock(lost)}`;
    expect(screen.getByText(since)).toBeTruthy();
    // The tries of a window reconnecting with back-off: 4 s, 8 s, 10 s apart.
    for (const wait of [4_000, 8_000, 10_000]) {
      pass(wait);
      act(() => client.setLink('connecting'));
      pass(500);
      act(() => client.setLink('closed'));
      expect(screen.getByText(since)).toBeTruthy();
      expect(screen.getByRole('alert').textContent).toContain(`The bench cannot be reached from this window since ${formatClock(lost)}`);
    }
    // Back, and lost again later: since then.
    act(() => client.setLink('open'));
    expect(screen.getByText(/Live ·/)).toBeTruthy();
    pass(30_000);
    act(() => client.setLink('closed'));
    expect(screen.getByText(`Bench unreachable since ${formatClock(Date.now())}`)).toBeTruthy();
  });

  it('a silence that turns into a lost connection is down since the silence began', () => {
    const client = fakeClient({ 'bench:status': () => Promise.reject(new Error('no')) });
    stop = connectStore(client);
    pass(10_000);
    const silent = Date.now();
    client.setLink('silent');
    pass(20_000);
    client.setLink('closed');
    expect(useBench.getState()).toMatchObject({ link: 'closed', linkSince: new Date(silent).toISOString() });
  });
});

describe('the browser transport reconnecting', () => {
  let client: BenchClient | null = null;
  afterEach(() => {
    client?.close();
    client = null;
  });

  it('stays closed, since the loss, through its tries, and opens when a socket does', async () => {
    vi.useFakeTimers();
    FakeSocket.made = [];
    vi.stubGlobal('WebSocket', FakeSocket);
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('fetch failed'))),
    );
    client = httpClient('http://127.0.0.1:8180');
    const seen: Array<{ state: string; since: number }> = [];
    client.onLink((state, since) => seen.push({ state, since }));
    FakeSocket.made[0].onopen!();
    await vi.advanceTimersByTimeAsync(1_000);
    const lost = Date.now();
    FakeSocket.made[0].onclose!();
    // Each try opens a socket that closes again (serve is stopped).
    for (let tries = 1; tries <= 5; tries++) {
      await vi.advanceTimersByTimeAsync(10_000);
      expect(FakeSocket.made).toHaveLength(tries + 1);
      FakeSocket.made[tries].onclose!();
    }
    expect(seen.map((s) => s.state)).toEqual(['connecting', 'open', 'closed']);
    expect(seen.at(-1)!.since).toBe(lost);
    await vi.advanceTimersByTimeAsync(10_000);
    FakeSocket.made.at(-1)!.onopen!();
    expect(seen.at(-1)!.state).toBe('open');
  });
});
