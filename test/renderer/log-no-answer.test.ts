// What the log says of a CALL without an answer comes from the record only: the bench's operation it was
// (found by charger, action, request and time, one call outstanding at a time), the charger's disconnect
// after it when the connection record reaches back that far, or no more than "no answer recorded".
import { describe, expect, it } from 'vitest';
import { closedAfter, elapsed, noAnswerLines, operationOf, operationsReach } from '../../src/renderer/src/features/log/noAnswer';
import type { ConnectionAttemptView, MessageView, OperationView } from '../../src/shared/api/views';

const T0 = Date.UTC(2026, 2, 1, 8, 0, 0);
const at = (ms: number) => new Date(T0 + ms).toISOString();
const call = (id: number, ms: number, payload: unknown = { type: 'Soft' }): MessageView => ({
  id,
  ts: at(ms),
  chargerId: 'CP-1',
  direction: 'out',
  kind: 'CALL',
  messageId: `c${id}`,
  action: 'Reset',
  raw: JSON.stringify([2, `c${id}`, 'Reset', payload]),
  error: null,
});
const op = (id: number, sent: number, end: number | null, outcome: string | null, request: unknown = { type: 'Soft' }): OperationView => ({
  id,
  chargerId: 'CP-1',
  action: 'Reset',
  request,
  sentAt: at(sent),
  finishedAt: end === null ? null : at(end),
  outcome,
  response: undefined,
  error: outcome === 'completed' ? undefined : { description: `${outcome} of ${id}` },
});
const closed = (id: number, ms: number, chargerId = 'CP-1'): ConnectionAttemptView => ({ id, ts: at(ms), chargerId, remoteAddress: null, outcome: 'closed', reason: 'closed by the charger (1006)' });

describe("a CALL's operation", () => {
  it('is the one with its charger, action and request in flight when it went out', () => {
    const ops = [op(3, 5_000, 6_000, 'completed'), op(2, 0, 30_000, 'timeout'), op(1, 0, 30_000, 'timeout', { type: 'Hard' })];
    expect(operationOf(call(1, 0), ops)?.id).toBe(2);
    expect(operationOf(call(1, 0, { type: 'Hard' }), ops)?.id).toBe(1);
    expect(operationOf({ ...call(1, 0), chargerId: 'CP-2' }, ops)).toBeNull();
    expect(operationOf({ ...call(1, 0), direction: 'in' }, ops)).toBeNull();
  });

  it('of two alike, queued one behind the other, is the one this frame sent', () => {
    // B was asked for while A waited; A finished (timed out) at 30 s, which sent B's CALL that very millisecond.
    const a = op(1, 0, 30_000, 'timeout');
    const b = { ...op(2, 10, 32_000, 'offline'), sentAt: at(10) };
    expect(operationOf(call(1, 0), [b, a])?.id).toBe(1);
    expect(operationOf(call(2, 30_000), [b, a])?.id).toBe(2);
  });

  it('is not looked for further back than the list reaches', () => {
    const full = Array.from({ length: 3 }, (_, i) => op(10 - i, 10_000_000 + i, null, null));
    expect(operationsReach(call(1, 0), full, 3)).toBe(false);
    expect(operationsReach(call(1, 0), full, 4)).toBe(true);
    expect(operationsReach(call(1, 10_000_000 + 3_600_001 + 5), full, 3)).toBe(true);
  });
});

describe("the charger's disconnect after a CALL", () => {
  it('is the first of its closes after the frame, when the list reaches back to it', () => {
    const list = [closed(4, 9_000), closed(3, 2_000, 'CP-2'), closed(2, 3_000), closed(1, -5_000)];
    expect(closedAfter(call(1, 0), list, 10)?.id).toBe(2);
    expect(closedAfter(call(1, 0), list.slice(0, 2), 2)).toBeUndefined();
    expect(closedAfter(call(1, 10_000), list, 10)).toBeNull();
  });
});

describe('what is said', () => {
  const now = T0 + 3_600_000;
  it("tells the operation's recorded outcome and when, and a disconnect within the minute", () => {
    expect(noAnswerLines(call(1, 0), { operation: op(7, 0, 30_000, 'timeout'), operationsCovered: true, closed: null }, now)).toEqual([
      'No answer from the charger recorded in the minute after this request.',
      "The bench's operation #7 (Reset) timed out 30.0 s after this request: timeout of 7.",
    ]);
    expect(noAnswerLines(call(1, 0), { operation: op(8, 0, 2_000, 'offline'), operationsCovered: true, closed: closed(1, 2_000) }, now).slice(1)).toEqual([
      "The bench's operation #8 (Reset) ended without an answer 2.0 s after this request: offline of 8.",
      "The charger's connection closed 2.0 s after this request: closed by the charger (1006).",
    ]);
    expect(noAnswerLines(call(1, 0), { operation: op(9, 0, null, null), operationsCovered: true, closed: null }, now)[1]).toBe("The bench's operation #9 (Reset) has no outcome on record.");
    // An operation ended by that very disconnect gives its reason once.
    const dropped = { ...op(8, 0, 2_000, 'offline'), error: { description: 'Charger CP-1 disconnected: closed by the charger (1006)' } };
    expect(noAnswerLines(call(1, 0), { operation: dropped, operationsCovered: true, closed: closed(1, 2_000) }, now).slice(1)).toEqual([
      "The bench's operation #8 (Reset) ended without an answer 2.0 s after this request: Charger CP-1 disconnected: closed by the charger (1006).",
    ]);
  });

  it('claims nothing it cannot see: no operation found is said only when the list reached back, a late disconnect not at all', () => {
    expect(noAnswerLines(call(1, 0), { operation: null, operationsCovered: false, closed: closed(1, 90_000) }, now)).toEqual(['No answer from the charger recorded in the minute after this request.']);
    expect(noAnswerLines(call(1, 0), { operation: null, operationsCovered: true, closed: null }, now)[1]).toBe('No operation of the bench on record matches this request.');
    expect(noAnswerLines(call(1, 0), { operation: null, operationsCovered: false, closed: null }, T0 + 12_300)).toEqual(['No answer recorded yet: 12.3 s since this request.']);
  });

  it('writes times between frames to the millisecond, then the second', () => {
    expect([elapsed(850), elapsed(2_000), elapsed(75_000)]).toEqual(['850 ms', '2.0 s', '1 min 15 s']);
  });
});
