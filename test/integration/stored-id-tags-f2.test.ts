// Cards an older bench stored by its rule (1 to 20 printable characters; a template's or a run's card
// trimmed, any characters) keep working after the idTag rule (no spaces at either end, not blank, printable)
// came to the API: the bench's list takes back a card it already holds (merge import, status change, as a
// parent, Undo after a delete), the saved templates are all listed, and a card new to the bench still gets
// the rule with a 400 naming the field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestBench, type TestBench } from '../helpers/bench';
import { seedRecord } from '../helpers/seeded-record';

const STORED = ' OLD-CARD ';
/** A template's test card an older bench took (trimmed, but a zero-width space inside it). */
const ZW_CARD = 'ZW\u200BCARD';
const dir = mkdtempSync(join(tmpdir(), 'chargebench-idtags-f2-'));
let tb: TestBench;

beforeAll(async () => {
  seedRecord(dir, (db) => {
    db.prepare('INSERT INTO id_tags (id_tag, status) VALUES (?, ?)').run(STORED, 'Accepted');
    const template = (name: string, extra: object) =>
      db.prepare('INSERT INTO commissioning_templates (name, template, saved_at) VALUES (?, ?, ?)').run(name, JSON.stringify({ name, ...extra }), '2026-01-01T00:00:00.000Z');
    template('A old card', { testIdTag: ZW_CARD });
    template('B good', { testIdTag: 'GOOD-CARD' });
    template('C unreadable', { sessionSeconds: 'long' });
  });
  tb = await startTestBench({ dataDir: dir });
});
afterAll(async () => {
  await tb?.stop();
  rmSync(dir, { recursive: true, force: true });
});

type Entry = { idTag: string; status: string; parentIdTag?: string | null };
const list = async () => (await tb.request('GET', '/api/id-tags')).body as Entry[];
const refused = (field: string, words: RegExp) => ({ status: 400, body: { field, error: expect.stringMatching(words) } });

describe("the bench's list with a card an older bench stored with spaces around it", () => {
  it('a merge import (the whole list sent back with the new cards) goes in', async () => {
    const current = await list();
    const r = await tb.request('PUT', '/api/id-tags', [...current, { idTag: 'NEW-1', status: 'Accepted' }]);
    expect(r.status).toBe(200);
    expect((await list()).map((t) => t.idTag)).toEqual([STORED, 'NEW-1']);
  });

  it("its status can be changed, and it can be a card's parent", async () => {
    expect((await tb.request('POST', '/api/id-tags', { idTag: STORED, status: 'Blocked', parentIdTag: null })).status).toBe(201);
    expect((await tb.request('POST', '/api/id-tags', { idTag: 'CHILD', status: 'Accepted', parentIdTag: STORED })).status).toBe(201);
    expect(await list()).toEqual(expect.arrayContaining([expect.objectContaining({ idTag: STORED, status: 'Blocked' }), expect.objectContaining({ idTag: 'CHILD', parentIdTag: STORED })]));
  });

  it('deleted, it is put back by Undo (the deleted entry added again)', async () => {
    expect((await tb.request('DELETE', `/api/id-tags/${encodeURIComponent(STORED)}`)).status).toBe(204);
    expect((await list()).map((t) => t.idTag)).not.toContain(STORED);
    expect((await tb.request('POST', '/api/id-tags', { idTag: STORED, status: 'Blocked', expiryDate: null, parentIdTag: null })).status).toBe(201);
    expect(await list()).toContainEqual(expect.objectContaining({ idTag: STORED, status: 'Blocked' }));
  });

  it('a card new to the bench with spaces at its ends is still refused, naming the field', async () => {
    const words = /must not begin or end with a space/;
    expect(await tb.request('POST', '/api/id-tags', { idTag: ' NEW-CARD ', status: 'Accepted' })).toMatchObject(refused('idTag', words));
    expect(await tb.request('POST', '/api/id-tags', { idTag: 'CHILD-2', status: 'Accepted', parentIdTag: ' NEW-CARD ' })).toMatchObject(refused('parentIdTag', words));
    expect(await tb.request('POST', '/api/id-tags', { idTag: '   ', status: 'Accepted' })).toMatchObject(refused('idTag', /must not be blank/));
    const current = await list();
    expect(await tb.request('PUT', '/api/id-tags', [...current, { idTag: ' NEW-CARD ', status: 'Accepted' }])).toMatchObject(refused(`${current.length}.idTag`, words));
    expect(await tb.request('PUT', '/api/id-tags', [...current, { idTag: 'NEW-2', status: 'Accepted', parentIdTag: 'NEW-3 ' }])).toMatchObject(refused(`${current.length}.parentIdTag`, words));
    // Nothing of them went in.
    expect((await list()).map((t) => t.idTag)).toEqual(current.map((t) => t.idTag));
  });
});

describe('saved commissioning templates an older bench saved', () => {
  it('are all listed, one with a card the rule now refuses as it was saved; one this version cannot read is left out, not the list', async () => {
    const r = await tb.request('GET', '/api/commissioning-templates');
    expect(r.status).toBe(200);
    const saved = (r.body as { saved: Array<{ name: string; testIdTag: string }> }).saved;
    expect(saved.map((t) => [t.name, t.testIdTag])).toEqual([
      ['A old card', ZW_CARD],
      ['B good', 'GOOD-CARD'],
    ]);
  });

  it('a template saved now still gets the idTag rule for its test card; one fixed is saved', async () => {
    expect(await tb.request('POST', '/api/commissioning-templates', { name: 'A old card', testIdTag: ZW_CARD })).toMatchObject(refused('testIdTag', /printable/));
    expect((await tb.request('POST', '/api/commissioning-templates', { name: 'A old card', testIdTag: 'ZW-CARD' })).status).toBeLessThan(300);
    const saved = ((await tb.request('GET', '/api/commissioning-templates')).body as { saved: Array<{ name: string; testIdTag: string }> }).saved;
    expect(saved).toContainEqual(expect.objectContaining({ name: 'A old card', testIdTag: 'ZW-CARD' }));
  });
});
