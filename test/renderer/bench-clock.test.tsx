// @vitest-environment jsdom
// Serve mode in a browser whose clock is off the bench's: every time on screen was stamped by the bench, so
// "ago", "no data arriving" and an overdue heartbeat are judged on the bench's clock, as its event stream
// tells it (hello's `now`, the keep-alives' `ts`), not on the browser's.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { routed, stubResizeObserver, withBench } from './fake-client';
import { aCharger } from './builders';
import { connectStore, initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { httpClient } from '../../src/renderer/src/api/http-client';
import type { BenchClient } from '../../src/renderer/src/api/client';
import { ChargersScreen } from '../../src/renderer/src/app/screens';
import { Layout } from '../../src/renderer/src/app/Layout';
import { ChargerFiles } from '../../src/renderer/src/features/files/ChargerFiles';
import { forgetHeartbeatIntervals } from '../../src/renderer/src/components/heartbeatInterval';
import type { BenchStatus } from '../../src/shared/api/status';
import type { BenchSettings, ChargerView, UploadView } from '../../src/shared/api/views';
import { FakeSocket } from './fake-socket';

stubResizeObserver();

/** The browser's clock now; the bench's is BEHIND_MS behind it. */
const BROWSER = new Date(2026, 2, 1, 10, 2, 23).getTime();
const BEHIND_MS = 40_000;
/** A time `ms` before now on the bench's clock, as the bench stamps it. */
const benchAgo = (ms: number) => new Date(BROWSER - BEHIND_MS - ms).toISOString();

let client: BenchClient | null = null;
let stop: (() => void) | undefined;

/** The bench over serve mode's transport: calls answered from `answers`, its stream opened with a hello saying its time is `benchNow`. */
function serve(answers: Record<string, unknown>, benchNow: string) {
  FakeSocket.made = [];
  vi.stubGlobal('WebSocket', FakeSocket);
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      const method = decodeURIComponent(new URL(url).pathname.replace('/api/call/', ''));
      if (!(method in answers)) return new Response(JSON.stringify({ error: `no answer for ${method}` }), { status: 501 });
      return new Response(JSON.stringify(answers[method]), { status: 200 });
    }),
  );
  client = httpClient('http://127.0.0.1:8180');
  stop = connectStore(client);
  const socket = FakeSocket.made[0];
  act(() => {
    socket.onopen!();
    socket.onmessage!({ data: JSON.stringify({ type: 'hello', chargers: [], now: benchNow }) });
  });
  return { client, socket };
}

const base = (chargers: ChargerView[]) => ({
  'bench:status': { face: 'serve', port: 9000, host: '0.0.0.0', connectedChargers: [], ftp: { port: null, fixed: false }, dataDir: '/tmp', version: '0' } as BenchStatus,
  'bench:health': null,
  'chargers:list': chargers,
  'virtualChargers:list': [],
  'transactions:list': [],
  'connectionAttempts:list': [],
  'chargers:meterValues': [],
  'settings:get': { heartbeatInterval: 300, unknownChargers: 'accept', requirePassword: false } as BenchSettings,
});

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
  vi.setSystemTime(BROWSER);
  useBench.setState(initialBenchState, true);
  forgetHeartbeatIntervals();
});
afterEach(() => {
  stop?.();
  stop = undefined;
  cleanup();
  client?.close();
  client = null;
  useBench.setState(initialBenchState, true);
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("the bench's clock, in a browser 40 s ahead of it", () => {
  it('does not call an upload whose last bytes came 10 s ago (bench time) silent', async () => {
    const upload: UploadView = {
      id: 'u1',
      chargerId: 'CP001',
      name: 'flowing.zip',
      via: 'ftp',
      status: 'receiving',
      bytes: 1000,
      lastDataAt: benchAgo(10_000),
      silenceLimitMs: 300_000,
      expectedBytes: null,
      startedAt: benchAgo(60_000),
      finishedAt: null,
      error: null,
      expiresAt: benchAgo(-7 * 86_400_000),
      locationExpiresAt: benchAgo(-86_400_000),
    };
    const { client, socket } = serve({ ...base([aCharger('CP001')]), 'files:uploads': [upload] }, benchAgo(0));
    render(withBench(client, <ChargerFiles chargerId="CP001" />));
    const table = await screen.findByRole('table', { name: 'Files uploaded by CP001' });
    const row = within(table).getByText('flowing.zip').closest('tr')!;
    expect(within(row).getByText('Receiving: 1.0 kB so far')).toBeTruthy();
    expect(row.textContent).not.toContain('No data');
    // 35 s on (45 s without bytes, on the bench's clock), the bench's keep-alives saying its time: now it is.
    for (let i = 0; i < 7; i++) {
      await act(async () => void vi.advanceTimersByTime(5_000));
      act(() => socket.onmessage!({ data: JSON.stringify({ type: 'alive', ts: new Date(Date.now() - BEHIND_MS).toISOString() }) }));
    }
    expect(within(row).getByText('No data arriving')).toBeTruthy();
  });

  it('reads a charger last seen 30 s ago (bench time) as under a minute ago, and one heard from 30 s ago as not overdue', async () => {
    const given = { seconds: 30, how: 'boot' as const, at: benchAgo(600_000) };
    const online = aCharger('CP-ON', { lastSeen: benchAgo(30_000), lastHeartbeat: benchAgo(30_000), heartbeatGiven: given });
    const offline = aCharger('CP-OFF', { connected: false, lastSeen: benchAgo(30_000), heartbeatGiven: given });
    const { client } = serve(base([online, offline]), benchAgo(0));
    render(withBench(client, <Layout>{routed({ '/chargers': <ChargersScreen /> })}</Layout>, '/chargers'));
    const rowOf = async (id: string) => (await screen.findByText(id)).closest('[role="row"]') as HTMLElement;
    expect((await rowOf('CP-OFF')).textContent).toContain('last seen under a minute ago');
    expect((await rowOf('CP-ON')).textContent).not.toContain('heartbeat overdue');
    expect(screen.queryByTestId('heartbeat-overdue')).toBeNull();
    // Under a minute apart, the clocks are not worth a word.
    expect(screen.queryByRole('note')).toBeNull();
  });
});

describe('a clock far off the bench', () => {
  it('says how far, and which clock the times are on', async () => {
    const { client, socket } = serve(base([]), new Date(BROWSER - 252_000).toISOString());
    render(withBench(client, <Layout>{routed({ '/chargers': <ChargersScreen /> })}</Layout>, '/chargers'));
    expect((await screen.findByRole('note')).textContent).toBe("This computer's clock is 4 min 12 s ahead of the bench's: times are shown on the bench's clock.");
    // The bench restarted on a machine whose clock is ahead of this one: its new stream says so.
    act(() => {
      socket.onclose!();
    });
    await act(async () => void (await vi.waitFor(() => expect(FakeSocket.made).toHaveLength(2))));
    act(() => {
      FakeSocket.made[1].onopen!();
      FakeSocket.made[1].onmessage!({ data: JSON.stringify({ type: 'hello', chargers: [], now: new Date(Date.now() + 600_000).toISOString() }) });
    });
    expect(screen.getByRole('note').textContent).toBe("This computer's clock is 10 min behind the bench's: times are shown on the bench's clock.");
  });
});
