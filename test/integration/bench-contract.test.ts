// The bench contract as the UI uses it over serve mode: POST /api/call/<method> with the token, the same
// answers and field-named errors as the desktop's IPC, and the built UI served at /.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiServer } from '../../src/main/api-server/server';
import { BenchService } from '../../src/main/core/bench-service';
import { contract } from '../../src/shared/api/contract';
import { strictCharger, useTestBench, waitFor } from '../helpers/bench';

const tb = useTestBench();
const call = (method: string, args: unknown, token?: string) => tb.request('POST', `/api/call/${method}`, args, token);

describe('bench contract over HTTP', () => {
  it('answers the status with the face, the port and the data directory', async () => {
    const { status, body } = await call('bench:status', {});
    expect(status).toBe(200);
    // The test bench is started with its port given (as `serve --port` does): the saved ocppPort waits.
    expect(body).toMatchObject({ face: 'serve', port: tb.port, dataDir: tb.dataDir, connectedChargers: [], ocppPortSource: 'option' });
  });

  it('refuses a missing token, an unknown call and bad arguments with the field at fault', async () => {
    expect((await call('bench:status', {}, 'wrong')).status).toBe(401);
    expect(await call('chargers:teleport', {})).toMatchObject({ status: 404, body: { error: expect.stringContaining('chargers:teleport') } });
    expect(await call('chargers:get', { id: 'X', extra: 1 })).toMatchObject({ status: 400 });
    expect(await call('messages:page', { limit: 0 })).toMatchObject({ status: 400, body: { field: 'limit' } });
    expect(await call('settings:update', { heartbeatInterval: 0 })).toMatchObject({ status: 400, body: { field: 'heartbeatInterval' } });
  });

  it('runs an operation on a connected charger and reports its result', async () => {
    const cp = await strictCharger(tb.wsUrl(), 'CP-CONTRACT');
    cp.client.handle('Reset', () => ({ status: 'Accepted' }));
    await cp.connect();
    await waitFor(() => tb.bench.centralSystem.isConnected('CP-CONTRACT'));
    expect((await call('chargers:list', {})).body.map((c: { id: string }) => c.id)).toContain('CP-CONTRACT');
    const payloadError = await call('chargers:operate', { chargerId: 'CP-CONTRACT', action: 'Reset', payload: { type: 'Gentle' } });
    expect(payloadError).toMatchObject({ status: 400, body: { field: 'type' } });
    const reset = await call('chargers:operate', { chargerId: 'CP-CONTRACT', action: 'Reset', payload: { type: 'Soft' } });
    expect(reset).toMatchObject({ status: 200, body: { outcome: 'completed', response: { status: 'Accepted' } } });
    expect(await call('chargers:operate', { chargerId: 'CP-CONTRACT', action: 'Teleport', payload: {} })).toMatchObject({ status: 404, body: { field: 'action' } });
    expect(await call('chargers:operate', { chargerId: 'CP-CONTRACT', action: 'BootNotification', payload: {} })).toMatchObject({ status: 404, body: { field: 'action' } });
    expect(cp.violations).toEqual([]);
    await cp.client.close();
  });

  it('gives the newest meter values of several transactions in one call, and names a bad list', async () => {
    const cp = await strictCharger(tb.wsUrl(), 'CP-RECENT');
    await cp.connect();
    await cp.client.call('BootNotification', { chargePointVendor: 'V', chargePointModel: 'M' });
    const ids: number[] = [];
    for (const connectorId of [1, 2]) {
      const { transactionId } = await cp.client.call('StartTransaction', { connectorId, idTag: `TAG-${connectorId}`, meterStart: 0, timestamp: new Date().toISOString() });
      ids.push(transactionId);
      for (let i = 1; i <= 3; i++)
        await cp.client.call('MeterValues', {
          connectorId,
          transactionId,
          meterValue: [{ timestamp: new Date(Date.UTC(2026, 0, 1, 10, i)).toISOString(), sampledValue: [{ value: String(connectorId * 1000 + i) }] }],
        });
    }
    const answer = await call('transactions:recentMeterValues', { transactionIds: [ids[1], ids[0], 999_999], limit: 2 });
    expect(answer.status).toBe(200);
    expect(answer.body.map((a: { transactionId: number; meterValues: Array<{ value: string }> }) => [a.transactionId, a.meterValues.map((v) => v.value)])).toEqual([
      [ids[1], ['2003', '2002']],
      [ids[0], ['1003', '1002']],
      [999_999, []],
    ]);
    expect(await call('transactions:recentMeterValues', { transactionIds: [] })).toMatchObject({ status: 400, body: { field: 'transactionIds' } });
    expect(await call('transactions:recentMeterValues', { transactionIds: Array.from({ length: 1001 }, (_, i) => i + 1) })).toMatchObject({ status: 400, body: { field: 'transactionIds' } });
    expect(cp.violations).toEqual([]);
    await cp.client.close();
  });

  it("gives the core's own callers an operation's answer typed by its action", async () => {
    const cp = await strictCharger(tb.wsUrl(), 'CP-TYPED');
    cp.client.handle('Reset', () => ({ status: 'Rejected' }));
    await cp.connect();
    await waitFor(() => tb.bench.connectedChargers().includes('CP-TYPED'));
    const reset = await tb.bench.operations.operate('CP-TYPED', 'Reset', { type: 'Hard' });
    // A Reset's status, read without a cast: a wrong field or value here is a compile error.
    const status: 'Accepted' | 'Rejected' | null = reset.outcome === 'completed' ? reset.response.status : null;
    expect(status).toBe('Rejected');
    await expect(tb.bench.operations.operate('CP-TYPED', 'Reset', { type: 'Gentle' } as never)).rejects.toMatchObject({ status: 400, extra: { field: 'type' } });
    await cp.client.close();
  });

  it('every contract call has an implementation, and IPC-style replies carry errors as values', async () => {
    const service = new BenchService(tb.bench, 'desktop');
    for (const method of Object.keys(contract)) expect(service.isMethod(method)).toBe(true);
    expect(await service.reply('bench:status', {})).toMatchObject({ ok: true, value: { face: 'desktop' } });
    expect(await service.reply('chargers:get', { id: 'NOBODY' })).toMatchObject({ ok: false, error: { status: 404 } });
    expect(await service.reply('idTags:add', { idTag: 'X'.repeat(21), status: 'Accepted' })).toMatchObject({ ok: false, error: { status: 400, field: 'idTag' } });
    expect(await service.reply('__proto__', {})).toMatchObject({ ok: false, error: { status: 404 } });
  });

  it('gives a message page as the JSON the reader thread made: the same rows over IPC and HTTP', async () => {
    // The operation test above left its frames in the log; a page of them crosses IPC as JSON bytes.
    const service = new BenchService(tb.bench, 'desktop');
    const rows = await service.call('messages:page', { chargerId: 'CP-CONTRACT', limit: 50 });
    expect(rows.map((m) => `${m.kind} ${m.action}`)).toEqual(['CALLRESULT Reset', 'CALL Reset']);
    const reply = await service.reply('messages:page', { chargerId: 'CP-CONTRACT', limit: 50 });
    expect(reply).toMatchObject({ ok: true, json: expect.any(Uint8Array) });
    expect(JSON.parse(new TextDecoder().decode((reply as { json: Uint8Array }).json))).toEqual(rows);
    expect((await call('messages:page', { chargerId: 'CP-CONTRACT', limit: 50 })).body).toEqual(rows);
  });
});

describe('the UI served at /', () => {
  let uiDir: string;
  let api: ApiServer;
  let origin: string;
  beforeAll(async () => {
    uiDir = mkdtempSync(join(tmpdir(), 'chargebench-ui-'));
    mkdirSync(join(uiDir, 'assets'));
    writeFileSync(join(uiDir, 'index.html'), '<!doctype html><title>ChargeBench</title>');
    writeFileSync(join(uiDir, 'assets', 'app-1234.js'), 'console.log(1)');
    api = new ApiServer(tb.bench, { host: '127.0.0.1', port: 0, token: 't', uiDir });
    origin = `http://127.0.0.1:${(await api.start()).port}`;
  });
  afterAll(async () => {
    await api.stop();
    rmSync(uiDir, { recursive: true, force: true });
  });

  it('serves the page and its assets without a token (they hold no data), and nothing outside the UI folder', async () => {
    const page = await fetch(`${origin}/?token=t`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    // Its policy lets it connect to this bench's API port only, and holds no source a browser rejects (an IPv6 literal).
    const port = new URL(origin).port;
    expect(page.headers.get('content-security-policy')).toContain(`connect-src 'self' http://127.0.0.1:${port} ws://127.0.0.1:${port} http://localhost:${port} ws://localhost:${port}`);
    expect(page.headers.get('content-security-policy')).not.toContain('[::1]');
    expect(page.headers.get('content-security-policy')).not.toContain('*');
    expect(await page.text()).toContain('ChargeBench');
    const asset = await fetch(`${origin}/assets/app-1234.js`);
    expect(asset.headers.get('content-type')).toContain('javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${origin}/assets/../../etc/passwd`)).status).toBe(404);
    expect((await fetch(`${origin}/%2e%2e/%2e%2e/etc/passwd`)).status).toBe(404);
    expect((await fetch(`${origin}/missing.js`)).status).toBe(404);
    expect((await fetch(`${origin}/`, { method: 'POST' })).status).toBe(405);
    // The data stays behind the token.
    expect((await fetch(`${origin}/api/call/bench:status`, { method: 'POST', body: '{}' })).status).toBe(401);
  });

  it('says how to build the UI when it is not built', async () => {
    rmSync(join(uiDir, 'index.html'));
    const res = await fetch(`${origin}/`);
    expect(res.status).toBe(404);
    const { error } = (await res.json()) as { error: string };
    expect(error).toContain('run npm run build');
    // Words for a person, not Markdown: no literal backticks.
    expect(error).not.toContain('`');
  });
});
