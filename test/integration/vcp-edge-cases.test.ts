// Edge cases of the virtual charge point a review found broken, each pinned against ChargeBench's own
// central system: races around power cycles, firmware names, the AuthorizationKey across restarts,
// reservations (parent tags, connector 0, power loss), offline and invalid-id authorization, availability
// and timeouts of a presented card, boot Pending, and the cable lock after an EV-side disconnect.
import { describe, expect, it } from 'vitest';
import { answered, benchSuite, configure, fileServer, roundTrip, session, VcpHarness } from '../helpers/vcp-harness';
import { VirtualChargePoint } from '../../src/main/virtual-cp/charge-point';
import { VirtualChargerDefinition } from '../../src/shared/api/virtual-chargers';

const suite = benchSuite('VCP-E', async (tb) => {
  // The interval the bench hands out in BootNotification, for Accepted and Pending alike.
  expect((await tb.request('PATCH', '/api/settings', { heartbeatInterval: 60 })).body).toMatchObject({ heartbeatInterval: 60 });
});
const { cleanups, charger, chargerAhead } = suite;

/** What the charger sent, heartbeats left out. */
const sentBut = (h: VcpHarness, from: number) => h.sent(from).filter((s) => s !== 'Heartbeat');

/** A charger the bench answers Pending, started and Pending. */
async function pendingCharger(): Promise<VcpHarness> {
  const id = suite.nextId();
  expect((await suite.tb.request('POST', '/api/chargers', { id, bootPolicy: 'Pending' })).status).toBe(201);
  const h = suite.track(new VcpHarness(suite.tb, { id, connectors: 2 }));
  h.vcp.start();
  await h.until(() => h.vcp.view().registration === 'Pending');
  await h.quiet();
  return h;
}

const wattProfile = (id: number, purpose: string, limitW: number) => ({
  chargingProfileId: id,
  stackLevel: 0,
  chargingProfilePurpose: purpose,
  chargingProfileKind: 'Relative',
  chargingSchedule: { chargingRateUnit: 'W', chargingSchedulePeriod: [{ startPeriod: 0, limit: limitW }] },
});

describe('power and restarts', () => {
  it('a power cycle overtaken by stop() and start(): the new power-on owns the charger, which stays registered and beats', async () => {
    const h = await charger();
    const m = h.mark();
    h.vcp.powerCycle();
    await h.vcp.stop();
    h.vcp.start();
    await h.until(() => h.vcp.isAccepted);
    // The power cycle's 2 s reboot delay runs out: it must not take the connection over again.
    await h.advance(3_000, 500);
    expect(h.vcp.view().connection).toBe('connected');
    expect(h.vcp.isAccepted).toBe(true);
    const beats = h.mark();
    await h.advance(120_000, 10_000);
    expect(h.sent(beats)).toEqual(['Heartbeat', 'Heartbeat']);
    expect(h.sent(m).filter((s) => s === 'BootNotification')).toHaveLength(1);
  });

  it('UpdateFirmware to an 80-character file name, then to a nameless image: the version stays within 50 characters and the charger registers each time', async () => {
    const name = `2.0.0-${'x'.repeat(74)}`;
    expect(name).toHaveLength(80);
    const server = await fileServer({ [`/fw/${name}`]: 'image', '/fw/.bin': 'image' });
    cleanups.push(server.close);
    const h = await charger();
    for (const file of [name, '.bin']) {
      const m = h.mark();
      await h.op('UpdateFirmware', { location: `${server.url}/fw/${file}`, retrieveDate: h.iso() });
      await h.advanceUntil(() => h.since(m).includes('in CALLRESULT BootNotification(Accepted)') && h.vcp.view().firmwareStatus === 'Installed');
      const [boot] = h.payloads('BootNotification', m);
      expect(boot.firmwareVersion.length).toBeLessThanOrEqual(50);
    }
    // The nameless image's version is derived from the 50-character one before it, cut to 50 again.
    expect(h.vcp.view().firmwareVersion).toBe(name.slice(0, 50));
  });

  it("an AuthorizationKey set by ChangeConfiguration survives restarts; the definition's password does not overwrite it", async () => {
    const def = { id: suite.nextId(), connectors: 1, password: 'E-first-password-1' };
    const h = suite.track(new VcpHarness(suite.tb, def));
    await h.boot();
    expect(h.vcp.config.string('AuthorizationKey')).toBe('E-first-password-1');
    await configure(h, 'AuthorizationKey', 'E-second-password-2');
    const restart = (state: ReturnType<VirtualChargePoint['persistentState']>) => new VirtualChargePoint({ definition: VirtualChargerDefinition.parse(def), url: suite.tb.wsUrl(), state });
    const second = restart(h.vcp.persistentState());
    expect(second.config.string('AuthorizationKey')).toBe('E-second-password-2');
    const third = restart(second.persistentState());
    expect(third.config.string('AuthorizationKey')).toBe('E-second-password-2');
  });

  it('a new AuthorizationKey is put to use at once: the charger drops its connection after the answer and logs in with the new password (OCTT TC_073_CS)', async () => {
    const def = { id: suite.nextId(), connectors: 1, password: 'E-first-password-3' };
    const h = suite.track(new VcpHarness(suite.tb, def));
    await h.boot();
    // The bench expects the new password from the next connection on.
    expect((await suite.tb.request('PATCH', `/api/chargers/${def.id}`, { password: 'E-second-password-4' })).status).toBe(200);
    const seen: string[] = [];
    const off = suite.tb.bench.bus.subscribe((e) => {
      if ((e.type === 'chargerConnected' || e.type === 'chargerDisconnected' || e.type === 'connectionRefused') && e.chargerId === def.id) seen.push(e.type);
    });
    try {
      expect((await h.op('ChangeConfiguration', { key: 'AuthorizationKey', value: 'E-second-password-4' })).response).toEqual({ status: 'Accepted' });
      await h.advanceUntil(() => seen.includes('chargerConnected') && h.vcp.view().connection === 'connected', 500, 10_000);
      expect(seen).toEqual(['chargerDisconnected', 'chargerConnected']);
    } finally {
      off();
    }
  });

  it('stop() then start(): a reservation made before is forgotten, the connector boots Available', async () => {
    const h = await chargerAhead();
    expect((await h.op('ReserveNow', { connectorId: 1, expiryDate: h.iso(3_600_000), idTag: 'E-RES-10', reservationId: 1001 })).response).toEqual({ status: 'Accepted' });
    expect(h.vcp.view().connectors[0].status).toBe('Reserved');
    await h.vcp.stop();
    const m = h.mark();
    await h.boot();
    expect(h.sent(m)).toEqual(['BootNotification', 'StatusNotification(0:Available)', 'StatusNotification(1:Available)', 'StatusNotification(2:Available)']);
    expect(h.vcp.view().connectors[0]).toMatchObject({ status: 'Available', reservation: null });
  });
});

describe('reservations', () => {
  it('a reservation with a parentIdTag (TC_053): a card of the same parent starts on it, with the reservationId', async () => {
    expect((await suite.tb.request('POST', '/api/id-tags', { idTag: 'E-CHILD', status: 'Accepted', parentIdTag: 'E-PARENT' })).status).toBe(201);
    cleanups.push(async () => void (await suite.tb.request('DELETE', '/api/id-tags/E-CHILD')));
    const h = await chargerAhead();
    await h.op('ReserveNow', { connectorId: 1, expiryDate: h.iso(3_600_000), idTag: 'E-OTHER', parentIdTag: 'E-PARENT', reservationId: 401 });
    const m = h.mark();
    expect((await h.vcp.presentIdTag(1, 'E-CHILD')).accepted).toBe(true);
    h.vcp.plug(1);
    await h.quiet();
    expect(h.sent(m)).toEqual(['Authorize(E-CHILD)', 'StatusNotification(1:Preparing)', 'StartTransaction(1:E-CHILD)', 'StatusNotification(1:Charging)']);
    expect(h.payloads('StartTransaction', m)[0]).toMatchObject({ connectorId: 1, idTag: 'E-CHILD', reservationId: 401 });
  });

  it('the reserving card before the cable (TC_046_1): Reserved, Preparing, then Charging on plug', async () => {
    const h = await chargerAhead();
    let m = h.mark();
    await h.op('ReserveNow', { connectorId: 1, expiryDate: h.iso(3_600_000), idTag: 'E-RES-5', reservationId: 501 });
    expect(h.sent(m)).toEqual(['StatusNotification(1:Reserved)']);
    m = h.mark();
    expect((await h.vcp.presentIdTag(1, 'E-RES-5')).accepted).toBe(true);
    await h.quiet();
    expect(h.sent(m)).toEqual(['Authorize(E-RES-5)', 'StatusNotification(1:Preparing)']);
    m = h.mark();
    h.vcp.plug(1);
    await h.quiet();
    expect(h.sent(m)).toEqual(['StartTransaction(1:E-RES-5)', 'StatusNotification(1:Charging)']);
    expect(h.payloads('StartTransaction', m)[0]).toMatchObject({ reservationId: 501 });
  });

  it('connector 0 on a one-connector charger: the first reservation Accepted, a second Occupied; a faulted connector answers Faulted', async () => {
    const h = await chargerAhead({ connectors: 1 });
    const m = h.mark();
    expect((await h.op('ReserveNow', { connectorId: 0, expiryDate: h.iso(3_600_000), idTag: 'E-Z-1', reservationId: 1301 })).response).toEqual({ status: 'Accepted' });
    expect(h.since(m)).toEqual([...answered('ReserveNow', 'Accepted'), ...roundTrip('StatusNotification(1:Reserved)')]);
    expect((await h.op('ReserveNow', { connectorId: 0, expiryDate: h.iso(3_600_000), idTag: 'E-Z-2', reservationId: 1302 })).response).toEqual({ status: 'Occupied' });

    const faulted = await chargerAhead({ connectors: 1 });
    faulted.vcp.setFault(1, 'GroundFailure');
    await faulted.quiet();
    expect((await faulted.op('ReserveNow', { connectorId: 0, expiryDate: faulted.iso(3_600_000), idTag: 'E-Z-3', reservationId: 1303 })).response).toEqual({ status: 'Faulted' });
  });
});

describe('authorization', () => {
  it('offline with LocalAuthorizeOffline=false: a card in the authorization cache is refused', async () => {
    const h = await charger();
    await configure(h, 'LocalAuthorizeOffline', 'false');
    // Online: the card is authorized, and cached; the cable never comes, so it times out.
    expect((await h.vcp.presentIdTag(1, 'E-OFF-6')).accepted).toBe(true);
    await h.advance(61_000);
    expect(h.vcp.view().connectors[0].status).toBe('Available');
    h.vcp.setFaults({ offline: true, offlineSeconds: 0 });
    await h.until(() => !h.vcp.isConnected);
    expect(await h.vcp.presentIdTag(1, 'E-OFF-6')).toMatchObject({ accepted: false, status: 'Invalid' });
    expect(h.vcp.view().connectors[0]).toMatchObject({ status: 'Available', authorizedIdTag: null });
  });

  it('StopTransactionOnInvalidId=false (TC_037_2): a ConcurrentTx start keeps running, SuspendedEVSE at 0 W (MaxEnergyOnInvalidId=0)', async () => {
    const h = await charger();
    await configure(h, 'StopTransactionOnInvalidId', 'false');
    await configure(h, 'LocalPreAuthorize', 'true');
    await session(h, 'E-CTX', 1);
    // The card in the charger's local list: no Authorize, so only StartTransaction learns it is busy.
    await h.op('SendLocalList', { listVersion: 1, updateType: 'Full', localAuthorizationList: [{ idTag: 'E-CTX', idTagInfo: { status: 'Accepted' } }] });
    h.vcp.plug(2);
    await h.quiet();
    const m = h.mark();
    // The outcome follows the central system's refusal, though the session goes on (suspended).
    expect(await h.vcp.presentIdTag(2, 'E-CTX')).toMatchObject({
      accepted: false,
      status: 'ConcurrentTx',
      message: expect.stringMatching(/StartTransaction answered ConcurrentTx .*the session stays open but draws no more than MaxEnergyOnInvalidId/),
    });
    await h.quiet();
    expect(h.since(m)).toEqual([...roundTrip('StartTransaction(2:E-CTX)', 'ConcurrentTx'), ...roundTrip('StatusNotification(2:Charging)'), ...roundTrip('StatusNotification(2:SuspendedEVSE)')]);
    await h.advance(60_000);
    expect(h.sent(m).filter((s) => s.startsWith('StopTransaction'))).toEqual([]);
    expect(h.vcp.view().connectors[1]).toMatchObject({ status: 'SuspendedEVSE', powerW: 0, transaction: { idTag: 'E-CTX', energyWh: 0 } });
    expect(await h.benchStatuses()).toContainEqual([2, 'SuspendedEVSE', 'NoError']);
  });
});

describe('a presented card that never starts', () => {
  it('ChangeAvailability Inoperative after the card, then the cable: no StartTransaction, Unavailable', async () => {
    const h = await charger();
    expect((await h.vcp.presentIdTag(1, 'E-AV-8')).accepted).toBe(true);
    await h.quiet();
    expect(h.vcp.view().connectors[0].status).toBe('Preparing');
    const m = h.mark();
    expect((await h.op('ChangeAvailability', { connectorId: 1, type: 'Inoperative' })).response).toEqual({ status: 'Accepted' });
    h.vcp.plug(1);
    await h.quiet();
    expect(h.sent(m).filter((s) => s.startsWith('StartTransaction'))).toEqual([]);
    expect(h.sent(m).at(-1)).toBe('StatusNotification(1:Unavailable)');
    expect(h.vcp.view().connectors[0]).toMatchObject({ status: 'Unavailable', authorizedIdTag: null, transaction: null });
    expect(await h.benchTransactions()).toEqual([]);
    expect(await h.benchStatuses()).toContainEqual([1, 'Unavailable', 'NoError']);
  });

  // No StatusNotification(1:Available) in between (a state the connector never was in), and the status
  // follows the answer.
  it('ChangeAvailability Inoperative after the card: Preparing goes straight to Unavailable, after the answer', async () => {
    const h = await charger();
    await h.vcp.presentIdTag(1, 'E-AV-8B');
    await h.quiet();
    const m = h.mark();
    await h.op('ChangeAvailability', { connectorId: 1, type: 'Inoperative' });
    expect(h.since(m)).toEqual([...answered('ChangeAvailability', 'Accepted'), ...roundTrip('StatusNotification(1:Unavailable)')]);
  });

  it('RemoteStartTransaction with a TxProfile, cable never plugged: after ConnectionTimeOut the profile is gone, the next session charges at full power', async () => {
    const h = await charger();
    const rs = await h.op('RemoteStartTransaction', { connectorId: 1, idTag: 'E-RS-9', chargingProfile: wattProfile(9, 'TxProfile', 6_000) });
    expect(rs.response).toEqual({ status: 'Accepted' });
    const m = h.mark();
    await h.advance(61_000);
    expect(sentBut(h, m)).toEqual(['StatusNotification(1:Available)']);
    // No profile left: the rated current alone.
    expect((await h.op('GetCompositeSchedule', { connectorId: 1, duration: 600 })).response).toMatchObject({
      chargingSchedule: { duration: 600, chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: 31.8, numberPhases: 3 }] },
    });
    await session(h, 'E-RS-9B', 1);
    expect(h.vcp.view().connectors[0].powerW).toBe(22_000);
  });
});

describe('boot Pending', () => {
  it('a triggered BootNotification answered Accepted registers the charger once: no second boot at the Pending interval', async () => {
    const h = await pendingCharger();
    await suite.tb.request('PATCH', `/api/chargers/${h.id}`, { bootPolicy: 'Accepted' });
    const m = h.mark();
    await h.op('TriggerMessage', { requestedMessage: 'BootNotification' });
    expect(h.since(m)).toEqual([
      ...answered('TriggerMessage(BootNotification)', 'Accepted'),
      ...roundTrip('BootNotification', 'Accepted'),
      ...roundTrip('StatusNotification(0:Available)'),
      ...roundTrip('StatusNotification(1:Available)'),
      ...roundTrip('StatusNotification(2:Available)'),
    ]);
    expect(h.vcp.isAccepted).toBe(true);
    // Past the 60 s the Pending answer asked the charger to wait: heartbeats only.
    await h.advance(150_000, 10_000);
    expect(sentBut(h, m)).toEqual(['BootNotification', 'StatusNotification(0:Available)', 'StatusNotification(1:Available)', 'StatusNotification(2:Available)']);
    expect(h.sent(m).filter((s) => s === 'Heartbeat')).toHaveLength(2);
  });

  it('RemoteStartTransaction while Pending is Rejected, and starts nothing', async () => {
    const h = await pendingCharger();
    const m = h.mark();
    expect((await h.op('RemoteStartTransaction', { connectorId: 1, idTag: 'E-RS-12' })).response).toEqual({ status: 'Rejected' });
    h.vcp.plug(1);
    await h.quiet();
    expect(h.since(m)).toEqual(answered('RemoteStartTransaction', 'Rejected'));
    expect(h.vcp.view().connectors[0]).toMatchObject({ authorizedIdTag: null, transaction: null });
  });
});

describe('EV-side disconnect', () => {
  it('UnlockConnectorOnEVSideDisconnect=false (TC_005_2): StopTransaction EVDisconnected, Finishing with the cable locked until the same card', async () => {
    const h = await charger();
    await configure(h, 'UnlockConnectorOnEVSideDisconnect', 'false');
    await session(h, 'E-LOCK-14', 1);
    let m = h.mark();
    h.vcp.unplug(1);
    await h.quiet();
    expect(h.sent(m)).toEqual(['StopTransaction(EVDisconnected)', 'StatusNotification(1:Finishing)']);
    expect((await h.vcp.presentIdTag(1, 'E-LOCK-OTHER')).accepted).toBe(false);
    m = h.mark();
    expect((await h.vcp.presentIdTag(1, 'E-LOCK-14')).accepted).toBe(true);
    await h.quiet();
    expect(h.sent(m)).toEqual(['StatusNotification(1:Available)']);
  });
});
