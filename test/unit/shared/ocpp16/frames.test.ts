// OCPP-J frame parsing and the mapping of payload violations to the spec's CALLERROR codes.
import { describe, expect, it } from 'vitest';
import { actions, errorForIssues, excerpt, nestsDeeperThan, normalizeErrorCode, parseFrame, textNestsDeeperThan } from '../../../../src/shared/ocpp16';

const codeFor = (action: keyof typeof actions, payload: unknown) => {
  const r = actions[action].request.safeParse(payload);
  expect(r.success).toBe(false);
  return errorForIssues(r.success ? [] : r.error.issues, payload);
};

describe('parseFrame', () => {
  it('reads the three frame kinds', () => {
    expect(parseFrame('[2,"a","Heartbeat",{}]')).toEqual({ ok: true, kind: 'CALL', messageId: 'a', action: 'Heartbeat', payload: {} });
    expect(parseFrame('[3,"a",{"currentTime":"x"}]')).toEqual({ ok: true, kind: 'CALLRESULT', messageId: 'a', payload: { currentTime: 'x' } });
    expect(parseFrame('[4,"a","GenericError","boom",{}]')).toMatchObject({ ok: true, kind: 'CALLERROR', error: { code: 'GenericError', description: 'boom' } });
  });

  it('answers bad JSON and wrong shapes with FormationViolation, keeping the message id when it can', () => {
    expect(parseFrame('not json')).toMatchObject({ ok: false, reply: true, error: { code: 'FormationViolation' } });
    expect(parseFrame('{"a":1}')).toMatchObject({ ok: false, reply: true, error: { code: 'FormationViolation' } });
    expect(parseFrame('[2,"id7","Heartbeat"]')).toMatchObject({ ok: false, reply: true, messageId: 'id7', error: { code: 'FormationViolation' } });
    expect(parseFrame('[2,"id7","Heartbeat",[]]')).toMatchObject({ ok: false, messageId: 'id7', action: 'Heartbeat', error: { code: 'FormationViolation' } });
    expect(parseFrame('[2,7,"Heartbeat",{}]')).toMatchObject({ ok: false, error: { code: 'FormationViolation' } });
    expect(parseFrame(`[2,"${'x'.repeat(37)}","Heartbeat",{}]`)).toMatchObject({ ok: false, error: { code: 'FormationViolation', description: expect.stringContaining('36') } });
  });

  it('never asks to reply to a bad CALLRESULT or CALLERROR, and ignores unknown message types', () => {
    expect(parseFrame('[3,"a"]')).toMatchObject({ ok: false, reply: false });
    expect(parseFrame('[4,"a",1,2,3]')).toMatchObject({ ok: false, reply: false });
    expect(parseFrame('[5,"a",{}]')).toMatchObject({ ok: false, reply: false });
  });

  it('accepts the correct spelling OccurrenceConstraintViolation from peers', () => {
    expect(normalizeErrorCode('OccurrenceConstraintViolation')).toBe('OccurenceConstraintViolation');
    expect(parseFrame('[4,"a","OccurrenceConstraintViolation","x",{}]')).toMatchObject({ error: { code: 'OccurenceConstraintViolation' } });
  });
});

describe('payload violations map to the spec codes', () => {
  it('a missing required field is an OccurenceConstraintViolation', () => {
    expect(codeFor('BootNotification', { chargePointVendor: 'V' })).toMatchObject({ code: 'OccurenceConstraintViolation', details: { field: 'chargePointModel' } });
    expect(codeFor('StatusNotification', { connectorId: 1, status: 'Available' })).toMatchObject({ code: 'OccurenceConstraintViolation', details: { field: 'errorCode' } });
  });

  it('a wrong JSON type is a TypeConstraintViolation', () => {
    expect(codeFor('StartTransaction', { connectorId: '1', idTag: 'T', meterStart: 0, timestamp: '2024-01-01T00:00:00Z' })).toMatchObject({
      code: 'TypeConstraintViolation',
      details: { field: 'connectorId' },
    });
    expect(codeFor('StartTransaction', { connectorId: 1.5, idTag: 'T', meterStart: 0, timestamp: '2024-01-01T00:00:00Z' }).code).toBe('TypeConstraintViolation');
  });

  it('an oversize string, a value outside its enumeration or a bad date is a PropertyConstraintViolation', () => {
    expect(codeFor('Authorize', { idTag: 'X'.repeat(21) })).toMatchObject({ code: 'PropertyConstraintViolation', details: { field: 'idTag' } });
    expect(codeFor('Reset', { type: 'Medium' })).toMatchObject({ code: 'PropertyConstraintViolation', details: { field: 'type' } });
    expect(codeFor('StartTransaction', { connectorId: 1, idTag: 'T', meterStart: 0, timestamp: 'yesterday' }).code).toBe('PropertyConstraintViolation');
  });

  it('an unknown field is a FormationViolation; an empty required list an OccurenceConstraintViolation', () => {
    expect(codeFor('Heartbeat', { extra: 1 })).toMatchObject({ code: 'FormationViolation', details: { field: 'extra' } });
    expect(codeFor('MeterValues', { connectorId: 1, meterValue: [] }).code).toBe('OccurenceConstraintViolation');
  });
});

describe('what the schemas allow, and how violations are answered (hardening)', () => {
  it('answers a number in an enumeration of strings with TypeConstraintViolation, a wrong string with PropertyConstraintViolation', () => {
    expect(codeFor('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 5 }).code).toBe('TypeConstraintViolation');
    expect(codeFor('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: { a: 1 } }).code).toBe('TypeConstraintViolation');
    expect(codeFor('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Sleeping' }).code).toBe('PropertyConstraintViolation');
  });

  it('takes integers beyond 2^53 and RFC 3339 date-times in lower case, as the JSON schemas do', () => {
    expect(actions.StartTransaction.request.safeParse({ connectorId: 2 ** 60, idTag: 'A', meterStart: 1e20, timestamp: '2026-03-01t12:00:00z' }).success).toBe(true);
    expect(codeFor('StartTransaction', { connectorId: 1.5, idTag: 'A', meterStart: 0, timestamp: '2026-03-01T12:00:00Z' }).code).toBe('TypeConstraintViolation');
    expect(codeFor('StartTransaction', { connectorId: 1, idTag: 'A', meterStart: 0, timestamp: '2026-02-30T12:00:00Z' }).code).toBe('PropertyConstraintViolation');
    expect(codeFor('StartTransaction', { connectorId: 1, idTag: 'A', meterStart: 0, timestamp: '2026-03-01 12:00' }).code).toBe('PropertyConstraintViolation');
  });

  it('quotes a bad value as a short excerpt, never whole', () => {
    const info = codeFor('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'x'.repeat(100_000) });
    expect(info.description.length).toBeLessThan(300);
    expect(excerpt('y'.repeat(1000))).toHaveLength(43);
    expect(excerpt([[[[1]]]])).toBe('an array');
  });

  it('refuses nesting deeper than any OCPP message, whether parsed or not, without walking it recursively', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(nestsDeeperThan(JSON.parse(deep))).toBe(true);
    expect(textNestsDeeperThan(deep)).toBe(true);
    expect(textNestsDeeperThan('["[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["]')).toBe(false);
    expect(nestsDeeperThan({ a: [{ b: [{ c: 1 }] }] })).toBe(false);
    const frame = `[2,"deep1","StatusNotification",{"connectorId":1,"errorCode":"NoError","status":${'['.repeat(20_000)}"x"${']'.repeat(20_000)}}]`;
    expect(parseFrame(frame)).toMatchObject({ ok: false, reply: true, messageId: 'deep1', action: 'StatusNotification', error: { code: 'FormationViolation' } });
    // Its id is answered even when the action is empty or not a string.
    expect(parseFrame(frame.replace('"StatusNotification"', '""'))).toMatchObject({ reply: true, messageId: 'deep1' });
    expect(parseFrame(frame.replace('"StatusNotification"', '7'))).toMatchObject({ reply: true, messageId: 'deep1' });
  });
});
