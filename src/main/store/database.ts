// The bench's SQLite record: one database per data directory, WAL, versioned migrations, and the
// group-commit writer in front of it.
//
// Durability without slowing the protocol: the writes of one turn of the event loop are appended to
// a journal file in one write() before the answers that depend on them go out (so a killed process
// loses nothing it answered: the bytes are in the OS), and a writer thread on the second core ingests
// the journal into SQLite in large transactions. At start-up, journal entries not yet in SQLite are
// replayed.
import Database from 'better-sqlite3';
import { closeSync, fdatasyncSync, mkdirSync, openSync, readdirSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { migrations } from './migrations';

export interface OpenOptions {
  /** Path to a better_sqlite3.node built for the running runtime (the Electron app uses this). */
  nativeBinding?: string;
  /** 'NORMAL' survives a killed process; 'FULL' also survives power loss (fsync per batch), at some speed. */
  synchronous?: 'NORMAL' | 'FULL';
  /** Size at which a journal segment is closed and a new one begun (default 32 MiB). */
  journalSegmentBytes?: number;
}

export type Db = Database.Database;

export const databaseFile = (dataDir: string): string => join(dataDir, 'chargebench.sqlite');
/** Journal segments are named by the first sequence number they may hold. */
const journalSegment = (dataDir: string, firstSeq: number): string => join(dataDir, `chargebench-${String(firstSeq).padStart(12, '0')}.journal`);
const journalSegments = (dataDir: string): string[] =>
  readdirSync(dataDir).filter((f) => /^chargebench-\d+\.journal$/.test(f)).sort().map((f) => join(dataDir, f));

export function openDatabase(dataDir: string, options: OpenOptions = {}): Db {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(databaseFile(dataDir), options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function migrate(db: Db): void {
  const current = schemaVersion(db);
  if (current > migrations.length) {
    throw new Error(`This record was written by a newer ChargeBench (schema ${current}; this version knows ${migrations.length}). Update ChargeBench or use another --data-dir.`);
  }
  for (let v = current; v < migrations.length; v++) {
    db.transaction(() => {
      db.exec(migrations[v]);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}

/** A journal line: `<seq>\t<JSON array [statementIndex, params, statementIndex, params, ...]>`. */
function readJournal(file: string): Array<{ seq: number; text: string }> {
  const entries: Array<{ seq: number; text: string }> = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const text = line.slice(tab + 1);
    try {
      JSON.parse(text);
    } catch {
      continue; // a torn last line: written as the process died, so nothing was answered on it
    }
    entries.push({ seq: Number(line.slice(0, tab)), text });
  }
  return entries;
}

// The writer thread: plain CommonJS run with `eval`, so it works the same under tsx, vitest and the
// bundled Electron main process. It ingests journal entries (sent as their JSON text) in one
// transaction per drain. It drains about once a second (a big transaction writes each page once for
// many rows), or at once when a reader waits for it. Should a transaction fail, the
// entries are replayed statement by statement so only the offending row is lost, never its neighbours.
// The high-volume logs (messages, meter values) have no per-row index by charger or transaction: at
// hundreds of chargers such an index costs as much as the rest of the row, a random page per row.
// Instead each drain records, per key, the id range its rows fall in (the `chunks` table), which finds
// a charger's frames or a transaction's meter values just as fast.
const writerThread = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.modulePath);
const db = new Database(workerData.file, workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {});
db.pragma('journal_mode = WAL');
db.pragma('synchronous = ' + workerData.synchronous);
db.pragma('busy_timeout = 5000');
db.pragma('cache_size = -65536');
db.pragma('journal_size_limit = 67108864');
const stmts = workerData.statements.map((sql) => db.prepare(sql));
// Recording yields to the protocol: on Linux this thread alone runs at a lower priority (nice 10).
try { require('node:os').setPriority(Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop()), 10); } catch {}
const setSeq = db.prepare('UPDATE journal_state SET ingested_seq = ? WHERE id = 1');
const addChunk = db.prepare('INSERT INTO chunks (kind, key, first_id, last_id, rows) VALUES (?, ?, ?, ?, ?)');
const chunkers = workerData.chunkers; // statement index -> [[kind, [param indexes]], ...]
const chunks = new Map();
function runOne(index, params) {
  const r = stmts[index].run(params);
  const specs = chunkers[index];
  if (!specs) return;
  const id = Number(r.lastInsertRowid);
  for (const [kind, at] of specs) {
    let key = '';
    for (let i = 0; i < at.length; i++) { const v = params[at[i]]; if (v === null || v === undefined) { key = null; break; } key += (i ? '/' : '') + v; }
    if (key === null) continue;
    const k = kind + '\u0000' + key;
    const c = chunks.get(k);
    if (c) { c[3] = id; c[4]++; } else chunks.set(k, [kind, key, id, id, 1]);
  }
}
function endDrain(seq) {
  for (const c of chunks.values()) addChunk.run(c);
  chunks.clear();
  setSeq.run(seq);
}
const runOps = (ops) => { for (let i = 0; i < ops.length; i += 2) runOne(ops[i], ops[i + 1]); };
const ingest = db.transaction((batch) => { for (const m of batch) runOps(JSON.parse(m.text)); endDrain(batch[batch.length - 1].seq); });
let queue = [];
let timer = null;
let immediate = false;
function drain() {
  if (timer) { clearTimeout(timer); timer = null; }
  immediate = false;
  if (queue.length === 0) return;
  const batch = queue;
  queue = [];
  const last = batch[batch.length - 1].seq;
  try {
    ingest(batch);
    parentPort.postMessage({ ingested: last });
  } catch (e) {
    chunks.clear();
    const errors = [];
    for (const m of batch) {
      const ops = JSON.parse(m.text);
      for (let i = 0; i < ops.length; i += 2) {
        try { runOne(ops[i], ops[i + 1]); } catch (e2) { errors.push(workerData.statements[ops[i]].slice(0, 40) + ': ' + e2.message); }
      }
    }
    endDrain(last);
    parentPort.postMessage({ ingested: last, error: errors.join('; ') || String(e) });
  }
}
parentPort.on('message', (m) => {
  if (m.close) { drain(); db.close(); parentPort.postMessage({ closed: true }); return; }
  if (m.text !== undefined) queue.push(m);
  if (m.now) { if (!immediate) { immediate = true; setImmediate(drain); } }
  else if (!timer && !immediate) timer = setTimeout(drain, workerData.drainMs);
});
`;

/** Writes (×2: statement and parameters) after which a batch is flushed without waiting for the turn to end. */
const FLUSH_OPS = 256;

/** A journal segment this big is closed and a new one begun; a closed one is deleted once ingested. */
const JOURNAL_SEGMENT_BYTES = 32 * 1024 * 1024;

export class GroupCommitWriter {
  private readonly worker: Worker;
  private fd: number;
  /** Closed journal segments and the last sequence number each holds. */
  private closedSegments: Array<{ file: string; lastSeq: number }> = [];
  private ops: unknown[] = [];
  private callbacks: Array<() => void> = [];
  private scheduled = false;
  private seq: number;
  private ingested: number;
  private journalBytes = 0;
  private waiters: Array<{ seq: number; resolve: () => void }> = [];
  private closed = false;
  private readonly dataDir: string;
  /** The first sequence number of the journal segment being written. */
  private currentFirst: number;
  /** Run just before a batch is written: a chance to add coalesced writes (e.g. last-seen times). */
  beforeBatch: (() => void) | null = null;
  onError: (message: string) => void = (m) => console.error(`chargebench: writing the record failed: ${m}`);

  /**
   * `chunkers` names, per statement index, the sparse-index keys its rows get: [kind, parameter
   * indexes that make the key]. Journal entries a killed process left behind are handed to the writer
   * thread first: await `settled()` before reading.
   */
  constructor(
    db: Db,
    dataDir: string,
    statements: string[],
    chunkers: Record<number, Array<[string, number[]]>>,
    private readonly options: OpenOptions = {},
  ) {
    this.seq = this.ingested = (db.prepare('SELECT ingested_seq AS s FROM journal_state WHERE id = 1').get() as { s: number }).s;
    const leftover: Array<{ seq: number; text: string }> = [];
    for (const file of journalSegments(dataDir)) {
      const entries = readJournal(file);
      leftover.push(...entries.filter((e) => e.seq > this.ingested));
      this.closedSegments.push({ file, lastSeq: entries.length ? entries[entries.length - 1].seq : 0 });
    }
    const lastSeq = leftover.length ? leftover[leftover.length - 1].seq : this.ingested;
    this.currentFirst = lastSeq + 1;
    const current = journalSegment(dataDir, this.currentFirst);
    this.closedSegments = this.closedSegments.filter((c) => c.file !== current);
    this.fd = openSync(current, 'a');
    const modulePath = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(writerThread, {
      eval: true,
      workerData: { file: databaseFile(dataDir), statements, chunkers, modulePath, nativeBinding: options.nativeBinding, synchronous: options.synchronous ?? 'NORMAL', drainMs: 1000 },
    });
    for (const e of leftover) {
      this.worker.postMessage(e);
      this.seq = e.seq;
    }
    this.worker.on('exit', (code) => {
      if (this.closed) return;
      this.onError(`writer thread exited (${code}); frames are still journaled and go into the record at the next start`);
      // Nothing will be ingested any more: let readers go on with what is there.
      this.ingested = Number.MAX_SAFE_INTEGER;
      for (const w of this.waiters.splice(0)) w.resolve();
    });
    this.dataDir = dataDir;
    this.worker.on('message', (m: { ingested?: number; error?: string }) => {
      if (m.ingested !== undefined) this.onIngested(m.ingested, m.error);
    });
    this.worker.on('error', (e) => this.onError(`writer thread crashed: ${e.message}`));
  }

  /** Queues one statement with its parameters for the next batch. */
  write(statement: number, params: unknown[]): void {
    this.ops.push(statement, params);
    // Under load, flush in slices rather than once per turn of the event loop: the answers then leave
    // while the rest of the turn is still being read, and the chargers' side works in parallel.
    if (this.ops.length >= FLUSH_OPS) this.flush();
    else this.schedule();
  }

  /** Runs `fn` once everything queued so far is durable (in the journal). */
  afterCommit(fn: () => void): void {
    this.callbacks.push(fn);
    this.schedule();
  }

  /** Resolves once everything queued so far is in SQLite (reads after it see it). */
  settled(): Promise<void> {
    if (this.ops.length) this.flush();
    if (this.seq <= this.ingested) return Promise.resolve();
    const seq = this.seq;
    this.worker.postMessage({ now: true });
    return new Promise((resolve) => this.waiters.push({ seq, resolve }));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.settled();
    this.closed = true;
    await new Promise<void>((resolve) => {
      this.worker.on('message', (m: { closed?: boolean }) => m.closed && resolve());
      this.worker.postMessage({ close: true });
    });
    await this.worker.terminate();
    // Everything is in SQLite now: the journal can go.
    closeSync(this.fd);
    for (const file of journalSegments(this.dataDir)) unlinkSync(file);
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  /** Writes the queued batch to the journal in one write(), hands it to the writer thread, and releases what waited on it. */
  flush(): void {
    this.scheduled = false;
    if (this.closed) return;
    this.beforeBatch?.();
    if (this.ops.length) {
      const seq = ++this.seq;
      const text = JSON.stringify(this.ops);
      this.ops = [];
      const line = `${seq}\t${text}\n`;
      try {
        this.journalBytes += writeSync(this.fd, line);
        if (this.options.synchronous === 'FULL') fdatasyncSync(this.fd);
        if (this.journalBytes > (this.options.journalSegmentBytes ?? JOURNAL_SEGMENT_BYTES)) this.nextSegment();
      } catch (e) {
        this.onError(`the journal could not be written (${(e as Error).message}); the writer thread still records this batch`);
      }
      this.worker.postMessage({ seq, text });
    }
    const callbacks = this.callbacks;
    this.callbacks = [];
    for (const fn of callbacks) fn();
  }

  private onIngested(seq: number, error?: string): void {
    if (error) this.onError(error);
    this.ingested = seq;
    if (this.waiters.length) {
      const due = this.waiters.filter((w) => w.seq <= seq);
      this.waiters = this.waiters.filter((w) => w.seq > seq);
      for (const w of due) w.resolve();
    }
    // Segments whose every entry is in SQLite are no longer needed.
    while (this.closedSegments.length && this.closedSegments[0].lastSeq <= seq) unlinkSync(this.closedSegments.shift()!.file);
  }

  private nextSegment(): void {
    closeSync(this.fd);
    this.closedSegments.push({ file: journalSegment(this.dataDir, this.currentFirst), lastSeq: this.seq });
    this.currentFirst = this.seq + 1;
    this.fd = openSync(journalSegment(this.dataDir, this.currentFirst), 'a');
    this.journalBytes = 0;
  }
}
