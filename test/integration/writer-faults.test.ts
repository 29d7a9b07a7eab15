// The writer thread's two kinds of failure, as a user of the record sees them: a row SQLite refuses is
// skipped alone (its neighbours in the same drain are kept, and the refusal is reported), and a SQLite
// that cannot be written for a while (another connection holds the write lock) stalls the record with an
// alarm, keeps everything in the journal, and takes it all in once it can write again.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { BenchRecord, type WriterProblem } from '../../src/main/store/record';
import { databaseFile } from '../../src/main/store/database';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const frame = (i: number) => ({ direction: 'in' as const, kind: 'CALL' as const, messageId: `m${i}`, action: 'Heartbeat', raw: `[2,"m${i}","Heartbeat",{}]`, error: null });
const ts = () => new Date().toISOString();
const until = async (what: () => boolean, ms = 20_000): Promise<void> => {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

async function open(): Promise<BenchRecord> {
  const dataDir = mkdtempSync(join(tmpdir(), 'chargebench-writer-faults-'));
  dirs.push(dataDir);
  return BenchRecord.open(dataDir);
}

describe('the writer thread when SQLite refuses', () => {
  it('skips only the row SQLite refuses, keeps the rest of its drain and later drains, and reports it', async () => {
    const record = await open();
    const refused: string[] = [];
    record.writer.onRowError = (m) => refused.push(m);
    try {
      // Spread over several journal entries of one drain; the refused row sits between good ones.
      for (let i = 0; i < 300; i++) {
        record.logFrame('CP1', frame(i), ts());
        if (i === 150) {
          record.writer.write('meterShape', [900, 'Voltage', null, 'V', 'Sample.Periodic', null, 'Raw']);
          record.writer.write('meterShape', [900, 'Voltage', null, 'V', 'Sample.Periodic', null, 'Raw']);
          // Values that are not a number, text or null: never bound as if they were more values.
          record.writer.write('message', [ts(), 'CP1', 'in', 'CALL', 'mX', 'Heartbeat', ['[2,"mX","Heartbeat",{}]', null]]);
          record.writer.write('message', [ts(), 'CP1', 'in', 'CALL', 'mY', 'Heartbeat', '[2,"mY","Heartbeat",{}]', { error: 1 }]);
        }
      }
      await record.settled();
      expect(record.messages.list({ limit: 1000 })).toHaveLength(300);
      expect(refused).toHaveLength(1);
      expect(refused[0]).toMatch(/meterShape: UNIQUE constraint failed/);
      expect(refused[0]).toMatch(/message: value 7 of "message" is not a number, text or null; message: value 8 of "message"/);
      expect(record.problem).toBeNull();

      record.logFrame('CP1', frame(300), ts());
      await record.settled();
      expect(record.messages.list({ limit: 1000 })).toHaveLength(301);
      expect(refused).toHaveLength(1);
    } finally {
      await record.close();
    }
  });

  it('stalls while another connection holds the write lock, loses nothing, and resumes by itself', { timeout: 40_000 }, async () => {
    const record = await open();
    const problems: Array<WriterProblem | null> = [];
    record.writer.onProblem = (p) => problems.push(p);
    const other = new Database(databaseFile(record.dataDir));
    try {
      other.prepare('BEGIN IMMEDIATE').run();
      for (let i = 0; i < 50; i++) record.logFrame('CP1', frame(i), ts());
      record.writer.flush();
      void record.settled();
      // The thread waits out SQLite's busy timeout (5 s), then says it is stalled.
      await until(() => problems.length > 0);
      expect(problems[0]).toMatchObject({ kind: 'recordStalled', code: 'SQLITE_BUSY' });
      // Meanwhile the bench goes on journaling.
      for (let i = 50; i < 100; i++) record.logFrame('CP1', frame(i), ts());
      record.writer.flush();
      other.prepare('COMMIT').run();
      await until(() => problems.at(-1) === null);
      await record.settled();
      expect(
        record.messages
          .list({ limit: 1000 })
          .map((m) => m.messageId)
          .sort(),
      ).toEqual(Array.from({ length: 100 }, (_, i) => `m${i}`).sort());
    } finally {
      other.close();
      await record.close();
    }
  });
});
