// A record written by an earlier version is upgraded at start (migrations; one builds indexes over every
// connection attempt, seconds on a large record): the start says so before the work and when it is done,
// with the time taken, so a silent start is not taken for a bench that hung. A new record says nothing.
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BenchRecord } from '../../src/main/store/record';
import { databaseFile, schemaVersion } from '../../src/main/store/database';
import { migrations } from '../../src/main/store/migrations';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'chargebench-upgrade-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A record as a version that knew the first `schema` migrations left it, with a few connection attempts. */
function oldRecord(dir: string, schema: number): void {
  const db = new Database(databaseFile(dir));
  for (const m of migrations.slice(0, schema)) db.exec(m);
  db.pragma(`user_version = ${schema}`);
  const add = db.prepare("INSERT INTO connection_attempts (ts, charger_id, remote_address, outcome, reason) VALUES (?, 'CP-1', '10.0.0.1', 'refused', 'Wrong password')");
  for (let i = 0; i < 100; i++) add.run(new Date(Date.UTC(2025, 0, 1, 0, 0, i)).toISOString());
  db.close();
}

describe('opening the record', () => {
  it('says it upgrades a record of an earlier version, before and after (with the time taken)', async () => {
    const dir = tempDir();
    oldRecord(dir, 13);
    const lines: string[] = [];
    const record = await BenchRecord.open(dir, { progress: (l) => lines.push(l) });
    try {
      expect(schemaVersion(record.db)).toBe(migrations.length);
      expect(lines).toHaveLength(2);
      const steps = migrations.length - 13;
      expect(lines[0]).toBe(`Upgrading the record in ${dir} from an earlier version of ChargeBench (${steps} steps, schema 13 to ${migrations.length}); this can take a while on a large record…`);
      expect(lines[1]).toMatch(new RegExp(`^Upgraded the record in ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} in \\d+(\\.\\d)? m?s\\.$`));
      // What it held is still there, grouped as the new schema groups it.
      expect(record.connectionAttempts.list(200)).toHaveLength(100);
    } finally {
      await record.close();
    }
  });

  it('says nothing for a new record, nor for one already up to date', async () => {
    const dir = tempDir();
    const lines: string[] = [];
    const record = await BenchRecord.open(dir, { progress: (l) => lines.push(l) });
    await record.close();
    const again = await BenchRecord.open(dir, { progress: (l) => lines.push(l) });
    await again.close();
    expect(lines).toEqual([]);
  });
});
