// The mend after an unclean stop reads only the message log's last seconds, and the message log's time
// filter reads from a time on: the first id of them is found by bisection on the ids (message-time.ts: a
// few dozen lookups, not a scan), across ids retention left gaps in.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../../../src/main/store/database';
import { firstIdAtOrAfter } from '../../../../src/main/store/message-time';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function logOf(ids: number[]): Db {
  const dir = mkdtempSync(join(tmpdir(), 'chargebench-firstid-'));
  dirs.push(dir);
  const db = openDatabase(dir, { progress: () => undefined });
  const add = db.prepare("INSERT INTO messages (id, ts, charger_id, direction, kind, raw) VALUES (?, ?, 'CP1', 'in', 'CALL', '[]')");
  // One frame a second from 10:00:00, by id.
  for (const id of ids) add.run(id, new Date(Date.parse('2026-03-02T10:00:00.000Z') + id * 1000).toISOString());
  return db;
}
const t = (s: number) => new Date(Date.parse('2026-03-02T10:00:00.000Z') + s * 1000).toISOString();

describe('firstIdAtOrAfter', () => {
  it('finds where the frames at or after a time begin, over gaps, and past the end when there is none', () => {
    const ids = [...Array.from({ length: 50 }, (_, i) => i + 1), ...Array.from({ length: 50 }, (_, i) => i + 500)];
    const db = logOf(ids);
    try {
      // Every frame before the id found is earlier than the time, and the first from it on is not.
      for (const s of [0, 1, 29.5, 30, 50, 100, 499, 500, 520, 549, 600]) {
        const from = firstIdAtOrAfter(db, t(s), 0, 549);
        expect(ids.filter((id) => id < from).every((id) => t(id) < t(s))).toBe(true);
        const first = ids.find((id) => id >= from);
        expect(first === undefined ? null : first).toBe(ids.find((id) => t(id) >= t(s)) ?? null);
      }
      expect(firstIdAtOrAfter(db, t(30), 0, 549)).toBe(30);
      expect(firstIdAtOrAfter(db, t(600), 0, 549)).toBe(550);
      // Within the ids given: from lo on, and hi + 1 when none up to hi is as late.
      expect(firstIdAtOrAfter(db, t(10), 20, 549)).toBe(20);
      expect(firstIdAtOrAfter(db, t(45), 0, 40)).toBe(41);
      expect(firstIdAtOrAfter(db, t(30), 0, 40)).toBe(30);
    } finally {
      db.close();
    }
  });
});
