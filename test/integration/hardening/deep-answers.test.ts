// A value nested thousands deep overflows the stack of anything that walks it (JSON.stringify included).
// A charger may send one in any frame the bench does not validate against a strict schema: an answer to
// an operation (CALLRESULT or CALLERROR details), or an answer to nothing. The bench lives, the operation
// is reported as malformed, the frame is recorded as a short excerpt, and the log, its export and the
// API still read the record.
import { describe, expect, it } from 'vitest';
import { rawCharger, useTestBench, waitFor } from '../../helpers/bench';
import { MAX_RECORDED_DEEP } from '../../../src/main/rpc/endpoint';

const tb = useTestBench();
const deep = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
const LEVELS = 6_000;

/** The message id of the bench's `nth` CALL of this action to the raw charger (1 for the first). */
async function nthCall(c: Awaited<ReturnType<typeof rawCharger>>, action: string, nth: number): Promise<string> {
  const calls = await waitFor(() => {
    const of = c.received.filter((f) => f[0] === 2 && f[2] === action);
    return of.length >= nth ? of : null;
  });
  return calls[nth - 1][1] as string;
}

describe('deeply nested answers from a charger', () => {
  it('reports the operation as malformed, records a short excerpt and keeps the log readable', async () => {
    const c = await rawCharger(tb.wsUrl('DEEP'));
    c.send([2, 'boot', 'BootNotification', { chargePointVendor: 'V', chargePointModel: 'M' }]);
    await c.reply('boot');

    // A CALLRESULT whose payload is nested 6,000 deep (about 12 KB: under the size at which frames are scanned unparsed).
    const op1 = tb.request('POST', '/api/chargers/DEEP/operations/ClearCache', {});
    c.send(`[3,"${await nthCall(c, 'ClearCache', 1)}",{"status":${deep(LEVELS)}}]`);
    const r1 = await op1;
    expect(r1.status).toBe(200);
    expect(r1.body).toMatchObject({ outcome: 'invalidResponse', error: { code: 'FormationViolation' } });

    // A CALLERROR whose details are nested as deep: the operation still ends as the charger's error.
    const op2 = tb.request('POST', '/api/chargers/DEEP/operations/ClearCache', {});
    c.send(`[4,"${await nthCall(c, 'ClearCache', 2)}","InternalError","broken",{"x":${deep(LEVELS)}}]`);
    const r2 = await op2;
    expect(r2.status).toBe(200);
    expect(r2.body).toMatchObject({ outcome: 'callError', error: { code: 'InternalError', description: 'broken' } });
    expect(JSON.stringify(r2.body.error.details ?? {})).not.toContain('[[[[');

    // A CALLRESULT that answers nothing, nested as deep.
    c.send(`[3,"nobody-asked",${deep(LEVELS)}]`);
    c.send([2, 'hb', 'Heartbeat', {}]);
    await c.reply('hb');

    // Everything is recorded, each deep frame as a short excerpt, and the record reads back through every face.
    await tb.bench.record.settled();
    const page = await tb.request('GET', '/api/messages?chargerId=DEEP&limit=100');
    expect(page.status).toBe(200);
    const frames = page.body as Array<{ direction: string; kind: string; raw: string; error: string | null; messageId: string }>;
    const deepOnes = frames.filter((m) => m.direction === 'in' && m.kind !== 'CALL');
    expect(deepOnes).toHaveLength(3);
    for (const m of deepOnes) {
      expect(m.raw.length).toBeLessThan(MAX_RECORDED_DEEP + 100);
      expect(m.error).toBeTruthy();
    }
    expect(deepOnes.filter((m) => m.error!.includes('nested deeper than'))).toHaveLength(2);
    const exported = await fetch(`http://127.0.0.1:${tb.apiPort}/api/messages/export?format=json&filter=${encodeURIComponent(JSON.stringify({ chargerId: 'DEEP' }))}`, {
      headers: { Authorization: `Bearer ${tb.token}` },
    });
    expect(exported.status).toBe(200);
    expect(JSON.parse(await exported.text())).toHaveLength(frames.length);
    const ops = await tb.request('GET', '/api/operations?chargerId=DEEP');
    expect(ops.status).toBe(200);
    c.close();
  });
});
