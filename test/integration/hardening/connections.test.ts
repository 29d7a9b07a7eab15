// The OCPP port under abuse: browser pages, unprintable or empty identities, connection floods,
// handshakes never finished, a charger that never reads its answers. Each is refused or cut off, recorded
// with the reason, and the automation API stays reachable throughout.
import { describe, expect, it } from 'vitest';
import { connect, type Socket } from 'node:net';
import WebSocket from 'ws';
import { rawCharger, startTestBench, upgradeStatus, useTestBench, waitFor } from '../../helpers/bench';

const tb = useTestBench({ handshakeTimeoutMs: 300, maxUnsentBytes: 256 * 1024 });

const attempts = async () => (await tb.request('GET', '/api/connection-attempts')).body as Array<{ chargerId: string | null; outcome: string; reason: string | null; remoteAddress: string | null }>;

describe('who may connect', () => {
  it('refuses a web page (a browser Origin) unless allowed in Settings, recording why', async () => {
    expect(await upgradeStatus(tb.wsUrl('PAGE1'), { Origin: 'http://evil.example' })).toBe(403);
    const refusal = (await attempts()).find((a) => a.chargerId === 'PAGE1');
    expect(refusal).toMatchObject({ outcome: 'refused', reason: expect.stringMatching(/web page \(Origin "http:\/\/evil\.example"\).*allow browser pages in Settings/) });
    await tb.request('PATCH', '/api/settings', { allowBrowserOrigins: true });
    try {
      expect(await upgradeStatus(tb.wsUrl('PAGE1'), { Origin: 'http://localhost:5173' })).toBe(101);
    } finally {
      await tb.request('PATCH', '/api/settings', { allowBrowserOrigins: false });
    }
  });

  it('refuses identities with control characters and the empty identity', async () => {
    for (const id of ['CP\n10:00:00  CP2 connected', 'CP\u001b[2J', 'CP\u0000X']) {
      expect(await upgradeStatus(`ws://127.0.0.1:${tb.port}/ocpp/${encodeURIComponent(id)}`)).toBe(400);
    }
    expect(await upgradeStatus(`ws://127.0.0.1:${tb.port}/ocpp/`)).toBe(400);
    const refused = (await attempts()).filter((a) => a.outcome === 'refused').map((a) => a.reason ?? '');
    expect(refused.filter((r) => r.startsWith('Unprintable identity'))).toHaveLength(3);
    expect(refused.some((r) => r.startsWith('Missing identity'))).toBe(true);
    // Nobody connected as "ocpp", the last non-empty segment.
    expect((await tb.request('GET', '/api/chargers/ocpp')).status).toBe(404);
  });
});

describe('floods', () => {
  it('caps connections in total and per address, and the API stays reachable', async () => {
    const bench = await startTestBench({ exemptLoopback: false });
    const sockets: Socket[] = [];
    try {
      await bench.request('PATCH', '/api/settings', { maxConnections: 30, maxConnectionsPerAddress: 20 });
      const open = (): Promise<boolean> =>
        new Promise((resolve) => {
          const s = connect(bench.port, '127.0.0.1');
          sockets.push(s);
          s.once('connect', () => setTimeout(() => resolve(!s.destroyed), 100));
          s.once('close', () => resolve(false));
          s.once('error', () => resolve(false));
        });
      const results: boolean[] = [];
      for (let i = 0; i < 25; i++) results.push(await open());
      // 20 from this address are held; the rest are closed at once.
      expect(results.filter(Boolean)).toHaveLength(20);
      expect((await bench.request('GET', '/api/settings')).status).toBe(200);
      const health = (await bench.request('GET', '/api/health')).body;
      expect(health.connections.refusedOverCap).toBe(5);
      // One line in the record for the burst, then one for the rest of it.
      await waitFor(async () => ((await bench.request('GET', '/api/connection-attempts')).body as any[]).some((a) => /Connection refused: 127\.0\.0\.1 already holds 20/.test(a.reason)));
    } finally {
      for (const s of sockets) s.destroy();
      await bench.stop();
    }
  });

  it('drops a connection that does not finish its handshake in time, and counts it', async () => {
    const s = connect(tb.port, '127.0.0.1');
    await new Promise((r) => s.once('connect', r));
    s.write('GET /ocpp/SLOW HTTP/1.1\r\nHost: 127.0.0.1\r\n'); // and never the rest
    const closedAfter = await new Promise<number>((resolve) => {
      const t = Date.now();
      s.once('close', () => resolve(Date.now() - t));
    });
    expect(closedAfter).toBeLessThan(2000);
    await waitFor(async () => (await tb.request('GET', '/api/health')).body.connections.incompleteHandshakes >= 1);
    expect((await attempts()).some((a) => /no complete WebSocket handshake within 0\.3 s/.test(a.reason ?? ''))).toBe(true);
  });

  it('drops a handshake trickled a byte at a time when its time is up, not when the bytes stop', async () => {
    const before = (await tb.request('GET', '/api/health')).body.connections.incompleteHandshakes as number;
    const s = connect(tb.port, '127.0.0.1');
    await new Promise((r) => s.once('connect', r));
    const request = 'GET /ocpp/TRICKLE HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nX-Padding: ' + 'x'.repeat(200);
    let i = 0;
    // A byte every 50 ms: the socket is never idle for the 0.3 s the handshake may take.
    const trickle = setInterval(() => !s.destroyed && s.write(request[i++ % request.length]), 50);
    const t = Date.now();
    const closedAfter = await new Promise<number>((resolve) => s.once('close', () => resolve(Date.now() - t)));
    clearInterval(trickle);
    expect(closedAfter).toBeLessThan(1500);
    await waitFor(async () => (await tb.request('GET', '/api/health')).body.connections.incompleteHandshakes >= before + 1);
  });

  it('cuts off a charger that never reads its answers once they pass the bound, and echoes no bad value whole', async () => {
    const cp = await rawCharger(tb.wsUrl('NOREAD'));
    // A bad value of 64 KiB: the answer quotes a short excerpt, not the value.
    cp.send([2, 'echo1', 'StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'x'.repeat(65_536) }]);
    const answer = await cp.reply('echo1');
    expect(answer[2]).toBe('PropertyConstraintViolation');
    expect(JSON.stringify(answer).length).toBeLessThan(400);
    // Now stop reading, and keep sending.
    const socket = (cp.ws as unknown as { _socket: Socket })._socket;
    socket.pause();
    const closed = new Promise<void>((r) => cp.ws.once('close', () => r()));
    // Valid calls (a flood of bad ones would be slowed down instead), whose answers pile up unread.
    for (let i = 0; i < 300_000 && cp.ws.readyState === WebSocket.OPEN; i++) {
      cp.ws.send(`[2,"n${i}","Heartbeat",{}]`);
      if (i % 5000 === 4999) await new Promise((r) => setTimeout(r, 5));
    }
    socket.resume();
    await closed;
    await waitFor(async () => (await attempts()).some((a) => a.chargerId === 'NOREAD' && a.outcome === 'closed'));
    const closing = (await attempts()).find((a) => a.chargerId === 'NOREAD' && a.outcome === 'closed')!;
    expect(closing.reason).toMatch(/stopped reading its answers .*the most is 256 KiB/);
    expect((await tb.request('GET', '/api/health')).body.connections.cutOffUnread).toBeGreaterThanOrEqual(1);
  });

  it('slows a charger down that floods garbage, so a good one beside it is answered promptly', async () => {
    const bad = await rawCharger(tb.wsUrl('GARBAGE'));
    for (let i = 0; i < 2000; i++) bad.send(`[2,"g${i}","Heartbeat",{"unexpected":${i}}]`);
    const good = await rawCharger(tb.wsUrl('PROMPT'));
    const t = Date.now();
    good.send([2, 'hb', 'Heartbeat', {}]);
    await good.reply('hb');
    expect(Date.now() - t).toBeLessThan(500);
    // The garbage is still answered, only later.
    await bad.reply('g1999', 15_000);
    expect((await tb.request('GET', '/api/health')).body.connections.throttled).toBeGreaterThanOrEqual(1);
    bad.close();
    good.close();
  });
});
