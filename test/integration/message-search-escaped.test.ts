// The message log's search, through the record (the free-text index the writer thread builds, and the
// scan of frames after it): text the charger's JSON escaped is found as the UI shows it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BenchRecord } from '../../src/main/store/record';
import { searchIndexedTo } from '../../src/main/store/repositories/message-search';
import { waitFor } from '../helpers/bench';

const raws = [
  JSON.stringify([2, 'a1', 'StartTransaction', { connectorId: 1, idTag: 'Zoë"Ω-tag', meterStart: 0, timestamp: '2026-03-01T08:00:00.000Z' }]),
  '[2,"d2","DataTransfer",{"vendorId":"x","data":"caf\\u00e9"}]',
  JSON.stringify([2, 'd3', 'DataTransfer', { vendorId: 'x', data: 'with "quotes" in it' }]),
  ...Array.from({ length: 60 }, (_, i) => JSON.stringify([2, `h${i}`, 'Heartbeat', {}])),
];

describe('searching the record for text its frames escape', () => {
  let dataDir: string;
  let record: BenchRecord;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'chargebench-search-'));
    record = await BenchRecord.open(dataDir);
    raws.forEach((raw, i) => {
      const messageId = JSON.parse(raw)[1] as string;
      record.logFrame(
        'CP-1',
        { direction: 'in', kind: 'CALL', messageId, action: JSON.parse(raw)[2] as string, raw, error: null },
        new Date(Date.parse('2026-03-01T08:00:00.000Z') + i * 1000).toISOString(),
      );
    });
    await record.settled();
    await waitFor(() => searchIndexedTo(record.db) >= raws.length, 20_000);
  });
  afterAll(async () => {
    await record?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  for (const [search, messageId] of [
    ['Zoë"Ω-tag', 'a1'],
    ['café', 'd2'],
    ['"quotes"', 'd3'],
  ]) {
    it(`finds ${search} as the frame holds it escaped`, async () => {
      expect(await record.messages.count({ search })).toMatchObject({ count: 1 });
      expect((await record.messages.page({ search, limit: 10 })).map((m) => m.messageId)).toEqual([messageId]);
    });
  }
});
