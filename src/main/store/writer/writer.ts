// The group-commit writer: the writes of one turn of the event loop are appended to the journal in one
// write() before the answers that depend on them go out (a killed process loses nothing it answered:
// the bytes are in the OS), and a writer thread on the second core reads the journal into SQLite (it is
// told how far the journal goes, and reads the entries from the file).
//
// It never lets an answer out for a record it could not make durable: when the journal cannot be
// written (a full disk), the waiting answers are told so (`afterCommit(fn)` gets durable = false), the
// writes are kept in memory (bounded) and written when space returns, and the record reports one
// alarm, then one recovery. When SQLite stalls, the journal keeps everything and the thread retries; a
// writer thread that dies is started again and fed from the journal.
import { unlinkSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { JournalAppender, nodeIo, readJournal, type JournalEntry, type JournalIo } from '../journal';
import type { FromThread, ThreadData, ToThread } from './protocol';
import { Backlog } from './backlog';
import { collectGarbage, RECORD_THREAD_LIMITS, releaseFreedMemory } from '../../memory';

export interface WriterOptions {
  /** Path to a better_sqlite3.node built for the running runtime (the Electron app uses this). */
  nativeBinding?: string;
  /** 'NORMAL' survives a killed process; 'FULL' also survives power loss (fsync per batch), at some speed. */
  synchronous?: 'NORMAL' | 'FULL';
  /** Size at which a journal segment is closed and a new one begun (default 32 MiB). */
  journalSegmentBytes?: number;
  /** The journal's file operations (tests make them fail like a full disk). */
  journalIo?: JournalIo;
  /** How often a failed journal is tried again (default 1 s). */
  retryMs?: number;
  /** Bytes journaled but not yet in SQLite beyond which answers wait for the writer thread (default 8 MiB). */
  maxBacklogBytes?: number;
  /** Bytes journaled after which a quiet spell gives the burst's memory back (default 8 MiB). */
  burstBytes?: number;
}

/** What keeps the writer from recording, if anything. */
export type WriterProblem =
  | { kind: 'diskFull' | 'journalFailed'; error: string; since: string }
  | { kind: 'recordStalled'; error: string; code: string; since: string }
  | { kind: 'writerRestarting'; error: string; since: string };

/** Writes (×2: statement and parameters) after which a batch is flushed without waiting for the turn to end. */
const FLUSH_OPS = 256;
/** A journal segment this big is closed and a new one begun; a closed one is deleted once ingested. */
const JOURNAL_SEGMENT_BYTES = 32 * 1024 * 1024;
/** Writes kept in memory while the journal cannot be written; beyond this they are counted, not kept. */
const MAX_UNWRITTEN_BYTES = 16 * 1024 * 1024;
/** Journal not yet in SQLite beyond which, while SQLite is stalled, the bench stops taking new work. */
const MAX_STALLED_BACKLOG_BYTES = 256 * 1024 * 1024;
/**
 * Back-pressure: journal not yet in SQLite beyond which, while the writer thread is healthy but behind,
 * answers wait (they are durable already) until it has caught up below the bound. A charger sends its
 * next call once answered, so the load slows to what SQLite takes instead of the queue growing.
 */
export const MAX_BACKLOG_BYTES = 8 * 1024 * 1024;
/**
 * The writer thread is told how far the journal goes once this many bytes were appended since, or after
 * HANDOVER_MS: a message per entry would wake it for every answer (it drains once a second anyway).
 */
const HANDOVER_BYTES = 256 * 1024;
const HANDOVER_MS = 50;
/** Journaled bytes after which a quiet spell (IDLE_CHECK_MS × 2 without a write) ends in one full collection. */
const BURST_BYTES = 8 * 1024 * 1024;
const IDLE_CHECK_MS = 1000;

export class GroupCommitWriter {
  private worker: Worker | null = null;
  private journal: JournalAppender;
  private readonly io: JournalIo;
  /** Closed journal segments and the last sequence number each holds. */
  private closedSegments: Array<{ file: string; lastSeq: number }> = [];
  private ops: unknown[] = [];
  private callbacks: Array<(durable: boolean) => void> = [];
  private scheduled = false;
  private seq: number;
  private ingested: number;
  private waiters: Array<{ seq: number; resolve: () => void }> = [];
  private closed = false;
  /** Writes the journal refused, in order, waiting to be written when it works again. */
  private unwritten: unknown[] = [];
  private unwrittenBytes = 0;
  /** Writes dropped while the journal failed and the memory for them ran out. */
  private droppedWrites = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  /** Trouble by where it is: the journal (nothing can be made durable), SQLite, the thread. */
  private journalTrouble: WriterProblem | null = null;
  private sqliteTrouble: WriterProblem | null = null;
  private threadTrouble: WriterProblem | null = null;
  /** Bytes journaled per entry not yet in SQLite (back-pressure, the stalled bound). */
  private readonly backlog = new Backlog();
  /** Answers held back while the backlog is over its bound (back-pressure), released as it is ingested. */
  private held: Array<(durable: boolean) => void> = [];
  private readonly maxBacklogBytes: number;
  private restarts = 0;
  /** Bytes journaled since the writer thread was last told how far the journal goes. */
  private outboxBytes = 0;
  private outboxTimer: NodeJS.Timeout | null = null;
  /** Bytes journaled since the last collection, and the sequence number seen at the last idle check. */
  private burstBytes = 0;
  private idleSeq = 0;
  private readonly idleTimer: NodeJS.Timeout;
  /** Found when the journal was read at start: damage, gaps. */
  readonly notices: string[];
  /** Journal entries a killed process left (read once at start; see maxLeftover). */
  private leftover: JournalEntry[];
  /** Inside together(): slices are not cut. */
  private holding = 0;
  /** Writes were dropped (the journal failed and the memory kept for them ran out): what was written since is incomplete. */
  onWritesDropped: () => void = () => {};
  /** Run just before a batch is written: a chance to add coalesced writes (e.g. last-seen times). */
  beforeBatch: (() => void) | null = null;
  /** Rows SQLite refused (logged); the rest of their batch is kept. */
  onRowError: (message: string) => void = (m) => console.error(`chargebench: a record SQLite refused was skipped: ${m}`);
  /** The writer's trouble began (a problem) or ended (null): once each, never per batch. */
  onProblem: (problem: WriterProblem | null, recovered?: { droppedWrites: number }) => void = () => {};

  /**
   * `chunkers` names, per statement index, the sparse-index keys its rows get: [kind, parameter
   * indexes that make the key]. Journal entries a killed process left behind are handed to the writer
   * thread first: await `settled()` before reading.
   */
  constructor(
    private readonly databaseFile: string,
    private readonly dataDir: string,
    ingestedSeq: number,
    private readonly statements: Record<string, string>,
    private readonly chunkers: Record<string, Array<[string, number[]]>>,
    private readonly options: WriterOptions = {},
    /** Writes an older journal names by position. */
    private readonly legacyOrder: string[] = [],
  ) {
    this.io = options.journalIo ?? nodeIo;
    this.maxBacklogBytes = options.maxBacklogBytes ?? MAX_BACKLOG_BYTES;
    this.seq = this.ingested = ingestedSeq;
    const reading = readJournal(dataDir, ingestedSeq);
    this.notices = reading.notices;
    this.leftover = reading.entries;
    const lastSeq = reading.entries.length ? reading.entries[reading.entries.length - 1].seq : ingestedSeq;
    this.seq = lastSeq;
    this.journal = new JournalAppender(dataDir, lastSeq + 1, this.io, options.journalSegmentBytes ?? JOURNAL_SEGMENT_BYTES, options.synchronous === 'FULL', (file, last) =>
      this.closedSegments.push({ file, lastSeq: last }),
    );
    this.closedSegments = reading.segments.filter((s) => s.file !== this.journal.file).map((s) => ({ file: s.file, lastSeq: s.lastSeq || ingestedSeq }));
    this.startWorker();
    this.idleSeq = this.seq;
    this.idleTimer = setInterval(() => this.releaseWhenQuiet(), IDLE_CHECK_MS);
    this.idleTimer.unref();
  }

  /**
   * After a burst of load, once nothing has been written for a second or two, one full collection of
   * this thread's heap, then the allocator's free pages to the system: the memory the burst's garbage
   * took goes back instead of lingering (at 500 chargers, about 45 MB of the protocol thread's arena).
   */
  private releaseWhenQuiet(): void {
    if (this.seq !== this.idleSeq) {
      this.idleSeq = this.seq;
      return;
    }
    if (this.burstBytes < (this.options.burstBytes ?? BURST_BYTES)) return;
    this.burstBytes = 0;
    collectGarbage();
    // V8 frees the collected buffers' memory on a helper thread, just after: then the allocator's free pages go back.
    setTimeout(releaseFreedMemory, 200).unref();
  }

  /** The highest value of one parameter of one write among the journal entries left at start (e.g. transaction ids). */
  maxLeftover(statement: string, param: number): number {
    let max = 0;
    const legacy = this.legacyOrder.indexOf(statement);
    for (const e of this.leftover) {
      const ops = JSON.parse(e.text) as unknown[];
      for (let i = 0; i < ops.length; i += 2) {
        const v = ops[i] === statement || ops[i] === legacy ? (ops[i + 1] as unknown[])[param] : undefined;
        if (typeof v === 'number' && v > max) max = v;
      }
    }
    return max;
  }

  /** Forgets the start-up entries once the record has read what it needs of them. */
  dropLeftover(): void {
    this.leftover = [];
  }

  /** Whether new work may be taken: false while the journal fails or SQLite has stalled with a large back-log. */
  get writable(): boolean {
    if (this.journalTrouble) return false;
    return !(this.sqliteTrouble || this.threadTrouble) || this.backlog.bytes < MAX_STALLED_BACKLOG_BYTES;
  }

  get currentProblem(): WriterProblem | null {
    return this.journalTrouble ?? this.sqliteTrouble ?? this.threadTrouble;
  }

  /** Bytes journaled but not yet in SQLite, and answers waiting for them to go down (back-pressure). */
  get pressure(): { backlogBytes: number; heldAnswers: number } {
    return { backlogBytes: this.backlog.bytes, heldAnswers: this.held.length };
  }

  /** Queues one write, by name, with its parameters for the next batch. */
  write(statement: string, params: unknown[]): void {
    this.ops.push(statement, params);
    // Under load, flush in slices rather than once per turn of the event loop: the answers then leave
    // while the rest of the turn is still being read, and the chargers' side works in parallel.
    if (this.ops.length >= FLUSH_OPS && !this.holding) this.flush();
    else this.schedule();
  }

  /**
   * Runs `fn`, whose writes go into one journal entry, however many: a process killed meanwhile leaves
   * all of them in the record or none (a slice is not cut in the middle of them).
   */
  together(fn: () => void): void {
    this.holding++;
    try {
      fn();
    } finally {
      this.holding--;
    }
    if (!this.holding && this.ops.length >= FLUSH_OPS) this.flush();
  }

  /** Runs `fn` once everything queued so far is durable (in the journal), or could not be made so (false). */
  afterCommit(fn: (durable: boolean) => void): void {
    this.callbacks.push(fn);
    this.schedule();
  }

  /**
   * Resolves once everything queued so far is in SQLite (reads after it see it). While the writer is in
   * trouble it resolves at once: reads go on with what SQLite has.
   */
  settled(): Promise<void> {
    if (this.ops.length) this.flush();
    if (this.seq <= this.ingested || this.currentProblem !== null || !this.worker) return Promise.resolve();
    const seq = this.seq;
    this.tell({ now: true });
    return new Promise((resolve) => this.waiters.push({ seq, resolve }));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.settled();
    // Once more for what is left unwritten: a last chance to keep it.
    if (this.unwritten.length) this.retryUnwritten();
    this.closed = true;
    clearInterval(this.idleTimer);
    this.releaseHeld();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const worker = this.worker;
    let pending = 1;
    if (worker) {
      pending = await new Promise<number>((resolve) => {
        worker.on('message', (m: FromThread) => 'closed' in m && resolve(m.pending));
        worker.on('exit', () => resolve(1));
        this.tell({ close: true });
      });
      await worker.terminate();
    }
    this.journal.close();
    // Everything is in SQLite now: the journal can go. Otherwise it stays, for the next start.
    if (pending === 0 && this.seq <= this.ingested) {
      for (const s of this.closedSegments) tryUnlink(s.file);
      tryUnlink(this.journal.file);
    }
  }

  /** A writer thread that reads the journal from the entry after the last one SQLite holds. */
  private startWorker(): void {
    const data: ThreadData = {
      file: this.databaseFile,
      statements: this.statements,
      legacyOrder: this.legacyOrder,
      chunkers: this.chunkers,
      nativeBinding: this.options.nativeBinding,
      synchronous: this.options.synchronous ?? 'NORMAL',
      drainMs: 1000,
      dataDir: this.dataDir,
    };
    const worker = new Worker(threadEntry(), { workerData: data, resourceLimits: RECORD_THREAD_LIMITS });
    this.worker = worker;
    this.dropOutbox();
    // What a killed process (or the thread before this one) left is in the journal: read at once.
    if (this.seq > this.ingested) {
      worker.postMessage({ journaled: this.seq, bytes: 0 } satisfies ToThread);
      worker.postMessage({ now: true } satisfies ToThread);
    }
    worker.on('message', (m: FromThread) => {
      if (this.worker !== worker) return;
      if ('stalled' in m) return this.onStalled(m.stalled, m.code);
      if ('resumed' in m) return this.trouble(() => (this.sqliteTrouble = null));
      if ('ingested' in m) this.onIngested(m.ingested, m.error, m.lost);
    });
    worker.on('error', (e) => {
      if (this.worker === worker) console.error(`chargebench: the writer thread failed: ${e.message}`);
    });
    worker.on('exit', (code) => {
      if (this.closed || this.worker !== worker) return;
      this.worker = null;
      this.dropOutbox();
      this.trouble(
        () => (this.threadTrouble = { kind: 'writerRestarting', error: `the writer thread stopped (exit code ${code}); it is being started again from the journal`, since: new Date().toISOString() }),
      );
      // Readers stop waiting; they see what SQLite has.
      for (const w of this.waiters.splice(0)) w.resolve();
      this.restarts++;
      const delay = Math.min(1000 * 2 ** Math.min(this.restarts - 1, 5), 30_000);
      setTimeout(() => this.restartWorker(), delay).unref();
    });
  }

  /** A new writer thread, to read every journal entry SQLite does not have yet. */
  private restartWorker(): void {
    if (this.closed || this.worker) return;
    this.startWorker();
    // A stall it had is forgotten with it; the new thread says again if it meets one.
    this.trouble(() => {
      this.threadTrouble = null;
      this.sqliteTrouble = null;
    });
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
    let durable = true;
    if (this.ops.length) {
      const ops = this.ops;
      this.ops = [];
      if (this.journalTrouble) {
        // Until the retry finds the journal working again, nothing more is tried (no hammering a full disk).
        this.keepUnwritten(ops);
        durable = false;
      } else {
        durable = this.append(ops);
        if (!durable) this.keepUnwritten(ops);
      }
    }
    const callbacks = this.callbacks;
    this.callbacks = [];
    // Back-pressure: the writer thread is healthy but behind; what it answers waits (in order) for it.
    if (durable && (this.held.length || this.behind())) {
      for (const fn of callbacks) this.held.push(fn);
      if (this.held.length === callbacks.length) this.tell({ now: true });
      return;
    }
    for (const fn of callbacks) fn(durable);
  }

  /** Whether the healthy writer thread has more than its bound to catch up on. */
  private behind(): boolean {
    return this.backlog.bytes > this.maxBacklogBytes && this.currentProblem === null && this.worker !== null;
  }

  /** Sends the answers held back by back-pressure (they are durable: in the journal). */
  private releaseHeld(): void {
    const held = this.held;
    this.held = [];
    for (const fn of held) fn(true);
  }

  /** One journal entry; false (and the alarm raised) when the journal refused it. */
  private append(ops: unknown[]): boolean {
    const seq = this.seq + 1;
    const text = JSON.stringify(ops);
    try {
      this.journal.append(seq, text);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      const full = err.code === 'ENOSPC' || err.code === 'EDQUOT';
      if (!this.journalTrouble) this.trouble(() => (this.journalTrouble = { kind: full ? 'diskFull' : 'journalFailed', error: err.message, since: new Date().toISOString() }));
      this.armRetry();
      return false;
    }
    this.seq = seq;
    this.backlog.added(seq, text.length);
    this.burstBytes += text.length;
    if (this.worker) this.handOver(text.length);
    return true;
  }

  /** Tells the writer thread how far the journal goes once enough has gathered, or soon. */
  private handOver(bytes: number): void {
    this.outboxBytes += bytes;
    if (this.outboxBytes >= HANDOVER_BYTES) this.postOutbox();
    else this.outboxTimer ??= setTimeout(() => this.postOutbox(), HANDOVER_MS);
  }

  private postOutbox(): void {
    if (this.outboxTimer) clearTimeout(this.outboxTimer);
    this.outboxTimer = null;
    if (!this.outboxBytes) return;
    const bytes = this.outboxBytes;
    this.outboxBytes = 0;
    this.worker?.postMessage({ journaled: this.seq, bytes } satisfies ToThread);
  }

  /** Forgets what the thread was not told (a new thread reads the journal from what SQLite holds). */
  private dropOutbox(): void {
    if (this.outboxTimer) clearTimeout(this.outboxTimer);
    this.outboxTimer = null;
    this.outboxBytes = 0;
  }

  /** Tells the writer thread to drain now or to close, after everything journaled so far. */
  private tell(m: ToThread): void {
    this.postOutbox();
    this.worker?.postMessage(m);
  }

  private keepUnwritten(ops: unknown[]): void {
    const bytes = JSON.stringify(ops).length;
    if (this.unwrittenBytes + bytes > MAX_UNWRITTEN_BYTES) {
      this.droppedWrites += ops.length / 2;
      this.onWritesDropped();
      return;
    }
    this.unwritten.push(...ops);
    this.unwrittenBytes += bytes;
  }

  private armRetry(): void {
    if (this.retryTimer || this.closed) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.retryUnwritten();
    }, this.options.retryMs ?? 1000);
    this.retryTimer.unref();
  }

  /** Tries the journal again with what it refused; on success its alarm ends. */
  private retryUnwritten(): void {
    const ops = this.unwritten;
    if (ops.length && !this.append(ops)) return;
    this.unwritten = [];
    this.unwrittenBytes = 0;
    const dropped = this.droppedWrites;
    this.droppedWrites = 0;
    if (this.journalTrouble) this.trouble(() => (this.journalTrouble = null), dropped);
  }

  private onStalled(error: string, code: string): void {
    const since = new Date().toISOString();
    this.trouble(() => (this.sqliteTrouble = code === 'SQLITE_FULL' ? { kind: 'diskFull', error, since } : { kind: 'recordStalled', error, code, since }));
    for (const w of this.waiters.splice(0)) w.resolve();
  }

  /** Changes the trouble flags in `change`; tells onProblem only when what is reported changes. */
  private trouble(change: () => void, droppedWrites = 0): void {
    const before = this.currentProblem;
    change();
    const after = this.currentProblem;
    // In trouble, the rules for trouble apply (a stalled SQLite is covered by the journal), not back-pressure.
    if (after !== null) this.releaseHeld();
    if (before === after || (before && after && before.kind === after.kind)) return;
    this.onProblem(after, after === null ? { droppedWrites } : undefined);
  }

  private onIngested(seq: number, error?: string, lost?: string): void {
    if (error) this.onRowError(error);
    if (lost) console.error(`chargebench: ${lost}`);
    if (seq < this.ingested) return;
    this.ingested = seq;
    this.backlog.ingested(seq);
    if (this.held.length && !this.behind()) this.releaseHeld();
    if (this.waiters.length) {
      const due = this.waiters.filter((w) => w.seq <= seq);
      this.waiters = this.waiters.filter((w) => w.seq > seq);
      for (const w of due) w.resolve();
    }
    // Segments whose every entry is in SQLite are no longer needed.
    while (this.closedSegments.length && this.closedSegments[0].lastSeq <= seq) tryUnlink(this.closedSegments.shift()!.file);
  }
}

function tryUnlink(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}

/**
 * The writer thread's entry: from source (tests, serve through tsx) the TypeScript module through a shim
 * that registers tsx in the worker; in the built app the bundle beside the main script.
 */
function threadEntry(): URL {
  const here = import.meta.url;
  return /\.ts$/.test(new URL(here).pathname) ? new URL('./thread-entry.mjs', here) : new URL('./writer-thread.js', here);
}
