// Frames a robustness review found mishandled: an answer to an operation in a binary WebSocket frame,
// a CALLERROR with an error code OCPP-J 1.6 does not define, an empty frame or a MessageTypeId that is
// not a number, and a number too large to represent. Each gets what the README promises.
import { describe, expect, it } from 'vitest';
import { rawCharger, useTestBench, waitFor } from '../../helpers/bench';

const tb = useTestBench();

type Raw = Awaited<ReturnType<typeof rawCharger>>;

/** A raw charger that has booted, so the bench sends it operations. */
async function booted(id: string): Promise<Raw> {
  const c = await rawCharger(tb.wsUrl(id));
  c.send([2, 'boot', 'BootNotification', { chargePointVendor: 'V', chargePointModel: 'M' }]);
  await c.reply('boot');
  return c;
}

/** The message id of the bench's `nth` CALL of this action to the raw charger (1 for the first). */
async function nthCall(c: Raw, action: string, nth: number): Promise<string> {
  const calls = await waitFor(() => {
    const of = c.received.filter((f) => f[0] === 2 && f[2] === action);
    return of.length >= nth ? of : null;
  });
  return calls[nth - 1][1] as string;
}

const inbound = async (chargerId: string) => ((await tb.request('GET', `/api/messages?chargerId=${chargerId}&limit=1000`)).body as any[]).filter((m) => m.direction === 'in');

describe('frames found mishandled in review', () => {
  it('ends an operation answered in a binary frame at once, as an invalid (FormationViolation) answer', async () => {
    const c = await booted('BIN');
    const op = tb.request('POST', '/api/chargers/BIN/operations/GetConfiguration?timeout=3', {});
    const id = await nthCall(c, 'GetConfiguration', 1);
    c.ws.send(Buffer.from(JSON.stringify([3, id, {}])), { binary: true });
    const res = await op;
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ outcome: 'invalidResponse', error: { code: 'FormationViolation', description: expect.stringMatching(/^The answer was malformed: .*binary/) } });

    // A CALLERROR in a binary frame is as malformed.
    const op2 = tb.request('POST', '/api/chargers/BIN/operations/ClearCache?timeout=3', {});
    const id2 = await nthCall(c, 'ClearCache', 1);
    c.ws.send(Buffer.from(JSON.stringify([4, id2, 'GenericError', 'no', {}])), { binary: true });
    expect((await op2).body).toMatchObject({ outcome: 'invalidResponse', error: { code: 'FormationViolation' } });

    // Neither answer is answered; both are recorded under the operation's id and action.
    expect(c.received.filter((f) => f[0] !== 2).map((f) => f[1])).toEqual(['boot']);
    const log = await inbound('BIN');
    expect(log.find((m) => m.messageId === id)).toMatchObject({ kind: 'INVALID', action: 'GetConfiguration', error: expect.stringMatching(/^FormationViolation: .*binary/) });
    expect(log.find((m) => m.messageId === id2)).toMatchObject({ kind: 'INVALID', action: 'ClearCache' });

    // A truncated answer in a binary frame (not JSON) ends the operation as malformed; the bench's
    // CALLERROR goes under -1, as for the same frame as text, never under the bench's own call id.
    const op3 = tb.request('POST', '/api/chargers/BIN/operations/ClearCache?timeout=3', {});
    const id3 = await nthCall(c, 'ClearCache', 2);
    c.ws.send(Buffer.from(`[3,"${id3}",{"status":"Acc`), { binary: true });
    expect((await op3).body).toMatchObject({ outcome: 'invalidResponse', error: { code: 'FormationViolation' } });
    const errors = await waitFor(() => {
      const sent = c.received.filter((f) => f[0] === 4);
      return sent.length ? sent : null;
    });
    expect(errors.map((f) => f[1])).toEqual(['-1']);
    c.close();
  });

  it('flags a CALLERROR whose code OCPP-J 1.6 does not define, in the log and in the outcome', async () => {
    const c = await booted('CODE');
    const op = tb.request('POST', '/api/chargers/CODE/operations/ClearCache', {});
    const id = await nthCall(c, 'ClearCache', 1);
    c.send([4, id, 'MadeUpCode', 'desc', {}]);
    const res = (await op).body;
    // The charger's own code and words are kept, with what is wrong with them beside.
    expect(res).toMatchObject({ outcome: 'callError', error: { code: 'MadeUpCode', description: 'desc', violation: expect.stringContaining('"MadeUpCode" is not an OCPP-J 1.6 error code') } });
    const log = await inbound('CODE');
    expect(log.find((m) => m.messageId === id)).toMatchObject({ kind: 'CALLERROR', error: expect.stringContaining('"MadeUpCode" is not an OCPP-J 1.6 error code') });
    const ops = (await tb.request('GET', '/api/operations?chargerId=CODE')).body as any[];
    expect(ops.find((o) => o.action === 'ClearCache').error).toMatchObject({ code: 'MadeUpCode', violation: expect.stringContaining('not an OCPP-J 1.6 error code') });

    // A code of the spec (either spelling of the occurrence one) is not flagged.
    const op2 = tb.request('POST', '/api/chargers/CODE/operations/ClearCache', {});
    const id2 = await nthCall(c, 'ClearCache', 2);
    c.send([4, id2, 'OccurrenceConstraintViolation', 'x', {}]);
    const res2 = (await op2).body;
    expect(res2).toMatchObject({ outcome: 'callError', error: { code: 'OccurenceConstraintViolation' } });
    expect(res2.error).not.toHaveProperty('violation');
    expect((await inbound('CODE')).find((m) => m.messageId === id2).error).toBeNull();
    c.close();
  });

  it('answers an empty frame and a MessageTypeId that is not a number with FormationViolation; ignores an unknown type number', async () => {
    const c = await rawCharger(tb.wsUrl('TYPEID'));
    c.send('[]');
    c.send(['2', 'x8', 'Heartbeat', {}]);
    c.send([null, 'x9', {}]);
    c.send([7, 'x10', {}]);
    c.send([2, 'ok', 'Heartbeat', {}]);
    await c.reply('ok');
    expect(c.received.map((f) => f.slice(0, 3))).toEqual([
      [4, '-1', 'FormationViolation'],
      [4, 'x8', 'FormationViolation'],
      [4, 'x9', 'FormationViolation'],
      [3, 'ok', expect.anything()],
    ]);
    expect(c.received[1][3]).toMatch(/MessageTypeId .*must be the number 2 .*got the string "2"/);
    const log = await inbound('TYPEID');
    expect(log.find((m) => m.raw === '[]')).toMatchObject({ kind: 'INVALID', error: expect.stringMatching(/^FormationViolation: .*empty/) });
    expect(log.find((m) => m.messageId === 'x8')).toMatchObject({ action: 'Heartbeat', error: expect.stringMatching(/^FormationViolation: MessageTypeId/) });
    expect(log.find((m) => m.messageId === 'x10')).toMatchObject({ kind: 'INVALID', error: expect.stringContaining('Unknown MessageTypeId 7') });
    c.close();
  });

  it('takes an answer whose MessageTypeId is the string "3" as a broken answer: the operation ends as malformed, nothing is answered', async () => {
    const c = await booted('TYPEID3');
    const op = tb.request('POST', '/api/chargers/TYPEID3/operations/ClearCache?timeout=3', {});
    const id = await nthCall(c, 'ClearCache', 1);
    c.send(['3', id, { status: 'Accepted' }]);
    expect((await op).body).toMatchObject({ outcome: 'invalidResponse', error: { code: 'FormationViolation', description: expect.stringContaining('MessageTypeId') } });
    expect(c.received.filter((f) => f[0] !== 2).map((f) => f[1])).toEqual(['boot']);
    c.close();
  });

  it('names a number too large to represent as such, not as the wrong type', async () => {
    const c = await rawCharger(tb.wsUrl('INF'));
    c.send('[2,"inf1","StatusNotification",{"connectorId":1e400,"errorCode":"NoError","status":"Available"}]');
    c.send('[2,"inf2","MeterValues",{"connectorId":1,"meterValue":[{"timestamp":"2024-01-01T00:00:00Z","sampledValue":[{"value":"1"}]}],"transactionId":-1e400}]');
    const r1 = await c.reply('inf1');
    expect(r1.slice(0, 3)).toEqual([4, 'inf1', 'TypeConstraintViolation']);
    expect(r1[3]).toMatch(/^connectorId: not a finite number/);
    expect(r1[3]).not.toContain('expected number');
    expect((await c.reply('inf2'))[3]).toMatch(/^transactionId: not a finite number .*-Infinity/);
    c.close();
  });
});
