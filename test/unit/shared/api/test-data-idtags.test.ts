// Test data whose idTag roles name one card is refused, on the field at fault (the later role), with both
// roles and the card named: the bench answers a card by one status only, so a "valid" card also named as the
// invalid one would be answered Invalid and the charger given a false Fail. A parent (group) idTag may be a
// valid card (both are answered Accepted); OCPP idTags ignore case, so "card" and "CARD" are one card.
import { describe, expect, it } from 'vitest';
import { EarlierTestData, TestData, TestDataGiven, idTagCollisions } from '../../../../src/shared/api/test-runs';

const issues = (r: { success: boolean; error?: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> } }) => (r.error?.issues ?? []).map((i) => ({ path: i.path, message: i.message }));

describe('the idTag roles of the test data', () => {
  it('refuses one card for the valid and the invalid idTag, naming invalidIdTag, validIdTag and the card', () => {
    const said = [{ path: ['invalidIdTag'], message: 'must differ from validIdTag (SAME is used for both)' }];
    expect(issues(TestData.safeParse({ validIdTag: 'SAME', invalidIdTag: 'SAME' }))).toEqual(said);
    // As a request gives it (the API and the start form), and as a re-run reads an earlier run's.
    expect(issues(TestDataGiven.safeParse({ validIdTag: 'SAME', invalidIdTag: 'SAME' }))).toEqual(said);
    expect(issues(EarlierTestData.safeParse({ validIdTag: 'SAME', invalidIdTag: 'SAME' }))).toEqual(said);
  });

  it('refuses a role given the card another role has by default', () => {
    expect(issues(TestData.safeParse({ blockedIdTag: 'OCTT-VALID' }))).toEqual([{ path: ['blockedIdTag'], message: 'must differ from validIdTag (OCTT-VALID is used for both)' }]);
  });

  it('refuses every pair of roles the bench would answer differently, or that must be two drivers', () => {
    const roles = ['validIdTag', 'validIdTag2', 'invalidIdTag', 'blockedIdTag', 'expiredIdTag'] as const;
    for (const [i, first] of roles.entries())
      for (const second of roles.slice(i + 1))
        expect(issues(TestData.safeParse({ [first]: 'C1', [second]: 'C1' })), `${first}/${second}`).toEqual([{ path: [second], message: `must differ from ${first} (C1 is used for both)` }]);
    for (const refused of ['invalidIdTag', 'blockedIdTag', 'expiredIdTag'])
      expect(issues(TestData.safeParse({ [refused]: 'G1', parentIdTag: 'G1' })), refused).toEqual([{ path: ['parentIdTag'], message: `must differ from ${refused} (G1 is used for both)` }]);
  });

  it('takes a parent idTag that is one of the valid cards (both answered Accepted)', () => {
    expect(TestData.safeParse({ validIdTag: 'G1', parentIdTag: 'G1' }).success).toBe(true);
    expect(TestData.safeParse({ validIdTag2: 'G1', parentIdTag: 'G1' }).success).toBe(true);
    expect(TestData.safeParse({}).success).toBe(true);
  });

  it('takes two spellings of one card in another case as one card (OCPP idTags ignore case)', () => {
    expect(issues(TestData.safeParse({ validIdTag: 'card-1', expiredIdTag: 'CARD-1' }))).toEqual([
      { path: ['expiredIdTag'], message: 'must differ from validIdTag (card-1 and CARD-1 are one card: OCPP idTags ignore case)' },
    ]);
  });

  it('names each role at fault once, against the first role it repeats', () => {
    expect(idTagCollisions({ validIdTag: 'X', validIdTag2: 'Y', invalidIdTag: 'X', blockedIdTag: 'X', expiredIdTag: 'Z', parentIdTag: 'X' })).toEqual([
      { field: 'invalidIdTag', other: 'validIdTag', message: 'must differ from validIdTag (X is used for both)' },
      { field: 'blockedIdTag', other: 'validIdTag', message: 'must differ from validIdTag (X is used for both)' },
      { field: 'parentIdTag', other: 'invalidIdTag', message: 'must differ from invalidIdTag (X is used for both)' },
    ]);
  });
});
