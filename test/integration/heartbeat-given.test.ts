// The heartbeat interval a charger was given, tracked by the bench as it happens and carried in the
// charger's view (chargers:list, GET /api/chargers/:id): its accepted boot answer's, then a ChangeConfiguration
// of HeartbeatInterval it accepted, or a GetConfiguration read of it; not a Pending boot's, a rejected
// change or one needing a reboot; kept across a restart of the bench. "Heartbeat overdue" on an online
// charger is judged against it, not against the bench's setting now.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestBench, strictCharger, waitFor, type TestBench } from '../helpers/bench';
import type { ChargerView } from '../../src/shared/api/views';

const dataDir = mkdtempSync(join(tmpdir(), 'chargebench-given-'));
let tb: TestBench | null = null;
afterAll(async () => {
  await tb?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const view = async (id: string): Promise<ChargerView> => (await tb!.request('GET', `/api/chargers/${id}`)).body;
/** The view once its interval is `seconds` (the record is written a moment after the answer went out). */
const givenBecomes = (id: string, seconds: number, how: string) =>
  waitFor(async () => ((await view(id)).heartbeatGiven?.seconds === seconds && (await view(id)).heartbeatGiven?.how === how ? view(id) : null));

describe('the heartbeat interval a charger was given', () => {
  it('is its boot answer\'s, then an accepted change or a read of HeartbeatInterval, and "overdue" is judged by it, not the setting', async () => {
    tb = await startTestBench({ dataDir });
    await tb.request('PATCH', '/api/settings', { heartbeatInterval: 60, defaultBootStatus: 'Accepted' });
    const cp = await strictCharger(tb.wsUrl(), 'CP-GIVEN');
    let answer = 'Accepted';
    cp.client.handle('ChangeConfiguration', () => ({ status: answer }));
    cp.client.handle('GetConfiguration', () => ({ configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '90' }] }));
    await cp.connect();
    expect(await view('CP-GIVEN').then((c) => c.heartbeatGiven ?? null)).toBeNull();

    const booted = await cp.client.call('BootNotification', { chargePointVendor: 'V', chargePointModel: 'M' });
    expect(booted).toMatchObject({ status: 'Accepted', interval: 60 });
    let charger = await givenBecomes('CP-GIVEN', 60, 'boot');
    expect(charger.heartbeatGiven).toEqual({ seconds: 60, how: 'boot', at: expect.any(String) });

    // The setting changes: the charger keeps the 60 s it was given until it boots again.
    await tb.request('PATCH', '/api/settings', { heartbeatInterval: 3600 });
    charger = await view('CP-GIVEN');
    expect(charger.heartbeatGiven?.seconds).toBe(60);
    // (How "overdue" is judged from it, against the setting, is test/renderer/heartbeat-given.test.tsx's.)

    // A Pending boot's interval is a retry wait, not a heartbeat interval.
    await tb.request('PATCH', '/api/chargers/CP-GIVEN', { bootPolicy: 'Pending' });
    expect(await cp.client.call('BootNotification', { chargePointVendor: 'V', chargePointModel: 'M' })).toMatchObject({ status: 'Pending', interval: 3600 });
    await tb.request('PATCH', '/api/chargers/CP-GIVEN', { bootPolicy: null });
    await tb.bench.record.settled();
    expect((await view('CP-GIVEN')).heartbeatGiven).toMatchObject({ seconds: 60, how: 'boot' });

    // An accepted ChangeConfiguration of HeartbeatInterval: 30 s from now on (the key matched without regard to case).
    expect(await tb.bench.operations.operate('CP-GIVEN', 'ChangeConfiguration', { key: 'heartbeatInterval', value: '30' })).toMatchObject({ outcome: 'completed' });
    charger = await givenBecomes('CP-GIVEN', 30, 'set');
    expect(charger.heartbeatGiven).toEqual({ seconds: 30, how: 'set', at: expect.any(String) });

    // Refused, or needing a reboot first: not given.
    answer = 'Rejected';
    await tb.bench.operations.operate('CP-GIVEN', 'ChangeConfiguration', { key: 'HeartbeatInterval', value: '900' });
    answer = 'RebootRequired';
    await tb.bench.operations.operate('CP-GIVEN', 'ChangeConfiguration', { key: 'HeartbeatInterval', value: '900' });
    // Another key: not the heartbeat.
    answer = 'Accepted';
    await tb.bench.operations.operate('CP-GIVEN', 'ChangeConfiguration', { key: 'MeterValueSampleInterval', value: '900' });
    await tb.bench.record.settled();
    expect((await view('CP-GIVEN')).heartbeatGiven).toMatchObject({ seconds: 30, how: 'set' });

    // A read of it says what the charger works to.
    await tb.bench.operations.operate('CP-GIVEN', 'GetConfiguration', { key: ['HeartbeatInterval'] });
    charger = await givenBecomes('CP-GIVEN', 90, 'read');
    expect((await tb.request('GET', '/api/chargers')).body.find((c: ChargerView) => c.id === 'CP-GIVEN').heartbeatGiven).toEqual(charger.heartbeatGiven);
    await cp.client.close();
  });

  it('is kept across a restart of the bench', async () => {
    const before = (await view('CP-GIVEN')).heartbeatGiven;
    await tb!.stop();
    tb = await startTestBench({ dataDir });
    expect((await view('CP-GIVEN')).heartbeatGiven).toEqual(before);
    expect(before).toMatchObject({ seconds: 90, how: 'read' });
  });
});
