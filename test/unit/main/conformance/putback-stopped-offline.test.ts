// A run stopped while the charger is offline: putting the charger back asks nothing of it, and lists what it
// would have asked as not done. A step (or case) that changed nothing on the charger leaves nothing to list
// (no vague "putting the charger back after the case" line); what it did change is named, a commissioning's
// in its own words (the step), a conformance case's as a case.
import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../../src/main/core/event-bus';
import { FakeClock } from '../../../../src/main/clock';
import { BehaviourRegistry } from '../../../../src/main/central-system/behaviour';
import { ChargerFrames } from '../../../../src/main/conformance/frames';
import { CaseContext, type CaseHost } from '../../../../src/main/conformance/context';
import { restorePreconditions } from '../../../../src/main/conformance/restore';
import { defaultTestData } from '../../../../src/main/conformance/test-data';
import type { Pics } from '../../../../src/main/conformance/types';
import { aFrame } from '../../../helpers/frames';

const CP = 'CP-PUTBACK';
const WHY = 'not done: the run was stopped while the charger was offline';
const COMMISSIONING = { setup: 'before the first step', after: 'the step “Card reader”' };

/** A real charger offline, the run stopped; `before` adds the case's frames while it was connected. */
function stoppedOffline(before?: (frame: (direction: 'in' | 'out', kind: 'CALL' | 'CALLRESULT', messageId: string, action: string, body: object) => void) => void) {
  const bus = new EventBus();
  const clock = new FakeClock();
  const frames = new ChargerFrames(bus, CP, true);
  const frame = (direction: 'in' | 'out', kind: 'CALL' | 'CALLRESULT', messageId: string, action: string, body: object) =>
    bus.publish({ type: 'frameLogged', message: { ...aFrame(direction, kind, messageId, action, body), ts: new Date(clock.now()).toISOString(), chargerId: CP } });
  const stop = new AbortController();
  const sent: string[] = [];
  const host = {
    chargerId: CP,
    clock,
    frames,
    signal: stop.signal,
    behaviours: new BehaviourRegistry(clock),
    operator: { automatic: false, perform: () => Promise.resolve('done') },
    operate: (action: string) => {
      sent.push(action);
      return Promise.resolve({ outcome: 'offline', sent: false });
    },
    openTransactions: () => [...frames.transactions].map(([transactionId, t]) => ({ transactionId, ...t })),
    connectorStatus: () => 'Available',
    idTagAnswers: () => undefined,
  } as unknown as CaseHost;
  const pics = { connectors: 1, config: {}, readOnly: [], profiles: ['Core'] } as unknown as Pics;
  const t = new CaseContext('C5_CARD', host, defaultTestData(), pics);
  before?.(frame);
  // The charger drops, then the run is stopped.
  bus.publish({ type: 'chargerDisconnected', chargerId: CP, reason: 'Connection lost', ts: new Date(clock.now()).toISOString() });
  stop.abort();
  return { t, sent };
}

describe('putting the charger back after a Stop while it is offline', () => {
  it('lists nothing for a commissioning step that had nothing to put back, and asks the charger nothing', async () => {
    const { t, sent } = stoppedOffline();
    expect(await restorePreconditions(t, { words: COMMISSIONING })).toEqual([]);
    expect(sent).toEqual([]);
  });

  it('lists nothing for a conformance case that had nothing to put back', async () => {
    const { t } = stoppedOffline();
    expect(await restorePreconditions(t)).toEqual([]);
  });

  it('lists nothing at the run’s start either', async () => {
    const { t } = stoppedOffline();
    expect(await restorePreconditions(t, { setup: true, words: COMMISSIONING })).toEqual([]);
  });

  it('names what the step did change', async () => {
    const { t } = stoppedOffline();
    t.touched.config.set('MeterValueSampleInterval', '60');
    t.touched.availability = true;
    expect(await restorePreconditions(t, { words: COMMISSIONING })).toEqual([`making the connectors Operative: ${WHY}`, `putting MeterValueSampleInterval back to 60: ${WHY}`]);
  });

  it('names a session the charger accepted to start, in the step’s words for a commissioning and the case’s for a conformance run', async () => {
    const accepted = (frame: Parameters<Parameters<typeof stoppedOffline>[0] & object>[0]) => {
      frame('out', 'CALL', 'r1', 'RemoteStartTransaction', { connectorId: 1, idTag: 'X' });
      frame('in', 'CALLRESULT', 'r1', 'RemoteStartTransaction', { status: 'Accepted' });
    };
    const commissioning = stoppedOffline(accepted);
    expect(await restorePreconditions(commissioning.t, { words: COMMISSIONING })).toEqual([
      `stopping the session the charger accepted to start when the step asked it (it may start when the charger is back): ${WHY}`,
    ]);
    const conformance = stoppedOffline(accepted);
    expect(await restorePreconditions(conformance.t)).toEqual([`stopping the session the charger accepted to start when the case asked it (it may start when the charger is back): ${WHY}`]);
  });
});
