// A virtual charge point with no WebSocket, for unit tests of its services and operations: its calls go to a
// fake central system that answers at once (or as a test says), registration is a switch, and time is a FakeClock.
import type { CallOutcome } from '../../src/main/rpc/endpoint';
import { VirtualChargePoint, type VirtualChargePointOptions } from '../../src/main/virtual-cp/charge-point';
import { VirtualChargerDefinition, type VirtualChargerDefinitionInput } from '../../src/shared/api/virtual-chargers';
import type { Action, RequestOf, ResponseOf } from '../../src/shared/ocpp16';
import { FakeClock } from '../../src/main/clock';

export type Answer = (payload: any) => CallOutcome | Promise<CallOutcome>;

export interface FakeWire {
  cp: VirtualChargePoint;
  clock: FakeClock;
  /** Every call the charger made: `Action` or `Action(detail)` as vcp-harness labels them, with the payload. */
  calls: Array<{ action: Action; payload: any }>;
  /** The central system's answer per action (default: a good central system's). */
  answers: Partial<Record<Action, Answer>>;
  /** Registration on or off (the charger is "connected" whenever it is accepted). */
  accepted: boolean;
  /** The follow-ups of the answers given so far, run as the endpoint would once each answer is sent. */
  flush(): Promise<void>;
  /** The actions called since `from`, in order. */
  sent(from?: number): string[];
  /** Lets pending promises (answers, follow-ups) settle. */
  settle(): Promise<void>;
}

const now = () => new Date().toISOString();

function goodAnswer(action: Action, payload: any, nextTx: () => number): unknown {
  switch (action) {
    case 'BootNotification':
      return { status: 'Accepted', currentTime: now(), interval: 300 };
    case 'Heartbeat':
      return { currentTime: now() };
    case 'Authorize':
      return { idTagInfo: { status: 'Accepted' } };
    case 'StartTransaction':
      return { transactionId: nextTx(), idTagInfo: { status: 'Accepted' } };
    default:
      return {};
  }
}

/** A charger on a fake wire, powered on (start() without a connection) unless `powered: false`. */
export function fakeWire(definition: Partial<VirtualChargerDefinitionInput> = {}, options: Partial<VirtualChargePointOptions> & { powered?: boolean; clock?: FakeClock } = {}): FakeWire {
  const { powered = true, clock = new FakeClock(), ...rest } = options;
  const cp = new VirtualChargePoint({ random: () => 0, ...rest, definition: VirtualChargerDefinition.parse({ id: 'UNIT1', connectors: 2, ...definition }), url: 'ws://127.0.0.1:1/ocpp', clock });
  let transactionId = 100;
  const followUps: Array<() => void> = [];
  const wire: FakeWire = {
    cp,
    clock,
    calls: [],
    answers: {},
    accepted: true,
    async flush() {
      await wire.settle();
      while (followUps.length) followUps.splice(0).forEach((fn) => fn());
      await wire.settle();
    },
    sent: (from = 0) => wire.calls.slice(from).map((c) => c.action),
    settle: () => new Promise((r) => setImmediate(r)),
  };
  cp.call = async <A extends Action>(action: A, payload: RequestOf<A>): Promise<CallOutcome<A>> => {
    if (!wire.accepted && action !== 'BootNotification') return { outcome: 'offline', error: { description: 'Not connected' } };
    wire.calls.push({ action, payload });
    const answer = wire.answers[action];
    if (answer) return (await answer(payload)) as CallOutcome<A>;
    return { outcome: 'completed', response: goodAnswer(action, payload, () => transactionId++) as ResponseOf<A> };
  };
  cp.afterAnswer = (_messageId, fn) => void followUps.push(fn);
  // No WebSocket: powered on, the charger is connected and registered as the test says.
  cp.connection.connect = () => {};
  Object.defineProperty(cp.connection, 'endpoint', { value: {} });
  Object.defineProperty(cp, 'isAccepted', { get: () => cp.isRunning && wire.accepted && cp.boot.registration === 'Accepted' });
  if (powered) {
    cp.start();
    cp.connection.state = 'connected';
    cp.boot.registration = 'Accepted';
    // As after a boot: the central system knows every status; the calls start empty.
    cp.status.reportAll();
    wire.calls.length = 0;
  }
  return wire;
}
