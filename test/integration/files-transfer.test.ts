// Files chargers send and fetch, end to end through the bench: a virtual charger's GetDiagnostics upload
// arrives at a bench upload location over HTTP and over FTP, is listed with its progress and pushed as
// events, and downloads through the API with the content the charger sent; UpdateFirmware over ftp://
// from a hosted file installs. Through the REST routes, as a script would.
import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { readdirSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { benchSuite } from '../helpers/vcp-harness';
import { startTestBench } from '../helpers/bench';
import { ftpBytes, ftpLogin } from '../helpers/ftp';
import type { BenchEvent } from '../../src/shared/api/views';

const suite = benchSuite('FT-');

async function location(chargerId: string) {
  const res = await suite.tb.request('POST', `/api/chargers/${encodeURIComponent(chargerId)}/upload-locations`);
  expect(res.status).toBe(201);
  return res.body as { id: string; http: string; ftp: string; expiresAt: string; alternatives: { http: string[]; ftp: string[] } };
}

async function download(id: string): Promise<{ status: number; text: string; headers: Headers }> {
  const res = await fetch(`http://127.0.0.1:${suite.tb.apiPort}/api/uploads/${id}/content`, { headers: { Authorization: `Bearer ${suite.tb.token}` } });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

/** Collects the bench's upload events while a test runs. */
function uploadEvents(): BenchEvent[] {
  const seen: BenchEvent[] = [];
  const off = suite.tb.bench.bus.subscribe((e) => (e.type === 'uploadChanged' || e.type === 'uploadRemoved') && seen.push(e));
  suite.cleanups.push(async () => off());
  return seen;
}

/** An FTP client of our own, logged in with a location's URL, closed after the test. */
const login = (url: string, passive: 'EPSV' | 'PASV' = 'EPSV') => ftpLogin(url, { passive, opened: (c) => suite.cleanups.push(async () => c.close()) });

describe('diagnostics uploads to the bench', () => {
  it('a virtual charger uploads its diagnostics over HTTP: listed, pushed live, downloadable with its content', async () => {
    const events = uploadEvents();
    const h = await suite.charger();
    const loc = await location(h.id);
    const port = suite.tb.port;
    expect(loc.http).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/uploads/[A-Za-z0-9_-]{24}/$`));
    expect(Date.parse(loc.expiresAt) - Date.now()).toBeGreaterThan(23 * 3_600_000);

    const res = await h.op('GetDiagnostics', { location: loc.http });
    const fileName = res.response.fileName as string;
    await h.until(() => h.vcp.view().diagnosticsStatus === 'Uploaded', 10_000);
    expect(h.vcp.view().lastError ?? null).toBeNull();

    const list = (await suite.tb.request('GET', `/api/chargers/${h.id}/uploads`)).body;
    expect(list).toEqual([
      expect.objectContaining({ chargerId: h.id, name: fileName, via: 'http', status: 'received', error: null, finishedAt: expect.any(String), locationExpiresAt: loc.expiresAt }),
    ]);
    const [upload] = list;
    expect(upload.bytes).toBeGreaterThan(100);
    expect(Date.parse(upload.expiresAt) - Date.now()).toBeGreaterThan(6 * 86_400_000);
    const got = await download(upload.id);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-disposition')).toBe(`attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`);
    expect(got.text).toContain(`ChargeBench virtual charge point ${h.id} diagnostics`);
    expect(got.text).toContain('"BootNotification"');
    expect(Buffer.byteLength(got.text)).toBe(upload.bytes);
    // The UI heard of it as it came: receiving first, received last.
    const mine = events.filter((e) => e.type === 'uploadChanged' && e.upload.id === upload.id).map((e) => (e.type === 'uploadChanged' ? e.upload.status : ''));
    expect(mine[0]).toBe('receiving');
    expect(mine.at(-1)).toBe('received');
    // Stored under the data directory, in a folder of this charger's.
    const chargerDirs = readdirSync(join(suite.tb.dataDir, 'uploads')).filter((d) => d.startsWith(`${h.id}-`));
    expect(chargerDirs).toHaveLength(1);
  });

  it('a virtual charger uploads its diagnostics over FTP to its own user and password', async () => {
    const h = await suite.charger();
    const loc = await location(h.id);
    const ftp = new URL(loc.ftp);
    expect(ftp.protocol).toBe('ftp:');
    expect(ftp.hostname).toBe('127.0.0.1');
    expect(ftp.username).toMatch(/^diag-[0-9a-f]{12}$/);
    expect(ftp.password).toMatch(/^[0-9a-f]{32}$/);
    expect(ftp.pathname).toBe('/');

    const res = await h.op('GetDiagnostics', { location: loc.ftp });
    await h.until(() => h.vcp.view().diagnosticsStatus === 'Uploaded', 10_000);
    const [upload] = (await suite.tb.request('GET', `/api/uploads?chargerId=${h.id}`)).body;
    expect(upload).toMatchObject({ name: res.response.fileName, via: 'ftp', status: 'received' });
    const got = await download(upload.id);
    expect(got.text).toContain(`ChargeBench virtual charge point ${h.id} diagnostics`);
    expect((await suite.tb.request('GET', `/api/chargers/${h.id}`)).body.diagnosticsStatus).toBe('Uploaded');
  });

  it('takes an FTP upload in PASV mode too (what most chargers use), and lists only what arrived at this location', async () => {
    const h = await suite.charger();
    const [a, b] = [await location(h.id), await location(h.id)];
    expect(a.ftp).not.toBe(b.ftp);
    const client = await login(a.ftp, 'PASV');
    await client.uploadFrom(Readable.from([Buffer.from('log line 1\nlog line 2\n')]), 'diag.log');
    expect((await client.list()).map((f) => [f.name, f.size])).toEqual([['diag.log', 22]]);
    // Another location of the same charger sees nothing of it.
    expect(await (await login(b.ftp)).list()).toEqual([]);
    const [upload] = (await suite.tb.request('GET', `/api/chargers/${h.id}/uploads`)).body;
    expect((await download(upload.id)).text).toBe('log line 1\nlog line 2\n');
  });

  it('takes HTTP PUT to the location with the file name, and a retry of the same name replaces the first', async () => {
    const h = await suite.charger();
    const loc = await location(h.id);
    for (const body of ['first try', 'second try, complete']) {
      const put = await fetch(`${loc.http}logs.tar.gz`, { method: 'PUT', body });
      expect(put.status).toBe(200);
    }
    const list = (await suite.tb.request('GET', `/api/chargers/${h.id}/uploads`)).body;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ name: 'logs.tar.gz', via: 'http', bytes: 20, expectedBytes: 20 });
    expect((await download(list[0].id)).text).toBe('second try, complete');
  });

  it('deletes an upload: gone from the list, the download and the disk, and announced', async () => {
    const events = uploadEvents();
    const h = await suite.charger();
    const loc = await location(h.id);
    await fetch(`${loc.http}a.txt`, { method: 'PUT', body: 'A' });
    const [upload] = (await suite.tb.request('GET', `/api/chargers/${h.id}/uploads`)).body;
    expect((await suite.tb.request('DELETE', `/api/uploads/${upload.id}`)).status).toBe(204);
    expect((await suite.tb.request('GET', `/api/chargers/${h.id}/uploads`)).body).toEqual([]);
    expect((await download(upload.id)).status).toBe(404);
    expect((await suite.tb.request('GET', `/api/uploads/${upload.id}`)).status).toBe(404);
    expect(events.some((e) => e.type === 'uploadRemoved' && e.id === upload.id && e.chargerId === h.id)).toBe(true);
  });

  it('answers bad requests with the field at fault, and an unknown charger or upload with 404', async () => {
    expect(await suite.tb.request('POST', '/api/call/files:uploadLocation', { chargerId: '' })).toMatchObject({ status: 400, body: { field: 'chargerId' } });
    expect(await suite.tb.request('POST', '/api/call/files:uploadLocation', {})).toMatchObject({ status: 400, body: { field: 'chargerId' } });
    expect(await suite.tb.request('POST', '/api/chargers/NOBODY/upload-locations')).toMatchObject({ status: 404, body: { error: expect.stringContaining('NOBODY') } });
    expect(await suite.tb.request('GET', '/api/uploads?chargerId=X&bogus=1')).toMatchObject({ status: 400, body: { field: 'bogus' } });
    expect((await suite.tb.request('GET', '/api/uploads/nope')).status).toBe(404);
    expect((await download('nope')).status).toBe(404);
    const noToken = await fetch(`http://127.0.0.1:${suite.tb.apiPort}/api/uploads`);
    expect(noToken.status).toBe(401);
  });
});

describe('firmware over FTP', () => {
  it('a hosted file has an FTP URL of its own, and a virtual charger installs firmware from it (UpdateFirmware over ftp://)', async () => {
    const image = Buffer.alloc(100_000, 7);
    const up = await fetch(`http://127.0.0.1:${suite.tb.apiPort}/api/files?name=5.1.0.bin`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${suite.tb.token}` },
      body: new Uint8Array(image),
    });
    const hosted = (await up.json()) as { ftpUrl: string; url: string };
    expect(up.status).toBe(201);
    const ftp = new URL(hosted.ftpUrl);
    expect(ftp.username).toMatch(/^fw-[0-9a-f]{12}$/);
    expect(ftp.pathname).toBe('/5.1.0.bin');
    expect((await suite.tb.request('GET', '/api/files')).body[0]).toMatchObject({ name: '5.1.0.bin', ftpUrl: hosted.ftpUrl, url: hosted.url });

    // Its user sees that one file, and reads it whole.
    const client = await login(hosted.ftpUrl, 'PASV');
    expect((await client.list()).map((f) => [f.name, f.size])).toEqual([['5.1.0.bin', image.length]]);
    expect(await ftpBytes(client, '5.1.0.bin')).toBe(image.length);

    const h = await suite.charger();
    const sent = await suite.tb.request('POST', `/api/chargers/${h.id}/operations/UpdateFirmware`, { location: hosted.ftpUrl, retrieveDate: h.iso() });
    expect(sent).toMatchObject({ status: 200, body: { outcome: 'completed' } });
    await h.advanceUntil(() => h.vcp.view().firmwareVersion === '5.1.0' && h.vcp.isAccepted && h.vcp.view().firmwareStatus === 'Installed');
    expect((await suite.tb.request('GET', `/api/chargers/${h.id}`)).body).toMatchObject({ firmwareStatus: 'Installed', boot: { firmwareVersion: '5.1.0' } });
  });
});

describe('the FTP port setting', () => {
  it('is checked (400 naming ftpPort), and a new port applies at once: new locations name it and it takes logins', async () => {
    expect(await suite.tb.request('PATCH', '/api/settings', { ftpPort: 70_000 })).toMatchObject({ status: 400, body: { field: 'ftpPort', error: expect.stringContaining('65535') } });
    expect(await suite.tb.request('PATCH', '/api/settings', { ftpPort: 'x' })).toMatchObject({ status: 400, body: { field: 'ftpPort' } });
    const h = await suite.charger();
    const before = Number(new URL((await location(h.id)).ftp).port);
    const free = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    // A bench started with its own FTP port (the test bench: 0) keeps it; the saved setting is for the next start.
    expect(await suite.tb.request('PATCH', '/api/settings', { ftpPort: free })).toMatchObject({ status: 200, body: { ftpPort: free } });
    expect(Number(new URL((await location(h.id)).ftp).port)).toBe(before);
    // The status says where it listens and that the port is fixed for this run (the Settings screen shows both).
    expect((await suite.tb.request('POST', '/api/call/bench:status', {})).body.ftp).toEqual({ port: before, fixed: true });
    expect(await suite.tb.request('PATCH', '/api/settings', { ftpPort: 0 })).toMatchObject({ status: 200 });

    // One that follows the setting moves at once.
    const tb = await startTestBench({ ftpPort: undefined });
    suite.cleanups.push(() => tb.stop());
    await tb.request('POST', '/api/chargers', { id: 'FT-PORT' });
    expect(await tb.request('PATCH', '/api/settings', { ftpPort: free })).toMatchObject({ status: 200, body: { ftpPort: free } });
    const moved = (await tb.request('POST', '/api/chargers/FT-PORT/upload-locations')).body;
    expect(Number(new URL(moved.ftp).port)).toBe(free);
    expect((await tb.request('POST', '/api/call/bench:status', {})).body.ftp).toEqual({ port: free, fixed: false });
    const client = await login(moved.ftp);
    await client.uploadFrom(Readable.from([Buffer.from('on the new port')]), 'moved.txt');
    expect((await tb.request('GET', '/api/chargers/FT-PORT/uploads')).body[0]).toMatchObject({ name: 'moved.txt', status: 'received' });
  });
});
