// The data directory: created private to the user (0700, files 0600: it holds charger passwords), and
// held by one bench process at a time. The hold is an OS lock (SQLite's exclusive lock on a small file),
// so the kernel releases it when the holder dies, even by kill -9; a second bench is refused with the
// holder named.
import Database from 'better-sqlite3';
import { accessSync, chmodSync, constants, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** Files of the record are readable by their owner only. */
export const PRIVATE_FILE = 0o600;
export const PRIVATE_DIR = 0o700;

/** The file that marks a directory as a bench's data directory. */
export const RECORD_FILE = 'chargebench.sqlite';

/**
 * Creates the data directory (0700) if it does not exist. An existing one that is the bench's own (it
 * holds the record, or nothing yet) is made private with everything in it: one made by an older version
 * or by hand may be readable by others. A directory the bench did not make for itself (a user's folder
 * named as --data-dir) keeps its own mode; the record's files in it are private all the same. One the user
 * cannot read, write or enter is refused, naming it (`access`: the file-system check, fs.accessSync).
 */
export function ensureDataDir(dataDir: string, access: (path: string, mode: number) => void = accessSync): void {
  let st: Stats;
  try {
    st = statSync(dataDir);
  } catch (e) {
    // Not there (ENOTDIR: a file on its way, which making it says)
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw new DataDirError(dataDir, `cannot be read: ${why(e)}`);
    try {
      mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR });
    } catch (e2) {
      throw new DataDirError(dataDir, `cannot be created: ${why(e2)}`);
    }
    return;
  }
  if (!st.isDirectory()) throw new DataDirError(dataDir, `is not a directory (it is ${kindOf(st)}): name a directory, or a path where one can be made`);
  try {
    access(dataDir, constants.R_OK | constants.W_OK | constants.X_OK);
  } catch (e) {
    throw new DataDirError(dataDir, `cannot be written: ${why(e)}`);
  }
  try {
    const entries = readdirSync(dataDir);
    if (entries.length === 0 || entries.includes(RECORD_FILE)) makeTreePrivate(dataDir);
  } catch {
    // not readable as a directory: opening the record says why
  }
}

/** A data directory the bench cannot keep its record in, named with the reason. */
export class DataDirError extends Error {
  constructor(
    readonly dataDir: string,
    problem: string,
  ) {
    super(`The data directory ${dataDir} ${problem}`);
    this.name = 'DataDirError';
  }
}

function kindOf(st: Stats): string {
  if (st.isFile()) return 'a file';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isFIFO()) return 'a pipe';
  if (st.isSocket()) return 'a socket';
  return 'something else';
}

/** A file-system error's reason in words, with its code. */
function why(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const words: Record<string, string> = {
    ENOTDIR: 'a part of its path is a file, not a directory',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'the file system is read-only',
    ENOSPC: 'the disk is full',
    ELOOP: 'too many symbolic links',
    EEXIST: 'something that is not a directory is in the way (a broken symbolic link?)',
  };
  return err.code && words[err.code] ? `${words[err.code]} (${err.code})` : (err.message ?? String(e));
}

/** Takes group and other permissions off a directory and everything under it (the bench's few files). */
function makeTreePrivate(dir: string): void {
  const st = lstatSync(dir);
  if (st.isSymbolicLink()) return;
  if (st.isDirectory()) {
    if (st.mode & 0o077) chmodSync(dir, PRIVATE_DIR);
    for (const name of readdirSync(dir)) makeTreePrivate(join(dir, name));
  } else if (st.isFile() && st.mode & 0o077) {
    chmodSync(dir, PRIVATE_FILE);
  }
}

/** Makes files of the record private to their owner (no-op where the file does not exist or the OS ignores modes). */
export function makePrivate(...files: string[]): void {
  for (const f of files) {
    try {
      chmodSync(f, PRIVATE_FILE);
    } catch {
      // not there (yet): SQLite creates -wal and -shm with the database's own mode
    }
  }
}

/** Who holds a data directory: written beside the lock so a second bench can name it. */
export interface LockHolder {
  pid: number;
  host: string;
  /** e.g. "chargebench serve", "ChargeBench desktop app". */
  face: string;
  startedAt: string;
}

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder | null,
  ) {
    const who = holder ? `${holder.face} (process ${holder.pid} on ${holder.host}, started ${holder.startedAt})` : 'another ChargeBench process';
    super(`The data directory ${dataDir} is in use by ${who}. Two benches on one record would corrupt it: stop that one first, or start this one with another --data-dir.`);
    this.name = 'DataDirLockedError';
  }
}

/** An exclusive hold on a data directory for as long as this process keeps it. */
export class DataDirLock {
  private constructor(
    private readonly db: Database.Database,
    private readonly infoFile: string,
  ) {}

  /** Takes the directory or throws DataDirLockedError naming the holder. */
  static acquire(dataDir: string, face: string, nativeBinding?: string): DataDirLock {
    const lockFile = join(dataDir, 'chargebench.lock');
    const infoFile = join(dataDir, 'chargebench.lock.json');
    const db = new Database(lockFile, { timeout: 0, ...(nativeBinding ? { nativeBinding } : {}) });
    makePrivate(lockFile);
    try {
      // In exclusive locking mode the lock taken by the first write is kept until the connection closes.
      db.pragma('locking_mode = EXCLUSIVE');
      db.exec('BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS held (since TEXT); DELETE FROM held; INSERT INTO held VALUES (datetime()); COMMIT;');
    } catch (e) {
      db.close();
      if ((e as { code?: string }).code === 'SQLITE_BUSY') throw new DataDirLockedError(dataDir, readHolder(infoFile));
      throw e;
    }
    const holder: LockHolder = { pid: process.pid, host: hostname(), face, startedAt: new Date().toISOString() };
    writeFileSync(infoFile, `${JSON.stringify(holder)}\n`, { mode: PRIVATE_FILE });
    return new DataDirLock(db, infoFile);
  }

  release(): void {
    if (!this.db.open) return;
    this.db.close();
    try {
      writeFileSync(this.infoFile, '');
    } catch {
      // the lock itself is gone; a stale note is harmless
    }
  }
}

function readHolder(infoFile: string): LockHolder | null {
  try {
    return parseLockHolder(readFileSync(infoFile, 'utf8'));
  } catch {
    return null;
  }
}

/** The holder a lock note names, or null when the text is not one (empty: released; not JSON; no pid). Its other fields are as the note has them. */
export function parseLockHolder(text: string): LockHolder | null {
  try {
    const h = JSON.parse(text) as LockHolder | null;
    return h !== null && typeof h === 'object' && typeof h.pid === 'number' ? h : null;
  } catch {
    return null;
  }
}
