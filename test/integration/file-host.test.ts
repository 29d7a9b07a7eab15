// Hosting files for chargers: a file uploaded through the API (serve mode) or picked in the desktop's file
// dialog is served from the OCPP port at an unguessable URL for a day, and a virtual charger installs
// firmware from it. No API call hosts a file by a path the caller names.
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchSuite } from '../helpers/vcp-harness';
import { FileHost, HOSTED_FOR_MS } from '../../src/main/core/file-host';

const suite = benchSuite('FH-');

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'chargebench-fh-'));
  suite.cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A bare HTTP server answering only what `host` serves, as the OCPP port does. */
async function serveFiles(host: FileHost): Promise<string> {
  const server = createServer((req, res) => void (host.handle(req, res) || res.writeHead(418).end()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  suite.cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function upload(name: string | null, body: Buffer | string): Promise<{ status: number; body: any }> {
  const tb = suite.tb;
  const query = name === null ? '' : `?name=${encodeURIComponent(name)}`;
  const res = await fetch(`http://127.0.0.1:${tb.apiPort}/api/files${query}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${tb.token}`, 'Content-Type': 'application/octet-stream' },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
  return { status: res.status, body: await res.json() };
}

describe('hosted files', () => {
  it('serves an uploaded file from the OCPP port: GET, HEAD and a byte range; nothing else', async () => {
    const bytes = Buffer.from(Array.from({ length: 70_000 }, (_, i) => i % 251));
    const up = await upload('fw 2.2.0.bin', bytes);
    expect(up).toMatchObject({ status: 201, body: { name: 'fw 2.2.0.bin', size: bytes.length, alternatives: [] } });
    const url = new URL(up.body.url);
    expect(url.origin).toBe(`http://127.0.0.1:${suite.tb.port}`);
    expect(url.pathname).toMatch(/^\/files\/[A-Za-z0-9_-]{24}\/fw%202\.2\.0\.bin$/);

    const got = await fetch(url);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-length')).toBe(String(bytes.length));
    expect(Buffer.from(await got.arrayBuffer()).equals(bytes)).toBe(true);

    const head = await fetch(url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(bytes.length));

    const part = await fetch(url, { headers: { Range: 'bytes=1000-' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 1000-${bytes.length - 1}/${bytes.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(1000))).toBe(true);

    const origin = `http://127.0.0.1:${suite.tb.port}`;
    const id = url.pathname.split('/')[2];
    expect((await fetch(`${origin}/files/AAAAAAAAAAAAAAAAAAAAAAAA/fw%202.2.0.bin`)).status).toBe(404);
    expect((await fetch(`${origin}/files/${id}/other.bin`)).status).toBe(404);
    expect((await fetch(`${origin}/files/`)).status).toBe(404);
    expect((await fetch(`${origin}/files/${id}/..%2F..%2Fchargebench.sqlite`)).status).toBe(404);
    expect((await fetch(url, { method: 'DELETE' })).status).toBe(405);
    // The OCPP port still answers plain HTTP as before.
    expect((await fetch(`${origin}/ocpp/X`)).status).toBe(426);
  });

  it('refuses an upload without a usable name, naming the field', async () => {
    expect(await upload(null, 'x')).toMatchObject({ status: 400, body: { field: 'name' } });
    expect(await upload('../evil.bin', 'x')).toMatchObject({ status: 400, body: { field: 'name', error: expect.stringContaining('/') } });
    expect(await upload('  ', 'x')).toMatchObject({ status: 400, body: { field: 'name' } });
    const noToken = await fetch(`http://127.0.0.1:${suite.tb.apiPort}/api/files?name=a.bin`, { method: 'POST', body: 'x' });
    expect(noToken.status).toBe(401);
  });

  it('no API call hosts a file by path: a caller cannot publish /etc/passwd or the bench database', async () => {
    for (const path of ['/etc/passwd', join(suite.tb.dataDir, 'chargebench.sqlite')]) {
      expect(await suite.tb.request('POST', '/api/call/files:host', { path })).toMatchObject({ status: 404, body: { error: 'No bench call "files:host"' } });
    }
  });

  it('hosts a file by path (the desktop file dialog): a missing path or a folder is a 400 on "path"', async () => {
    const dir = tempDir();
    const file = join(dir, 'image-1.4.img');
    writeFileSync(file, 'IMAGE');
    mkdirSync(join(dir, 'folder'));
    const host = new FileHost(join(dir, 'hosted'));
    const origin = await serveFiles(host);

    const hosted = await host.host(file);
    expect(hosted).toMatchObject({ name: 'image-1.4.img', size: 5 });
    const url = `${origin}/files/${hosted.id}/${encodeURIComponent(hosted.name)}`;
    expect(await (await fetch(url)).text()).toBe('IMAGE');
    // Hosting it again gives the same URL.
    expect((await host.host(file)).id).toBe(hosted.id);

    await expect(host.host(join(dir, 'nothing.bin'))).rejects.toMatchObject({ status: 400, extra: { field: 'path' } });
    await expect(host.host(join(dir, 'folder'))).rejects.toMatchObject({ status: 400, extra: { field: 'path' } });

    // A file removed from disk is no longer served.
    rmSync(file);
    expect((await fetch(url)).status).toBe(404);
  });

  it('stops serving a hosted file after a day, deletes an expired upload, and hosting again asks for another day', async () => {
    const dir = tempDir();
    let now = Date.parse('2026-03-01T08:00:00.000Z');
    const host = new FileHost(join(dir, 'hosted'), { now: () => now });
    const origin = await serveFiles(host);
    const own = join(dir, 'own.bin');
    writeFileSync(own, 'OWN');
    const upload = await host.store(Readable.from([Buffer.from('UP')]), 'up.bin');
    const byPath = await host.host(own);
    expect(upload.expiresAt).toBe('2026-03-02T08:00:00.000Z');
    const url = (f: { id: string; name: string }) => `${origin}/files/${f.id}/${f.name}`;

    now += HOSTED_FOR_MS - 60_000;
    expect((await fetch(url(upload))).status).toBe(200);
    expect((await host.host(own)).expiresAt).toBe(new Date(now + HOSTED_FOR_MS).toISOString());

    now += 120_000;
    const gone = await fetch(url(upload));
    expect(gone.status).toBe(404);
    expect(await gone.text()).toMatch(/24 hours/);
    expect(readdirSync(join(dir, 'hosted'))).not.toContain(upload.id);
    expect((await fetch(url(byPath))).status).toBe(200);
    // The user's own file is forgotten, never deleted; a restart does not bring anything back.
    now += HOSTED_FOR_MS;
    expect((await fetch(url(byPath))).status).toBe(404);
    expect(readFileSync(own, 'utf8')).toBe('OWN');
    expect(new FileHost(join(dir, 'hosted'), { now: () => now }).list()).toEqual([]);
  });

  it('a virtual charger installs firmware from an uploaded file (UpdateFirmware through chargers:operate)', async () => {
    const up = await upload('4.0.1.bin', Buffer.alloc(8192, 3));
    expect(up.status).toBe(201);
    const h = await suite.charger();
    const sent = await suite.tb.request('POST', '/api/call/chargers:operate', { chargerId: h.id, action: 'UpdateFirmware', payload: { location: up.body.url, retrieveDate: h.iso() } });
    expect(sent).toMatchObject({ status: 200, body: { outcome: 'completed', response: {} } });
    await h.advanceUntil(() => h.vcp.view().firmwareVersion === '4.0.1' && h.vcp.isAccepted && h.vcp.view().firmwareStatus === 'Installed');
    expect((await suite.tb.request('GET', `/api/chargers/${h.id}`)).body).toMatchObject({ firmwareStatus: 'Installed', boot: { firmwareVersion: '4.0.1' } });
  });

  it('keeps hosted URLs across a restart, and leaves nothing behind from an upload that is too large', async () => {
    const dir = tempDir();
    const host = new FileHost(dir);
    const kept = await host.store(Readable.from([Buffer.from('fw')]), 'a.bin');
    await expect(host.store(Readable.from([Buffer.alloc(64), Buffer.alloc(64)]), 'big.bin', 100)).rejects.toMatchObject({ status: 413 });
    expect(readdirSync(dir).sort()).toEqual([kept.id, 'hosted.json'].sort());
    expect(new FileHost(dir).get(kept.id)).toMatchObject({ name: 'a.bin', size: 2 });
  });
});
