// The automation API as a script uses it: the token, clear JSON errors with the field, the
// 400/404/409 rules of operations, the message log and the pushed events.
import { describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { rawCharger, startTestBench, strictCharger, useTestBench, waitFor } from '../helpers/bench';
import { ApiServer } from '../../src/main/api-server/server';

const tb = useTestBench();

describe('automation API', () => {
  it('requires the bearer token on every request', async () => {
    expect(await tb.request('GET', '/api/chargers', undefined, 'wrong')).toMatchObject({ status: 401, body: { error: expect.stringContaining('token') } });
    const res = await fetch(`http://127.0.0.1:${tb.apiPort}/api/chargers`);
    expect(res.status).toBe(401);
    expect((await tb.request('GET', '/api/chargers')).status).toBe(200);
  });

  it('answers operations: 404 for a charger never seen or an unknown action, 400 with the field, 409 offline', async () => {
    expect(await tb.request('POST', '/api/chargers/NOBODY/operations/Reset', { type: 'Soft' })).toMatchObject({ status: 404, body: { error: expect.stringContaining('NOBODY') } });
    const cp = await rawCharger(tb.wsUrl('CP-API'));
    await waitFor(() => tb.bench.centralSystem.isConnected('CP-API'));
    expect(await tb.request('POST', '/api/chargers/CP-API/operations/Teleport', {})).toMatchObject({ status: 404, body: { field: 'action' } });
    expect(await tb.request('POST', '/api/chargers/CP-API/operations/Heartbeat', {})).toMatchObject({ status: 404, body: { error: expect.stringContaining('sent by a charge point') } });
    expect(await tb.request('POST', '/api/chargers/CP-API/operations/RemoteStartTransaction', { idTag: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' })).toMatchObject({
      status: 400,
      body: { field: 'idTag', code: 'PropertyConstraintViolation', error: expect.stringContaining('idTag') },
    });
    expect(await tb.request('POST', '/api/chargers/CP-API/operations/ChangeAvailability', { connectorId: 1 })).toMatchObject({ status: 400, body: { field: 'type' } });
    expect(await tb.request('POST', '/api/chargers/CP-API/operations/Reset', '{"type": ')).toMatchObject({ status: 400, body: { field: 'body', error: expect.stringContaining('not valid JSON') } });
    // Nothing invalid was sent to the charger.
    await new Promise((r) => setTimeout(r, 50));
    expect(cp.received).toEqual([]);
    cp.close();
    await waitFor(() => !tb.bench.centralSystem.isConnected('CP-API'));
    expect(await tb.request('POST', '/api/chargers/CP-API/operations/Reset', { type: 'Soft' })).toMatchObject({ status: 409, body: { outcome: 'offline' } });
  });

  it('rejects bad queries and settings with the field, and unknown endpoints with 404/405', async () => {
    expect(await tb.request('GET', '/api/messages?limit=lots')).toMatchObject({ status: 400, body: { field: 'limit' } });
    expect(await tb.request('PATCH', '/api/settings', { heartbeatInterval: 0 })).toMatchObject({ status: 400, body: { field: 'heartbeatInterval' } });
    expect(await tb.request('PATCH', '/api/settings', { colour: 'red' })).toMatchObject({ status: 400 });
    expect(await tb.request('PUT', '/api/id-tags', [{ idTag: 'X'.repeat(21), status: 'Accepted' }])).toMatchObject({ status: 400, body: { field: '0.idTag' } });
    expect((await tb.request('GET', '/api/nothing-here')).status).toBe(404);
    expect((await tb.request('DELETE', '/api/chargers')).status).toBe(405);
  });

  it('answers a malformed %-escape in the URL with a 400 naming the parameter, not a 500', async () => {
    expect(await tb.request('GET', '/api/chargers/CP%E0%A4%A')).toMatchObject({ status: 400, body: { field: 'id', error: expect.stringContaining('malformed %-escape') } });
    expect(await tb.request('POST', '/api/call/chargers%ZZlist', {})).toMatchObject({ status: 400, body: { field: 'method' } });
    expect(await tb.request('DELETE', '/api/id-tags/50%')).toMatchObject({ status: 400, body: { field: 'idTag' } });
    // A well-formed escape still reaches the route.
    expect(await tb.request('GET', '/api/chargers/CP%20NONE')).toMatchObject({ status: 404, body: { error: expect.stringContaining('"CP NONE"') } });
  });

  it('drops an events client that stops reading (close 1013) instead of queueing events for it without bound', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${tb.apiPort}/api/events`, { headers: { Authorization: `Bearer ${tb.token}` } });
    let received = 0;
    ws.on('message', () => received++);
    const closed = new Promise<[number, string]>((resolve) => ws.on('close', (code, reason) => resolve([code, String(reason)])));
    await new Promise((r) => ws.once('open', r));
    // A stuck browser tab: nothing more is read from the socket, so the bench's send buffer fills.
    ws.pause();
    const reason = 'x'.repeat(256 * 1024);
    const sent = 200; // 50 MB: past the kernel's socket buffers and the 8 MB backlog
    for (let i = 0; i < sent; i++) tb.bench.bus.publish({ type: 'connectionRefused', chargerId: null, remoteAddress: null, reason, ts: new Date().toISOString() });
    ws.resume();
    expect(await closed).toEqual([1013, expect.stringContaining('reconnect')]);
    expect(received).toBeLessThan(sent);
  });

  it("starts the record's reader thread when a UI opens its event stream, not before (a headless run may never read)", async () => {
    const own = await startTestBench();
    try {
      expect((await own.request('GET', '/api/settings')).status).toBe(200);
      expect(own.bench.record.reader.running).toBe(false);
      const ws = new WebSocket(`ws://127.0.0.1:${own.apiPort}/api/events?batched`, { headers: { Authorization: `Bearer ${own.token}` } });
      await new Promise((r) => ws.once('message', r));
      expect(own.bench.record.reader.running).toBe(true);
      // The first read finds it started.
      expect((await own.request('GET', '/api/messages?limit=5')).body).toEqual([]);
      ws.close();
    } finally {
      await own.stop();
    }
  });

  it('batches the event stream when asked (?batched, as the bench UI does): every event, in order, many to a message', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${tb.apiPort}/api/events?batched`, { headers: { Authorization: `Bearer ${tb.token}` } });
    const messages: any[] = [];
    ws.on('message', (d) => messages.push(JSON.parse(String(d))));
    await new Promise((r) => ws.once('open', r));
    const n = 3000;
    const ours = () =>
      messages
        .filter(Array.isArray)
        .flat()
        .filter((e) => e.reason === 'batch test');
    for (let i = 0; i < n; i++) {
      tb.bench.bus.publish({ type: 'connectionRefused', chargerId: `B${i}`, remoteAddress: null, reason: 'batch test', ts: new Date().toISOString() });
      // Over several turns of the event loop, as frames arrive.
      if (i % 500 === 499) await new Promise((r) => setImmediate(r));
    }
    await waitFor(() => ours().length >= n);
    expect(messages[0]).toMatchObject({ type: 'hello' });
    expect(ours().map((e) => e.chargerId)).toEqual(Array.from({ length: n }, (_, i) => `B${i}`));
    expect(messages.filter(Array.isArray).length).toBeLessThan(n / 100);
    ws.close();
  });

  it("says the bench's time on the stream's hello and keep-alives (on the clock that stamps its events), so a browser whose clock is off it judges every \"ago\" by the bench's", async () => {
    const api = new ApiServer(tb.bench, { host: '127.0.0.1', port: 0, token: 'clock-token', aliveMs: 40 });
    const { port } = await api.start();
    // The bench's clock 40 s behind this machine's, as a browser on another machine may find it.
    const now = vi.spyOn(tb.bench.clock, 'now').mockImplementation(() => Date.now() - 40_000);
    try {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/api/events?batched`, { headers: { Authorization: 'Bearer clock-token' } });
      const messages: any[] = [];
      ws.on('message', (d) => messages.push(JSON.parse(String(d))));
      await waitFor(() => messages.some((m) => m.type === 'alive'));
      ws.close();
      const hello = messages[0];
      const alive = messages.find((m) => m.type === 'alive');
      expect(hello.type).toBe('hello');
      for (const said of [hello.now, alive.ts]) expect(Math.abs(Date.parse(said) - (Date.now() - 40_000))).toBeLessThan(5_000);
    } finally {
      now.mockRestore();
      await api.stop();
    }
  });

  it('sends every event stream {"type":"alive"} at its interval however quiet the bench is, so a window can tell a paused bench from a quiet one', async () => {
    const api = new ApiServer(tb.bench, { host: '127.0.0.1', port: 0, token: 'alive-token', aliveMs: 40 });
    const { port } = await api.start();
    try {
      for (const query of ['?batched', '']) {
        const ws = new WebSocket(`ws://127.0.0.1:${port}/api/events${query}`, { headers: { Authorization: 'Bearer alive-token' } });
        const alive: any[] = [];
        ws.on('message', (d) => {
          const m = JSON.parse(String(d));
          if (m.type === 'alive') alive.push(m);
        });
        await waitFor(() => alive.length >= 3);
        expect(Date.parse(alive[0].ts)).toBeGreaterThan(Date.now() - 10_000);
        ws.close();
      }
    } finally {
      await api.stop();
    }
  });

  it('pushes events over WS /api/events and serves the message log newest first', async () => {
    const refused = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${tb.apiPort}/api/events`);
      ws.on('unexpected-response', (_q, res) => resolve(res.statusCode ?? 0));
      ws.on('error', () => {});
    });
    expect(refused).toBe(401);

    const events: any[] = [];
    const ws = new WebSocket(`ws://127.0.0.1:${tb.apiPort}/api/events`, { headers: { Authorization: `Bearer ${tb.token}` } });
    ws.on('message', (d) => events.push(JSON.parse(String(d))));
    await new Promise((r) => ws.once('open', r));

    const cp = await strictCharger(tb.wsUrl(), 'CP-EVENTS');
    await cp.connect();
    await cp.client.call('BootNotification', { chargePointVendor: 'V', chargePointModel: 'M' });
    await cp.client.call('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Preparing' });
    const { transactionId } = await cp.client.call('StartTransaction', { connectorId: 1, idTag: 'EVT', meterStart: 0, timestamp: new Date().toISOString() });
    await cp.client.call('StopTransaction', { transactionId, meterStop: 1200, timestamp: new Date().toISOString() });
    await cp.client.close();
    await waitFor(() => events.some((e) => e.type === 'chargerDisconnected' && e.chargerId === 'CP-EVENTS'));

    const types = events.filter((e) => e.chargerId === 'CP-EVENTS' || e.transaction?.chargerId === 'CP-EVENTS' || e.message?.chargerId === 'CP-EVENTS').map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['chargerConnected', 'bootNotification', 'statusChanged', 'frameLogged', 'transactionStarted', 'transactionStopped', 'chargerDisconnected']));
    expect(events.find((e) => e.type === 'transactionStopped').transaction).toMatchObject({ transactionId, energyWh: 1200, stopReason: 'Local' });
    expect(events.filter((e) => e.type === 'frameLogged' && e.message.chargerId === 'CP-EVENTS')).toHaveLength(8);
    // The drop carries the charger's last contact: its last frame in (the StopTransaction), not when the drop was noticed.
    const lastIn = events.filter((e) => e.type === 'frameLogged' && e.message.chargerId === 'CP-EVENTS' && e.message.direction === 'in').at(-1).message.ts;
    expect(events.find((e) => e.type === 'chargerDisconnected' && e.chargerId === 'CP-EVENTS').lastSeen).toBe(lastIn);
    ws.close();

    const log = (await tb.request('GET', '/api/messages?chargerId=CP-EVENTS&limit=3')).body;
    expect(log).toHaveLength(3);
    expect(log[0].id).toBeGreaterThan(log[1].id);
    expect(log[0]).toMatchObject({ action: 'StopTransaction', direction: 'out', kind: 'CALLRESULT' });
    const older = (await tb.request('GET', `/api/messages?chargerId=CP-EVENTS&limit=2&beforeId=${log[2].id}`)).body;
    expect(older.map((m: any) => m.id)).toEqual([log[2].id - 1, log[2].id - 2]);
    const active = (await tb.request('GET', '/api/transactions?active=false&chargerId=CP-EVENTS')).body;
    expect(active).toHaveLength(1);
  });
});
