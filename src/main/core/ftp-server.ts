// The bench's FTP server (ftp-srv), for the many chargers that upload diagnostics and fetch firmware only
// over FTP. Every login is per request: an upload location's user sees one empty folder it may only write
// new files into; a hosted file's user sees that one file and may only read it. No user sees anything
// else on disk, and nothing a client sends can stop the bench.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Socket } from 'node:net';
import { posix } from 'node:path';
import { FileSystem, FtpSrv, type FtpConnection } from 'ftp-srv';
import { BenchError } from '../errors';
import type { FileHost } from './file-host';
import { passiveAddress } from './network';
import type { UploadInbox, UploadLocation, UploadSink } from './upload-inbox';

/** A control connection idle this long is closed (an upload in progress keeps only its data connection busy). */
const IDLE_MS = 30 * 60 * 1000;
/** FTP connections held at once. */
const MAX_CONNECTIONS = 200;
/** Commands no bench user may use: no folders, renames, deletes, permissions or server-named files. */
const REFUSED_COMMANDS = ['MKD', 'XMKD', 'RMD', 'XRMD', 'DELE', 'RNFR', 'RNTO', 'SITE', 'STOU'];

/** ftp-srv logs through bunyan to stdout by default; the bench keeps its console for its own lines. */
const quiet = { child: () => quiet, trace() {}, debug() {}, info() {}, warn() {}, error() {}, fatal() {} };

export class BenchFtpServer {
  private server: FtpSrv | null = null;
  private listening: { host: string; port: number } | null = null;
  /** FTP uploads arriving now, so that closing the server ends their rows with the reason. */
  private readonly arriving = new Set<UploadSink>();

  constructor(
    private readonly files: FileHost,
    private readonly uploads: UploadInbox,
  ) {}

  /** Where it listens, or null while it is not running. */
  address(): { host: string; port: number } | null {
    return this.listening;
  }

  /**
   * Listens on `host` (where the central system listens) and `port`; when that port is taken or not
   * allowed, on any free one, and says so in the answer's notice. Rejects only when it cannot listen at all.
   * `fixed`: the port was given for this run (--ftp-port), so Settings cannot move it.
   */
  async start(host: string, port: number, fixed = false): Promise<{ port: number; notice: string | null }> {
    await this.stop(`The bench's FTP server restarted (its port changed) during the upload: the charger has to upload again`);
    try {
      return { port: await this.listen(host, port), notice: null };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (port === 0 || (code !== 'EADDRINUSE' && code !== 'EACCES')) throw e;
      const free = await this.listen(host, 0);
      const why = code === 'EACCES' ? `port ${port} needs administrator rights` : `port ${port} is in use`;
      const remedy = fixed ? 'Start the bench with another --ftp-port to have a port of your choosing' : 'Choose another FTP port in Settings to keep it fixed';
      return { port: free, notice: `The bench's FTP server listens on port ${free}: ${why}. ${remedy}.` };
    }
  }

  /** Stops listening; uploads still arriving over FTP fail with `reason`. */
  async stop(reason = "The bench's FTP server stopped during the upload"): Promise<void> {
    const server = this.server;
    this.server = null;
    this.listening = null;
    for (const sink of this.arriving) sink.cut(reason);
    this.arriving.clear();
    if (!server) return;
    // ftp-srv closes each client politely first; a client that never reads its goodbye must not hold up a stop.
    await Promise.race([Promise.resolve(server.close()).catch(() => undefined), new Promise((r) => setTimeout(r, 2000).unref())]);
    (server as unknown as { server: import('node:net').Server }).server.close();
  }

  private async listen(host: string, port: number): Promise<number> {
    const url = `ftp://${host.includes(':') ? `[${host}]` : host}:${port}`;
    const server = withoutSignalHandlers(
      () =>
        new FtpSrv({
          url,
          log: quiet,
          greeting: 'ChargeBench: diagnostics uploads and firmware for chargers on this bench',
          // PASV answers with the address of this machine the client can reach (it named the one it connected to).
          pasv_url: (clientIp: string) => passiveAddress(clientIp, host),
          timeout: IDLE_MS,
          blacklist: REFUSED_COMMANDS,
          anonymous: false,
        } as never),
    );
    const net = (server as unknown as { server: import('node:net').Server }).server;
    net.maxConnections = MAX_CONNECTIONS;
    // Errors of one client (a reset data connection, a socket that went away) end that client only.
    server.on('client-error', () => undefined);
    server.on('server-error' as never, () => undefined);
    server.on('login', ({ connection, username, password }, resolve, reject) => {
      try {
        resolve({ fs: this.login(connection, username, password), cwd: '/' });
      } catch (e) {
        reject(e as Error);
      }
    });
    await server.listen();
    this.server = server;
    const address = net.address();
    const actual = typeof address === 'object' && address ? address.port : port;
    this.listening = { host, port: actual };
    return actual;
  }

  /** The folder a user sees: an upload location's, or a hosted file's; any other login is refused. */
  private login(connection: FtpConnection, user: string, password: string): FileSystem {
    if (user.startsWith('diag-')) {
      const found = this.uploads.byFtpLogin(user, password);
      if ('location' in found) return new UploadFolder(connection, this.uploads, found.location, this.arriving);
      if (found.refused === 'expired') throw new Error(`This upload location expired at ${found.expiresAt}: ask the bench for a new one`);
    } else {
      const file = this.files.byFtpLogin(user, password);
      if (file) return new HostedFolder(connection, this.files, file.id);
    }
    throw new Error('Login incorrect');
  }
}

/** Why a file whose data connection ended may be cut short: the charger never took the bench's 226. */
const UNCONFIRMED = 'The charger closed its FTP control connection without waiting for the bench to confirm the file (226): it may have stopped mid-file, so the file may be cut short';
/** Why a file may be cut short when the control connection closed while the data still came. */
const CUT_MID_FILE = 'The charger closed its FTP control connection while the file was still arriving: the bytes that came are kept, but the file may be cut short';

/** An FTP error the client is told (ftp-srv answers 550 with the message, or the code given). */
class Refused extends Error {
  constructor(
    message: string,
    readonly code = 550,
  ) {
    super(message);
  }
}

/** What LIST, SIZE and MDTM show of an entry (a plain object: no owner, inode or path of this machine). */
interface Entry {
  name: string;
  size: number;
  mtime: Date;
  mode: number;
  isDirectory(): boolean;
}

const entry = (name: string, size: number, mtime: Date, directory = false): Entry => ({ name, size, mtime, mode: directory ? 0o40555 : 0o100444, isDirectory: () => directory });

/**
 * The one file name a path names inside a user's single folder ("/a.txt", "a.txt", "./a.txt"), '' for the
 * folder itself; anything that leaves it or names a subfolder is refused.
 */
function nameIn(path: string | null | undefined): string {
  const given = String(path ?? '.').replace(/\\/g, '/');
  if (/(^|\/)\.\.(\/|$)/.test(given)) throw new Refused('There is no way out of this folder: use a plain file name');
  const normal = posix.normalize(posix.join('/', given));
  if (normal === '/') return '';
  const name = normal.slice(1);
  if (name.includes('/')) throw new Refused('There are no folders here: use a plain file name');
  return name;
}

/** Shared by both kinds of folder: one directory, "/", that cannot be left. */
abstract class OneFolder extends FileSystem {
  override currentDirectory(): string {
    return '/';
  }

  override async chdir(path = '.'): Promise<string> {
    if (nameIn(path) !== '') throw new Refused('There are no folders here: stay in /');
    return '/';
  }

  override mkdir(): Promise<never> {
    return Promise.reject(new Refused('Folders cannot be made here'));
  }

  override delete(): Promise<never> {
    return Promise.reject(new Refused('Nothing can be deleted here'));
  }

  override rename(): Promise<never> {
    return Promise.reject(new Refused('Nothing can be renamed here'));
  }

  override chmod(): Promise<never> {
    return Promise.reject(new Refused('Permissions cannot be changed here'));
  }
}

/** An upload location over FTP: write new files into "/"; list what arrived; read nothing back. */
class UploadFolder extends OneFolder {
  constructor(
    connection: FtpConnection,
    private readonly inbox: UploadInbox,
    private readonly location: UploadLocation,
    private readonly arriving: Set<UploadSink>,
  ) {
    super(connection, { root: '/', cwd: '/' });
  }

  override async get(path: string): Promise<Entry> {
    const name = nameIn(path);
    if (name === '') return entry('/', 0, new Date(this.location.createdAt), true);
    const found = this.inbox.received(this.location.id).find((u) => u.name === name);
    if (!found) throw new Refused(`No file ${name} here`);
    return entry(found.name, found.bytes, new Date(found.finishedAt ?? found.startedAt));
  }

  override async list(path = '.'): Promise<Entry[]> {
    if (nameIn(path) !== '') throw new Refused('There are no folders here');
    return this.inbox.received(this.location.id).map((u) => entry(u.name, u.bytes, new Date(u.finishedAt ?? u.startedAt)));
  }

  override write(path: string, { append = false, start }: { append?: boolean; start?: unknown } = {}) {
    if (append || (typeof start === 'number' && start > 0)) throw new Refused('Resuming or appending is not supported here: upload the whole file again');
    const name = nameIn(path);
    if (name === '') throw new Refused('Name the file to upload');
    // The location may have expired since the login.
    const still = this.inbox.byFtpLogin(this.location.ftpUser, this.location.ftpPassword);
    if (!('location' in still)) throw new Refused('This upload location has expired: ask the bench for a new one', 530);
    // FTP marks the end of a file only by closing the data connection: a sender that dies mid-file closes
    // it too. A file counts as whole only when the bench's 226 reply went out to a charger still there.
    const { commandSocket: control, connector } = this.connection as unknown as { commandSocket: Socket; connector?: { socket?: Socket | null } };
    const data = connector?.socket ?? null;
    let stream: UploadSink;
    try {
      stream = this.inbox.receive(this.location, name, 'ftp', null, true);
    } catch (e) {
      throw new Refused(e instanceof BenchError ? e.message : String(e), 553);
    }
    this.arriving.add(stream);
    // ftp-srv ends an upload by emitting 'close' on the stream when the data connection ends (as fs streams
    // of its own expect); ending it stores the file. A data connection that closes otherwise fails it.
    stream.once('close', () => {
      if (!stream.destroyed && !stream.writableEnded) stream.end();
    });
    data?.once('close', () => {
      if (!stream.destroyed && !stream.writableEnded) stream.destroy(new Error('The data connection closed before the file was complete'));
    });
    // Once the file is stored ftp-srv writes 226 and then resumes reading the control connection: the
    // verdict is whether those bytes went out. A control connection that closes first leaves the bytes
    // that came, incomplete, however the data connection ends.
    let before = -1;
    stream.once('finish', () => (before = control.bytesWritten));
    const confirmed = () => before >= 0 && control.bytesWritten > before && !control.errored;
    const onResume = () => {
      if (before >= 0) stream.conclude(confirmed() ? null : UNCONFIRMED);
    };
    const onClose = () => {
      data?.unpipe(stream);
      stream.conclude(confirmed() ? null : before >= 0 ? UNCONFIRMED : CUT_MID_FILE);
    };
    control.on('resume', onResume).once('close', onClose);
    stream.once('settled', () => {
      this.arriving.delete(stream);
      control.off('resume', onResume).off('close', onClose);
    });
    return { stream, clientPath: `/${name}` };
  }

  override read(): Promise<never> {
    return Promise.reject(new Refused('This location only takes uploads'));
  }
}

/** A hosted file over FTP: "/" holds that one file, read-only. */
class HostedFolder extends OneFolder {
  constructor(
    connection: FtpConnection,
    private readonly files: FileHost,
    private readonly id: string,
  ) {
    super(connection, { root: '/', cwd: '/' });
  }

  /** The hosted file, while it is hosted (it may expire during a session). */
  private file() {
    const file = this.files.get(this.id);
    if (!file) throw new Refused('This file is no longer hosted (hosted files are served for 24 hours)', 530);
    return file;
  }

  private async stats(): Promise<Entry> {
    const file = this.file();
    const info = await stat(file.path).catch(() => null);
    if (!info?.isFile()) throw new Refused(`${file.name} is no longer on the bench's disk`);
    return entry(file.name, info.size, info.mtime);
  }

  override async get(path: string): Promise<Entry> {
    const name = nameIn(path);
    if (name === '') return entry('/', 0, new Date(this.file().hostedAt), true);
    if (name !== this.file().name) throw new Refused(`No file ${name} here`);
    return this.stats();
  }

  override async list(path = '.'): Promise<Entry[]> {
    if (nameIn(path) !== '') throw new Refused('There are no folders here');
    return [await this.stats()];
  }

  override async read(path: string, { start }: { start?: unknown } = {}) {
    const name = nameIn(path);
    if (name !== this.file().name) throw new Refused(`No file ${name || '/'} here`);
    const info = await this.stats();
    const from = typeof start === 'number' && start > 0 ? Math.min(start, info.size) : 0;
    return { stream: createReadStream(this.file().path, { start: from }), clientPath: `/${name}` };
  }

  override write(): never {
    throw new Refused('This file is read-only');
  }
}

/**
 * ftp-srv's constructor installs SIGTERM, SIGINT and SIGQUIT handlers that close it and exit the process;
 * the bench stops itself (its record first), so those handlers are taken out again.
 */
function withoutSignalHandlers<T>(make: () => T): T {
  const signals = ['SIGTERM', 'SIGINT', 'SIGQUIT'] as const;
  const before = new Map(signals.map((s) => [s, new Set(process.listeners(s))]));
  try {
    return make();
  } finally {
    for (const s of signals) for (const l of process.listeners(s)) if (!before.get(s)!.has(l)) process.removeListener(s, l);
  }
}
