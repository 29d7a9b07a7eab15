// Putting the charger back after a case: a session the record still holds open because the charger, during
// the case, sent its StopTransaction with the wrong transactionId (a person unplugged, or it ended the session
// itself) is refused by the charger when the bench asks to stop it. What is not put back names that earlier
// StopTransaction, with when it came, rather than only "it may have lost the session".
import { describe, expect, it } from 'vitest';
import { restorePreconditions } from '../../../../src/main/conformance/restore';
import type { CentralSystemAction } from '../../../../src/shared/ocpp16';
import { chargerWorld } from '../../../helpers/restore-world';

const CP = 'CP-STOP-BEFORE';

/**
 * A charger's world for the put-back: transaction 5 the bench gave before the case (and the charger stopped
 * during it, as it should), the case's transaction 6, and a charger that refuses every RemoteStopTransaction.
 */
function world(before: number[] = []) {
  const { frames, frame, hostWith, caseOn } = chargerWorld(CP, { connectors: 2, frameAt: '2026-01-01T10:00:00.000Z' });
  const sent: string[] = [];
  const host = hostWith({
    operate: (action: CentralSystemAction, payload: unknown) => {
      sent.push(`${action} ${JSON.stringify(payload)}`);
      return Promise.resolve({ outcome: 'completed', response: { status: action === 'RemoteStopTransaction' ? 'Rejected' : 'Accepted' } });
    },
    transactionsBefore: () => before,
  });
  // Before the case: transaction 5 on connector 2, given by the bench.
  frame('in', 'CALL', 's0', 'StartTransaction', { connectorId: 2, idTag: 'X', meterStart: 0, timestamp: '2026-01-01T09:59:00Z' });
  frame('out', 'CALLRESULT', 's0', 'StartTransaction', { transactionId: 5, idTagInfo: { status: 'Accepted' } });
  const t = caseOn(host);
  // The case's session: transaction 6 on connector 1.
  frame('in', 'CALL', 's1', 'StartTransaction', { connectorId: 1, idTag: 'X', meterStart: 0, timestamp: '2026-01-01T10:00:00Z' });
  frame('out', 'CALLRESULT', 's1', 'StartTransaction', { transactionId: 6, idTagInfo: { status: 'Accepted' } });
  // Transaction 5 ends during the case with its own id: a known transaction, not the reason.
  frame('in', 'CALL', 'x0', 'StopTransaction', { transactionId: 5, meterStop: 0, timestamp: '2026-01-01T10:01:00Z', reason: 'Local' });
  return { t, sent, frame, frames };
}

const REFUSED = 'stopping transaction 6: the charger answered Rejected: it may have lost the session';
const KEEP = '(close it in the record if it no longer runs)';

describe('putting back a session the charger had stopped with the wrong transactionId', () => {
  it('names the StopTransaction for an unknown transaction that came during the case, with when it came', async () => {
    const { t, sent, frame, frames } = world();
    // The person unplugs during the case: the charger ends transaction 6 but sends 1006.
    frame('in', 'CALL', 'x1', 'StopTransaction', { transactionId: 1006, meterStop: 10, timestamp: '2026-01-01T10:02:03Z', reason: 'EVDisconnected' }, '2026-01-01T10:02:03.000Z');
    expect(frames.transactions.has(6)).toBe(true);
    expect(await restorePreconditions(t)).toEqual([
      `${REFUSED}; before the bench asked, the charger had sent a StopTransaction for unknown transaction 1006 (not 6) at 2026-01-01T10:02:03.000Z, during the case: if it was meant for 6, its firmware sends the wrong transactionId and the session is no longer on the charger ${KEEP}`,
    ]);
    expect(sent).toEqual(['RemoteStopTransaction {"transactionId":6}']);
  });

  it('names a StopTransaction without a transactionId too', async () => {
    const { t, frame } = world();
    frame('in', 'CALL', 'x1', 'StopTransaction', { meterStop: 10, timestamp: '2026-01-01T10:02:03Z' }, '2026-01-01T10:02:03.000Z');
    expect(await restorePreconditions(t)).toEqual([
      `${REFUSED}; before the bench asked, the charger had sent a StopTransaction without a transactionId (not 6) at 2026-01-01T10:02:03.000Z, during the case: if it was meant for 6, its firmware sends the wrong transactionId and the session is no longer on the charger ${KEEP}`,
    ]);
  });

  it('says only that the session may be lost when no such StopTransaction came (a known transaction stopping is not one)', async () => {
    const { t } = world();
    expect(await restorePreconditions(t)).toEqual([`${REFUSED} ${KEEP}`]);
  });

  it('does not name the proper StopTransaction of a session the record held open when the run began (never seen starting)', async () => {
    // Transaction 3 was open before the run; the charger stops it with its own id during the case.
    const { t, frame } = world([3]);
    frame('in', 'CALL', 'x1', 'StopTransaction', { transactionId: 3, meterStop: 10, timestamp: '2026-01-01T10:02:03Z', reason: 'Local' }, '2026-01-01T10:02:03.000Z');
    expect(await restorePreconditions(t)).toEqual([`${REFUSED} ${KEEP}`]);
  });
});
