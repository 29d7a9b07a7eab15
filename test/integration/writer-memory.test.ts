// After a burst of load, once the record has been quiet for a moment, the bench gives the burst's memory
// back: a full collection, then the C allocator's free pages (src/main/memory.ts).
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

const frame = (i: number) => ({ direction: 'in' as const, kind: 'CALL' as const, messageId: `m${i}`, action: 'Heartbeat', raw: `[2,"m${i}","Heartbeat",{"pad":"${'x'.repeat(500)}"}]`, error: null });

describe('memory after a burst', () => {
  it('is given back once the record has been quiet after a burst, and not after a trickle', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'chargebench-burst-'));
    dirs.push(dataDir);
    const record = await BenchRecord.open(dataDir, { burstBytes: 20_000 });
    try {
      // A trickle (under the burst size), then quiet: nothing to give back.
      record.logFrame('CP1', frame(0), new Date().toISOString());
      record.writer.flush();
      await sleep(2600);
      expect(collectGarbage).not.toHaveBeenCalled();
      expect(releaseFreedMemory).not.toHaveBeenCalled();

      // A burst: while it goes on nothing is released; two quiet checks after it, both are.
      for (let i = 1; i <= 60; i++) {
        record.logFrame('CP1', frame(i), new Date().toISOString());
        record.writer.flush();
      }
      expect(releaseFreedMemory).not.toHaveBeenCalled();
      await vi.waitFor(() => expect(releaseFreedMemory).toHaveBeenCalledTimes(1), { timeout: 4000, interval: 50 });
      expect(collectGarbage).toHaveBeenCalledTimes(1);
    } finally {
      await record.close();
    }
  });
});
