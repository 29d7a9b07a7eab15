// Every way an FTP upload can end ends its row: the server restarted on a new port or stopped, a control
// connection that closed, a sender that died mid-file (shown incomplete, not as a good file, whichever of
// its connections the bench sees close first), a reset data connection, and a whole file confirmed with
// 226 (received). A raw FTP client of the test's own, so each connection is cut where a charger would cut it.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { connect, type Socket } from 'node:net';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileHost } from '../../src/main/core/file-host';
import { UploadInbox } from '../../src/main/core/upload-inbox';
import { BenchFtpServer } from '../../src/main/core/ftp-server';
import type { UploadView } from '../../src/shared/api/files';
import { createRequire } from 'node:module';
import { FakeClock } from '../../src/main/clock';
import { uploadRows } from '../helpers/upload-rows';

// ftp-srv's connection class (not among its exports): the test holds its 226 reply back to close the control connection first.
const FtpConnection = createRequire(import.meta.url)('ftp-srv/src/connection.js') as { prototype: { reply(...args: unknown[]): Promise<unknown> } };

let dir: string;
let inbox: UploadInbox;
let ftp: BenchFtpServer;
const sockets: Socket[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'chargebench-ftp-end-'));
  inbox = new UploadInbox(join(dir, 'uploads'));
  ftp = new BenchFtpServer(new FileHost(join(dir, 'files')), inbox);
});

afterEach(async () => {
  vi.restoreAllMocks();
  for (const s of sockets.splice(0)) s.destroy();
  await ftp.stop();
});

afterAll(() => {
  inbox.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A control connection: send a command, wait for a reply with a given code. */
function control(port: number) {
  const socket = connect(port, '127.0.0.1');
  sockets.push(socket);
  let text = '';
  socket.on('data', (d: Buffer) => (text += d.toString()));
  socket.on('error', () => undefined);
  const reply = (code: number) =>
    vi.waitFor(
      () => {
        const line = text.split('\r\n').find((l) => l.startsWith(`${code} `));
        if (!line) throw new Error(`no ${code} yet in ${JSON.stringify(text)}`);
        text = text.slice(text.indexOf(line) + line.length);
        return line;
      },
      { timeout: 5000, interval: 10 },
    );
  const send = async (command: string, code: number) => {
    socket.write(`${command}\r\n`);
    return reply(code);
  };
  return { socket, reply, send };
}

/** Logs in to a new location of CP1 and starts STOR of `name`: the control and data connections, mid-file. */
async function startUpload(name: string) {
  const port = ftp.address()!.port;
  const location = inbox.newLocation('CP1');
  const c = control(port);
  await c.reply(220);
  await c.send(`USER ${location.ftpUser}`, 331);
  await c.send(`PASS ${location.ftpPassword}`, 230);
  await c.send('TYPE I', 200);
  const epsv = await c.send('EPSV', 229);
  const data = connect(Number(/\|\|\|(\d+)\|/.exec(epsv)![1]), '127.0.0.1');
  sockets.push(data);
  data.on('error', () => undefined);
  await new Promise((r) => data.once('connect', r));
  await c.send(`STOR ${name}`, 150);
  data.write(Buffer.alloc(64 * 1024, 7));
  await vi.waitFor(() => expect(row(name)?.bytes).toBe(64 * 1024), { timeout: 5000, interval: 10 });
  return { c, data };
}

const { row, ended } = uploadRows(() => inbox);

describe('an FTP upload ends its row however it ends', () => {
  it('a change of the FTP port cuts it off: failed, saying why, not "receiving" for ever', async () => {
    await ftp.start('127.0.0.1', 0);
    await startUpload('port-change.zip');
    await ftp.start('127.0.0.1', 0);
    const u = await ended('port-change.zip');
    expect(u).toMatchObject({ status: 'failed', error: expect.stringContaining('its port changed') });
  });

  it('the bench stopping its FTP server cuts it off: failed', async () => {
    await ftp.start('127.0.0.1', 0);
    await startUpload('stopped.zip');
    await ftp.stop();
    expect(await ended('stopped.zip')).toMatchObject({ status: 'failed', error: expect.stringContaining('stopped during the upload') });
  });

  it('a control connection that closes while the data still flows keeps the bytes that came, incomplete, saying why', async () => {
    await ftp.start('127.0.0.1', 0);
    const { c } = await startUpload('control-gone.zip');
    c.socket.destroy();
    expect(await ended('control-gone.zip')).toMatchObject({ status: 'incomplete', bytes: 64 * 1024, error: expect.stringContaining('while the file was still arriving') });
  });

  it('a control connection that closes after the data ended but before the 226 went out leaves it incomplete', async () => {
    await ftp.start('127.0.0.1', 0);
    const { c, data } = await startUpload('late-close.zip');
    // ftp-srv's 226 waits until the charger's control connection is gone (on a live site, a charger that dies
    // some milliseconds after its data connection ends).
    let release = () => undefined as void;
    const held = new Promise<void>((r) => (release = r));
    let replying226 = false;
    const reply = FtpConnection.prototype.reply;
    vi.spyOn(FtpConnection.prototype, 'reply').mockImplementation(function (this: unknown, ...args: unknown[]) {
      if (args[0] !== 226) return reply.apply(this, args);
      replying226 = true;
      return held.then(() => reply.apply(this, args));
    });
    data.end();
    await vi.waitFor(() => expect(replying226).toBe(true), { timeout: 5000, interval: 5 });
    const closed = new Promise((r) => c.socket.once('close', r));
    c.socket.end();
    await closed;
    await new Promise((r) => setTimeout(r, 50));
    release();
    const u = await ended('late-close.zip');
    expect(u).toMatchObject({ status: 'incomplete', bytes: 64 * 1024, error: expect.stringContaining('may be cut short') });
  });

  it('a data connection reset mid-file fails it, saying so in words with the bytes that came', async () => {
    await ftp.start('127.0.0.1', 0);
    const { data } = await startUpload('reset.zip');
    data.resetAndDestroy();
    expect(await ended('reset.zip')).toMatchObject({ status: 'failed', error: 'The connection was reset by the charger (ECONNRESET) after 65536 bytes' });
  });

  it('a sender that dies mid-file (both connections closed, no 226 awaited) leaves an incomplete file, saying why', async () => {
    await ftp.start('127.0.0.1', 0);
    const { c, data } = await startUpload('killed.zip');
    data.end();
    c.socket.end();
    const u = await ended('killed.zip');
    expect(u.status).toBe('incomplete');
    expect(u.error).toContain('may be cut short');
    expect(u.bytes).toBe(64 * 1024);
  });

  it('a file the charger sees confirmed (226) is received', async () => {
    await ftp.start('127.0.0.1', 0);
    const { c, data } = await startUpload('whole.zip');
    data.end();
    await c.reply(226);
    // Received as soon as the 226 went out, while the charger stays connected (for its next file).
    expect(await ended('whole.zip')).toMatchObject({ status: 'received', error: null, bytes: 64 * 1024 });
    await c.send('QUIT', 221);
    expect(row('whole.zip')).toMatchObject({ status: 'received', error: null, bytes: 64 * 1024 });
  });

  it('a charger that hangs up right after reading the 226 leaves a received file', async () => {
    await ftp.start('127.0.0.1', 0);
    const { c, data } = await startUpload('hangup.zip');
    data.end();
    await c.reply(226);
    c.socket.destroy();
    expect(await ended('hangup.zip')).toMatchObject({ status: 'received', error: null, bytes: 64 * 1024 });
  });
});

describe('an FTP upload whose bytes stop coming (a charger hung, a network lost without a close)', () => {
  const clock = new FakeClock('2026-03-01T10:00:00.000Z');
  const events: UploadView[] = [];
  let kept: { inbox: UploadInbox; ftp: BenchFtpServer };
  beforeAll(() => {
    kept = { inbox, ftp };
    inbox = new UploadInbox(join(dir, 'uploads-stalled'), { clock, onChange: (c) => void (c.type === 'changed' && events.push(c.upload)) });
    ftp = new BenchFtpServer(new FileHost(join(dir, 'files-stalled')), inbox);
  });
  afterAll(async () => {
    await ftp.stop();
    inbox.close();
    ({ inbox, ftp } = kept);
  });
  const lastEvent = (name: string) => events.filter((u) => u.name === name).at(-1)!;

  it('stays receiving with when its bytes last came while time moves on (all its bytes told), then ends incomplete after 5 min of silence, bytes kept', async () => {
    await ftp.start('127.0.0.1', 0);
    const { c, data } = await startUpload('stalled.zip');
    const t0 = new Date(clock.now()).toISOString();
    // More bytes within the same progress period: told once the period is over, not left untold when the charger goes quiet.
    data.write(Buffer.alloc(1000, 7));
    await vi.waitFor(() => expect(row('stalled.zip')?.bytes).toBe(64 * 1024 + 1000), { timeout: 5000, interval: 10 });
    await clock.advance(60_000);
    expect(row('stalled.zip')).toMatchObject({ status: 'receiving', bytes: 64 * 1024 + 1000, lastDataAt: t0, silenceLimitMs: 5 * 60_000 });
    expect(lastEvent('stalled.zip')).toMatchObject({ status: 'receiving', bytes: 64 * 1024 + 1000, lastDataAt: t0 });

    // Bytes again: the wait starts over from them.
    data.write(Buffer.alloc(500, 7));
    await vi.waitFor(() => expect(row('stalled.zip')?.bytes).toBe(64 * 1024 + 1500), { timeout: 5000, interval: 10 });
    const t1 = new Date(clock.now()).toISOString();
    expect(row('stalled.zip')?.lastDataAt).toBe(t1);
    await clock.advance(5 * 60_000 - 1000);
    expect(row('stalled.zip')?.status).toBe('receiving');

    const closed = new Promise((r) => data.once('close', r));
    await clock.advance(2000);
    const u = await ended('stalled.zip');
    expect(u).toMatchObject({ status: 'incomplete', bytes: 64 * 1024 + 1500, lastDataAt: t1, error: expect.stringContaining('No data arrived for 5 min') });
    expect(u.error).toContain('kept the 67036 bytes that came, but the file may be cut short');
    expect(lastEvent('stalled.zip')).toMatchObject({ status: 'incomplete', bytes: 64 * 1024 + 1500 });
    // The charger hears it, and its data connection is closed.
    expect(await c.reply(550)).toContain('No data arrived for 5 min');
    await closed;
    expect(statSync(inbox.downloadable(u.id).path).size).toBe(64 * 1024 + 1500);
  });

  it('an upload whose bytes keep coming is never ended for silence', async () => {
    await ftp.start('127.0.0.1', 0);
    const { c, data } = await startUpload('steady.zip');
    for (let i = 0; i < 8; i++) {
      await clock.advance(60_000);
      data.write(Buffer.alloc(100, 7));
      await vi.waitFor(() => expect(row('steady.zip')?.bytes).toBe(64 * 1024 + 100 * (i + 1)), { timeout: 5000, interval: 10 });
    }
    expect(row('steady.zip')?.status).toBe('receiving');
    data.end();
    await c.reply(226);
    expect(await ended('steady.zip')).toMatchObject({ status: 'received', error: null, bytes: 64 * 1024 + 800 });
  });
});
