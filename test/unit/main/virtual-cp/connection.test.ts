// The connection against a bare WebSocket server on 127.0.0.1, time on a FakeClock: the identity in the URL,
// the OCPP subprotocol, Basic auth from the password, and reconnects backing off 1 s, 2 s, 4 s.
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import type { AddressInfo } from 'node:net';
import { basicAuthorization } from '../../../../src/main/virtual-cp/connection';
import { VirtualChargePoint } from '../../../../src/main/virtual-cp/charge-point';
import { VirtualChargerDefinition } from '../../../../src/shared/api/virtual-chargers';
import { FakeClock } from '../../../../src/main/clock';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const f of cleanups.splice(0).reverse()) await f();
});

async function until(fn: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 3_000;
  while (!fn()) {
    if (Date.now() > deadline) throw new Error(`${what} did not happen`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A WebSocket server that lets chargers in (or, `refuse`, answers their upgrade with HTTP 401). */
async function server(refuse = false) {
  const upgrades: Array<{ url: string; authorization?: string; protocol?: string }> = [];
  let refused = 0;
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: (p) => [...p][0] ?? false, verifyClient: () => (refuse ? (refused++, false) : true) });
  wss.on('connection', (socket, req) => void upgrades.push({ url: req.url ?? '', authorization: req.headers.authorization, protocol: socket.protocol }));
  await new Promise((r) => wss.once('listening', r));
  cleanups.push(() => {
    for (const c of wss.clients) c.terminate();
    return new Promise<void>((r) => wss.close(() => r()));
  });
  return { url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/ocpp`, upgrades, refused: () => refused };
}

function charger(url: string, clock: FakeClock, password?: string) {
  const cp = new VirtualChargePoint({ definition: VirtualChargerDefinition.parse({ id: 'CONN:1', password }), url, clock, random: () => 0 });
  cleanups.push(() => cp.stop());
  return cp;
}

describe('the connection', () => {
  it('opens ws://.../<identity> with ocpp1.6 and Basic auth from the password', async () => {
    const s = await server();
    const cp = charger(s.url, new FakeClock(), 'a-password-of-16+');
    cp.start();
    await until(() => s.upgrades.length === 1 && cp.isConnected, 'a connection');
    expect(s.upgrades[0]).toEqual({ url: '/ocpp/CONN%3A1', authorization: basicAuthorization('CONN:1', 'a-password-of-16+'), protocol: 'ocpp1.6' });
    expect(basicAuthorization('CP1', 'pw')).toBe(`Basic ${Buffer.from('CP1:pw').toString('base64')}`);
  });

  it('tries again after a refusal with back-off: 1 s, then 2 s, then 4 s', async () => {
    const s = await server(true);
    const clock = new FakeClock();
    const cp = charger(s.url, clock);
    cp.start();
    await until(() => s.refused() === 1 && cp.view().connection === 'disconnected', 'the first refusal');
    for (const [waitMs, total] of [
      [1_000, 2],
      [2_000, 3],
      [4_000, 4],
    ]) {
      await clock.advance(waitMs - 1);
      expect(s.refused()).toBe(total - 1);
      await clock.advance(1);
      await until(() => s.refused() === total && cp.view().connection === 'disconnected', `attempt ${total}`);
    }
    expect(cp.view().lastError).toBe('The central system refused the connection: HTTP 401 Unauthorized');
  });
});
