// Server-side faults, applied to a charger on purpose (the bench behaviour panel, a test case): a boot
// answer and interval, an idTag status, a CALLERROR, a late answer, no answer, a wrong clock, and a
// central system that is unreachable for a while (ended early on request). A strict ocpp-rpc charger sees
// each, the record says what was answered, and every face hears of each change.
import { describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { strictCharger, useTestBench, waitFor } from '../helpers/bench';

const tb = useTestBench();
const now = () => new Date().toISOString();
const behave = (id: string, behaviour: unknown) => tb.request('PUT', `/api/chargers/${id}/behaviour`, behaviour);

describe('bench behaviour', () => {
  it('answers boots, idTags and one action as told, late or not at all, with a wrong clock', async () => {
    const cp = await strictCharger(tb.wsUrl(), 'MISB1');
    await cp.connect();
    expect((await behave('MISB1', { boot: { status: 'Rejected', interval: 7 }, idTagStatus: 'Blocked', timeOffsetSeconds: 3600 })).status).toBe(200);
    const boot = await cp.client.call('BootNotification', { chargePointVendor: 'V', chargePointModel: 'M' });
    expect(boot).toMatchObject({ status: 'Rejected', interval: 7 });
    expect(Date.parse(boot.currentTime) - Date.now()).toBeGreaterThan(3500_000);
    expect((await tb.request('GET', '/api/chargers/MISB1')).body.registrationStatus).toBe('Rejected');
    expect(await cp.client.call('Authorize', { idTag: 'ANY' })).toEqual({ idTagInfo: { status: 'Blocked' } });
    const tx = await cp.client.call('StartTransaction', { connectorId: 1, idTag: 'ANY', meterStart: 0, timestamp: now() });
    expect(tx.idTagInfo.status).toBe('Blocked');
    expect((await tb.request('GET', `/api/transactions/${tx.transactionId}`)).body.authStatus).toBe('Blocked');

    await behave('MISB1', { actions: { Heartbeat: { mode: 'callError', errorCode: 'GenericError' }, StatusNotification: { mode: 'delay', delaySeconds: 1 }, DataTransfer: { mode: 'withhold' } } });
    await expect(cp.client.call('Heartbeat', {})).rejects.toMatchObject({ rpcErrorCode: 'GenericError' });
    const t = Date.now();
    await cp.client.call('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Available' });
    expect(Date.now() - t).toBeGreaterThanOrEqual(900);
    await expect(cp.client.call('DataTransfer', { vendorId: 'x' }, { callTimeoutMs: 500 })).rejects.toThrow(/timeout/i);
    expect((await tb.request('GET', '/api/chargers/MISB1/behaviour')).body.behaviour.actions.DataTransfer).toMatchObject({ mode: 'withhold' });

    // Back to normal.
    await behave('MISB1', {});
    expect(await cp.client.call('Heartbeat', {})).toHaveProperty('currentTime');
    expect(cp.violations).toEqual([]);
    await cp.client.close();
  });

  it('drops the charger and refuses it for a while, recording why, then lets it in again', async () => {
    const cp = await strictCharger(tb.wsUrl(), 'MISB2');
    await cp.connect();
    const closed = new Promise((r) => cp.client.on('close', r));
    const view = (await tb.request('POST', '/api/chargers/MISB2/offline', { seconds: 1 })).body;
    expect(view.refusedUntil).not.toBeNull();
    await closed;
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(tb.wsUrl('MISB2'), ['ocpp1.6']);
      ws.once('unexpected-response', (_q, res) => resolve(res.statusCode ?? 0));
      ws.once('open', () => resolve(101));
    });
    expect(status).toBe(503);
    const attempts = (await tb.request('GET', '/api/connection-attempts')).body as Array<{ chargerId: string; outcome: string; reason: string }>;
    expect(attempts.find((a) => a.chargerId === 'MISB2' && a.outcome === 'refused')!.reason).toMatch(/Bench offline on purpose/);
    await waitFor(async () => {
      const again = await strictCharger(tb.wsUrl(), 'MISB2');
      try {
        await again.connect();
        await again.client.close();
        return true;
      } catch {
        return false;
      }
    }, 5000);
  });

  it('lets a refused charger in again on request, and tells every face of each change', async () => {
    const cp = await strictCharger(tb.wsUrl(), 'MISB3');
    await cp.connect();
    const seen: unknown[] = [];
    const off = tb.bench.bus.subscribe((e) => e.type === 'benchBehaviourChanged' && e.behaviour.chargerId === 'MISB3' && seen.push(e.behaviour));
    await behave('MISB3', { idTagStatus: 'Expired' });
    const closed = new Promise((r) => cp.client.on('close', r));
    expect((await tb.request('POST', '/api/chargers/MISB3/offline', { seconds: 600 })).body.refusedUntil).not.toBeNull();
    await closed;
    expect((await tb.request('DELETE', '/api/chargers/MISB3/offline')).body).toEqual({ chargerId: 'MISB3', behaviour: { idTagStatus: 'Expired' }, refusedUntil: null });
    const again = await strictCharger(tb.wsUrl(), 'MISB3');
    await again.connect();
    await behave('MISB3', {});
    off();
    expect(seen).toEqual([
      { chargerId: 'MISB3', behaviour: { idTagStatus: 'Expired' }, refusedUntil: null },
      { chargerId: 'MISB3', behaviour: { idTagStatus: 'Expired' }, refusedUntil: expect.any(String) },
      { chargerId: 'MISB3', behaviour: { idTagStatus: 'Expired' }, refusedUntil: null },
      { chargerId: 'MISB3', behaviour: {}, refusedUntil: null },
    ]);
    await again.client.close();
  });

  it('refuses a change by hand while a test run or a commissioning drives the charger (their steps set the behaviour), and takes it after', async () => {
    const cp = await strictCharger(tb.wsUrl(), 'DRIVEN');
    await cp.connect();
    const run = vi.spyOn(tb.bench.conformance, 'runningOn').mockImplementation((id) => (id === 'DRIVEN' ? 'run-1' : null));
    expect(await behave('DRIVEN', { idTagStatus: 'Blocked' })).toMatchObject({ status: 409, body: { field: 'id', error: expect.stringContaining('A test run is running on DRIVEN (run-1)') } });
    expect((await tb.request('POST', '/api/chargers/DRIVEN/offline', { seconds: 60 })).status).toBe(409);
    expect((await tb.request('DELETE', '/api/chargers/DRIVEN/offline')).status).toBe(409);
    run.mockRestore();
    const commissioning = vi.spyOn(tb.bench.commissioning, 'runningOn').mockImplementation((id) => (id === 'DRIVEN' ? 'cm-1' : null));
    expect(await behave('DRIVEN', { idTagStatus: 'Blocked' })).toMatchObject({ status: 409, body: { error: expect.stringContaining('DRIVEN is being commissioned (cm-1)') } });
    commissioning.mockRestore();
    expect((await tb.request('GET', '/api/chargers/DRIVEN/behaviour')).body.behaviour).toEqual({});
    expect((await behave('DRIVEN', { idTagStatus: 'Blocked' })).status).toBe(200);
    await behave('DRIVEN', {});
    await cp.client.close();
  });
});
