// A robustness review's findings on what people and chargers type: a blank identity, or one with spaces at
// its ends, is refused at the WebSocket upgrade and by POST /api/chargers alike (one rule; a "/", sent as
// %2F, is any other character), and an idTag with control characters is refused naming the field. A card that is its own parent is
// accepted: OCPP 1.6 does not forbid it, and central systems commonly send parentIdTag = idTag.
import { describe, expect, it } from 'vitest';
import { upgradeStatus, useTestBench } from '../../helpers/bench';

const tb = useTestBench();

const attempts = async () => (await tb.request('GET', '/api/connection-attempts')).body as Array<{ chargerId: string | null; outcome: string; reason: string | null }>;
const chargerIds = async () => ((await tb.request('GET', '/api/chargers')).body as Array<{ id: string }>).map((c) => c.id);

describe('the charge point identity, one rule at the upgrade and in the API', () => {
  it('refuses a blank identity and spaces at its ends with 400, and lists no such charger', async () => {
    const bad = [' ', '   ', ' CP-LEAD', 'CP-TRAIL '];
    for (const id of bad) expect(await upgradeStatus(`ws://127.0.0.1:${tb.port}/ocpp/${encodeURIComponent(id)}`), JSON.stringify(id)).toBe(400);
    const reasons = (await attempts()).filter((a) => a.outcome === 'refused').map((a) => a.reason ?? '');
    expect(reasons.filter((r) => r.startsWith('Invalid identity'))).toHaveLength(bad.length);
    expect(reasons).toContainEqual(expect.stringContaining('" " must not be blank'));
    expect(reasons).toContainEqual(expect.stringContaining('" CP-LEAD" must not begin or end with a space'));
    // The advice is the rule's: a "/" (sent as %2F) is an identity the bench takes, so it is not advised against.
    for (const r of reasons.filter((r) => r.startsWith('Invalid identity'))) expect(r).toMatch(/Give the charger an id that is not blank, without spaces at its ends$/);
    const ids = await chargerIds();
    for (const id of bad) expect(ids).not.toContain(id);
    expect(ids.filter((id) => id.trim() === '')).toEqual([]);
  });

  it('still lets in an identity with a space inside it, or a "/" sent as %2F', async () => {
    expect(await upgradeStatus(`ws://127.0.0.1:${tb.port}/ocpp/${encodeURIComponent('CP ONE')}`)).toBe(101);
    expect(await upgradeStatus(`ws://127.0.0.1:${tb.port}/ocpp/${encodeURIComponent('site/CP2')}`)).toBe(101);
  });

  it('refuses POST /api/chargers with a blank id or spaces at its ends, naming the field and why', async () => {
    const cases: Array<[string, RegExp]> = [
      [' ', /must not be blank/],
      [' CP1', /must not begin or end with a space/],
      ['CP1 ', /must not begin or end with a space/],
    ];
    for (const [id, why] of cases) {
      const r = await tb.request('POST', '/api/chargers', { id });
      expect(r, JSON.stringify(id)).toMatchObject({ status: 400, body: { field: 'id', error: expect.stringMatching(why) } });
    }
    expect(await chargerIds()).not.toContain(' ');
    expect((await tb.request('POST', '/api/chargers', { id: 'CP REG 1' })).status).toBe(201);
  });
});

describe('idTags', () => {
  it('refuses an idTag with control characters, naming idTag: printable characters only', async () => {
    for (const idTag of ['a\u0000b', 'TAG\n1', 'TAG\u001b[2J']) {
      const r = await tb.request('POST', '/api/id-tags', { idTag, status: 'Accepted' });
      expect(r, JSON.stringify(idTag)).toMatchObject({ status: 400, body: { field: 'idTag', error: expect.stringContaining('printable characters only') } });
    }
    const list = (await tb.request('GET', '/api/id-tags')).body as Array<{ idTag: string }>;
    expect(list.filter((t) => /\p{C}/u.test(t.idTag))).toEqual([]);
  });

  it('accepts a tag that is its own parent (added or in a list), as OCPP 1.6 allows', async () => {
    expect(await tb.request('POST', '/api/id-tags', { idTag: 'SELF1', status: 'Accepted', parentIdTag: 'SELF1' })).toMatchObject({ status: 201 });
    // IdToken is case-insensitive in OCPP: "self2" is the same card as "SELF2".
    expect(await tb.request('POST', '/api/id-tags', { idTag: 'SELF2', status: 'Accepted', parentIdTag: 'self2' })).toMatchObject({ status: 201 });
    const put = await tb.request('PUT', '/api/id-tags', [
      { idTag: 'OK1', status: 'Accepted' },
      { idTag: 'SELF3', status: 'Accepted', parentIdTag: 'SELF3' },
      { idTag: 'CHILD1', status: 'Accepted', parentIdTag: 'GROUP1' },
    ]);
    expect(put.status).toBe(200);
    const list = (await tb.request('GET', '/api/id-tags')).body as Array<{ idTag: string; parentIdTag?: string | null }>;
    expect(list.find((t) => t.idTag === 'SELF3')?.parentIdTag).toBe('SELF3');
    // The list with its self-parent card goes back through a replace unchanged (the UI's Import merges so).
    expect((await tb.request('PUT', '/api/id-tags', list)).status).toBe(200);
    // A parentIdTag still gets the printable-characters rule.
    expect(await tb.request('POST', '/api/id-tags', { idTag: 'CHILD2', status: 'Accepted', parentIdTag: 'G\u0000' })).toMatchObject({
      status: 400,
      body: { field: 'parentIdTag', error: expect.stringContaining('printable characters only') },
    });
  });
});
