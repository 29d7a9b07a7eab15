// The virtual charger's misbehaviour rules: a rule lets its first `skip` matches be, then applies `times`
// times; an insert rule puts another message before the one it matches; an answer rule answers even a CALL
// the charger does not implement.
import { describe, expect, it } from 'vitest';
import { Misbehaviours } from '../../../../src/main/virtual-cp/misbehaviour';

describe('misbehaviour rules', () => {
  it('let the first `skip` matching messages be, then apply `times` times', () => {
    const m = new Misbehaviours();
    m.set([{ kind: 'patch', action: 'StopTransaction', where: { reason: 'Local' }, skip: 2, times: 1, patch: { reason: 'Other' } }]);
    const fate = (reason: string) => m.outgoing('StopTransaction', { reason });
    expect([fate('Local'), fate('Remote'), fate('Local'), fate('Local'), fate('Local')]).toEqual([
      { payload: { reason: 'Local' }, holdBack: false },
      { payload: { reason: 'Remote' }, holdBack: false },
      { payload: { reason: 'Local' }, holdBack: false },
      { payload: { reason: 'Other' }, holdBack: false },
      { payload: { reason: 'Local' }, holdBack: false },
    ]);
  });

  it('insert a message before the one matched', () => {
    const m = new Misbehaviours();
    m.set([{ kind: 'insert', action: 'StartTransaction', skip: 1, send: { action: 'Authorize', payload: { idTag: 'TAG1' } } }]);
    expect(m.outgoing('StartTransaction', { idTag: 'TAG1' })).toEqual({ payload: { idTag: 'TAG1' }, holdBack: false });
    expect(m.outgoing('StartTransaction', { idTag: 'TAG1' })).toEqual({ payload: { idTag: 'TAG1' }, holdBack: false, before: { action: 'Authorize', payload: { idTag: 'TAG1' } } });
  });

  it('answer a CALL the charger does not implement only when a rule says how', () => {
    const m = new Misbehaviours();
    expect(m.answer('SendLocalList', { listVersion: 1 }, null)).toBeNull();
    m.set([{ kind: 'answer', action: 'SendLocalList', where: { listVersion: 1 }, patch: { status: 'Accepted' } }]);
    expect(m.answer('SendLocalList', { listVersion: 2 }, null)).toBeNull();
    expect(m.answer('SendLocalList', { listVersion: 1 }, null)).toEqual({ status: 'Accepted' });
    m.set([{ kind: 'answer', action: 'SendLocalList', callError: 'NotImplemented' }]);
    expect(() => m.answer('SendLocalList', { listVersion: 1 }, null)).toThrow(/NotImplemented/);
  });
});
