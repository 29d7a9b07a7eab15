// The message log's search through the record (the reader thread, the free-text index the writer thread
// builds): letters beyond ASCII are found in any case, as typed or as the charger's JSON escaped them.
import { describe, expect, it } from 'vitest';
import { useIndexedRecord } from '../helpers/search-db';
import { MessageLog } from '../../src/main/store/repositories/message-log';

const raws = [
  '[2,"a1","Authorize",{"idTag":"MÜLLER-01"}]',
  '[2,"a2","Authorize",{"idTag":"m\\u00fcller-02"}]',
  '[2,"a3","Authorize",{"idTag":"Muller-03"}]',
  '[2,"d1","DataTransfer",{"vendorId":"x","data":"ÉLAN"}]',
  ...Array.from({ length: 60 }, (_, i) => JSON.stringify([2, `h${i}`, 'Heartbeat', {}])),
  '[2,"d2","DataTransfer",{"vendorId":"x","data":"\\u00c9lan"}]',
];

describe('searching the record for letters beyond ASCII in any case', () => {
  const record = useIndexedRecord('search-h6', raws);

  for (const [search, ids] of [
    ['müller', ['a2', 'a1']],
    ['Müller-0', ['a2', 'a1']],
    ['élan', ['d2', 'd1']],
    ['É', ['d2', 'd1']],
    ['muller', ['a3']],
  ] as Array<[string, string[]]>) {
    it(`finds ${search} in ${ids.join(', ')}`, async () => {
      expect(await record().messages.count({ search })).toMatchObject({ count: ids.length });
      expect((await record().messages.page({ search, limit: 10 })).map((m) => m.messageId)).toEqual(ids);
      // With a charger too (a scan, a slice of candidates at a time), on the record's own connection.
      const log = new MessageLog(record().db, { slice: 7, mergeGap: 5, maxSpan: 40, hitsKept: 3, searchStep: 5 });
      expect((await log.page({ search, chargerId: 'CP-1' }, undefined, 0, 10)).map((m) => m.messageId)).toEqual(ids);
      expect(await log.count({ search, chargerId: 'CP-1' }, undefined, 100)).toMatchObject({ count: ids.length });
    });
  }
});
