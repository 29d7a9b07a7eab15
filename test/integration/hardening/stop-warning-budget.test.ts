// A warning note on a frame (a StopTransaction for a transaction the bench never started: valid OCPP, worth a
// look) is no violation: it does not spend the charger's budget for frames in violation. A charger sending more
// of them than that budget allows is answered for each, never slowed down, and stays connected.
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { INVALID_BURST } from '../../../src/main/central-system/session';
import { rawCharger, useTestBench } from '../../helpers/bench';

const tb = useTestBench();

describe('warning-noted frames and the invalid-frame budget', () => {
  it('answers every StopTransaction for an id the bench never gave out, past the budget, without throttling or closing', async () => {
    const cp = await rawCharger(tb.wsUrl('STRAYSTOPS'));
    const count = 2 * INVALID_BURST + 50;
    // All at once: the budget's refill (per second) cannot make up for them.
    for (let i = 0; i < count; i++) cp.send([2, `s${i}`, 'StopTransaction', { transactionId: 900_000 + i, meterStop: 1, timestamp: new Date().toISOString() }]);
    for (let i = 0; i < count; i++) expect((await cp.reply(`s${i}`, 15_000)).slice(0, 3)).toEqual([3, `s${i}`, {}]);
    expect(cp.ws.readyState).toBe(WebSocket.OPEN);
    expect((await tb.request('GET', '/api/health')).body.connections.throttled).toBe(0);
    // Each frame carries its warning note in the record (they are warnings, not objections).
    await tb.bench.record.settled();
    const frames = (await tb.request('GET', `/api/messages?chargerId=STRAYSTOPS&action=StopTransaction&limit=${count * 2}`)).body as Array<{ kind: string; direction: string; error: string | null }>;
    const calls = frames.filter((m) => m.kind === 'CALL' && m.direction === 'in');
    expect(calls.length).toBeGreaterThan(INVALID_BURST);
    expect(calls.every((m) => m.error?.startsWith('Warning: StopTransaction for transaction '))).toBe(true);
    cp.close();
  });
});
