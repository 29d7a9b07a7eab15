// A refusal that gave no charger id (a bad URL, a missing identity) is grouped with the newest line from its
// address: found through the partial index of such lines (migration 14), not by stepping over every line
// without a charger id newest first (200,000 of them: ~45 ms per refusal from a new address, in the writer).
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { migrations } from '../../../../src/main/store/migrations';
import { connectionAttemptWrites } from '../../../../src/main/store/repositories/connection-attempts';

const migrated = () => {
  const db = new Database(':memory:');
  for (const m of migrations) db.exec(m);
  return db;
};
const plan = (db: Database.Database, params: unknown[]) => (db.prepare(`EXPLAIN QUERY PLAN ${connectionAttemptWrites.attempt}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail);

describe('grouping a refusal', () => {
  it('finds the newest line from the address through the partial index when no charger id was given', () => {
    const db = migrated();
    const steps = plan(db, ['2026-01-01T00:00:00.000Z', null, '10.0.0.1', 'refused', 'Missing identity']);
    // (Both branches of the statement are planned: a charger's newest line by its index, this one by the partial index.)
    expect(steps).toContain('SEARCH c USING INDEX connection_attempts_without_charger (remote_address=?)');
    expect(steps).toContain('SEARCH c USING COVERING INDEX connection_attempts_by_charger (charger_id=?)');
    expect(steps.filter((d) => /^SCAN (c|last|connection_attempts)\b/.test(d))).toEqual([]);
    db.close();
  });

  it("finds a charger's newest line through the charger index", () => {
    const db = migrated();
    expect(plan(db, ['2026-01-01T00:00:00.000Z', 'CP-1', '10.0.0.1', 'refused', 'Wrong password']).some((d) => /connection_attempts_by_charger/.test(d))).toBe(true);
    db.close();
  });

  it('still groups identical refusals from one address, with or without a charger id, whatever came from other addresses', () => {
    const db = migrated();
    const add = db.prepare(connectionAttemptWrites.attempt);
    const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();
    add.run(at(1), null, '10.0.0.1', 'refused', 'Missing identity');
    for (let i = 0; i < 50; i++) add.run(at(2), null, `10.0.1.${i}`, 'refused', 'Missing identity');
    add.run(at(3), null, '10.0.0.1', 'refused', 'Missing identity');
    add.run(at(4), null, null, 'refused', 'Bad URL');
    add.run(at(5), null, null, 'refused', 'Bad URL');
    add.run(at(6), 'CP-1', '10.0.0.1', 'refused', 'Missing identity');
    add.run(at(7), 'CP-1', '10.0.0.1', 'refused', 'Missing identity');
    const rows = db.prepare('SELECT charger_id, remote_address, repeats, first_ts, ts FROM connection_attempts ORDER BY id DESC LIMIT 3').all();
    expect(rows).toEqual([
      { charger_id: 'CP-1', remote_address: '10.0.0.1', repeats: 2, first_ts: at(6), ts: at(7) },
      { charger_id: null, remote_address: null, repeats: 2, first_ts: at(4), ts: at(5) },
      { charger_id: null, remote_address: '10.0.0.1', repeats: 2, first_ts: at(1), ts: at(3) },
    ]);
    db.close();
  });
});
