// The writer thread reads the journal itself (JournalTail): it must take every entry the bench said it
// appended, in order, once, from segment to segment, and nothing the bench has not said yet (a line being
// written, or one the journal may still cut back after a failed write).
import { appendFileSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JournalAppender, JournalTail, nodeIo, readJournal, segmentFile } from '../../../../src/main/store/journal';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'chargebench-tail-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const batch = (seq: number, extra = ''): string => JSON.stringify(['message', [`frame ${seq}${extra}`]]);
const seqs = (r: { entries: Array<{ seq: number }> }): number[] => r.entries.map((e) => e.seq);

function journal(segmentBytes = 1 << 20): JournalAppender {
  return new JournalAppender(dir, 1, nodeIo, segmentBytes, false, () => {});
}

describe('the journal as the writer thread reads it', () => {
  it('gives the entries up to the one said, with their writes, and not one after', () => {
    const j = journal();
    for (let s = 1; s <= 5; s++) j.append(s, batch(s));
    const tail = new JournalTail(dir, 0);
    const r = tail.read(3, 1 << 20);
    expect(seqs(r)).toEqual([1, 2, 3]);
    expect(r.entries[0].ops).toEqual(['message', ['frame 1']]);
    expect(r.missing).toBe(false);
    tail.commit(r.end);
    expect(seqs(tail.read(5, 1 << 20))).toEqual([4, 5]);
  });

  it('gives the same entries again until they are committed (SQLite stalled)', () => {
    const j = journal();
    for (let s = 1; s <= 3; s++) j.append(s, batch(s));
    const tail = new JournalTail(dir, 0);
    expect(seqs(tail.read(3, 1 << 20))).toEqual([1, 2, 3]);
    const again = tail.read(3, 1 << 20);
    expect(seqs(again)).toEqual([1, 2, 3]);
    tail.commit(again.end);
    expect(seqs(tail.read(3, 1 << 20))).toEqual([]);
    expect(tail.lastSeq).toBe(3);
  });

  it('leaves a line being written for later, and takes it once it is whole', () => {
    journal().append(1, batch(1));
    const file = segmentFile(dir, 1);
    appendFileSync(file, `2\t${batch(2).slice(0, 10)}`);
    const tail = new JournalTail(dir, 0);
    const r = tail.read(2, 1 << 20);
    expect(seqs(r)).toEqual([1]);
    tail.commit(r.end);
    appendFileSync(file, `${batch(2).slice(10)}\n`);
    expect(seqs(tail.read(2, 1 << 20))).toEqual([2]);
  });

  it('goes on into the next segment, also once the one it read is deleted', () => {
    const j = journal(64); // three entries a segment
    for (let s = 1; s <= 9; s++) j.append(s, batch(s));
    const tail = new JournalTail(dir, 0);
    const first = tail.read(6, 1 << 20);
    expect(seqs(first)).toEqual([1, 2, 3, 4, 5, 6]);
    tail.commit(first.end);
    // The bench deletes a segment once SQLite holds all of it: here the one being read, too.
    unlinkSync(segmentFile(dir, 1));
    unlinkSync(segmentFile(dir, 4));
    expect(seqs(tail.read(9, 1 << 20))).toEqual([7, 8, 9]);
  });

  it('starts after the last entry SQLite holds, in whichever segment that is', () => {
    const j = journal(64);
    for (let s = 1; s <= 6; s++) j.append(s, batch(s));
    expect(seqs(new JournalTail(dir, 4).read(6, 1 << 20))).toEqual([5, 6]);
  });

  it('reads a bounded number of bytes at a time, and the rest next time', () => {
    const j = journal();
    for (let s = 1; s <= 10; s++) j.append(s, batch(s));
    const tail = new JournalTail(dir, 0);
    const r = tail.read(10, 3 * (batch(1).length + 3));
    expect(seqs(r)).toEqual([1, 2, 3]);
    expect(r).toMatchObject({ full: true, missing: false });
    tail.commit(r.end);
    const rest = tail.read(10, 1 << 20);
    expect(seqs(rest)).toEqual([4, 5, 6, 7, 8, 9, 10]);
    expect(rest).toMatchObject({ full: false, missing: false });
  });

  it('reads an entry longer than its buffer', () => {
    const j = journal(64 << 20);
    j.append(1, batch(1, 'x'.repeat(3 << 20)));
    j.append(2, batch(2));
    const r = new JournalTail(dir, 0).read(2, 64 << 20);
    expect(seqs(r)).toEqual([1, 2]);
    expect(String((r.entries[0].ops[1] as string[])[0]).length).toBe('frame 1'.length + (3 << 20));
  });

  it('passes over a damaged line whose number reads higher than the entries said, and reads on', () => {
    writeFileSync(segmentFile(dir, 1), `1\t${batch(1)}\n99\t{damaged\n2\t${batch(2)}\n3\t${batch(3)}\n`);
    const tail = new JournalTail(dir, 0);
    const r = tail.read(2, 1 << 20);
    expect(seqs(r)).toEqual([1, 2]);
    expect(r.missing).toBe(false);
    tail.commit(r.end);
    expect(seqs(tail.read(3, 1 << 20))).toEqual([3]);
  });

  it('passes over a damaged line (reported at start) and says when entries are in no segment', () => {
    writeFileSync(segmentFile(dir, 1), `1\t${batch(1)}\n2\t{not json\n3\t${batch(3)}\n`);
    const tail = new JournalTail(dir, 0);
    const r = tail.read(3, 1 << 20);
    expect(seqs(r)).toEqual([1, 3]);
    tail.commit(r.end);
    const gone = tail.read(5, 1 << 20);
    expect(gone.entries).toEqual([]);
    expect(gone.missing).toBe(true);
    expect(gone.end.lastSeq).toBe(5);
  });
});

describe('a journal a killed process left with a torn line', () => {
  it('is read past the torn line into the segment begun after it', () => {
    writeFileSync(segmentFile(dir, 1), `1\t${batch(1)}\n2\t["mess`);
    const j = new JournalAppender(dir, 2, nodeIo, 1 << 20, false, () => {});
    j.append(2, batch(2));
    expect(seqs(new JournalTail(dir, 0).read(2, 1 << 20))).toEqual([1, 2]);
  });

  it('is cut back to its last whole line before the next entry is appended to the same segment', () => {
    writeFileSync(segmentFile(dir, 1), `1\t["mess`);
    const j = new JournalAppender(dir, 1, nodeIo, 1 << 20, false, () => {});
    j.append(1, batch(1));
    j.append(2, batch(2));
    expect(seqs(new JournalTail(dir, 0).read(2, 1 << 20))).toEqual([1, 2]);
  });

  it('is read at start without a last line that lacks its newline, even when what was written of it reads as a batch', () => {
    writeFileSync(segmentFile(dir, 1), `1\t${batch(1)}\n2\t${batch(2)}`);
    const reading = readJournal(dir, 0);
    expect(reading.entries.map((e) => e.seq)).toEqual([1]);
    expect(reading.notices.join('\n')).toMatch(/incomplete line/);
  });
});
