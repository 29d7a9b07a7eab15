// A frame in the record is shown and exported by reading its JSON. One nested thousands deep (an older
// record may hold one whole) is shown as its text: walking it would overflow the stack.
import { describe, expect, it } from 'vitest';
import { frameJson, framePayload } from '../../../../src/shared/api/frame-payload';
import { jsonRow } from '../../../../src/shared/api/message-export';

const deepRaw = `[3,"x",{"status":${'['.repeat(20_000)}${']'.repeat(20_000)}}]`;
const record = { id: 1, ts: '2026-12-03T09:00:00.000Z', chargerId: 'CP', direction: 'in', kind: 'CALLRESULT', messageId: 'x', action: null, error: 'FormationViolation', raw: deepRaw } as const;

describe('reading recorded frames', () => {
  it('reads the payload of a CALL, a CALLRESULT and a CALLERROR', () => {
    expect(framePayload({ kind: 'CALL', raw: '[2,"a","Heartbeat",{}]' })).toEqual({});
    expect(framePayload({ kind: 'CALLRESULT', raw: '[3,"a",{"status":"Accepted"}]' })).toEqual({ status: 'Accepted' });
    expect(framePayload({ kind: 'CALLERROR', raw: '[4,"a","NotImplemented","no",{}]' })).toEqual({ errorCode: 'NotImplemented', errorDescription: 'no', errorDetails: {} });
    expect(framePayload({ kind: 'INVALID', raw: 'not json' })).toBeNull();
  });

  it('reads a frame nested thousands deep as its text for the log and the export, without overflowing', () => {
    expect(frameJson(deepRaw)).toBeUndefined();
    expect(framePayload(record)).toBeNull();
    expect(JSON.parse(jsonRow(record))).toMatchObject({ payload: null, raw: deepRaw });
  });
});
