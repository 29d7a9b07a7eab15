// Each fault switch of a virtual charger, switched through the API, produces the behaviour it names,
// and the bench records it. The virtual chargers run on a FakeClock, so timers are driven, not waited.
import { describe, expect, it } from 'vitest';
import { useTestBench, waitFor } from '../helpers/bench';
import { FakeClock } from '../../src/main/clock';
import { fileServer } from '../helpers/vcp-harness';

const clock = new FakeClock(Date.now());
const tb = useTestBench({ virtualClock: clock });

const api = (method: string, path: string, body?: unknown) => tb.request(method, path, body);
const act = (id: string, action: string, body: unknown = {}) => api('POST', `/api/virtual-chargers/${id}/actions/${action}`, body);
const fault = async (id: string, name: string, body: unknown) => {
  const r = await api('POST', `/api/virtual-chargers/${id}/faults/${name}`, body);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
};
const operate = async (id: string, action: string, payload: unknown, timeout?: number) =>
  (await api('POST', `/api/chargers/${id}/operations/${action}${timeout ? `?timeout=${timeout}` : ''}`, payload)).body;
const frames = async (id: string) => ((await api('GET', `/api/messages?chargerId=${id}&limit=1000`)).body as any[]).reverse();
const callsOf = async (id: string, action: string) => (await frames(id)).filter((m) => m.kind === 'CALL' && m.action === action).map((m) => JSON.parse(m.raw)[3]);
const connector = async (id: string, n: number) => ((await api('GET', `/api/chargers/${id}`)).body.connectors as any[]).find((c) => c.connectorId === n);

async function newCharger(id: string, connectors = 1): Promise<void> {
  expect((await api('POST', '/api/virtual-chargers', { id, connectors })).status).toBe(201);
  await waitFor(async () => (await api('GET', `/api/virtual-chargers/${id}`)).body.registration === 'Accepted');
  await waitFor(async () => (await connector(id, connectors))?.status === 'Available');
}

/** Each charger uses its own card: the bench answers ConcurrentTx for a card already charging elsewhere. */
async function startSession(id: string, idTag = `T-${id}`): Promise<void> {
  await act(id, 'plug', { connectorId: 1 });
  const r = await act(id, 'present-id-tag', { connectorId: 1, idTag });
  expect(r.body.result.accepted, JSON.stringify(r.body)).toBe(true);
  await waitFor(async () => (await connector(id, 1))?.status === 'Charging');
}

describe('fault switches', () => {
  it('session start failure: authorized, but the connector stays Available and no transaction starts', async () => {
    await newCharger('F-START');
    await fault('F-START', 'session-start-failure', { on: true });
    await act('F-START', 'plug', { connectorId: 1 });
    await waitFor(async () => (await connector('F-START', 1)).status === 'Preparing');
    const r = await act('F-START', 'present-id-tag', { connectorId: 1, idTag: 'TAG1' });
    expect(r.body.result.message).toMatch(/failed to start/);
    await waitFor(async () => (await connector('F-START', 1)).status === 'Available');
    expect(await callsOf('F-START', 'Authorize')).toEqual([{ idTag: 'TAG1' }]);
    expect(await callsOf('F-START', 'StartTransaction')).toEqual([]);
    await clock.advance(120_000);
    expect((await api('GET', '/api/virtual-chargers/F-START')).body.connectors[0].powerW).toBe(0);
  });

  it('stuck connector: UnlockFailed with ConnectorLockFailure until cleared', async () => {
    await newCharger('F-STUCK');
    await fault('F-STUCK', 'stuck-connector', { on: true });
    expect((await operate('F-STUCK', 'UnlockConnector', { connectorId: 1 })).response).toEqual({ status: 'UnlockFailed' });
    await waitFor(async () => (await connector('F-STUCK', 1)).errorCode === 'ConnectorLockFailure');
    expect((await operate('F-STUCK', 'UnlockConnector', { connectorId: 1 })).response).toEqual({ status: 'UnlockFailed' });
    await fault('F-STUCK', 'stuck-connector', { on: false });
    await waitFor(async () => (await connector('F-STUCK', 1)).errorCode === 'NoError');
    expect((await operate('F-STUCK', 'UnlockConnector', { connectorId: 1 })).response).toEqual({ status: 'Unlocked' });
  });

  it('offline charger: drops, sends no heartbeats, queues its transaction messages, then comes back', async () => {
    await newCharger('F-OFF');
    await startSession('F-OFF');
    const heartbeatsBefore = (await callsOf('F-OFF', 'Heartbeat')).length;
    await fault('F-OFF', 'offline', { on: true, seconds: 600 });
    await waitFor(async () => (await api('GET', '/api/chargers/F-OFF')).body.connected === false);
    await clock.advance(310_000);
    await act('F-OFF', 'present-id-tag', { connectorId: 1, idTag: 'T-F-OFF' });
    expect((await api('GET', '/api/virtual-chargers/F-OFF')).body.queuedMessages).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 100));
    expect((await callsOf('F-OFF', 'Heartbeat')).length).toBe(heartbeatsBefore);
    expect(await callsOf('F-OFF', 'StopTransaction')).toEqual([]);
    // It comes back by itself after the 600 s it was given, and delivers what it queued, in order.
    await clock.advance(300_000);
    await waitFor(async () => (await api('GET', '/api/chargers/F-OFF')).body.connected);
    await waitFor(async () => (await callsOf('F-OFF', 'StopTransaction')).length === 1);
    const actions = (await frames('F-OFF')).filter((m) => m.kind === 'CALL').map((m) => m.action);
    const tail = actions.slice(actions.lastIndexOf('StartTransaction'));
    expect(tail.filter((a) => a === 'MeterValues').length).toBeGreaterThan(0);
    expect(tail.indexOf('StopTransaction')).toBeGreaterThan(tail.lastIndexOf('MeterValues'));
    const attempts = (await api('GET', '/api/connection-attempts')).body.filter((a: any) => a.chargerId === 'F-OFF').map((a: any) => a.outcome);
    expect(attempts).toEqual(expect.arrayContaining(['accepted', 'closed']));
    expect(attempts.filter((o: string) => o === 'accepted')).toHaveLength(2);
  });

  it('auth failure: Authorize comes back Invalid for a card until it is in the local list', async () => {
    await newCharger('F-AUTH');
    await fault('F-AUTH', 'auth-failure', { on: true });
    await act('F-AUTH', 'plug', { connectorId: 1 });
    const refused = await act('F-AUTH', 'present-id-tag', { connectorId: 1, idTag: 'CARD9' });
    expect(refused.body.result).toMatchObject({ accepted: false, status: 'Invalid' });
    expect(await callsOf('F-AUTH', 'Authorize')).toEqual([{ idTag: 'CARD9' }]);
    const sent = await operate('F-AUTH', 'SendLocalList', { listVersion: 1, updateType: 'Full', localAuthorizationList: [{ idTag: 'CARD9', idTagInfo: { status: 'Accepted' } }] });
    expect(sent.response).toEqual({ status: 'Accepted' });
    const accepted = await act('F-AUTH', 'present-id-tag', { connectorId: 1, idTag: 'CARD9' });
    expect(accepted.body.result.accepted).toBe(true);
    await waitFor(async () => (await callsOf('F-AUTH', 'StartTransaction')).length === 1);
  });

  it('slow charging: the power in MeterValues is a trickle, and energy rises to match', async () => {
    await newCharger('F-SLOW');
    await fault('F-SLOW', 'slow-charging', { on: true, powerW: 200 });
    await startSession('F-SLOW');
    await clock.advance(60_000);
    const mv = await waitFor(async () => (await callsOf('F-SLOW', 'MeterValues'))[0]);
    const sv = mv.meterValue[0].sampledValue;
    expect(Number(sv.find((s: any) => s.measurand === 'Power.Active.Import').value)).toBe(200);
    expect(Number(sv.find((s: any) => s.measurand === 'Energy.Active.Import.Register').value)).toBe(Math.round((200 * 60) / 3600));
  });

  it('unlock outcomes follow the weights given', async () => {
    await newCharger('F-UNLOCK');
    await fault('F-UNLOCK', 'unlock-outcomes', { on: true, weights: { Unlocked: 0, UnlockFailed: 0, NotSupported: 1 } });
    expect((await operate('F-UNLOCK', 'UnlockConnector', { connectorId: 1 })).response).toEqual({ status: 'NotSupported' });
    await fault('F-UNLOCK', 'unlock-outcomes', { on: true, weights: { Unlocked: 0, UnlockFailed: 1, NotSupported: 0 } });
    expect((await operate('F-UNLOCK', 'UnlockConnector', { connectorId: 1 })).response).toEqual({ status: 'UnlockFailed' });
    await fault('F-UNLOCK', 'unlock-outcomes', { on: false });
    expect((await operate('F-UNLOCK', 'UnlockConnector', { connectorId: 1 })).response).toEqual({ status: 'Unlocked' });
  });

  it('protocol faults per action: reject, ignore, late answer, CALLERROR, malformed answer', async () => {
    await newCharger('F-PROTO');
    await fault('F-PROTO', 'action', { on: true, action: 'Reset', mode: 'reject' });
    expect((await operate('F-PROTO', 'Reset', { type: 'Soft' })).response).toEqual({ status: 'Rejected' });

    await fault('F-PROTO', 'action', { on: true, action: 'ClearCache', mode: 'callError', errorCode: 'NotSupported' });
    const callError = await operate('F-PROTO', 'ClearCache', {});
    expect(callError).toMatchObject({ outcome: 'callError', error: { code: 'NotSupported' } });

    await fault('F-PROTO', 'action', { on: true, action: 'GetLocalListVersion', mode: 'ignore' });
    expect((await operate('F-PROTO', 'GetLocalListVersion', {}, 1)).outcome).toBe('timeout');

    await fault('F-PROTO', 'action', { on: true, action: 'DataTransfer', mode: 'delay', delaySeconds: 20 });
    const late = operate('F-PROTO', 'DataTransfer', { vendorId: 'ChargeBench', messageId: 'echo', data: 'hi' });
    await new Promise((r) => setTimeout(r, 200));
    await clock.advance(20_000);
    expect((await late).response).toEqual({ status: 'Accepted', data: 'hi' });

    await fault('F-PROTO', 'action', { on: true, action: 'TriggerMessage', mode: 'malformed' });
    expect((await operate('F-PROTO', 'TriggerMessage', { requestedMessage: 'Heartbeat' }, 1)).outcome).toBe('invalidResponse'); // reported when it arrives, not at the timeout
    const invalid = (await frames('F-PROTO')).filter((m) => m.direction === 'in' && m.error);
    expect(invalid.length).toBeGreaterThan(0);

    await fault('F-PROTO', 'action', { on: false, action: 'Reset' });
    expect((await api('GET', '/api/virtual-chargers/F-PROTO/faults')).body.actions.Reset).toBeUndefined();
    const bad = await api('POST', '/api/virtual-chargers/F-PROTO/faults/action', { on: true, action: 'Heartbeat', mode: 'reject' });
    expect(bad).toMatchObject({ status: 400, body: { field: 'action' } });
  });

  it('drop mid-transaction: the connection drops after the first meter values, the session carries on', async () => {
    await newCharger('F-DROP');
    await fault('F-DROP', 'drop-mid-transaction', { on: true });
    await startSession('F-DROP');
    await clock.advance(60_000);
    await waitFor(async () => (await api('GET', '/api/chargers/F-DROP')).body.connected === false);
    await clock.advance(2_000);
    await waitFor(async () => (await api('GET', '/api/chargers/F-DROP')).body.connected);
    await clock.advance(60_000);
    await waitFor(async () => (await callsOf('F-DROP', 'MeterValues')).length >= 2);
    const ids = new Set((await callsOf('F-DROP', 'MeterValues')).map((p) => p.transactionId));
    expect(ids.size).toBe(1);
    expect((await connector('F-DROP', 1)).status).toBe('Charging');
  });

  it('a malformed frame on request is recorded by the bench with what is wrong with it', async () => {
    await newCharger('F-BAD');
    expect((await act('F-BAD', 'send-malformed')).status).toBe(200);
    const bad = await waitFor(async () => (await frames('F-BAD')).find((m) => m.direction === 'in' && m.kind === 'INVALID'));
    expect(bad.error).toBeTruthy();
  });

  it('firmware install failure: downloads, then InstallationFailed, no reboot, the old version stays', async () => {
    await newCharger('F-FW');
    const server = await fileServer({ '/fw/9.9.9.bin': 'image' });
    try {
      await fault('F-FW', 'firmware-install-failure', { on: true });
      const r = await operate('F-FW', 'UpdateFirmware', { location: `${server.url}/fw/9.9.9.bin`, retrieveDate: new Date(clock.now()).toISOString() });
      expect(r.outcome).toBe('completed');
      for (let i = 0; i < 20 && !(await callsOf('F-FW', 'FirmwareStatusNotification')).some((p) => p.status === 'InstallationFailed'); i++) {
        await clock.advance(1_000);
        await new Promise((res) => setTimeout(res, 20));
      }
      expect((await callsOf('F-FW', 'FirmwareStatusNotification')).map((p) => p.status)).toEqual(['Downloading', 'Downloaded', 'Installing', 'InstallationFailed']);
      expect(await callsOf('F-FW', 'BootNotification')).toHaveLength(1);
      expect((await api('GET', '/api/virtual-chargers/F-FW')).body.firmwareVersion).toBe('1.0.0');
    } finally {
      await server.close();
    }
  });
});
