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
  ftruncateSync(fd: number, len: number): void;
  fdatasyncSync(fd: number): void;
  closeSync(fd: number): void;
}

export const nodeIo: JournalIo = {
  openSync: (p, f, m) => fs.openSync(p, f, m),
  writeSync: (fd, t) => fs.writeSync(fd, t),
  ftruncateSync: (fd, n) => fs.ftruncateSync(fd, n),
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
  files.forEach((file, fileIndex) => {
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    let lastSeq = 0;
    lines.forEach((line, i) => {
      const tab = line.indexOf('\t');
      const seq = tab > 0 ? Number(line.slice(0, tab)) : NaN;
      const text = tab > 0 ? line.slice(tab + 1) : '';
      if (Number.isSafeInteger(seq) && seq > 0 && isBatch(text)) {
        lastSeq = seq;
        if (seq > afterSeq) entries.push({ seq, text });
        return;
      }
      const tornTail = fileIndex === files.length - 1 && i === lines.length - 1;
      if (tornTail) {
        notices.push('The journal ended in an incomplete line: the bench was stopped while writing it, before anything written in it was answered. It was left out.');
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
        this.io.ftruncateSync(this.fd, this.bytes);
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
