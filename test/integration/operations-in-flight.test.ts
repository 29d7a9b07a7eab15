// An operation behind an unanswered one, and a connection that drops under them, against a real bench and
// an independent charger (ocpp-rpc): the queued call is recorded and announced as sent only when its CALL
// goes out; the call sent before the drop is offline with `sent` (the charger may have acted on it), the
// one queued behind it offline with nothing sent (and not in the record).
import { describe, expect, it } from 'vitest';
import type { OperationProgressView } from '../../src/shared/api/views';
import { strictCharger, useTestBench, waitFor } from '../helpers/bench';

const tb = useTestBench();

async function chargerWithSilentReset(id: string) {
  const cp = await strictCharger(tb.wsUrl(), id);
  cp.client.handle('Reset', () => new Promise(() => {}));
  cp.client.handle('TriggerMessage', () => ({ status: 'Accepted' }));
  await cp.connect();
  await waitFor(() => tb.bench.centralSystem.isConnected(id));
  const progress: OperationProgressView[] = [];
  const off = tb.bench.bus.subscribe((e) => {
    if (e.type === 'operationChanged' && e.operation.chargerId === id) progress.push(e.operation);
  });
  const of = (ref: string) => progress.filter((p) => p.ref === ref);
  return { cp, progress, of, off };
}

describe('operations queued behind an unanswered call', () => {
  it('are recorded and announced as sent when their CALL goes out, not when they were asked for', async () => {
    const { cp, of, off } = await chargerWithSilentReset('CP-QUEUED');
    const reset = tb.bench.operations.operate('CP-QUEUED', 'Reset', { type: 'Soft' }, { timeoutMs: 600, ref: 'reset-1' });
    const trigger = tb.bench.operations.operate('CP-QUEUED', 'TriggerMessage', { requestedMessage: 'Heartbeat' }, { timeoutMs: 5000, ref: 'trigger-1' });
    await waitFor(() => of('trigger-1').length > 0);
    const [resetSent] = of('reset-1');
    expect(resetSent).toMatchObject({ state: 'sent', action: 'Reset', operationId: expect.any(Number) });
    expect(Date.parse(resetSent!.dueBy!) - Date.parse(resetSent!.sentAt!)).toBe(600);
    expect(of('trigger-1')).toEqual([expect.objectContaining({ state: 'queued', action: 'TriggerMessage', sentAt: null, dueBy: null, operationId: null })]);
    const queuedAt = of('trigger-1')[0]!.queuedAt;

    expect(await reset).toMatchObject({ outcome: 'timeout' });
    expect(await trigger).toMatchObject({ outcome: 'completed', response: { status: 'Accepted' } });
    expect(of('reset-1').map((p) => p.state)).toEqual(['sent', 'finished']);
    expect(of('trigger-1').map((p) => p.state)).toEqual(['queued', 'sent', 'finished']);
    expect(of('trigger-1')[2]).toMatchObject({ outcome: 'completed' });

    const ops = (await tb.request('GET', '/api/operations?chargerId=CP-QUEUED')).body as Array<{ action: string; sentAt: string }>;
    const resetRow = ops.find((o) => o.action === 'Reset')!;
    const triggerRow = ops.find((o) => o.action === 'TriggerMessage')!;
    // The TriggerMessage went out once the Reset had timed out: its sentAt is then, not when it was queued.
    expect(Date.parse(triggerRow.sentAt) - Date.parse(resetRow.sentAt)).toBeGreaterThanOrEqual(600);
    expect(Date.parse(triggerRow.sentAt) - Date.parse(queuedAt)).toBeGreaterThanOrEqual(500);
    expect(triggerRow.sentAt).toBe(of('trigger-1')[1]!.sentAt);
    off();
    await cp.client.close({ force: true });
  });

  it('tell the call sent before the connection dropped (outcome unknown) from the one never sent', async () => {
    const { cp, progress, of, off } = await chargerWithSilentReset('CP-DROPPED');
    const reset = tb.request('POST', '/api/chargers/CP-DROPPED/operations/Reset', { type: 'Soft' });
    // Sent over the API without a ref: the bench names it.
    const sent = await waitFor(() => progress.find((p) => p.action === 'Reset' && p.state === 'sent'));
    expect(sent.ref).toMatch(/^op-\d+$/);
    const trigger = tb.bench.operations.operate('CP-DROPPED', 'TriggerMessage', { requestedMessage: 'Heartbeat' }, { ref: 'never-sent' });
    await waitFor(() => of('never-sent').length > 0);
    await cp.client.close({ force: true });

    const answer = await reset;
    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({
      outcome: 'offline',
      sent: true,
      sentAt: expect.any(String),
      operationId: expect.any(Number),
      error: { description: expect.stringContaining('CP-DROPPED disconnected') },
    });
    const never = await trigger;
    expect(never).toMatchObject({ outcome: 'offline' });
    expect(never).not.toHaveProperty('sent');
    expect(never).not.toHaveProperty('operationId');
    expect(of('never-sent').map((p) => [p.state, p.sentAt, p.outcome])).toEqual([
      ['queued', null, undefined],
      ['finished', null, 'offline'],
    ]);

    // The record has the Reset (sent, then the connection dropped) and nothing of the TriggerMessage, which never went out.
    const ops = (await tb.request('GET', '/api/operations?chargerId=CP-DROPPED')).body as Array<{ action: string; sentAt: string; outcome: string }>;
    expect(ops.map((o) => [o.action, o.outcome])).toEqual([['Reset', 'offline']]);
    expect(ops[0]!.sentAt).toBe(answer.body.sentAt);
    off();
  });
});
