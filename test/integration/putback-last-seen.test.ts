// A charger's last contact (its last frame) as the record tells it: the time the note of a dropped connection
// gives ("its last frame came at …") and the chargers list's "last seen". Last-seen times are written in
// coalesced batches on the writer thread; right after a batch is queued, and before it lands in SQLite (as
// when a charger drops just after its last frame), the record must still give the newest, not the time the
// batch before wrote.
import { describe, expect, it } from 'vitest';
import { useTempRecords } from '../helpers/seeded-record';

const { tempDir, open } = useTempRecords('putback-last-seen');

const at = (s: number): string => new Date(Date.UTC(2026, 11, 6, 3, 59) + Math.round(s * 1000)).toISOString();

describe("a charger's last contact", () => {
  it('is its last frame while the batch that writes it is still on its way to SQLite', async () => {
    const record = await open(tempDir());
    record.chargers.seenNow('CP-LAST', at(0));
    // A frame 45.9 s in, written and landed.
    record.chargers.touch('CP-LAST', at(45.916));
    record.chargers.flushSeen(true);
    await record.settled();
    expect(record.chargers.lastSeen('CP-LAST')).toBe(at(45.916));
    // Its last frame, 5 s later: its batch is queued (the pending time handed over), not yet in SQLite.
    record.chargers.touch('CP-LAST', at(50.942));
    record.chargers.flushSeen(true);
    expect(record.chargers.lastSeen('CP-LAST')).toBe(at(50.942));
    expect(record.chargers.get('CP-LAST')!.lastSeen).toBe(at(50.942));
    expect(record.chargers.list().find((c) => c.id === 'CP-LAST')!.lastSeen).toBe(at(50.942));
    // Landed: the same.
    await record.settled();
    expect(record.chargers.lastSeen('CP-LAST')).toBe(at(50.942));
  });

  it('is forgotten with the charger', async () => {
    const record = await open(tempDir());
    record.chargers.touch('CP-GONE', at(10));
    record.chargers.flushSeen(true);
    await record.chargers.delete('CP-GONE');
    expect(record.chargers.lastSeen('CP-GONE')).toBeNull();
  });
});
