// A misbehaving charger: every kind of bad frame gets the right answer, lands in the log with its
// error, and the bench keeps serving a well-behaved charger next to it.
import { describe, expect, it } from 'vitest';
import { rawCharger, strictCharger, useTestBench, waitFor } from '../helpers/bench';

const tb = useTestBench();

describe('bad input from a charger', () => {
  it('answers each bad frame with the right CALLERROR, logs it with its error and keeps serving others', async () => {
    const good = await strictCharger(tb.wsUrl(), 'GOOD');
    await good.connect();
    const bad = await rawCharger(tb.wsUrl('BAD'));
    const now = new Date().toISOString();
    const cases: Array<[string, unknown, string]> = [
      ['invalid JSON', '[2, "j1", "Heartbeat", {', 'FormationViolation'],
      ['frame not an array', '{"hello": 1}', 'FormationViolation'],
      ['CALL with 3 elements', [2, 'shape1', 'Heartbeat'], 'FormationViolation'],
      ['payload not an object', [2, 'shape2', 'Heartbeat', 'x'], 'FormationViolation'],
      ['wrong type', [2, 'type1', 'StatusNotification', { connectorId: '1', errorCode: 'NoError', status: 'Available' }], 'TypeConstraintViolation'],
      ['missing field', [2, 'miss1', 'StartTransaction', { connectorId: 1, meterStart: 0, timestamp: now }], 'OccurenceConstraintViolation'],
      ['unknown action', [2, 'unk1', 'MakeCoffee', {}], 'NotImplemented'],
      ['action of the other direction', [2, 'dir1', 'RemoteStartTransaction', { idTag: 'A' }], 'NotSupported'],
      ['oversize string', [2, 'big1', 'Authorize', { idTag: 'ABCDEFGHIJKLMNOPQRSTU' }], 'PropertyConstraintViolation'],
      ['value outside its enumeration', [2, 'enum1', 'StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Sleeping' }], 'PropertyConstraintViolation'],
      ['unknown field', [2, 'extra1', 'Heartbeat', { uptime: 5 }], 'FormationViolation'],
      ['message id too long', [2, 'x'.repeat(40), 'Heartbeat', {}], 'FormationViolation'],
    ];
    for (const [, frame] of cases) bad.send(frame);
    // Invalid JSON and a non-array frame carry no readable id: answered with id "-1".
    await waitFor(() => bad.received.length >= cases.length);
    const answers = bad.received.map((f) => [f[0], f[1], f[2]]);
    expect(answers).toEqual(cases.map(([, frame, code]) => [4, Array.isArray(frame) ? frame[1] : '-1', code]));

    // A binary frame
    bad.ws.send(Buffer.from(JSON.stringify([2, 'bin1', 'Heartbeat', {}])), { binary: true });
    expect(await bad.reply('bin1')).toEqual([4, 'bin1', 'FormationViolation', expect.stringContaining('binary'), {}]);

    // Results and errors for ids the bench never used: recorded, not answered.
    const before = bad.received.length;
    bad.send([3, 'never-sent', { status: 'Accepted' }]);
    bad.send([4, 'never-sent-2', 'GenericError', 'x', {}]);
    bad.send([9, 'weird', {}]);
    bad.send([2, 'ok1', 'Heartbeat', {}]);
    expect((await bad.reply('ok1'))[0]).toBe(3);
    expect(bad.received.length).toBe(before + 1);

    // The good charger is served throughout.
    expect(await good.client.call('Heartbeat', {})).toHaveProperty('currentTime');
    expect(good.violations).toEqual([]);

    const log = (await tb.request('GET', '/api/messages?chargerId=BAD&limit=1000')).body as any[];
    const inbound = log.filter((m) => m.direction === 'in').reverse();
    expect(inbound.slice(0, cases.length).map((m) => m.error?.split(':')[0])).toEqual(cases.map(([, , code]) => code));
    expect(inbound[0].raw).toBe('[2, "j1", "Heartbeat", {');
    expect(inbound.find((m) => m.messageId === 'bin1')).toMatchObject({ kind: 'INVALID', error: expect.stringContaining('binary') });
    expect(inbound.find((m) => m.messageId === 'never-sent')).toMatchObject({ kind: 'CALLRESULT', error: expect.stringContaining('No outstanding CALL') });
    expect(inbound.find((m) => m.messageId === 'never-sent-2')).toMatchObject({ kind: 'CALLERROR', error: expect.stringContaining('No outstanding CALL') });
    expect(inbound.find((m) => m.messageId === 'weird')).toMatchObject({ kind: 'INVALID', error: expect.stringContaining('Unknown MessageTypeId') });
    bad.close();
    await good.client.close();
  });

  it('refuses a duplicate message id while the first is still being handled', async () => {
    const bad = await rawCharger(tb.wsUrl('DUP'));
    // Both frames leave in one TCP write, so they arrive in one turn: the first is still waiting on the
    // group commit when the second lands.
    const socket = (bad.ws as unknown as { _socket: import('node:net').Socket })._socket;
    socket.cork();
    bad.ws.send(JSON.stringify([2, 'same', 'Authorize', { idTag: 'A' }]));
    bad.ws.send(JSON.stringify([2, 'same', 'Authorize', { idTag: 'A' }]));
    socket.uncork();
    await waitFor(() => bad.received.length >= 2);
    expect(bad.received).toEqual([
      [3, 'same', { idTagInfo: { status: 'Accepted' } }],
      [4, 'same', 'ProtocolError', expect.stringContaining('already being handled'), {}],
    ]);
    const log = (await tb.request('GET', '/api/messages?chargerId=DUP')).body as any[];
    expect(log.filter((m) => m.direction === 'in').map((m) => m.error)).toEqual([expect.stringContaining('duplicate'), null]);
    bad.close();
  });

  it('keeps the record when a charger sends a huge frame, dropping only that connection', async () => {
    const big = await rawCharger(tb.wsUrl('HUGE'));
    const closed = new Promise<number>((r) => big.ws.once('close', (code) => r(code)));
    big.send([2, 'huge', 'DataTransfer', { vendorId: 'v', data: 'x'.repeat(5 * 1024 * 1024) }]);
    expect(await closed).toBe(1009);
    await waitFor(async () => (await tb.request('GET', '/api/chargers/HUGE')).body.connected === false);
    const attempts = (await tb.request('GET', '/api/connection-attempts')).body;
    // Named for what it was, not as a lost connection.
    expect(attempts.find((a: any) => a.chargerId === 'HUGE' && a.outcome === 'closed').reason).toMatch(/1009, frame too big.*larger than the 4 MiB/);
    const log = (await tb.request('GET', '/api/messages?chargerId=HUGE')).body as any[];
    expect(log[0]).toMatchObject({ kind: 'INVALID', error: expect.stringContaining('closed with 1009') });
  });
});
