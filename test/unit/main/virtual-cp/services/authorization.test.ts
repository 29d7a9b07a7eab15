// Authorization as a good charger decides it: the local list (full and differential updates), the cache,
// LocalPreAuthorize, the offline rules, and the auth-failure fault.
import { describe, expect, it } from 'vitest';
import { fakeWire } from '../../../../helpers/vcp-model';

const list = (entries: Array<[string, string | null]>) => entries.map(([idTag, status]) => (status ? { idTag, idTagInfo: { status } } : { idTag }));

describe('the local authorization list', () => {
  it('takes full and differential updates, refusing an old version, a list too long, and removals in a full one', () => {
    const { cp } = fakeWire();
    const a = cp.authorization;
    expect(
      a.sendLocalList({
        listVersion: 3,
        updateType: 'Full',
        localAuthorizationList: list([
          ['A', 'Accepted'],
          ['B', 'Blocked'],
        ]),
      } as never),
    ).toBe('Accepted');
    expect(a.sendLocalList({ listVersion: 3, updateType: 'Differential', localAuthorizationList: list([['C', 'Accepted']]) } as never)).toBe('VersionMismatch');
    expect(
      a.sendLocalList({
        listVersion: 4,
        updateType: 'Differential',
        localAuthorizationList: list([
          ['A', null],
          ['C', 'Accepted'],
        ]),
      } as never),
    ).toBe('Accepted');
    expect(a.saved().localList).toEqual({
      version: 4,
      entries: list([
        ['B', 'Blocked'],
        ['C', 'Accepted'],
      ]),
    });
    expect(a.sendLocalList({ listVersion: 5, updateType: 'Full', localAuthorizationList: list([['A', null]]) } as never)).toBe('Failed');
    expect(a.sendLocalList({ listVersion: 5, updateType: 'Full', localAuthorizationList: list(Array.from({ length: 51 }, (_, i) => [`T${i}`, 'Accepted'])) } as never)).toBe('Failed');
    cp.config.change('LocalAuthListEnabled', 'false');
    expect(a.listVersion()).toBe(-1);
    expect(a.sendLocalList({ listVersion: 6, updateType: 'Full' } as never)).toBe('NotSupported');
  });
});

describe('the local list version', () => {
  it('is 0 while the list is empty, whatever version the empty list came with (0 means empty); a differential update is compared with that', () => {
    const { cp } = fakeWire();
    const a = cp.authorization;
    expect(a.sendLocalList({ listVersion: 7, updateType: 'Full' } as never)).toBe('Accepted');
    expect(a.listVersion()).toBe(0);
    expect(a.sendLocalList({ listVersion: 1, updateType: 'Differential', localAuthorizationList: list([['A', 'Accepted']]) } as never)).toBe('Accepted');
    expect(a.listVersion()).toBe(1);
    expect(a.sendLocalList({ listVersion: 2, updateType: 'Differential', localAuthorizationList: list([['A', null]]) } as never)).toBe('Accepted');
    expect(a.listVersion()).toBe(0);
  });
});

describe('authorizing a card', () => {
  it('asks the central system online and caches the answer; LocalPreAuthorize answers from the list at once', async () => {
    const w = fakeWire();
    expect(await w.cp.authorize('CARD')).toEqual({ status: 'Accepted' });
    expect(w.cp.authorization.saved().cache).toEqual([['CARD', { status: 'Accepted' }]]);
    w.cp.config.change('LocalPreAuthorize', 'true');
    expect(await w.cp.authorize('CARD')).toEqual({ status: 'Accepted' });
    expect(w.sent()).toEqual(['Authorize']);
  });

  it('decides offline from the list and cache (LocalAuthorizeOffline), unknown cards per AllowOfflineTxForUnknownId, expired ones Expired', async () => {
    const w = fakeWire();
    w.cp.authorization.sendLocalList({
      listVersion: 1,
      updateType: 'Full',
      localAuthorizationList: [
        { idTag: 'OLD', idTagInfo: { status: 'Accepted', expiryDate: '2025-01-01T00:00:00.000Z' } },
        { idTag: 'OK', idTagInfo: { status: 'Accepted' } },
      ],
    } as never);
    w.accepted = false;
    expect(await w.cp.authorize('OK')).toEqual({ status: 'Accepted' });
    expect((await w.cp.authorize('OLD')).status).toBe('Expired');
    expect(await w.cp.authorize('UNKNOWN')).toEqual({ status: 'Invalid' });
    w.cp.config.change('AllowOfflineTxForUnknownId', 'true');
    expect(await w.cp.authorize('UNKNOWN')).toEqual({ status: 'Accepted' });
    w.cp.config.change('LocalAuthorizeOffline', 'false');
    expect(await w.cp.authorize('OK')).toEqual({ status: 'Invalid' });
    expect(w.sent()).toEqual([]);
  });

  it('refuses every card not in the local list while the auth-failure fault is on', async () => {
    const w = fakeWire();
    w.cp.authorization.sendLocalList({ listVersion: 1, updateType: 'Full', localAuthorizationList: [{ idTag: 'LISTED', idTagInfo: { status: 'Accepted' } }] } as never);
    w.cp.authorization.refuseUnlisted = true;
    expect(await w.cp.authorize('CARD')).toEqual({ status: 'Invalid' });
    expect(await w.cp.authorize('LISTED')).toEqual({ status: 'Accepted' });
  });

  it('empties the cache when AuthorizationCacheEnabled goes off, and on ClearCache', async () => {
    const w = fakeWire();
    await w.cp.authorize('CARD');
    w.cp.config.change('AuthorizationCacheEnabled', 'false');
    expect(w.cp.authorization.saved().cache).toEqual([]);
    w.cp.config.change('AuthorizationCacheEnabled', 'true');
    await w.cp.authorize('CARD');
    w.cp.authorization.clearCache();
    expect(w.cp.authorization.saved().cache).toEqual([]);
  });
});
