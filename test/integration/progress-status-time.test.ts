// A charger's firmware and diagnostics status carry the time the bench received them in its view
// (chargers:list, GET /api/chargers/:id), kept across a restart of the bench, so a screen can tell a status
// from before the charger's last reboot (lastBoot) from one since: a charger that rebooted and dropped a
// downloaded update never says so.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestBench, strictCharger, waitFor, type TestBench } from '../helpers/bench';
import type { ChargerView } from '../../src/shared/api/views';

const dataDir = mkdtempSync(join(tmpdir(), 'chargebench-progress-at-'));
let tb: TestBench | null = null;
afterAll(async () => {
  await tb?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const view = async (id: string): Promise<ChargerView> => (await tb!.request('GET', `/api/chargers/${id}`)).body;
const listed = async (id: string): Promise<ChargerView> => (await tb!.request('GET', '/api/chargers')).body.find((c: ChargerView) => c.id === id);

describe("the time of a charger's firmware and diagnostics status", () => {
  it('is in its view, and a later BootNotification is after it', async () => {
    tb = await startTestBench({ dataDir });
    await tb.request('PATCH', '/api/settings', { defaultBootStatus: 'Accepted' });
    const cp = await strictCharger(tb.wsUrl(), 'CP-FW-AT');
    await cp.connect();
    await cp.client.call('BootNotification', { chargePointVendor: 'V', chargePointModel: 'M', firmwareVersion: '1.0.0' });
    await tb.bench.record.settled();
    expect(await view('CP-FW-AT')).toMatchObject({ firmwareStatus: null, firmwareStatusAt: null, diagnosticsStatusAt: null });

    await cp.client.call('FirmwareStatusNotification', { status: 'Downloaded' });
    await cp.client.call('DiagnosticsStatusNotification', { status: 'Uploading' });
    const got = await waitFor(async () => ((await view('CP-FW-AT')).firmwareStatusAt && (await view('CP-FW-AT')).diagnosticsStatusAt ? view('CP-FW-AT') : null));
    expect(got.firmwareStatus).toBe('Downloaded');
    expect(Date.parse(got.firmwareStatusAt!)).toBeGreaterThanOrEqual(Date.parse(got.lastBoot!));
    expect(got.diagnosticsStatus).toBe('Uploading');
    expect((await listed('CP-FW-AT')).firmwareStatusAt).toBe(got.firmwareStatusAt);

    // The charger reboots and says nothing of the update: the status stays, from before the boot.
    await new Promise((r) => setTimeout(r, 5));
    await cp.client.call('BootNotification', { chargePointVendor: 'V', chargePointModel: 'M', firmwareVersion: '1.0.0' });
    const booted = await waitFor(async () => ((await view('CP-FW-AT')).lastBoot !== got.lastBoot ? view('CP-FW-AT') : null));
    expect(booted.firmwareStatus).toBe('Downloaded');
    expect(booted.firmwareStatusAt).toBe(got.firmwareStatusAt);
    expect(Date.parse(booted.lastBoot!)).toBeGreaterThan(Date.parse(booted.firmwareStatusAt!));
    await cp.client.close();
  });

  it('is kept across a restart of the bench', async () => {
    const before = await view('CP-FW-AT');
    await tb!.stop();
    tb = await startTestBench({ dataDir });
    const after = await listed('CP-FW-AT');
    expect(after).toMatchObject({ firmwareStatus: 'Downloaded', firmwareStatusAt: before.firmwareStatusAt, diagnosticsStatusAt: before.diagnosticsStatusAt, lastBoot: before.lastBoot });
  });
});
