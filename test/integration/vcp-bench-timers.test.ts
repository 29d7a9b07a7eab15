// The virtual charge point's timers on a FakeClock against ChargeBench's own central system: heartbeat,
// sampled and clock-aligned meter values, offline queueing and delivery, transaction message retries
// (against a raw central system that answers CALLERROR), and boot Pending/Rejected.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/bench';
import { answered, benchSuite, configure, roundTrip, VcpHarness } from '../helpers/vcp-harness';
import type { VirtualChargerDefinitionInput } from '../../src/shared/api/virtual-chargers';

const suite = benchSuite('VCP-T', async (tb) => {
  // Before any charger boots: the interval the bench hands out in BootNotification.
  expect((await tb.request('PATCH', '/api/settings', { heartbeatInterval: 60 })).body).toMatchObject({ heartbeatInterval: 60 });
});
const { cleanups, charger } = suite;
const harness = (def: Partial<VirtualChargerDefinitionInput> = {}, url?: string, callTimeoutMs?: number) => suite.harness(def, { url, ...(callTimeoutMs ? { callTimeoutMs } : {}) });

/** What the charger sent, heartbeats left out. */
const sentBut = (h: VcpHarness, from: number, skip = 'Heartbeat') => h.sent(from).filter((s) => s !== skip);

function measurand(mv: any, name: string): number {
  const v = mv.meterValue[0].sampledValue.find((s: any) => s.measurand === name);
  return v === undefined ? NaN : Number(v.value);
}

describe('heartbeat', () => {
  it('beats at the interval the bench gave in BootNotification, and at a new one once changed', async () => {
    const h = await charger();
    const boot = h.frames.find((f) => f.label === 'in CALLRESULT BootNotification(Accepted)')!;
    expect(boot.payload.interval).toBe(60);
    expect(h.vcp.config.int('HeartbeatInterval')).toBe(60);
    let m = h.mark();
    await h.advance(59_000);
    expect(h.since(m)).toEqual([]);
    await h.advance(1_000);
    expect(h.since(m)).toEqual(roundTrip('Heartbeat'));
    expect(h.frames.at(-1)!.ts).toBe('2026-01-01T00:01:00.000Z');
    await h.advance(60_000);
    expect(h.sent(m)).toEqual(['Heartbeat', 'Heartbeat']);
    expect((await suite.tb.request('GET', `/api/chargers/${h.id}`)).body.lastHeartbeat).toBeTruthy();

    await configure(h, 'HeartbeatInterval', '30');
    m = h.mark();
    await h.advance(90_000);
    expect(h.sent(m)).toEqual(['Heartbeat', 'Heartbeat', 'Heartbeat']);
    expect(h.payloads('Heartbeat', m)).toEqual([{}, {}, {}]);
  });
});

describe('meter values', () => {
  it('sampled every MeterValueSampleInterval during a session; energy rises by power x time', async () => {
    const h = await charger({ maxPowerW: 11_000 });
    await configure(h, 'MeterValueSampleInterval', '30');
    h.vcp.plug(1);
    await h.vcp.presentIdTag(1, 'T-MV-1');
    await h.quiet();
    const txId = h.vcp.view().connectors[0].transaction!.transactionId;
    const m = h.mark();
    await h.advance(120_000, 30_000);
    // The charger slows down (slow-charging fault): the energy follows the new power.
    h.vcp.setFaults({ slowCharging: true, slowChargingW: 2_000 });
    await h.advance(60_000, 30_000);
    expect(sentBut(h, m)).toEqual(Array(6).fill('MeterValues(1:Sample.Periodic)'));
    const mvs = h.payloads('MeterValues', m);
    expect(mvs.map((mv) => mv.transactionId)).toEqual(Array(6).fill(txId));
    expect(mvs.map((mv) => mv.meterValue[0].timestamp)).toEqual([30, 60, 90, 120, 150, 180].map((s) => new Date(Date.parse('2026-01-01T00:00:00Z') + s * 1000).toISOString()));
    expect(mvs.map((mv) => measurand(mv, 'Power.Active.Import'))).toEqual([11_000, 11_000, 11_000, 11_000, 2_000, 2_000]);
    let previous = 0;
    for (const mv of mvs) {
      const wh = measurand(mv, 'Energy.Active.Import.Register');
      // Wh delta ≈ W × s / 3600 (the register is rounded to whole Wh on the wire).
      expect(Math.abs(wh - previous - (measurand(mv, 'Power.Active.Import') * 30) / 3600)).toBeLessThanOrEqual(1);
      previous = wh;
    }
    expect(previous).toBe(Math.round((11_000 * 120 + 2_000 * 60) / 3600));
    // The bench recorded every sample against the transaction.
    const recorded = await h.benchMeterValues(`?transactionId=${txId}`);
    expect(
      recorded
        .filter((r: any) => r.measurand === 'Energy.Active.Import.Register')
        .map((r: any) => Number(r.value))
        .sort((a: number, b: number) => a - b),
    ).toEqual(mvs.map((mv) => measurand(mv, 'Energy.Active.Import.Register')));
    expect(recorded.every((r: any) => r.context === 'Sample.Periodic' && r.connectorId === 1)).toBe(true);
  });

  it('clock-aligned at ClockAlignedDataInterval on every connector, with the transaction where one runs', async () => {
    const h = await charger();
    await configure(h, 'MeterValueSampleInterval', '0');
    await configure(h, 'ClockAlignedDataInterval', '900');
    h.vcp.plug(1);
    await h.vcp.presentIdTag(1, 'T-MV-2');
    await h.quiet();
    const txId = h.vcp.view().connectors[0].transaction!.transactionId;
    const m = h.mark();
    await h.advance(899_000, 60_000);
    expect(sentBut(h, m)).toEqual([]);
    await h.advance(1_000);
    await h.advance(900_000, 60_000);
    expect(sentBut(h, m)).toEqual(['MeterValues(1:Sample.Clock)', 'MeterValues(2:Sample.Clock)', 'MeterValues(1:Sample.Clock)', 'MeterValues(2:Sample.Clock)']);
    const mvs = h.payloads('MeterValues', m);
    expect(mvs.map((mv) => [mv.connectorId, mv.transactionId, mv.meterValue[0].timestamp])).toEqual([
      [1, txId, '2026-01-01T00:15:00.000Z'],
      [2, undefined, '2026-01-01T00:15:00.000Z'],
      [1, txId, '2026-01-01T00:30:00.000Z'],
      [2, undefined, '2026-01-01T00:30:00.000Z'],
    ]);
    // MeterValuesAlignedData defaults to the energy register: 22 kW for 15 minutes = 5.5 kWh.
    expect(mvs.map((mv) => measurand(mv, 'Energy.Active.Import.Register'))).toEqual([5_500, 0, 11_000, 0]);
    const recorded = await h.benchMeterValues('?connectorId=2');
    expect(recorded.map((r: any) => [r.context, r.transactionId])).toEqual([
      ['Sample.Clock', null],
      ['Sample.Clock', null],
    ]);
  });
});

describe('charging schedules over time', () => {
  it('a period boundary takes effect at its moment: energy integrates piecewise, SuspendedEVSE at 0 W, Charging after', async () => {
    const h = await charger();
    await configure(h, 'MeterValueSampleInterval', '30');
    h.vcp.plug(1);
    await h.vcp.presentIdTag(1, 'T-SCHED-1');
    await h.quiet();
    // Relative to the start of the transaction: 22 kW, 7.4 kW from 45 s, nothing from 105 s, 11 kW from 165 s.
    const periods = [
      { startPeriod: 0, limit: 22_000 },
      { startPeriod: 45, limit: 7_400 },
      { startPeriod: 105, limit: 0 },
      { startPeriod: 165, limit: 11_000 },
    ];
    const profile = {
      chargingProfileId: 5,
      stackLevel: 0,
      chargingProfilePurpose: 'TxProfile',
      chargingProfileKind: 'Relative',
      chargingSchedule: { chargingRateUnit: 'W', chargingSchedulePeriod: periods },
    };
    expect((await h.op('SetChargingProfile', { connectorId: 1, csChargingProfiles: profile })).response).toEqual({ status: 'Accepted' });
    const m = h.mark();
    await h.advance(210_000, 5_000);
    expect(sentBut(h, m)).toEqual([
      'MeterValues(1:Sample.Periodic)', // 30 s
      'MeterValues(1:Sample.Periodic)', // 60 s
      'MeterValues(1:Sample.Periodic)', // 90 s
      'StatusNotification(1:SuspendedEVSE)', // 105 s
      'MeterValues(1:Sample.Periodic)', // 120 s
      'MeterValues(1:Sample.Periodic)', // 150 s
      'StatusNotification(1:Charging)', // 165 s
      'MeterValues(1:Sample.Periodic)', // 180 s
      'MeterValues(1:Sample.Periodic)', // 210 s
    ]);
    expect(h.payloads('StatusNotification', m).map((p) => p.timestamp)).toEqual(['2026-01-01T00:01:45.000Z', '2026-01-01T00:02:45.000Z']);
    const mvs = h.payloads('MeterValues', m);
    expect(mvs.map((mv) => measurand(mv, 'Power.Active.Import'))).toEqual([22_000, 7_400, 7_400, 0, 0, 11_000, 11_000]);
    // The power each second of the schedule, integrated: what the register must read at each sample.
    const powerAt = (s: number) => [...periods].reverse().find((p) => p.startPeriod <= s)!.limit;
    const expectedWh = (t: number) => Array.from({ length: t }, (_, s) => powerAt(s)).reduce((a, b) => a + b, 0) / 3600;
    expect(mvs.map((mv) => measurand(mv, 'Energy.Active.Import.Register'))).toEqual([30, 60, 90, 120, 150, 180, 210].map((t) => Math.round(expectedWh(t))));
    expect(await h.benchStatuses()).toContainEqual([1, 'Charging', 'NoError']);
  });
});

describe('offline', () => {
  it('a session while offline (AllowOfflineTxForUnknownId) is delivered in order when back: StartTransaction, MeterValues, StopTransaction', async () => {
    const h = await charger();
    await configure(h, 'AllowOfflineTxForUnknownId', 'true');
    h.vcp.setFaults({ offline: true, offlineSeconds: 0 });
    await h.until(() => !h.vcp.isConnected);
    await waitFor(async () => (await suite.tb.request('GET', `/api/chargers/${h.id}`)).body.connected === false);
    const m = h.mark();
    h.vcp.plug(1);
    expect(await h.vcp.presentIdTag(1, 'T-OFF-1')).toMatchObject({
      accepted: true,
      confirmed: false,
      message: expect.stringMatching(/^Card T-OFF-1 accepted and the session started on connector 1, but the central system has not confirmed it/),
    });
    await h.advance(90_000);
    expect(await h.vcp.presentIdTag(1, 'T-OFF-1')).toMatchObject({ accepted: true });
    h.vcp.unplug(1);
    await h.advance(60_000);
    expect(h.since(m)).toEqual([]);
    expect(h.vcp.view().queuedMessages).toBe(3);

    h.vcp.setFaults({ offline: false });
    await h.until(() => h.vcp.view().queuedMessages === 0);
    await h.quiet();
    // The connector is Available again, as the bench was last told: no StatusNotification is due.
    expect(h.since(m)).toEqual([...roundTrip('StartTransaction(1:T-OFF-1)', 'Accepted'), ...roundTrip('MeterValues(1:Sample.Periodic)'), ...roundTrip('StopTransaction(Local)', 'Accepted')]);
    const [start, mv, stop] = h.frames
      .slice(m)
      .filter((f) => f.kind === 'CALL')
      .map((f) => f.payload);
    const [tx] = await h.benchTransactions();
    expect(start).toMatchObject({ connectorId: 1, idTag: 'T-OFF-1', meterStart: 0, timestamp: '2026-01-01T00:00:00.000Z' });
    expect(mv).toMatchObject({ connectorId: 1, transactionId: tx.transactionId, meterValue: [{ timestamp: '2026-01-01T00:01:00.000Z' }] });
    expect(stop).toMatchObject({ transactionId: tx.transactionId, idTag: 'T-OFF-1', reason: 'Local', meterStop: 550, timestamp: '2026-01-01T00:01:30.000Z' });
    expect(tx).toMatchObject({ idTag: 'T-OFF-1', active: false, meterStart: 0, meterStop: 550, stopReason: 'Local', startTime: '2026-01-01T00:00:00.000Z', stopTime: '2026-01-01T00:01:30.000Z' });
    expect(await h.benchMeterValues(`?transactionId=${tx.transactionId}`)).toHaveLength(2);
  });

  it('the bench drops the connection: a cached card starts offline (LocalAuthorizeOffline), an unknown one does not; delivered on reconnect', async () => {
    const h = await charger();
    // Online first: the card gets into the authorization cache.
    h.vcp.plug(1);
    await h.vcp.presentIdTag(1, 'T-OFF-2');
    await h.quiet();
    await h.vcp.presentIdTag(1, 'T-OFF-2');
    await h.quiet();
    expect(h.vcp.view().connectors[0].status).toBe('Finishing');

    expect((await suite.tb.request('POST', `/api/chargers/${h.id}/disconnect`)).body).toEqual({ disconnected: true });
    await h.until(() => !h.vcp.isConnected);
    const m = h.mark();
    expect(await h.vcp.presentIdTag(1, 'T-OFF-UNKNOWN')).toMatchObject({ accepted: false, status: 'Invalid' });
    expect(await h.vcp.presentIdTag(1, 'T-OFF-2')).toMatchObject({ accepted: true });
    expect(h.vcp.view().queuedMessages).toBe(1);
    expect(h.since(m)).toEqual([]);
    // The charger reconnects after its back-off (1 s), resumes without a new boot: the queued
    // StartTransaction first, so the bench knows the transaction before the status that implies it.
    await h.advanceUntil(() => h.vcp.view().queuedMessages === 0, 250);
    await waitFor(() => h.sent(m).length === 2);
    expect(h.sent(m)).toEqual(['StartTransaction(1:T-OFF-2)', 'StatusNotification(1:Charging)']);
    expect(await h.benchTransactions()).toMatchObject([
      { idTag: 'T-OFF-2', active: true },
      { idTag: 'T-OFF-2', active: false },
    ]);
    expect(await h.benchStatuses()).toContainEqual([1, 'Charging', 'NoError']);
  });
});

/** A bare central system: accepts the boot, and answers each CALL as `answer` says. */
type RawAnswer = { result: object } | { error: string } | { ignore: true };

async function rawCentralSystem(answer: (action: string, payload: any, count: number) => RawAnswer) {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: (p) => (p.has('ocpp1.6') ? 'ocpp1.6' : false) });
  await once(wss, 'listening');
  const counts = new Map<string, number>();
  let pings = 0;
  wss.on('connection', (ws) => {
    ws.on('ping', () => pings++);
    ws.on('message', (data) => {
      const [type, id, action, payload] = JSON.parse(String(data));
      if (type !== 2) return;
      const count = (counts.get(action) ?? 0) + 1;
      counts.set(action, count);
      const r = answer(action, payload, count);
      if ('ignore' in r) return;
      ws.send(JSON.stringify('error' in r ? [4, id, r.error, `${action} refused on purpose`, {}] : [3, id, r.result]));
    });
  });
  const { port } = wss.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/ocpp`,
    pings: () => pings,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close(() => resolve());
      }),
  };
}

function answersWith(failStop: (count: number) => boolean | 'ignore') {
  return (action: string, _payload: any, count: number): RawAnswer => {
    switch (action) {
      case 'BootNotification':
        return { result: { status: 'Accepted', currentTime: new Date().toISOString(), interval: 0 } };
      case 'Authorize':
        return { result: { idTagInfo: { status: 'Accepted' } } };
      case 'StartTransaction':
        return { result: { transactionId: 42, idTagInfo: { status: 'Accepted' } } };
      case 'StopTransaction':
        switch (failStop(count)) {
          case 'ignore':
            return { ignore: true };
          case true:
            return { error: 'InternalError' };
          default:
            return { result: {} };
        }
      default:
        return { result: {} };
    }
  };
}

describe('WebSocketPingInterval', () => {
  it('answers RebootRequired, and the charger pings the central system from its next boot', async () => {
    const cs = await rawCentralSystem(answersWith(() => false));
    cleanups.push(cs.close);
    const h = await harness({}, cs.url).boot();
    expect(h.vcp.config.change('WebSocketPingInterval', '10')).toEqual({ status: 'RebootRequired' });
    await h.advance(30_000, 1_000);
    expect(cs.pings()).toBe(0);
    h.vcp.powerCycle();
    await h.advanceUntil(() => h.vcp.isAccepted, 250);
    await h.advance(25_000, 1_000);
    await waitFor(() => cs.pings() >= 2);
  });
});

describe('transaction message retries (a raw central system that answers CALLERROR, or nothing)', () => {
  it('TransactionMessageRetryInterval × attempt between tries; delivered on the third', async () => {
    const cs = await rawCentralSystem(answersWith((count) => count <= 2));
    cleanups.push(cs.close);
    const h = await harness({}, cs.url).boot();
    h.vcp.config.change('TransactionMessageAttempts', '3');
    h.vcp.config.change('TransactionMessageRetryInterval', '10');
    h.vcp.plug(1);
    await h.vcp.presentIdTag(1, 'T-RETRY-1');
    await h.quiet();
    const m = h.mark();
    h.vcp.unplug(1);
    await h.quiet();
    expect(h.since(m)).toEqual(['out CALL StopTransaction(EVDisconnected)', 'in CALLERROR StopTransaction(InternalError)', ...roundTrip('StatusNotification(1:Available)')]);
    await h.advance(9_900);
    expect(h.sent(m)).toEqual(['StopTransaction(EVDisconnected)', 'StatusNotification(1:Available)']);
    await h.advance(100);
    // Second attempt after 10 s, third after another 20 s.
    await h.advance(19_900);
    expect(h.sent(m)).toEqual(['StopTransaction(EVDisconnected)', 'StatusNotification(1:Available)', 'StopTransaction(EVDisconnected)']);
    await h.advance(100);
    expect(h.since(m).slice(4)).toEqual([
      'out CALL StopTransaction(EVDisconnected)',
      'in CALLERROR StopTransaction(InternalError)',
      'out CALL StopTransaction(EVDisconnected)',
      'in CALLRESULT StopTransaction',
    ]);
    expect(h.payloads('StopTransaction', m).map((p) => p.transactionId)).toEqual([42, 42, 42]);
    expect(h.vcp.view().queuedMessages).toBe(0);
  });

  it('an unanswered StopTransaction counts as a failed attempt too: sent again after the retry interval', async () => {
    const cs = await rawCentralSystem(answersWith((count) => (count === 1 ? 'ignore' : false)));
    cleanups.push(cs.close);
    const h = await harness({}, cs.url, 300).boot();
    h.vcp.config.change('TransactionMessageRetryInterval', '10');
    h.vcp.plug(1);
    await h.vcp.presentIdTag(1, 'T-RETRY-4');
    await h.quiet();
    const m = h.mark();
    h.vcp.unplug(1);
    // The call times out (300 ms of real time); the status waits behind it.
    await h.waitFor('out CALL StatusNotification(1:Available)', m, 2_000);
    await h.quiet();
    expect(h.since(m)).toEqual(['out CALL StopTransaction(EVDisconnected)', ...roundTrip('StatusNotification(1:Available)')]);
    await h.advance(10_000);
    expect(h.since(m).slice(3)).toEqual(roundTrip('StopTransaction(EVDisconnected)'));
    expect(h.vcp.view().queuedMessages).toBe(0);
  });

  it('gives up after TransactionMessageAttempts and goes on with the next message', async () => {
    const cs = await rawCentralSystem(answersWith(() => true));
    cleanups.push(cs.close);
    const h = await harness({}, cs.url).boot();
    h.vcp.config.change('TransactionMessageAttempts', '2');
    h.vcp.config.change('TransactionMessageRetryInterval', '5');
    h.vcp.plug(1);
    await h.vcp.presentIdTag(1, 'T-RETRY-2');
    await h.quiet();
    const m = h.mark();
    h.vcp.unplug(1);
    await h.quiet();
    h.vcp.plug(2);
    await h.vcp.presentIdTag(2, 'T-RETRY-3');
    await h.advance(5_000);
    // The new session's StartTransaction waits behind the StopTransaction being retried; its status does not.
    expect(h.sent(m)).toEqual([
      'StopTransaction(EVDisconnected)',
      'StatusNotification(1:Available)',
      'StatusNotification(2:Preparing)',
      'Authorize(T-RETRY-3)',
      'StatusNotification(2:Charging)',
      'StopTransaction(EVDisconnected)',
      'StartTransaction(2:T-RETRY-3)',
    ]);
    expect(h.vcp.view()).toMatchObject({ queuedMessages: 0, lastError: 'StopTransaction was not accepted after 2 attempts; dropped' });
  });
});

describe('boot Pending and Rejected', () => {
  it('Pending: BootNotification again after the interval; nothing else but what is triggered until Accepted', async () => {
    const id = suite.nextId();
    expect((await suite.tb.request('POST', '/api/chargers', { id, bootPolicy: 'Pending' })).status).toBe(201);
    const h = new VcpHarness(suite.tb, { id, connectors: 2 });
    suite.track(h);
    h.vcp.start();
    await h.until(() => h.vcp.view().registration === 'Pending');
    await h.quiet();
    expect(h.since(0)).toEqual(roundTrip('BootNotification', 'Pending'));
    h.vcp.plug(1);
    await h.advance(30_000);
    expect(h.since(0)).toEqual(roundTrip('BootNotification', 'Pending'));
    // The central system may ask for a status while Pending.
    let m = h.mark();
    await h.op('TriggerMessage', { requestedMessage: 'StatusNotification', connectorId: 1 });
    expect(h.since(m)).toEqual([...answered('TriggerMessage(StatusNotification)', 'Accepted'), ...roundTrip('StatusNotification(1:Preparing)')]);
    m = h.mark();
    await h.advance(30_000);
    expect(h.since(m)).toEqual(roundTrip('BootNotification', 'Pending'));

    await suite.tb.request('PATCH', `/api/chargers/${id}`, { bootPolicy: 'Accepted' });
    m = h.mark();
    await h.advance(59_000);
    expect(h.since(m)).toEqual([]);
    await h.advance(1_000);
    expect(h.since(m)).toEqual([
      ...roundTrip('BootNotification', 'Accepted'),
      ...roundTrip('StatusNotification(0:Available)'),
      ...roundTrip('StatusNotification(1:Preparing)'),
      ...roundTrip('StatusNotification(2:Available)'),
    ]);
    await h.advance(60_000);
    expect(h.sent(m).at(-1)).toBe('Heartbeat');
    expect((await suite.tb.request('GET', `/api/chargers/${id}`)).body).toMatchObject({ registrationStatus: 'Accepted', bootPolicy: 'Accepted' });
  });

  it('Rejected (the bench default): silent to the central system, BootNotification again after the interval', async () => {
    await suite.tb.request('PATCH', '/api/settings', { defaultBootStatus: 'Rejected' });
    const h = harness();
    try {
      h.vcp.start();
      await h.until(() => h.vcp.view().registration === 'Rejected');
      await h.quiet();
      expect(h.since(0)).toEqual(roundTrip('BootNotification', 'Rejected'));
      // A rejected charger does not answer the central system.
      const res = await suite.tb.request('POST', `/api/chargers/${h.id}/operations/GetConfiguration?timeout=1`, {});
      expect(res.body).toMatchObject({ outcome: 'timeout' });
      h.vcp.plug(1);
      const m = h.mark();
      await h.advance(60_000);
      expect(h.since(m)).toEqual(roundTrip('BootNotification', 'Rejected'));
    } finally {
      await suite.tb.request('PATCH', '/api/settings', { defaultBootStatus: 'Accepted' });
    }
    const m = h.mark();
    await h.advance(60_000);
    expect(h.since(m)).toEqual([
      ...roundTrip('BootNotification', 'Accepted'),
      ...roundTrip('StatusNotification(0:Available)'),
      ...roundTrip('StatusNotification(1:Preparing)'),
      ...roundTrip('StatusNotification(2:Available)'),
    ]);
  });
});
