// Connections turned away before the HTTP upgrade (over the per-address cap, TLS on the plain port) carry no
// charger id. A flood of them, or a charger retrying over a cap, must not push every other attempt out of the
// lists: identical ones (same address, same reason) are one line with how many and from when to when, across
// bursts, and kinds alternating from one address stay one line each.
import { afterEach, describe, expect, it } from 'vitest';
import { connect, type Socket } from 'node:net';
import { FakeClock } from '../../src/main/clock';
import { REFUSAL_WINDOW_MS } from '../../src/main/central-system/refusals';
import { startTestBench, waitFor, type TestBench } from '../helpers/bench';

let tb: TestBench | null = null;
const sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await tb?.stop();
  tb = null;
});

/** A TCP connection to the OCPP port. */
const dial = (port: number): Socket => {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => undefined);
  sockets.push(socket);
  return socket;
};
const closed = (s: Socket) => new Promise<void>((r) => (s.destroyed ? r() : s.once('close', () => r())));
const connections = async () => (await tb!.request('GET', '/api/health')).body.connections as { open: number; refusedOverCap: number };
/** A connection the bench holds (it counts it open). */
const hold = async (port: number): Promise<Socket> => {
  const before = (await connections()).open;
  const s = dial(port);
  await waitFor(async () => (await connections()).open === before + 1);
  return s;
};
/** `n` connections over the cap: each closed by the bench, and counted as refused over the cap. */
const overCap = async (port: number, n: number): Promise<void> => {
  const before = (await connections()).refusedOverCap;
  for (let i = 0; i < n; i++) await closed(dial(port));
  await waitFor(async () => (await connections()).refusedOverCap === before + n);
};

type Line = { chargerId: string | null; remoteAddress: string | null; outcome: string; reason: string | null; count: number; ts: string; firstTs: string };
const lines = async (): Promise<Line[]> => {
  await tb!.bench.record.settled();
  return tb!.bench.record.connectionAttempts.list(100) as Line[];
};

describe('connections turned away before the upgrade', () => {
  it('are one line per address and reason with the count of all of them, across bursts and alternating kinds', async () => {
    const clock = new FakeClock('2026-04-01T08:00:00.000Z');
    tb = await startTestBench({ exemptLoopback: false, clock, handshakeTimeoutMs: 60_000 });
    await tb.request('PATCH', '/api/settings', { maxConnectionsPerAddress: 2 });
    await hold(tb.port);
    const second = await hold(tb.port);

    await overCap(tb.port, 12);
    await clock.advance(REFUSAL_WINDOW_MS);
    const capReason = /^Connection refused: 127\.0\.0\.1 already holds 2 connections/;
    let mine = (await lines()).filter((l) => l.remoteAddress === '127.0.0.1');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ chargerId: null, outcome: 'refused', reason: expect.stringMatching(capReason), count: 12, firstTs: '2026-04-01T08:00:00.000Z' });

    // A TLS handshake from the same address in between (a held connection freed for it), then the cap again.
    second.destroy();
    await waitFor(async () => (await connections()).open === 1);
    await clock.advance(1000);
    const tls = await hold(tb.port);
    tls.write(Buffer.from([0x16, 0x03, 0x01, 0x00, 0x05, 0x01, 0x00, 0x00, 0x01, 0x00]));
    await waitFor(async () => (await connections()).open === 1);
    await hold(tb.port);
    await overCap(tb.port, 5);
    await clock.advance(REFUSAL_WINDOW_MS);

    mine = (await lines()).filter((l) => l.remoteAddress === '127.0.0.1');
    expect(mine.map((l) => [l.reason?.slice(0, 24), l.count])).toEqual([
      ['Connection refused: 127.', 17],
      ['TLS handshake from 127.0', 1],
    ]);
    expect(mine[0]).toMatchObject({ firstTs: '2026-04-01T08:00:00.000Z', ts: '2026-04-01T08:00:11.000Z' });
  }, 60_000);

  it('leave the other attempts in the list however long a flood lasts', async () => {
    const clock = new FakeClock('2026-04-01T08:00:00.000Z');
    tb = await startTestBench({ exemptLoopback: false, clock, handshakeTimeoutMs: 60_000 });
    tb.bench.record.connectionAttempts.add('2026-04-01T07:59:00.000Z', 'CP-EARLIER', '10.0.0.9', 'accepted', null);
    await tb.request('PATCH', '/api/settings', { maxConnectionsPerAddress: 1 });
    await hold(tb.port);
    for (let burst = 0; burst < 6; burst++) {
      await overCap(tb.port, 3);
      await clock.advance(REFUSAL_WINDOW_MS);
    }
    const all = await lines();
    expect(all.map((l) => [l.chargerId ?? l.remoteAddress, l.count])).toEqual([
      ['127.0.0.1', 18],
      ['CP-EARLIER', 1],
    ]);
  }, 60_000);
});
