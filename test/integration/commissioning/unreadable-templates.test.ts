// A saved commissioning template this version cannot read (another version saved it: a field of another
// shape, or text that is not JSON) is not hidden: GET /api/commissioning-templates lists it apart in
// `unreadable` by the name it is saved under, with the reason naming the field, while `saved` stays the
// readable ones (a client reading only `saved` sees what it did); the console says it once; DELETE
// removes it, and saving a template of its name replaces it (200).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestBench, type TestBench } from '../../helpers/bench';
import { seedRecord } from '../../helpers/seeded-record';
import type { TemplateList } from '../../../src/shared/api/commissioning';

const dir = mkdtempSync(join(tmpdir(), 'chargebench-unreadable-templates-'));
let tb: TestBench;
const consoleError = vi.spyOn(console, 'error');

beforeAll(async () => {
  seedRecord(dir, (db) => {
    const put = (name: string, text: string) => db.prepare('INSERT INTO commissioning_templates (name, template, saved_at) VALUES (?, ?, ?)').run(name, text, '2026-01-01T00:00:00.000Z');
    put('Depot good', JSON.stringify({ name: 'Depot good', keys: { HeartbeatInterval: '300' } }));
    put('Depot newer', JSON.stringify({ name: 'Depot newer', sessionSeconds: 'long' }));
    put('Depot not JSON', '{"name": "Depot not JSON", ');
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
      { name: 'Depot newer', reason: expect.stringMatching(/^sessionSeconds: .*number/) },
      { name: 'Depot not JSON', reason: 'it is not JSON' },
    ]);
    // Read again: still listed, and not said again.
    expect((await list()).unreadable?.map((t) => t.name)).toEqual(['Depot newer', 'Depot not JSON']);
    const said = consoleError.mock.calls.map((c) => String(c[0])).filter((l) => l.includes('"Depot newer"'));
    expect(said).toEqual([expect.stringMatching(/cannot be read by this version.*sessionSeconds/)]);
  });

  it('is deleted by its name through the delete route', async () => {
    expect((await tb.request('DELETE', `/api/commissioning-templates/${encodeURIComponent('Depot newer')}`)).status).toBe(204);
    const after = await list();
    expect(after.unreadable?.map((t) => t.name)).toEqual(['Depot not JSON']);
    expect(after.saved.map((t) => t.name)).toEqual(['Depot good']);
    expect((await tb.request('DELETE', `/api/commissioning-templates/${encodeURIComponent('Depot newer')}`)).status).toBe(404);
  });

  it('saving a template of its name replaces it (200, not 201), and it is then readable', async () => {
    expect(await tb.request('POST', '/api/commissioning-templates', { name: 'Depot not JSON' })).toMatchObject({ status: 200, body: { name: 'Depot not JSON' } });
    const after = await list();
    expect(after.unreadable).toEqual([]);
    expect(after.saved.map((t) => t.name)).toEqual(['Depot good', 'Depot not JSON']);
  });
});
