// Putting the charger back after a case: a session whose StopTransaction has come (the charger ended it
// itself, its stop crossing the bench's RemoteStopTransaction, which it then refuses) is not named as a
// session the charger "may have lost"; one it refuses to stop and never stops still is.
import { describe, expect, it } from 'vitest';
import { restorePreconditions } from '../../../../src/main/conformance/restore';
import type { CentralSystemAction } from '../../../../src/shared/ocpp16';
import { chargerWorld, type Frame } from '../../../helpers/restore-world';

const CP = 'CP-RESTORE';

/** A charger's world for the put-back: its frames, a transaction the bench started for it, and the charger's answers. */
function world(onRemoteStop: (frame: Frame) => string) {
  const { frame, hostWith, caseOn } = chargerWorld(CP);
  const sent: string[] = [];
  const host = hostWith({
    operate: (action: CentralSystemAction, payload: unknown) => {
      sent.push(`${action} ${JSON.stringify(payload)}`);
      const status = action === 'RemoteStopTransaction' ? onRemoteStop(frame) : 'Accepted';
      return Promise.resolve({ outcome: 'completed', response: { status } });
    },
  });
  const t = caseOn(host);
  // The case's session: the charger's StartTransaction and the bench's answer (transaction 36).
  frame('in', 'CALL', 's1', 'StartTransaction', { connectorId: 1, idTag: 'X', meterStart: 0, timestamp: '2026-01-01T00:00:00Z' });
  frame('out', 'CALLRESULT', 's1', 'StartTransaction', { transactionId: 36, idTagInfo: { status: 'Accepted' } });
  return { t, sent, frame };
}

describe('putting back a session the charger ended itself', () => {
  it('does not name a session whose StopTransaction crossed the RemoteStopTransaction the charger then refused', async () => {
    const { t, sent } = world((frame) => {
      // The charger's own stop arrives before its answer to the bench's request, which it no longer knows.
      frame('in', 'CALL', 'x1', 'StopTransaction', { transactionId: 36, meterStop: 0, timestamp: '2026-01-01T00:00:01Z', reason: 'DeAuthorized' });
      return 'Rejected';
    });
    expect(await restorePreconditions(t)).toEqual([]);
    expect(sent).toEqual(['RemoteStopTransaction {"transactionId":36}']);
  });

  it('does not try to stop a session whose StopTransaction has already come', async () => {
    const { t, sent, frame } = world(() => 'Rejected');
    frame('in', 'CALL', 'x2', 'StopTransaction', { transactionId: 36, meterStop: 0, timestamp: '2026-01-01T00:00:01Z', reason: 'DeAuthorized' });
    expect(await restorePreconditions(t)).toEqual([]);
    expect(sent.filter((s) => s.startsWith('RemoteStopTransaction'))).toEqual([]);
  });

  it('still names a session the charger refuses to stop and does not stop', async () => {
    const { t } = world(() => 'Rejected');
    expect(await restorePreconditions(t)).toEqual(['stopping transaction 36: the charger answered Rejected: it may have lost the session (close it in the record if it no longer runs)']);
  });
});
