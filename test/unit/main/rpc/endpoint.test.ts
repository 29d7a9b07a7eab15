// The RPC endpoint on its own: correlation, one outstanding CALL with a queue, timeouts, offline on
// close, inbound validation, duplicate ids and results for unknown ids.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OcppError } from '../../../../src/shared/ocpp16';
import { PayloadError, RpcEndpoint, type FrameRecord, type HandlerMap } from '../../../../src/main/rpc/endpoint';

function endpoint(role: 'CS' | 'CP', handlers: HandlerMap = {}, callTimeoutMs = 1000) {
  const sent: any[] = [];
  const log: FrameRecord[] = [];
  let id = 0;
  const ep = new RpcEndpoint({
    role,
    handlers,
    callTimeoutMs,
    newMessageId: () => `m${++id}`,
    io: {
      received: (r) => log.push(r),
      transmit: (text, r, done) => {
        log.push(r);
        sent.push(JSON.parse(text));
        done?.();
      },
    },
  });
  return { ep, sent, log };
}

const tick = () => new Promise((r) => setImmediate(r));

afterEach(() => {
  vi.useRealTimers();
});

describe('outbound calls', () => {
  it('keeps one CALL outstanding and queues the rest in order', async () => {
    const { ep, sent } = endpoint('CS');
    const a = ep.call('ClearCache', {});
    const b = ep.call('Reset', { type: 'Soft' });
    expect(sent).toEqual([[2, 'm1', 'ClearCache', {}]]);
    expect(ep.queuedCalls).toBe(1);
    ep.receive('[3,"m1",{"status":"Accepted"}]');
    expect(await a).toEqual({ outcome: 'completed', response: { status: 'Accepted' } });
    expect(sent[1]).toEqual([2, 'm2', 'Reset', { type: 'Soft' }]);
    ep.receive('[4,"m2","NotSupported","no reset here",{}]');
    expect(await b).toEqual({ outcome: 'callError', error: { code: 'NotSupported', description: 'no reset here', details: {} } });
  });

  it('refuses an invalid payload before sending, naming the field', () => {
    const { ep, sent } = endpoint('CS');
    expect(() => ep.call('Reset', { type: 'Medium' } as never)).toThrow(PayloadError);
    try {
      ep.call('RemoteStartTransaction', { idTag: 'X'.repeat(21) });
    } catch (e) {
      expect((e as PayloadError).field).toBe('idTag');
    }
    expect(sent).toEqual([]);
  });

  it('times out after the configured time and moves on to the next call', async () => {
    vi.useFakeTimers();
    const { ep, sent } = endpoint('CS', {}, 5000);
    const a = ep.call('ClearCache', {});
    const b = ep.call('ClearCache', {});
    vi.advanceTimersByTime(5001);
    expect(await a).toMatchObject({ outcome: 'timeout' });
    expect(sent).toHaveLength(2);
    ep.receive('[3,"m1",{"status":"Accepted"}]'); // late answer to the timed-out call: ignored
    ep.receive('[3,"m2",{"status":"Rejected"}]');
    expect(await b).toEqual({ outcome: 'completed', response: { status: 'Rejected' } });
  });

  it('fails the outstanding and queued calls at once as offline when the connection closes', async () => {
    const { ep } = endpoint('CS');
    const a = ep.call('ClearCache', {});
    const b = ep.call('ClearCache', {});
    ep.close('socket closed');
    expect(await a).toEqual({ outcome: 'offline', error: { description: 'socket closed' }, sent: true });
    expect(await b).toMatchObject({ outcome: 'offline' });
    expect(await ep.call('ClearCache', {})).toMatchObject({ outcome: 'offline' });
  });

  it('tells the call the connection dropped after it was sent (outcome unknown) from those never sent', async () => {
    const { ep, sent } = endpoint('CS');
    const went: string[] = [];
    const reset = ep.call('Reset', { type: 'Soft' }, { onSent: (id) => went.push(`Reset ${id}`) });
    const trigger = ep.call('TriggerMessage', { requestedMessage: 'Heartbeat' }, { onSent: (id) => went.push(`TriggerMessage ${id}`) });
    // Only the Reset went out: the TriggerMessage waits behind it, unsent.
    expect(sent).toEqual([[2, 'm1', 'Reset', { type: 'Soft' }]]);
    expect(went).toEqual(['Reset m1']);
    ep.close('Connection lost (1006, no close frame)');
    expect(await reset).toEqual({ outcome: 'offline', error: { description: 'Connection lost (1006, no close frame)' }, sent: true });
    const never = await trigger;
    expect(never).toEqual({ outcome: 'offline', error: { description: 'Connection lost (1006, no close frame)' } });
    expect(never).not.toHaveProperty('sent');
    expect(went).toEqual(['Reset m1']);
    // Nothing is sent once closed, and a call made then says it was not.
    expect(await ep.call('ClearCache', {})).not.toHaveProperty('sent');
  });

  it('says when a queued call goes out: when the one before it is answered, not when it was made', async () => {
    vi.useFakeTimers();
    const { ep, sent } = endpoint('CS', {}, 5000);
    const went: string[] = [];
    void ep.call('Reset', { type: 'Soft' }, { onSent: () => went.push('Reset') });
    const trigger = ep.call('TriggerMessage', { requestedMessage: 'Heartbeat' }, { onSent: () => went.push('TriggerMessage') });
    vi.advanceTimersByTime(4999);
    expect(went).toEqual(['Reset']);
    vi.advanceTimersByTime(2); // the Reset times out; the TriggerMessage goes
    expect(went).toEqual(['Reset', 'TriggerMessage']);
    expect(sent[1]).toEqual([2, 'm2', 'TriggerMessage', { requestedMessage: 'Heartbeat' }]);
    ep.receive('[3,"m2",{"status":"Accepted"}]');
    expect(await trigger).toEqual({ outcome: 'completed', response: { status: 'Accepted' } });
  });

  it('a call the bench could not put on the wire (cancelled) is offline with nothing sent', async () => {
    const { ep } = endpoint('CS');
    const a = ep.call('ClearCache', {});
    ep.cancelCall('m1', 'Not sent: disk full');
    expect(await a).toEqual({ outcome: 'offline', error: { description: 'Not sent: disk full' } });
  });

  it('reports a response that breaks the schema as invalidResponse', async () => {
    const { ep, log } = endpoint('CS');
    const a = ep.call('Reset', { type: 'Hard' });
    ep.receive('[3,"m1",{"status":"OK"}]');
    expect(await a).toMatchObject({ outcome: 'invalidResponse', response: { status: 'OK' }, error: { code: 'PropertyConstraintViolation' } });
    expect(log.at(-1)).toMatchObject({ direction: 'in', action: 'Reset', error: expect.stringContaining('status') });
  });

  it('ends the outstanding call at once when its answer is malformed, not at the timeout', async () => {
    vi.useFakeTimers();
    const { ep } = endpoint('CS', {}, 30_000);
    const a = ep.call('Reset', { type: 'Hard' });
    ep.receive('[3,"m1",{"status":"Accepted"'); // cut off mid-frame: not JSON, but it names the call's id
    vi.advanceTimersByTime(1);
    expect(await a).toMatchObject({ outcome: 'invalidResponse', response: null, error: { code: 'FormationViolation', description: expect.stringContaining('malformed') } });
    const b = ep.call('ClearCache', {});
    ep.receive('[3,"m2"]'); // the wrong shape, with a readable id
    expect(await b).toMatchObject({ outcome: 'invalidResponse', error: { description: expect.stringContaining('malformed') } });
    const c = ep.call('ClearCache', {});
    ep.receive('[3,"someone-else",{'); // another id: not this call's answer
    ep.receive('[2,"m3","Heartbeat",{'); // a broken CALL from the charger, even if it reuses the id
    ep.receive('[3,"m3",{"status":"Accepted"}]');
    expect(await c).toEqual({ outcome: 'completed', response: { status: 'Accepted' } });
  });

  it('records results and errors for unknown message ids and otherwise ignores them', () => {
    const { ep, sent, log } = endpoint('CS');
    ep.receive('[3,"nope",{}]');
    ep.receive('[4,"nope2","GenericError","",{}]');
    expect(sent).toEqual([]);
    expect(log.map((l) => l.error)).toEqual([expect.stringContaining('nope'), expect.stringContaining('nope2')]);
  });
});

describe('inbound calls', () => {
  it('validates before the handler runs and answers with the right code', () => {
    const handler = vi.fn(() => ({ currentTime: new Date().toISOString() }));
    const { ep, sent } = endpoint('CS', { Heartbeat: handler });
    ep.receive('[2,"1","Heartbeat",{"x":1}]');
    ep.receive('[2,"2","Authorize",{}]');
    ep.receive('[2,"3","Authorize",{"idTag":5}]');
    ep.receive('[2,"4","Frobnicate",{}]');
    ep.receive('[2,"5","Reset",{"type":"Soft"}]');
    expect(handler).not.toHaveBeenCalled();
    expect(sent.map((f) => [f[1], f[2]])).toEqual([
      ['1', 'FormationViolation'],
      ['2', 'OccurenceConstraintViolation'],
      ['3', 'TypeConstraintViolation'],
      ['4', 'NotImplemented'],
      ['5', 'NotSupported'],
    ]);
  });

  it('answers handler results, OcppErrors and crashes', async () => {
    const { ep, sent } = endpoint('CP', {
      ClearCache: () => ({ status: 'Accepted' }),
      Reset: () => {
        throw new OcppError('NotSupported', 'no');
      },
      UnlockConnector: async () => {
        throw new Error('kaboom');
      },
      GetLocalListVersion: () => ({ listVersion: 'one' }) as never,
    });
    ep.receive('[2,"a","ClearCache",{}]');
    ep.receive('[2,"b","Reset",{"type":"Hard"}]');
    ep.receive('[2,"c","UnlockConnector",{"connectorId":1}]');
    ep.receive('[2,"d","GetLocalListVersion",{}]');
    await tick();
    expect(sent).toEqual([
      [3, 'a', { status: 'Accepted' }],
      [4, 'b', 'NotSupported', 'no', {}],
      [4, 'd', 'InternalError', expect.stringContaining('listVersion'), {}],
      [4, 'c', 'InternalError', expect.stringContaining('kaboom'), {}],
    ]);
  });

  it('refuses a duplicate message id while the first is still being handled', async () => {
    let release!: () => void;
    const handler = vi.fn(() => new Promise<{ status: 'Accepted' }>((r) => (release = () => r({ status: 'Accepted' }))));
    const { ep, sent } = endpoint('CP', { ClearCache: handler });
    ep.receive('[2,"dup","ClearCache",{}]');
    ep.receive('[2,"dup","ClearCache",{}]');
    expect(handler).toHaveBeenCalledTimes(1);
    expect(sent).toEqual([[4, 'dup', 'ProtocolError', expect.stringContaining('already being handled'), {}]]);
    release();
    await tick();
    expect(sent[1]).toEqual([3, 'dup', { status: 'Accepted' }]);
  });

  it('tracks several CALLs in flight from a peer that does not wait (duplicates refused), answered in any order', async () => {
    const release = new Map<string, () => void>();
    const handler = vi.fn((_p: unknown, id: string) => new Promise<{ status: 'Accepted' }>((r) => release.set(id, () => r({ status: 'Accepted' }))));
    const { ep, sent } = endpoint('CP', { ClearCache: handler });
    for (const id of ['a', 'b', 'c']) ep.receive(`[2,"${id}","ClearCache",{}]`);
    for (const id of ['a', 'b', 'c']) ep.receive(`[2,"${id}","ClearCache",{}]`);
    expect(handler).toHaveBeenCalledTimes(3);
    expect(sent.map((f) => [f[1], f[2]])).toEqual([
      ['a', 'ProtocolError'],
      ['b', 'ProtocolError'],
      ['c', 'ProtocolError'],
    ]);
    // The first answered leaves the others still in flight; then each id is free again once answered.
    release.get('a')!();
    await tick();
    for (const id of ['a', 'b', 'c']) ep.receive(`[2,"${id}","ClearCache",{}]`);
    expect(handler).toHaveBeenCalledTimes(4);
    expect(sent.slice(3).map((f) => [f[0], f[1], f[2]])).toEqual([
      [3, 'a', { status: 'Accepted' }],
      [4, 'b', 'ProtocolError'],
      [4, 'c', 'ProtocolError'],
    ]);
    release.get('c')!();
    release.get('b')!();
    await tick();
    for (const id of ['b', 'c']) ep.receive(`[2,"${id}","ClearCache",{}]`);
    expect(handler).toHaveBeenCalledTimes(6);
  });

  it('answers a binary frame with FormationViolation', () => {
    const { ep, sent, log } = endpoint('CS', { Heartbeat: () => ({ currentTime: new Date().toISOString() }) });
    ep.receive(Buffer.from('[2,"b1","Heartbeat",{}]'), true);
    expect(sent).toEqual([[4, 'b1', 'FormationViolation', expect.stringContaining('binary'), {}]]);
    expect(log[0]).toMatchObject({ kind: 'INVALID', error: expect.stringContaining('binary') });
  });
});
