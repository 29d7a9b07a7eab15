// The reader thread: the record's big queries run on their own connection and thread, and return what
// the writer thread committed, the same as this thread's connection does.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BenchRecord } from '../../src/main/store/record';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('reads on the reader thread', () => {
  it('return every frame and meter value the writer committed, as the bench thread reads them', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'chargebench-reader-'));
    dirs.push(dataDir);
    const record = await BenchRecord.open(dataDir);
    try {
      const log = (n: number) => {
        for (let i = 0; i < n; i++) {
          const cp = `CP-${i % 3}`;
          record.logFrame(
            cp,
            { direction: 'in', kind: 'CALL', messageId: `m${i}`, action: i % 2 ? 'Heartbeat' : 'MeterValues', raw: `[2,"m${i}","Heartbeat",{}]`, error: null },
            new Date().toISOString(),
          );
          record.meterValues.add(
            cp,
            1,
            5,
            [{ timestamp: new Date(1_700_000_000_000 + i).toISOString(), sampledValue: [{ value: String(i) }, { value: String(i * 2), measurand: 'Power.Active.Import', unit: 'W' }] }],
            new Date().toISOString(),
          );
        }
      };
      log(3000);
      await record.settled();
      expect(await record.messages.read({ chargerId: 'CP-1', limit: 5000 })).toEqual(record.messages.list({ chargerId: 'CP-1', limit: 5000 }));
      expect(await record.messages.read({ limit: 10_000 })).toHaveLength(3000);
      // A long list is read a thousand frames at a time (pacing itself under load), and comes out the same.
      expect(await record.messages.read({ limit: 2500 })).toEqual(record.messages.list({ limit: 2500 }));
      expect(await record.messages.read({ action: 'Heartbeat', beforeId: 2900, limit: 1200 })).toEqual(record.messages.list({ action: 'Heartbeat', beforeId: 2900, limit: 1200 }));
      expect(await record.meterValues.read({ transactionId: 5, limit: 100_000 })).toEqual(record.meterValues.of({ transactionId: 5, limit: 100_000 }));
      expect(await record.meterValues.read({ chargerId: 'CP-2', limit: 100_000 })).toHaveLength(2000);
      expect(await record.messages.count({ actions: ['Heartbeat'] })).toMatchObject({ count: 1500 });

      // What is committed later is seen by the next read; an export sees the log as it stood when it began.
      log(10);
      await record.settled();
      expect(await record.messages.read({ limit: 10_000 })).toHaveLength(3010);
      let exported = 0;
      for await (const batch of record.messages.batches({})) exported += batch.length;
      expect(exported).toBe(3010);

      // An export left part-way closes its cursor; the reader goes on answering.
      for await (const batch of record.messages.batches({})) {
        expect(batch.length).toBeGreaterThan(0);
        break;
      }
      expect((await record.messages.page({ limit: 1 }))[0].messageId).toBe('m9');
      // A cursor the reader thread does not hold (its thread restarted since) is an error, not the end of the data.
      await expect(record.reader.query('batchesNext', { cursor: 1 })).rejects.toThrow(/start the export again/);
    } finally {
      await record.close();
    }
  });

  it("keep the reader thread told how busy the bench's own thread is, so bulk reads pace themselves under load", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'chargebench-reader-load-'));
    dirs.push(dataDir);
    const record = await BenchRecord.open(dataDir);
    try {
      await record.messages.count({});
      // Shared with the reader thread (ReaderData.protocolLoad), in thousandths.
      const load = (record.reader as unknown as { protocolLoad: Int32Array }).protocolLoad;
      const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
      const busyUntil = performance.now() + 400;
      while (performance.now() < busyUntil) {
        // this thread's event loop held, as by chargers at full load
      }
      // The sample that was due meanwhile is taken as soon as the loop turns; the next is a tenth of a second on.
      await sleep(30);
      expect(Atomics.load(load, 0)).toBeGreaterThan(500);
      await sleep(400);
      expect(Atomics.load(load, 0)).toBeLessThan(500);
    } finally {
      await record.close();
    }
  });
});
