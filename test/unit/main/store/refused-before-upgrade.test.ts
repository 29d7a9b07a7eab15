// Connections turned away before the HTTP upgrade are recorded a burst at a time (a count, from when to when)
// and counted on the line of their address and reason among the address's newest lines without a charger
// id, found through the partial index of such lines (migration 14), never by stepping over every line.
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { migrations } from '../../../../src/main/store/migrations';
import { connectionAttemptWrites } from '../../../../src/main/store/repositories/connection-attempts';

const migrated = () => {
  const db = new Database(':memory:');
  for (const m of migrations) db.exec(m);
  return db;
};
const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();
const rows = (db: Database.Database) => db.prepare('SELECT remote_address, reason, repeats, first_ts, ts FROM connection_attempts ORDER BY id DESC').all();

describe('recording refusals before the upgrade', () => {
  it('counts a burst on the line of the same address and reason: N refusals, one line of N', () => {
    const db = migrated();
    const add = db.prepare(connectionAttemptWrites.refusedBeforeUpgrade);
    add.run(at(1), at(1), '10.0.0.1', 'Over the cap', 1);
    add.run(at(9), at(2), '10.0.0.1', 'Over the cap', 29);
    add.run(at(12), at(11), '10.0.0.1', 'Over the cap', 70);
    expect(rows(db)).toEqual([{ remote_address: '10.0.0.1', reason: 'Over the cap', repeats: 100, first_ts: at(1), ts: at(12) }]);
    db.close();
  });

  it('keeps kinds alternating from one address one line each, and other addresses apart', () => {
    const db = migrated();
    const add = db.prepare(connectionAttemptWrites.refusedBeforeUpgrade);
    const attempt = db.prepare(connectionAttemptWrites.attempt);
    add.run(at(1), at(1), '10.0.0.1', 'Over the cap', 1);
    add.run(at(2), at(2), '10.0.0.1', 'No handshake in time', 1);
    attempt.run(at(3), 'CP-1', '10.0.0.1', 'accepted', null);
    add.run(at(5), at(4), '10.0.0.1', 'Over the cap', 5);
    add.run(at(6), at(6), '10.0.0.2', 'Over the cap', 1);
    add.run(at(8), at(7), '10.0.0.1', 'No handshake in time', 2);
    add.run(at(9), at(9), '10.0.0.1', 'Over the cap', 1);
    expect(db.prepare('SELECT charger_id, remote_address, reason, repeats, first_ts, ts FROM connection_attempts ORDER BY id DESC').all()).toEqual([
      { charger_id: null, remote_address: '10.0.0.1', reason: 'Over the cap', repeats: 7, first_ts: at(1), ts: at(9) },
      { charger_id: null, remote_address: '10.0.0.1', reason: 'No handshake in time', repeats: 3, first_ts: at(2), ts: at(8) },
      { charger_id: null, remote_address: '10.0.0.2', reason: 'Over the cap', repeats: 1, first_ts: null, ts: at(6) },
      { charger_id: 'CP-1', remote_address: '10.0.0.1', reason: null, repeats: 1, first_ts: null, ts: at(3) },
    ]);
    db.close();
  });

  it('starts a line of its own, with when the burst began, when nothing of its kind is among the newest', () => {
    const db = migrated();
    const add = db.prepare(connectionAttemptWrites.refusedBeforeUpgrade);
    add.run(at(1), at(1), '10.0.0.1', 'Over the cap', 1);
    for (let i = 0; i < 5; i++) add.run(at(2 + i), at(2 + i), '10.0.0.1', `Other reason ${i}`, 1);
    add.run(at(20), at(10), '10.0.0.1', 'Over the cap', 4);
    expect(rows(db)[0]).toEqual({ remote_address: '10.0.0.1', reason: 'Over the cap', repeats: 4, first_ts: at(10), ts: at(20) });
    expect(rows(db)).toHaveLength(7);
    db.close();
  });

  it("finds the address's newest lines through the partial index", () => {
    const db = migrated();
    const steps = (db.prepare(`EXPLAIN QUERY PLAN ${connectionAttemptWrites.refusedBeforeUpgrade}`).all(at(1), at(1), '10.0.0.1', 'Over the cap', 3) as Array<{ detail: string }>).map((r) => r.detail);
    expect(steps.some((d) => d.includes('USING INDEX connection_attempts_without_charger (remote_address=?)'))).toBe(true);
    expect(steps.filter((d) => /^SCAN (c|connection_attempts)\b/.test(d))).toEqual([]);
    db.close();
  });
});
