// The bench's own virtual chargers through the automation API: create (connected at once), list,
// physical actions, bad input, stop/start, delete, and everything kept across a restart of the bench.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestBench, waitFor, type TestBench } from '../helpers/bench';

const dataDir = mkdtempSync(join(tmpdir(), 'chargebench-vcp-api-'));
let tb: TestBench;

afterAll(async () => {
  await tb?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const connectorStatus = async (id: string, connectorId: number) => ((await tb.request('GET', `/api/chargers/${id}`)).body.connectors as any[]).find((c) => c.connectorId === connectorId)?.status;

describe('virtual chargers through the API', () => {
  it('creates a charger that connects to this bench at once and boots', async () => {
    tb = await startTestBench({ dataDir });
    const created = await tb.request('POST', '/api/virtual-chargers', { id: 'VCP1', connectors: 2 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'VCP1', running: true, definition: { connectors: 2, hasPassword: false } });
    await waitFor(async () => (await tb.request('GET', '/api/chargers/VCP1')).body?.registrationStatus === 'Accepted');
    const charger = (await tb.request('GET', '/api/chargers/VCP1')).body;
    expect(charger).toMatchObject({ connected: true, boot: { chargePointVendor: 'ChargeBench' } });
    await waitFor(async () => (await connectorStatus('VCP1', 2)) === 'Available');
    const list = await tb.request('GET', '/api/virtual-chargers');
    expect(list.body.map((v: any) => v.id)).toEqual(['VCP1']);
    expect(list.body[0].connection).toBe('connected');
  });

  it('refuses bad definitions with the field at fault, and duplicates', async () => {
    for (const [body, field] of [
      [{ id: 'VCP2', connectors: 11 }, 'connectors'],
      [{ id: 'has/slash' }, 'id'],
      [{ id: 'VCP2', password: 'short' }, 'password'],
      [{ id: 'VCP2', bogus: 1 }, 'bogus'],
      [{ connectors: 1 }, 'id'],
    ] as const) {
      const r = await tb.request('POST', '/api/virtual-chargers', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.field).toBe(field);
    }
    expect((await tb.request('POST', '/api/virtual-chargers', { id: 'VCP1' })).status).toBe(409);
  });

  it('performs physical actions: plug, present a card, a transaction recorded by the bench', async () => {
    expect((await tb.request('POST', '/api/virtual-chargers/VCP1/actions/plug', { connectorId: 1 })).status).toBe(200);
    const presented = await tb.request('POST', '/api/virtual-chargers/VCP1/actions/present-id-tag', { connectorId: 1, idTag: 'TAG1' });
    expect(presented.body.result).toMatchObject({ accepted: true });
    await waitFor(async () => (await connectorStatus('VCP1', 1)) === 'Charging');
    const tx = (await tb.request('GET', '/api/transactions?active=true')).body;
    expect(tx).toHaveLength(1);
    expect(tx[0]).toMatchObject({ chargerId: 'VCP1', connectorId: 1, idTag: 'TAG1' });
    await tb.request('POST', '/api/virtual-chargers/VCP1/actions/suspend', { connectorId: 1 });
    await waitFor(async () => (await connectorStatus('VCP1', 1)) === 'SuspendedEV');
    await tb.request('POST', '/api/virtual-chargers/VCP1/actions/resume', { connectorId: 1 });
    await waitFor(async () => (await connectorStatus('VCP1', 1)) === 'Charging');
    await tb.request('POST', '/api/virtual-chargers/VCP1/actions/fault', { connectorId: 2, errorCode: 'GroundFailure' });
    await waitFor(async () => (await connectorStatus('VCP1', 2)) === 'Faulted');
    await tb.request('POST', '/api/virtual-chargers/VCP1/actions/clear-fault', { connectorId: 2 });
    await waitFor(async () => (await connectorStatus('VCP1', 2)) === 'Available');
  });

  it('says what is wrong with an action: unknown action, bad connector, impossible now', async () => {
    const unknown = await tb.request('POST', '/api/virtual-chargers/VCP1/actions/explode', {});
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatch(/plug, unplug/);
    const badConnector = await tb.request('POST', '/api/virtual-chargers/VCP1/actions/plug', { connectorId: 3 });
    expect(badConnector.status).toBe(400);
    expect(badConnector.body).toMatchObject({ field: 'connectorId' });
    const missing = await tb.request('POST', '/api/virtual-chargers/VCP1/actions/present-id-tag', { connectorId: 1 });
    expect(missing).toMatchObject({ status: 400, body: { field: 'idTag' } });
    const again = await tb.request('POST', '/api/virtual-chargers/VCP1/actions/plug', { connectorId: 1 });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatch(/already has a cable/);
    expect((await tb.request('POST', '/api/virtual-chargers/NOPE/actions/plug', { connectorId: 1 })).status).toBe(404);
  });

  it('keeps chargers, their configuration, meters and a running transaction across a restart', async () => {
    const changed = await tb.request('POST', '/api/chargers/VCP1/operations/ChangeConfiguration', { key: 'MeterValueSampleInterval', value: '15' });
    expect(changed.body.response).toEqual({ status: 'Accepted' });
    await tb.request('POST', '/api/virtual-chargers', { id: 'VCP-STOPPED' });
    await waitFor(async () => (await tb.request('GET', '/api/chargers/VCP-STOPPED')).body?.connected);
    expect((await tb.request('POST', '/api/virtual-chargers/VCP-STOPPED/stop')).body.running).toBe(false);
    await new Promise((r) => setTimeout(r, 300));
    const meterBefore = (await tb.request('GET', '/api/virtual-chargers/VCP1')).body.connectors[0].meterWh;
    const txId = (await tb.request('GET', '/api/transactions?active=true')).body[0].transactionId;
    await tb.stop();

    tb = await startTestBench({ dataDir });
    await waitFor(async () => (await tb.request('GET', '/api/chargers/VCP1')).body?.connected);
    const list = (await tb.request('GET', '/api/virtual-chargers')).body;
    expect(list.map((v: any) => [v.id, v.running])).toEqual([
      ['VCP1', true],
      ['VCP-STOPPED', false],
    ]);
    // The transaction that was running when the bench stopped ends with PowerLoss after the new boot.
    await waitFor(async () => (await tb.request('GET', `/api/transactions/${txId}`)).body?.stopReason === 'PowerLoss');
    const vcp = (await tb.request('GET', '/api/virtual-chargers/VCP1')).body;
    expect(vcp.connectors[0].meterWh).toBeGreaterThanOrEqual(meterBefore);
    const config = await tb.request('POST', '/api/chargers/VCP1/operations/GetConfiguration', { key: ['MeterValueSampleInterval'] });
    expect(config.body.response.configurationKey[0]).toMatchObject({ key: 'MeterValueSampleInterval', value: '15' });
  });

  it('deletes a charger: disconnected, gone from the list and after a restart', async () => {
    expect((await tb.request('DELETE', '/api/virtual-chargers/VCP1')).status).toBe(200);
    await waitFor(async () => (await tb.request('GET', '/api/chargers/VCP1')).body?.connected === false);
    expect((await tb.request('GET', '/api/virtual-chargers')).body.map((v: any) => v.id)).toEqual(['VCP-STOPPED']);
    await tb.stop();
    tb = await startTestBench({ dataDir });
    expect((await tb.request('GET', '/api/virtual-chargers')).body.map((v: any) => v.id)).toEqual(['VCP-STOPPED']);
  });

  it('gives a charger with a password to the bench, which then requires it (security profile 1)', async () => {
    const r = await tb.request('POST', '/api/virtual-chargers', { id: 'VCP-SECURE', password: 'correct-horse-battery' });
    expect(r.body.definition).toMatchObject({ hasPassword: true });
    expect(JSON.stringify(r.body)).not.toContain('correct-horse-battery');
    await waitFor(async () => (await tb.request('GET', '/api/chargers/VCP-SECURE')).body?.connected);
    expect((await tb.request('GET', '/api/chargers/VCP-SECURE')).body.hasPassword).toBe(true);
  });

  it('registers its virtual chargers, so a bench that refuses unknown chargers still lets them in', async () => {
    await tb.request('PATCH', '/api/settings', { unknownChargers: 'reject' });
    await tb.request('POST', '/api/virtual-chargers', { id: 'VCP-STRICT' });
    await waitFor(async () => (await tb.request('GET', '/api/chargers/VCP-STRICT')).body?.connected);
    expect((await tb.request('GET', '/api/chargers/VCP-STRICT')).body.registered).toBe(true);
    await tb.request('PATCH', '/api/settings', { unknownChargers: 'accept' });
  });

  it('answers like a charger without them when feature profiles are switched off', async () => {
    await tb.request('POST', '/api/virtual-chargers', { id: 'VCP-CORE', profiles: ['Core'] });
    await waitFor(async () => (await tb.request('GET', '/api/chargers/VCP-CORE')).body?.registrationStatus === 'Accepted');
    // ReserveNow has its own answer for a charger not configured to accept reservations (ReservationStatus Rejected).
    const reserve = await tb.request('POST', '/api/chargers/VCP-CORE/operations/ReserveNow', { connectorId: 1, expiryDate: new Date(Date.now() + 60_000).toISOString(), idTag: 'X', reservationId: 1 });
    expect(reserve.body).toMatchObject({ outcome: 'completed', response: { status: 'Rejected' } });
    for (const [action, payload] of [
      ['CancelReservation', { reservationId: 1 }],
      [
        'SetChargingProfile',
        {
          connectorId: 0,
          csChargingProfiles: {
            chargingProfileId: 1,
            stackLevel: 0,
            chargingProfilePurpose: 'TxDefaultProfile',
            chargingProfileKind: 'Relative',
            chargingSchedule: { chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: 10 }] },
          },
        },
      ],
      ['SendLocalList', { listVersion: 1, updateType: 'Full' }],
      ['TriggerMessage', { requestedMessage: 'Heartbeat' }],
      ['UpdateFirmware', { location: 'http://127.0.0.1:1/fw.bin', retrieveDate: new Date().toISOString() }],
    ] as const) {
      const r = await tb.request('POST', `/api/chargers/VCP-CORE/operations/${action}`, payload);
      expect(r.body, action).toMatchObject({ outcome: 'callError', error: { code: 'NotSupported' } });
    }
    const config = await tb.request('POST', '/api/chargers/VCP-CORE/operations/GetConfiguration', { key: ['SupportedFeatureProfiles', 'LocalAuthListEnabled'] });
    expect(config.body.response).toMatchObject({ configurationKey: [{ key: 'SupportedFeatureProfiles', value: 'Core' }], unknownKey: ['LocalAuthListEnabled'] });
  });
});
