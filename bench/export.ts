// `npm run bench:export`: what exporting the message log costs. A fresh data directory is filled with a
// fleet's log (bench/log/fill.ts: the mix of actions a fleet sends), the record is opened on it and left
// to build its search index, then the whole log is exported to a sink that only counts the bytes, as JSON
// and as CSV, in turn. Per export: the time, the size, and the CPU per frame of the record's reader
// thread (which reads and formats the export; /proc, Linux only) and of the whole process (the bench's
// own thread writing the batches out, and V8's helper threads collecting the reader's garbage). Prints
// each run and the medians; writes bench/results/export-latest.json.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { BenchRecord } from '../src/main/store/record';
import { writeMessages } from '../src/main/core/exports';
import type { ExportFormat } from '../src/shared/api/message-export';
import { fillLog, searchIndexBuilt } from './log/fill';
import { threadCpuMs } from './thread-cpu';

const { values } = parseArgs({ options: { frames: { type: 'string', default: '300000' }, runs: { type: 'string', default: '3' } } });
const frames = Number(values.frames);
const runs = Number(values.runs);
if (!Number.isInteger(frames) || frames < 1000) throw new Error(`--frames wants a whole number of at least 1000, got "${values.frames}"`);
if (!Number.isInteger(runs) || runs < 1 || runs > 20) throw new Error(`--runs wants a whole number 1..20, got "${values.runs}"`);
const RESULTS_FILE = join(import.meta.dirname, 'results', 'export-latest.json');
const log = (msg: string): void => void process.stderr.write(`bench:export: ${msg}\n`);
if (process.platform !== 'linux') {
  log("reads the reader thread's CPU time from /proc: Linux only");
  process.exit(1);
}

/** CPU time (ms) so far of the reader thread (the process's thread at nice 19) and of the whole process. */
function cpuMs(): { reader: number; all: number } {
  const threads = threadCpuMs();
  return { reader: threads.filter((t) => t.nice === 19).reduce((n, t) => n + t.ms, 0), all: threads.reduce((n, t) => n + t.ms, 0) };
}

interface ExportRun {
  format: ExportFormat;
  ms: number;
  megabytes: number;
  readerUsPerFrame: number;
  processUsPerFrame: number;
}

const dir = mkdtempSync(join(tmpdir(), 'chargebench-bench-export-'));
try {
  log(`filling ${frames.toLocaleString('en-US')} frames into ${dir}…`);
  await fillLog(dir, { frames, chargers: 100, framesPerBatch: 2000, startMs: Date.parse('2026-03-01T08:00:00Z') });
  const record = await BenchRecord.open(dir);
  const results: ExportRun[] = [];
  try {
    // The writer thread builds the search index on open: done before any export is timed.
    await searchIndexBuilt(dir, 600_000);
    for (let run = 0; run < runs; run++) {
      for (const format of ['json', 'csv'] as const) {
        let bytes = 0;
        const sink = new Writable({
          write(chunk: Buffer, _encoding, done) {
            bytes += chunk.length;
            done();
          },
        });
        const before = cpuMs();
        const t0 = performance.now();
        const written = await writeMessages(record, { format, filter: {} }, sink);
        const ms = performance.now() - t0;
        const after = cpuMs();
        if (written.frames !== frames) throw new Error(`the export held ${written.frames} frames of ${frames}`);
        const r: ExportRun = {
          format,
          ms,
          megabytes: bytes / 1e6,
          readerUsPerFrame: ((after.reader - before.reader) * 1000) / frames,
          processUsPerFrame: ((after.all - before.all) * 1000) / frames,
        };
        results.push(r);
        log(
          `run ${run + 1} ${format}: ${r.ms.toFixed(0)} ms, ${r.megabytes.toFixed(0)} MB; reader thread ${r.readerUsPerFrame.toFixed(2)} µs/frame, process ${r.processUsPerFrame.toFixed(2)} µs/frame`,
        );
      }
    }
  } finally {
    await record.close();
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
  const summary = (['json', 'csv'] as const).map((format) => {
    const of = results.filter((r) => r.format === format);
    return {
      format,
      ms: median(of.map((r) => r.ms)),
      megabytes: of[0].megabytes,
      readerUsPerFrame: median(of.map((r) => r.readerUsPerFrame)),
      processUsPerFrame: median(of.map((r) => r.processUsPerFrame)),
    };
  });
  console.log(`Export of the whole message log, ${frames.toLocaleString('en-US')} frames, median of ${runs}:`);
  console.log('| format | time ms | MB | frames/s | reader thread µs/frame | process µs/frame |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const s of summary) {
    console.log(
      `| ${s.format.toUpperCase()} | ${s.ms.toFixed(0)} | ${s.megabytes.toFixed(0)} | ${Math.round((frames / s.ms) * 1000).toLocaleString('en-US')} | ${s.readerUsPerFrame.toFixed(2)} | ${s.processUsPerFrame.toFixed(2)} |`,
    );
  }
  writeFileSync(RESULTS_FILE, `${JSON.stringify({ date: new Date().toISOString(), frames, runs: results, medians: summary }, null, 2)}\n`);
  log(`wrote ${RESULTS_FILE}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
