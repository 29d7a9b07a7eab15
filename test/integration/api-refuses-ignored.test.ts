// The automation API refuses what it would ignore, and its 400s name what the caller wrote: a body sent
// to a route that takes none, an unknown key of /api/call/* (by the key), a bad path parameter (as a
// path parameter), a query field given twice, a query field an export does not take.
import { describe, expect, it } from 'vitest';
import { strictCharger, useTestBench } from '../helpers/bench';

const tb = useTestBench();
const now = () => new Date().toISOString();

/** A session its charger lost (it rebooted and says Available): what POST /api/transactions/{id}/close is for. */
async function lostSession(cp: Awaited<ReturnType<typeof strictCharger>>, connectorId: number): Promise<number> {
  const { transactionId } = (await cp.client.call('StartTransaction', { connectorId, idTag: 'TAG', meterStart: 0, timestamp: now() })) as { transactionId: number };
  await cp.client.call('StatusNotification', { connectorId, status: 'Available', errorCode: 'NoError' });
  await tb.bench.record.settled();
  return transactionId;
}

describe('the automation API refuses what it would ignore', () => {
  it('answers 400 to a body on a route that takes none, before acting; none or {} still works', async () => {
    const cp = await strictCharger(tb.wsUrl(), 'NOBODY-1');
    await cp.connect();
    const first = await lostSession(cp, 1);
    for (const body of [{ x: 1 }, [1, 2], 'garbage', 'null']) {
      const r = await tb.request('POST', `/api/transactions/${first}/close`, body);
      expect(r, JSON.stringify(body)).toMatchObject({ status: 400, body: { field: 'body', error: expect.stringContaining('This request takes no body') } });
    }
    expect((await tb.request('POST', `/api/transactions/${first}/close`, { x: 1 })).body.error).toContain('got {"x":1}');
    expect((await tb.request('POST', `/api/transactions/${first}/close`, 'garbage')).body.error).toContain('got garbage');
    // Nothing was closed.
    expect((await tb.request('GET', `/api/transactions/${first}?meterValues=false`)).body).toMatchObject({ transactionId: first, active: true });
    // No body (a script) and {} (a client that always sends JSON) close it.
    expect(await tb.request('POST', `/api/transactions/${first}/close`)).toMatchObject({ status: 200, body: { transactionId: first, active: false } });
    const second = await lostSession(cp, 2);
    expect(await tb.request('POST', `/api/transactions/${second}/close`, {})).toMatchObject({ status: 200, body: { transactionId: second, active: false } });
    expect(await tb.request('POST', `/api/transactions/${second}/close`, ' { } ')).toMatchObject({ status: 409 });
    await cp.client.close({ force: true });
  });

  it('refuses a body on the other body-less routes too: DELETE, disconnect, a GET', async () => {
    expect((await tb.request('POST', '/api/id-tags', { idTag: 'KEEP-ME', status: 'Accepted' })).status).toBe(201);
    expect(await tb.request('DELETE', '/api/id-tags/KEEP-ME', { force: true })).toMatchObject({ status: 400, body: { field: 'body' } });
    expect((await tb.request('GET', '/api/id-tags')).body).toEqual(expect.arrayContaining([expect.objectContaining({ idTag: 'KEEP-ME' })]));
    expect(await tb.request('DELETE', '/api/id-tags/KEEP-ME', {})).toMatchObject({ status: 204 });
    expect(await tb.request('POST', '/api/chargers/ANYONE/disconnect', { reason: 'x' })).toMatchObject({ status: 400, body: { field: 'body' } });
    expect(await tb.request('POST', '/api/virtual-chargers/NOVCP/start', [1])).toMatchObject({ status: 400, body: { field: 'body' } });
  });

  it('names the unknown key of a /api/call/* argument, as REST names a body key', async () => {
    expect(await tb.request('POST', '/api/call/messages:page', { foo: 1 })).toMatchObject({ status: 400, body: { field: 'foo', error: expect.stringContaining('"foo"') } });
    expect(await tb.request('POST', '/api/call/chargers:list', { x: 1 })).toMatchObject({ status: 400, body: { field: 'x' } });
    expect(await tb.request('POST', '/api/call/idTags:replace', { entries: [{ idTag: 'A', status: 'Accepted', colour: 'red' }] })).toMatchObject({
      status: 400,
      body: { field: 'entries.0.colour' },
    });
    expect(await tb.request('PATCH', '/api/settings', { colour: 'red' })).toMatchObject({ status: 400, body: { field: 'colour', error: 'Invalid body field "colour": Unrecognized key: "colour"' } });
  });

  it('says a bad path parameter is a path parameter, not a body or query field', async () => {
    const negative = await tb.request('GET', '/api/transactions/-1');
    expect(negative).toMatchObject({ status: 400, body: { field: 'id' } });
    expect(negative.body.error).toMatch(/^Invalid path parameter "id": /);
    expect(await tb.request('GET', '/api/transactions/abc')).toMatchObject({ status: 400, body: { field: 'id', error: 'Invalid path parameter "id": must be a whole number' } });
    // A query field is still said as one.
    expect(await tb.request('GET', '/api/messages?limit=lots')).toMatchObject({ status: 400, body: { field: 'limit', error: 'Invalid query field "limit": must be a whole number' } });
  });

  it('refuses a query field given twice, naming it', async () => {
    expect(await tb.request('GET', '/api/messages?limit=10&limit=20')).toMatchObject({ status: 400, body: { field: 'limit', error: expect.stringContaining('limit is given twice') } });
    expect(await tb.request('GET', '/api/transactions?active=true&chargerId=A&active=false')).toMatchObject({ status: 400, body: { field: 'active' } });
    expect(await tb.request('GET', '/api/transactions/export?format=csv&format=json')).toMatchObject({ status: 400, body: { field: 'format' } });
    expect((await tb.request('GET', '/api/messages?limit=10')).status).toBe(200);
  });

  it('refuses a query field an export does not take (a misspelt filter would export everything), and takes the token', async () => {
    expect(await tb.request('GET', '/api/messages/export?chargerId=CP001')).toMatchObject({
      status: 400,
      body: { field: 'chargerId', error: 'Unknown query field "chargerId" (this endpoint takes filter, format)' },
    });
    expect(await tb.request('GET', '/api/transactions/export?format=json')).toMatchObject({ status: 400, body: { field: 'format', error: expect.stringContaining('takes chargerId, active') } });
    // A plain link's token is every download's.
    const link = await fetch(`http://127.0.0.1:${tb.apiPort}/api/transactions/export?active=true&token=${encodeURIComponent(tb.token)}`);
    expect(link.status).toBe(200);
    await link.text();
  });
});
