// Migration 18 keeps each charger's newest admission change (its password set or cleared, its registration)
// on its chargers row. A record written before it opens with the columns added and no change known for any
// charger (a refusal reads as it stands); a change made since is on the row, kept across a reopen, and the
// chargers list reads it without a query per charger.
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { schemaVersion } from '../../src/main/store/database';
import { migrations } from '../../src/main/store/migrations';
import { statementsRun } from '../helpers/statements';
import { seedRecord, useTempRecords } from '../helpers/seeded-record';

const { tempDir, open, close } = useTempRecords('admission-upgrade');

/** The schema before migration 18 (the one that adds the admission change to the chargers row). */
const BEFORE = migrations.findIndex((m) => m.includes('ADD COLUMN admission_change '));
const t = (minute: number): string => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();

describe('migration 18: the admission change on the chargers row', () => {
  it('is the last migration, adding the columns', () => {
    expect(BEFORE).toBe(17);
    const db = new Database(':memory:');
    for (const m of migrations) db.exec(m);
    const columns = (db.prepare('PRAGMA table_info(chargers)').all() as Array<{ name: string }>).map((c) => c.name);
    expect(columns).toEqual(expect.arrayContaining(['admission_change', 'admission_change_at']));
    db.close();
  });

  it('opens a record written before it with no change known, then keeps each change made across a reopen', async () => {
    const dir = tempDir();
    seedRecord(
      dir,
      (db) => {
        const add = db.prepare('INSERT INTO chargers (id, first_seen, last_seen, registered) VALUES (?, ?, ?, ?)');
        add.run('CP-OLD', t(0), t(1), 1);
        add.run('CP-NEW', t(0), t(1), 0);
      },
      BEFORE,
    );

    let record = await open(dir);
    expect(schemaVersion(record.db)).toBe(migrations.length);
    expect(record.chargers.list().map((c) => [c.id, c.admissionChange])).toEqual([
      ['CP-NEW', null],
      ['CP-OLD', null],
    ]);
    await record.chargers.setPassword('CP-OLD', 'a-password-of-some-length');
    await record.chargers.register('CP-NEW');
    const changed = record.chargers.get('CP-OLD')!.admissionChange;
    expect(changed).toEqual({ what: 'password', at: expect.any(String) });
    expect(record.chargers.get('CP-NEW')!.admissionChange).toEqual({ what: 'registered', at: expect.any(String) });
    await close(record);

    record = await open(dir);
    expect(record.chargers.get('CP-OLD')!.admissionChange).toEqual(changed);
    expect(record.chargers.list().find((c) => c.id === 'CP-NEW')!.admissionChange).toMatchObject({ what: 'registered' });
  });

  it('is read in the chargers list without a query per charger', async () => {
    const record = await open(tempDir());
    for (let i = 0; i < 30; i++) await record.chargers.register(`CP-${i}`, { password: i % 2 ? `password-${i}-long-enough` : null });
    const { result, count } = statementsRun(record.db, () => record.chargers.list());
    expect(count).toBeLessThanOrEqual(2);
    expect(result).toHaveLength(30);
    expect(result.every((c) => c.admissionChange?.what === (Number(c.id.slice(3)) % 2 ? 'password' : 'passwordCleared'))).toBe(true);
  });
});
