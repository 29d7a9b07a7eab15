// The message log's search through the record (the reader thread's connection, the free-text index the
// writer thread builds): σίσυφος, typed with its final sigma, finds ΣΊΣΥΦΟΣ; searches one after another
// each find their own frames.
import { describe, expect, it } from 'vitest';
import { useIndexedRecord } from '../helpers/search-db';

const raws = [
  '[2,"g1","DataTransfer",{"vendorId":"x","data":"ΣΊΣΥΦΟΣ"}]',
  '[2,"a1","Authorize",{"idTag":"MÜLLER-01"}]',
  ...Array.from({ length: 60 }, (_, i) => JSON.stringify([2, `h${i}`, 'Heartbeat', {}])),
  '[2,"g2","DataTransfer",{"vendorId":"x","data":"\\u03a3\\u038a\\u03a3\\u03a5\\u03a6\\u039f\\u03a3"}]',
  '[2,"a2","Authorize",{"idTag":"müller-02"}]',
];

describe('searching the record with a final sigma, and searches in a row', () => {
  const record = useIndexedRecord('search-f3', raws);

  it('finds ΣΊΣΥΦΟΣ, as typed or escaped, for σίσυφος', async () => {
    expect((await record().messages.page({ search: 'σίσυφος', limit: 10 })).map((m) => m.messageId)).toEqual(['g2', 'g1']);
    expect(await record().messages.count({ search: 'σίσυφος' })).toMatchObject({ count: 2 });
  });

  it('gives each search in a row its own frames', async () => {
    for (const [search, ids] of [
      ['müller-01', ['a1']],
      ['müller-02', ['a2']],
      ['σίσυφος', ['g2', 'g1']],
      ['müller-01', ['a1']],
    ] as Array<[string, string[]]>)
      expect({ search, ids: (await record().messages.page({ search, limit: 10 })).map((m) => m.messageId) }).toEqual({ search, ids });
  });
});
