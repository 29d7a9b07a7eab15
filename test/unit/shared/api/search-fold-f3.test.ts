// The message log's search beyond ASCII: the Greek final sigma folds with σ and Σ (σίσυφος finds ΣΊΣΥΦΟΣ),
// by scan, through the free-text index and live alike; and a search's compiled pattern, kept to spare the
// work per frame, is always the one of the search asked for (searches one after another each get their own).
import { describe, expect, it } from 'vitest';
import { searchTerm } from '../../../../src/main/store/repositories/message-search';
import { foldChar, foldText } from '../../../../src/shared/api/search-fold';
import { searchWays, useSearchDb } from '../../../helpers/search-db';

const raws = [
  /* 1 */ '[2,"g1","DataTransfer",{"vendorId":"x","data":"ΣΊΣΥΦΟΣ"}]',
  /* 2 */ '[2,"g2","DataTransfer",{"vendorId":"x","data":"σίσυφος"}]',
  /* 3 */ '[2,"g3","DataTransfer",{"vendorId":"x","data":"\\u03a3\\u038A\\u03a3\\u03a5\\u03a6\\u039f\\u03a3"}]',
  /* 4 */ '[2,"g4","DataTransfer",{"vendorId":"x","data":"Σίσυφοι"}]',
  /* 5 */ '[2,"a1","Authorize",{"idTag":"MÜLLER-01"}]',
  /* 6 */ '[2,"a2","Authorize",{"idTag":"müller-02"}]',
  /* 7 */ '[2,"d1","DataTransfer",{"vendorId":"x","data":"ÉLAN"}]',
];

describe('searches beyond ASCII, one after another', () => {
  const { scanned, proposed, live } = searchWays(useSearchDb(raws), raws);

  for (const [search, expected] of [
    ['σίσυφος', [1, 2, 3]],
    ['ΣΊΣΥΦΟΣ', [1, 2, 3]],
    ['σίσυφοσ', [1, 2, 3]],
    ['ς', [1, 2, 3, 4]],
    ['Σίσυφο', [1, 2, 3, 4]],
  ] as Array<[string, number[]]>) {
    it(`finds ${search} in frames ${JSON.stringify(expected)} (the final sigma is a sigma), by scan, through the index and live`, () => {
      expect(scanned(search)).toEqual(expected);
      if (Array.from(search).length >= 3) expect(proposed(search)).toEqual(expect.arrayContaining(expected));
      expect(live(search)).toEqual(expected);
    });
  }

  it('folds the final sigma for marking matches, keeping the text its length', () => {
    expect(foldChar('ς')).toBe('σ');
    expect(foldText('ΣΊΣΥΦΟΣ')).toBe(foldText('σίσυφος'));
    expect(foldText('ΣΊΣΥΦΟΣ').indexOf(foldText('σίσυφος'))).toBe(0);
    expect(foldText('σίσυφος')).toHaveLength('σίσυφος'.length);
  });

  it('gives each of several searches in a row its own frames, by scan and live, however often they alternate', () => {
    // Searches of one length, differing in their last character, and the same ones again.
    const order: Array<[string, number[]]> = [
      ['müller-01', [5]],
      ['müller-02', [6]],
      ['élan', [7]],
      ['müller-01', [5]],
      ['σίσυφος', [1, 2, 3]],
      ['müller-02', [6]],
      ['muller', []],
      ['müller-01', [5]],
    ];
    for (let round = 0; round < 2; round++)
      for (const [search, expected] of order) {
        expect({ search, scanned: scanned(search) }).toEqual({ search, scanned: expected });
        expect({ search, live: live(search) }).toEqual({ search, live: expected });
      }
  });

  it('finds a search again after many other searches (the kept patterns and keys make room)', () => {
    const one = scanned('müller-01');
    for (let i = 0; i < 300; i++) {
      const search = `é${i}`;
      expect(scanned(search)).toEqual([]);
      expect(live(search)).toEqual([]);
    }
    expect(scanned('müller-01')).toEqual(one);
    expect(live('müller-01')).toEqual([5]);
    expect(scanned('müller-02')).toEqual([6]);
  });

  it('hands SQLite a small key for a search, not its pattern', () => {
    const { args } = searchTerm('é'.repeat(200));
    expect(args.every((a) => typeof a === 'number' || a.length <= 12)).toBe(true);
  });
});
