// Connecting chargers: subprotocol negotiation and refusal (recorded with its reason), identities from
// the URL, reconnection replacing the old connection, and dead connections found by ping/pong.
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { rawCharger, strictCharger, useTestBench, waitFor } from '../helpers/bench';

const tb = useTestBench({ pingIntervalMs: 200 });

const refusal = (url: string, protocols?: string[]) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    const ws = new WebSocket(url, protocols);
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    ws.on('open', () => reject(new Error('connection was accepted')));
    ws.on('error', () => {});
  });

describe('connections', () => {
  it('negotiates and echoes ocpp1.6, with any path prefix and the last segment as identity', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${tb.port}/some/deep/prefix/CP%2FA-01`, ['ocpp2.0.1', 'ocpp1.6']);
    await new Promise((r) => ws.once('open', r));
    expect(ws.protocol).toBe('ocpp1.6');
    await waitFor(() => tb.bench.centralSystem.isConnected('CP/A-01'));
    ws.close();
  });

  it('refuses a client that offers no ocpp1.6 with a clear reason, recorded for the user', async () => {
    const r1 = await refusal(tb.wsUrl('CP-V201'), ['ocpp2.0.1']);
    expect(r1.status).toBe(400);
    expect(r1.body).toContain('"ocpp2.0.1"');
    expect(r1.body).toContain('ocpp1.6');
    const r2 = await refusal(tb.wsUrl('CP-NONE'));
    expect(r2.body).toContain('offered no WebSocket subprotocol');
    const r3 = await refusal(`ws://127.0.0.1:${tb.port}/`, ['ocpp1.6']);
    expect(r3.body).toContain('no charge point identity');
    const attempts = (await tb.request('GET', '/api/connection-attempts')).body as any[];
    expect(attempts.find((a) => a.chargerId === 'CP-V201')).toMatchObject({ outcome: 'refused', reason: expect.stringContaining('ocpp2.0.1'), remoteAddress: expect.stringContaining('127.0.0.1') });
    expect(attempts.find((a) => a.chargerId === 'CP-NONE')).toMatchObject({ outcome: 'refused' });
  });

  it('replaces the old connection when a charger reconnects with the same identity', async () => {
    const first = await rawCharger(tb.wsUrl('CP-RE'));
    const firstClosed = new Promise<number>((r) => first.ws.once('close', (code) => r(code)));
    const second = await strictCharger(tb.wsUrl(), 'CP-RE');
    await second.connect();
    expect(await firstClosed).toBe(1000);
    expect(await second.client.call('Heartbeat', {})).toHaveProperty('currentTime');
    expect(tb.bench.centralSystem.isConnected('CP-RE')).toBe(true);
    const attempts = (await tb.request('GET', '/api/connection-attempts')).body as any[];
    expect(attempts.filter((a) => a.chargerId === 'CP-RE').map((a) => a.outcome)).toEqual(['accepted', 'replaced', 'accepted']);
    await second.client.close();
  });

  it('drops a connection that stops answering pings', async () => {
    const cp = await rawCharger(tb.wsUrl('CP-DEAD'));
    await waitFor(() => tb.bench.centralSystem.isConnected('CP-DEAD'));
    // Stop the client from answering pings: pause the socket so nothing is read.
    (cp.ws as any)._socket.pause();
    await waitFor(() => !tb.bench.centralSystem.isConnected('CP-DEAD'), 3000);
    const charger = (await tb.request('GET', '/api/chargers/CP-DEAD')).body;
    expect(charger.connected).toBe(false);
    cp.ws.terminate();
  });

  it('answers BootNotification by the per-charger or default policy', async () => {
    await tb.request('PATCH', '/api/settings', { defaultBootStatus: 'Pending', heartbeatInterval: 120 });
    const cp = await strictCharger(tb.wsUrl(), 'CP-POLICY');
    await cp.connect();
    expect(await cp.client.call('BootNotification', { chargePointVendor: 'V', chargePointModel: 'M' })).toMatchObject({ status: 'Pending', interval: 120 });
    expect((await tb.request('PATCH', '/api/chargers/CP-POLICY', { bootPolicy: 'Rejected' })).status).toBe(200);
    expect(await cp.client.call('BootNotification', { chargePointVendor: 'V', chargePointModel: 'M' })).toMatchObject({ status: 'Rejected' });
    await tb.request('PATCH', '/api/chargers/CP-POLICY', { bootPolicy: null });
    await tb.request('PATCH', '/api/settings', { defaultBootStatus: 'Accepted', heartbeatInterval: 300 });
    expect(await cp.client.call('BootNotification', { chargePointVendor: 'V', chargePointModel: 'M' })).toMatchObject({ status: 'Accepted', interval: 300 });
    expect((await tb.request('GET', '/api/chargers/CP-POLICY')).body.registrationStatus).toBe('Accepted');
    await cp.client.close();
  });

  it('authorizes from the local idTag list: accept-all by default, list-only on request, expiry and blocking honoured', async () => {
    const cp = await strictCharger(tb.wsUrl(), 'CP-AUTH');
    await cp.connect();
    const past = new Date(Date.now() - 60_000).toISOString();
    expect(
      (
        await tb.request('PUT', '/api/id-tags', [
          { idTag: 'GOOD', status: 'Accepted', parentIdTag: 'FLEET' },
          { idTag: 'STOLEN', status: 'Blocked' },
          { idTag: 'OLD', status: 'Accepted', expiryDate: past },
        ])
      ).status,
    ).toBe(200);
    const auth = async (idTag: string) => (await cp.client.call('Authorize', { idTag })).idTagInfo;
    expect(await auth('GOOD')).toEqual({ status: 'Accepted', parentIdTag: 'FLEET' });
    expect(await auth('STOLEN')).toEqual({ status: 'Blocked' });
    expect(await auth('OLD')).toEqual({ status: 'Expired', expiryDate: past });
    expect(await auth('STRANGER')).toEqual({ status: 'Accepted' });
    await tb.request('PATCH', '/api/settings', { authorization: 'localList' });
    expect(await auth('STRANGER')).toEqual({ status: 'Invalid' });
    expect((await tb.request('POST', '/api/id-tags', { idTag: 'STRANGER', status: 'Accepted' })).status).toBe(201);
    expect(await auth('STRANGER')).toEqual({ status: 'Accepted' });
    expect((await tb.request('DELETE', '/api/id-tags/STRANGER')).status).toBe(204);
    expect(await auth('STRANGER')).toEqual({ status: 'Invalid' });
    await tb.request('PATCH', '/api/settings', { authorization: 'acceptAll' });
    expect(cp.violations).toEqual([]);
    await cp.client.close();
  });
});
