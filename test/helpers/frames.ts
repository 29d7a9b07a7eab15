// A frame of a case as the tests build them: a CALL or a CALLRESULT with its body, at one fixed time; and a
// frame of the message log as the record holds it.
import type { CaseFrame } from '../../src/shared/api/test-runs';
import type { MessageRecord } from '../../src/shared/records';

export const aFrame = (direction: 'in' | 'out', kind: 'CALL' | 'CALLRESULT', messageId: string, action: string, body: object): CaseFrame => ({
  ts: '2026-01-01T00:00:00.000Z',
  direction,
  kind,
  messageId,
  action,
  raw: JSON.stringify(kind === 'CALL' ? [2, messageId, action, body] : [3, messageId, body]),
  error: null,
});

/** A message log entry: CP-1's Heartbeat CALL (record id 7, message id m1) at 2026-03-01 10:00 UTC, with `over` on top. */
export const aMessage = (over: Partial<MessageRecord> = {}): MessageRecord => ({
  id: 7,
  ts: '2026-03-01T10:00:00.000Z',
  chargerId: 'CP-1',
  direction: 'in',
  kind: 'CALL',
  messageId: 'm1',
  action: 'Heartbeat',
  raw: '[2,"m1","Heartbeat",{}]',
  error: null,
  ...over,
});
