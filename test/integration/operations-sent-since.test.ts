// operations:list `sentSince`: only the operations sent at or after a time, found by bisection on the ids
// (they grow with the time sent) so a question about the last day reads the last day only, not every
// operation ever recorded. A time that is not one is refused, naming the field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBench, type TestBench } from '../helpers/bench';

let tb: TestBench;
beforeAll(async () => {
  tb = await startTestBench();
  const ops = tb.bench.record.operations;
  const at = (iso: string, chargerId: string, action: string) => ops.finished(ops.started(chargerId, action, { location: 'ftp://x@192.0.2.1:2121/' }, iso), iso, 'completed', {}, undefined);
  for (let i = 0; i < 50; i++) at(new Date(Date.parse('2026-02-01T00:00:00Z') + i * 60_000).toISOString(), 'CP-OLD', 'UpdateFirmware');
  at('2026-03-01T09:00:00.000Z', 'CP-A', 'GetDiagnostics');
  at('2026-03-01T10:00:00.000Z', 'CP-B', 'Reset');
  at('2026-03-01T11:00:00.000Z', 'CP-C', 'UpdateFirmware');
  await tb.bench.record.settled();
});
afterAll(() => tb.stop());

const call = (body: unknown) => tb.request('POST', '/api/call/operations:list', body);

describe('operations:list sentSince', () => {
  it('lists only the operations sent since then, of the actions asked for, newest first', async () => {
    const r = await call({ actions: ['GetDiagnostics', 'UpdateFirmware'], sentSince: '2026-03-01T10:00:00+01:00', limit: 1000 });
    expect(r.status).toBe(200);
    expect(r.body.map((o: { chargerId: string }) => o.chargerId)).toEqual(['CP-C', 'CP-A']);
    expect((await call({ sentSince: '2026-03-01T10:00:00Z' })).body.map((o: { chargerId: string }) => o.chargerId)).toEqual(['CP-C', 'CP-B']);
    expect((await call({ chargerId: 'CP-A', actions: ['GetDiagnostics'], sentSince: '2026-03-01T09:00:00Z' })).body).toHaveLength(1);
    // The same over REST.
    expect((await tb.request('GET', '/api/operations?sentSince=2026-03-01T10:30:00Z')).body.map((o: { chargerId: string }) => o.chargerId)).toEqual(['CP-C']);
  });

  it('reads from the first operation sent since then on: a range of ids, not a scan of the table', () => {
    const db = tb.bench.record.db;
    const spy: string[] = [];
    const prepare = db.prepare.bind(db);
    db.prepare = ((sql: string) => (spy.push(sql), prepare(sql))) as typeof db.prepare;
    try {
      tb.bench.record.operations.list({ actions: ['GetDiagnostics', 'UpdateFirmware'], sentSince: '2026-03-01T00:00:00Z', limit: 1000 });
    } finally {
      db.prepare = prepare as typeof db.prepare;
    }
    const listing = spy.find((s) => s.includes('ORDER BY id DESC'))!;
    const plan = (prepare(`EXPLAIN QUERY PLAN ${listing}`).all(1, '2026-03-01T00:00:00.000Z', 'GetDiagnostics', 'UpdateFirmware', 1000) as { detail: string }[]).map((p) => p.detail).join('\n');
    expect(plan).toMatch(/SEARCH operations USING INTEGER PRIMARY KEY \(rowid>\?\)/);
  });

  it('refuses a time that is not one, naming the field', async () => {
    const r = await call({ sentSince: 'yesterday' });
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain('sentSince');
  });
});
