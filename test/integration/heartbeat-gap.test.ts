// A charger's last Heartbeat as the record tells it: the charger view's `lastHeartbeat`, which a test run's
// and a commissioning's heartbeat checks read. Heartbeat times are written in coalesced batches on the writer
// thread; right after a batch is queued, and before it lands in SQLite, the record must still give the
// newest, not the time the batch before wrote (as the last-seen time does: putback-last-seen.test.ts).
import { describe, expect, it } from 'vitest';
import { useTempRecords } from '../helpers/seeded-record';

const { tempDir, open } = useTempRecords('heartbeat-gap');

const at = (s: number): string => new Date(Date.UTC(2026, 11, 6, 3, 59) + Math.round(s * 1000)).toISOString();

describe("a charger's last heartbeat", () => {
  it('is its last Heartbeat while the batch that writes it is still on its way to SQLite', async () => {
    const record = await open(tempDir());
    record.chargers.seenNow('CP-BEAT', at(0));
    // A Heartbeat 30 s in, written and landed.
    record.chargers.heartbeat('CP-BEAT', at(30.25));
    record.chargers.flushSeen(true);
    await record.settled();
    expect(record.chargers.get('CP-BEAT')!.lastHeartbeat).toBe(at(30.25));
    // The next one, 30 s later: its batch is queued (the pending time handed over), not yet in SQLite.
    record.chargers.heartbeat('CP-BEAT', at(60.5));
    record.chargers.flushSeen(true);
    expect(record.chargers.get('CP-BEAT')!.lastHeartbeat).toBe(at(60.5));
    expect(record.chargers.list().find((c) => c.id === 'CP-BEAT')!.lastHeartbeat).toBe(at(60.5));
    // A newer one still pending (not yet flushed) is the newest.
    record.chargers.heartbeat('CP-BEAT', at(90.75));
    expect(record.chargers.get('CP-BEAT')!.lastHeartbeat).toBe(at(90.75));
    // Landed: the same.
    record.chargers.flushSeen(true);
    await record.settled();
    expect(record.chargers.get('CP-BEAT')!.lastHeartbeat).toBe(at(90.75));
    expect(record.chargers.list().find((c) => c.id === 'CP-BEAT')!.lastHeartbeat).toBe(at(90.75));
  });

  it('is forgotten with the charger: registered again, it has none', async () => {
    const record = await open(tempDir());
    record.chargers.seenNow('CP-GONE', at(0));
    record.chargers.heartbeat('CP-GONE', at(10));
    record.chargers.flushSeen(true);
    await record.chargers.delete('CP-GONE');
    await record.chargers.register('CP-GONE');
    expect(record.chargers.get('CP-GONE')!.lastHeartbeat).toBeNull();
  });

  it('is forgotten with a charger retention removed: seen again, it has none until it beats', async () => {
    const record = await open(tempDir());
    record.chargers.seenNow('CP-OLD', at(0));
    record.chargers.heartbeat('CP-OLD', at(5));
    record.chargers.flushSeen(true);
    await record.settled();
    // Retention removes the never-registered charger last seen before the cut.
    await record.pruneBefore(at(3600));
    expect(record.chargers.get('CP-OLD')).toBeNull();
    // It comes back: its row is new, with no Heartbeat yet.
    record.chargers.seenNow('CP-OLD', at(7200));
    await record.settled();
    expect(record.chargers.get('CP-OLD')!.lastHeartbeat).toBeNull();
  });
});
