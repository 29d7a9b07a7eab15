// The virtual charge point against ChargeBench's own central system: each of the 19 central-system
// operations sent through the bench's API, with the frames that follow in order, and the bench's record.
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/main/clock';
import { UNSUPPORTED_FIRMWARE_HEADER } from '../../src/main/virtual-cp/services/firmware';
import { answered, benchSuite, configure, fileServer, roundTrip, session, VcpHarness } from '../helpers/vcp-harness';

const suite = benchSuite('VCP-O');
const { cleanups, charger } = suite;

/** What the charger sent, periodic meter values and heartbeats left out. */
const sentBut = (h: VcpHarness, from: number) => h.sent(from).filter((s) => s !== 'Heartbeat' && !s.startsWith('MeterValues('));

/** The value of one measurand in a MeterValues request. */
function measurand(mv: any, name: string): number {
  const v = mv.meterValue[0].sampledValue.find((s: any) => s.measurand === name);
  return v === undefined ? NaN : Number(v.value);
}

const wattProfile = (id: number, purpose: string, limitW: number, extra: object = {}) => ({
  chargingProfileId: id,
  stackLevel: 0,
  chargingProfilePurpose: purpose,
  chargingProfileKind: 'Relative',
  chargingSchedule: { chargingRateUnit: 'W', chargingSchedulePeriod: [{ startPeriod: 0, limit: limitW }] },
  ...extra,
});

describe('Core: remote start and stop', () => {
  it('RemoteStartTransaction with a connectorId, cable not yet in: Preparing, then StartTransaction on plug', async () => {
    const h = await charger();
    let m = h.mark();
    expect(await h.op('RemoteStartTransaction', { connectorId: 2, idTag: 'O-RS-1' })).toMatchObject({ outcome: 'completed', response: { status: 'Accepted' } });
    expect(h.since(m)).toEqual([...answered('RemoteStartTransaction', 'Accepted'), ...roundTrip('StatusNotification(2:Preparing)')]);
    m = h.mark();
    h.vcp.plug(2);
    await h.quiet();
    expect(h.since(m)).toEqual([...roundTrip('StartTransaction(2:O-RS-1)', 'Accepted'), ...roundTrip('StatusNotification(2:Charging)')]);
    expect(await h.benchTransactions()).toMatchObject([{ connectorId: 2, idTag: 'O-RS-1', active: true }]);
    expect(await h.benchStatuses()).toEqual([
      [0, 'Available', 'NoError'],
      [1, 'Available', 'NoError'],
      [2, 'Charging', 'NoError'],
    ]);
  });

  it('RemoteStartTransaction without a connectorId picks the connector with the cable in', async () => {
    const h = await charger();
    h.vcp.plug(2);
    await h.quiet();
    const m = h.mark();
    expect((await h.op('RemoteStartTransaction', { idTag: 'O-RS-2' })).response).toEqual({ status: 'Accepted' });
    expect(h.since(m)).toEqual([...answered('RemoteStartTransaction', 'Accepted'), ...roundTrip('StartTransaction(2:O-RS-2)', 'Accepted'), ...roundTrip('StatusNotification(2:Charging)')]);
    // Connector 0 and a connector with a session already running are refused.
    expect((await h.op('RemoteStartTransaction', { connectorId: 2, idTag: 'O-RS-3' })).response).toEqual({ status: 'Rejected' });
    expect((await h.op('RemoteStartTransaction', { connectorId: 3, idTag: 'O-RS-3' })).response).toEqual({ status: 'Rejected' });
  });

  it("RemoteStartTransaction with a TxProfile chargingProfile: the session runs at the profile's limit", async () => {
    const h = await charger();
    h.vcp.plug(1);
    await h.quiet();
    const m = h.mark();
    const res = await h.op('RemoteStartTransaction', { connectorId: 1, idTag: 'O-RS-4', chargingProfile: wattProfile(7, 'TxProfile', 11_000) });
    expect(res.response).toEqual({ status: 'Accepted' });
    expect(h.sent(m)).toEqual(['StartTransaction(1:O-RS-4)', 'StatusNotification(1:Charging)']);
    expect(h.vcp.view().connectors[0].powerW).toBe(11_000);
    const composite = await h.op('GetCompositeSchedule', { connectorId: 1, duration: 600, chargingRateUnit: 'W' });
    expect(composite.response).toMatchObject({ status: 'Accepted', connectorId: 1, chargingSchedule: { chargingRateUnit: 'W', chargingSchedulePeriod: [{ startPeriod: 0, limit: 11_000 }] } });
    await h.advance(60_000);
    const [mv] = h.payloads('MeterValues', m);
    expect(measurand(mv, 'Power.Active.Import')).toBe(11_000);
    expect(measurand(mv, 'Energy.Active.Import.Register')).toBe(Math.round((11_000 * 60) / 3600));
    // The TxProfile goes with its transaction.
    const txId = h.vcp.view().connectors[0].transaction!.transactionId!;
    await h.op('RemoteStopTransaction', { transactionId: txId });
    // No profile left: the rated current alone.
    expect((await h.op('GetCompositeSchedule', { connectorId: 1, duration: 600 })).response).toMatchObject({
      chargingSchedule: { duration: 600, chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: 31.8, numberPhases: 3 }] },
    });
  });

  it('RemoteStartTransaction with AuthorizeRemoteTxRequests=true authorizes first', async () => {
    const h = await charger();
    await configure(h, 'AuthorizeRemoteTxRequests', 'true');
    h.vcp.plug(1);
    await h.quiet();
    const m = h.mark();
    await h.op('RemoteStartTransaction', { connectorId: 1, idTag: 'O-RS-5' });
    expect(h.since(m)).toEqual([
      ...answered('RemoteStartTransaction', 'Accepted'),
      ...roundTrip('Authorize(O-RS-5)', 'Accepted'),
      ...roundTrip('StartTransaction(1:O-RS-5)', 'Accepted'),
      ...roundTrip('StatusNotification(1:Charging)'),
    ]);
  });

  it('RemoteStopTransaction: StopTransaction Remote, then Finishing; an unknown transaction is Rejected', async () => {
    const h = await charger();
    const txId = await session(h, 'O-RSTOP-1');
    await h.advance(120_000);
    expect((await h.op('RemoteStopTransaction', { transactionId: txId + 1000 })).response).toEqual({ status: 'Rejected' });
    const m = h.mark();
    expect((await h.op('RemoteStopTransaction', { transactionId: txId })).response).toEqual({ status: 'Accepted' });
    expect(h.since(m)).toEqual([...answered('RemoteStopTransaction', 'Accepted'), ...roundTrip('StopTransaction(Remote)'), ...roundTrip('StatusNotification(1:Finishing)')]);
    expect(h.payloads('StopTransaction', m)[0]).toMatchObject({ transactionId: txId, reason: 'Remote', meterStop: Math.round((22_000 * 120) / 3600) });
    expect(await h.benchTransactions()).toMatchObject([{ transactionId: txId, active: false, stopReason: 'Remote', energyWh: Math.round((22_000 * 120) / 3600) }]);
    expect(await h.benchStatuses()).toContainEqual([1, 'Finishing', 'NoError']);
  });
});

describe('Core: Reset, UnlockConnector, ChangeAvailability', () => {
  it('Reset Soft: StopTransaction SoftReset before going down, then a new BootNotification', async () => {
    const h = await charger();
    const txId = await session(h, 'O-RESET-1');
    const m = h.mark();
    expect((await h.op('Reset', { type: 'Soft' })).response).toEqual({ status: 'Accepted' });
    await h.advanceUntil(() => !h.vcp.isConnected, 100);
    await h.advanceUntil(() => h.vcp.isAccepted);
    expect(h.since(m)).toEqual([
      ...answered('Reset(Soft)', 'Accepted'),
      ...roundTrip('StopTransaction(SoftReset)'),
      ...roundTrip('StatusNotification(1:Finishing)'),
      ...roundTrip('BootNotification', 'Accepted'),
      ...roundTrip('StatusNotification(0:Available)'),
      ...roundTrip('StatusNotification(1:Preparing)'),
      ...roundTrip('StatusNotification(2:Available)'),
    ]);
    expect(await h.benchTransactions()).toMatchObject([{ transactionId: txId, active: false, stopReason: 'SoftReset' }]);
  });

  it('Reset Hard: down at once, then BootNotification, statuses and StopTransaction HardReset', async () => {
    const h = await charger();
    const txId = await session(h, 'O-RESET-2');
    const m = h.mark();
    expect((await h.op('Reset', { type: 'Hard' })).response).toEqual({ status: 'Accepted' });
    await h.until(() => !h.vcp.isConnected);
    await h.advanceUntil(() => h.vcp.isAccepted);
    expect(h.since(m)).toEqual([
      ...answered('Reset(Hard)', 'Accepted'),
      ...roundTrip('BootNotification', 'Accepted'),
      ...roundTrip('StatusNotification(0:Available)'),
      ...roundTrip('StatusNotification(1:Preparing)'),
      ...roundTrip('StatusNotification(2:Available)'),
      ...roundTrip('StopTransaction(HardReset)'),
    ]);
    expect(await h.benchTransactions()).toMatchObject([{ transactionId: txId, active: false, stopReason: 'HardReset' }]);
  });

  it('UnlockConnector: during a transaction StopTransaction UnlockCommand, then Unlocked; no such connector: NotSupported', async () => {
    const h = await charger();
    let m = h.mark();
    expect((await h.op('UnlockConnector', { connectorId: 2 })).response).toEqual({ status: 'Unlocked' });
    expect(h.since(m)).toEqual(answered('UnlockConnector', 'Unlocked'));
    expect((await h.op('UnlockConnector', { connectorId: 3 })).response).toEqual({ status: 'NotSupported' });

    const txId = await session(h, 'O-UNLOCK-1');
    m = h.mark();
    expect((await h.op('UnlockConnector', { connectorId: 1 })).response).toEqual({ status: 'Unlocked' });
    expect(h.since(m)).toEqual([
      'in CALL UnlockConnector',
      'out CALL StopTransaction(UnlockCommand)',
      'out CALLRESULT UnlockConnector(Unlocked)',
      'in CALLRESULT StopTransaction',
      ...roundTrip('StatusNotification(1:Finishing)'),
    ]);
    expect(await h.benchTransactions()).toMatchObject([{ transactionId: txId, active: false, stopReason: 'UnlockCommand' }]);
  });

  it('ChangeAvailability of a connector: Unavailable and back; during a transaction Scheduled, applied when it ends', async () => {
    const h = await charger();
    let m = h.mark();
    expect((await h.op('ChangeAvailability', { connectorId: 2, type: 'Inoperative' })).response).toEqual({ status: 'Accepted' });
    expect(h.since(m)).toEqual([...answered('ChangeAvailability', 'Accepted'), ...roundTrip('StatusNotification(2:Unavailable)')]);
    expect(await h.benchStatuses()).toContainEqual([2, 'Unavailable', 'NoError']);
    // An unavailable connector refuses cards and remote starts.
    expect((await h.vcp.presentIdTag(2, 'O-AV-0')).accepted).toBe(false);
    expect((await h.op('RemoteStartTransaction', { connectorId: 2, idTag: 'O-AV-0' })).response).toEqual({ status: 'Rejected' });
    m = h.mark();
    await h.op('ChangeAvailability', { connectorId: 2, type: 'Operative' });
    expect(h.sent(m)).toEqual(['StatusNotification(2:Available)']);

    const txId = await session(h, 'O-AV-1');
    m = h.mark();
    expect((await h.op('ChangeAvailability', { connectorId: 1, type: 'Inoperative' })).response).toEqual({ status: 'Scheduled' });
    expect(h.since(m)).toEqual(answered('ChangeAvailability', 'Scheduled'));
    await h.op('RemoteStopTransaction', { transactionId: txId });
    h.vcp.unplug(1);
    await h.quiet();
    expect(h.sent(m)).toEqual(['StopTransaction(Remote)', 'StatusNotification(1:Finishing)', 'StatusNotification(1:Unavailable)']);
    expect(await h.benchStatuses()).toContainEqual([1, 'Unavailable', 'NoError']);
  });

  it('ChangeAvailability of connector 0: the whole charger, scheduled while a transaction runs', async () => {
    const h = await charger();
    let m = h.mark();
    expect((await h.op('ChangeAvailability', { connectorId: 0, type: 'Inoperative' })).response).toEqual({ status: 'Accepted' });
    expect(h.sent(m)).toEqual(['StatusNotification(0:Unavailable)', 'StatusNotification(1:Unavailable)', 'StatusNotification(2:Unavailable)']);
    expect(await h.benchStatuses()).toEqual([
      [0, 'Unavailable', 'NoError'],
      [1, 'Unavailable', 'NoError'],
      [2, 'Unavailable', 'NoError'],
    ]);
    m = h.mark();
    await h.op('ChangeAvailability', { connectorId: 0, type: 'Operative' });
    expect(h.sent(m)).toEqual(['StatusNotification(0:Available)', 'StatusNotification(1:Available)', 'StatusNotification(2:Available)']);

    const txId = await session(h, 'O-AV-2');
    m = h.mark();
    expect((await h.op('ChangeAvailability', { connectorId: 0, type: 'Inoperative' })).response).toEqual({ status: 'Scheduled' });
    // The free connector follows at once; the charger and the busy connector when the session ends.
    expect(h.sent(m)).toEqual(['StatusNotification(2:Unavailable)']);
    m = h.mark();
    await h.op('RemoteStopTransaction', { transactionId: txId });
    h.vcp.unplug(1);
    await h.quiet();
    expect(h.sent(m)).toEqual(['StopTransaction(Remote)', 'StatusNotification(0:Unavailable)', 'StatusNotification(1:Finishing)', 'StatusNotification(1:Unavailable)']);
    expect(await h.benchStatuses()).toEqual([
      [0, 'Unavailable', 'NoError'],
      [1, 'Unavailable', 'NoError'],
      [2, 'Unavailable', 'NoError'],
    ]);
  });
});

describe('Core: configuration, cache, DataTransfer', () => {
  it('GetConfiguration and ChangeConfiguration: Accepted, Rejected (read-only), NotSupported (unknown), the value then visible', async () => {
    const h = await charger();
    const all = (await h.op('GetConfiguration', {})).response;
    expect(all.configurationKey.map((k: any) => k.key)).toEqual(expect.arrayContaining(['HeartbeatInterval', 'MeterValueSampleInterval', 'NumberOfConnectors', 'ReserveConnectorZeroSupported']));
    expect(all.configurationKey.find((k: any) => k.key === 'NumberOfConnectors')).toEqual({ key: 'NumberOfConnectors', readonly: true, value: '2' });
    // The bench's heartbeat interval came with the BootNotification answer.
    expect((await h.op('GetConfiguration', { key: ['HeartbeatInterval', 'NoSuchKey'] })).response).toEqual({
      configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '300' }],
      unknownKey: ['NoSuchKey'],
    });

    const m = h.mark();
    expect((await h.op('ChangeConfiguration', { key: 'MeterValueSampleInterval', value: '30' })).response).toEqual({ status: 'Accepted' });
    expect((await h.op('ChangeConfiguration', { key: 'NumberOfConnectors', value: '5' })).response).toEqual({ status: 'Rejected' });
    expect((await h.op('ChangeConfiguration', { key: 'NoSuchKey', value: '1' })).response).toEqual({ status: 'NotSupported' });
    expect((await h.op('ChangeConfiguration', { key: 'HeartbeatInterval', value: 'soon' })).response).toEqual({ status: 'Rejected' });
    expect(h.since(m, { results: false })).toEqual(['in CALL ChangeConfiguration', 'in CALL ChangeConfiguration', 'in CALL ChangeConfiguration', 'in CALL ChangeConfiguration']);
    expect((await h.op('GetConfiguration', { key: ['MeterValueSampleInterval', 'NumberOfConnectors'] })).response.configurationKey).toEqual([
      { key: 'MeterValueSampleInterval', readonly: false, value: '30' },
      { key: 'NumberOfConnectors', readonly: true, value: '2' },
    ]);
    // The new interval is what the charger samples at.
    await session(h, 'O-CFG-1');
    const s = h.mark();
    await h.advance(30_000);
    expect(h.sent(s)).toEqual(['MeterValues(1:Sample.Periodic)']);
  });

  it('ClearCache: a cached card needs an Authorize again', async () => {
    const h = await charger();
    await configure(h, 'LocalPreAuthorize', 'true');
    let m = h.mark();
    await h.vcp.presentIdTag(1, 'O-CACHE-1');
    await h.advance(60_000);
    // Cached now: no Authorize the second time.
    await h.vcp.presentIdTag(1, 'O-CACHE-1');
    await h.advance(60_000);
    expect(h.sent(m)).toEqual(['Authorize(O-CACHE-1)', 'StatusNotification(1:Preparing)', 'StatusNotification(1:Available)', 'StatusNotification(1:Preparing)', 'StatusNotification(1:Available)']);
    m = h.mark();
    expect((await h.op('ClearCache', {})).response).toEqual({ status: 'Accepted' });
    await h.vcp.presentIdTag(1, 'O-CACHE-1');
    await h.quiet();
    expect(h.since(m)).toEqual([...answered('ClearCache', 'Accepted'), ...roundTrip('Authorize(O-CACHE-1)', 'Accepted'), ...roundTrip('StatusNotification(1:Preparing)')]);
  });

  it('DataTransfer: ChargeBench/echo answers Accepted with the data; other vendors and messages are unknown', async () => {
    const h = await charger();
    const m = h.mark();
    expect((await h.op('DataTransfer', { vendorId: 'ChargeBench', messageId: 'echo', data: '{"ping":1}' })).response).toEqual({ status: 'Accepted', data: '{"ping":1}' });
    expect((await h.op('DataTransfer', { vendorId: 'ChargeBench', messageId: 'reboot' })).response).toEqual({ status: 'UnknownMessageId' });
    expect((await h.op('DataTransfer', { vendorId: 'com.example', messageId: 'echo' })).response).toEqual({ status: 'UnknownVendorId' });
    expect(h.since(m)).toEqual([...answered('DataTransfer', 'Accepted'), ...answered('DataTransfer', 'UnknownMessageId'), ...answered('DataTransfer', 'UnknownVendorId')]);
  });
});

describe('LocalAuthListManagement', () => {
  it('GetLocalListVersion and SendLocalList (Full, Differential, VersionMismatch); a listed card starts locally with LocalPreAuthorize', async () => {
    const h = await charger();
    expect((await h.op('GetLocalListVersion', {})).response).toEqual({ listVersion: 0 });
    const full = {
      listVersion: 3,
      updateType: 'Full',
      localAuthorizationList: [
        { idTag: 'O-LL-1', idTagInfo: { status: 'Accepted' } },
        { idTag: 'O-LL-BAD', idTagInfo: { status: 'Blocked' } },
      ],
    };
    expect((await h.op('SendLocalList', full)).response).toEqual({ status: 'Accepted' });
    expect((await h.op('GetLocalListVersion', {})).response).toEqual({ listVersion: 3 });
    expect((await h.op('SendLocalList', { listVersion: 3, updateType: 'Differential', localAuthorizationList: [{ idTag: 'O-LL-2', idTagInfo: { status: 'Accepted' } }] })).response).toEqual({
      status: 'VersionMismatch',
    });
    expect(
      (await h.op('SendLocalList', { listVersion: 4, updateType: 'Differential', localAuthorizationList: [{ idTag: 'O-LL-2', idTagInfo: { status: 'Accepted' } }, { idTag: 'O-LL-1' }] })).response,
    ).toEqual({ status: 'Accepted' });
    expect((await h.op('GetLocalListVersion', {})).response).toEqual({ listVersion: 4 });
    expect(h.vcp.view().localListVersion).toBe(4);

    await configure(h, 'LocalPreAuthorize', 'true');
    h.vcp.plug(1);
    await h.quiet();
    let m = h.mark();
    expect((await h.vcp.presentIdTag(1, 'O-LL-2')).accepted).toBe(true);
    await h.quiet();
    expect(h.since(m)).toEqual([...roundTrip('StartTransaction(1:O-LL-2)', 'Accepted'), ...roundTrip('StatusNotification(1:Charging)')]);
    // O-LL-1 left the list in the differential update: it is asked about.
    h.vcp.plug(2);
    await h.quiet();
    m = h.mark();
    expect((await h.vcp.presentIdTag(2, 'O-LL-1')).accepted).toBe(true);
    await h.quiet();
    expect(h.sent(m)).toEqual(['Authorize(O-LL-1)', 'StartTransaction(2:O-LL-1)', 'StatusNotification(2:Charging)']);
  });
});

describe('Reservation', () => {
  it('ReserveNow: Reserved, other cards refused, back to Available at the expiry', async () => {
    const h = await suite.chargerAhead();
    let m = h.mark();
    expect((await h.op('ReserveNow', { connectorId: 1, expiryDate: h.iso(600_000), idTag: 'O-RES-1', reservationId: 11 })).response).toEqual({ status: 'Accepted' });
    expect(h.since(m)).toEqual([...answered('ReserveNow', 'Accepted'), ...roundTrip('StatusNotification(1:Reserved)')]);
    expect(await h.benchStatuses()).toContainEqual([1, 'Reserved', 'NoError']);
    expect((await h.vcp.presentIdTag(1, 'O-RES-OTHER')).accepted).toBe(false);
    expect((await h.op('ReserveNow', { connectorId: 1, expiryDate: h.iso(600_000), idTag: 'O-RES-2', reservationId: 12 })).response).toEqual({ status: 'Occupied' });
    m = h.mark();
    await h.advance(599_000);
    expect(h.sent(m).filter((s) => s.startsWith('StatusNotification'))).toEqual([]);
    await h.advance(1_000);
    expect(h.sent(m).filter((s) => s.startsWith('StatusNotification'))).toEqual(['StatusNotification(1:Available)']);
    expect(await h.benchStatuses()).toContainEqual([1, 'Available', 'NoError']);
  });

  it('the reserving card starts: StartTransaction carries the reservationId; CancelReservation', async () => {
    const h = await suite.chargerAhead();
    await h.op('ReserveNow', { connectorId: 2, expiryDate: h.iso(3_600_000), idTag: 'O-RES-3', reservationId: 21 });
    await h.op('ReserveNow', { connectorId: 1, expiryDate: h.iso(3_600_000), idTag: 'O-RES-4', reservationId: 22 });
    let m = h.mark();
    h.vcp.plug(2);
    await h.vcp.presentIdTag(2, 'O-RES-3');
    await h.quiet();
    expect(h.sent(m)).toEqual(['StatusNotification(2:Preparing)', 'Authorize(O-RES-3)', 'StartTransaction(2:O-RES-3)', 'StatusNotification(2:Charging)']);
    expect(h.payloads('StartTransaction', m)[0]).toMatchObject({ connectorId: 2, idTag: 'O-RES-3', reservationId: 21 });
    expect(await h.benchTransactions()).toMatchObject([{ connectorId: 2, reservationId: 21 }]);

    m = h.mark();
    expect((await h.op('CancelReservation', { reservationId: 21 })).response).toEqual({ status: 'Rejected' });
    expect((await h.op('CancelReservation', { reservationId: 22 })).response).toEqual({ status: 'Accepted' });
    expect(h.since(m)).toEqual([...answered('CancelReservation', 'Rejected'), ...answered('CancelReservation', 'Accepted'), ...roundTrip('StatusNotification(1:Available)')]);
  });

  it('ReserveNow on connector 0 (ReserveConnectorZeroSupported): holds the last free connector', async () => {
    const h = await suite.chargerAhead();
    expect((await h.op('GetConfiguration', { key: ['ReserveConnectorZeroSupported'] })).response.configurationKey).toEqual([{ key: 'ReserveConnectorZeroSupported', readonly: true, value: 'true' }]);
    let m = h.mark();
    expect((await h.op('ReserveNow', { connectorId: 0, expiryDate: h.iso(3_600_000), idTag: 'O-RES-5', reservationId: 31 })).response).toEqual({ status: 'Accepted' });
    // Two connectors are free: nothing is Reserved yet.
    expect(h.since(m)).toEqual(answered('ReserveNow', 'Accepted'));
    m = h.mark();
    await session(h, 'O-RES-6', 1);
    expect(h.sent(m)).toEqual(['StatusNotification(1:Preparing)', 'StatusNotification(2:Reserved)', 'Authorize(O-RES-6)', 'StartTransaction(1:O-RES-6)', 'StatusNotification(1:Charging)']);
    expect(await h.benchStatuses()).toContainEqual([2, 'Reserved', 'NoError']);
    m = h.mark();
    await session(h, 'O-RES-5', 2);
    expect(h.sent(m)).toEqual(['StatusNotification(2:Preparing)', 'Authorize(O-RES-5)', 'StartTransaction(2:O-RES-5)', 'StatusNotification(2:Charging)']);
    expect(h.payloads('StartTransaction', m)[0]).toMatchObject({ connectorId: 2, reservationId: 31 });
  });

  it('ReserveNow on connector 0 is Rejected where ReserveConnectorZeroSupported is false', async () => {
    const h = new VcpHarness(suite.tb, { id: suite.nextId(), connectors: 1 }, { state: { config: { ReserveConnectorZeroSupported: 'false' } }, clock: new FakeClock(Date.now() + 86_400_000) });
    suite.track(h);
    await h.boot();
    expect((await h.op('GetConfiguration', { key: ['ReserveConnectorZeroSupported'] })).response.configurationKey[0].value).toBe('false');
    expect((await h.op('ReserveNow', { connectorId: 0, expiryDate: h.iso(3_600_000), idTag: 'O-RES-7', reservationId: 41 })).response).toEqual({ status: 'Rejected' });
  });
});

describe('SmartCharging', () => {
  it('a TxDefaultProfile limits the power in MeterValues; limit 0 suspends (SuspendedEVSE); clearing it restores', async () => {
    const h = await charger();
    await session(h, 'O-SC-1');
    let m = h.mark();
    await h.advance(60_000);
    let [mv] = h.payloads('MeterValues', m);
    expect(measurand(mv, 'Power.Active.Import')).toBe(22_000);

    m = h.mark();
    expect((await h.op('SetChargingProfile', { connectorId: 1, csChargingProfiles: wattProfile(1, 'TxDefaultProfile', 7_400) })).response).toEqual({ status: 'Accepted' });
    expect(h.since(m)).toEqual(answered('SetChargingProfile', 'Accepted'));
    expect((await h.op('GetCompositeSchedule', { connectorId: 1, duration: 3600, chargingRateUnit: 'W' })).response).toMatchObject({
      status: 'Accepted',
      chargingSchedule: { chargingRateUnit: 'W', chargingSchedulePeriod: [{ startPeriod: 0, limit: 7_400 }] },
    });
    const e0 = measurand(mv, 'Energy.Active.Import.Register');
    m = h.mark();
    await h.advance(60_000);
    [mv] = h.payloads('MeterValues', m);
    expect(measurand(mv, 'Power.Active.Import')).toBe(7_400);
    expect(measurand(mv, 'Energy.Active.Import.Register') - e0).toBeCloseTo((7_400 * 60) / 3600, -0.5);

    m = h.mark();
    expect((await h.op('SetChargingProfile', { connectorId: 1, csChargingProfiles: { ...wattProfile(2, 'TxDefaultProfile', 0), stackLevel: 1 } })).response).toEqual({ status: 'Accepted' });
    expect(h.since(m)).toEqual([...answered('SetChargingProfile', 'Accepted'), ...roundTrip('StatusNotification(1:SuspendedEVSE)')]);
    expect(await h.benchStatuses()).toContainEqual([1, 'SuspendedEVSE', 'NoError']);
    m = h.mark();
    await h.advance(60_000);
    [mv] = h.payloads('MeterValues', m);
    expect(measurand(mv, 'Power.Active.Import')).toBe(0);

    m = h.mark();
    expect((await h.op('ClearChargingProfile', { id: 2 })).response).toEqual({ status: 'Accepted' });
    expect(h.since(m)).toEqual([...answered('ClearChargingProfile', 'Accepted'), ...roundTrip('StatusNotification(1:Charging)')]);
    expect(h.vcp.view().connectors[0].powerW).toBe(7_400);
    expect((await h.op('ClearChargingProfile', { id: 99 })).response).toEqual({ status: 'Unknown' });
    expect((await h.op('ClearChargingProfile', {})).response).toEqual({ status: 'Accepted' });
    expect(h.vcp.view().connectors[0].powerW).toBe(22_000);
    expect((await h.op('GetCompositeSchedule', { connectorId: 1, duration: 3600 })).response).toEqual({
      status: 'Accepted',
      connectorId: 1,
      scheduleStart: h.iso(),
      chargingSchedule: { startSchedule: h.iso(), ...{ duration: 3600, chargingRateUnit: 'A', chargingSchedulePeriod: [{ startPeriod: 0, limit: 31.8, numberPhases: 3 }] } },
    });
  });
});

describe('SmartCharging across connectors', () => {
  it('a ChargePointMaxProfile caps the charger as a whole: two sessions share it', async () => {
    const h = await charger();
    expect((await h.op('SetChargingProfile', { connectorId: 0, csChargingProfiles: wattProfile(5, 'ChargePointMaxProfile', 10_000) })).response).toEqual({ status: 'Accepted' });
    await session(h, 'O-CPMAX-1', 1);
    expect(h.vcp.view().connectors[0].powerW).toBe(10_000);
    await session(h, 'O-CPMAX-2', 2);
    expect(h.vcp.view().connectors.map((c) => c.powerW)).toEqual([5_000, 5_000]);
    h.vcp.suspend(1);
    expect(h.vcp.view().connectors.map((c) => c.powerW)).toEqual([0, 10_000]);
  });
});

describe('RemoteTrigger', () => {
  it('TriggerMessage: each of the six messages goes out after the Accepted answer', async () => {
    const h = await charger();
    const cases: Array<[object, string[]]> = [
      [{ requestedMessage: 'BootNotification' }, roundTrip('BootNotification', 'Accepted')],
      [{ requestedMessage: 'Heartbeat' }, roundTrip('Heartbeat')],
      [{ requestedMessage: 'DiagnosticsStatusNotification' }, roundTrip('DiagnosticsStatusNotification(Idle)')],
      [{ requestedMessage: 'FirmwareStatusNotification' }, roundTrip('FirmwareStatusNotification(Idle)')],
      [{ requestedMessage: 'StatusNotification', connectorId: 2 }, roundTrip('StatusNotification(2:Available)')],
      [{ requestedMessage: 'StatusNotification' }, [...roundTrip('StatusNotification(0:Available)'), ...roundTrip('StatusNotification(1:Available)'), ...roundTrip('StatusNotification(2:Available)')]],
      [{ requestedMessage: 'MeterValues', connectorId: 1 }, roundTrip('MeterValues(1:Trigger)')],
    ];
    for (const [payload, after] of cases) {
      const m = h.mark();
      expect((await h.op('TriggerMessage', payload)).response).toEqual({ status: 'Accepted' });
      expect(h.since(m)).toEqual([`in CALL TriggerMessage(${(payload as any).requestedMessage})`, 'out CALLRESULT TriggerMessage(Accepted)', ...after]);
    }
    expect((await h.op('TriggerMessage', { requestedMessage: 'StatusNotification', connectorId: 5 })).response).toEqual({ status: 'Rejected' });
    // A triggered MeterValues during a session carries the transaction.
    const txId = await session(h, 'O-TRIG-1');
    const m = h.mark();
    await h.op('TriggerMessage', { requestedMessage: 'MeterValues', connectorId: 1 });
    expect(h.payloads('MeterValues', m)[0]).toMatchObject({ connectorId: 1, transactionId: txId });
    expect(await h.benchMeterValues('?connectorId=1')).toEqual(expect.arrayContaining([expect.objectContaining({ transactionId: txId, context: 'Trigger' })]));
  });
});

describe('FirmwareManagement', () => {
  it('UpdateFirmware from a local server: Downloading, Downloaded, Installing, reboot, BootNotification with the new version, Installed', async () => {
    const server = await fileServer({ '/fw/2.1.0.bin': Buffer.alloc(4096, 7) });
    cleanups.push(server.close);
    const h = await charger();
    const m = h.mark();
    expect((await h.op('UpdateFirmware', { location: `${server.url}/fw/2.1.0.bin`, retrieveDate: h.iso() })).response).toEqual({});
    await h.advanceUntil(() => h.vcp.view().firmwareVersion === '2.1.0' && h.vcp.isAccepted && h.vcp.view().firmwareStatus === 'Installed');
    expect(server.requests).toEqual(['GET /fw/2.1.0.bin']);
    expect(h.since(m)).toEqual([
      ...answered('UpdateFirmware'),
      ...roundTrip('FirmwareStatusNotification(Downloading)'),
      ...roundTrip('FirmwareStatusNotification(Downloaded)'),
      ...roundTrip('FirmwareStatusNotification(Installing)'),
      ...roundTrip('BootNotification', 'Accepted'),
      ...roundTrip('StatusNotification(0:Available)'),
      ...roundTrip('StatusNotification(1:Available)'),
      ...roundTrip('StatusNotification(2:Available)'),
      ...roundTrip('FirmwareStatusNotification(Installed)'),
    ]);
    expect(h.payloads('BootNotification', m)[0].firmwareVersion).toBe('2.1.0');
    expect((await suite.tb.request('GET', `/api/chargers/${h.id}`)).body).toMatchObject({ firmwareStatus: 'Installed', boot: { firmwareVersion: '2.1.0' } });
  });

  it('UpdateFirmware during a session: downloads at once, installs only once the session is over', async () => {
    const server = await fileServer({ '/fw/3.0.0.bin': 'image' });
    cleanups.push(server.close);
    const h = await charger();
    const txId = await session(h, 'O-FW-1');
    const m = h.mark();
    await h.op('UpdateFirmware', { location: `${server.url}/fw/3.0.0.bin`, retrieveDate: h.iso() });
    await h.until(() => h.vcp.view().firmwareStatus === 'Downloaded');
    await h.advance(30_000, 5_000);
    expect(sentBut(h, m)).toEqual(['FirmwareStatusNotification(Downloading)', 'FirmwareStatusNotification(Downloaded)']);
    await h.op('RemoteStopTransaction', { transactionId: txId });
    await h.advanceUntil(() => h.vcp.view().firmwareStatus === 'Installed' && h.vcp.isAccepted);
    expect(sentBut(h, m)).toEqual([
      'FirmwareStatusNotification(Downloading)',
      'FirmwareStatusNotification(Downloaded)',
      'StopTransaction(Remote)',
      'StatusNotification(1:Finishing)',
      'FirmwareStatusNotification(Installing)',
      'BootNotification',
      'StatusNotification(0:Available)',
      'StatusNotification(1:Preparing)',
      'StatusNotification(2:Available)',
      'FirmwareStatusNotification(Installed)',
    ]);
    expect(h.payloads('BootNotification', m)[0].firmwareVersion).toBe('3.0.0');
  });

  it('UpdateFirmware with an image made for other hardware: downloaded, then InstallationFailed, no reboot, the old firmware kept (OCTT TC_044_3_CS)', async () => {
    const server = await fileServer({ '/fw/4.0.0.bin': `${UNSUPPORTED_FIRMWARE_HEADER}\nnot firmware for this charger\n` });
    cleanups.push(server.close);
    const h = await charger();
    const m = h.mark();
    await h.op('UpdateFirmware', { location: `${server.url}/fw/4.0.0.bin`, retrieveDate: h.iso() });
    await h.advanceUntil(() => h.vcp.view().firmwareStatus === 'InstallationFailed', 500);
    expect(sentBut(h, m)).toEqual([
      'FirmwareStatusNotification(Downloading)',
      'FirmwareStatusNotification(Downloaded)',
      'FirmwareStatusNotification(Installing)',
      'FirmwareStatusNotification(InstallationFailed)',
    ]);
    expect(h.vcp.view()).toMatchObject({ firmwareVersion: '1.0.0' });
  });

  it('UpdateFirmware from an unreachable URL: a download per attempt, then DownloadFailed', async () => {
    const h = await charger();
    const m = h.mark();
    await h.op('UpdateFirmware', { location: 'http://127.0.0.1:1/fw/9.9.9.bin', retrieveDate: h.iso(), retries: 2, retryInterval: 10 });
    await h.advanceUntil(() => h.vcp.view().firmwareStatus === 'DownloadFailed', 1_000);
    expect(h.sent(m)).toEqual([
      'FirmwareStatusNotification(Downloading)',
      'FirmwareStatusNotification(Downloading)',
      'FirmwareStatusNotification(Downloading)',
      'FirmwareStatusNotification(DownloadFailed)',
    ]);
    expect(h.vcp.view()).toMatchObject({ firmwareVersion: '1.0.0' });
    expect((await suite.tb.request('GET', `/api/chargers/${h.id}`)).body.firmwareStatus).toBe('DownloadFailed');
  });

  it('GetDiagnostics to a local upload server: Uploading, Uploaded, the file received', async () => {
    const server = await fileServer({});
    cleanups.push(server.close);
    const h = await charger();
    const m = h.mark();
    const res = await h.op('GetDiagnostics', { location: `${server.url}/upload` });
    expect(res.response.fileName).toMatch(/^diagnostics-VCP-O\d+-.*\.txt$/);
    await h.until(() => h.vcp.view().diagnosticsStatus === 'Uploaded');
    await h.quiet();
    expect(h.since(m)).toEqual([...answered('GetDiagnostics'), ...roundTrip('DiagnosticsStatusNotification(Uploading)'), ...roundTrip('DiagnosticsStatusNotification(Uploaded)')]);
    expect(server.uploads).toHaveLength(1);
    expect(server.uploads[0].contentType).toMatch(/^multipart\/form-data/);
    expect(server.uploads[0].body).toContain(`filename="${res.response.fileName}"`);
    expect(server.uploads[0].body).toContain(`ChargeBench virtual charge point ${h.id} diagnostics`);
    expect(server.uploads[0].body).toContain('"BootNotification"');
    expect((await suite.tb.request('GET', `/api/chargers/${h.id}`)).body.diagnosticsStatus).toBe('Uploaded');
  });

  it('GetDiagnostics to an unreachable URL: UploadFailed after the retries', async () => {
    const h = await charger();
    const m = h.mark();
    await h.op('GetDiagnostics', { location: 'http://127.0.0.1:1/upload', retries: 1, retryInterval: 5 });
    await h.advanceUntil(() => h.vcp.view().diagnosticsStatus === 'UploadFailed', 1_000);
    expect(h.sent(m)).toEqual(['DiagnosticsStatusNotification(Uploading)', 'DiagnosticsStatusNotification(Uploading)', 'DiagnosticsStatusNotification(UploadFailed)']);
    expect((await suite.tb.request('GET', `/api/chargers/${h.id}`)).body.diagnosticsStatus).toBe('UploadFailed');
  });
});
