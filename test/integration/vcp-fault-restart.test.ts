// A hardware fault set on a built-in virtual charger ("Set fault", the `fault` physical action) persists
// across a restart of the bench, as a real charger's fault persists across a loss of power: the charger
// comes back Faulted with the same errorCode (and info), and says so in valid StatusNotifications. Cleared,
// it stays cleared. Checked through the bench's record (serve stopped and started on the same data dir) and
// against an independent central system (ocpp-rpc in strict mode, the official OCPP 1.6 schemas).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RPCServer } from 'ocpp-rpc';
import type { AddressInfo } from 'node:net';
import { VirtualChargePoint } from '../../src/main/virtual-cp/charge-point';
import { VirtualChargerDefinition } from '../../src/shared/api/virtual-chargers';
import { startTestBench, waitFor, type TestBench } from '../helpers/bench';
import { schemaViolation, type TappedFrame } from '../helpers/vcp-harness';

const dataDir = mkdtempSync(join(tmpdir(), 'chargebench-vcp-fault-'));
let tb: TestBench | undefined;
const cleanups: Array<() => unknown> = [];

afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
  await tb?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const ID = 'VCP-FAULT';
const view = async () => (await tb!.request('GET', `/api/virtual-chargers/${ID}`)).body;
const benchConnector = async (n: number) => ((await tb!.request('GET', `/api/chargers/${ID}`)).body?.connectors as any[] | undefined)?.find((c) => c.connectorId === n);
/** The charger's StatusNotifications for connector `n` in the bench's message log, oldest first. */
async function statusFrames(n: number): Promise<TappedFrame[]> {
  const messages = ((await tb!.request('GET', `/api/messages?chargerId=${ID}&limit=1000`)).body as any[]).reverse();
  return messages
    .filter((m) => m.kind === 'CALL' && m.action === 'StatusNotification' && m.direction === 'in')
    .map((m) => ({ direction: 'out', kind: 'CALL', action: 'StatusNotification', messageId: null, payload: JSON.parse(m.raw)[3], label: m.raw, ts: m.ts, connection: 0 }) as TappedFrame)
    .filter((f) => f.payload.connectorId === n);
}
async function restartBench(): Promise<void> {
  await tb!.stop();
  tb = await startTestBench({ dataDir });
}

describe("a virtual charger's hardware fault across a restart of the bench", () => {
  it('comes back Faulted with the same errorCode after serve restarts, and Available once cleared', async () => {
    tb = await startTestBench({ dataDir });
    expect((await tb.request('POST', '/api/virtual-chargers', { id: ID, connectors: 2 })).status).toBe(201);
    await waitFor(async () => (await benchConnector(2))?.status === 'Available');
    const set = await tb.request('POST', `/api/virtual-chargers/${ID}/actions/fault`, { connectorId: 2, errorCode: 'GroundFailure', info: 'Earth leak' });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    await waitFor(async () => (await benchConnector(2))?.status === 'Faulted');
    const before = (await statusFrames(2)).length;

    await restartBench();
    // The charger's own view, and what it told the central system after its boot.
    const after = await view();
    expect(after.connectors.map((c: any) => [c.connectorId, c.status, c.errorCode])).toEqual([
      [1, 'Available', 'NoError'],
      [2, 'Faulted', 'GroundFailure'],
    ]);
    await waitFor(async () => (await statusFrames(2)).length > before);
    const told = (await statusFrames(2)).slice(before);
    expect(told.map((f) => [f.payload.status, f.payload.errorCode, f.payload.info])).toEqual([['Faulted', 'GroundFailure', 'Earth leak']]);
    expect(told.map(schemaViolation).filter(Boolean)).toEqual([]);
    expect(await benchConnector(2)).toMatchObject({ status: 'Faulted', errorCode: 'GroundFailure' });
    // A card cannot start a session on it, as before the restart.
    await tb.request('POST', `/api/virtual-chargers/${ID}/actions/plug`, { connectorId: 2 });
    const card = await tb.request('POST', `/api/virtual-chargers/${ID}/actions/present-id-tag`, { connectorId: 2, idTag: 'TAG-FAULT' });
    expect(card.body.result).toMatchObject({ accepted: false, message: 'Connector 2 is faulted' });

    // Cleared, it stays cleared across the next restart.
    expect((await tb.request('POST', `/api/virtual-chargers/${ID}/actions/clear-fault`, { connectorId: 2 })).status).toBe(200);
    await restartBench();
    expect((await view()).connectors[1]).toMatchObject({ status: 'Available', errorCode: 'NoError' });
  });
});

/** An ocpp-rpc strict-mode central system: answers what a charger sends, keeps its StatusNotifications and any frame that breaks the schemas. */
async function strictPeer() {
  const server = new RPCServer({ protocols: ['ocpp1.6'], strictMode: true, callTimeoutMs: 5000 });
  const statuses: any[] = [];
  const violations: unknown[] = [];
  server.on('client', (c: any) => {
    c.on('strictValidationFailure', (e: unknown) => violations.push(e));
    c.on('badMessage', (e: unknown) => violations.push(e));
    c.handle(({ method, params }: { method: string; params: any }) => {
      if (method === 'BootNotification') return { status: 'Accepted', currentTime: new Date().toISOString(), interval: 300 };
      if (method === 'Heartbeat') return { currentTime: new Date().toISOString() };
      if (method === 'StatusNotification') statuses.push(params);
      return {};
    });
  });
  const http = await server.listen(0, '127.0.0.1');
  cleanups.push(() => server.close({ force: true }));
  return { url: `ws://127.0.0.1:${(http.address() as AddressInfo).port}/ocpp`, statuses, violations };
}

describe("a virtual charger's saved state with a hardware fault, against a strict central system", () => {
  it('restarted from its saved state, it reports the connector Faulted with the same errorCode, in valid frames', async () => {
    const peer = await strictPeer();
    const definition = VirtualChargerDefinition.parse({ id: 'VCP-FAULT-PEER', connectors: 2 });
    const first = new VirtualChargePoint({ definition, url: peer.url, random: () => 0, callTimeoutMs: 5000 });
    cleanups.push(() => first.dispose());
    first.start();
    await waitFor(() => peer.statuses.filter((s) => s.connectorId === 2).length > 0);
    first.setFault(1, 'OverVoltage', 'Mains 270 V');
    first.setFault(0, 'PowerMeterFailure');
    await waitFor(() => peer.statuses.some((s) => s.connectorId === 0 && s.status === 'Faulted'));
    // The record keeps the state as JSON.
    const saved = JSON.parse(JSON.stringify(first.persistentState()));
    await first.dispose();

    const from = peer.statuses.length;
    const second = new VirtualChargePoint({ definition, url: peer.url, random: () => 0, callTimeoutMs: 5000, state: saved });
    cleanups.push(() => second.dispose());
    second.start();
    await waitFor(() => peer.statuses.slice(from).filter((s) => s.connectorId === 2).length > 0);
    expect(peer.statuses.slice(from).map((s) => [s.connectorId, s.status, s.errorCode, s.info])).toEqual([
      [0, 'Faulted', 'PowerMeterFailure', undefined],
      [1, 'Faulted', 'OverVoltage', 'Mains 270 V'],
      [2, 'Faulted', 'PowerMeterFailure', undefined],
    ]);
    expect(peer.violations).toEqual([]);
    expect(second.view().chargerFault).toEqual({ errorCode: 'PowerMeterFailure' });
  });
});
