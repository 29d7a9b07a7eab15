// A StopTransaction for a transaction the bench never started, named beside the session(s) the bench held
// open on that charger when it came. OCPP 1.6's StopTransaction names no connector: with two sessions open
// on the charger then, neither note pins it on its own session. And "when it came" is the bench's clock
// only: a session without the bench's receivedAt is not matched by the charger's startTime.
import { describe, expect, it } from 'vitest';
import { unknownStopDuring, unknownStopNote, type StopSession, type UnknownStop } from '../../../../src/shared/api/stray-stop';

const session = (transactionId: number, connectorId: number, receivedAt: string | undefined, patch: Partial<StopSession> = {}): StopSession => ({
  transactionId,
  chargerId: 'CP1',
  connectorId,
  active: true,
  startTime: '2030-01-01T10:00:00.000Z',
  ...(receivedAt !== undefined && { receivedAt }),
  ...patch,
});
const stop: UnknownStop = { chargerId: 'CP1', transactionId: 1003, connectorId: null, at: '2030-01-01T10:30:00.000Z' };
const tx3 = session(3, 1, '2030-01-01T10:00:00.000Z');
const tx4 = session(4, 2, '2030-01-01T10:10:00.000Z');
const both = [tx3, tx4];

describe('an unknown stop with two sessions open on its charger', () => {
  it('names both on each session and pins it on neither', () => {
    for (const tx of both) {
      const found = unknownStopDuring(tx, [stop], both);
      expect(found?.openThen).toEqual([3, 4]);
      const note = unknownStopNote(found!, tx);
      expect(note).toBe(
        'A StopTransaction for unknown transaction 1003 came at 2030-01-01T10:30:00.000Z on this charger while sessions #3 and #4 were open there: not applied to either; which one the charger meant is not known.',
      );
      expect(note).not.toContain("the bench's session #");
    }
  });

  it('with three open, names all three', () => {
    const tx5 = session(5, 3, '2030-01-01T10:20:00.000Z');
    const note = unknownStopNote(unknownStopDuring(tx3, [stop], [...both, tx5])!, tx3);
    expect(note).toContain('while sessions #3, #4 and #5 were open there: not applied to any of them; which one the charger meant is not known.');
  });

  it('does not count a session started after the stop, one on another charger, or one closed in the record', () => {
    const later = session(6, 3, '2030-01-01T10:40:00.000Z');
    const elsewhere = session(7, 2, '2030-01-01T10:00:00.000Z', { chargerId: 'CP2' });
    const closed = session(8, 2, '2030-01-01T10:00:00.000Z', { active: false });
    const found = unknownStopDuring(tx3, [stop], [tx3, later, elsewhere, closed]);
    expect(found?.openThen).toEqual([3]);
    expect(unknownStopNote(found!, tx3)).toContain("while the bench's session #3 was open there: not applied to #3 (the charger may have meant to end it).");
  });

  it('a stop naming its connector counts only the session on that connector', () => {
    const found = unknownStopDuring(tx4, [{ ...stop, connectorId: 2 }], both);
    expect(found?.openThen).toEqual([4]);
    expect(unknownStopDuring(tx3, [{ ...stop, connectorId: 2 }], both)).toBeNull();
  });
});

describe('the bench clock only', () => {
  it("a session without receivedAt is not matched by its startTime (the charger's clock)", () => {
    const noReceived = session(9, 1, undefined, { startTime: '2030-01-01T09:00:00.000Z' });
    expect(unknownStopDuring(noReceived, [stop])).toBeNull();
  });

  it('nor counted as open then beside a session that has it', () => {
    const noReceived = session(9, 2, undefined, { startTime: '2030-01-01T09:00:00.000Z' });
    expect(unknownStopDuring(tx3, [stop], [tx3, noReceived])?.openThen).toEqual([3]);
  });
});
