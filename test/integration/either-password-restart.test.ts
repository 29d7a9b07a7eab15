// After TC_073_CS's new key went unanswered the bench lets the charger in with either that key or its password
// from before, until it connects with one of them. That is kept in the record (the second password through the
// secret codec like the charger's own, migration 21), so a bench restarted before the charger comes back still
// lets it in with either; the one it connects with is kept and the other ends, in the record too. A password set,
// registered or the charger deleted ends it, across a restart as well.
import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IncomingMessage } from 'node:http';
import { BenchRecord } from '../../src/main/store/record';
import { databaseFile, schemaVersion } from '../../src/main/store/database';
import { migrations } from '../../src/main/store/migrations';
import { keyringSecrets } from '../../src/main/store/secrets';
import { ChargerRegistry } from '../../src/main/central-system/registry';
import { admit } from '../../src/main/central-system/admission';
import { basicAuthorization } from '../../src/main/rpc/basic-auth';
import { defaultSettings } from '../../src/shared/api/settings';
import { seedRecord } from '../helpers/seeded-record';

const OLD = 'old-password-1234';
const NEW = 'NEW-KEY-abcdef12';
const PERSON = 'person-chosen-999';
const WORDS = {
  name: 'the password it had before TC_073_CS',
  ownName: 'the AuthorizationKey TC_073_CS set',
  why: 'whether it took the AuthorizationKey TC_073_CS set was not known (its answer never came)',
};

/** A stand-in for safeStorage: reversible, plainly not the password, and refusing what it did not encrypt. */
const secrets = keyringSecrets({
  encrypt: (s: string) => Buffer.from(`K:${s}`, 'utf8').reverse(),
  decrypt: (b: Buffer) => {
    const s = Buffer.from(b).reverse().toString('utf8');
    if (!s.startsWith('K:')) throw new Error('not this keyring');
    return s.slice(2);
  },
});

const dirs: string[] = [];
const open: BenchRecord[] = [];
afterEach(async () => {
  for (const r of open.splice(0)) await r.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'chargebench-either-restart-'));
  dirs.push(d);
  return d;
};

/** The bench started on `dir`: its record and the registry the central system builds from it. */
async function start(dir: string): Promise<{ record: BenchRecord; registry: ChargerRegistry }> {
  const record = await BenchRecord.open(dir, { secrets });
  open.push(record);
  return { record, registry: new ChargerRegistry(record) };
}
/** The bench stopped (everything written). */
async function stop(record: BenchRecord): Promise<void> {
  await record.settled();
  open.splice(open.indexOf(record), 1);
  await record.close();
}

const login = (pw: string) => ({ url: '/ocpp/CP1', headers: { 'sec-websocket-protocol': 'ocpp1.6', authorization: basicAuthorization('CP1', pw) } }) as unknown as IncomingMessage;
const lets = (registry: ChargerRegistry, pw: string) => admit(login(pw), registry, defaultSettings);

/** A bench that registered CP1 with OLD, then let it in with either NEW (its own now) or OLD, and was stopped. */
async function leftLettingInEither(): Promise<string> {
  const dir = tempDir();
  const { record, registry } = await start(dir);
  await registry.register('CP1', { password: OLD });
  await registry.letInEither('CP1', NEW, { password: OLD, ...WORDS });
  await stop(record);
  return dir;
}

const rawRow = (dir: string) => {
  const db = new Database(databaseFile(dir), { readonly: true });
  try {
    return db.prepare("SELECT password, either_password, either_words FROM chargers WHERE id = 'CP1'").get() as Record<string, string | null>;
  } finally {
    db.close();
  }
};

describe('letting a charger in with either password, across a restart', () => {
  it('keeps the second password encrypted in the record, never in a view', async () => {
    const dir = await leftLettingInEither();
    const row = rawRow(dir);
    expect(row.either_password).toMatch(/^enc:v1:/);
    expect(JSON.stringify(row)).not.toContain(OLD);
    expect(JSON.stringify(row)).not.toContain(NEW);
    expect(JSON.parse(row.either_words!)).toEqual(WORDS);
    const { record } = await start(dir);
    const views = JSON.stringify([record.chargers.list(), record.chargers.get('CP1')]);
    expect(views).not.toContain(OLD);
    expect(views).not.toContain(NEW);
  });

  it('lets it in with the password from before after a restart, keeps that one, and a third start accepts only it', async () => {
    const dir = await leftLettingInEither();
    let bench = await start(dir);
    expect(bench.registry.passwordOf('CP1')).toBe(NEW);
    expect(bench.registry.otherPasswordOf('CP1')).toBe(OLD);
    expect(lets(bench.registry, OLD)).toMatchObject({ admitted: true, note: expect.stringContaining('connected with the password it had before TC_073_CS') });
    expect(lets(bench.registry, NEW).admitted).toBe(false);
    await stop(bench.record);
    expect(rawRow(dir).either_password).toBeNull();

    bench = await start(dir);
    expect(bench.registry.otherPasswordOf('CP1')).toBeUndefined();
    expect(lets(bench.registry, OLD)).toMatchObject({ admitted: true, note: null });
    expect(lets(bench.registry, NEW).admitted).toBe(false);
  });

  it('lets it in with the new key after a restart, keeps that one, and a third start accepts only it', async () => {
    const dir = await leftLettingInEither();
    let bench = await start(dir);
    expect(lets(bench.registry, NEW)).toMatchObject({ admitted: true, note: expect.stringContaining('connected with the AuthorizationKey TC_073_CS set') });
    expect(lets(bench.registry, OLD).admitted).toBe(false);
    await stop(bench.record);
    expect(rawRow(dir)).toMatchObject({ either_password: null, either_words: null });

    bench = await start(dir);
    expect(bench.registry.otherPasswordOf('CP1')).toBeUndefined();
    expect(lets(bench.registry, OLD).admitted).toBe(false);
    expect(lets(bench.registry, NEW)).toMatchObject({ admitted: true, note: null });
  });

  for (const [how, change] of [
    ['a password set by hand', (r: ChargerRegistry) => r.setPassword('CP1', PERSON)],
    ['a registration with a password', (r: ChargerRegistry) => r.register('CP1', { password: PERSON })],
    ['the charger deleted and registered again', async (r: ChargerRegistry) => (await r.delete('CP1'), await r.register('CP1', { password: PERSON }))],
  ] as const) {
    it(`ends with ${how}, and stays ended after a restart`, async () => {
      const dir = await leftLettingInEither();
      let bench = await start(dir);
      await change(bench.registry);
      await stop(bench.record);
      bench = await start(dir);
      expect(bench.registry.otherPasswordOf('CP1')).toBeUndefined();
      expect(lets(bench.registry, OLD).admitted).toBe(false);
      expect(lets(bench.registry, NEW).admitted).toBe(false);
      expect(lets(bench.registry, PERSON)).toMatchObject({ admitted: true, note: null });
    });
  }

  it('refuses a charger whose second password this machine cannot read, as one whose own it cannot, until a password is set', async () => {
    const dir = await leftLettingInEither();
    const db = new Database(databaseFile(dir));
    db.prepare("UPDATE chargers SET either_password = 'enc:v1:AAAA' WHERE id = 'CP1'").run();
    db.close();
    const bench = await start(dir);
    expect(bench.registry.passwordOf('CP1')).toBe('unreadable');
    expect(lets(bench.registry, NEW).admitted).toBe(false);
    expect(lets(bench.registry, OLD).admitted).toBe(false);
    await bench.registry.setPassword('CP1', PERSON);
    expect(lets(bench.registry, PERSON).admitted).toBe(true);
  });
});

describe('migration 21: the second password on the chargers row', () => {
  const BEFORE = migrations.findIndex((m) => m.includes('ADD COLUMN either_password '));

  it('opens a record written before it: its chargers keep their passwords, with no second one, and one set since is kept', async () => {
    expect(BEFORE).toBe(20);
    const dir = tempDir();
    seedRecord(
      dir,
      (db) => {
        const add = db.prepare('INSERT INTO chargers (id, first_seen, last_seen, registered, password) VALUES (?, ?, ?, 1, ?)');
        add.run('CP1', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', OLD);
      },
      BEFORE,
    );
    let bench = await start(dir);
    expect(schemaVersion(bench.record.db)).toBe(migrations.length);
    expect(bench.registry.passwordOf('CP1')).toBe(OLD);
    expect(bench.registry.otherPasswordOf('CP1')).toBeUndefined();
    await bench.registry.letInEither('CP1', NEW, { password: OLD, ...WORDS });
    await stop(bench.record);
    bench = await start(dir);
    expect(bench.registry.passwordOf('CP1')).toBe(NEW);
    expect(bench.registry.otherPasswordOf('CP1')).toBe(OLD);
  });
});
