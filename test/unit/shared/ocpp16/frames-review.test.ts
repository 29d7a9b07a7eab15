// The frame parser and the payload error words after review: an empty frame and a MessageTypeId that is
// not a number are FormationViolation (an unknown type number is still ignored), and a number too large
// to represent is named as such.
import { describe, expect, it } from 'vitest';
import { actions, errorForIssues, parseFrame } from '../../../../src/shared/ocpp16';

describe('parseFrame: the MessageTypeId', () => {
  it('answers an empty frame with FormationViolation, under no id', () => {
    expect(parseFrame('[]')).toMatchObject({ ok: false, reply: true, messageId: undefined, error: { code: 'FormationViolation' } });
  });

  it('answers a MessageTypeId that is not a number with FormationViolation, under the id when it can be read', () => {
    expect(parseFrame('["2","x8","Heartbeat",{}]')).toMatchObject({ ok: false, reply: true, kind: 'CALL', messageId: 'x8', action: 'Heartbeat', error: { code: 'FormationViolation' } });
    expect(parseFrame('[null,"x9",{}]')).toMatchObject({ ok: false, reply: true, messageId: 'x9', error: { code: 'FormationViolation' } });
    expect(parseFrame('[{},5]')).toMatchObject({ ok: false, reply: true, messageId: undefined, error: { code: 'FormationViolation' } });
  });

  it('never answers what means to be an answer ("3" or "4"), and still ignores an unknown type number', () => {
    expect(parseFrame('["3","a",{}]')).toMatchObject({ ok: false, reply: false, kind: 'CALLRESULT', messageId: 'a', error: { code: 'FormationViolation' } });
    expect(parseFrame('["4","a","GenericError","x",{}]')).toMatchObject({ ok: false, reply: false, kind: 'CALLERROR', messageId: 'a' });
    expect(parseFrame('[7,"a",{}]')).toMatchObject({ ok: false, reply: false, error: { code: 'ProtocolError' } });
  });
});

describe('errorForIssues: numbers that are not finite', () => {
  it('names an overflowing number, not its JSON type', () => {
    const payload = JSON.parse('{"connectorId":1e400,"errorCode":"NoError","status":"Available"}');
    const r = actions.StatusNotification.request.safeParse(payload);
    expect(r.success).toBe(false);
    const info = errorForIssues(r.success ? [] : r.error.issues, payload);
    expect(info).toMatchObject({ code: 'TypeConstraintViolation', description: 'connectorId: not a finite number (too large to represent; read as Infinity)' });
  });

  it('keeps the type fault when the field takes no number', () => {
    const payload = JSON.parse('{"idTag":1e400}');
    const r = actions.Authorize.request.safeParse(payload);
    const info = errorForIssues(r.success ? [] : r.error.issues, payload);
    expect(info).toMatchObject({ code: 'TypeConstraintViolation', description: 'idTag: expected string, got number (too large to represent; read as Infinity)' });
  });
});
