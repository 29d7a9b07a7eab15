#!/usr/bin/env node
// The chargebench command: the TypeScript CLI, bundled on demand (bin/bundle.mjs), so a fresh clone needs
// no build step and the running bench does not carry a TypeScript loader. Should bundling fail (e.g. a
// read-only install), the CLI runs from source through tsx instead.
import { pathToFileURL } from 'node:url';
import { bundled } from './bundle.mjs';

// Output closed by its reader (`chargebench test --help | head -1`, a log viewer quit): an EPIPE on stdout or
// stderr never ends as an unhandled 'error' with a stack trace. A command that handles its own stop (a run
// that changes a charger, serve, vcp) is stopped as by SIGTERM: the charger is put back, the run recorded,
// its status 143 (nothing more is written to the closed output). Any other ends quietly with the status it has
// already decided (0 for --help and --version, whose words were all written), or 141, the status a shell gives
// a command ended by a closed pipe, if it had not. A closed terminal (SIGHUP, a dropped SSH session) fails
// writes with EIO (or EPIPE): the same. A run hears it as its own event (OUTPUT_CLOSED_EVENT, see
// src/main/cli/interrupt.ts): a stop already under way (SIGHUP's) goes on putting the charger back and writing
// its files, never quit by the failed writes. Any other write error is thrown as before.
const OUTPUT_CLOSED = 141;
const OUTPUT_CLOSED_EVENT = 'chargebench:output-closed';
const closedCodes = new Set(['EPIPE', 'EIO', 'ERR_STREAM_DESTROYED']);
let outputClosed = false;
const onOutputError = (e) => {
  if (!closedCodes.has(e?.code)) throw e;
  if (outputClosed) return;
  outputClosed = true;
  // After what is queued now has run: a command ending as it wrote its last words (help) has set its status.
  setImmediate(() => {
    if (process.listenerCount(OUTPUT_CLOSED_EVENT)) process.emit(OUTPUT_CLOSED_EVENT);
    else if (othersHear('SIGTERM')) process.emit('SIGTERM', 'SIGTERM');
    else process.exit(process.exitCode ?? OUTPUT_CLOSED);
  });
};
process.stdout.on('error', onOutputError);
process.stderr.on('error', onOutputError);

// Ctrl-C (SIGINT), SIGTERM and SIGHUP are heard from the first moment, not only once the command's own handling
// exists (src/main/cli/interrupt.ts, serve's and vcp's stop): Node's default would end the process without a
// word. One heard while the CLI is bundled is kept until the bundle is made (a half-written build is left to
// nobody), then the command ends, saying it stopped before starting; one heard while the bundle loads ends it
// at once, likewise (nothing has started yet). A second one quits at once. As soon as the command listens for
// signals itself (a SIGINT or SIGTERM listener that stays), these listeners go: the command hears every later one.
const exitStatus = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };
const words = (signal) => (signal === 'SIGINT' ? 'Ctrl-C' : signal);
const signals = Object.keys(exitStatus);
const named = /^[a-z][a-z-]*$/.test(process.argv[2] ?? '') ? `chargebench ${process.argv[2]}` : 'chargebench';
let heardEarly = null;
let loading = false;
const stoppedBeforeStarting = (signal, again = '') => {
  console.error(`${named}: stopped by ${words(signal)}${again} before starting; nothing was run`);
  process.exit(exitStatus[signal]);
};
/** Whether a listener other than these hears `signal` now (the command's own: it handles the signal). */
const othersHear = (signal) => process.listeners(signal).some((l) => l !== heard);
const heard = (signal) => {
  if (othersHear(signal)) return;
  if (heardEarly) return stoppedBeforeStarting(signal, ' again');
  if (loading) return stoppedBeforeStarting(signal);
  heardEarly = signal;
};
// Handed over once the listener added is still there a turn later: a library that adds one and has it taken
// out again at once (ftp-srv's, see src/main/core/ftp-server.ts) is not the command listening.
const handOver = (event) => {
  if (event !== 'SIGINT' && event !== 'SIGTERM') return;
  setImmediate(() => {
    if (!othersHear('SIGINT') && !othersHear('SIGTERM')) return;
    for (const s of signals) process.off(s, heard);
    process.off('newListener', handOver);
  });
};
for (const s of signals) process.on(s, heard);
process.on('newListener', handOver);
/** The command is about to load: a signal heard meanwhile ends it now; from here on one ends it at once. */
const beforeLoading = () => {
  if (heardEarly) stoppedBeforeStarting(heardEarly);
  loading = true;
};

let entry = null;
try {
  entry = await bundled('cli', 'src/main/cli/index.ts');
} catch (e) {
  console.error(`chargebench: running from source (the bundle could not be made: ${e.message})`);
}
if (entry) {
  // Stack traces name the TypeScript sources (the bundle has linked source maps).
  process.setSourceMapsEnabled(true);
  beforeLoading();
  // A URL, not a path: on Windows `import('C:\\…')` is refused.
  await import(pathToFileURL(entry).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  beforeLoading();
  await import('../src/main/cli/index.ts');
}
