// The message log's search through the record (the reader thread, the free-text index the writer thread
// builds): letters beyond ASCII are found in any case, as typed or as the charger's JSON escaped them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BenchRecord } from '../../src/main/store/record';
import { MessageLog } from '../../src/main/store/repositories/message-log';
import { searchIndexedTo } from '../../src/main/store/repositories/message-search';
import { waitFor } from '../helpers/bench';

const raws = [
  '[2,"a1","Authorize",{"idTag":"MÜLLER-01"}]',
  '[2,"a2","Authorize",{"idTag":"m\\u00fcller-02"}]',
  '[2,"a3","Authorize",{"idTag":"Muller-03"}]',
  '[2,"d1","DataTransfer",{"vendorId":"x","data":"ÉLAN"}]',
  ...Array.from({ length: 60 }, (_, i) => JSON.stringify([2, `h${i}`, 'Heartbeat', {}])),
  '[2,"d2","DataTransfer",{"vendorId":"x","data":"\\u00c9lan"}]',
];

describe('searching the record for letters beyond ASCII in any case', () => {
  let dataDir: string;
  let record: BenchRecord;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'chargebench-search-h6-'));
    record = await BenchRecord.open(dataDir);
    raws.forEach((raw, i) => {
      const [, messageId, action] = JSON.parse(raw) as [number, string, string];
      record.logFrame('CP-1', { direction: 'in', kind: 'CALL', messageId, action, raw, error: null }, new Date(Date.parse('2026-03-01T08:00:00.000Z') + i * 1000).toISOString());
    });
    await record.settled();
    await waitFor(() => searchIndexedTo(record.db) >= raws.length, 20_000);
  });
  afterAll(async () => {
    await record?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  for (const [search, ids] of [
    ['müller', ['a2', 'a1']],
    ['Müller-0', ['a2', 'a1']],
    ['élan', ['d2', 'd1']],
    ['É', ['d2', 'd1']],
    ['muller', ['a3']],
  ] as Array<[string, string[]]>) {
    it(`finds ${search} in ${ids.join(', ')}`, async () => {
      expect(await record.messages.count({ search })).toMatchObject({ count: ids.length });
      expect((await record.messages.page({ search, limit: 10 })).map((m) => m.messageId)).toEqual(ids);
      // With a charger too (a scan, a slice of candidates at a time), on the record's own connection.
      const log = new MessageLog(record.db, { slice: 7, mergeGap: 5, maxSpan: 40, hitsKept: 3, searchStep: 5 });
      expect((await log.page({ search, chargerId: 'CP-1' }, undefined, 0, 10)).map((m) => m.messageId)).toEqual(ids);
      expect(await log.count({ search, chargerId: 'CP-1' }, undefined, 100)).toMatchObject({ count: ids.length });
    });
  }
});
