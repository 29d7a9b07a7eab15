// Input the bench refuses with words that say what to do: a field left out is "required" (named, with its
// choices), not zod's "Invalid option"; an empty firmware file is refused rather than offered to chargers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestBench, type TestBench } from '../helpers/bench';

let tb: TestBench;
beforeAll(async () => {
  tb = await startTestBench();
});
afterAll(async () => {
  await tb?.stop();
});

describe('a field left out', () => {
  it('POST /api/id-tags without a status says status is required, and its choices', async () => {
    const res = await tb.request('POST', '/api/id-tags', { idTag: 'CARD-1' });
    expect(res).toMatchObject({ status: 400, body: { field: 'status' } });
    expect(res.body.error).toContain('"status": is required (one of Accepted, Blocked, Expired, Invalid, ConcurrentTx)');
    expect(res.body.error).not.toContain('Invalid option');
  });

  it('a wrong value still says which values it takes', async () => {
    const res = await tb.request('POST', '/api/id-tags', { idTag: 'CARD-1', status: 'Maybe' });
    expect(res).toMatchObject({ status: 400, body: { field: 'status' } });
    expect(res.body.error).not.toContain('is required');
  });
});

describe('an empty firmware file', () => {
  it('POST /api/files with no bytes is a 400 saying the file is empty, and nothing is hosted', async () => {
    const res = await fetch(`http://127.0.0.1:${tb.apiPort}/api/files?name=empty.bin`, { method: 'POST', headers: { Authorization: `Bearer ${tb.token}` }, body: new Uint8Array(0) });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; field: string };
    expect(body.error).toContain('empty.bin is empty (0 bytes)');
    expect((await tb.request('GET', '/api/files')).body ?? []).toEqual([]);
  });

  it('hosting an empty file from disk is refused the same way', async () => {
    const path = join(tb.dataDir, 'nothing.bin');
    writeFileSync(path, '');
    await expect(tb.bench.files.host(path)).rejects.toThrow('nothing.bin is empty (0 bytes)');
  });
});
