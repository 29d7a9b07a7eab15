// A search whose letters fold beyond ASCII keeps answering from its kept query plan (the message log keeps
// its last 16, each with the small key its SQL function is given) after many other such searches, as a
// person typing searches makes one per keystroke: a later page of the first search still reads.
import { describe, expect, it } from 'vitest';
import { useIndexedRecord } from '../helpers/search-db';
import { MessageLog } from '../../src/main/store/repositories/message-log';

const raws = Array.from({ length: 40 }, (_, i) => (i % 2 ? JSON.stringify([2, `a${i}`, 'Authorize', { idTag: `MÜLLER-${i}` }]) : JSON.stringify([2, `h${i}`, 'Heartbeat', {}])));

describe('a kept plan of a search folding beyond ASCII, after 300 other such searches', () => {
  const record = useIndexedRecord('kept-plan', raws);
  it('still answers a later page of its search', async () => {
    // Small slices: a later page scans further with the kept plan.
    const log = new MessageLog(record().db, { slice: 2, mergeGap: 1, maxSpan: 2, hitsKept: 256, searchStep: 2 });
    const search = { search: 'müller' };
    expect((await log.page(search, undefined, 0, 1)).map((m) => m.messageId)).toEqual(['a39']);
    for (let i = 0; i < 300; i++) {
      await log.page({ search: `é${i}x` }, undefined, 0, 10);
      await log.page(search, undefined, 0, 1); // back to the first now and then: its plan stays kept
    }
    expect((await log.page(search, undefined, 10, 2)).map((m) => m.messageId)).toEqual(['a19', 'a17']);
  });
});
