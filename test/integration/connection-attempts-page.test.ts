// GET /api/connection-attempts answers a page, as GET /api/messages does: the newest 100 unless `limit`
// says (at most 10,000), and `beforeId` (the lowest id of the last page) pages back, so a script reaches
// every attempt the bench holds, not only the newest.
import { describe, expect, it } from 'vitest';
import { useTestBench } from '../helpers/bench';

const tb = useTestBench();
const at = (s: number) => new Date(Date.UTC(2025, 5, 1, 12, 0, 0) + s * 1000).toISOString();

describe('GET /api/connection-attempts', () => {
  it('pages back with beforeId to the oldest attempt, each once, newest first', async () => {
    const record = tb.bench.record;
    for (let i = 1; i <= 250; i++) record.connectionAttempts.add(at(i), `PAGE-${i}`, '10.0.0.7', 'accepted', null);
    await record.settled();
    const first = await tb.request('GET', '/api/connection-attempts');
    expect(first.status).toBe(200);
    // The newest 100 by default.
    expect(first.body).toHaveLength(100);
    expect(first.body[0].chargerId).toBe('PAGE-250');
    const seen: string[] = [];
    let page = first.body as Array<{ id: number; chargerId: string }>;
    while (page.length) {
      seen.push(...page.map((a) => a.chargerId));
      page = (await tb.request('GET', `/api/connection-attempts?limit=100&beforeId=${page[page.length - 1].id}`)).body;
    }
    expect(seen).toEqual(Array.from({ length: 250 }, (_, i) => `PAGE-${250 - i}`));
  });

  it('refuses a limit past its maximum, or a bad beforeId, naming the field', async () => {
    expect((await tb.request('GET', '/api/connection-attempts?limit=10000')).status).toBe(200);
    expect(await tb.request('GET', '/api/connection-attempts?limit=10001')).toMatchObject({ status: 400, body: { field: 'limit' } });
    expect(await tb.request('GET', '/api/connection-attempts?limit=0')).toMatchObject({ status: 400, body: { field: 'limit' } });
    expect(await tb.request('GET', '/api/connection-attempts?beforeId=x')).toMatchObject({ status: 400, body: { field: 'beforeId' } });
  });
});
