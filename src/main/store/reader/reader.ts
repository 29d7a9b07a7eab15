// The bench's side of the reader thread: each query is a message, answered by a promise. One worker,
// started with the record; restarted if it ever dies, the queries it held failing with why.
import { Worker } from 'node:worker_threads';
import type { FromReader, ReaderData, ReaderQueries, ReaderQuery, ToReader } from './protocol';
import { RECORD_THREAD_LIMITS } from '../../memory';

/** Smaller bytes are not worth handing back. */
const MIN_SPARE_BYTES = 64 * 1024;
/** How often the protocol's load is sampled for the reader thread's pacing. */
const LOAD_SAMPLE_MS = 100;

export class RecordReader {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private closed = false;
  /** How busy this thread's event loop is (ReaderData.protocolLoad), kept while the reader thread lives. */
  private readonly protocolLoad = new Int32Array(new SharedArrayBuffer(4));
  private loadSampler: NodeJS.Timeout | null = null;

  constructor(private readonly data: ReaderData) {}

  /** Samples this thread's event-loop utilization every LOAD_SAMPLE_MS into protocolLoad. */
  private sampleLoad(): void {
    if (this.loadSampler) return;
    let last = performance.eventLoopUtilization();
    this.loadSampler = setInterval(() => {
      const now = performance.eventLoopUtilization();
      Atomics.store(this.protocolLoad, 0, Math.round(performance.eventLoopUtilization(now, last).utilization * 1000));
      last = now;
    }, LOAD_SAMPLE_MS);
    this.loadSampler.unref();
  }

  private stopSampling(): void {
    if (this.loadSampler) clearInterval(this.loadSampler);
    this.loadSampler = null;
  }

  private start(): Worker {
    const worker = new Worker(threadEntry(), { workerData: { ...this.data, protocolLoad: this.protocolLoad }, resourceLimits: RECORD_THREAD_LIMITS });
    worker.unref();
    worker.on('message', (m: FromReader) => {
      if ('closed' in m) return;
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.value);
      else p.reject(new Error(m.error));
    });
    const gone = (why: string): void => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.stopSampling();
      for (const p of this.pending.values()) p.reject(new Error(`The record's reader thread stopped (${why}); try again`));
      this.pending.clear();
    };
    worker.on('error', (e) => gone(e.message));
    worker.on('exit', (code) => gone(`exit code ${code}`));
    this.sampleLoad();
    return worker;
  }

  /**
   * Starts the reader thread now rather than at the first query (about 0.2 s, and some 17 MB): for a face
   * whose user is about to read (a UI that has just opened), not for a headless run that may never read.
   */
  warm(): void {
    if (!this.closed) this.worker ??= this.start();
  }

  /** Whether the reader thread is running (it starts on the first query, or `warm`). */
  get running(): boolean {
    return this.worker !== null;
  }

  /** Runs a query on the reader thread. */
  query<Q extends ReaderQuery>(query: Q, args: ReaderQueries[Q]): Promise<unknown> {
    if (this.closed) return Promise.reject(new Error('The record is closed'));
    const worker = (this.worker ??= this.start());
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, query, args });
    });
  }

  /**
   * Hands back the memory of bytes this thread received from the reader thread (an export's batch, a page) once
   * they are written out: the thread fills it again instead of allocating, and this thread does not
   * count it as its own. (A stream of transferred buffers made this thread run a full garbage collection
   * about every half second while an export ran.) `bytes` must not be used afterwards.
   */
  giveBack(bytes: Uint8Array): void {
    const buffer = bytes.buffer;
    if (!this.worker || this.closed || !(buffer instanceof ArrayBuffer) || buffer.byteLength < MIN_SPARE_BYTES) return;
    this.worker.postMessage({ spare: buffer } satisfies ToReader, [buffer]);
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = null;
    this.stopSampling();
    if (!worker) return;
    await new Promise<void>((resolve) => {
      worker.once('exit', () => resolve());
      worker.on('message', (m: FromReader) => 'closed' in m && resolve());
      worker.postMessage({ close: true });
    });
    await worker.terminate();
    // What was still asked will not be answered: say so rather than leave an export hanging.
    for (const p of this.pending.values()) p.reject(new Error('The record is closed'));
    this.pending.clear();
  }
}

/**
 * The reader thread's entry: from source (tests, serve through tsx) the TypeScript module through a shim
 * that registers tsx in the worker; in the built app the bundle beside the main script.
 */
function threadEntry(): URL {
  const here = import.meta.url;
  return /\.ts$/.test(new URL(here).pathname) ? new URL('./thread-entry.mjs', here) : new URL('./reader-thread.js', here);
}
