// Putting the charger back after a case: a session whose StopTransaction has come (the charger ended it
// itself, its stop crossing the bench's RemoteStopTransaction, which it then refuses) is not named as a
// session the charger "may have lost"; one it refuses to stop and never stops still is.
import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../../src/main/core/event-bus';
import { FakeClock } from '../../../../src/main/clock';
import { BehaviourRegistry } from '../../../../src/main/central-system/behaviour';
import { ChargerFrames } from '../../../../src/main/conformance/frames';
import { CaseContext, type CaseHost } from '../../../../src/main/conformance/context';
import { restorePreconditions } from '../../../../src/main/conformance/restore';
import { defaultTestData } from '../../../../src/main/conformance/test-data';
import type { Pics } from '../../../../src/main/conformance/types';
import type { CentralSystemAction } from '../../../../src/shared/ocpp16';
import { aFrame } from '../../../helpers/frames';

const CP = 'CP-RESTORE';

/** A charger's world for the put-back: its frames, a transaction the bench started for it, and the charger's answers. */
function world(onRemoteStop: (frame: (direction: 'in' | 'out', kind: 'CALL' | 'CALLRESULT', messageId: string, action: string, body: object) => void) => string) {
  const bus = new EventBus();
  const clock = new FakeClock();
  const frames = new ChargerFrames(bus, CP, true);
  const frame = (direction: 'in' | 'out', kind: 'CALL' | 'CALLRESULT', messageId: string, action: string, body: object) =>
    bus.publish({ type: 'frameLogged', message: { ...aFrame(direction, kind, messageId, action, body), ts: new Date(clock.now()).toISOString(), chargerId: CP } });
  const sent: string[] = [];
  const host = {
    chargerId: CP,
    clock,
    frames,
    behaviours: new BehaviourRegistry(clock),
    operator: { automatic: false, perform: () => Promise.resolve('done') },
    operate: (action: CentralSystemAction, payload: unknown) => {
      sent.push(`${action} ${JSON.stringify(payload)}`);
      const status = action === 'RemoteStopTransaction' ? onRemoteStop(frame) : 'Accepted';
      return Promise.resolve({ outcome: 'completed', response: { status } });
    },
    openTransactions: () => [...frames.transactions].map(([transactionId, t]) => ({ transactionId, ...t })),
    connectorStatus: () => 'Available',
    idTagAnswers: () => undefined,
  } as unknown as CaseHost;
  const pics = { connectors: 1, config: {}, readOnly: [], profiles: ['Core'] } as unknown as Pics;
  const t = new CaseContext('TC_003_CS', host, defaultTestData(), pics);
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
