// The store's two ways of searching the message log, the free-text index (FTS5 trigram) and the scan of
// frames not indexed yet (LIKE), find a frame whose JSON holds the text escaped as well as one holding it
// as typed, and agree with the live rule (matchesFilter) frame for frame.
import { describe, expect, it } from 'vitest';
import { searchIndexQuery } from '../../../../src/main/store/repositories/message-search';
import { searchWays, useSearchDb } from '../../../helpers/search-db';

const raws = [
  '[2,"a1","Authorize",{"idTag":"Zoë\\"Ω-tag"}]',
  '[2,"a2","Authorize",{"idTag":"Zo\\u00eb\\"\\u03a9-tag"}]',
  '[2,"a3","Authorize",{"idTag":"Zo\\u00EB\\"\\u03A9-tag"}]',
  '[2,"d1","DataTransfer",{"vendorId":"x","data":"with \\"quotes\\" in it"}]',
  '[2,"d2","DataTransfer",{"vendorId":"x","data":"caf\\u00e9"}]',
  '[2,"d3","DataTransfer",{"vendorId":"x","data":"café"}]',
  '[2,"d4","DataTransfer",{"vendorId":"x","data":"cafe and quotes"}]',
  '[2,"d5","DataTransfer",{"vendorId":"x","data":"ünïcode"}]',
  '[2,"d6","DataTransfer",{"vendorId":"x","data":"C:\\\\dir"}]',
];
const searches: Array<[string, number[]]> = [
  ['Zoë"Ω-tag', [1, 2, 3]],
  ['"quotes"', [4]],
  ['café', [5, 6]],
  ['CAFé', [5, 6]],
  ['CAFÉ', [5, 6]],
  ['ünïcode', [8]],
  ['ÜNÏCODE', [8]],
  ['C:\\dir', [9]],
  ['caf\\u00e9', [5]],
];

describe('searching frames whose JSON escapes the text', () => {
  const { scanned, proposed, live } = searchWays(useSearchDb(raws), raws);

  for (const [search, expected] of searches) {
    it(`finds ${JSON.stringify(search)} in frames ${JSON.stringify(expected)}, by scan, through the index and live alike`, () => {
      expect(scanned(search)).toEqual(expected);
      // The index proposes at least those (it is then checked on the frame).
      expect(searchIndexQuery(search)).not.toBeNull();
      expect(proposed(search)).toEqual(expect.arrayContaining(expected));
      expect(live(search)).toEqual(expected);
    });
  }
});
