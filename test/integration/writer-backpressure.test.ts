// Back-pressure: when the writer thread is behind by more than its bound, answers wait (durable, in
// order) until SQLite has caught up, so a fast load slows down instead of the queue growing. And after a
// burst, once the record has been quiet for a moment, the burst's memory goes back: a full collection,
// then the C allocator's free pages (src/main/memory.ts).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { BenchRecord } from '../../src/main/store/record';
import { collectGarbage, releaseFreedMemory } from '../../src/main/memory';

vi.mock('../../src/main/memory', async (original) => ({
  ...(await original<typeof import('../../src/main/memory')>()),
  collectGarbage: vi.fn(),
  releaseFreedMemory: vi.fn(() => true),
}));

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A record on a fresh data directory, removed after the test. */
async function openRecord(options: Parameters<typeof BenchRecord.open>[1]): Promise<BenchRecord> {
  const dataDir = mkdtempSync(join(tmpdir(), 'chargebench-writer-'));
  dirs.push(dataDir);
  return BenchRecord.open(dataDir, options);
}

const frame = (i: number) => ({ direction: 'in' as const, kind: 'CALL' as const, messageId: `m${i}`, action: 'Heartbeat', raw: `[2,"m${i}","Heartbeat",{"pad":"${'x'.repeat(500)}"}]`, error: null });

describe('the writer under load', () => {
  it('holds answers while the backlog is over its bound and sends them, in order, once SQLite has caught up', async () => {
    const record = await openRecord({ maxBacklogBytes: 10_000 });
    try {
      const answered: Array<[number, boolean]> = [];
      for (let i = 0; i < 100; i++) record.logFrame('CP1', frame(i), new Date().toISOString());
      record.writer.afterCommit((durable) => answered.push([0, durable]));
      record.writer.flush();
      // 50 KB journaled, none of it in SQLite yet: the answer waits.
      expect(answered).toEqual([]);
      expect(record.writer.pressure.heldAnswers).toBe(1);
      expect(record.writer.pressure.backlogBytes).toBeGreaterThan(10_000);
      record.logFrame('CP1', frame(100), new Date().toISOString());
      record.writer.afterCommit((durable) => answered.push([1, durable]));
      record.writer.flush();
      expect(record.writer.pressure.heldAnswers).toBe(2);

      await record.settled();
      expect(answered).toEqual([
        [0, true],
        [1, true],
      ]);
      expect(record.writer.pressure).toEqual({ backlogBytes: 0, heldAnswers: 0 });
      expect(record.messages.list({ limit: 1000 })).toHaveLength(101);

      // Under the bound, an answer goes as soon as its frames are in the journal.
      record.logFrame('CP1', frame(101), new Date().toISOString());
      record.writer.afterCommit((durable) => answered.push([2, durable]));
      record.writer.flush();
      expect(answered.at(-1)).toEqual([2, true]);
    } finally {
      await record.close();
    }
  });

  it('sends held answers when the record closes', async () => {
    const record = await openRecord({ maxBacklogBytes: 1 });
    let durable: boolean | null = null;
    record.logFrame('CP1', frame(0), new Date().toISOString());
    record.writer.afterCommit((d) => (durable = d));
    record.writer.flush();
    await record.close();
    expect(durable).toBe(true);
  });
});

describe('memory after a burst', () => {
  it('is given back once the record has been quiet after a burst, and not after a trickle', async () => {
    const record = await openRecord({ burstBytes: 20_000 });
    try {
      // A trickle (under the burst size), then quiet: nothing to give back.
      record.logFrame('CP1', frame(0), new Date().toISOString());
      record.writer.flush();
      await sleep(2600);
      expect(collectGarbage).not.toHaveBeenCalled();
      expect(releaseFreedMemory).not.toHaveBeenCalled();

      // A burst (60 frames of ~600 B), then quiet: after the idle checks, one collection and one release.
      for (let i = 1; i <= 60; i++) {
        record.logFrame('CP1', frame(i), new Date().toISOString());
        record.writer.flush();
      }
      await vi.waitFor(() => expect(releaseFreedMemory).toHaveBeenCalledTimes(1), { timeout: 4000, interval: 50 });
      expect(collectGarbage).toHaveBeenCalledTimes(1);
    } finally {
      await record.close();
    }
  });
});
