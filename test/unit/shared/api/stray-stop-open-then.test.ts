// A stray StopTransaction is named beside the sessions open on its charger when it came. The bench records
// them with its warning (`openThen`): those stand, whatever the record has closed since; a stop without
// them (recorded by an earlier version, or a frame pushed live) falls back to the sessions open now.
import { describe, expect, it } from 'vitest';
import { unknownStopDuring, unknownStopNote, unknownStopOfEvent, type StopSession, type UnknownStop } from '../../../../src/shared/api/stray-stop';

const session = (transactionId: number, connectorId: number, patch: Partial<StopSession> = {}): StopSession => ({
  transactionId,
  chargerId: 'CP001',
  connectorId,
  active: true,
  startTime: '2030-01-01T10:00:00.000Z',
  receivedAt: '2030-01-01T10:00:00.000Z',
  ...patch,
});
const event = (data: Record<string, unknown>) => ({
  chargerId: 'CP001',
  ts: '2030-01-01T10:30:00.000Z',
  action: 'StopTransaction',
  data: { warning: 'StopTransaction for transaction 1003, which the bench never started: not applied', unknownTransaction: true, request: { transactionId: 1003, meterStop: 283 }, ...data },
});
const tx3 = session(3, 1);
/** #4 was open when the stop came; the record has closed it since. */
const tx4Closed = session(4, 2, { active: false });

describe('an event that records the sessions open then', () => {
  it('reads them back, ascending; none from an event of an earlier version, nor from one that records something else', () => {
    expect(unknownStopOfEvent(event({ openThen: [4, 3] }))?.openThen).toEqual([3, 4]);
    expect(unknownStopOfEvent(event({}))).not.toHaveProperty('openThen');
    expect(unknownStopOfEvent(event({ openThen: ['3'] }))).not.toHaveProperty('openThen');
  });
});

describe('unknownStopDuring with the sessions recorded open then', () => {
  const stop = unknownStopOfEvent(event({ openThen: [3, 4] }))!;

  it('names both, though the record has closed #4 since, and pins it on neither', () => {
    const found = unknownStopDuring(tx3, [stop], [tx3, tx4Closed]);
    expect(found?.openThen).toEqual([3, 4]);
    expect(unknownStopNote(found!, tx3)).toBe(
      'A StopTransaction for unknown transaction 1003 came at 2030-01-01T10:30:00.000Z on this charger while sessions #3 and #4 were open there: not applied to either; which one the charger meant is not known.',
    );
    // Also when the screen holds only #3 now.
    expect(unknownStopDuring(tx3, [stop], [])?.openThen).toEqual([3, 4]);
  });

  it('does not name it beside a session not among them (started after it, or elsewhere), nor beside one the record has closed', () => {
    expect(unknownStopDuring(session(5, 1, { receivedAt: '2030-01-01T10:00:00.000Z' }), [stop], [tx3])).toBeNull();
    expect(unknownStopDuring(session(3, 1, { chargerId: 'CP002' }), [stop])).toBeNull();
    expect(unknownStopDuring(tx4Closed, [stop], [tx3])).toBeNull();
  });

  it("takes them over the sessions open now: one open now but not then is not counted, and one without the bench's receivedAt is matched", () => {
    const justOne: UnknownStop = { ...stop, openThen: [3] };
    const openNowNotThen = session(6, 2, { receivedAt: '2030-01-01T10:05:00.000Z' });
    expect(unknownStopDuring(tx3, [justOne], [tx3, openNowNotThen])?.openThen).toEqual([3]);
    const { receivedAt: _, ...noReceived } = tx3;
    expect(unknownStopDuring(noReceived, [justOne])?.openThen).toEqual([3]);
    // Without them (an earlier version, a frame pushed live), the sessions open now stand for them.
    const old = unknownStopOfEvent(event({}))!;
    expect(unknownStopDuring(tx3, [old], [tx3, tx4Closed])?.openThen).toEqual([3]);
    expect(unknownStopDuring(tx3, [old], [tx3, session(4, 2)])?.openThen).toEqual([3, 4]);
  });
});
