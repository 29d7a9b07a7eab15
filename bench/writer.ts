// `npm run bench:writer`: the writer thread's CPU per MeterValues exchange, without the protocol around
// it. A journal of N exchanges (the CALL and its CALLRESULT logged, the reading stored, as the bench's own
// repositories write them, in batches of 256 writes as under load) is written into a fresh data directory,
// then the record is opened on it and its writer thread ingests all of it into SQLite. The thread's CPU
// time comes from /proc (it is the record's thread at nice 10), less what an empty record's writer thread
// spends starting. Linux only. Prints each run and the median; writes bench/results/writer-latest.json.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BenchRecord } from '../src/main/store/record';
import { openDatabase } from '../src/main/store/database';
import { segmentFile } from '../src/main/store/journal';
import { MessagesRepository } from '../src/main/store/repositories/messages';
import { MeterValuesRepository } from '../src/main/store/repositories/meter-values';
import type { Store } from '../src/main/store/repository';
import { writerThreadCpuMs } from './thread-cpu';

const { values } = parseArgs({ options: { exchanges: { type: 'string', default: '200000' }, runs: { type: 'string', default: '3' }, chargers: { type: 'string', default: '500' } } });
const exchanges = Number(values.exchanges);
const runs = Number(values.runs);
const chargers = Number(values.chargers);
const RESULTS_FILE = join(import.meta.dirname, 'results', 'writer-latest.json');
/** Writes per journal entry, as the group commit flushes them under load. */
const WRITES_PER_ENTRY = 256;
const SEGMENT_BYTES = 32 * 1024 * 1024;
const log = (msg: string): void => void process.stderr.write(`bench:writer: ${msg}\n`);

if (process.platform !== 'linux') {
  log('reads the writer thread CPU time from /proc: Linux only');
  process.exit(1);
}
/** A data directory whose journal holds `n` MeterValues exchanges SQLite does not have yet. */
function journalOf(n: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'chargebench-bench-writer-'));
  const db = openDatabase(dir);
  let ops: unknown[] = [];
  const store = { db, write: (name: string, params: unknown[]) => ops.push(name, params), clock: { now: () => Date.now() } } as unknown as Store;
  const messages = new MessagesRepository(store);
  const meterValues = new MeterValuesRepository(store);
  const entries: string[] = [];
  let seq = 0;
  const t0 = Date.parse('2026-12-03T12:00:00.000Z');
  for (let i = 0; i < n; i++) {
    const chargerId = `CP${String(i % chargers).padStart(5, '0')}`;
    const messageId = String(Math.floor(i / chargers) + 1);
    const at = new Date(t0 + Math.floor(i / 20)).toISOString();
    const transactionId = 1 + (i % chargers);
    const meterValue = [
      {
        timestamp: at,
        sampledValue: [
          { value: String(1000 + i), measurand: 'Energy.Active.Import.Register' as const, unit: 'Wh' as const },
          { value: '7400', measurand: 'Power.Active.Import' as const, unit: 'W' as const },
          { value: '32.1', measurand: 'Current.Import' as const, unit: 'A' as const, phase: 'L1' as const },
          { value: '230.4', measurand: 'Voltage' as const, unit: 'V' as const, phase: 'L1-N' as const },
        ],
      },
    ];
    const call = JSON.stringify([2, messageId, 'MeterValues', { connectorId: 1, transactionId, meterValue }]);
    const result = JSON.stringify([3, messageId, {}]);
    messages.add(chargerId, { direction: 'in', kind: 'CALL', messageId, action: 'MeterValues', raw: call, error: null }, at);
    meterValues.add(chargerId, 1, transactionId, meterValue, at);
    messages.add(chargerId, { direction: 'out', kind: 'CALLRESULT', messageId, action: 'MeterValues', raw: result, error: null }, at);
    if (ops.length >= WRITES_PER_ENTRY * 2 || i === n - 1) {
      entries.push(`${++seq}\t${JSON.stringify(ops)}\n`);
      ops = [];
    }
  }
  db.close();
  let first = 1;
  let segment: string[] = [];
  let bytes = 0;
  const writeSegment = (): void => {
    writeFileSync(segmentFile(dir, first), segment.join(''));
    first += segment.length;
    segment = [];
    bytes = 0;
  };
  for (const entry of entries) {
    segment.push(entry);
    bytes += entry.length;
    if (bytes >= SEGMENT_BYTES) writeSegment();
  }
  if (segment.length) writeSegment();
  return dir;
}

/** The writer thread's CPU for opening a record on `dir` (and ingesting what its journal holds). */
async function ingestCpuMs(dir: string): Promise<{ cpuMs: number; wallMs: number }> {
  const began = performance.now();
  const record = await BenchRecord.open(dir);
  const wallMs = performance.now() - began;
  // One small write taken in, so the thread has started (with an empty journal `open` does not wait for it).
  record.writer.write('setting', ['benchWriter', '1']);
  await record.settled();
  const cpuMs = writerThreadCpuMs();
  await record.close();
  if (cpuMs === null) throw new Error('the writer thread (nice 10) was not found in /proc/self/task');
  return { cpuMs, wallMs };
}

const results: Array<{ run: number; usPerExchange: number; writerCpuMs: number; startCpuMs: number; openMs: number }> = [];
for (let run = 1; run <= runs; run++) {
  const empty = mkdtempSync(join(tmpdir(), 'chargebench-bench-writer-empty-'));
  const dir = journalOf(exchanges);
  try {
    const start = await ingestCpuMs(empty);
    const full = await ingestCpuMs(dir);
    const us = ((full.cpuMs - start.cpuMs) * 1000) / exchanges;
    results.push({ run, usPerExchange: us, writerCpuMs: full.cpuMs, startCpuMs: start.cpuMs, openMs: full.wallMs });
    log(
      `run ${run}: ${exchanges.toLocaleString('en')} MeterValues exchanges ingested, writer thread ${full.cpuMs.toFixed(0)} ms CPU (${start.cpuMs.toFixed(0)} ms of it starting): ${us.toFixed(2)} µs per exchange; the record opened in ${(full.wallMs / 1000).toFixed(1)} s`,
    );
  } finally {
    rmSync(empty, { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
  }
}
const sorted = results.map((r) => r.usPerExchange).sort((a, b) => a - b);
const median = sorted[Math.floor((sorted.length - 1) / 2)];
console.log(`Writer thread CPU per MeterValues exchange (2 frames and 1 reading of 4 values, ${chargers} chargers): median ${median.toFixed(2)} µs (${sorted.map((v) => v.toFixed(2)).join(', ')})`);
writeFileSync(RESULTS_FILE, `${JSON.stringify({ date: new Date().toISOString(), exchanges, chargers, runs: results, medianUsPerExchange: median }, null, 2)}\n`);
log(`wrote ${RESULTS_FILE}`);
