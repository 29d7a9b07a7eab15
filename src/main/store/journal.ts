// The write-ahead journal in front of SQLite: each batch of writes is one line `<seq>\t<JSON>` appended
// in one write() before the answers that depend on it go out, in segments that are deleted once SQLite
// holds them. A failed append leaves no torn line behind (the segment is cut back), and reading the
// journal at start says what was damaged or missing instead of skipping it silently.
import * as fs from 'node:fs';
import { join } from 'node:path';
import { PRIVATE_FILE } from './data-dir';

/** The file operations the journal uses; tests swap in ones that fail like a full disk. */
export interface JournalIo {
  openSync(path: string, flags: string, mode?: number): number;
  writeSync(fd: number, text: string): number;
  /** By path: on Windows a file opened to append cannot be cut through that handle. */
  truncateSync(path: string, len: number): void;
  fdatasyncSync(fd: number): void;
  closeSync(fd: number): void;
}

export const nodeIo: JournalIo = {
  openSync: (p, f, m) => fs.openSync(p, f, m),
  writeSync: (fd, t) => fs.writeSync(fd, t),
  truncateSync: (p, n) => fs.truncateSync(p, n),
  fdatasyncSync: (fd) => fs.fdatasyncSync(fd),
  closeSync: (fd) => fs.closeSync(fd),
};

export interface JournalEntry {
  seq: number;
  /** The JSON text of the batch: [statement, params, statement, params, ...]. */
  text: string;
}

/** Journal segments are named by the first sequence number they may hold. */
export const segmentFile = (dataDir: string, firstSeq: number): string => join(dataDir, `chargebench-${String(firstSeq).padStart(12, '0')}.journal`);
const firstSeqOf = (file: string): number => Number(/(\d+)\.journal$/.exec(file)![1]);
export const segmentFiles = (dataDir: string): string[] =>
  fs
    .readdirSync(dataDir)
    .filter((f) => /^chargebench-\d+\.journal$/.test(f))
    .sort()
    .map((f) => join(dataDir, f));

export interface JournalReading {
  /** Entries after `afterSeq`, in order. */
  entries: JournalEntry[];
  /** Each segment and the last sequence number in it (0 when empty). */
  segments: Array<{ file: string; lastSeq: number }>;
  /** What was wrong, in words, for the start-up report. */
  notices: string[];
}

/**
 * Reads every segment: entries after `afterSeq`, with damage found and moved aside. An unreadable line
 * is copied to damaged/ (not dropped), a gap in the sequence is named, and only a torn last line of the
 * last segment (the process died writing it, so nothing was answered on it) is dropped quietly.
 */
export function readJournal(dataDir: string, afterSeq: number, now = new Date()): JournalReading {
  const files = segmentFiles(dataDir);
  const entries: JournalEntry[] = [];
  const segments: JournalReading['segments'] = [];
  const notices: string[] = [];
  const damaged: string[] = [];
  files.forEach((file) => {
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    // A last line without its newline was being written when the process died (never answered),
    // whether or not what was written of it reads as a batch.
    const endsWhole = lines[lines.length - 1] === '';
    if (endsWhole) lines.pop();
    let lastSeq = 0;
    lines.forEach((line, i) => {
      if (!endsWhole && i === lines.length - 1) {
        notices.push('The journal ended in an incomplete line: the bench was stopped while writing it, before anything written in it was answered. It was left out.');
        return;
      }
      const tab = line.indexOf('\t');
      const seq = tab > 0 ? Number(line.slice(0, tab)) : NaN;
      const text = tab > 0 ? line.slice(tab + 1) : '';
      if (Number.isSafeInteger(seq) && seq > 0 && isBatch(text)) {
        lastSeq = seq;
        if (seq > afterSeq) entries.push({ seq, text });
        return;
      }
      damaged.push(`${file.split(/[\\/]/).pop()}:${i + 1}\t${line}`);
    });
    segments.push({ file, lastSeq });
  });
  if (damaged.length) {
    const dir = join(dataDir, 'damaged');
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const aside = join(dir, `journal-${now.toISOString().replace(/[:.]/g, '-')}.txt`);
    fs.writeFileSync(aside, `${damaged.join('\n')}\n`, { mode: PRIVATE_FILE });
    notices.push(
      `${damaged.length} journal line${damaged.length > 1 ? 's were' : ' was'} damaged and could not be read; the records in ${damaged.length > 1 ? 'them are' : 'it are'} missing from the record. The lines were moved aside to ${aside} (nothing was deleted).`,
    );
  }
  entries.sort((a, b) => a.seq - b.seq);
  let expected = afterSeq + 1;
  const gaps: string[] = [];
  for (const e of entries) {
    if (e.seq > expected) gaps.push(e.seq - 1 === expected ? `${expected}` : `${expected} to ${e.seq - 1}`);
    expected = e.seq + 1;
  }
  if (gaps.length) notices.push(`Journal entries ${gaps.join(', ')} are missing (a segment was deleted or damaged outside the bench); what they held is not in the record.`);
  return { entries, segments, notices };
}

function isBatch(text: string): boolean {
  try {
    const ops = JSON.parse(text) as unknown;
    return Array.isArray(ops) && ops.length % 2 === 0 && ops.every((v, i) => (i % 2 === 0 ? typeof v === 'number' || typeof v === 'string' : Array.isArray(v)));
  } catch {
    return false;
  }
}

/** A journal entry as the writer thread takes it: the writes parsed ([statement, params, ...]). */
export interface ReadEntry {
  seq: number;
  ops: unknown[];
}

/** Where reading the journal has come to: the segment, the offset of the next line, the last entry read. */
export interface TailPosition {
  file: string | null;
  offset: number;
  lastSeq: number;
}

/**
 * The writer thread's reading of the journal: the entries after the last one SQLite holds, in order, up
 * to the last one the bench says it has appended (so never a line being written, nor one the journal may
 * still cut back), from segment to segment, a bounded number of bytes at a time. The bytes come from the
 * OS's cache of the file: the bench hands nothing over but sequence numbers.
 *
 * `read` does not move on: `commit` its `end` once the entries are in SQLite; until then (SQLite stalled)
 * the next `read` gives them again. Lines that cannot be read were reported and copied aside at start
 * (readJournal); they are passed over, as are entries SQLite already holds.
 */
export class JournalTail {
  private position: TailPosition;
  private buffer: Buffer | null = null;

  constructor(
    private readonly dataDir: string,
    fromSeq: number,
  ) {
    this.position = { file: null, offset: 0, lastSeq: fromSeq };
  }

  get lastSeq(): number {
    return this.position.lastSeq;
  }

  commit(end: TailPosition): void {
    this.position = end;
  }

  /**
   * The entries after the last committed one up to `upTo`, stopping after `maxBytes` (`full`); `missing`
   * when entries up to `upTo` are in no segment (deleted or damaged outside the bench): `end` then passes
   * them, and `lastRead` is the last entry read. With `take`, each entry is handed to it as it is read
   * and none is kept (`entries` is empty): a drain then holds one entry's writes at a time, not 8 MiB of
   * them. What `take` throws ends the reading and is thrown on; the journal's own failures to be read
   * are thrown as JournalReadError.
   */
  read(upTo: number, maxBytes: number, take?: (entry: ReadEntry) => void): { entries: ReadEntry[]; end: TailPosition; missing: boolean; full: boolean; lastRead: number } {
    const entries: ReadEntry[] = [];
    const at: TailPosition = { ...this.position };
    let bytes = 0;
    at.file ??= this.locate(at.lastSeq + 1);
    while (at.file && at.lastSeq < upTo && bytes < maxBytes) {
      const { read, later, partial } = this.readLines(at, upTo, maxBytes - bytes, take ?? ((e) => entries.push(e)));
      bytes += read;
      // A later entry than asked for stops the reading where it is (it is read next time); so does a
      // line not yet whole (being written).
      if (later || at.lastSeq >= upTo || bytes >= maxBytes) break;
      // Nothing more up to `upTo` in this segment: the rest is in a later one. (A part of a line ends
      // only the last segment while it is written; one at the end of an earlier segment was torn when
      // a process was killed, and never answered.)
      const file = at.file;
      const next = segmentFiles(this.dataDir).find((f) => f > file);
      if (!next && partial) return { entries, end: at, missing: false, full: false, lastRead: at.lastSeq };
      if (!next) break;
      at.file = next;
      at.offset = 0;
    }
    const full = bytes >= maxBytes;
    const missing = at.lastSeq < upTo && !full;
    const lastRead = at.lastSeq;
    if (missing) at.lastSeq = upTo;
    return { entries, end: at, missing, full, lastRead };
  }

  /** The segment that holds `seq`, or the first after it; null when there is none. */
  private locate(seq: number): string | null {
    const files = segmentFiles(this.dataDir);
    return files.filter((f) => firstSeqOf(f) <= seq).pop() ?? files[0] ?? null;
  }

  /** Whether `at.file` holds nothing more the reading needs: the next entry is in a later segment. */
  private passed(at: TailPosition): boolean {
    const next = segmentFiles(this.dataDir).find((f) => f > at.file!);
    return next !== undefined && firstSeqOf(next) <= at.lastSeq + 1;
  }

  /**
   * Reads whole lines of `at.file` from `at.offset` into `entries`, moving `at` on: the bytes of the
   * entries read, whether it stopped at an entry after `upTo`, and whether the file ends in part of a line.
   */
  private readLines(at: TailPosition, upTo: number, maxBytes: number, take: (entry: ReadEntry) => void): { read: number; later: boolean; partial: boolean } {
    let fd: number;
    try {
      fd = fs.openSync(at.file!, 'r');
    } catch (e) {
      // Deleted by the bench once SQLite held all of it. On Windows a file being deleted cannot be opened
      // for a moment (EPERM): it is passed over like a deleted one when the next entry is in a later
      // segment, and otherwise read again later (nothing it holds is skipped).
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || ((code === 'EPERM' || code === 'EACCES') && this.passed(at))) return { read: 0, later: false, partial: false };
      throw new JournalReadError(e as Error);
    }
    let read = 0;
    // Where the first line after `upTo` begins: reading stops there, unless an entry up to `upTo` follows
    // it (then that line was a damaged one whose number reads high, and is passed over like any other).
    let laterAt: number | null = null;
    const done = (partial: boolean) => {
      if (laterAt !== null) at.offset = laterAt;
      return { read, later: laterAt !== null, partial };
    };
    try {
      let buf = (this.buffer ??= Buffer.allocUnsafe(READ_CHUNK));
      // `pos`: where the bytes in `buf` begin in the file; `at.offset` moves only past what is taken or passed.
      let pos = at.offset;
      for (;;) {
        let n: number;
        try {
          n = fs.readSync(fd, buf, 0, buf.length, pos);
        } catch (e) {
          throw new JournalReadError(e as Error);
        }
        const chunk = buf.subarray(0, n);
        let start = 0;
        for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, start)) {
          const tab = chunk.indexOf(9, start);
          const seq = tab > start && tab < nl ? Number(chunk.toString('latin1', start, tab)) : NaN;
          const lineEnd = pos + nl + 1;
          if (seq > upTo) {
            laterAt ??= pos + start;
          } else {
            const ops = Number.isSafeInteger(seq) && seq > at.lastSeq ? parseBatch(chunk.toString('utf8', tab + 1, nl)) : null;
            if (ops) {
              take({ seq, ops });
              at.lastSeq = seq;
              read += nl + 1 - start;
              laterAt = null;
            }
            if (laterAt === null) at.offset = lineEnd;
          }
          start = nl + 1;
          if (read >= maxBytes) return done(false);
        }
        // The end of what is written (a line being written is left for next time).
        if (n < buf.length) return done(start < n);
        // One line longer than the buffer: a bigger buffer for it.
        if (start === 0) buf = this.buffer = Buffer.allocUnsafe(buf.length * 2);
        pos += start;
      }
    } finally {
      fs.closeSync(fd);
      // A buffer grown for one long line is not kept.
      if (this.buffer && this.buffer.length > READ_CHUNK) this.buffer = null;
    }
  }
}

/** The journal could not be read (the file system failed), as opposed to what was done with an entry. */
export class JournalReadError extends Error {
  readonly code = 'SQLITE_IOERR';
  constructor(cause: Error) {
    super(`the journal could not be read: ${cause.message}`);
  }
}

/** The writer thread reads the journal this many bytes at a time. */
const READ_CHUNK = 1024 * 1024;

/** A line's writes, or null when the line is not a batch of writes. */
function parseBatch(text: string): unknown[] | null {
  try {
    const ops = JSON.parse(text) as unknown;
    return Array.isArray(ops) && ops.length % 2 === 0 ? ops : null;
  } catch {
    return null;
  }
}

/**
 * A segment a killed process left ending in part of a line (never answered; readJournal said so) is cut
 * back to its last whole line before anything is appended to it: appended after the torn part, the next
 * entry would be read as one damaged line with it.
 */
function cutTornTail(file: string, io: JournalIo): void {
  const reading = fs.openSync(file, 'r');
  let cut: number;
  try {
    const size = fs.fstatSync(reading).size;
    const chunk = Buffer.allocUnsafe(Math.min(size, 64 * 1024));
    cut = size > 0 ? 0 : -1;
    for (let end = size; end > 0;) {
      const start = Math.max(0, end - chunk.length);
      const n = fs.readSync(reading, chunk, 0, end - start, start);
      const nl = chunk.subarray(0, n).lastIndexOf(10);
      if (nl !== -1) {
        cut = start + nl + 1 < size ? start + nl + 1 : -1;
        break;
      }
      end = start;
    }
  } finally {
    fs.closeSync(reading);
  }
  if (cut >= 0) io.truncateSync(file, cut);
}

/** The segment being appended to. */
export class JournalAppender {
  private fd: number;
  private bytes = 0;
  private firstSeq: number;

  constructor(
    private readonly dataDir: string,
    firstSeq: number,
    private readonly io: JournalIo,
    private readonly segmentBytes: number,
    private readonly sync: boolean,
    /** Called with a segment once it is closed, and the last sequence number in it. */
    private readonly onClosed: (file: string, lastSeq: number) => void,
  ) {
    this.firstSeq = firstSeq;
    this.fd = io.openSync(segmentFile(dataDir, firstSeq), 'a', PRIVATE_FILE);
    cutTornTail(segmentFile(dataDir, firstSeq), io);
  }

  get file(): string {
    return segmentFile(this.dataDir, this.firstSeq);
  }

  /**
   * Appends one entry in one write(). On failure the segment is cut back to where it was, so no torn
   * line sits between good ones, and the error is thrown.
   */
  append(seq: number, text: string): void {
    const line = `${seq}\t${text}\n`;
    try {
      const written = this.io.writeSync(this.fd, line);
      if (written !== Buffer.byteLength(line)) throw Object.assign(new Error(`short write: ${written} of ${Buffer.byteLength(line)} bytes`), { code: 'ENOSPC' });
      if (this.sync) this.io.fdatasyncSync(this.fd);
    } catch (e) {
      try {
        this.io.truncateSync(this.file, this.bytes);
      } catch {
        // cutting back needs no space; if even that fails, the torn line is found and reported at start
      }
      throw e;
    }
    this.bytes += Buffer.byteLength(line);
    if (this.bytes > this.segmentBytes) this.rotate(seq);
  }

  /** Begins a new segment after `lastSeq`; if the new file cannot be made, appending goes on in this one. */
  private rotate(lastSeq: number): void {
    let fd: number;
    try {
      fd = this.io.openSync(segmentFile(this.dataDir, lastSeq + 1), 'a', PRIVATE_FILE);
    } catch {
      return;
    }
    const closed = this.file;
    this.io.closeSync(this.fd);
    this.fd = fd;
    this.firstSeq = lastSeq + 1;
    this.bytes = 0;
    this.onClosed(closed, lastSeq);
  }

  close(): void {
    this.io.closeSync(this.fd);
  }
}
