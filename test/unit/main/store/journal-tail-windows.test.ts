// On Windows a journal segment the bench is deleting cannot be opened for a moment (EPERM instead of
// ENOENT). The writer thread must not raise a "record stalled" alarm for a segment it has read to the
// end, and must not pass over one that still holds entries it needs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** The file whose opening fails as Windows fails it while the file is being deleted. */
let beingDeleted: string | null = null;
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const openSync = (path: string, ...rest: unknown[]) => {
    if (path === beingDeleted) throw Object.assign(new Error(`EPERM: operation not permitted, open '${path}'`), { code: 'EPERM' });
    return (fs.openSync as (...a: unknown[]) => number)(path, ...rest);
  };
  return { ...fs, default: { ...fs, openSync }, openSync };
});

const { JournalAppender, JournalReadError, JournalTail, nodeIo, segmentFile } = await import('../../../../src/main/store/journal');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'chargebench-tail-win-'));
});
afterEach(() => {
  beingDeleted = null;
  rmSync(dir, { recursive: true, force: true });
});

const batch = (seq: number): string => JSON.stringify(['message', [`frame ${seq}`]]);
const seqs = (r: { entries: Array<{ seq: number }> }): number[] => r.entries.map((e) => e.seq);

describe('a segment being deleted (Windows)', () => {
  it('is passed over once read to the end, and the reading goes on in the next segment', () => {
    const j = new JournalAppender(dir, 1, nodeIo, 64, false, () => {}); // three entries a segment
    for (let s = 1; s <= 6; s++) j.append(s, batch(s));
    const tail = new JournalTail(dir, 0);
    const first = tail.read(3, 1 << 20);
    expect(seqs(first)).toEqual([1, 2, 3]);
    tail.commit(first.end);
    beingDeleted = segmentFile(dir, 1);
    expect(seqs(tail.read(6, 1 << 20))).toEqual([4, 5, 6]);
  });

  it('is not passed over while it holds entries not read yet: the reading fails, to be tried again', () => {
    const j = new JournalAppender(dir, 1, nodeIo, 64, false, () => {});
    for (let s = 1; s <= 6; s++) j.append(s, batch(s));
    const tail = new JournalTail(dir, 0);
    const first = tail.read(1, 1 << 20);
    tail.commit(first.end);
    beingDeleted = segmentFile(dir, 1);
    expect(() => tail.read(6, 1 << 20)).toThrow(JournalReadError);
    beingDeleted = null;
    expect(seqs(tail.read(6, 1 << 20))).toEqual([2, 3, 4, 5, 6]);
  });
});
