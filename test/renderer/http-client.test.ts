// serve mode's browser transport: the batched event stream reaches subscribers whole and in order; when
// its event socket closes, a browser cannot see the 401 of a refused WebSocket upgrade, so the client
// asks over HTTP whether the token still works.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { httpClient } from '../../src/renderer/src/api/http-client';
import type { BenchClient, LinkState } from '../../src/renderer/src/api/client';
import type { BenchEvent } from '../../src/shared/api/views';
import { FakeSocket } from './fake-socket';

let client: BenchClient | null = null;

function start(answer: () => Promise<Response>) {
  FakeSocket.made = [];
  vi.stubGlobal('WebSocket', FakeSocket);
  const fetch = vi.fn(answer);
  vi.stubGlobal('fetch', fetch);
  client = httpClient('http://127.0.0.1:8180');
  const states: LinkState[] = [];
  client.onLink((s) => states.push(s));
  const socket = FakeSocket.made[0];
  socket.onopen!();
  return { socket, fetch, states };
}

afterEach(() => {
  client?.close();
  client = null;
  vi.unstubAllGlobals();
});

describe('http client link', () => {
  it('asks for a new token when the socket closes and the bench answers 401 (the token changed, ending the session)', async () => {
    const { socket, fetch, states } = start(async () => new Response('{"error":"Missing or wrong API token"}', { status: 401 }));
    socket.onclose!();
    await vi.waitFor(() => expect(states.at(-1)).toBe('unauthorised'));
    // The session cookie goes with the request; the page's code holds no token and puts none in a URL.
    expect(fetch).toHaveBeenCalledWith('http://127.0.0.1:8180/api/call/bench:status', expect.objectContaining({ method: 'POST', credentials: 'same-origin' }));
    expect(JSON.stringify(fetch.mock.calls)).not.toContain('token');
    expect(socket.url.search).toBe('?batched');
  });

  it('just reconnects when the bench is unreachable or still takes the token', async () => {
    for (const answer of [async () => Promise.reject(new TypeError('fetch failed')), async () => new Response('{}', { status: 200 })]) {
      const { socket, fetch, states } = start(answer);
      socket.onclose!();
      await vi.waitFor(() => expect(fetch).toHaveBeenCalled());
      await new Promise((r) => setTimeout(r, 0));
      expect(states.at(-1)).toBe('closed');
      client!.close();
      vi.unstubAllGlobals();
    }
  });

  it('calls the link silent when the bench sends nothing for 15 s though its socket stays open (a paused bench), and open again at its next word', async () => {
    vi.useFakeTimers();
    try {
      const { socket, states } = start(async () => new Response('{}', { status: 200 }));
      const since: number[] = [];
      client!.onLink((_s, at) => since.push(at));
      // The bench's keep-alive every 5 s keeps it open, however quiet the chargers are.
      for (let i = 0; i < 6; i++) {
        vi.advanceTimersByTime(5_000);
        socket.onmessage!({ data: JSON.stringify({ type: 'alive', ts: new Date().toISOString() }) });
      }
      expect(states.at(-1)).toBe('open');
      const lastHeard = Date.now();
      vi.advanceTimersByTime(14_000);
      expect(states.at(-1)).toBe('open');
      vi.advanceTimersByTime(4_000);
      expect(states.at(-1)).toBe('silent');
      // Since when: the last word heard, not when the silence was noticed.
      expect(since.at(-1)).toBe(lastHeard);
      socket.onmessage!({ data: JSON.stringify({ type: 'alive', ts: new Date().toISOString() }) });
      expect(states.at(-1)).toBe('open');
      expect(states).toEqual(['connecting', 'open', 'silent', 'open']);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('http client liveness', () => {
  it('does not call the link silent for the time this window itself slept (a laptop lid closed): the silence counts from waking', () => {
    vi.useFakeTimers();
    try {
      const { states } = start(async () => new Response('{}', { status: 200 }));
      // Asleep for a minute: no timer ran, nothing was heard.
      vi.setSystemTime(Date.now() + 60_000);
      vi.advanceTimersByTime(3_000);
      expect(states.at(-1)).toBe('open');
      // Awake, and the bench says nothing for 15 s more: now it is silent.
      vi.advanceTimersByTime(19_000);
      expect(states.at(-1)).toBe('silent');
    } finally {
      vi.useRealTimers();
    }
  });

  it('opens a new socket when the bench answers over HTTP while its socket stays silent (a dead socket), not while the bench is silent too', async () => {
    vi.useFakeTimers();
    try {
      let answer = true;
      const { socket, fetch } = start(async () => (answer ? new Response('{}', { status: 200 }) : new Promise<Response>(() => undefined)));
      // The bench does not answer either (paused): the socket is kept.
      answer = false;
      await vi.advanceTimersByTimeAsync(18_000);
      expect(fetch).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(5_000);
      expect(FakeSocket.made).toHaveLength(1);
      // It wakes: its socket speaks again before the grace is up, nothing changes.
      socket.onmessage!({ data: JSON.stringify({ type: 'alive', ts: '' }) });
      // Silent again, but now the bench answers over HTTP: the socket is dead, a new one is opened.
      answer = true;
      await vi.advanceTimersByTimeAsync(18_000);
      await vi.advanceTimersByTimeAsync(1_500);
      expect(FakeSocket.made).toHaveLength(2);
      expect(socket.closed).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('http client events', () => {
  it('asks for the batched stream and hands on every event of every message in order, one message at a time or many', async () => {
    const { socket } = start(async () => new Response('{}', { status: 200 }));
    expect(socket.url.pathname).toBe('/api/events');
    expect(socket.url.searchParams.has('batched')).toBe(true);
    const got: BenchEvent[] = [];
    let deliveries = 0;
    client!.subscribe((events) => {
      deliveries++;
      got.push(...events);
    });
    const refused = (n: number): BenchEvent => ({ type: 'connectionRefused', chargerId: `CP${n}`, remoteAddress: null, reason: 'test', ts: '2026-11-21T10:00:00.000Z' });
    socket.onmessage!({ data: JSON.stringify({ type: 'hello', chargers: [] }) });
    socket.onmessage!({ data: JSON.stringify(Array.from({ length: 500 }, (_, i) => refused(i))) });
    socket.onmessage!({ data: JSON.stringify(refused(500)) });
    socket.onmessage!({ data: JSON.stringify([refused(501), refused(502)]) });
    await vi.waitFor(() => expect(got).toHaveLength(503));
    expect(got.map((e) => (e as { chargerId: string }).chargerId)).toEqual(Array.from({ length: 503 }, (_, i) => `CP${i}`));
    // What arrives together is applied together (one store update, one render).
    expect(deliveries).toBe(1);
  });
});

describe("http client and the bench's clock", () => {
  it("tells how far this browser's clock is ahead of the bench's from the stream's times, not fooled by a keep-alive held up on its way or by sub-second noise", () => {
    vi.useFakeTimers();
    try {
      const { socket } = start(async () => new Response('{}', { status: 200 }));
      const told: number[] = [];
      client!.onBenchClock!((skew) => told.push(skew));
      // An older bench's hello says no time: one clock.
      socket.onmessage!({ data: JSON.stringify({ type: 'hello', chargers: [] }) });
      expect(told).toEqual([0]);
      const bench = (behindMs: number) => new Date(Date.now() - behindMs).toISOString();
      socket.onmessage!({ data: JSON.stringify({ type: 'hello', chargers: [], now: bench(40_000) }) });
      expect(told.at(-1)).toBe(40_000);
      // A keep-alive 3 s late on its way (a busy stream) does not move the bench's clock; 300 ms of noise is not news.
      vi.advanceTimersByTime(5_000);
      socket.onmessage!({ data: JSON.stringify({ type: 'alive', ts: bench(43_000) }) });
      vi.advanceTimersByTime(5_000);
      socket.onmessage!({ data: JSON.stringify({ type: 'alive', ts: bench(39_700) }) });
      expect(told).toEqual([0, 40_000]);
      // The bench's clock set forward by 30 s: news at once.
      vi.advanceTimersByTime(5_000);
      socket.onmessage!({ data: JSON.stringify({ type: 'alive', ts: bench(10_000) }) });
      expect(told).toEqual([0, 40_000, 10_000]);
    } finally {
      vi.useRealTimers();
    }
  });
});
