// Files chargers send to the bench (GetDiagnostics): each request gets its own upload location, an
// unguessable HTTP path and an FTP user and password valid for a day, and what arrives through it is
// stored under the data directory per charger (uploads/<charger>/<location>/<name>), size-capped, listed
// with its progress as it arrives, and deleted a week after. A location is only ever written to: nothing
// a charger sends can read a file back, its own or another's.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { megabytes, rmQuietly, UploadSink } from './upload-sink';
import type { UploadView } from '../../shared/api/files';
import { BenchError } from '../errors';
import { every, isoTime, systemClock, type Clock, type Timer } from '../clock';
import { checkFileName, sameSecret } from './file-host';

export { UploadSink };

/** How long a location takes uploads: a charger may upload well after the request (its retries). */
export const LOCATION_VALID_MS = 24 * 60 * 60 * 1000;
/** How long a received file is kept: long enough to look at it after the visit, not forever. */
export const UPLOAD_KEPT_MS = 7 * 24 * 60 * 60 * 1000;
/** The largest file a charger may upload: diagnostics archives run to tens of MB, not gigabytes. */
export const MAX_DIAGNOSTICS_BYTES = 512 * 1024 ** 2;
/** Files one location takes (a charger's retries of the same name replace each other). */
export const MAX_FILES_PER_LOCATION = 20;
/** Locations one charger holds at once; asking for more retires the oldest unused one. */
const MAX_LOCATIONS_PER_CHARGER = 50;
/** Progress events per upload: at most one this often (the last bytes always told, and one at the end). */
const PROGRESS_EVERY_MS = 250;
/**
 * An upload (FTP or HTTP) with no bytes for this long is ended, its bytes kept as incomplete: a charger that
 * hung or lost its network without a close would otherwise hold it receiving until ftp-srv's 30-minute idle
 * timeout, or over HTTP for ever (the bench sets no time limit on a request's body, so that a big file over a
 * slow link is never cut while it still arrives).
 */
export const SILENCE_END_MS = 5 * 60 * 1000;
/** Expired locations and uploads are swept this often (and whenever they are looked at). */
const SWEEP_EVERY_MS = 10 * 60 * 1000;

export interface UploadLocation {
  /** Not secret: the folder of its files, and its handle in the API. */
  id: string;
  chargerId: string;
  /** The secret in the HTTP path. */
  token: string;
  ftpUser: string;
  ftpPassword: string;
  createdAt: string;
  expiresAt: string;
}

export interface Upload extends Omit<UploadView, 'locationExpiresAt' | 'silenceLimitMs'> {
  locationId: string;
  /**
   * The file once received; while receiving, a part file beside it holds the bytes. An incomplete file has
   * a name of its own, so that it never takes the place of a whole file of the same name.
   */
  path: string;
}

export type UploadChange = { type: 'changed'; upload: UploadView } | { type: 'removed'; id: string; chargerId: string };

/** Why a location refuses: no such location (or the wrong password), or it is past its expiry. */
export type LocationLookup = { location: UploadLocation } | { refused: 'unknown' } | { refused: 'expired'; expiresAt: string };

export interface UploadInboxOptions {
  /** The bench's clock: expiries, timestamps, the sweep and progress pacing (systemClock by default). */
  clock?: Clock;
  maxBytes?: number;
  /** How long an upload (FTP or HTTP) may go without bytes before it is ended as incomplete (SILENCE_END_MS; 0: never). */
  silenceEndMs?: number;
  onChange?: (change: UploadChange) => void;
}

interface Saved {
  locations: UploadLocation[];
  uploads: Upload[];
}

export class UploadInbox {
  private readonly locations = new Map<string, UploadLocation>();
  private readonly uploads = new Map<string, Upload>();
  /** Uploads arriving now, so a delete or a stop can cut them off. */
  private readonly sinks = new Map<string, UploadSink>();
  private readonly indexFile: string;
  private readonly clock: Clock;
  readonly maxBytes: number;
  private readonly silenceEndMs: number;
  private readonly onChange: (change: UploadChange) => void;
  private readonly sweeper: Timer;

  constructor(
    readonly dir: string,
    options: UploadInboxOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.maxBytes = options.maxBytes ?? MAX_DIAGNOSTICS_BYTES;
    this.silenceEndMs = options.silenceEndMs ?? SILENCE_END_MS;
    this.onChange = options.onChange ?? (() => undefined);
    this.indexFile = join(dir, 'uploads.json');
    this.load();
    this.sweeper = every(
      this.clock,
      () => SWEEP_EVERY_MS,
      () => this.expire(),
      { background: true },
    );
  }

  /** The bench's time (ms), e.g. to name an upload that came without a name. */
  now(): number {
    return this.clock.now();
  }

  /** A new location for one request of `chargerId`. */
  newLocation(chargerId: string): UploadLocation {
    this.expire();
    const now = this.now();
    const location: UploadLocation = {
      id: randomBytes(6).toString('hex'),
      chargerId,
      token: randomBytes(18).toString('base64url'),
      ftpUser: `diag-${randomBytes(6).toString('hex')}`,
      ftpPassword: randomBytes(16).toString('hex'),
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(now + LOCATION_VALID_MS).toISOString(),
    };
    const open = [...this.locations.values()].filter((l) => l.chargerId === chargerId && Date.parse(l.expiresAt) > now);
    if (open.length >= MAX_LOCATIONS_PER_CHARGER) {
      const used = new Set([...this.uploads.values()].map((u) => u.locationId));
      const oldest = open.find((l) => !used.has(l.id)) ?? open[0];
      oldest.expiresAt = new Date(now).toISOString();
    }
    this.locations.set(location.id, location);
    this.save();
    return location;
  }

  /** The location with this HTTP token. */
  byToken(token: string): LocationLookup {
    this.expire();
    for (const l of this.locations.values()) if (sameSecret(token, l.token)) return this.valid(l);
    return { refused: 'unknown' };
  }

  /** The location of this FTP user, when the password is its own. */
  byFtpLogin(user: string, password: string): LocationLookup {
    this.expire();
    for (const l of this.locations.values()) if (l.ftpUser === user) return sameSecret(password, l.ftpPassword) ? this.valid(l) : { refused: 'unknown' };
    return { refused: 'unknown' };
  }

  /** Uploads newest first, of one charger or all. */
  list(chargerId?: string): UploadView[] {
    this.expire();
    return [...this.uploads.values()]
      .filter((u) => chargerId === undefined || u.chargerId === chargerId)
      .sort((a, b) => b.startedAt.localeCompare(a.startedAt) || b.id.localeCompare(a.id))
      .map((u) => this.view(u));
  }

  get(id: string): Upload {
    this.expire();
    const upload = this.uploads.get(id);
    if (!upload) throw new BenchError(404, `No upload "${id}": it was deleted, or expired (uploads are kept for ${UPLOAD_KEPT_MS / 86_400_000} days)`);
    return upload;
  }

  /** A received upload and its file, to download; one still arriving or failed has none yet. */
  downloadable(id: string): Upload {
    const upload = this.get(id);
    if (upload.status === 'receiving') throw new BenchError(409, `${upload.name} is still arriving (${upload.bytes} bytes so far): download it once it is received`);
    if (upload.status === 'failed') throw new BenchError(409, `${upload.name} did not arrive whole (${upload.error ?? 'failed'}): there is nothing to download`);
    // An incomplete upload's bytes are kept as evidence: the list says why they may be cut short.
    if (!isFile(upload.path)) throw new BenchError(404, `${upload.name} is no longer on the bench's disk`);
    return upload;
  }

  view(upload: Upload): UploadView {
    const { locationId, path: _path, ...shown } = upload;
    const location = this.locations.get(locationId);
    const silenceLimitMs = this.silenceEndMs > 0 ? this.silenceEndMs : null;
    return { ...shown, lastDataAt: upload.lastDataAt ?? null, silenceLimitMs, locationExpiresAt: location?.expiresAt ?? upload.startedAt };
  }

  /** The names of the received files of one location, for an FTP listing. */
  received(locationId: string): Upload[] {
    return [...this.uploads.values()].filter((u) => u.locationId === locationId && u.status === 'received');
  }

  /** Deletes an upload and its file; one still arriving is cut off. */
  delete(id: string): void {
    const upload = this.get(id);
    this.sinks.get(id)?.cut('The upload was deleted on the bench');
    this.remove(upload);
    this.save();
  }

  /**
   * Starts receiving a file through `location`: the record (listed at once, as receiving) and the stream
   * to write its bytes to. Ending the stream completes it; destroying it, or more than the size cap, fails
   * it and leaves no file behind. A bad name is a 400 naming `name`. With `awaitVerdict` (FTP, where only
   * the sender's staying for the bench's confirmation tells a whole file from a cut one) an ended stream
   * keeps the row receiving until the sink's conclude() says whether the file is whole. A stream that gets
   * no bytes for silenceEndMs is given up on: its bytes kept as incomplete, its connection closed.
   */
  receive(location: UploadLocation, name: string, via: Upload['via'], expectedBytes: number | null = null, awaitVerdict = false): UploadSink {
    const shown = checkFileName(name, 'name');
    if (expectedBytes !== null && expectedBytes > this.maxBytes) throw new BenchError(413, `The file is larger than the ${megabytes(this.maxBytes)} the bench takes`);
    const earlier = [...this.uploads.values()].filter((u) => u.locationId === location.id);
    if (earlier.filter((u) => u.status === 'receiving').length >= 2) throw new BenchError(429, 'Two uploads to this location are already arriving: wait for them to finish');
    if (earlier.length >= MAX_FILES_PER_LOCATION) throw new BenchError(403, `This location has taken its ${MAX_FILES_PER_LOCATION} files: ask for a new one`);
    const id = randomBytes(9).toString('base64url');
    const folder = join(this.dir, chargerFolder(location.chargerId), location.id);
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const now = new Date(this.now()).toISOString();
    const upload: Upload = {
      id,
      chargerId: location.chargerId,
      locationId: location.id,
      name: shown,
      via,
      status: 'receiving',
      bytes: 0,
      lastDataAt: null,
      expectedBytes,
      startedAt: now,
      finishedAt: null,
      error: null,
      expiresAt: new Date(this.now() + UPLOAD_KEPT_MS).toISOString(),
      path: join(folder, shown),
    };
    this.uploads.set(id, upload);
    this.save();
    this.changed(upload);
    const sink = new UploadSink(join(folder, `.${id}.part`), this.maxBytes, awaitVerdict, {
      target: (doubt) => (doubt ? (upload.path = join(folder, `.${id}.incomplete`)) : upload.path),
      progress: (bytes, arrived) => {
        upload.bytes = bytes;
        if (arrived) upload.lastDataAt = isoTime(this.clock);
        this.changed(upload, true);
      },
      done: (error, doubt) => this.finish(upload, error, doubt),
    });
    this.sinks.set(id, sink);
    this.endWhenSilent(upload, sink);
    return sink;
  }

  /** Cuts off the uploads still arriving (the bench is stopping) and stops sweeping. */
  close(): void {
    this.sweeper.cancel();
    for (const sink of this.sinks.values()) sink.cut('The bench stopped during the upload');
  }

  private valid(location: UploadLocation): LocationLookup {
    return Date.parse(location.expiresAt) > this.now() ? { location } : { refused: 'expired', expiresAt: location.expiresAt };
  }

  private finish(upload: Upload, error: Error | null, doubt: string | null): void {
    this.sinks.delete(upload.id);
    if (!this.uploads.has(upload.id)) return;
    upload.finishedAt = new Date(this.now()).toISOString();
    if (error) {
      upload.status = 'failed';
      upload.error = error.message;
    } else {
      // A charger that retries sends the same name again: a whole new file replaces the old one (it took its
      // path); a doubtful one is kept beside it under a name of its own.
      if (!doubt)
        for (const u of this.uploads.values())
          if (u.id !== upload.id && u.locationId === upload.locationId && u.name === upload.name && u.status !== 'receiving') this.remove(u, u.path !== upload.path);
      upload.status = doubt ? 'incomplete' : 'received';
      upload.error = doubt;
    }
    this.save();
    this.changed(upload);
  }

  /**
   * Ends an upload that has had no bytes for silenceEndMs, keeping them as incomplete (over FTP only the
   * bench's 226 tells a whole file, and a silent sender never gets one; over HTTP the body never ended) and
   * closing the connection they came on. Bytes that come reset the wait.
   */
  private endWhenSilent(upload: Upload, sink: UploadSink): void {
    const limit = this.silenceEndMs;
    if (!(limit > 0)) return;
    let timer: Timer;
    const check = () => {
      const left = Date.parse(upload.lastDataAt ?? upload.startedAt) + limit - this.now();
      if (left > 0) timer = this.clock.after(left, check, { background: true });
      else
        sink.giveUp(
          `No data arrived for ${limit >= 60_000 ? `${Math.round(limit / 60_000)} min` : `${Math.round(limit / 1000)} s`} (the charger may have lost its connection or hung mid-file): the bench stopped waiting and kept the ${upload.bytes} bytes that came, but the file may be cut short`,
        );
    };
    timer = this.clock.after(limit, check, { background: true });
    sink.once('settled', () => timer.cancel());
  }

  /** Progress pacing per upload: when its last event went out, and the event due with its latest bytes. */
  private readonly pacing = new Map<string, { at: number; trailing: Timer | null }>();

  private changed(upload: Upload, progress = false): void {
    const pace = this.pacing.get(upload.id);
    if (progress) {
      const now = this.now();
      if (pace && now - pace.at < PROGRESS_EVERY_MS) {
        // Told later, so the bytes of an upload that goes quiet now are not left untold.
        pace.trailing ??= this.clock.after(
          pace.at + PROGRESS_EVERY_MS - now,
          () => {
            pace.trailing = null;
            if (this.uploads.get(upload.id) === upload && upload.status === 'receiving') this.changed(upload, true);
          },
          { background: true },
        );
        return;
      }
      pace?.trailing?.cancel();
      this.pacing.set(upload.id, { at: now, trailing: null });
    } else this.stopPacing(upload.id);
    this.onChange({ type: 'changed', upload: this.view(upload) });
  }

  private stopPacing(id: string): void {
    this.pacing.get(id)?.trailing?.cancel();
    this.pacing.delete(id);
  }

  private remove(upload: Upload, deleteFile = true): void {
    this.uploads.delete(upload.id);
    this.stopPacing(upload.id);
    if (deleteFile && hasFile(upload)) rmQuietly(upload.path);
    this.onChange({ type: 'removed', id: upload.id, chargerId: upload.chargerId });
  }

  /** Forgets locations a week past their expiry, deletes uploads past theirs, and empty folders. */
  private expire(): void {
    const now = this.now();
    let changed = false;
    for (const u of this.uploads.values()) {
      if (u.status === 'receiving' || Date.parse(u.expiresAt) > now) continue;
      this.remove(u);
      changed = true;
    }
    for (const l of this.locations.values()) {
      // Kept a while after expiry so that a late charger hears "expired", not "unknown".
      if (Date.parse(l.expiresAt) + UPLOAD_KEPT_MS > now) continue;
      if ([...this.uploads.values()].some((u) => u.locationId === l.id)) continue;
      this.locations.delete(l.id);
      rmQuietly(join(this.dir, chargerFolder(l.chargerId), l.id), true);
      changed = true;
    }
    if (changed) this.save();
  }

  private load(): void {
    let saved: Partial<Saved> = {};
    try {
      saved = JSON.parse(readFileSync(this.indexFile, 'utf8')) as Saved;
    } catch {
      // nothing received yet, or an unreadable list: start empty rather than refuse to start
    }
    for (const l of Array.isArray(saved.locations) ? saved.locations : []) {
      if (typeof l?.id === 'string' && /^[0-9a-f]{12}$/.test(l.id) && typeof l.token === 'string' && typeof l.chargerId === 'string' && typeof l.expiresAt === 'string') this.locations.set(l.id, l);
    }
    for (const u of Array.isArray(saved.uploads) ? saved.uploads : []) {
      if (typeof u?.id !== 'string' || typeof u.path !== 'string' || !this.locations.has(u.locationId)) continue;
      if (u.status === 'receiving') {
        // The bench stopped while it arrived: its part file is of no use.
        rmQuietly(join(this.dir, chargerFolder(u.chargerId), u.locationId, `.${u.id}.part`));
        Object.assign(u, { status: 'failed', error: 'The bench stopped during the upload', finishedAt: u.startedAt });
      }
      if (hasFile(u) && !isFile(u.path)) continue;
      this.uploads.set(u.id, u);
    }
  }

  private save(): void {
    try {
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      const tmp = `${this.indexFile}.tmp`;
      writeFileSync(tmp, JSON.stringify({ locations: [...this.locations.values()], uploads: [...this.uploads.values()] } satisfies Saved, null, 2), { mode: 0o600 });
      renameSync(tmp, this.indexFile);
    } catch (e) {
      // Receiving still works until the bench stops; only the list's survival of a restart is lost.
      console.error(`chargebench: could not save the list of uploads: ${(e as Error).message}`);
    }
  }
}

/** Whether an upload's row has a file on disk (a whole one, or the bytes of an incomplete one). */
const hasFile = (u: Upload) => u.status === 'received' || u.status === 'incomplete';

/** A charger's folder: its id made safe as a folder name, with a hash so two ids never share one. */
export function chargerFolder(chargerId: string): string {
  const readable = chargerId.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 48);
  return `${readable}-${createHash('sha256').update(chargerId).digest('hex').slice(0, 10)}`;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
