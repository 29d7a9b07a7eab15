// A charger registered ahead of its first connection: its "first seen" is its first connection, not its
// registration, and its registration time is kept apart (registeredAt). Before it connects its first_seen is
// its registration (the page says "Known since"). A record written before migration 20 is mended where it can be.
import { describe, expect, it } from 'vitest';
import { migrations } from '../../src/main/store/migrations';
import { seedRecord, useTempRecords } from '../helpers/seeded-record';

const { tempDir, open, close } = useTempRecords('nowoff-first-seen');

const later = (ms: number): string => new Date(Date.now() + ms).toISOString();
const t = (minute: number): string => new Date(Date.UTC(2026, 11, 6, 3, minute)).toISOString();

describe('first seen apart from registered', () => {
  it('is the first connection for a charger registered ahead, with its registration kept apart, across a reopen', async () => {
    const dir = tempDir();
    let record = await open(dir);
    await record.chargers.register('SITE-CP1', { password: 'a-password-of-some-length' });
    const registered = record.chargers.get('SITE-CP1')!;
    expect(registered.registeredAt).toBe(registered.firstSeen);

    // Its first connection, then frames after it.
    const connectedAt = later(60_000);
    record.chargers.seenNow('SITE-CP1', connectedAt);
    await record.settled();
    record.chargers.touch('SITE-CP1', later(120_000));
    record.chargers.flushSeen(true);
    await record.settled();
    // Registered again (e.g. its password changed through Register): the first registration stays.
    await record.chargers.register('SITE-CP1');

    let cp = record.chargers.get('SITE-CP1')!;
    expect(cp.firstSeen).toBe(connectedAt);
    expect(cp.registeredAt).toBe(registered.registeredAt);
    expect(cp.firstSeen).not.toBe(cp.registeredAt);
    await close(record);

    record = await open(dir);
    cp = record.chargers.list().find((c) => c.id === 'SITE-CP1')!;
    expect(cp.firstSeen).toBe(connectedAt);
    expect(cp.registeredAt).toBe(registered.registeredAt);
  });

  it('keeps the first connection of a charger seen before it was registered, with its registration time', async () => {
    const record = await open(tempDir());
    const seenAt = later(-60_000);
    record.chargers.seenNow('CP-SEEN', seenAt);
    await record.settled();
    expect(record.chargers.get('CP-SEEN')!.registeredAt).toBeNull();
    await record.chargers.register('CP-SEEN');
    const cp = record.chargers.get('CP-SEEN')!;
    expect(cp.firstSeen).toBe(seenAt);
    expect(cp.registeredAt).not.toBeNull();
    expect(cp.registeredAt! > seenAt).toBe(true);
  });

  it('mends a record written before migration 20', async () => {
    const dir = tempDir();
    seedRecord(
      dir,
      (db) => {
        const add = db.prepare('INSERT INTO chargers (id, first_seen, last_seen, registered, connected, remote_address, last_boot) VALUES (?, ?, ?, ?, 0, ?, ?)');
        // Registered ahead, never connected.
        add.run('CP-NEVER', t(0), t(0), 1, null, null);
        // Registered ahead at 03:40, refused at 03:40:19, connected at 03:41.
        add.run('SITE-CP1', t(40), t(50), 1, '10.0.0.9', t(41));
        // Seen first, registered later: its first_seen is its first connection.
        add.run('CP-FIRST', t(10), t(50), 1, '10.0.0.8', t(10));
        const attempt = db.prepare('INSERT INTO connection_attempts (ts, charger_id, remote_address, outcome, reason) VALUES (?, ?, ?, ?, NULL)');
        attempt.run(t(10), 'CP-FIRST', '10.0.0.8', 'accepted');
        attempt.run(new Date(Date.parse(t(40)) + 19_000).toISOString(), 'SITE-CP1', '10.0.0.9', 'refused');
        attempt.run(t(41), 'SITE-CP1', '10.0.0.9', 'accepted');
      },
      migrations.findIndex((m) => m.includes('ADD COLUMN registered_at')),
    );
    const record = await open(dir);
    const by = Object.fromEntries(record.chargers.list().map((c) => [c.id, c]));
    expect([by['CP-NEVER'].firstSeen, by['CP-NEVER'].registeredAt]).toEqual([t(0), t(0)]);
    expect([by['SITE-CP1'].firstSeen, by['SITE-CP1'].registeredAt]).toEqual([t(41), t(40)]);
    expect([by['CP-FIRST'].firstSeen, by['CP-FIRST'].registeredAt]).toEqual([t(10), null]);
  });
});
