// Files the bench hands to chargers (firmware for UpdateFirmware): the central system's own port serves
// each hosted file at /files/<random id>/<name> for a day, and the bench's FTP server serves it to a user
// and password of its own for as long; nothing else on disk is reachable.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basename, dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BenchError } from '../errors';
import { PRIVATE_DIR, PRIVATE_FILE } from '../store/data-dir';

/** Largest upload accepted through serve mode's API: firmware images are big, but not this big. */
export const MAX_UPLOAD_BYTES = 2 * 1024 ** 3;

/**
 * How long a hosted file stays reachable: the URL needs no token, so it must not stay published once the
 * firmware update it was for is done. A day covers a charger that downloads at a later retrieveDate.
 */
export const HOSTED_FOR_MS = 24 * 60 * 60 * 1000;

export interface HostedFile {
  /** The unguessable part of the URL: 144 random bits. */
  id: string;
  /** The file name a charger sees at the end of the URL (virtual chargers read the firmware version from it). */
  name: string;
  /** Where it is on this machine. */
  path: string;
  size: number;
  hostedAt: string;
  /** After this the URL answers 404, and an uploaded copy is deleted. */
  expiresAt: string;
  /** The FTP user that sees this file alone, and its password (128 random bits). */
  ftpUser: string;
  ftpPassword: string;
}

export interface FileHostOptions {
  hostedForMs?: number;
  now?: () => number;
}

const ID = /^[A-Za-z0-9_-]{24}$/;

/** Names Windows reserves for devices, with or without an extension (CON, nul.txt, COM1.bin, ...). */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

/**
 * A name that is safe as a file name on every OS and as the last segment of a URL: characters no file
 * system takes are refused; a name Windows cannot store is made storable (a device name gets "_" after
 * its stem, trailing dots and spaces go), so the same upload works on every bench.
 */
export function checkFileName(name: string, field = 'name'): string {
  const bad = (why: string) => new BenchError(400, `The file name ${JSON.stringify(name.slice(0, 100))} ${why}`, { field });
  if (name.length > 200) throw bad('is longer than 200 characters');
  if (/[/\\:*?"<>|\u0000-\u001f\u007f]/.test(name)) throw bad('contains a character file names cannot have (/ \\ : * ? " < > | or a control character)');
  let safe = name.trim().replace(/[. ]+$/, '');
  const reserved = WINDOWS_RESERVED.exec(safe);
  if (reserved) safe = `${reserved[1]}_${reserved[2] ?? ''}`;
  if (!safe || /^\.+$/.test(safe)) throw bad('is empty or only dots');
  return safe;
}

export class FileHost {
  private readonly files = new Map<string, HostedFile>();
  private readonly indexFile: string;
  private readonly hostedForMs: number;
  private readonly now: () => number;

  /** `dir` holds uploads and the list of hosted files, so their URLs survive a restart of the bench. */
  constructor(
    readonly dir: string,
    options: FileHostOptions = {},
  ) {
    this.hostedForMs = options.hostedForMs ?? HOSTED_FOR_MS;
    this.now = options.now ?? Date.now;
    this.indexFile = join(dir, 'hosted.json');
    let saved: HostedFile[] = [];
    try {
      saved = JSON.parse(readFileSync(this.indexFile, 'utf8')) as HostedFile[];
    } catch {
      // nothing hosted yet, or an unreadable list: start empty rather than refuse to start
    }
    for (const f of Array.isArray(saved) ? saved : []) {
      if (typeof f?.id === 'string' && ID.test(f.id) && typeof f.path === 'string' && typeof f.name === 'string' && isFile(f.path)) {
        // A list saved before hosting expired: its files count from when they were hosted.
        if (typeof f.expiresAt !== 'string') f.expiresAt = new Date((Date.parse(f.hostedAt) || 0) + this.hostedForMs).toISOString();
        // A list saved before FTP: the file gets its FTP user now.
        if (typeof f.ftpUser !== 'string' || !FTP_USER.test(f.ftpUser) || typeof f.ftpPassword !== 'string') Object.assign(f, ftpCredentials());
        this.files.set(f.id, f);
      }
    }
    this.expire();
  }

  /** Newest first. */
  list(): HostedFile[] {
    this.expire();
    return [...this.files.values()].sort((a, b) => b.hostedAt.localeCompare(a.hostedAt));
  }

  /** The hosted file an FTP user sees, when the password is its own (compared in constant time). */
  byFtpLogin(user: string, password: string): HostedFile | undefined {
    this.expire();
    for (const f of this.files.values()) if (f.ftpUser === user) return sameSecret(password, f.ftpPassword) ? f : undefined;
    return undefined;
  }

  get(id: string): HostedFile | undefined {
    this.expire();
    return this.files.get(id);
  }

  /**
   * Serves the file at `path` under `name` (its own name by default). Hosting the same file under the
   * same name again gives the same URL, so a charger mid-download is not cut off.
   */
  async host(path: string, name?: string): Promise<HostedFile> {
    const full = resolve(path);
    const info = await stat(full).catch(() => null);
    if (!info) throw new BenchError(400, `There is no file at ${full}`, { field: 'path' });
    if (!info.isFile()) throw new BenchError(400, `${full} is not a file`, { field: 'path' });
    if (info.size === 0) throw new BenchError(400, emptyFile(basename(full)), { field: 'path' });
    const shown = checkFileName(name ?? basename(full));
    this.expire();
    for (const f of this.files.values()) {
      if (f.path === full && f.name === shown) {
        f.size = info.size;
        // Hosting it again is asking for another day.
        f.expiresAt = this.expiry();
        return this.add(f);
      }
    }
    return this.add({ id: newId(), name: shown, path: full, size: info.size, hostedAt: new Date(this.now()).toISOString(), expiresAt: this.expiry(), ...ftpCredentials() });
  }

  /** Stores an upload under dir/<id>/<name> (written to a .part file first, so a cut upload leaves nothing behind) and hosts it. */
  async store(body: Readable, name: string, maxBytes = MAX_UPLOAD_BYTES): Promise<HostedFile> {
    const shown = checkFileName(name);
    const id = newId();
    const folder = join(this.dir, id);
    mkdirSync(folder, { recursive: true, mode: PRIVATE_DIR });
    const part = join(folder, `${shown}.part`);
    let size = 0;
    try {
      await pipeline(
        body,
        async function* (source: AsyncIterable<Buffer>) {
          for await (const chunk of source) {
            size += chunk.length;
            if (size > maxBytes) throw new BenchError(413, `The file is larger than ${Math.floor(maxBytes / 1024 ** 2)} MiB`);
            yield chunk;
          }
        },
        createWriteStream(part, { mode: PRIVATE_FILE }),
      );
      if (size === 0) throw new BenchError(400, emptyFile(shown), { field: 'body' });
      const file = join(folder, shown);
      renameSync(part, file);
      return this.add({ id, name: shown, path: file, size, hostedAt: new Date(this.now()).toISOString(), expiresAt: this.expiry(), ...ftpCredentials() });
    } catch (e) {
      rmSync(folder, { recursive: true, force: true });
      if (e instanceof BenchError) throw e;
      throw new BenchError(400, `The upload did not complete: ${(e as Error).message}`, { field: 'body' });
    }
  }

  /**
   * Answers GET and HEAD /files/<id>/<name> from the central system's HTTP server; returns false for
   * any other path so the server answers it as before.
   */
  handle(req: IncomingMessage, res: ServerResponse): boolean {
    const path = (req.url ?? '/').split('?')[0];
    if (!path.startsWith('/files/')) return false;
    void this.serve(req, res, path).catch((e) => {
      if (!res.headersSent) plain(res, 500, `Could not read the file: ${(e as Error).message}`);
      else res.destroy();
    });
    return true;
  }

  private async serve(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return plain(res, 405, `${req.method} is not allowed on hosted files`, { Allow: 'GET, HEAD' });
    const [, , id, ...rest] = path.split('/');
    let name: string;
    try {
      name = decodeURIComponent(rest.join('/'));
    } catch {
      return plain(res, 404, 'No such file');
    }
    const file = this.get(id);
    if (!file || file.name !== name) return plain(res, 404, 'No such file (hosted files are served for 24 hours after they are hosted)');
    const info = await stat(file.path).catch(() => null);
    if (!info?.isFile()) return plain(res, 404, `${file.name} is no longer on the bench's disk`);

    const headers: Record<string, string | number> = {
      'Content-Type': 'application/octet-stream',
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
      'Accept-Ranges': 'bytes',
      'Last-Modified': info.mtime.toUTCString(),
      'Cache-Control': 'no-store',
    };
    // A charger resuming a cut download asks for the rest with one byte range.
    let start = 0;
    let end = info.size - 1;
    let status = 200;
    const range = req.headers.range;
    if (range) {
      const m = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
      const from = m?.[1] ? Number(m[1]) : NaN;
      const to = m?.[2] ? Number(m[2]) : NaN;
      if (m && m[1] !== '') [start, end] = [from, Number.isNaN(to) ? info.size - 1 : Math.min(to, info.size - 1)];
      else if (m && m[2] !== '') [start, end] = [Math.max(0, info.size - to), info.size - 1];
      if (!m || (m[1] === '' && m[2] === '') || start > end || start >= info.size) {
        return plain(res, 416, 'Range not satisfiable', { 'Content-Range': `bytes */${info.size}` });
      }
      status = 206;
      headers['Content-Range'] = `bytes ${start}-${end}/${info.size}`;
    }
    headers['Content-Length'] = info.size === 0 ? 0 : end - start + 1;
    res.writeHead(status, headers);
    if (req.method === 'HEAD' || info.size === 0) return void res.end();
    await pipeline(createReadStream(file.path, { start, end }), res);
  }

  private expiry(): string {
    return new Date(this.now() + this.hostedForMs).toISOString();
  }

  /** Forgets files past their expiry and deletes the bench's own copies of uploads (never a file hosted by path). */
  private expire(): void {
    const now = this.now();
    let changed = false;
    for (const f of this.files.values()) {
      if (!(Date.parse(f.expiresAt) > now)) {
        this.files.delete(f.id);
        changed = true;
        const folder = join(this.dir, f.id);
        try {
          if (dirname(f.path) === folder) rmSync(folder, { recursive: true, force: true });
        } catch (e) {
          console.error(`chargebench: could not delete the expired upload ${f.path}: ${(e as Error).message}`);
        }
      }
    }
    if (changed) this.save();
  }

  private add(file: HostedFile): HostedFile {
    this.files.set(file.id, file);
    this.save();
    return file;
  }

  private save(): void {
    try {
      mkdirSync(this.dir, { recursive: true, mode: PRIVATE_DIR });
      const tmp = `${this.indexFile}.tmp`;
      // It holds each file's FTP credentials.
      writeFileSync(tmp, JSON.stringify([...this.files.values()], null, 2), { mode: PRIVATE_FILE });
      renameSync(tmp, this.indexFile);
    } catch (e) {
      // Hosting still works until the bench stops; only the URL's survival of a restart is lost.
      console.error(`chargebench: could not save the list of hosted files: ${(e as Error).message}`);
    }
  }
}

function newId(): string {
  return randomBytes(18).toString('base64url');
}

const FTP_USER = /^fw-[0-9a-f]{12}$/;

/** Why an empty file is not hosted: no charger can install nothing, and one would say why only much later. */
const emptyFile = (name: string) => `${name} is empty (0 bytes): there is nothing for a charger to download. Choose the firmware file itself.`;

/**
 * An FTP user and password for one hosted file. Hex only: chargers take them inside an ftp:// URL, and
 * some of their URL parsers trip over anything else.
 */
function ftpCredentials(): { ftpUser: string; ftpPassword: string } {
  return { ftpUser: `fw-${randomBytes(6).toString('hex')}`, ftpPassword: randomBytes(16).toString('hex') };
}

/** Whether `given` is `expected`, in time that does not depend on where they differ. */
export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function plain(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers }).end(`${text}\n`);
}
