// A saved commissioning template this version cannot read (another version saved it: a field of another
// shape or one it does not know; or its record is damaged: text that is not JSON) is not hidden: GET
// /api/commissioning-templates lists it apart in `unreadable` by the name it is saved under, with its kind
// (`otherVersion` or `damaged`), the reason naming the field (as every form names one: issueWords) and its
// text exactly as stored, while `saved` stays the readable ones (a client reading only `saved` sees what it
// did); the console says it once; DELETE removes it, and saving a template of its name replaces it (200).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestBench, type TestBench } from '../../helpers/bench';
import { seedRecord } from '../../helpers/seeded-record';
import type { TemplateList } from '../../../src/shared/api/commissioning';

const NEWER = JSON.stringify({ name: 'Depot newer', sessionSeconds: 'long' });
const NOT_JSON = '{"name": "Depot not JSON", ';
const FUTURE = '{ "name": "Depot future", "chargingProfile": {} }';
const dir = mkdtempSync(join(tmpdir(), 'chargebench-unreadable-templates-'));
let tb: TestBench;
const consoleError = vi.spyOn(console, 'error');

beforeAll(async () => {
  seedRecord(dir, (db) => {
    const put = (name: string, text: string) => db.prepare('INSERT INTO commissioning_templates (name, template, saved_at) VALUES (?, ?, ?)').run(name, text, '2026-01-01T00:00:00.000Z');
    put('Depot good', JSON.stringify({ name: 'Depot good', keys: { HeartbeatInterval: '300' } }));
    put('Depot newer', NEWER);
    put('Depot not JSON', NOT_JSON);
    put('Depot future', FUTURE);
  });
  tb = await startTestBench({ dataDir: dir });
});
afterAll(async () => {
  consoleError.mockRestore();
  await tb?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const list = async () => {
  const r = await tb.request('GET', '/api/commissioning-templates');
  expect(r.status).toBe(200);
  return r.body as TemplateList;
};

describe('a saved template this version cannot read', () => {
  it('is listed apart with the reason naming the field; the readable list is as before; the console says it once', async () => {
    const first = await list();
    expect(first.saved.map((t) => t.name)).toEqual(['Depot good']);
    expect(first.unreadable).toEqual([
      { name: 'Depot future', kind: 'otherVersion', reason: 'the template: Unrecognized key: "chargingProfile"', stored: FUTURE },
      { name: 'Depot newer', kind: 'otherVersion', reason: expect.stringMatching(/^sessionSeconds: .*number/), stored: NEWER },
      { name: 'Depot not JSON', kind: 'damaged', reason: 'it is not JSON', stored: NOT_JSON },
    ]);
    // Read again: still listed, and not said again.
    expect((await list()).unreadable?.map((t) => t.name)).toEqual(['Depot future', 'Depot newer', 'Depot not JSON']);
    const said = (name: string) => consoleError.mock.calls.map((c) => String(c[0])).filter((l) => l.includes(`"${name}"`));
    expect(said('Depot newer')).toEqual([expect.stringMatching(/cannot be read by this version \(another version saved it\).*sessionSeconds/)]);
    // Damaged, not another version's.
    expect(said('Depot not JSON')).toEqual([expect.stringMatching(/is damaged in the record \(not JSON\)/)]);
  });

  it('is deleted by its name through the delete route', async () => {
    expect((await tb.request('DELETE', `/api/commissioning-templates/${encodeURIComponent('Depot newer')}`)).status).toBe(204);
    const after = await list();
    expect(after.unreadable?.map((t) => t.name)).toEqual(['Depot future', 'Depot not JSON']);
    expect(after.saved.map((t) => t.name)).toEqual(['Depot good']);
    expect((await tb.request('DELETE', `/api/commissioning-templates/${encodeURIComponent('Depot newer')}`)).status).toBe(404);
  });

  it('saving a template of its name replaces it (200, not 201), and it is then readable', async () => {
    expect(await tb.request('POST', '/api/commissioning-templates', { name: 'Depot not JSON' })).toMatchObject({ status: 200, body: { name: 'Depot not JSON' } });
    const after = await list();
    expect(after.unreadable?.map((t) => t.name)).toEqual(['Depot future']);
    expect(after.saved.map((t) => t.name)).toEqual(['Depot good', 'Depot not JSON']);
  });
});
