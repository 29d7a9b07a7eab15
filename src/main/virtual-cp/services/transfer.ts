// The virtual charge point's file transfers, as a real charger makes them: UpdateFirmware downloads over
// HTTP(S) or FTP, GetDiagnostics uploads over HTTP(S) (multipart/form-data, field "file") or FTP (STOR of
// the file into the location's folder). FTP goes through basic-ftp, in passive mode; other schemes fail
// plainly.
import { Readable, Writable } from 'node:stream';
import { Client as FtpClient } from 'basic-ftp';

export type TransferResult = { ok: true; bytes: number } | { ok: false; reason: string };
/** A download's result: its size and its first bytes (where an image's header is). */
export type DownloadResult = { ok: true; bytes: number; head: Buffer } | { ok: false; reason: string };

/** How many of an image's first bytes a download keeps. */
const HEAD_BYTES = 64;

/** Counts a download's bytes and keeps its first ones. */
function counter() {
  let bytes = 0;
  const head: Buffer[] = [];
  let kept = 0;
  return {
    add(chunk: Uint8Array) {
      bytes += chunk.length;
      if (kept < HEAD_BYTES) {
        const part = Buffer.from(chunk.subarray(0, HEAD_BYTES - kept));
        head.push(part);
        kept += part.length;
      }
    },
    result: () => ({ ok: true as const, bytes, head: Buffer.concat(head) }),
  };
}

const TRANSFER_TIMEOUT_MS = 30_000;

function checkScheme(location: string): URL | string {
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    return `"${location}" is not a URL`;
  }
  if (!['http:', 'https:', 'ftp:'].includes(url.protocol))
    return `${url.protocol.replace(':', '').toUpperCase()} transfers are not supported by the virtual charger; use an http://, https:// or ftp:// location`;
  return url;
}

/** What went wrong, in words: the cause of a fetch failure, or the error itself. */
function why(e: unknown): string {
  const err = e as Error & { cause?: Error };
  return err.cause ? String(err.cause.message) : (err?.message ?? String(e));
}

/** The URL without its password, for messages. */
function shown(url: URL): string {
  const copy = new URL(url.href);
  if (copy.password) copy.password = '***';
  return copy.href;
}

export async function download(location: string): Promise<DownloadResult> {
  const url = checkScheme(location);
  if (typeof url === 'string') return { ok: false, reason: url };
  if (url.protocol === 'ftp:') return ftpDownload(url);
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(TRANSFER_TIMEOUT_MS) });
    if (!res.ok) return { ok: false, reason: `GET ${url.href} answered HTTP ${res.status}` };
    // The image is counted as it arrives, not held (firmware runs to hundreds of MB); its header is kept.
    const count = counter();
    for await (const chunk of res.body ?? []) count.add(chunk as Uint8Array);
    return count.result();
  } catch (e) {
    return { ok: false, reason: `GET ${url.href} failed: ${why(e)}` };
  }
}

export async function upload(location: string, fileName: string, content: string): Promise<TransferResult> {
  const url = checkScheme(location);
  if (typeof url === 'string') return { ok: false, reason: url };
  if (url.protocol === 'ftp:') return ftpUpload(url, fileName, content);
  try {
    const form = new FormData();
    form.append('file', new Blob([content], { type: 'text/plain' }), fileName);
    const res = await fetch(url, { method: 'POST', body: form, signal: AbortSignal.timeout(TRANSFER_TIMEOUT_MS) });
    if (!res.ok) return { ok: false, reason: `POST ${url.href} answered HTTP ${res.status}${await detail(res)}` };
    return { ok: true, bytes: Buffer.byteLength(content) };
  } catch (e) {
    return { ok: false, reason: `POST ${url.href} failed: ${why(e)}` };
  }
}

/** The first line of an error answer's text, when it has one. */
async function detail(res: Response): Promise<string> {
  const text = (await res.text().catch(() => '')).trim().split('\n')[0];
  return text ? `: ${text.slice(0, 200)}` : '';
}

/** Logs in as the URL's user (anonymous without one) and runs `work`; the connection is always closed. */
async function withFtp<T>(url: URL, work: (client: FtpClient) => Promise<T>): Promise<T> {
  const client = new FtpClient(TRANSFER_TIMEOUT_MS);
  try {
    await client.access({
      host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: url.port ? Number(url.port) : 21,
      user: url.username ? decodeURIComponent(url.username) : 'anonymous',
      password: url.password ? decodeURIComponent(url.password) : 'anonymous@',
    });
    return await work(client);
  } finally {
    client.close();
  }
}

/** The folder and file name a location's path names ("/dir/" is a folder; "/dir/file.bin" a file in it). */
function splitPath(url: URL): { dir: string; name: string } {
  const path = decodeURIComponent(url.pathname);
  const cut = path.lastIndexOf('/');
  return { dir: path.slice(0, cut + 1) || '/', name: path.slice(cut + 1) };
}

async function ftpDownload(url: URL): Promise<DownloadResult> {
  const { dir, name } = splitPath(url);
  if (!name) return { ok: false, reason: `${shown(url)} names a folder, not a firmware file` };
  try {
    const count = counter();
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        count.add(chunk);
        done();
      },
    });
    await withFtp(url, async (client) => {
      if (dir !== '/') await client.cd(dir);
      await client.downloadTo(sink, name);
    });
    return count.result();
  } catch (e) {
    return { ok: false, reason: `FTP download of ${shown(url)} failed: ${why(e)}` };
  }
}

async function ftpUpload(url: URL, fileName: string, content: string): Promise<TransferResult> {
  // A location is a folder to upload into; a location naming a file is where that file goes.
  const { dir, name } = splitPath(url);
  try {
    await withFtp(url, async (client) => {
      if (dir !== '/') await client.cd(dir);
      await client.uploadFrom(Readable.from([Buffer.from(content)]), name || fileName);
    });
    return { ok: true, bytes: Buffer.byteLength(content) };
  } catch (e) {
    return { ok: false, reason: `FTP upload to ${shown(url)} failed: ${why(e)}` };
  }
}

/** The firmware version a downloaded image installs: its file name without the extension. */
export function versionFromLocation(location: string, fallback: string): string {
  try {
    const name = decodeURIComponent(new URL(location).pathname.split('/').filter(Boolean).pop() ?? '');
    const stem = name.replace(/\.(bin|img|hex|zip|tar|gz|tgz|fw|swu|json)$/gi, '');
    return (stem || fallback).slice(0, 50);
  } catch {
    return fallback.slice(0, 50);
  }
}
