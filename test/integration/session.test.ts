// A full charging session and every central-system operation, against an independent peer: ocpp-rpc
// in strict mode as the charger, which validates every frame both ways against the official schemas.
import { describe, expect, it } from 'vitest';
import { createRPCError } from 'ocpp-rpc';
import { centralSystemActions } from '../../src/shared/ocpp16';
import { strictCharger, useTestBench, waitFor } from '../helpers/bench';
import { chargerAnswers, operationRequests } from '../helpers/payloads';
import { expandMeterReadings } from '../../src/shared/api/meter-readings';

const tb = useTestBench();

describe('a strict ocpp-rpc charger against the central system', () => {
  it('runs boot, status, authorize, start, meter values and stop, and the bench records all of it', async () => {
    const cp = await strictCharger(tb.wsUrl(), 'CP-SESSION');
    await cp.connect();
    const boot = await cp.client.call('BootNotification', { chargePointVendor: 'ACME', chargePointModel: 'Wallbox 22', chargePointSerialNumber: 'SN-1', firmwareVersion: '1.2.3', meterType: 'M1' });
    expect(boot).toMatchObject({ status: 'Accepted', interval: 300 });
    expect(await cp.client.call('Heartbeat', {})).toHaveProperty('currentTime');
    await cp.client.call('StatusNotification', { connectorId: 0, errorCode: 'NoError', status: 'Available' });
    await cp.client.call('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Preparing', timestamp: new Date().toISOString() });
    expect(await cp.client.call('Authorize', { idTag: 'TAG-1' })).toEqual({ idTagInfo: { status: 'Accepted' } });
    const start = await cp.client.call('StartTransaction', { connectorId: 1, idTag: 'TAG-1', meterStart: 1000, timestamp: new Date().toISOString() });
    expect(start.idTagInfo.status).toBe('Accepted');
    const txId = start.transactionId;
    await cp.client.call('StatusNotification', { connectorId: 1, errorCode: 'NoError', status: 'Charging' });
    await cp.client.call('MeterValues', {
      connectorId: 1,
      transactionId: txId,
      meterValue: [
        {
          timestamp: new Date().toISOString(),
          sampledValue: [
            { value: '1500', measurand: 'Energy.Active.Import.Register', unit: 'Wh' },
            { value: '7200', measurand: 'Power.Active.Import', unit: 'W', phase: 'L1' },
          ],
        },
      ],
    });
    // A second start with the same tag while the first runs is refused as ConcurrentTx.
    const second = await cp.client.call('StartTransaction', { connectorId: 2, idTag: 'TAG-1', meterStart: 0, timestamp: new Date().toISOString() });
    expect(second.idTagInfo.status).toBe('ConcurrentTx');
    const stop = await cp.client.call('StopTransaction', {
      transactionId: txId,
      meterStop: 4500,
      timestamp: new Date().toISOString(),
      reason: 'EVDisconnected',
      idTag: 'TAG-1',
      transactionData: [{ timestamp: new Date().toISOString(), sampledValue: [{ value: '4500', context: 'Transaction.End' }] }],
    });
    expect(stop).toEqual({ idTagInfo: { status: 'Accepted' } });
    await cp.client.call('DataTransfer', { vendorId: 'com.acme', messageId: 'hello', data: '{}' });
    await cp.client.call('FirmwareStatusNotification', { status: 'Installed' });
    await cp.client.call('DiagnosticsStatusNotification', { status: 'Uploaded' });
    await cp.client.call('SecurityEventNotification', { type: 'StartupOfTheDevice', timestamp: new Date().toISOString() });

    const charger = (await tb.request('GET', '/api/chargers/CP-SESSION')).body;
    expect(charger).toMatchObject({
      id: 'CP-SESSION',
      connected: true,
      registrationStatus: 'Accepted',
      firmwareStatus: 'Installed',
      diagnosticsStatus: 'Uploaded',
      boot: { chargePointVendor: 'ACME', chargePointModel: 'Wallbox 22', chargePointSerialNumber: 'SN-1', firmwareVersion: '1.2.3', meterType: 'M1' },
    });
    expect(charger.lastHeartbeat).toBeTruthy();
    expect(charger.connectors.map((c: any) => [c.connectorId, c.status])).toEqual([
      [0, 'Available'],
      [1, 'Charging'],
    ]);
    const history = (await tb.request('GET', '/api/chargers/CP-SESSION/status-history?connectorId=1')).body;
    expect(history.map((h: any) => h.status)).toEqual(['Charging', 'Preparing']);
    expect(history[1].timestamp).toBeTruthy();

    const txs = (await tb.request('GET', '/api/transactions?chargerId=CP-SESSION')).body;
    const tx = txs.find((t: any) => t.transactionId === txId);
    expect(tx).toMatchObject({ connectorId: 1, idTag: 'TAG-1', meterStart: 1000, meterStop: 4500, energyWh: 3500, stopReason: 'EVDisconnected', active: false });
    const detail = (await tb.request('GET', `/api/transactions/${txId}`)).body;
    const readings = (await tb.request('GET', `/api/transactions/${txId}/meter-readings`)).body;
    expect(Object.keys(readings.shapes)).toHaveLength(3);
    expect(expandMeterReadings(readings, 'CP-SESSION', txId)).toEqual(detail.meterValues);
    // A script that wants the session without its values (it reads them compact, or not at all) says so.
    const bare = (await tb.request('GET', `/api/transactions/${txId}?meterValues=false`)).body;
    expect(bare).toEqual({ ...detail, meterValues: [] });
    expect((await tb.request('GET', `/api/transactions/${txId}?meterValues=true`)).body).toEqual(detail);
    const badFlag = await tb.request('GET', `/api/transactions/${txId}?meterValues=maybe`);
    expect(badFlag.status).toBe(400);
    expect(JSON.stringify(badFlag.body)).toContain('meterValues');
    expect(detail.meterValues.map((m: any) => [m.measurand, m.value, m.unit, m.phase, m.context])).toEqual([
      ['Energy.Active.Import.Register', '1500', 'Wh', null, 'Sample.Periodic'],
      ['Power.Active.Import', '7200', 'W', 'L1', 'Sample.Periodic'],
      ['Energy.Active.Import.Register', '4500', 'Wh', null, 'Transaction.End'],
    ]);

    const log = (await tb.request('GET', '/api/messages?chargerId=CP-SESSION&limit=1000')).body;
    expect(log.filter((m: any) => m.error)).toEqual([]);
    expect(log.filter((m: any) => m.direction === 'in' && m.kind === 'CALL')).toHaveLength(14);
    expect(log.filter((m: any) => m.direction === 'out' && m.kind === 'CALLRESULT')).toHaveLength(14);
    expect(log[log.length - 1]).toMatchObject({ action: 'BootNotification', direction: 'in', kind: 'CALL', raw: expect.stringContaining('Wallbox 22') });
    expect((await tb.request('GET', '/api/messages?action=StopTransaction&chargerId=CP-SESSION')).body.map((m: any) => m.kind)).toEqual(['CALLRESULT', 'CALL']);

    expect(cp.violations).toEqual([]);
    expect(cp.badMessages).toEqual([]);
    await cp.client.close();
  });

  it('gives a session with its newest 100,000 meter values, oldest first, and says when it holds more', async () => {
    const cp = await strictCharger(tb.wsUrl(), 'CP-LONG');
    await cp.connect();
    await cp.client.call('BootNotification', { chargePointVendor: 'ACME', chargePointModel: 'Long' });
    const { transactionId } = await cp.client.call('StartTransaction', { connectorId: 1, idTag: 'TAG-1', meterStart: 0, timestamp: new Date().toISOString() });
    const t0 = Date.parse('2026-01-01T00:00:00.000Z');
    // 100 readings of 1,000 values each (the register, counting up), then one of 500: 100,500 values.
    const send = (i: number, values = 1000) =>
      cp.client.call('MeterValues', {
        connectorId: 1,
        transactionId,
        meterValue: [{ timestamp: new Date(t0 + i * 1000).toISOString(), sampledValue: Array.from({ length: values }, (_, j) => ({ value: String(i * 1000 + j) })) }],
      });
    // The page's compact form lists the very same values, ids included (see shared/api/meter-readings.ts).
    const compact = async () => {
      const { status, body } = await tb.request('GET', `/api/transactions/${transactionId}/meter-readings`);
      expect(status).toBe(200);
      return { ...body, meterValues: expandMeterReadings(body, 'CP-LONG', transactionId) };
    };
    for (let i = 0; i < 100; i++) await send(i);
    const full = (await tb.request('GET', `/api/transactions/${transactionId}`)).body;
    expect(full.meterValues).toHaveLength(100_000);
    expect(full.meterValuesCapped).toBeUndefined();
    const fullCompact = await compact();
    expect(fullCompact.capped).toBe(false);
    expect(fullCompact.meterValues).toEqual(full.meterValues);
    await send(100, 500);
    const capped = (await tb.request('GET', `/api/transactions/${transactionId}`)).body;
    expect(capped.meterValuesCapped).toBe(true);
    expect(capped.meterValues).toHaveLength(100_000);
    // The oldest reading given is cut: its newest 500 values.
    expect(capped.meterValues[0]).toMatchObject({ value: '500', timestamp: new Date(t0).toISOString() });
    expect(capped.meterValues[99_999]).toMatchObject({ value: '100499', timestamp: new Date(t0 + 100_000).toISOString() });
    const cappedCompact = await compact();
    expect(cappedCompact.capped).toBe(true);
    expect(cappedCompact.readings[0][4]).toBe(500);
    expect(cappedCompact.meterValues).toEqual(capped.meterValues);
    expect((await tb.request('GET', '/api/transactions/999999/meter-readings')).status).toBe(404);
    expect(cp.violations).toEqual([]);
    await cp.client.close();
  });

  it("sends every central-system operation (19 core + 7 security) and reports the charger's answer", async () => {
    const cp = await strictCharger(tb.wsUrl(), 'CP-OPS');
    const received: Array<[string, unknown]> = [];
    for (const action of centralSystemActions) {
      cp.client.handle(action, ({ params }) => {
        received.push([action, params]);
        return chargerAnswers[action];
      });
    }
    await cp.connect();
    await cp.client.call('BootNotification', { chargePointVendor: 'ACME', chargePointModel: 'Ops' });
    for (const action of centralSystemActions) {
      const res = await tb.request('POST', `/api/chargers/CP-OPS/operations/${action}`, operationRequests[action]);
      expect({ action, status: res.status, body: res.body }).toMatchObject({ action, status: 200, body: { outcome: 'completed', response: chargerAnswers[action] } });
    }
    expect(received.map(([a]) => a)).toEqual(centralSystemActions);
    expect(received.find(([a]) => a === 'Reset')?.[1]).toEqual({ type: 'Soft' });
    expect(cp.violations).toEqual([]);
    expect(cp.badMessages).toEqual([]);

    const ops = (await tb.request('GET', '/api/operations?chargerId=CP-OPS&limit=100')).body;
    expect(ops).toHaveLength(centralSystemActions.length);
    expect(ops.every((o: any) => o.outcome === 'completed' && o.finishedAt)).toBe(true);
    const log = (await tb.request('GET', '/api/messages?chargerId=CP-OPS&limit=1000')).body;
    expect(log.filter((m: any) => m.error)).toEqual([]);
    await cp.client.close();
  });

  it('reports a CALLERROR, a timeout and an offline charger in plain outcomes', async () => {
    const cp = await strictCharger(tb.wsUrl(), 'CP-ERR');
    cp.client.handle('Reset', () => {
      throw createRPCError('NotSupported', 'Reset is not supported on this model');
    });
    cp.client.handle('UnlockConnector', () => new Promise(() => {}));
    await cp.connect();
    await waitFor(() => tb.bench.centralSystem.isConnected('CP-ERR'));

    const err = await tb.request('POST', '/api/chargers/CP-ERR/operations/Reset', { type: 'Hard' });
    expect(err).toMatchObject({ status: 200, body: { outcome: 'callError', error: { code: 'NotSupported', description: 'Reset is not supported on this model' } } });

    const slow = await tb.request('POST', '/api/chargers/CP-ERR/operations/UnlockConnector?timeout=1', { connectorId: 1 });
    expect(slow).toMatchObject({ status: 200, body: { outcome: 'timeout', error: { description: expect.stringContaining('1 s') } } });

    await cp.client.close({ force: true }); // the unanswered UnlockConnector would hold a graceful close
    await waitFor(() => !tb.bench.centralSystem.isConnected('CP-ERR'));
    const offline = await tb.request('POST', '/api/chargers/CP-ERR/operations/ClearCache', {});
    expect(offline).toMatchObject({ status: 409, body: { outcome: 'offline' } });
  });
});
