// A frame the bench flags with a warning note (valid OCPP worth a look: a StopTransaction for a transaction
// that is not the charger's own running one, e.g. a retried stop) is no schema violation: a case's step that
// expects that CALL takes it; a frame with an objection still fails the step as breaking the schema.
import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../../src/main/core/event-bus';
import { ChargerFrames } from '../../../../src/main/conformance/frames';
import { warningNote } from '../../../../src/shared/api/frame-note';
import { aFrame } from '../../../helpers/frames';

const CP = 'CP-NOTE';

function callSeen(error: string | null) {
  const bus = new EventBus();
  const frames = new ChargerFrames(bus, CP, true);
  const frame = aFrame('in', 'CALL', 'm1', 'StopTransaction', { transactionId: 4, meterStop: 10, timestamp: '2026-12-07T04:00:00.000Z' });
  bus.publish({ type: 'frameLogged', message: { ...frame, error, ts: '2026-12-07T04:00:00.000Z', chargerId: CP } });
  return frames.pending.at(-1)!;
}

describe("a charger's CALL flagged by the bench", () => {
  it('with a warning note is not invalid', () => {
    expect(callSeen(warningNote('StopTransaction for transaction 4, which is already stopped: the first stop is kept')).invalid).toBeNull();
  });

  it('with an objection is invalid, with the objection', () => {
    expect(callSeen('TypeConstraintViolation: meterStop must be an integer').invalid).toBe('TypeConstraintViolation: meterStop must be an integer');
  });
});
