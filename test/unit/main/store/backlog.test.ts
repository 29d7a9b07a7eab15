// The writer's back-log: the bytes of journal entries SQLite does not hold yet, taken off as the writer
// thread reports entries ingested (in order, possibly many at once, possibly none).
import { describe, expect, it } from 'vitest';
import { Backlog } from '../../../../src/main/store/writer/backlog';

describe('the back-log', () => {
  it('counts the bytes of the entries not yet ingested', () => {
    const b = new Backlog();
    b.added(1, 100);
    b.added(2, 50);
    b.added(3, 7);
    expect(b.bytes).toBe(157);
    b.ingested(2);
    expect(b.bytes).toBe(7);
    // An older report (a thread restarted) takes nothing off.
    b.ingested(1);
    expect(b.bytes).toBe(7);
    b.ingested(3);
    expect(b.bytes).toBe(0);
    b.ingested(9);
    expect(b.bytes).toBe(0);
  });

  it('takes a long back-log off in parts, as a stalled record catches up', () => {
    const b = new Backlog();
    for (let seq = 1; seq <= 100_000; seq++) b.added(seq, 3);
    b.ingested(40_000);
    expect(b.bytes).toBe(60_000 * 3);
    b.ingested(100_000);
    expect(b.bytes).toBe(0);
  });
});
