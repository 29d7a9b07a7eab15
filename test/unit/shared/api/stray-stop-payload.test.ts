// A stray StopTransaction carries its reason and meterStop (its frame's payload), read alike from the charger
// event the bench records and from the frame pushed as it comes; a session's screens name it as maybe that
// session's stop with what its meterStop would mean for it (meterStop − meterStart), never a negative energy.
import { describe, expect, it } from 'vitest';
import { maybeItsStopClause, unknownStopOfEvent, unknownStopOfFrame, type UnknownStop } from '../../../../src/shared/api/stray-stop';

const at = '2030-01-01T10:30:00.000Z';
const warning = 'StopTransaction for transaction 1001, which the bench never started: not applied';
const payload = { transactionId: 1001, meterStop: 1283, timestamp: at, reason: 'PowerLoss' };
const frame = (request: unknown) => ({
  id: 42,
  chargerId: 'CP1',
  ts: at,
  direction: 'in',
  kind: 'CALL',
  action: 'StopTransaction',
  raw: JSON.stringify([2, 'm1', 'StopTransaction', request]),
  error: warning,
});

describe("a stray stop's reason and meterStop", () => {
  it('are read from the event the bench records and from its frame alike', () => {
    const fromEvent = unknownStopOfEvent({ chargerId: 'CP1', ts: at, action: 'StopTransaction', data: { warning, request: payload, unknownTransaction: true, frameId: 42 } });
    const fromFrame = unknownStopOfFrame(frame(payload));
    const expected: UnknownStop = { chargerId: 'CP1', transactionId: 1001, connectorId: null, at, frameId: 42, reason: 'PowerLoss', meterStop: 1283 };
    expect(fromEvent).toEqual(expected);
    expect(fromFrame).toEqual(expected);
  });

  it('are absent when the stop gave none that can be read', () => {
    const stop = unknownStopOfFrame(frame({ transactionId: 1001, meterStop: '1283', timestamp: at }))!;
    expect(stop.reason).toBeUndefined();
    expect(stop.meterStop).toBeUndefined();
  });
});

describe('maybeItsStopClause', () => {
  const stop: UnknownStop = { chargerId: 'CP1', transactionId: 1001, connectorId: null, at, reason: 'PowerLoss', meterStop: 1283 };
  it("says what its meterStop would mean for the session if it is this session's", () => {
    expect(maybeItsStopClause(stop, { meterStart: 1000 })).toBe(
      `a StopTransaction for unknown transaction 1001 came at ${at} on this charger, maybe this session's (reason PowerLoss, meterStop 1283 Wh: 1283 − 1000 = 283 Wh if it is)`,
    );
  });
  it('gives no energy for a meterStop below meterStart, and says when no reason was given', () => {
    const { reason: _none, ...noReason } = stop;
    expect(maybeItsStopClause(noReason, { meterStart: 2000 })).toBe(
      `a StopTransaction for unknown transaction 1001 came at ${at} on this charger, maybe this session's (no reason given, meterStop 1283 Wh, below this session's meterStart 2000 Wh)`,
    );
  });
  it("says a meterStop below the session's last register reading is most likely not its stop (a register does not go down)", () => {
    const readAt = Date.parse('2030-01-01T10:04:12.000Z');
    expect(maybeItsStopClause(stop, { meterStart: 1000 }, undefined, undefined, { wh: 1450, at: readAt })).toBe(
      `a StopTransaction for unknown transaction 1001 came at ${at} on this charger, maybe this session's (reason PowerLoss, meterStop 1283 Wh, below this session's last reading 1450 Wh (at 2030-01-01T10:04:12.000Z): most likely not its stop)`,
    );
    // A last reading at or below meterStop leaves the sentence as it is without one.
    expect(maybeItsStopClause(stop, { meterStart: 1000 }, undefined, undefined, { wh: 1200, at: readAt })).toBe(maybeItsStopClause(stop, { meterStart: 1000 }));
  });
});
