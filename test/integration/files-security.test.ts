// What chargers cannot do with the bench's file services: log in with the wrong or an expired
// credential, climb out of their one folder, read back an upload (their own or another charger's), send
// more than the cap, or bring the process down by cutting a transfer off. The inbox, the HTTP endpoint
// and the FTP server as the bench wires them, on a clock the test moves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FTPError, type Client as FtpClient } from 'basic-ftp';
import { createServer, request, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { FileHost, HOSTED_FOR_MS } from '../../src/main/core/file-host';
import { LOCATION_VALID_MS, UploadInbox } from '../../src/main/core/upload-inbox';
import { handleUploadRequest } from '../../src/main/core/upload-http';
import { BenchFtpServer } from '../../src/main/core/ftp-server';
import { hostedFileView, uploadLocationView } from '../../src/main/core/network';
import { systemClock, type Clock } from '../../src/main/clock';
import { ftpLogin } from '../helpers/ftp';

const CAP = 4096;
let dir: string;
let now = Date.parse('2026-05-04T08:00:00.000Z');
/** The time is `now`, moved by the tests (back as well as forward); timers run on the wall's. */
const movable: Clock = { now: () => now, after: (ms, fn, options) => systemClock.after(ms, fn, options) };
let files: FileHost;
let inbox: UploadInbox;
let ftp: BenchFtpServer;
let http: Server;
let httpPort: number;
const clients: FtpClient[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chargebench-files-'));
  files = new FileHost(join(dir, 'files'), { now: () => now });
  inbox = new UploadInbox(join(dir, 'uploads'), { clock: movable, maxBytes: CAP });
  ftp = new BenchFtpServer(files, inbox);
  const signalHandlers = process.listenerCount('SIGTERM') + process.listenerCount('SIGINT');
  await ftp.start('127.0.0.1', 0);
  // ftp-srv would exit the process on SIGTERM itself, before the bench saved its record: its handlers are taken out.
  expect(process.listenerCount('SIGTERM') + process.listenerCount('SIGINT')).toBe(signalHandlers);
  http = createServer((req, res) => void (files.handle(req, res) || handleUploadRequest(inbox, req, res) || res.writeHead(426).end()));
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  httpPort = (http.address() as AddressInfo).port;
});

afterAll(async () => {
  for (const c of clients) c.close();
  await ftp.stop();
  inbox.close();
  http.closeAllConnections();
  await new Promise((r) => http.close(r));
  rmSync(dir, { recursive: true, force: true });
});

const urlsOf = (chargerId: string) => uploadLocationView(inbox.newLocation(chargerId), { host: '127.0.0.1', port: httpPort }, ftp.address());

const login = (url: string, user?: string, password?: string): Promise<FtpClient> => ftpLogin(url, { user, password, opened: (c) => clients.push(c) });

/** The FTP reply code an action was refused with. */
async function refusal(action: Promise<unknown>): Promise<number> {
  try {
    await action;
  } catch (e) {
    if (e instanceof FTPError) return e.code;
    throw e;
  }
  throw new Error('expected a refusal');
}

/** Every file under the temp dir, relative to it. */
function allFiles(from = dir): string[] {
  return readdirSync(from).flatMap((n) => (statSync(join(from, n)).isDirectory() ? allFiles(join(from, n)) : [relative(dir, join(from, n))]));
}

const uploadsOf = (chargerId: string) => inbox.list(chargerId);

describe('credentials', () => {
  it('refuses FTP logins with a wrong password, an unknown user or anonymously, and an unknown HTTP token', async () => {
    const loc = urlsOf('CP-CRED');
    const u = new URL(loc.ftp!);
    for (const [user, password] of [
      [decodeURIComponent(u.username), '0'.repeat(32)],
      ['diag-000000000000', decodeURIComponent(u.password)],
      ['anonymous', 'anonymous@'],
      ['fw-000000000000', 'x'],
    ]) {
      expect(await refusal(login(loc.ftp!, user, password))).toBe(530);
    }
    const wrong = await fetch(`http://127.0.0.1:${httpPort}/uploads/${'A'.repeat(24)}/x.txt`, { method: 'PUT', body: 'x' });
    expect(wrong.status).toBe(404);
    expect(await wrong.text()).toMatch(/No such upload location/);
    expect(uploadsOf('CP-CRED')).toEqual([]);
  });

  it('refuses an expired location over HTTP (410) and FTP (530, "expired"), and a hosted file after its day', async () => {
    const loc = urlsOf('CP-EXP');
    const fwPath = join(dir, 'fw-9.bin');
    writeFileSync(fwPath, 'FIRMWARE');
    const fw = hostedFileView(await files.host(fwPath), { host: '127.0.0.1', port: httpPort }, ftp.address());
    const early = await login(loc.ftp!);
    await login(fw.ftpUrl!);

    now += LOCATION_VALID_MS + 1000;
    try {
      const put = await fetch(`${loc.http}late.txt`, { method: 'PUT', body: 'late' });
      expect(put.status).toBe(410);
      expect(await put.text()).toMatch(/expired/);
      const err = await login(loc.ftp!).catch((e: Error) => e);
      expect(err).toBeInstanceOf(FTPError);
      expect((err as FTPError).code).toBe(530);
      expect((err as Error).message).toMatch(/expired/);
      // A session opened before the expiry cannot upload after it either.
      expect(await refusal(early.uploadFrom(Readable.from(['late']), 'late.txt'))).toBeGreaterThanOrEqual(500);
      expect(HOSTED_FOR_MS).toBeLessThanOrEqual(LOCATION_VALID_MS);
      expect(await refusal(login(fw.ftpUrl!))).toBe(530);
      expect((await fetch(fw.url)).status).toBe(404);
      expect(uploadsOf('CP-EXP')).toEqual([]);
    } finally {
      now -= LOCATION_VALID_MS + 1000;
    }
  });
});

describe('one folder each', () => {
  it('FTP: no way out of the location, no reading back, and another location of another charger sees nothing', async () => {
    const mine = urlsOf('CP-A');
    const theirs = urlsOf('CP-B');
    const a = await login(mine.ftp!);
    await a.uploadFrom(Readable.from([Buffer.from('secret of A')]), 'a-diag.txt');
    for (const name of ['../escape.txt', '../../../escape.txt', '/sub/escape.txt', 'sub/escape.txt', 'a/../../escape.txt', '..\\escape.txt', '..']) {
      expect(await refusal(a.uploadFrom(Readable.from(['x']), name)), name).toBeGreaterThanOrEqual(500);
    }
    expect(await refusal(a.cd('..'))).toBe(550);
    expect(await refusal(a.cd('/etc'))).toBe(550);
    expect(await a.pwd()).toBe('/');
    expect(await refusal(a.downloadTo(new (await import('node:stream')).PassThrough(), 'a-diag.txt'))).toBeGreaterThanOrEqual(500);
    expect(await refusal(a.remove('a-diag.txt'))).toBeGreaterThanOrEqual(500);
    expect(await refusal(a.rename('a-diag.txt', 'b.txt'))).toBeGreaterThanOrEqual(500);
    expect(await refusal(a.send('MKD sub'))).toBeGreaterThanOrEqual(500);
    expect(await refusal(a.list('..'))).toBeGreaterThanOrEqual(450);

    const b = await login(theirs.ftp!);
    expect(await b.list()).toEqual([]);
    expect(await refusal(b.downloadTo(new (await import('node:stream')).PassThrough(), 'a-diag.txt'))).toBeGreaterThanOrEqual(500);
    expect(await refusal(b.downloadTo(new (await import('node:stream')).PassThrough(), '../CP-A/a-diag.txt'))).toBeGreaterThanOrEqual(500);

    expect(uploadsOf('CP-A').map((u) => u.name)).toEqual(['a-diag.txt']);
    expect(allFiles().filter((f) => f.includes('escape'))).toEqual([]);
  });

  it('FTP: a hosted file user reads that one file and nothing else on disk', async () => {
    const other = join(dir, 'other.bin');
    writeFileSync(other, 'OTHER');
    const fwPath = join(dir, 'fw-1.bin');
    writeFileSync(fwPath, 'FIRMWARE-1');
    await files.host(other);
    const fw = hostedFileView(await files.host(fwPath), { host: '127.0.0.1', port: httpPort }, ftp.address());
    const c = await login(fw.ftpUrl!);
    expect((await c.list()).map((f) => f.name)).toEqual(['fw-1.bin']);
    const { PassThrough } = await import('node:stream');
    for (const name of ['other.bin', '../other.bin', '../../files/hosted.json', '/etc/passwd', '../uploads/uploads.json']) {
      expect(await refusal(c.downloadTo(new PassThrough(), name)), name).toBeGreaterThanOrEqual(500);
    }
    expect(await refusal(c.uploadFrom(Readable.from(['x']), 'fw-1.bin'))).toBeGreaterThanOrEqual(500);
    expect(await refusal(c.uploadFrom(Readable.from(['x']), 'new.bin'))).toBeGreaterThanOrEqual(500);
  });

  it('HTTP: a name that climbs out is refused, a multipart path is cut to its file name, the location is never read back', async () => {
    const loc = urlsOf('CP-H');
    for (const path of ['..%2F..%2Fescape.txt', '..%5Cescape.txt', 'sub%2Fescape.txt', '%2E%2E%2Fescape.txt']) {
      const res = await fetch(`${loc.http}${path}`, { method: 'PUT', body: 'x' });
      expect(res.status, path).toBe(400);
    }
    // A client that resolves ".." itself lands outside every location.
    expect((await fetch(`${loc.http}../escape.txt`, { method: 'PUT', body: 'x' })).status).toBe(404);
    const form = new FormData();
    form.append('file', new Blob(['from a form']), '../../escape-form.txt');
    expect((await fetch(loc.http, { method: 'POST', body: form })).status).toBe(200);
    const [upload] = uploadsOf('CP-H');
    expect(upload).toMatchObject({ name: 'escape-form.txt', status: 'received', bytes: 11 });
    expect(allFiles().filter((f) => f.includes('escape'))).toEqual([expect.stringMatching(/^uploads\/CP-H-[0-9a-f]{10}\/[0-9a-f]{12}\/escape-form\.txt$/)]);
    const get = await fetch(`${loc.http}escape-form.txt`);
    expect(get.status).toBe(405);
    expect(await get.text()).not.toContain('from a form');
    const empty = new FormData();
    empty.append('note', 'no file here');
    const noFile = await fetch(loc.http, { method: 'POST', body: empty });
    expect(noFile.status).toBe(400);
    expect(await noFile.text()).toMatch(/no file/);
  });
});

describe('size cap and cut-off transfers', () => {
  it('refuses more than the cap over HTTP (declared or not) and FTP, and leaves no file behind', async () => {
    const loc = urlsOf('CP-BIG');
    const big = Buffer.alloc(CAP + 1, 1);
    expect((await fetch(`${loc.http}declared.bin`, { method: 'PUT', body: new Uint8Array(Buffer.alloc(CAP + 100_000)) })).status).toBe(413);
    const chunked = await fetch(`${loc.http}chunked.bin`, { method: 'PUT', body: Readable.toWeb(Readable.from([big])) as ReadableStream, duplex: 'half' } as RequestInit);
    expect(chunked.status).toBe(413);
    const c = await login(loc.ftp!);
    expect(await refusal(c.uploadFrom(Readable.from([big]), 'ftp.bin'))).toBe(550);
    expect(uploadsOf('CP-BIG').map((u) => [u.name, u.status])).toEqual(
      expect.arrayContaining([
        ['chunked.bin', 'failed'],
        ['ftp.bin', 'failed'],
      ]),
    );
    expect(uploadsOf('CP-BIG').every((u) => u.error?.includes('larger than'))).toBe(true);
    expect(allFiles().filter((f) => f.includes('CP-BIG'))).toEqual([]);
  });

  it('an upload cut off mid-way (HTTP abort, FTP data connection reset) is listed as failed; both servers go on', async () => {
    const loc = urlsOf('CP-CUT');
    await new Promise<void>((resolve) => {
      const req = request(`${loc.http}cut.bin`, { method: 'PUT', headers: { 'Content-Length': '3000' } });
      req.on('error', () => resolve());
      req.write(Buffer.alloc(1000, 2), () => setTimeout(() => req.destroy(), 100));
    });
    await waitUntil(() => uploadsOf('CP-CUT').some((u) => u.name === 'cut.bin' && u.status === 'failed'));

    // FTP by hand: a data connection reset (RST) mid-STOR is a cut-off, not a complete file.
    const u = new URL(loc.ftp!);
    const control = await rawFtp(Number(u.port));
    await control.send(`USER ${u.username}`, /^331/);
    await control.send(`PASS ${u.password}`, /^230/);
    const epsv = await control.send('EPSV', /^229/);
    const dataPort = Number(/\|\|\|(\d+)\|/.exec(epsv)![1]);
    const data = connect(dataPort, '127.0.0.1');
    await new Promise((r) => data.once('connect', r));
    await control.send('STOR reset.bin', /^150/);
    data.write(Buffer.alloc(500, 3));
    await new Promise((r) => setTimeout(r, 100));
    data.resetAndDestroy();
    await waitUntil(() => uploadsOf('CP-CUT').some((x) => x.name === 'reset.bin' && x.status === 'failed'));
    // Garbage, unknown and odd commands are answered, never fatal; active mode may not point elsewhere.
    await control.send('\u0000\u00ff GARBAGE', /^5\d\d/);
    await control.send('SITE CHMOD 777 /etc/passwd', /^5\d\d/);
    for (const line of [
      'PORT 10,1,2,3,4,5',
      'EPRT |1|10.1.2.3|1234|',
      'EPRT garbage',
      'REST abc',
      'TYPE X',
      'SIZE ../../etc/passwd',
      'MDTM ../uploads.json',
      'CWD ../..',
      'CDUP',
      'AUTH TLS',
      'ALLO 100',
      'STAT',
      'FEAT',
      'OPTS UTF8 ON',
      'RNFR x',
      'DELE x',
      'MKD x',
    ]) {
      await control.send(line, /^\d{3} /);
    }
    await control.send('PWD', /^257 "\/"/);
    await control.send('NOOP', /^200/);
    control.socket.destroy();

    const after = await login(loc.ftp!);
    await after.uploadFrom(Readable.from([Buffer.from('fine')]), 'after.txt');
    expect((await fetch(`${loc.http}after-http.txt`, { method: 'PUT', body: 'fine' })).status).toBe(200);
    expect(
      uploadsOf('CP-CUT')
        .filter((x) => x.status === 'received')
        .map((x) => x.name)
        .sort(),
    ).toEqual(['after-http.txt', 'after.txt']);
    expect(allFiles().filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it('keeps the list across a restart: received files stay, one that was arriving is failed', async () => {
    const loc = inbox.newLocation('CP-RESTART');
    const sink = inbox.receive(loc, 'half.txt', 'ftp');
    sink.write('half');
    const view = uploadLocationView(loc, { host: '127.0.0.1', port: httpPort }, ftp.address());
    expect((await fetch(`${view.http}whole.txt`, { method: 'PUT', body: 'whole' })).status).toBe(200);
    const again = new UploadInbox(join(dir, 'uploads'), { clock: movable });
    try {
      expect(
        again
          .list('CP-RESTART')
          .map((u) => [u.name, u.status])
          .sort(),
      ).toEqual([
        ['half.txt', 'failed'],
        ['whole.txt', 'received'],
      ]);
    } finally {
      again.close();
      sink.destroy();
    }
  });
});

async function waitUntil(fn: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!fn()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A bare FTP control connection: send a line, wait for the reply matching `expect`. */
async function rawFtp(port: number): Promise<{ socket: Socket; send(line: string, expect: RegExp): Promise<string> }> {
  const socket = connect(port, '127.0.0.1');
  let buffer = '';
  socket.on('data', (d) => (buffer += d.toString('latin1')));
  const waitFor = async (re: RegExp) => {
    const deadline = Date.now() + 3000;
    for (;;) {
      const line = buffer.split('\r\n').find((l) => re.test(l));
      if (line) {
        buffer = buffer.slice(buffer.indexOf(line) + line.length);
        return line;
      }
      if (Date.now() > deadline) throw new Error(`no reply matching ${re}; got ${JSON.stringify(buffer)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  await waitFor(/^220 /);
  return {
    socket,
    send: async (line, expect) => {
      socket.write(`${line}\r\n`);
      return waitFor(expect);
    },
  };
}
