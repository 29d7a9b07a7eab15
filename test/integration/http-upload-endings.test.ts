// An HTTP upload on the OCPP port is never cut while its bytes still come (Node's 5-minute request timeout
// would answer 408 mid-file, and the row would blame the charger), a request's headers still have a time
// limit, and a body whose bytes stop coming ends as an FTP one does: after 5 min of silence, incomplete,
// the bytes kept, the reason in words, the charger told (408) and its connection closed. A raw HTTP client
// of the test's own, so each body stops where a charger would stop it.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { connect, type Socket } from 'node:net';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HEADERS_TIMEOUT_MS, OcppServer, type OcppServerHooks, type OcppServerOptions } from '../../src/main/central-system/server';
import { UploadInbox } from '../../src/main/core/upload-inbox';
import { handleUploadRequest } from '../../src/main/core/upload-http';
import { defaultSettings } from '../../src/shared/api/settings';
import { FakeClock } from '../../src/main/clock';
import { uploadRows } from '../helpers/upload-rows';

const clock = new FakeClock('2026-03-01T10:00:00.000Z');
let dir: string;
let inbox: UploadInbox;
const servers: OcppServer[] = [];
const sockets: Socket[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'chargebench-http-end-'));
  inbox = new UploadInbox(join(dir, 'uploads'), { clock });
});

afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  for (const s of servers.splice(0)) await s.stop();
});

afterAll(() => {
  inbox.close();
  rmSync(dir, { recursive: true, force: true });
});

const hooks = { settings: () => defaultSettings, turnedAway: () => undefined } as unknown as OcppServerHooks;

/** The OCPP port with the bench's upload locations on it; its port. */
async function port(options: OcppServerOptions = {}): Promise<number> {
  const server = new OcppServer({ host: '127.0.0.1', port: 0, handshakeTimeoutMs: 30_000, ...options, httpHandler: (req, res) => handleUploadRequest(inbox, req, res) }, hooks);
  servers.push(server);
  return (await server.start()).port;
}

/** A raw connection: what it has been answered, and when it closes. */
async function open(p: number) {
  const socket = connect(p, '127.0.0.1');
  sockets.push(socket);
  let text = '';
  socket.on('data', (d: Buffer) => (text += d.toString()));
  socket.on('error', () => undefined);
  const closed = new Promise<void>((r) => socket.once('close', () => r()));
  await new Promise((r) => socket.once('connect', r));
  const answer = (status: number) =>
    vi.waitFor(
      () => {
        if (!text.startsWith(`HTTP/1.1 ${status} `) || !text.includes('\r\n\r\n')) throw new Error(`no ${status} yet in ${JSON.stringify(text)}`);
        return text;
      },
      { timeout: 5000, interval: 10 },
    );
  return { socket, closed, answer, sent: () => text };
}

const { row, ended } = uploadRows(() => inbox);

const put = (token: string, name: string, length: number) => `PUT /uploads/${token}/${name} HTTP/1.1\r\nHost: bench\r\nContent-Length: ${length}\r\n\r\n`;

describe('the OCPP port and an HTTP upload that takes long', () => {
  it('sets no time limit on a request body (Node would cut it after 5 min), and keeps one on its headers', async () => {
    await port();
    expect(servers[0].httpTimeouts).toEqual({ request: 0, headers: HEADERS_TIMEOUT_MS });
  });

  it('takes a PUT whose body trickles in past the headers limit whole, then drops a kept-alive connection whose next headers never end', async () => {
    const p = await port({ headersTimeoutMs: 300, timeoutCheckEveryMs: 50 });
    const location = inbox.newLocation('CP1');
    const c = await open(p);
    c.socket.write(put(location.token, 'slow.log', 12));
    for (let i = 0; i < 12; i++) {
      await new Promise((r) => setTimeout(r, 100));
      c.socket.write('x');
    }
    expect(await c.answer(200)).toContain('Received slow.log (12 bytes)');
    expect(row('slow.log')).toMatchObject({ status: 'received', bytes: 12, error: null });

    // The same connection, kept alive: headers that never end are still dropped, with Node's 408.
    c.socket.write(`PUT /uploads/${location.token}/next.log HTTP/1.1\r\nHost: bench\r\n`);
    await c.closed;
    expect(c.sent()).toMatch(/HTTP\/1\.1 408 Request Timeout\r\n[^]*$/);
  });
});

describe('an HTTP upload whose bytes stop coming (a charger hung, a network lost without a close)', () => {
  it('a PUT stays receiving while its bytes come, then ends incomplete after 5 min of silence, bytes kept, the charger told and cut off', async () => {
    const p = await port();
    const location = inbox.newLocation('CP1');
    const c = await open(p);
    c.socket.write(put(location.token, 'stalled.zip', 200_000));
    c.socket.write(Buffer.alloc(64 * 1024, 7));
    await vi.waitFor(() => expect(row('stalled.zip')?.bytes).toBe(64 * 1024), { timeout: 5000, interval: 10 });
    expect(row('stalled.zip')).toMatchObject({ status: 'receiving', via: 'http', silenceLimitMs: 5 * 60_000 });

    // Bytes again: the wait starts over from them.
    await clock.advance(4 * 60_000);
    c.socket.write(Buffer.alloc(1000, 7));
    await vi.waitFor(() => expect(row('stalled.zip')?.bytes).toBe(64 * 1024 + 1000), { timeout: 5000, interval: 10 });
    const t1 = new Date(clock.now()).toISOString();
    await clock.advance(5 * 60_000 - 1000);
    expect(row('stalled.zip')?.status).toBe('receiving');

    await clock.advance(2000);
    const u = await ended('stalled.zip');
    expect(u).toMatchObject({ status: 'incomplete', bytes: 64 * 1024 + 1000, lastDataAt: t1, error: expect.stringContaining('No data arrived for 5 min') });
    expect(u.error).toContain('kept the 66536 bytes that came, but the file may be cut short');
    expect(u.error).not.toMatch(/reset/i);
    expect(statSync(inbox.downloadable(u.id).path).size).toBe(64 * 1024 + 1000);
    // The charger hears why, and its connection is closed.
    expect(await c.answer(408)).toContain('No data arrived for 5 min');
    await c.closed;
  });

  it('a multipart POST whose file part stops coming ends the same way', async () => {
    const p = await port();
    const location = inbox.newLocation('CP1');
    const c = await open(p);
    const head = '--b\r\nContent-Disposition: form-data; name="file"; filename="stalled-form.zip"\r\nContent-Type: application/octet-stream\r\n\r\n';
    c.socket.write(`POST /uploads/${location.token}/ HTTP/1.1\r\nHost: bench\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 200000\r\n\r\n${head}`);
    c.socket.write(Buffer.alloc(64 * 1024, 7));
    // Every byte sent has arrived before the clock moves (the form's parser may hold back the few that could
    // begin its boundary, so the count is taken once it stays still): bytes arriving after the clock moved
    // would start the 5 min over, and on a loaded machine the last of the 64 KiB may come late.
    let seen = -1;
    await vi.waitFor(
      () => {
        const now = row('stalled-form.zip')?.bytes ?? 0;
        const still = now === seen && now > 60 * 1024;
        seen = now;
        if (!still) throw new Error(`the form's bytes are still arriving (${now})`);
      },
      { timeout: 15_000, interval: 200 },
    );
    const bytes = row('stalled-form.zip')!.bytes;
    await clock.advance(5 * 60_000 + 1000);
    const u = await ended('stalled-form.zip');
    expect(u).toMatchObject({ status: 'incomplete', bytes, error: expect.stringContaining('No data arrived for 5 min') });
    expect(statSync(inbox.downloadable(u.id).path).size).toBe(bytes);
    expect(await c.answer(408)).toContain('No data arrived for 5 min');
    await c.closed;
  });

  it('the bench stopping during an upload says so, not that the charger reset it', async () => {
    const p = await port();
    const location = inbox.newLocation('CP1');
    const c = await open(p);
    c.socket.write(put(location.token, 'stopped.zip', 200_000));
    c.socket.write(Buffer.alloc(1000, 7));
    await vi.waitFor(() => expect(row('stopped.zip')?.bytes).toBe(1000), { timeout: 5000, interval: 10 });
    // As the bench stops: the inbox, then the OCPP port.
    inbox.close();
    await servers.splice(0)[0].stop();
    await c.closed;
    const u = await ended('stopped.zip');
    expect(u).toMatchObject({ status: 'failed', error: 'The bench stopped during the upload' });
  });
});
