// A JSON export row carries the frame's payload. A frame the bench recorded whole and without an error
// has its payload taken from its text as it stands (not parsed and written again); every other frame is
// read. Either way the row is the same object, and a row stays on one line.
import { describe, expect, it } from 'vitest';
import { exportRow, jsonRow } from '../../../../src/shared/api/message-export';
import type { MessageRecord } from '../../../../src/shared/records';

const frame = (raw: string, over: Partial<MessageRecord> = {}): MessageRecord => {
  const type = Number(/^\s*\[\s*(\d)/.exec(raw)?.[1]);
  const parsed = type === 4 || over.error ? [type] : (JSON.parse(raw) as unknown[]);
  return {
    id: 7,
    ts: '2026-12-04T09:00:00.000Z',
    chargerId: 'CP-1',
    direction: parsed[0] === 2 ? 'in' : 'out',
    kind: parsed[0] === 2 ? 'CALL' : 'CALLRESULT',
    messageId: parsed[1] as string,
    action: parsed[0] === 2 ? (parsed[2] as string) : type === 2 ? 'DataTransfer' : 'MeterValues',
    raw,
    error: null,
    ...over,
  };
};

/** The row as the export has always made it: the payload parsed from the frame, the object stringified. */
function parsedRow(m: MessageRecord): string {
  const f = JSON.parse(m.raw) as unknown[];
  const payload = m.kind === 'CALL' ? f[3] : f[2];
  const { id, ts, chargerId, direction, kind, messageId, action, error, raw } = m;
  return JSON.stringify({ id, ts, chargerId, direction, kind, messageId, action, error, payload, raw });
}

const meter = {
  connectorId: 1,
  transactionId: 42,
  meterValue: [{ timestamp: '2026-12-04T09:00:00.000Z', sampledValue: [{ value: '1234.5', measurand: 'Energy.Active.Import.Register', unit: 'Wh' }] }],
};

describe('a JSON export row', () => {
  it('is exactly the parsed-and-stringified row for a frame written compactly', () => {
    for (const raw of [
      JSON.stringify([2, 'm1', 'MeterValues', meter]),
      JSON.stringify([3, 'm1', {}]),
      JSON.stringify([3, 'm2', { idTagInfo: { status: 'Accepted' }, transactionId: 9 }]),
      // Quotes, brackets and backslashes in the id, the action and the payload's strings.
      JSON.stringify([2, 'a"],[{\\', 'DataTransfer', { vendorId: 'x"]}', data: '\\"[2,"b","c",{}]' }]),
      JSON.stringify([2, 'é€', 'DataTransfer', { vendorId: 'Größe €', data: '\u2028' }]),
    ]) {
      expect(jsonRow(frame(raw))).toBe(parsedRow(frame(raw)));
    }
  });

  it('takes the payload as the charger wrote it, spaces and all, and gives the same object', () => {
    const q = JSON.stringify;
    const tricky = `{"vendorId": ${q('x"]}')}, "data": ${q('\\"[2,"b",{}]')}}`;
    const cases: Array<[raw: string, payload: string]> = [
      [` [ 2 ,\t"m3" , "Heartbeat" ,  { "a" : [ 1 , 2 ] , "b": 1.50 }  ] `, '{ "a" : [ 1 , 2 ] , "b": 1.50 }'],
      // Quotes, brackets and backslashes in the id, the action and the payload's strings.
      [`[2,${q('a"],[{\\')},${q('Data"Transfer')},${tricky}]`, tricky],
      [`[3, ${q('m\\"')}, { "status": "Accepted" }]`, '{ "status": "Accepted" }'],
    ];
    for (const [raw, payload] of cases) {
      const row = jsonRow(frame(raw));
      expect(row).toContain(`"payload":${payload},"raw"`);
      expect(JSON.parse(row)).toEqual(JSON.parse(parsedRow(frame(raw))));
    }
  });

  it('reads the payload of a frame with line breaks in it, so a row stays on one line', () => {
    for (const raw of ['[2,"m4","Heartbeat",{\n"a": 1\r\n}]', '[2,\n"m4",\r\n"Heartbeat",{"a": 1}\n]']) {
      const row = jsonRow(frame(raw));
      expect(row).not.toMatch(/[\r\n]/);
      expect(row).toBe(parsedRow(frame(raw)));
    }
  });

  it('reads a frame recorded with an error: its text may be an excerpt', () => {
    const clipped = frame('[2,"m5","DataTransfer",{"data":"xx', { error: 'FormationViolation: too long' });
    expect(JSON.parse(jsonRow(clipped))).toMatchObject({ payload: null, error: 'FormationViolation: too long', raw: clipped.raw });
    const wrongType = frame('[2,"m6","Heartbeat",{"extra":1}]', { error: 'OccurenceConstraintViolation: extra' });
    expect(jsonRow(wrongType)).toBe(parsedRow(wrongType));
  });

  it('reads a CALLERROR as its code, description and details', () => {
    const m = frame('[4,"m7","NotImplemented","no such action",{"x":1}]', { kind: 'CALLERROR', direction: 'out' });
    expect(JSON.parse(jsonRow(m)).payload).toEqual({ errorCode: 'NotImplemented', errorDescription: 'no such action', errorDetails: { x: 1 } });
  });

  it('is one element of the export: a comma before every row but the first, each on a line of its own', () => {
    const m = frame(JSON.stringify([3, 'm1', {}]));
    expect(exportRow('json', m, 0)).toBe(`\n${jsonRow(m)}`);
    expect(exportRow('json', m, 5)).toBe(`,\n${jsonRow(m)}`);
    expect(exportRow('csv', m, 5)).toMatch(/^7,2026-12-04T09:00:00.000Z,CP-1,out,CALLRESULT,m1,MeterValues,,"\[3,""m1"",\{\}\]"\r\n$/);
  });
});
