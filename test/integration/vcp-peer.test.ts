// The virtual charge point against an independent central system: ocpp-rpc in strict mode, which checks
// every frame against the official OCPP 1.6 JSON schemas. A physical session, all 19 central-system
// actions with the answers a good charger gives, firmware and diagnostics over real HTTP, a soft reset,
// and security profile 1 (Basic auth, refusals retried with back-off). The charger's timers run on a
// FakeClock; the sockets are real.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RPCServer } from 'ocpp-rpc';
import { VirtualChargePoint } from '../../src/main/virtual-cp/charge-point';
import { FakeClock } from '../../src/main/clock';
import { VirtualChargerDefinition, type VirtualChargerDefinitionInput } from '../../src/shared/api/virtual-chargers';
import { waitFor } from '../helpers/bench';

const PASSWORD = 'peer-password-0123456789';
const HEARTBEAT_S = 120;

interface Received {
  action: string;
  params: any;
}

/** An ocpp-rpc strict-mode central system that answers what a charger sends and logs every call. */
async function startPeer(options: { password?: string } = {}) {
  const server = new RPCServer({ protocols: ['ocpp1.6'], strictMode: true, callTimeoutMs: 5000 });
  const received: Received[] = [];
  const violations: unknown[] = [];
  const callErrors: unknown[] = [];
  const attempts: Array<{ identity: string; password: string | undefined }> = [];
  /** Every frame the charger sent, in wire order: its CALLs by action, its answers as "<Action>.conf". */
  const wire: string[] = [];
  const calledAs = new Map<string, string>();
  let client: any = null;
  let nextTxId = 100;
  const answers: Record<string, (p: any) => unknown> = {
    BootNotification: () => ({ status: 'Accepted', currentTime: new Date().toISOString(), interval: HEARTBEAT_S }),
    Heartbeat: () => ({ currentTime: new Date().toISOString() }),
    Authorize: () => ({ idTagInfo: { status: 'Accepted' } }),
    StartTransaction: () => ({ transactionId: nextTxId++, idTagInfo: { status: 'Accepted' } }),
    StopTransaction: () => ({ idTagInfo: { status: 'Accepted' } }),
    DataTransfer: () => ({ status: 'Accepted' }),
  };
  if (options.password !== undefined) {
    server.auth((accept, reject, handshake) => {
      const password = handshake.password?.toString('utf8');
      attempts.push({ identity: handshake.identity, password });
      if (password === options.password) accept();
      else reject(401, 'Wrong password for this charge point');
    });
  }
  server.on('client', (c: any) => {
    client = c;
    c.on('strictValidationFailure', (e: unknown) => violations.push(e));
    c.on('badMessage', (e: unknown) => violations.push(e));
    c.on('call', ({ outbound, payload }: { outbound: boolean; payload: any[] }) => outbound && calledAs.set(payload[1], payload[2]));
    c.on('message', ({ message, outbound }: { message: string; outbound: boolean }) => {
      if (outbound) return;
      let frame: any[] = [];
      try {
        frame = JSON.parse(message);
      } catch {
        // not JSON: ocpp-rpc reports it as a badMessage
      }
      const [type, id, action] = frame;
      wire.push(type === 2 ? action : type === 3 || type === 4 ? `${calledAs.get(id)}.conf` : 'INVALID');
    });
    c.handle(({ method, params }: { method: string; params: any }) => {
      received.push({ action: method, params });
      return answers[method]?.(params) ?? {};
    });
  });
  const http = await server.listen(0, '127.0.0.1');
  const port = (http.address() as AddressInfo).port;
  return {
    url: `ws://127.0.0.1:${port}/ocpp`,
    received,
    violations,
    callErrors,
    attempts,
    /** Calls the charger; a rejection (schema failure, timeout, CALLERROR) is recorded and thrown. */
    async call(action: string, params: object): Promise<any> {
      try {
        return await client.call(action, params);
      } catch (e) {
        callErrors.push({ action, error: String(e) });
        throw e;
      }
    },
    mark: () => received.length,
    wireMark: () => wire.length,
    /** The charger's frames since a wire mark. */
    wireSince: (since: number) => wire.slice(since),
    /** Waits for the first call of `action` since `since` (a mark) that matches. */
    next(action: string, since: number, match: (p: any) => boolean = () => true): Promise<any> {
      return waitFor(() => received.slice(since).find((r) => r.action === action && match(r.params))?.params, 4000);
    },
    since: (action: string, since: number) =>
      received
        .slice(since)
        .filter((r) => r.action === action)
        .map((r) => r.params),
    close: () => server.close({ force: true }),
  };
}
type Peer = Awaited<ReturnType<typeof startPeer>>;

/** A local HTTP server: firmware images to download, and an upload endpoint for diagnostics. */
async function startFileServer() {
  const uploads: string[] = [];
  const server: Server = createServer((req, res) => {
    if (req.method === 'GET' && req.url?.startsWith('/fw/')) return void res.end(Buffer.alloc(4096, 7));
    if (req.method === 'POST' && req.url === '/upload') {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        uploads.push(body);
        res.end('ok');
      });
      return;
    }
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, uploads, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

function charger(url: string, clock: FakeClock, def: Partial<VirtualChargerDefinitionInput> = {}) {
  const definition = VirtualChargerDefinition.parse({ id: 'VCP-PEER', connectors: 2, ...def });
  return new VirtualChargePoint({ definition, url, clock, random: () => 0, callTimeoutMs: 5000 });
}

/** Moves the charger's clock in small steps, letting real I/O run, until `done` holds. */
async function advanceUntil(clock: FakeClock, done: () => boolean, stepMs = 100, realTimeoutMs = 5000) {
  const deadline = Date.now() + realTimeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('condition not met in time while advancing the clock');
    await clock.advance(stepMs);
    await new Promise((r) => setTimeout(r, 5));
  }
}

// ---- payload builders -----------------------------------------------------------------------------

const iso = (ms: number) => new Date(ms).toISOString();
const req = {
  reserveNow: (connectorId: number, reservationId: number, idTag: string, expiry: number) => ({ connectorId, reservationId, idTag, expiryDate: iso(expiry) }),
  chargePointMax: (id: number, limitA: number) => ({
    connectorId: 0,
    csChargingProfiles: {
      chargingProfileId: id,
      stackLevel: 0,
      chargingProfilePurpose: 'ChargePointMaxProfile',
      chargingProfileKind: 'Relative',
      chargingSchedule: { chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: limitA }] },
    },
  }),
  localList: (listVersion: number, ...idTags: string[]) => ({
    listVersion,
    updateType: 'Full',
    localAuthorizationList: idTags.map((idTag) => ({ idTag, idTagInfo: { status: 'Accepted' } })),
  }),
  updateFirmware: (location: string, now: number) => ({ location, retrieveDate: iso(now), retries: 1, retryInterval: 5 }),
  getDiagnostics: (location: string) => ({ location, retries: 0 }),
};
const status = (connectorId: number, s: string) => (p: any) => p.connectorId === connectorId && p.status === s;

describe('virtual charge point against an ocpp-rpc strict central system', () => {
  let peer: Peer;
  let files: Awaited<ReturnType<typeof startFileServer>>;
  let clock: FakeClock;
  let vcp: VirtualChargePoint;

  beforeAll(async () => {
    peer = await startPeer();
    files = await startFileServer();
    clock = new FakeClock(Date.now());
    vcp = charger(peer.url, clock);
    vcp.start();
  });
  afterAll(async () => {
    await vcp?.stop();
    await peer?.close();
    await files?.close();
  });

  it('boots, reports every connector, and runs a physical session with sampled and stop-transaction data', async () => {
    const boot = await peer.next('BootNotification', 0);
    expect(boot).toMatchObject({ chargePointVendor: 'ChargeBench', firmwareVersion: '1.0.0' });
    await waitFor(() => vcp.isAccepted);
    for (const id of [0, 1, 2]) await peer.next('StatusNotification', 0, status(id, 'Available'));
    expect(vcp.config.int('HeartbeatInterval')).toBe(HEARTBEAT_S);

    expect(await peer.call('ChangeConfiguration', { key: 'StopTxnSampledData', value: 'Energy.Active.Import.Register' })).toEqual({ status: 'Accepted' });
    let m = peer.mark();
    vcp.plug(1);
    await peer.next('StatusNotification', m, status(1, 'Preparing'));
    expect(await vcp.presentIdTag(1, 'TAG-1')).toMatchObject({ accepted: true });
    expect(await peer.next('Authorize', m)).toEqual({ idTag: 'TAG-1' });
    const start = await peer.next('StartTransaction', m);
    expect(start).toMatchObject({ connectorId: 1, idTag: 'TAG-1', meterStart: 0 });
    await peer.next('StatusNotification', m, status(1, 'Charging'));
    const txId = await waitFor(() => vcp.view().connectors[0].transaction?.transactionId);

    m = peer.mark();
    await clock.advance(61_000);
    const mv = await peer.next('MeterValues', m);
    expect(mv).toMatchObject({ connectorId: 1, transactionId: txId });
    expect(mv.meterValue[0].sampledValue).toContainEqual(expect.objectContaining({ measurand: 'Energy.Active.Import.Register', context: 'Sample.Periodic', unit: 'Wh' }));

    m = peer.mark();
    expect(await vcp.presentIdTag(1, 'TAG-1')).toMatchObject({ accepted: true });
    const stop = await peer.next('StopTransaction', m);
    expect(stop).toMatchObject({ transactionId: txId, idTag: 'TAG-1', reason: 'Local' });
    expect(stop.meterStop).toBeGreaterThan(0);
    // StopTxnSampledData is sampled at every MeterValueSampleInterval too, between the begin and the end.
    expect(stop.transactionData.map((v: any) => v.sampledValue[0].context)).toEqual(['Transaction.Begin', 'Sample.Periodic', 'Transaction.End']);
    await peer.next('StatusNotification', m, status(1, 'Finishing'));
    vcp.unplug(1);
    await peer.next('StatusNotification', m, status(1, 'Available'));
  });

  it('sends a Heartbeat once the heartbeat interval has passed', async () => {
    const m = peer.mark();
    await clock.advance(HEARTBEAT_S * 1000);
    expect(await peer.next('Heartbeat', m)).toEqual({});
  });

  it('answers configuration, cache, data transfer and local list requests', async () => {
    const conf = await peer.call('GetConfiguration', { key: ['HeartbeatInterval', 'StopTxnSampledData', 'NoSuchKey'] });
    expect(conf.configurationKey).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: 'HeartbeatInterval', value: String(HEARTBEAT_S) }),
        expect.objectContaining({ key: 'StopTxnSampledData', value: 'Energy.Active.Import.Register' }),
      ]),
    );
    expect(conf.unknownKey).toEqual(['NoSuchKey']);
    expect(await peer.call('ChangeConfiguration', { key: 'NumberOfConnectors', value: '5' })).toEqual({ status: 'Rejected' });
    expect(await peer.call('ChangeConfiguration', { key: 'NoSuchKey', value: '1' })).toEqual({ status: 'NotSupported' });
    expect(await peer.call('ClearCache', {})).toEqual({ status: 'Accepted' });
    expect(await peer.call('DataTransfer', { vendorId: 'ChargeBench', messageId: 'echo', data: 'ping' })).toEqual({ status: 'Accepted', data: 'ping' });
    expect(await peer.call('DataTransfer', { vendorId: 'SomeoneElse' })).toEqual({ status: 'UnknownVendorId' });
    expect(await peer.call('GetLocalListVersion', {})).toEqual({ listVersion: 0 });
    expect(await peer.call('SendLocalList', req.localList(3, 'TAG-L1', 'TAG-L2'))).toEqual({ status: 'Accepted' });
    expect(await peer.call('GetLocalListVersion', {})).toEqual({ listVersion: 3 });
  });

  it('changes availability, reserves and cancels, and handles charging profiles; answers before it reports', async () => {
    // The answer goes out first, then the StatusNotification the change causes.
    const answersThenReports = async (action: string, params: object, answer: object, connectorId: number, s: string) => {
      const [m, w] = [peer.mark(), peer.wireMark()];
      expect(await peer.call(action, params)).toEqual(answer);
      await peer.next('StatusNotification', m, status(connectorId, s));
      expect(peer.wireSince(w)).toEqual([`${action}.conf`, 'StatusNotification']);
    };
    await answersThenReports('ChangeAvailability', { connectorId: 2, type: 'Inoperative' }, { status: 'Accepted' }, 2, 'Unavailable');
    await answersThenReports('ChangeAvailability', { connectorId: 2, type: 'Operative' }, { status: 'Accepted' }, 2, 'Available');
    await answersThenReports('ReserveNow', req.reserveNow(2, 7, 'TAG-R', clock.now() + 3_600_000), { status: 'Accepted' }, 2, 'Reserved');
    await answersThenReports('CancelReservation', { reservationId: 7 }, { status: 'Accepted' }, 2, 'Available');
    expect(await peer.call('CancelReservation', { reservationId: 99 })).toEqual({ status: 'Rejected' });

    expect(await peer.call('SetChargingProfile', req.chargePointMax(11, 16))).toEqual({ status: 'Accepted' });
    const schedule = await peer.call('GetCompositeSchedule', { connectorId: 1, duration: 3600, chargingRateUnit: 'A' });
    expect(schedule).toMatchObject({ status: 'Accepted', connectorId: 1, chargingSchedule: { chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: 16 }] } });
    expect(await peer.call('ClearChargingProfile', { id: 11 })).toEqual({ status: 'Accepted' });
    expect(await peer.call('ClearChargingProfile', { id: 11 })).toEqual({ status: 'Unknown' });
  });

  it('starts remotely, answers all six triggers, stops remotely and unlocks', async () => {
    vcp.plug(1);
    let m = peer.mark();
    expect(await peer.call('RemoteStartTransaction', { connectorId: 1, idTag: 'TAG-REMOTE' })).toEqual({ status: 'Accepted' });
    expect(await peer.next('StartTransaction', m)).toMatchObject({ connectorId: 1, idTag: 'TAG-REMOTE' });
    const txId = await waitFor(() => vcp.view().connectors[0].transaction?.transactionId);
    await peer.next('StatusNotification', m, status(1, 'Charging'));

    const triggers: Array<[string, object, (p: any) => boolean]> = [
      ['MeterValues', { connectorId: 1 }, (p) => p.connectorId === 1 && p.transactionId === txId && p.meterValue[0].sampledValue[0].context === 'Trigger'],
      ['StatusNotification', { connectorId: 1 }, status(1, 'Charging')],
      ['Heartbeat', {}, () => true],
      ['BootNotification', {}, (p) => p.firmwareVersion === '1.0.0'],
      ['DiagnosticsStatusNotification', {}, (p) => p.status === 'Idle'],
      ['FirmwareStatusNotification', {}, (p) => p.status === 'Idle'],
    ];
    for (const [requestedMessage, extra, match] of triggers) {
      m = peer.mark();
      expect(await peer.call('TriggerMessage', { requestedMessage, ...extra })).toEqual({ status: 'Accepted' });
      await peer.next(requestedMessage, m, match);
    }

    expect(await peer.call('RemoteStopTransaction', { transactionId: txId + 1000 })).toEqual({ status: 'Rejected' });
    m = peer.mark();
    expect(await peer.call('RemoteStopTransaction', { transactionId: txId })).toEqual({ status: 'Accepted' });
    expect(await peer.next('StopTransaction', m)).toMatchObject({ transactionId: txId, reason: 'Remote' });
    await peer.next('StatusNotification', m, status(1, 'Finishing'));
    expect(await peer.call('UnlockConnector', { connectorId: 1 })).toEqual({ status: 'Unlocked' });
    vcp.unplug(1);
    await peer.next('StatusNotification', m, status(1, 'Available'));
  });

  it('uploads diagnostics over HTTP', async () => {
    const m = peer.mark();
    const { fileName } = await peer.call('GetDiagnostics', req.getDiagnostics(`${files.base}/upload`));
    expect(fileName).toMatch(/^diagnostics-VCP-PEER-.*\.txt$/);
    await peer.next('DiagnosticsStatusNotification', m, (p) => p.status === 'Uploaded');
    expect(peer.since('DiagnosticsStatusNotification', m).map((p) => p.status)).toEqual(['Uploading', 'Uploaded']);
    expect(files.uploads).toHaveLength(1);
    expect(files.uploads[0]).toContain(`filename="${fileName}"`);
    expect(files.uploads[0]).toContain('ChargeBench virtual charge point VCP-PEER diagnostics');
  });

  it('stops the running transaction on a soft reset and boots again', async () => {
    vcp.plug(1);
    await vcp.presentIdTag(1, 'TAG-1');
    const txId = await waitFor(() => vcp.view().connectors[0].transaction?.transactionId);
    const m = peer.mark();
    expect(await peer.call('Reset', { type: 'Soft' })).toEqual({ status: 'Accepted' });
    expect(await peer.next('StopTransaction', m)).toMatchObject({ transactionId: txId, reason: 'SoftReset' });
    await advanceUntil(clock, () => peer.since('BootNotification', m).length > 0);
    await waitFor(() => vcp.isAccepted);
    await peer.next('StatusNotification', m, status(1, 'Preparing'));
    vcp.unplug(1);
    await peer.next('StatusNotification', m, status(1, 'Available'));
  });

  it('downloads and installs firmware, reboots, and reports the new version as Installed', async () => {
    const m = peer.mark();
    expect(await peer.call('UpdateFirmware', req.updateFirmware(`${files.base}/fw/2.0.0.bin`, clock.now()))).toEqual({});
    await advanceUntil(clock, () => peer.since('FirmwareStatusNotification', m).some((p) => p.status === 'Installed'));
    expect(peer.since('FirmwareStatusNotification', m).map((p) => p.status)).toEqual(['Downloading', 'Downloaded', 'Installing', 'Installed']);
    expect(peer.since('BootNotification', m)).toEqual([expect.objectContaining({ firmwareVersion: '2.0.0' })]);
    // Installed follows the boot that runs the new firmware.
    const order = peer.received.slice(m).map((r) => r.action);
    expect(order.indexOf('BootNotification')).toBeLessThan(order.lastIndexOf('FirmwareStatusNotification'));
    expect(vcp.view()).toMatchObject({ firmwareVersion: '2.0.0', firmwareStatus: 'Installed' });
  });

  it('sent nothing the strict central system found against the schemas', () => {
    expect(peer.violations).toEqual([]);
    expect(peer.callErrors).toEqual([]);
  });
});

describe('security profile 1 against an ocpp-rpc central system', () => {
  let peer: Peer;
  const started: VirtualChargePoint[] = [];
  beforeAll(async () => {
    peer = await startPeer({ password: PASSWORD });
  });
  afterAll(async () => {
    for (const v of started) await v.stop();
    await peer?.close();
  });

  it('connects with the right password as Basic auth (user = charge point id)', async () => {
    const clock = new FakeClock(Date.now());
    const vcp = charger(peer.url, clock, { id: 'VCP-SP1', password: PASSWORD });
    started.push(vcp);
    vcp.start();
    await waitFor(() => vcp.isAccepted);
    expect(peer.attempts).toEqual([{ identity: 'VCP-SP1', password: PASSWORD }]);
    expect(peer.violations).toEqual([]);
    // The collector is live: a frame that is not OCPP-J is caught.
    vcp.sendMalformed();
    await waitFor(() => peer.violations.length === 1);
    await vcp.stop();
  });

  it('is refused with a wrong password, says why, and retries with a doubling back-off', async () => {
    const clock = new FakeClock(Date.now());
    const vcp = charger(peer.url, clock, { id: 'VCP-SP1-BAD', password: 'not-the-right-password' });
    started.push(vcp);
    const tries = () => peer.attempts.filter((a) => a.identity === 'VCP-SP1-BAD').length;
    vcp.start();
    await waitFor(() => vcp.view().lastError?.includes('HTTP 401') && vcp.view().connection === 'disconnected');
    expect(vcp.view()).toMatchObject({ connection: 'disconnected', registration: null });
    expect(vcp.view().lastError).toContain('Wrong password for this charge point');
    // With no jitter (random = 0) the retries come after 1 s, 2 s, 4 s.
    for (const [delay, n] of [
      [1000, 2],
      [2000, 3],
      [4000, 4],
    ]) {
      await clock.advance(delay - 1);
      await new Promise((r) => setTimeout(r, 50));
      expect(tries()).toBe(n - 1);
      await clock.advance(1);
      await waitFor(() => tries() === n);
      await waitFor(() => vcp.view().connection === 'disconnected');
    }
    expect(tries()).toBe(4);
    expect(vcp.isAccepted).toBe(false);
  });
});
