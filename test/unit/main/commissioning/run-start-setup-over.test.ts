// The sessions a commissioning run's preparation ends are listed as each ends, until its first step begins:
// from then on the run's own list stands, and a stop the bench asks for during a step is not one its
// preparation ended (nor are the charger's frames watched for it any more).
import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../../src/main/core/event-bus';
import { RunStart } from '../../../../src/main/commissioning/run-start';
import type { Bench } from '../../../../src/main/core/bench';
import type { SessionEndedAtStart } from '../../../../src/shared/api/commissioning';
import type { BenchEvent } from '../../../../src/shared/api/views';

const CP = 'CP-SETUP';
const open = [
  { transactionId: 7, chargerId: CP, connectorId: 1, idTag: 'USER-7', startTime: '2026-01-01T10:00:00.000Z' },
  { transactionId: 8, chargerId: CP, connectorId: 2, idTag: 'USER-8', startTime: '2026-01-01T10:05:00.000Z' },
];

function aRunStart() {
  const bus = new EventBus();
  const bench = { bus, record: { transactions: { list: () => open } }, centralSystem: { isConnected: () => true } } as unknown as Bench;
  const window: { sessionsEnded?: SessionEndedAtStart[] } = {};
  const start = new RunStart(bench, CP, 'Identity', 2, () => undefined, window);
  /** The bench asks the charger to stop `transactionId`, and its StopTransaction comes. */
  const stopped = (transactionId: number, ts: string) => {
    const raw = JSON.stringify([2, `m${transactionId}`, 'RemoteStopTransaction', { transactionId }]);
    bus.publish({ type: 'frameLogged', message: { chargerId: CP, direction: 'out', kind: 'CALL', action: 'RemoteStopTransaction', raw, ts } } as unknown as BenchEvent);
    bus.publish({ type: 'transactionStopped', transaction: { ...open.find((t) => t.transactionId === transactionId)!, active: false }, ts } as unknown as BenchEvent);
  };
  return { start, window, stopped };
}

describe('the sessions a run’s preparation ends', () => {
  it('are listed as each ends before the first step, and no more once it has begun', () => {
    const { start, window, stopped } = aRunStart();
    stopped(7, '2026-01-01T11:00:00.000Z');
    expect(window.sessionsEnded?.map((s) => s.transactionId)).toEqual([7]);
    start.setupOver();
    stopped(8, '2026-01-01T11:10:00.000Z');
    expect(window.sessionsEnded?.map((s) => s.transactionId)).toEqual([7]);
    start.dispose();
  });
});
