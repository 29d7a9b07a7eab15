// The message log's search folds the case of letters beyond ASCII (müller finds MÜLLER, élan finds ÉLAN,
// as typed or as the frame's JSON escapes them), alike in the store's scan (SQL), the free-text index's
// proposals (FTS5 trigram) and the live rule (matchesFilter); a search of ASCII letters stays a plain LIKE.
import { describe, expect, it } from 'vitest';
import { searchIndexQuery, searchTerm } from '../../../../src/main/store/repositories/message-search';
import { CASED_BLOCKS, foldChar, foldText } from '../../../../src/shared/api/search-fold';
import { searchWays, useSearchDb } from '../../../helpers/search-db';

const raws = [
  /* 1 */ '[2,"a1","Authorize",{"idTag":"Müller"}]',
  /* 2 */ '[2,"a2","Authorize",{"idTag":"MÜLLER"}]',
  /* 3 */ '[2,"a3","Authorize",{"idTag":"M\\u00DCLLER"}]',
  /* 4 */ '[2,"a4","Authorize",{"idTag":"m\\u00fcller"}]',
  /* 5 */ '[2,"a5","Authorize",{"idTag":"Muller"}]',
  /* 6 */ '[2,"d1","DataTransfer",{"vendorId":"x","data":"ÉLAN vital"}]',
  /* 7 */ '[2,"d2","DataTransfer",{"vendorId":"x","data":"\\u00c9lan"}]',
  /* 8 */ '[2,"d3","DataTransfer",{"vendorId":"x","data":"ΩΜΈΓΑ и ПРИВЕТ"}]',
  /* 9 */ '[2,"d4","DataTransfer",{"vendorId":"x","data":"STRAẞE \\u0178es"}]',
  /* 10 */ '[2,"d5","DataTransfer",{"vendorId":"x","data":"\\u212Aelvin 𐐀𐐨"}]',
  /* 11 */ '[2,"d6","DataTransfer",{"vendorId":"x","data":"ünïcode \\"Zoë\\""}]',
];
const searches: Array<[string, number[]]> = [
  ['müller', [1, 2, 3, 4]],
  ['MÜLLER', [1, 2, 3, 4]],
  ['Ü', [1, 2, 3, 4, 11]],
  ['élan', [6, 7]],
  ['ÉLAN VITAL', [6]],
  ['ωμέγα', [8]],
  ['привет', [8]],
  ['straße', [9]],
  ['ÿes', [9]],
  ['𐐨𐐨', [10]],
  ['ÜNÏCODE "ZOË"', [11]],
  // ASCII letters fold to ASCII only: the Kelvin sign is not a k.
  ['kelvin', []],
  ['muller', [5]],
];

describe('searching with letters beyond ASCII in any case', () => {
  const { scanned, proposed, live } = searchWays(useSearchDb(raws), raws);

  for (const [search, expected] of searches) {
    it(`finds ${JSON.stringify(search)} in frames ${JSON.stringify(expected)}, by scan, through the index and live alike`, () => {
      expect(scanned(search)).toEqual(expected);
      if (Array.from(search).length >= 3) {
        expect(searchIndexQuery(search)).not.toBeNull();
        expect(proposed(search)).toEqual(expect.arrayContaining(expected));
      }
      expect(live(search)).toEqual(expected);
    });
  }

  it('keeps a search of ASCII letters a plain LIKE (no per-frame function)', () => {
    expect(searchTerm('kWh').term).not.toMatch(/search_fold/);
    expect(searchTerm('"quotes" €').term).not.toMatch(/search_fold/);
    expect(searchTerm('müller').term).toMatch(/search_fold/);
  });

  it('folds a text for marking matches without changing its length', () => {
    expect(foldText('MÜLLER ÉLAN Kelvin \u212A')).toBe('müller élan kelvin \u212A');
  });
});

describe('the blocks the case classes are built from', () => {
  it('hold every character beyond ASCII that folds, as this engine folds', () => {
    const outside: string[] = [];
    for (let cp = 0x80; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const ch = String.fromCodePoint(cp);
      if (foldChar(ch) !== ch && !CASED_BLOCKS.some(([a, b]) => cp >= a && cp <= b)) outside.push(cp.toString(16));
      if (foldChar(ch) !== ch && !CASED_BLOCKS.some(([a, b]) => foldChar(ch).codePointAt(0)! >= a && foldChar(ch).codePointAt(0)! <= b)) outside.push(cp.toString(16));
    }
    expect(outside).toEqual([]);
  });
});
