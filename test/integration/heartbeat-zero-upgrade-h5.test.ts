// Migration 16 filled in the heartbeat interval each charger was given from its operations, but passed over
// an interval of 0 (no heartbeats: never "overdue"), leaving an older one, or none, as the one given. The
// migration after it puts the 0 in where the newest accepted change or read after the charger's last boot
// was 0, for a record upgraded from before 16 and for one 16 already ran on; nothing newer is overwritten.
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BenchRecord } from '../../src/main/store/record';
import { databaseFile } from '../../src/main/store/database';
import { migrations } from '../../src/main/store/migrations';

const dirs: string[] = [];
const records: BenchRecord[] = [];
afterEach(async () => {
  for (const r of records.splice(0)) await r.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Migration 16 (adds the interval to the chargers row and fills it in) and the one that puts in a 0 it passed over. */
const M16 = migrations.findIndex((m) => m.includes('ADD COLUMN heartbeat_interval '));
const ZERO = migrations.findIndex((m) => m.trimStart().startsWith('UPDATE chargers SET (heartbeat_interval, heartbeat_interval_how, heartbeat_interval_at)'));

const t = (minute: number): string => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();

/** A record as an older version left it (its schema `version`), filled by `fill`; then opened. */
async function upgraded(version: number, fill: (db: Database.Database) => void): Promise<BenchRecord> {
  const dir = mkdtempSync(join(tmpdir(), 'chargebench-hb-zero-h5-'));
  dirs.push(dir);
  const db = new Database(databaseFile(dir));
  db.pragma('journal_mode = WAL');
  for (const m of migrations.slice(0, version)) db.exec(m);
  db.pragma(`user_version = ${version}`);
  fill(db);
  db.close();
  const r = await BenchRecord.open(dir);
  records.push(r);
  return r;
}

function addCharger(db: Database.Database, id: string, lastBoot: string | null = t(1)): void {
  db.prepare('INSERT INTO chargers (id, first_seen, last_seen, registration_status, last_boot) VALUES (?, ?, ?, ?, ?)').run(id, t(0), t(59), lastBoot ? 'Accepted' : null, lastBoot);
}
function addOperation(db: Database.Database, chargerId: string, action: string, request: unknown, response: unknown, at: string): void {
  db.prepare('INSERT INTO operations (charger_id, action, request, sent_at, finished_at, outcome, response) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    chargerId,
    action,
    JSON.stringify(request),
    at,
    at,
    'completed',
    JSON.stringify(response),
  );
}
const set = (db: Database.Database, id: string, value: unknown, at: string, status = 'Accepted') => addOperation(db, id, 'ChangeConfiguration', { key: 'HeartbeatInterval', value }, { status }, at);
const read = (db: Database.Database, id: string, value: unknown, at: string) =>
  addOperation(db, id, 'GetConfiguration', {}, { configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value }] }, at);
/** What migration 16 left on a charger's row (as a bench of schema 16 to 18 may hold it). */
const given = (db: Database.Database, id: string, seconds: number, how: string, at: string) =>
  db.prepare('UPDATE chargers SET heartbeat_interval = ?, heartbeat_interval_how = ?, heartbeat_interval_at = ? WHERE id = ?').run(seconds, how, at, id);

describe('an interval of 0 changed or read before the upgrade', () => {
  it('is the one given once a record from before migration 16 is opened', async () => {
    expect(M16).toBeGreaterThan(0);
    expect(ZERO).toBeGreaterThan(M16);
    const record = await upgraded(M16, (db) => {
      // Set to 60 s, then to 0.
      addCharger(db, 'CP-SET0');
      set(db, 'CP-SET0', '60', t(6));
      set(db, 'CP-SET0', '0', t(7));
      // Set to 60 s, then read as 0 (a number, as some chargers send it).
      addCharger(db, 'CP-READ0');
      set(db, 'CP-READ0', 60, t(6));
      read(db, 'CP-READ0', ' 0 ', t(8));
      // 0, then 120 s: 120 s (the newest).
      addCharger(db, 'CP-LATER');
      set(db, 'CP-LATER', '0', t(6));
      set(db, 'CP-LATER', '120', t(7));
      // 0 refused by the charger: the 60 s it accepted stands.
      addCharger(db, 'CP-REFUSED0');
      set(db, 'CP-REFUSED0', '60', t(6));
      set(db, 'CP-REFUSED0', '0', t(7), 'Rejected');
      // 0 before its last boot: the boot answer's (not in the record) is in force: none.
      addCharger(db, 'CP-BOOTED', t(20));
      set(db, 'CP-BOOTED', '0', t(7));
      // Never booted, set to 0 once.
      addCharger(db, 'CP-NEVER', null);
      set(db, 'CP-NEVER', 0, t(6));
    });
    const byId = Object.fromEntries(record.chargers.list().map((c) => [c.id, c.heartbeatGiven]));
    expect(byId).toEqual({
      'CP-SET0': { seconds: 0, how: 'set', at: t(7) },
      'CP-READ0': { seconds: 0, how: 'read', at: t(8) },
      'CP-LATER': { seconds: 120, how: 'set', at: t(7) },
      'CP-REFUSED0': { seconds: 60, how: 'set', at: t(6) },
      'CP-BOOTED': null,
      'CP-NEVER': { seconds: 0, how: 'set', at: t(6) },
    });
    expect(record.chargers.get('CP-SET0')!.heartbeatGiven).toEqual(byId['CP-SET0']);
  });

  it('replaces the older interval migration 16 left in a record it already ran on, and nothing newer', async () => {
    const record = await upgraded(ZERO, (db) => {
      // Migration 16 took the 60 s and passed over the newer 0.
      addCharger(db, 'CP-STALE');
      set(db, 'CP-STALE', '60', t(6));
      set(db, 'CP-STALE', '0', t(7));
      given(db, 'CP-STALE', 60, 'set', t(6));
      // Learnt since (the bench wrote it as it happened, newer than the 0): kept.
      addCharger(db, 'CP-LIVE');
      set(db, 'CP-LIVE', '60', t(6));
      set(db, 'CP-LIVE', '0', t(7));
      given(db, 'CP-LIVE', 300, 'set', t(9));
      // A read of -1 (a faulty charger) after the 0: the bench takes no negative interval, so the 0 stands.
      addCharger(db, 'CP-NEGATIVE');
      set(db, 'CP-NEGATIVE', '60', t(6));
      set(db, 'CP-NEGATIVE', '0', t(7));
      read(db, 'CP-NEGATIVE', -1, t(8));
      given(db, 'CP-NEGATIVE', 60, 'set', t(6));
      // Nothing passed over: unchanged.
      addCharger(db, 'CP-PLAIN');
      set(db, 'CP-PLAIN', '90', t(6));
      given(db, 'CP-PLAIN', 90, 'set', t(6));
    });
    const byId = Object.fromEntries(record.chargers.list().map((c) => [c.id, c.heartbeatGiven]));
    expect(byId).toEqual({
      'CP-STALE': { seconds: 0, how: 'set', at: t(7) },
      'CP-LIVE': { seconds: 300, how: 'set', at: t(9) },
      'CP-NEGATIVE': { seconds: 0, how: 'set', at: t(7) },
      'CP-PLAIN': { seconds: 90, how: 'set', at: t(6) },
    });
  });
});
