// The writer thread: ingests journal entries (their JSON text, writes named by statement) into SQLite in
// one transaction per drain, about once a second (a big transaction writes each page once for many
// rows), or at once when a reader waits for it.
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
const statements = new Map(Object.entries(data.statements).map(([name, sql]) => [name, db.prepare(sql)]));
// Recording yields to the protocol: on Linux this thread alone runs at a lower priority (nice 10).
try {
  setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), 10);
} catch {
  // not Linux, or not allowed: the same priority as the protocol
}
const setSeq = db.prepare('UPDATE journal_state SET ingested_seq = ? WHERE id = 1');
const addChunk = db.prepare('INSERT INTO chunks (kind, key, first_id, last_id, rows) VALUES (?, ?, ?, ?, ?)');
/** Sparse-index ranges of this drain, by kind and key: [kind, key, first id, last id, rows]. */
const chunks = new Map<string, [string, string, number, number, number]>();
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
  const name = statementOf(ref);
  const stmt = statements.get(name);
  if (!stmt) throw new Error(`no statement "${String(ref)}" in this version`);
  const r = stmt.run(params);
  const specs = data.chunkers[name];
  if (!specs) return;
  const id = Number(r.lastInsertRowid);
  for (const [kind, at] of specs) {
    let key = '';
    let skip = false;
    for (let i = 0; i < at.length; i++) {
      const v = params[at[i]];
      if (v === null || v === undefined) {
        skip = true;
        break;
      }
      key += (i ? '/' : '') + String(v);
    }
    if (skip) continue;
    const k = `${kind}\u0000${key}`;
    const c = chunks.get(k);
    if (c) {
      c[3] = id;
      c[4]++;
    } else chunks.set(k, [kind, key, id, id, 1]);
  }
}

function endDrain(seq: number): void {
  for (const c of chunks.values()) addChunk.run(c);
  chunks.clear();
  setSeq.run(seq);
}

interface Entry {
  seq: number;
  text: string;
}

const ingest = db.transaction((batch: Entry[]) => {
  for (const m of batch) {
    const ops = JSON.parse(m.text) as unknown[];
    for (let i = 0; i < ops.length; i += 2) runOne(ops[i] as string | number, ops[i + 1] as unknown[]);
  }
  endDrain(batch[batch.length - 1].seq);
});

// Row by row, still in one transaction: a refused row is skipped (SQLite undoes only that statement);
// a storage failure is thrown on, and the whole transaction is undone.
const ingestRows = db.transaction((batch: Entry[], errors: string[]) => {
  for (const m of batch) {
    const ops = JSON.parse(m.text) as unknown[];
    for (let i = 0; i < ops.length; i += 2) {
      try {
        runOne(ops[i] as string | number, ops[i + 1] as unknown[]);
      } catch (e) {
        if (isStorage(e)) throw e;
        errors.push(`${statementOf(ops[i] as string | number)}: ${(e as Error).message}`);
      }
    }
  }
  endDrain(batch[batch.length - 1].seq);
});

let queue: Entry[] = [];
/** Text queued: past DRAIN_BYTES the thread drains at once instead of waiting for its timer. */
let queuedBytes = 0;
const DRAIN_BYTES = 2 * 1024 * 1024;
let timer: NodeJS.Timeout | null = null;
let immediate = false;
let stalled: string | null = null;
let retryMs = 250;
let indexing = false;
let closed = false;

/** What the writer did in the last second: when each piece of work ended and how long it took (ms). */
const recentDrains: Array<[number, number]> = [];
const recentIndexSteps: Array<[number, number]> = [];
/** The share of the last second spent on one kind of work. */
function shareOf(work: Array<[number, number]>, now: number): number {
  while (work.length && work[0]![0] < now - 1000) work.shift();
  return work.reduce((n, [, ms]) => n + ms, 0) / 1000;
}
/**
 * While chargers keep the writer draining (more than QUIET_SHARE of the last second), the index gets
 * only what keeps the writer as a whole (drains and index steps) under WRITER_SHARE of a core: under full
 * load that is next to nothing, so the index falls behind and the answers do not wait for it; under a
 * fleet's steady load (a few percent of draining) it keeps up. With nothing to drain it runs freely.
 */
const QUIET_SHARE = 0.02;
const WRITER_SHARE = 0.25;

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
    recentIndexSteps.push([ended, ended - now]);
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

function stall(batch: Entry[], e: { code?: string; message: string }): void {
  chunks.clear();
  queue = batch.concat(queue);
  queuedBytes = queue.reduce((n, e) => n + e.text.length, 0);
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
  if (queue.length === 0) return indexSoon();
  const batch = queue;
  queue = [];
  queuedBytes = 0;
  const last = batch[batch.length - 1].seq;
  const began = performance.now();
  try {
    ingest(batch);
  } catch (e) {
    chunks.clear();
    if (isStorage(e)) return stall(batch, e as Error);
    const errors: string[] = [];
    try {
      ingestRows(batch, errors);
    } catch (e2) {
      chunks.clear();
      return stall(batch, isStorage(e2) ? (e2 as Error) : Object.assign(e2 as Error, { code: 'SQLITE_IOERR' }));
    }
    post({ ingested: last, error: errors.join('; ') || String(e) });
    return resumed();
  }
  post({ ingested: last });
  const ended = performance.now();
  recentDrains.push([ended, ended - began]);
  resumed();
}

/** Once the load stops, the page cache's memory goes back (SQLite frees it; the bench's RSS comes down). */
let idleTimer: NodeJS.Timeout | null = null;
function shrinkWhenIdle(): void {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    idleTimer = null;
    if (queue.length === 0 && !stalled) {
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
  if (queue.length && !timer && !immediate) {
    if (queuedBytes >= DRAIN_BYTES) drainSoon();
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
    if (!stalled) drain();
    closed = true;
    db.close();
    post({ closed: true, pending: queue.length });
    return;
  }
  if ('entries' in m) {
    for (const e of m.entries) {
      queue.push(e);
      queuedBytes += e.text.length;
    }
  }
  if (stalled) return; // the retry timer is set
  // Under load (much queued) a drain follows the last at once: a bounded transaction, a bounded queue.
  if ('now' in m || queuedBytes >= DRAIN_BYTES) drainSoon();
  else if (!timer && !immediate) timer = setTimeout(drain, data.drainMs);
});
// Whatever the index does not hold yet (a record from before it, a killed process): from the start.
indexSoon();
