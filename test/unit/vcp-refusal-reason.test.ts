// A virtual charger's "Last error" when the central system refuses its connection: the reason whole, or a
// very long one cut at a word and marked with "…", never mid-word.
import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { MAX_REFUSAL_REASON, refusalReason } from '../../src/main/virtual-cp/connection';
import { VirtualChargePoint } from '../../src/main/virtual-cp/charge-point';
import { VirtualChargerDefinition } from '../../src/shared/api/virtual-chargers';
import { FakeClock } from '../../src/main/clock';

describe('the reason a refused connection shows', () => {
  it('keeps a long sentence whole (well over 300 characters)', () => {
    const reason = `Charger VCP9 is not known to this bench and the bench only lets in chargers it knows. ${'Register it on the Chargers screen with its password, or switch strict mode off in Settings. '.repeat(4)}Then it gets in.`;
    expect(reason.length).toBeGreaterThan(300);
    expect(refusalReason(reason)).toBe(reason.trim());
  });

  it('cuts a page-long body at a word, with an ellipsis', () => {
    const words = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ');
    const shown = refusalReason(`<html>\n  ${words}\n</html>`);
    expect(shown.length).toBeLessThanOrEqual(MAX_REFUSAL_REASON + 1);
    expect(shown.endsWith('…')).toBe(true);
    // The last word shown is whole.
    expect(shown.slice(0, -1).split(' ').at(-1)).toMatch(/^word\d+$/);
    expect(words.split(' ')).toContain(shown.slice(0, -1).split(' ').at(-1));
  });

  it('an empty body shows nothing', () => {
    expect(refusalReason('  \n ')).toBe('');
  });
});

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const f of cleanups.splice(0).reverse()) await f();
});

/** A server that refuses every WebSocket upgrade with HTTP 403 and `send` writes the body (raw bytes, in pieces). */
async function refusing(send: (socket: Socket) => void): Promise<string> {
  const server: Server = createServer();
  const sockets: Socket[] = [];
  server.on('upgrade', (_req, socket: Socket) => {
    sockets.push(socket);
    send(socket);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => {
    for (const s of sockets) s.destroy();
    return new Promise<void>((r) => server.close(() => r()));
  });
  return `ws://127.0.0.1:${(server.address() as AddressInfo).port}/ocpp`;
}

async function lastErrorOf(url: string): Promise<string> {
  const cp = new VirtualChargePoint({ definition: VirtualChargerDefinition.parse({ id: 'REFUSED1' }), url, clock: new FakeClock(), random: () => 0 });
  cleanups.push(() => cp.stop());
  cp.start();
  const deadline = Date.now() + 3_000;
  while (!cp.view().lastError?.startsWith('The central system refused')) {
    if (Date.now() > deadline) throw new Error(`no refusal reported; last error: ${cp.view().lastError}`);
    await new Promise((r) => setTimeout(r, 5));
  }
  return cp.view().lastError!;
}

describe('the reason read from a real refusal', () => {
  it('a character split across two pieces of the body shows whole', async () => {
    const body = Buffer.from('Zugang verweigert: Ladepunkt nicht freigeschaltet – bitte Gerät registrieren', 'utf8');
    const split = body.indexOf(Buffer.from('ä', 'utf8')) + 1; // between the two bytes of "ä"
    const url = await refusing((socket) => {
      socket.write(`HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`);
      socket.write(body.subarray(0, split));
      setTimeout(() => socket.end(body.subarray(split)), 50);
    });
    expect(await lastErrorOf(url)).toBe(`The central system refused the connection: HTTP 403 ${body.toString('utf8')}`);
  });

  it('a body that never ends is read only as far as the reason needs, and the refusal is still shown', async () => {
    const url = await refusing((socket) => {
      socket.write('HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n');
      const piece = 'refused '.repeat(1000);
      socket.write(`${piece.length.toString(16)}\r\n${piece}\r\n`);
      // ...and nothing more: no last chunk, the socket stays open.
    });
    const shown = await lastErrorOf(url);
    expect(shown).toMatch(/^The central system refused the connection: HTTP 403 refused refused .*refused…$/);
    expect(shown.length).toBeLessThanOrEqual('The central system refused the connection: HTTP 403 '.length + MAX_REFUSAL_REASON + 1);
  });
});
