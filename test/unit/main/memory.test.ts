import { describe, expect, it } from 'vitest';
import { setTimeout as sleep } from 'node:timers/promises';
import { collectGarbage, releaseFreedMemory } from '../../../src/main/memory';

const rssMb = (): number => process.memoryUsage().rss / 1024 / 1024;

describe('releaseFreedMemory', () => {
  // glibc keeps a freed arena's pages when something still lives above them; the bench's sockets leave
  // its protocol thread's arena like this after a burst of load.
  it.runIf(process.platform === 'linux')('gives back the free pages a burst left under the few buffers still alive', async () => {
    const burst: Buffer[] = [];
    for (let i = 0; i < 200_000; i++) burst.push(Buffer.alloc(300));
    const survivors = burst.filter((_, i) => i % 500 === 0);
    burst.length = 0;
    collectGarbage();
    // V8 frees the dead buffers' memory on a helper thread after the collection.
    await sleep(300);
    const before = rssMb();
    expect(releaseFreedMemory()).toBe(true);
    const after = rssMb();
    expect(before - after).toBeGreaterThan(30);
    expect(survivors).toHaveLength(400);
  });
});
