// Which session a commissioning's test-session step measured, on a charger with two connectors where
// another session started in the same step: the one the step kept with its result, else the one the bench
// gave the step's StartTransaction on the test connector (never merely the first StartTransaction answered).
import { describe, expect, it } from 'vitest';
import { sessionTransaction } from '../../../../src/main/commissioning/session';
import { aFrame as frame } from '../../../helpers/frames';

// Connector 2's session starts first (someone charging on the other socket), then the test session on connector 1.
const frames = [
  frame('in', 'CALL', 'a', 'StartTransaction', { connectorId: 2, idTag: 'SOMEONE', meterStart: 900_000, timestamp: '2026-01-01T00:00:00Z' }),
  frame('out', 'CALLRESULT', 'a', 'StartTransaction', { transactionId: 41, idTagInfo: { status: 'Accepted' } }),
  frame('in', 'CALL', 'b', 'StartTransaction', { connectorId: 1, idTag: 'COMMISSION-1', meterStart: 1200, timestamp: '2026-01-01T00:00:05Z' }),
  frame('out', 'CALLRESULT', 'b', 'StartTransaction', { transactionId: 42, idTagInfo: { status: 'Accepted' } }),
];

describe('sessionTransaction', () => {
  it('takes the transaction the step kept with its result', () => {
    expect(sessionTransaction({ frames, transactionId: 42 }, 1)).toBe(42);
  });

  it("else the one given to the step's StartTransaction on the test connector, not another connector's", () => {
    expect(sessionTransaction({ frames }, 1)).toBe(42);
    expect(sessionTransaction({ frames: frames.slice(0, 2) }, 1)).toBeNull();
  });
});
