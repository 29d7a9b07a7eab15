// The bench's own rules for what a person sends, on every face (here the API), and the refusal to let a
// virtual charger take a real charger's identity.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTestBench, strictCharger, useTestBench, waitFor, type TestBench } from '../helpers/bench';

const tb = useTestBench();

/** SetChargingProfile's payload: a TxDefaultProfile of 16 A at `stackLevel`. */
const profile = (stackLevel: number) => ({
  connectorId: 1,
  csChargingProfiles: {
    chargingProfileId: 1,
    stackLevel,
    chargingProfilePurpose: 'TxDefaultProfile',
    chargingProfileKind: 'Absolute',
    chargingSchedule: { chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: 16 }] },
  },
});

describe("the bench's rules for what a person sends", () => {
  it('answers 400 naming the field for an empty idTag, a past expiry, a zero duration or list version (or one above 32 bits), a profile over before its schedule starts, and sends nothing', async () => {
    const cp = await strictCharger(tb.wsUrl(), 'RULES');
    const received: string[] = [];
    for (const action of ['RemoteStartTransaction', 'ReserveNow', 'GetCompositeSchedule', 'SendLocalList', 'SetChargingProfile', 'GetConfiguration'])
      cp.client.handle(action, () => {
        received.push(action);
        if (action === 'GetConfiguration') return { configurationKey: [{ key: 'ChargeProfileMaxStackLevel', readonly: true, value: '3' }] };
        if (action === 'GetCompositeSchedule') return { status: 'Rejected' };
        return { status: 'Accepted' };
      });
    await cp.connect();
    await cp.client.call('BootNotification', { chargePointVendor: 'V', chargePointModel: 'M' });
    const send = (action: string, payload: unknown) => tb.request('POST', `/api/chargers/RULES/operations/${action}`, payload);
    const past = new Date(Date.now() - 60_000).toISOString();

    expect(await send('RemoteStartTransaction', { idTag: '' })).toMatchObject({ status: 400, body: { field: 'idTag', error: expect.stringContaining('empty') } });
    expect(await send('RemoteStartTransaction', { idTag: '   ' })).toMatchObject({ status: 400, body: { field: 'idTag' } });
    expect(await send('RemoteStartTransaction', { idTag: ' TAG' })).toMatchObject({ status: 400, body: { field: 'idTag', error: expect.stringContaining('spaces') } });
    expect(await send('RemoteStartTransaction', { idTag: 'TAG', connectorId: 0 })).toMatchObject({ status: 400, body: { field: 'connectorId' } });
    expect(await send('ReserveNow', { connectorId: 1, expiryDate: past, idTag: 'TAG', reservationId: 1 })).toMatchObject({
      status: 400,
      body: { field: 'expiryDate', error: expect.stringContaining('future') },
    });
    expect(await send('GetCompositeSchedule', { connectorId: 1, duration: 0 })).toMatchObject({ status: 400, body: { field: 'duration' } });
    expect(await send('SendLocalList', { listVersion: 0, updateType: 'Full' })).toMatchObject({ status: 400, body: { field: 'listVersion' } });
    // OCPP 1.6 integers are 32-bit: the schema's integer has no bound, the bench's rule has.
    expect(await send('SendLocalList', { listVersion: 99999999999, updateType: 'Full' })).toMatchObject({
      status: 400,
      body: { field: 'listVersion', error: expect.stringContaining('at most 2147483647') },
    });
    // Every integer field alike, in the words the forms use.
    expect(await send('CancelReservation', { reservationId: 2147483648 })).toMatchObject({
      status: 400,
      body: { field: 'reservationId', error: 'Not sent: reservationId: A reservation id is at most 2147483647 (OCPP 1.6 integers are 32-bit)' },
    });
    // Ids are positive: OCPP's integer allows 0, the bench's rule does not.
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect(await send('ReserveNow', { connectorId: 1, expiryDate: future, idTag: 'TAG', reservationId: 0 })).toMatchObject({
      status: 400,
      body: { field: 'reservationId', error: expect.stringContaining('1 or more') },
    });
    expect(await send('CancelReservation', { reservationId: 0 })).toMatchObject({ status: 400, body: { field: 'reservationId' } });
    // A profile valid only until before its schedule starts would never apply: refused in the form's words.
    const at = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
    const neverApplies = profile(0);
    Object.assign(neverApplies.csChargingProfiles, { validTo: at(60) });
    Object.assign(neverApplies.csChargingProfiles.chargingSchedule, { startSchedule: at(90) });
    expect(await send('SetChargingProfile', neverApplies)).toMatchObject({
      status: 400,
      body: { field: 'csChargingProfiles.validTo', error: 'Not sent: csChargingProfiles.validTo: Over before its schedule starts: pick a time after "Start schedule", or none' },
    });
    expect(received).toEqual([]);

    // Stack levels are checked against what the charger says once the bench has read its configuration.
    expect((await send('SetChargingProfile', profile(5))).status).toBe(200);
    expect((await send('GetConfiguration', {})).status).toBe(200);
    expect(await send('SetChargingProfile', profile(5))).toMatchObject({ status: 400, body: { field: 'csChargingProfiles.stackLevel', error: expect.stringContaining('up to 3') } });
    expect((await send('SetChargingProfile', profile(3))).status).toBe(200);

    // The same rules let a good request through.
    expect(await send('RemoteStartTransaction', { idTag: 'TAG' })).toMatchObject({ status: 200, body: { outcome: 'completed' } });
    expect(received).toEqual(['SetChargingProfile', 'GetConfiguration', 'SetChargingProfile', 'RemoteStartTransaction']);
    expect(cp.violations).toEqual([]);
    await cp.client.close();
  });
});

describe("a charger's ChargeProfileMaxStackLevel, across a restart of the bench", () => {
  it('is read back from the record, so a profile above it is still refused after the bench restarts', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'chargebench-stack-'));
    const online = async (bench: TestBench) => {
      const cp = await strictCharger(bench.wsUrl(), 'STACK');
      cp.client.handle('GetConfiguration', () => ({ configurationKey: [{ key: 'ChargeProfileMaxStackLevel', readonly: true, value: '2' }] }));
      cp.client.handle('SetChargingProfile', () => ({ status: 'Accepted' }));
      await cp.connect();
      await cp.client.call('BootNotification', { chargePointVendor: 'V', chargePointModel: 'M' });
      return cp;
    };
    const first = await startTestBench({ dataDir });
    try {
      const cp = await online(first);
      expect((await first.request('POST', '/api/chargers/STACK/operations/GetConfiguration', {})).status).toBe(200);
      expect(await first.request('POST', '/api/chargers/STACK/operations/SetChargingProfile', profile(3))).toMatchObject({ status: 400 });
      await cp.client.close();
    } finally {
      await first.stop();
    }
    const second = await startTestBench({ dataDir });
    try {
      const cp = await online(second);
      const send = (level: number) => second.request('POST', '/api/chargers/STACK/operations/SetChargingProfile', profile(level));
      expect(await send(3)).toMatchObject({ status: 400, body: { field: 'csChargingProfiles.stackLevel', error: expect.stringContaining('up to 2') } });
      expect(await send(2)).toMatchObject({ status: 200, body: { outcome: 'completed' } });
      await cp.client.close();
    } finally {
      await second.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('a virtual charger never takes a real charger’s identity', () => {
  it('refuses the id of a connected charger, and of a real one known to the bench after it left', async () => {
    const cp = await strictCharger(tb.wsUrl(), 'SITE-1');
    await cp.connect();
    await cp.client.call('BootNotification', { chargePointVendor: 'Real', chargePointModel: 'M' });
    const refused = await tb.request('POST', '/api/virtual-chargers', { id: 'SITE-1' });
    expect(refused).toMatchObject({ status: 409, body: { field: 'id', error: expect.stringContaining('connected') } });
    await cp.client.close();
    await waitFor(async () => ((await tb.request('GET', '/api/chargers')).body as any[]).find((c) => c.id === 'SITE-1' && !c.connected));
    expect(await tb.request('POST', '/api/virtual-chargers', { id: 'SITE-1' })).toMatchObject({ status: 409, body: { field: 'id', error: expect.stringContaining('real charger') } });
    // The record still belongs to the real charger.
    const row = ((await tb.request('GET', '/api/chargers')).body as any[]).find((c) => c.id === 'SITE-1');
    expect(row).toMatchObject({ boot: { chargePointVendor: 'Real' }, virtual: false });
    // A free id is fine, and the new charger is marked virtual.
    expect((await tb.request('POST', '/api/virtual-chargers', { id: 'VIRT-1' })).status).toBe(201);
    await waitFor(async () => ((await tb.request('GET', '/api/chargers')).body as any[]).find((c) => c.id === 'VIRT-1' && c.connected));
    expect(((await tb.request('GET', '/api/chargers')).body as any[]).find((c) => c.id === 'VIRT-1')).toMatchObject({ virtual: true });
  });
});
