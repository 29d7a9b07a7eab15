// The bench's FTP server listens where its central system does, so a hosted file is offered over FTP at
// the same addresses as over HTTP, and each of those FTP URLs takes the file's login and serves the file:
// a charger on this machine (127.0.0.1) or on the LAN is given an FTP URL it reaches.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client as FtpClient } from 'basic-ftp';
import { startTestBench, type TestBench } from '../helpers/bench';
import { ftpBytes, ftpLogin } from '../helpers/ftp';

let tb: TestBench;
beforeAll(async () => {
  // Every IPv4 address of this machine, as the bench listens by default.
  tb = await startTestBench({ host: '0.0.0.0' });
});
afterAll(() => tb.stop());

/** Logs in with an FTP URL (PASV: the one a charger on IPv4 uses) and reads the file it names. */
async function fetchOverFtp(url: string): Promise<number> {
  const clients: FtpClient[] = [];
  try {
    const client = await ftpLogin(url, { passive: 'PASV', opened: (c) => clients.push(c) });
    return await ftpBytes(client, decodeURIComponent(new URL(url).pathname.slice(1)));
  } finally {
    for (const c of clients) c.close();
  }
}

describe('a hosted file over FTP', () => {
  it('is offered at every address it is offered at over HTTP, and each one serves it', async () => {
    const image = Buffer.alloc(20_000, 3);
    const up = await fetch(`http://127.0.0.1:${tb.apiPort}/api/files?name=6.0.0.bin`, { method: 'POST', headers: { Authorization: `Bearer ${tb.token}` }, body: new Uint8Array(image) });
    expect(up.status).toBe(201);
    const hosted = (await up.json()) as { url: string; ftpUrl: string; alternatives: string[]; ftpAlternatives: string[] };
    const http = [hosted.url, ...hosted.alternatives];
    const ftp = [hosted.ftpUrl, ...hosted.ftpAlternatives];
    expect(ftp.map((u) => new URL(u).hostname)).toEqual(http.map((u) => new URL(u).hostname));
    // This machine's own address among them, for a charger running here.
    expect(ftp.map((u) => new URL(u).hostname)).toContain('127.0.0.1');
    for (const url of ftp) expect(await fetchOverFtp(url), url).toBe(image.length);
    // The list of hosted files says the same.
    expect((await tb.request('GET', '/api/files')).body[0]).toMatchObject({ ftpUrl: hosted.ftpUrl, ftpAlternatives: hosted.ftpAlternatives });
  });
});
