// A malformed answer to the outstanding call is recorded under that call's message id and action (so the
// log's action filter finds it beside its request), when its id can be read or its text begins as the
// call's answer; anything else stays without them, and what the charger is answered does not change.
import { describe, expect, it } from 'vitest';
import { RpcEndpoint, type FrameRecord } from '../../../../src/main/rpc/endpoint';

function endpoint() {
  const sent: string[] = [];
  const log: FrameRecord[] = [];
  let id = 0;
  const ep = new RpcEndpoint({
    role: 'CS',
    handlers: {},
    callTimeoutMs: 30_000,
    newMessageId: () => `m${++id}`,
    io: {
      received: (r) => log.push(r),
      transmit: (text, r, done) => {
        log.push(r);
        sent.push(text);
        done?.();
      },
    },
  });
  return { ep, sent, log };
}

/** The frames recorded as received (the bench's own CALLERRORs back are recorded too). */
const received = (log: FrameRecord[]) => log.filter((r) => r.direction === 'in');

describe('a malformed answer to the outstanding call', () => {
  it('is recorded with the call message id and action when its text begins as the answer', async () => {
    const { ep, log, sent } = endpoint();
    const a = ep.call('GetConfiguration', {});
    ep.receive('[3,"m1",{"status":');
    expect(await a).toMatchObject({ outcome: 'invalidResponse' });
    expect(received(log).at(-1)).toMatchObject({ kind: 'INVALID', messageId: 'm1', action: 'GetConfiguration', raw: '[3,"m1",{"status":' });
    expect(received(log).at(-1)!.error).toMatch(/^FormationViolation/);
    // The charger is answered as before: a FormationViolation under message id -1.
    expect(JSON.parse(sent.at(-1)!)).toEqual([4, '-1', 'FormationViolation', expect.any(String), expect.anything()]);
  });

  it('carries the call action when its id is read but its shape is wrong', async () => {
    const { ep, log } = endpoint();
    const a = ep.call('ClearCache', {});
    ep.receive('[3,"m1"]');
    expect(await a).toMatchObject({ outcome: 'invalidResponse' });
    expect(received(log).at(-1)).toMatchObject({ messageId: 'm1', action: 'ClearCache' });
  });

  it('leaves a frame that only mentions the id, or names another, without them', async () => {
    const { ep, log } = endpoint();
    void ep.call('ClearCache', {});
    ep.receive('[3,"someone-else",{"about":"m1"');
    expect(received(log).at(-1)).toMatchObject({ kind: 'INVALID', messageId: null, action: null });
    void ep.call('ClearCache', {});
    ep.receive('{"m2": [3,');
    expect(received(log).at(-1)).toMatchObject({ kind: 'INVALID', messageId: null, action: null });
    const c = ep.call('ClearCache', {});
    ep.receive('[3,"m3",{"status":"Accepted"}]');
    expect(await c).toEqual({ outcome: 'completed', response: { status: 'Accepted' } });
    expect(received(log).at(-1)).toMatchObject({ kind: 'CALLRESULT', messageId: 'm3', action: 'ClearCache', error: null });
  });
});
