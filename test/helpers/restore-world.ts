// A real charger (not the bench's own) as the put-back tests (restorePreconditions) build it: its frames on an
// event bus on a fake clock, a host whose parts a test replaces, and the context of a case on it.
import { EventBus } from '../../src/main/core/event-bus';
import { FakeClock } from '../../src/main/clock';
import { BehaviourRegistry } from '../../src/main/central-system/behaviour';
import { ChargerFrames } from '../../src/main/conformance/frames';
import { CaseContext, type CaseHost } from '../../src/main/conformance/context';
import { defaultTestData } from '../../src/main/conformance/test-data';
import type { Pics } from '../../src/main/conformance/types';
import { aFrame } from './frames';

/** Logs a frame of the charger's, at `ts` (by default the world's `frameAt`, else the fake clock's time). */
export type Frame = (direction: 'in' | 'out', kind: 'CALL' | 'CALLRESULT', messageId: string, action: string, body: object, ts?: string) => void;

/** Charger `cp` with `connectors` connectors (Core); `frameAt` fixes the time its frames are logged at. */
export function chargerWorld(cp: string, { connectors = 1, frameAt }: { connectors?: number; frameAt?: string } = {}) {
  const bus = new EventBus();
  const clock = new FakeClock();
  const frames = new ChargerFrames(bus, cp, true);
  const frame: Frame = (direction, kind, messageId, action, body, ts = frameAt ?? new Date(clock.now()).toISOString()) =>
    bus.publish({ type: 'frameLogged', message: { ...aFrame(direction, kind, messageId, action, body), ts, chargerId: cp } });
  const pics = { connectors, config: {}, readOnly: [], profiles: ['Core'] } as unknown as Pics;
  /**
   * The host, with `over` on top of: the person at the charger does what is asked, the transactions the frames
   * gave are open, every connector is Available.
   */
  const hostWith = (over: Record<string, unknown>): CaseHost =>
    ({
      chargerId: cp,
      clock,
      frames,
      behaviours: new BehaviourRegistry(clock),
      operator: { automatic: false, perform: () => Promise.resolve('done') },
      openTransactions: () => [...frames.transactions].map(([transactionId, t]) => ({ transactionId, ...t })),
      connectorStatus: () => 'Available',
      idTagAnswers: () => undefined,
      ...over,
    }) as unknown as CaseHost;
  const caseOn = (host: CaseHost, id = 'TC_003_CS') => new CaseContext(id, host, defaultTestData(), pics);
  return { bus, clock, frames, frame, hostWith, caseOn };
}
