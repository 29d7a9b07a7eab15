// The bench on a fake clock: what depends on the bench's time (an idTag's expiry, waiting for a charger)
// follows that clock, not the wall's, so tests and timed conformance runs can move it at will.
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/main/clock';
import type { MessageView, OperationProgressView, OperationView } from '../../src/shared/api/views';
import { strictCharger, useTestBench, waitFor } from '../helpers/bench';

// Years ahead of the wall clock: a rule read on wall time cannot pass for one read on this clock.
const clock = new FakeClock('2040-01-01T00:00:00.000Z');
const tb = useTestBench({ clock });

describe('the bench on a fake clock', () => {
  it('expires an idTag when the bench clock passes its expiryDate (Authorize, StartTransaction)', async () => {
    const added = await tb.request('POST', '/api/id-tags', { idTag: 'FAKE-TIME', status: 'Accepted', expiryDate: '2040-01-01T01:00:00.000Z' });
    expect(added.status).toBe(201);
    const cp = await strictCharger(tb.wsUrl(), 'CP-FAKE-TIME');
    await cp.connect();
    expect(await cp.client.call('Authorize', { idTag: 'FAKE-TIME' })).toEqual({ idTagInfo: { status: 'Accepted', expiryDate: '2040-01-01T01:00:00.000Z' } });
    await clock.advance(2 * 3600_000);
    expect(await cp.client.call('Authorize', { idTag: 'FAKE-TIME' })).toEqual({ idTagInfo: { status: 'Expired', expiryDate: '2040-01-01T01:00:00.000Z' } });
    const start = await cp.client.call('StartTransaction', { connectorId: 1, idTag: 'FAKE-TIME', meterStart: 0, timestamp: '2040-01-01T02:00:00.000Z' });
    expect(start.idTagInfo.status).toBe('Expired');
    await cp.client.close();
    expect(cp.violations).toEqual([]);
  });

  it('waits for a charger by the bench clock: connected at once, or refused when that clock passes the deadline', async () => {
    const cp = await strictCharger(tb.wsUrl(), 'CP-WAITED');
    const waiting = tb.bench.waitForCharger('CP-WAITED', 60_000);
    await cp.connect();
    await expect(waiting).resolves.toBeUndefined();
    await expect(tb.bench.waitForCharger('CP-WAITED', 1)).resolves.toBeUndefined();
    await cp.client.close();

    let outcome = 'pending';
    const never = tb.bench.waitForCharger('CP-NEVER', 60_000).then(
      () => (outcome = 'connected'),
      (e: Error) => (outcome = e.message),
    );
    // Real time passing does not end the wait; the bench's does.
    await new Promise((r) => setTimeout(r, 50));
    expect(outcome).toBe('pending');
    await clock.advance(60_000);
    await never;
    expect(outcome).toBe('CP-NEVER did not connect within 60 s');
  });

  it("records an operation on the bench clock, as its frames are: its times are its CALL's and its answer's, its timeout that clock's", async () => {
    // In a fake-clock run (chargebench test --virtual) the steps and frames are on the run's clock (the
    // reports say so); an operation is its CALL and its answer, so it is told on the same clock, or the
    // log could not pair a frame with its operation and "due by" would not be when it times out.
    const cp = await strictCharger(tb.wsUrl(), 'CP-FAKE-OPS');
    cp.client.handle('TriggerMessage', () => ({ status: 'Accepted' }));
    cp.client.handle('Reset', () => new Promise(() => {}));
    await cp.connect();
    await waitFor(() => tb.bench.centralSystem.isConnected('CP-FAKE-OPS'));
    const progress: OperationProgressView[] = [];
    const off = tb.bench.bus.subscribe((e) => e.type === 'operationChanged' && e.operation.chargerId === 'CP-FAKE-OPS' && progress.push(e.operation));
    await clock.advance(5000);
    await tb.bench.operations.operate('CP-FAKE-OPS', 'TriggerMessage', { requestedMessage: 'Heartbeat' });

    const reset = tb.bench.operations.operate('CP-FAKE-OPS', 'Reset', { type: 'Soft' }, { timeoutMs: 30_000, ref: 'reset' });
    const sent = await waitFor(() => progress.find((p) => p.ref === 'reset' && p.state === 'sent'));
    expect(Date.parse(sent.sentAt!)).toBe(clock.now());
    expect(Date.parse(sent.dueBy!) - Date.parse(sent.sentAt!)).toBe(30_000);
    await clock.advance(30_000);
    expect(await reset).toMatchObject({ outcome: 'timeout' });
    await tb.bench.record.settled();

    const ops = (await tb.request('GET', '/api/operations?chargerId=CP-FAKE-OPS')).body as OperationView[];
    const frames = (await tb.request('GET', '/api/messages?chargerId=CP-FAKE-OPS')).body as MessageView[];
    const frame = (action: string, kind: string) => frames.find((m) => m.action === action && m.kind === kind)!.ts;
    const trigger = ops.find((o) => o.action === 'TriggerMessage')!;
    expect(trigger.sentAt).toBe(frame('TriggerMessage', 'CALL'));
    expect(trigger.finishedAt).toBe(frame('TriggerMessage', 'CALLRESULT'));
    expect(trigger.sentAt.startsWith('2040-01-01')).toBe(true);
    const resetRow = ops.find((o) => o.action === 'Reset')!;
    expect(resetRow.sentAt).toBe(frame('Reset', 'CALL'));
    expect(resetRow).toMatchObject({ sentAt: sent.sentAt, finishedAt: sent.dueBy, outcome: 'timeout' });
    off();
    // Forced: the charger's Reset handler never ends.
    await cp.client.close({ force: true });
    expect(cp.violations).toEqual([]);
  });
});
