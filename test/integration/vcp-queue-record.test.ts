// A virtual charger's queue of transaction messages in the record: a row per message, each save writing
// only what came into the queue or left it since the last one (a charger left offline for a day queues
// thousands of MeterValues; the whole queue written again at each save was megabytes a second), the
// queue read back in order after a restart, and a state saved by an older version (the queue inside it)
// read as it was and moved to rows.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BenchRecord } from '../../src/main/store/record';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const message = (seq: number, attempts = 0) => ({
  action: 'MeterValues',
  localTx: 1,
  attempts,
  seq,
  payload: { connectorId: 1, meterValue: [{ timestamp: `2026-12-04T10:00:${String(seq % 60).padStart(2, '0')}Z`, sampledValue: [{ value: String(seq) }] }] },
});
const state = (queue: Array<ReturnType<typeof message>>) => ({ config: { MeterValueSampleInterval: '10' }, queue, txIds: [[1, 7]], nextLocalTx: 2, nextQueueSeq: (queue.at(-1)?.seq ?? 0) + 1 });
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => message(from + i));

async function withRecord<T>(dataDir: string, fn: (record: BenchRecord) => Promise<T>): Promise<T> {
  const record = await BenchRecord.open(dataDir);
  try {
    return await fn(record);
  } finally {
    await record.close();
  }
}

function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'chargebench-vcp-queue-'));
  dirs.push(dir);
  return dir;
}

/** A charger as an older version saved it (its queue of 3 inside its state); returns that queue. */
async function olderState(dataDir: string) {
  const old = range(1, 3).map(({ seq: _seq, ...m }) => m);
  await withRecord(dataDir, async (record) => {
    record.db
      .prepare('INSERT INTO virtual_chargers (id, created_at, definition, state) VALUES (?, ?, ?, ?)')
      .run('VQ', '2026-12-04T10:00:00Z', '{"id":"VQ"}', JSON.stringify({ config: {}, queue: old, nextLocalTx: 2 }));
  });
  return old;
}

const queueRows = (record: BenchRecord) => record.db.prepare('SELECT seq, message FROM virtual_charger_queue WHERE charger_id = ? ORDER BY seq').all('VQ') as Array<{ seq: number; message: string }>;
const storedState = (record: BenchRecord) => record.db.prepare('SELECT state FROM virtual_chargers WHERE id = ?').pluck().get('VQ') as string;

describe("a virtual charger's queue in the record", () => {
  it('writes only what came or went since the last save, and reads the queue back in order after a restart', async () => {
    const dataDir = freshDir();
    await withRecord(dataDir, async (record) => {
      await record.virtualChargers.save('VQ', '2026-12-04T10:00:00Z', { id: 'VQ' }, state(range(1, 1000)));
      expect(queueRows(record)).toHaveLength(1000);
      expect(storedState(record)).not.toContain('meterValue');

      // Two delivered from the front, the next refused once, three queued at the back.
      const writes = vi.spyOn(record.writer, 'write');
      const queue = [message(3, 1), ...range(4, 1003)];
      record.virtualChargers.saveState('VQ', state(queue));
      const names = writes.mock.calls.map(([name]) => name);
      expect(names.filter((n) => n === 'virtualChargerQueued')).toHaveLength(4);
      expect(names.filter((n) => n === 'virtualChargerDequeued')).toHaveLength(1);
      writes.mockClear();
      // Nothing changed: nothing of the queue is written.
      record.virtualChargers.saveState('VQ', state(queue));
      expect(writes.mock.calls.map(([name]) => name)).toEqual(['virtualChargerState']);
      writes.mockRestore();
      await record.settled();
      const rows = queueRows(record);
      expect(rows.map((r) => r.seq)).toEqual(range(3, 1003).map((m) => m.seq));
      expect(JSON.parse(rows[0].message)).toMatchObject({ attempts: 1, action: 'MeterValues' });
    });

    const [read] = await withRecord(dataDir, async (record) => record.virtualChargers.list());
    expect(read.state.queue).toEqual([message(3, 1), ...range(4, 1003)]);
    expect(read.state).toMatchObject({ txIds: [[1, 7]], nextLocalTx: 2, nextQueueSeq: 1004 });
  });

  it('empties the rows with the queue, then takes new messages after the last it had', async () => {
    const dataDir = freshDir();
    await withRecord(dataDir, async (record) => {
      await record.virtualChargers.save('VQ', '2026-12-04T10:00:00Z', { id: 'VQ' }, state(range(1, 5)));
      record.virtualChargers.saveState('VQ', state([]));
      await record.settled();
      expect(queueRows(record)).toEqual([]);
      record.virtualChargers.saveState('VQ', state(range(6, 7)));
      await record.settled();
      expect(queueRows(record).map((r) => r.seq)).toEqual([6, 7]);
    });
    const [read] = await withRecord(dataDir, async (record) => record.virtualChargers.list());
    expect(read.state.queue).toEqual(range(6, 7));
  });

  it('reads a queue an older version saved inside the state, and moves it to rows at the next save', async () => {
    const dataDir = freshDir();
    await olderState(dataDir);
    await withRecord(dataDir, async (record) => {
      const [read] = record.virtualChargers.list();
      expect(read.state.queue).toEqual(range(1, 3));
      record.virtualChargers.saveState('VQ', { ...read.state, queue: range(2, 4) });
      await record.settled();
      expect(queueRows(record).map((r) => r.seq)).toEqual([2, 3, 4]);
      expect(storedState(record)).not.toContain('meterValue');
    });
    const [read] = await withRecord(dataDir, async (record) => record.virtualChargers.list());
    expect(read.state.queue).toEqual(range(2, 4));
  });

  it('takes the queue a state still holds over rows a save killed part-way left, and writes it whole at the next save', async () => {
    const dataDir = freshDir();
    const old = await olderState(dataDir);
    await withRecord(dataDir, async (record) => {
      // What a save killed part-way through moving the queue to rows would have left (before this, one
      // save could span journal entries).
      record.db.prepare('INSERT INTO virtual_charger_queue (charger_id, seq, message) VALUES (?, ?, ?)').run('VQ', 1, JSON.stringify(old[0]));
    });
    await withRecord(dataDir, async (record) => {
      const [read] = record.virtualChargers.list();
      expect(read.state.queue).toEqual(range(1, 3));
      record.virtualChargers.saveState('VQ', read.state);
      await record.settled();
      expect(queueRows(record).map((r) => r.seq)).toEqual([1, 2, 3]);
    });
  });

  it("writes the attempts of a message that has just become the queue's first", async () => {
    const dataDir = freshDir();
    await withRecord(dataDir, async (record) => {
      await record.virtualChargers.save('VQ', '2026-12-04T10:00:00Z', { id: 'VQ' }, state([message(5, 1), message(6)]));
      // 5 delivered at last, then 6 refused once, before the next save.
      record.virtualChargers.saveState('VQ', state([message(6, 1)]));
      await record.settled();
      expect(queueRows(record).map((r) => [r.seq, JSON.parse(r.message).attempts])).toEqual([[6, 1]]);
    });
  });

  it('writes a save in one journal entry however many rows it has, and writes the queue whole again after writes were dropped', async () => {
    const dataDir = freshDir();
    await withRecord(dataDir, async (record) => {
      await record.virtualChargers.save('VQ', '2026-12-04T10:00:00Z', { id: 'VQ' }, state([]));
      const entries = vi.spyOn(record.writer as unknown as { append(ops: unknown[]): boolean }, 'append');
      record.virtualChargers.saveState('VQ', state(range(1, 300)));
      record.writer.flush();
      expect(entries).toHaveBeenCalledTimes(1);
      expect(entries.mock.calls[0][0]).toHaveLength(2 * 301);
      entries.mockRestore();
      await record.settled();

      // The journal failed for long enough that writes were dropped: the next save cannot trust what it wrote.
      record.db.prepare('DELETE FROM virtual_charger_queue WHERE seq > 100').run();
      record.writer.onWritesDropped();
      record.virtualChargers.saveState('VQ', state(range(2, 300)));
      await record.settled();
      expect(queueRows(record).map((r) => r.seq)).toEqual(range(2, 300).map((m) => m.seq));
    });
  });

  it("deletes a charger's queue with the charger", async () => {
    const dataDir = freshDir();
    await withRecord(dataDir, async (record) => {
      await record.virtualChargers.save('VQ', '2026-12-04T10:00:00Z', { id: 'VQ' }, state(range(1, 3)));
      await record.virtualChargers.delete('VQ');
      expect(queueRows(record)).toEqual([]);
      // A save on its way when it was deleted writes no rows.
      record.virtualChargers.saveState('VQ', state(range(1, 4)));
      await record.settled();
      expect(queueRows(record)).toEqual([]);
      // The same id made again starts with an empty queue.
      await record.virtualChargers.save('VQ', '2026-12-04T11:00:00Z', { id: 'VQ' }, state(range(1, 1)));
      expect(queueRows(record).map((r) => r.seq)).toEqual([1]);
    });
  });
});
