// The writer thread: ingests journal entries (their JSON text, writes named by statement) into SQLite in
// one transaction per drain, about once a second (a big transaction writes each page once for many
// rows), or at once when a reader waits for it. It reads the entries from the journal's segments itself
// (JournalTail), as far as the bench says it has appended: the bench hands over sequence numbers, not
// text (copying text between threads cost the protocol's thread more than writing it to the journal).
//
// Two kinds of failure, two answers:
// - a row SQLite refuses (a constraint): the batch is run again row by row in one transaction, skipping
//   only that row, never its neighbours;
// - the storage fails (disk full, I/O error, read-only, locked): nothing of the batch is committed and
//   nothing is marked ingested; the thread says it is stalled, keeps the batch and tries again with
//   back-off, and says when it has resumed. The journal still holds every entry meanwhile.
//
// The high-volume logs (messages, meter values) have no per-row index by charger or transaction: at
// hundreds of chargers such an index costs as much as the rest of the row, a random page per row.
// Instead each drain records, per key, the id range its rows fall in (the `chunks` table), which finds
// a charger's frames or a transaction's meter values just as fast.
//
// Between drains, the thread builds the message log's free-text index behind the log, a step at a time
// (repositories/message-search.ts), so a drain waits for at most one step.
import { parentPort, workerData } from 'node:worker_threads';
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import Database from 'better-sqlite3';
import type { ThreadData, ToThread, FromThread } from './protocol';
import { SearchIndexer } from '../repositories/message-search';
import { collectGarbage } from '../../memory';
import { JournalTail } from '../journal';

const data = workerData as ThreadData;
const port = parentPort!;
const db = new Database(data.file, data.nativeBinding ? { nativeBinding: data.nativeBinding } : {});
db.pragma('journal_mode = WAL');
db.pragma(`synchronous = ${data.synchronous}`);
db.pragma('busy_timeout = 5000');
// The record is appended to: a drain touches the last pages of each table and index, so a small page
// cache does (a big one only holds memory the bench's RSS bound has no room for).
db.pragma('cache_size = -16384');
db.pragma('journal_size_limit = 67108864');
/** This drain's id range per sparse-index key of one kind: [kind, key, first id, last id, rows], by key. */
type Ranges = Map<string, [string, string, number, number, number]>;
/** Per kind (writes of one table may share a kind), looked up once per statement, not per row. */
const rangesByKind = new Map<string, Ranges>();
/** A sparse-index key of a write's rows: the parameters that make it, and the ranges of its kind. */
interface ChunkSpec {
  kind: string;
  at: number[];
  ranges: Ranges;
}
const rangesOf = (kind: string): Ranges => {
  let ranges = rangesByKind.get(kind);
  if (!ranges) rangesByKind.set(kind, (ranges = new Map()));
  return ranges;
};
/** Each write by name: its statement and the sparse-index keys its rows get. */
const statements = new Map(
  Object.entries(data.statements).map(([name, sql]) => [name, { stmt: db.prepare(sql), chunks: (data.chunkers[name] ?? []).map(([kind, at]): ChunkSpec => ({ kind, at, ranges: rangesOf(kind) })) }]),
);
// Recording yields to the protocol: on Linux this thread alone runs at a lower priority (nice 10).
try {
  setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), 10);
} catch {
  // not Linux, or not allowed: the same priority as the protocol
}
const setSeq = db.prepare('UPDATE journal_state SET ingested_seq = ? WHERE id = 1');
const addChunk = db.prepare('INSERT INTO chunks (kind, key, first_id, last_id, rows) VALUES (?, ?, ?, ?, ?)');
const STORAGE = /^SQLITE_(FULL|IOERR|CANTOPEN|READONLY|BUSY|LOCKED|NOMEM|CORRUPT|NOTADB|PROTOCOL)/;
const isStorage = (e: unknown): boolean => typeof (e as { code?: unknown })?.code === 'string' && STORAGE.test((e as { code: string }).code);
const post = (m: FromThread): void => port.postMessage(m);
const searchIndex = new SearchIndexer(db);
/** Frames indexed per step (a few tens of milliseconds). */
const INDEX_STEP_ROWS = 1024;

/** A journal line's writes are named; an older journal named them by position in data.legacyOrder. */
function statementOf(ref: string | number): string {
  return typeof ref === 'number' ? data.legacyOrder[ref] : ref;
}

function runOne(ref: string | number, params: unknown[]): void {
  const write = statements.get(statementOf(ref));
  if (!write) throw new Error(`no statement "${String(ref)}" in this version`);
  // The values go in as arguments, not as one array (better-sqlite3 reads an array's elements through V8's
  // object API: 0.5-1 µs more per MeterValues exchange). As arguments an array or object would be taken as
  // more values, or as named ones: a journal's values are never either, and one that is is refused.
  for (let i = 0; i < params.length; i++) {
    const v = params[i];
    if (typeof v === 'object' && v !== null) throw new TypeError(`value ${i + 1} of "${String(ref)}" is not a number, text or null`);
  }
  const r = write.stmt.run(...params);
  if (!write.chunks.length) return;
  const id = Number(r.lastInsertRowid);
  for (const spec of write.chunks) {
    // The key: one parameter as text (the usual case: no string is built for a charger id), or several
    // joined by '/'; none when one is null.
    const first = params[spec.at[0]];
    if (first === null || first === undefined) continue;
    let key = typeof first === 'string' ? first : String(first);
    if (spec.at.length > 1) {
      const parts = spec.at.map((i) => params[i]);
      if (parts.some((v) => v === null || v === undefined)) continue;
      key = parts.join('/');
    }
    const c = spec.ranges.get(key);
    if (c) {
      c[3] = id;
      c[4]++;
    } else spec.ranges.set(key, [spec.kind, key, id, id, 1]);
  }
}

/** Forgets this drain's sparse-index ranges (its transaction was undone). */
function clearChunks(): void {
  for (const ranges of rangesByKind.values()) ranges.clear();
}

function endDrain(seq: number): void {
  for (const ranges of rangesByKind.values()) for (const c of ranges.values()) addChunk.run(c);
  clearChunks();
  setSeq.run(seq);
}

type Read = ReturnType<JournalTail['read']>;

/**
 * Reads the journal on, up to `upTo`, into SQLite in one transaction; SQLite then holds the journal up to
 * the end of what was read (past it when entries were lost). Each entry's writes run as it is read, so
 * a drain holds one entry's parsed writes at a time (its garbage dies young, and V8's young generation
 * takes it cheaply) instead of every entry of the drain.
 */
const ingest = db.transaction((upTo: number): Read => {
  const read = tail.read(upTo, MAX_DRAIN_BYTES, ({ ops }) => {
    for (let i = 0; i < ops.length; i += 2) runOne(ops[i] as string | number, ops[i + 1] as unknown[]);
  });
  endDrain(read.end.lastSeq);
  return read;
});

// The same entries (the position moved on only once committed), row by row, still in one transaction:
// a refused row is skipped (SQLite undoes only that statement); a storage failure is thrown on, and the
// whole transaction is undone.
const ingestRows = db.transaction((upTo: number, errors: string[]): Read => {
  const read = tail.read(upTo, MAX_DRAIN_BYTES, ({ ops }) => {
    for (let i = 0; i < ops.length; i += 2) {
      try {
        runOne(ops[i] as string | number, ops[i + 1] as unknown[]);
      } catch (e) {
        if (isStorage(e)) throw e;
        errors.push(`${statementOf(ops[i] as string | number)}: ${(e as Error).message}`);
      }
    }
  });
  endDrain(read.end.lastSeq);
  return read;
});

// From the entry after the last one SQLite holds (committed with it: a thread started again after one
// that died between committing and saying so does not take anything twice).
const fromSeq = (db.prepare('SELECT ingested_seq FROM journal_state WHERE id = 1').pluck().get() as number | undefined) ?? 0;
const tail = new JournalTail(data.dataDir, fromSeq);
// The bench learns where SQLite is (a thread before this one may have committed more than it said).
port.postMessage({ ingested: fromSeq } satisfies FromThread);
/** The last entry the bench says is in the journal. */
let journaled = fromSeq;
/** Bytes journaled and not yet read: past DRAIN_BYTES the thread drains at once instead of waiting for its timer. */
let queuedBytes = 0;
const DRAIN_BYTES = 2 * 1024 * 1024;
/** A drain reads at most this much of the journal (after a stall or a restart, it goes on in more drains). */
const MAX_DRAIN_BYTES = 8 * 1024 * 1024;
const behind = (): boolean => journaled > tail.lastSeq;
/** The last drain stopped at MAX_DRAIN_BYTES (a restart, the end of a stall): the next follows at once. */
let readToBound = false;
let timer: NodeJS.Timeout | null = null;
let immediate = false;
let stalled: string | null = null;
let retryMs = 250;
let indexing = false;
let closed = false;

/** What the writer did in the last second: when each piece of work ended and how long it took (ms). */
const recentDrains: Array<[number, number]> = [];
const recentIndexSteps: Array<[number, number]> = [];
/** Forgets the work that ended more than a second before `now` (so a list holds at most a second of it). */
function forgetOld(work: Array<[number, number]>, now: number): void {
  while (work.length && work[0]![0] < now - 1000) work.shift();
}
/** Notes one piece of work that ended at `ended` and took `ms`. */
function noteWork(work: Array<[number, number]>, ended: number, ms: number): void {
  forgetOld(work, ended);
  work.push([ended, ms]);
}
/** The share of the last second spent on one kind of work. */
function shareOf(work: Array<[number, number]>, now: number): number {
  forgetOld(work, now);
  return work.reduce((n, [, ms]) => n + ms, 0) / 1000;
}
/**
 * While chargers keep the writer draining (more than QUIET_SHARE of the last second), the index gets
 * only what keeps the writer as a whole (drains and index steps) under WRITER_SHARE of a core: under full
 * load that is nothing, so the index falls behind and the answers do not wait for it; under a fleet's
 * steady load it keeps up (10,000 chargers send about 1,000 frames/s; it kept up with 16,000). With
 * nothing to drain it runs freely. Whatever this thread does slows the protocol on a small machine: with
 * one charger sending as fast as it is answered, each share of a core it takes costs the answers.
 */
const QUIET_SHARE = 0.02;
const WRITER_SHARE = 0.1;

/** Runs one step of the search index, and the next one after whatever waits (a drain goes first). */
function indexStep(): void {
  indexing = false;
  if (closed || stalled || immediate) return;
  // Under heavy load the index falls behind (a search scans what it does not hold yet) and catches up
  // once the writer has time.
  const now = performance.now();
  const draining = shareOf(recentDrains, now);
  if (draining > QUIET_SHARE && draining + shareOf(recentIndexSteps, now) > WRITER_SHARE) {
    indexing = true;
    setTimeout(indexStep, 250).unref();
    return;
  }
  try {
    const more = searchIndex.step(INDEX_STEP_ROWS);
    const ended = performance.now();
    noteWork(recentIndexSteps, ended, ended - now);
    if (more) indexSoon();
  } catch (e) {
    // Tried again after the next drain; meanwhile a search scans the frames the index does not hold.
    if (!isStorage(e)) console.error(`chargebench: the search index could not be updated: ${(e as Error).message}`);
  }
}

function indexSoon(): void {
  if (indexing || closed) return;
  indexing = true;
  setImmediate(indexStep);
}

/** SQLite failed: nothing of the batch is kept as ingested; the journal is read from the same place again. */
function stall(e: { code?: string; message: string }): void {
  clearChunks();
  const code = e.code ?? 'SQLITE_IOERR';
  if (stalled !== code) {
    stalled = code;
    post({ stalled: e.message, code });
  }
  timer = setTimeout(drain, retryMs);
  retryMs = Math.min(retryMs * 2, 5000);
}

function drain(): void {
  if (timer) clearTimeout(timer);
  timer = null;
  immediate = false;
  if (closed) return;
  if (!behind()) return indexSoon();
  const began = performance.now();
  const upTo = journaled;
  let read: Read;
  try {
    read = ingest(upTo);
  } catch (e) {
    clearChunks();
    // The journal cannot be read now (e.g. too many open files), or SQLite failed: tried again later.
    if (isStorage(e)) return stall(e as Error);
    const errors: string[] = [];
    try {
      read = ingestRows(upTo, errors);
    } catch (e2) {
      clearChunks();
      return stall(isStorage(e2) ? (e2 as Error) : Object.assign(e2 as Error, { code: 'SQLITE_IOERR' }));
    }
    taken(read);
    post({ ingested: read.end.lastSeq, error: errors.join('; ') || String(e), lost: lostOf(read) });
    return resumed();
  }
  const { end } = read;
  const lost = lostOf(read);
  taken(read);
  post({ ingested: end.lastSeq, lost });
  const ended = performance.now();
  noteWork(recentDrains, ended, ended - began);
  resumed();
}

/** Entries said to be in the journal and found in no segment, in words (or undefined). */
function lostOf(read: Read): string | undefined {
  if (!read.missing) return undefined;
  return `journal entries ${read.lastRead + 1} to ${read.end.lastSeq} could not be read (a segment was deleted or damaged outside the bench); what they held is not in the record`;
}

/** What a drain read is in SQLite: the journal is read on from after it. */
function taken({ end, full }: Read): void {
  tail.commit(end);
  readToBound = full;
  // What is left unread is at most what was said since; an estimate is enough to pace the drains.
  if (!behind()) queuedBytes = 0;
}

/** Once the load stops, the page cache's memory goes back (SQLite frees it; the bench's RSS comes down). */
let idleTimer: NodeJS.Timeout | null = null;
function shrinkWhenIdle(): void {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    idleTimer = null;
    if (!behind() && !stalled) {
      db.pragma('shrink_memory');
      collectGarbage();
    }
  }, 2000);
  idleTimer.unref();
}

function resumed(): void {
  retryMs = 250;
  shrinkWhenIdle();
  if (stalled) {
    stalled = null;
    post({ resumed: true });
  }
  if (behind() && !timer && !immediate) {
    if (queuedBytes >= DRAIN_BYTES || readToBound) drainSoon();
    else timer = setTimeout(drain, data.drainMs);
  }
  indexSoon();
}

function drainSoon(): void {
  if (immediate) return;
  immediate = true;
  setImmediate(drain);
}

port.on('message', (m: ToThread) => {
  if ('close' in m) {
    if (idleTimer) clearTimeout(idleTimer);
    // Everything said, a bounded drain at a time, unless SQLite fails.
    let before = -1;
    while (!stalled && behind() && tail.lastSeq !== before) {
      before = tail.lastSeq;
      drain();
    }
    closed = true;
    db.close();
    post({ closed: true, pending: behind() ? journaled - tail.lastSeq : 0 });
    return;
  }
  if ('journaled' in m) {
    journaled = Math.max(journaled, m.journaled);
    queuedBytes += m.bytes;
  }
  if (stalled) return; // the retry timer is set
  // Under load (much queued) a drain follows the last at once: a bounded transaction, a bounded queue.
  if ('now' in m || queuedBytes >= DRAIN_BYTES) drainSoon();
  else if (!timer && !immediate) timer = setTimeout(drain, data.drainMs);
});
// Whatever the index does not hold yet (a record from before it, a killed process): from the start.
indexSoon();
