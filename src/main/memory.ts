// What keeps the bench's memory bounded once a burst of load is over. V8 grows a thread's young
// generation to what the load needs (up to 3 × 16 MiB per thread by default) and keeps it; with the
// protocol thread and two record threads that alone was ~100 MB the bench held long after the load.
// So: the record threads get a small young generation, the process is started with a smaller one for
// the protocol thread (NODE_HEAP_ARGS), each thread collects its garbage once when a burst ends, and then
// the C allocator's free pages go back to the system (releaseFreedMemory).
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { isMainThread, type ResourceLimits } from 'node:worker_threads';

/**
 * V8 options the bench sets for itself, whichever way it was started (`applyV8Flags`, from Bench.start).
 * Allocation-site pretenuring off: V8 guesses from early survival rates which allocation sites make
 * long-lived objects and then allocates theirs in the old generation directly. In the bench it can guess
 * wrong at start for the frames' short-lived objects (a third of the processes in one spell of
 * measurements, every one in another; not decided by ASLR or V8's random seed), and that process then
 * fills its old generation with garbage: mark-compacts, fresh pages mapped and unmapped (5× the
 * mmap/munmap calls, 4× the page faults) and the protocol thread's CPU per MeterValues exchange about
 * doubled (15-21 instead of 8.5-10 µs, `bench:path`) for the life of the process. Off, every process ran
 * at the fast rate (32 of 32).
 */
export const V8_FLAGS = ['--no-allocation-site-pretenuring'];

/**
 * V8 options the bench's process starts with (`npm run serve`, `npm start`'s serve mode, bench:cs):
 * semi-spaces of 8 MiB instead of 16 (as fast under full load, measured; 4 MiB was not), `gc` for
 * collectGarbage, and V8_FLAGS from the start.
 */
export const NODE_HEAP_ARGS = ['--max-semi-space-size=8', '--expose-gc', ...V8_FLAGS];

/** Sets V8_FLAGS in this process (the desktop app and `chargebench` run directly start without them). */
export function applyV8Flags(): void {
  // V8's flags are the process's, and are changed from the main thread only.
  if (!isMainThread) return;
  for (const flag of V8_FLAGS) setFlagsFromString(flag);
}

/** The writer and reader threads: their young generation (their garbage is short-lived batches). */
export const RECORD_THREAD_LIMITS: ResourceLimits = { maxYoungGenerationSizeMb: 12 };

let gcFn: (() => void) | null | undefined;

/**
 * A full collection of the calling thread's heap. With --expose-gc at start (NODE_HEAP_ARGS) every thread
 * has `gc`; otherwise (the desktop app, tests) the protocol's thread exposes it for itself, once, and the
 * record threads do without (V8 flags are changed from one thread only).
 */
export function collectGarbage(): void {
  if (gcFn === undefined) gcFn = findGc();
  gcFn?.();
}

function findGc(): (() => void) | null {
  const given = (globalThis as { gc?: () => void }).gc;
  if (typeof given === 'function') return given;
  if (!isMainThread) return null;
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return null;
  }
}

let trimFn: (() => number) | null | undefined;

/**
 * Gives the C allocator's free pages back to the system; true when it gave any. glibc's malloc keeps
 * what a thread frees in that thread's arena and hands back only the free space at the top of it, so a
 * burst leaves the arena at its high-water mark: after 60 s of MeterValues at 500 chargers the protocol
 * thread's arena held 53 MB of which 6 MB was in use (the sockets' read buffers, freed only when V8
 * collects their objects, spread it out). glibc's `malloc_trim(0)` (called through koffi, a maintained
 * FFI library) returns the whole free pages of every arena. Linux with glibc only; elsewhere (musl, macOS,
 * Windows, whose allocators return memory themselves) it does nothing.
 */
export function releaseFreedMemory(): boolean {
  if (trimFn === undefined) trimFn = findTrim();
  try {
    return trimFn?.() === 1;
  } catch {
    return false;
  }
}

function findTrim(): (() => number) | null {
  if (process.platform !== 'linux') return null;
  try {
    const koffi = createRequire(import.meta.url)('koffi') as typeof import('koffi');
    // musl has no libc.so.6 (and no malloc_trim): the load fails and nothing is trimmed.
    const trim = koffi.load('libc.so.6').func('int malloc_trim(size_t pad)') as (pad: number) => number;
    return () => trim(0);
  } catch {
    return null;
  }
}
