// An idTag given through the API gets the UI's rule (input-rules idTagProblem): a blank one, or one with
// spaces at either end, is refused with a 400 naming the field, wherever the API takes an idTag (the bench's
// list, a card presented to a virtual charger, a test run's and a commissioning template's cards, and the
// operations that carry one). An idTag an older bench stored with spaces around it stays listed and deletable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestBench, type TestBench } from '../helpers/bench';
import { seedRecord } from '../helpers/seeded-record';

const STORED = ' OLD-CARD ';
const dir = mkdtempSync(join(tmpdir(), 'chargebench-idtags-h5-'));
let tb: TestBench;

beforeAll(async () => {
  // A record holding a card an older bench took with spaces around it.
  seedRecord(dir, (db) => {
    db.prepare('INSERT INTO id_tags (id_tag, status) VALUES (?, ?)').run(STORED, 'Accepted');
  });
  tb = await startTestBench({ dataDir: dir });
});
afterAll(async () => {
  await tb?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const BAD: Array<[string, RegExp]> = [
  ['   ', /must not be blank/],
  [' CARD-1', /must not begin or end with a space/],
  ['CARD-1 ', /must not begin or end with a space/],
  ['\tCARD-1', /printable|must not begin or end/],
];

const refused = (field: string, words: RegExp) => ({ status: 400, body: { field, error: expect.stringMatching(words) } });

describe('an idTag given through the API', () => {
  it('the bench list (POST, PUT): a blank one or one with spaces at its ends is refused, naming the field', async () => {
    for (const [idTag, words] of BAD) {
      expect(await tb.request('POST', '/api/id-tags', { idTag, status: 'Accepted' }), JSON.stringify(idTag)).toMatchObject(refused('idTag', words));
      expect(await tb.request('POST', '/api/id-tags', { idTag: 'CHILD', status: 'Accepted', parentIdTag: idTag }), JSON.stringify(idTag)).toMatchObject(refused('parentIdTag', words));
      expect(
        await tb.request('PUT', '/api/id-tags', [
          { idTag: 'GOOD', status: 'Accepted' },
          { idTag, status: 'Accepted' },
        ]),
        JSON.stringify(idTag),
      ).toMatchObject(refused('1.idTag', words));
    }
    expect(await tb.request('POST', '/api/id-tags', { idTag: '', status: 'Accepted' })).toMatchObject(refused('idTag', /must not be empty/));
    // Nothing of them went in; a plain card and one without a parent ("" is none) still do.
    const list = (await tb.request('GET', '/api/id-tags')).body as Array<{ idTag: string }>;
    expect(list.map((t) => t.idTag)).toEqual([STORED]);
    expect((await tb.request('POST', '/api/id-tags', { idTag: 'CARD-1', status: 'Accepted', parentIdTag: '' })).status).toBe(201);
    expect((await tb.request('DELETE', '/api/id-tags/CARD-1')).status).toBe(204);
  });

  it('a stored card with spaces at its ends stays listed and can be deleted', async () => {
    const list = (await tb.request('GET', '/api/id-tags')).body as Array<{ idTag: string }>;
    expect(list).toContainEqual(expect.objectContaining({ idTag: STORED, status: 'Accepted' }));
    expect((await tb.request('DELETE', `/api/id-tags/${encodeURIComponent(STORED)}`)).status).toBe(204);
    expect(((await tb.request('GET', '/api/id-tags')).body as unknown[]).length).toBe(0);
  });

  it("a test run's cards and a commissioning template's test card", async () => {
    for (const [idTag, words] of BAD) {
      expect(await tb.request('POST', '/api/test-runs', { chargerId: 'CP-H5', data: { validIdTag: idTag } }), JSON.stringify(idTag)).toMatchObject(refused('data.validIdTag', words));
      expect(await tb.request('POST', '/api/commissioning-templates', { name: 'H5', testIdTag: idTag }), JSON.stringify(idTag)).toMatchObject(refused('testIdTag', words));
    }
    // (Trimmed before, so " X " was quietly taken as "X": now refused as the UI refuses it.)
    const templates = (await tb.request('GET', '/api/commissioning-templates')).body as { saved: unknown[] };
    expect(templates.saved).toEqual([]);
  });

  it('a card presented to a virtual charger', async () => {
    expect((await tb.request('POST', '/api/virtual-chargers', { id: 'VCP-H5' })).status).toBe(201);
    for (const [idTag, words] of BAD) {
      const r = await tb.request('POST', '/api/virtual-chargers/VCP-H5/actions/present-id-tag', { connectorId: 1, idTag });
      expect(r, JSON.stringify(idTag)).toMatchObject({ status: 400, body: { error: expect.stringMatching(words) } });
      expect(r.body.field, JSON.stringify(idTag)).toMatch(/idTag$/);
    }
  });

  it('the operations that carry one (remote start, reservation, local list) refuse them too', async () => {
    const op = (action: string, payload: unknown) => tb.request('POST', `/api/chargers/CP-H5/operations/${action}`, payload);
    const expiryDate = new Date(Date.now() + 3_600_000).toISOString();
    for (const [idTag] of BAD) {
      expect(await op('RemoteStartTransaction', { idTag }), JSON.stringify(idTag)).toMatchObject({ status: 400, body: { field: 'idTag' } });
      expect(await op('ReserveNow', { connectorId: 1, expiryDate, idTag, reservationId: 1 }), JSON.stringify(idTag)).toMatchObject({ status: 400, body: { field: 'idTag' } });
      const list = { listVersion: 1, updateType: 'Full', localAuthorizationList: [{ idTag, idTagInfo: { status: 'Accepted' } }] };
      expect(await op('SendLocalList', list), JSON.stringify(idTag)).toMatchObject({ status: 400, body: { field: 'localAuthorizationList.0.idTag' } });
    }
    // The same rule as the bench's list: printable characters only.
    expect(await op('RemoteStartTransaction', { idTag: 'CARD\n1' })).toMatchObject({ status: 400, body: { field: 'idTag', error: expect.stringContaining('Printable characters only') } });
  });
});
