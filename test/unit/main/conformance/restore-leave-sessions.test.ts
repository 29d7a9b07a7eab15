// A run that leaves sessions alone (leaveSessions: a commissioning's steps that only read, on a live site):
// preparing a charger (not the bench's own) before the first step and putting it back after each sends no
// RemoteStopTransaction for a customer's session and asks nobody to unplug its cable; a cable the case itself
// plugged in is still asked out. Without it, the session is stopped and the cable asked out, as before.
import { describe, expect, it } from 'vitest';
import { restorePreconditions } from '../../../../src/main/conformance/restore';
import type { OperatorPrompt } from '../../../../src/main/conformance/operator';
import type { CentralSystemAction } from '../../../../src/shared/ocpp16';
import { chargerWorld } from '../../../helpers/restore-world';

const CP = 'CP-LEAVE-UNIT';

/** A real charger with a customer's session (transaction 5, connector 1, Charging); it stops a session it is asked to and reports Available once unplugged. */
function world() {
  const { clock, frames, frame, hostWith, caseOn } = chargerWorld(CP, { connectors: 2 });
  const status = new Map<number, string>([
    [1, 'Charging'],
    [2, 'Available'],
  ]);
  const sent: string[] = [];
  const asked: string[] = [];
  const host = hostWith({
    operator: {
      automatic: false,
      perform: (r: OperatorPrompt) => {
        asked.push(`${r.action.kind} ${'connectorId' in r.action ? r.action.connectorId : ''}`);
        if (r.action.kind === 'unplug') status.set(r.action.connectorId, 'Available');
        return Promise.resolve('done');
      },
    },
    operate: (action: CentralSystemAction, payload: { transactionId?: number }) => {
      sent.push(action);
      if (action === 'RemoteStopTransaction') {
        frame('in', 'CALL', `stop-${payload.transactionId}`, 'StopTransaction', {
          transactionId: payload.transactionId,
          meterStop: 10,
          timestamp: new Date(clock.now()).toISOString(),
          reason: 'Remote',
        });
        status.set(1, 'Finishing');
      }
      return Promise.resolve({ outcome: 'completed', response: { status: 'Accepted' } });
    },
    openTransactions: () => [...frames.transactions].filter(([id]) => !frames.stopped.has(id)).map(([transactionId, t]) => ({ transactionId, ...t })),
    transactionsBefore: () => [],
    connectorStatus: (c: number) => status.get(c) ?? null,
  });
  frame('in', 'CALL', 's0', 'StartTransaction', { connectorId: 1, idTag: 'CUSTOMER-5', meterStart: 0, timestamp: new Date(clock.now()).toISOString() });
  frame('out', 'CALLRESULT', 's0', 'StartTransaction', { transactionId: 5, idTagInfo: { status: 'Accepted' } });
  const context = (id: string) => caseOn(host, id);
  return { context, sent, asked, host, status };
}

describe('preparing and putting back a charger with a session running, leaving sessions alone', () => {
  it('sends no RemoteStopTransaction and asks for no cable out, before the first step and after it', async () => {
    const { context, sent, asked, host } = world();
    expect(await restorePreconditions(context('setup'), { setup: true, leaveSessions: true })).toEqual([]);
    expect(await restorePreconditions(context('C7_OFFLINE'), { leaveSessions: true })).toEqual([]);
    expect(sent).not.toContain('RemoteStopTransaction');
    expect(asked).toEqual([]);
    expect(host.openTransactions().map((t) => t.transactionId)).toEqual([5]);
  });

  it('still asks out a cable the case itself plugged in', async () => {
    const { context, asked, status } = world();
    const t = context('C7_OFFLINE');
    t.plugged.add(2);
    status.set(2, 'Preparing');
    await restorePreconditions(t, { leaveSessions: true });
    expect(asked).toEqual(['unplug 2']);
  });

  it('without it, stops the session and asks for its cable out (as every other run does)', async () => {
    const { context, sent, asked, host } = world();
    expect(await restorePreconditions(context('setup'), { setup: true })).toEqual([]);
    expect(sent).toContain('RemoteStopTransaction');
    expect(asked).toEqual(['unplug 1']);
    expect(host.openTransactions()).toEqual([]);
  });
});
