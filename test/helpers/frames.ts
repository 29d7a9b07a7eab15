// A frame of a case as the tests build them: a CALL or a CALLRESULT with its body, at one fixed time.
import type { CaseFrame } from '../../src/shared/api/test-runs';

export const aFrame = (direction: 'in' | 'out', kind: 'CALL' | 'CALLRESULT', messageId: string, action: string, body: object): CaseFrame => ({
  ts: '2026-01-01T00:00:00.000Z',
  direction,
  kind,
  messageId,
  action,
  raw: JSON.stringify(kind === 'CALL' ? [2, messageId, action, body] : [3, messageId, body]),
  error: null,
});
