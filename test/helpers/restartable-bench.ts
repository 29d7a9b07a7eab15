// Benches a test file opens on a fake clock, each in a temp data dir (or on one a test passes in, to open the
// same record again after a stop); what a test registers with `cleanup` (a bench's stop) runs after it, the
// temp dirs last.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { Bench } from '../../src/main/core/bench';
import { FakeClock } from '../../src/main/clock';

export function restartableBenches(name: string) {
  const cleanup: Array<() => unknown> = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });
  async function open(dataDir?: string): Promise<{ bench: Bench; dataDir: string }> {
    const dir = dataDir ?? mkdtempSync(join(tmpdir(), `chargebench-${name}-`));
    if (!dataDir) cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const bench = await Bench.start({ dataDir: dir, host: '127.0.0.1', port: 0, ftpPort: 0, clock: new FakeClock(Date.now()), face: 'test' } as never);
    return { bench, dataDir: dir };
  }
  return { open, cleanup };
}
