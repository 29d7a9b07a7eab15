// The virtual charge point against ChargeBench's own central system: every physical action, with the
// frames it causes in order, and what the bench recorded of it.
import { describe, expect, it } from 'vitest';
import { benchSuite, roundTrip, session } from '../helpers/vcp-harness';

const suite = benchSuite('VCP-A');
const { charger } = suite;

describe('virtual charger physical actions against the bench', () => {
  it('boots: BootNotification, then the status of connector 0 and of each connector', async () => {
    const h = await charger();
    expect(h.since(0)).toEqual([
      ...roundTrip('BootNotification', 'Accepted'),
      ...roundTrip('StatusNotification(0:Available)'),
      ...roundTrip('StatusNotification(1:Available)'),
      ...roundTrip('StatusNotification(2:Available)'),
    ]);
    expect(h.payloads('BootNotification')[0]).toMatchObject({ chargePointVendor: 'ChargeBench', chargePointModel: 'Virtual AC', firmwareVersion: '1.0.0' });
    expect(await h.benchStatuses()).toEqual([
      [0, 'Available', 'NoError'],
      [1, 'Available', 'NoError'],
      [2, 'Available', 'NoError'],
    ]);
    const bench = (await suite.tb.request('GET', `/api/chargers/${h.id}`)).body;
    expect(bench).toMatchObject({ connected: true, registrationStatus: 'Accepted', boot: { firmwareVersion: '1.0.0' } });
  });

  it('plug, present-id-tag (start), present-id-tag (stop), unplug', async () => {
    const h = await charger();
    let m = h.mark();
    h.vcp.plug(1);
    await h.quiet();
    expect(h.since(m)).toEqual(roundTrip('StatusNotification(1:Preparing)'));

    m = h.mark();
    expect(await h.vcp.presentIdTag(1, 'A-TAG-1')).toMatchObject({ accepted: true, confirmed: true, message: expect.stringMatching(/^Transaction \d+ started on connector 1$/) });
    await h.quiet();
    expect(h.since(m)).toEqual([...roundTrip('Authorize(A-TAG-1)', 'Accepted'), ...roundTrip('StartTransaction(1:A-TAG-1)', 'Accepted'), ...roundTrip('StatusNotification(1:Charging)')]);
    const start = h.payloads('StartTransaction', m)[0];
    expect(start).toMatchObject({ connectorId: 1, idTag: 'A-TAG-1', meterStart: 0, timestamp: h.iso() });
    expect(start.reservationId).toBeUndefined();
    expect(await h.benchStatuses()).toContainEqual([1, 'Charging', 'NoError']);
    const [tx] = await h.benchTransactions();
    expect(tx).toMatchObject({ connectorId: 1, idTag: 'A-TAG-1', active: true, meterStart: 0 });
    expect(h.vcp.view().connectors[0].transaction?.transactionId).toBe(tx.transactionId);

    // 30 minutes at 22 kW; the periodic meter values (every 60 s) go out meanwhile.
    await h.advance(30 * 60_000);
    m = h.mark();
    expect(await h.vcp.presentIdTag(1, 'A-TAG-1')).toMatchObject({ accepted: true });
    await h.quiet();
    expect(h.since(m)).toEqual([...roundTrip('StopTransaction(Local)', 'Accepted'), ...roundTrip('StatusNotification(1:Finishing)')]);
    expect(h.payloads('StopTransaction', m)[0]).toMatchObject({ transactionId: tx.transactionId, idTag: 'A-TAG-1', meterStop: 11_000, reason: 'Local' });

    m = h.mark();
    h.vcp.unplug(1);
    await h.quiet();
    expect(h.since(m)).toEqual(roundTrip('StatusNotification(1:Available)'));
    const [done] = await h.benchTransactions();
    expect(done).toMatchObject({ transactionId: tx.transactionId, active: false, meterStop: 11_000, energyWh: 11_000, stopReason: 'Local', stopIdTag: 'A-TAG-1' });
    expect(await h.benchStatuses()).toContainEqual([1, 'Available', 'NoError']);
  });

  it('a card first, then the cable: Authorize and Preparing, StartTransaction once plugged', async () => {
    const h = await charger();
    const m = h.mark();
    expect(await h.vcp.presentIdTag(2, 'A-TAG-2')).toMatchObject({ accepted: true, message: 'Card A-TAG-2 accepted: plug in the cable within 60 s' });
    await h.quiet();
    h.vcp.plug(2);
    await h.quiet();
    expect(h.sent(m)).toEqual(['Authorize(A-TAG-2)', 'StatusNotification(2:Preparing)', 'StartTransaction(2:A-TAG-2)', 'StatusNotification(2:Charging)']);
  });

  it('a card that is not the one that started the session does not stop it', async () => {
    const h = await charger();
    await session(h, 'A-TAG-OWNER');
    const m = h.mark();
    expect(await h.vcp.presentIdTag(1, 'A-TAG-OTHER')).toMatchObject({ accepted: false, status: 'Invalid' });
    await h.quiet();
    expect(h.since(m)).toEqual([]);
    expect(h.vcp.view().connectors[0].status).toBe('Charging');
  });

  it('a card the bench does not accept: Authorize answers Blocked, no transaction', async () => {
    expect((await suite.tb.request('POST', '/api/id-tags', { idTag: 'A-BLOCKED', status: 'Blocked' })).status).toBe(201);
    const h = await charger();
    h.vcp.plug(1);
    await h.quiet();
    const m = h.mark();
    expect(await h.vcp.presentIdTag(1, 'A-BLOCKED')).toMatchObject({ accepted: false, status: 'Blocked' });
    await h.quiet();
    expect(h.since(m)).toEqual(roundTrip('Authorize(A-BLOCKED)', 'Blocked'));
    expect(h.vcp.view().connectors[0]).toMatchObject({ status: 'Preparing', transaction: null });
    expect(await h.benchTransactions()).toEqual([]);
  });

  it('a card already charging elsewhere: StartTransaction answered ConcurrentTx, stopped at once (DeAuthorized)', async () => {
    const h = await charger();
    const first = await session(h, 'A-TAG-TWICE', 1);
    h.vcp.plug(2);
    await h.quiet();
    const m = h.mark();
    await h.vcp.presentIdTag(2, 'A-TAG-TWICE');
    await h.quiet();
    expect(h.since(m)).toEqual([
      ...roundTrip('Authorize(A-TAG-TWICE)', 'Accepted'),
      ...roundTrip('StartTransaction(2:A-TAG-TWICE)', 'ConcurrentTx'),
      ...roundTrip('StatusNotification(2:Charging)'),
      ...roundTrip('StopTransaction(DeAuthorized)'),
      ...roundTrip('StatusNotification(2:Finishing)'),
    ]);
    const txs = await h.benchTransactions();
    expect(txs.find((t) => t.transactionId === first)).toMatchObject({ connectorId: 1, active: true });
    expect(txs.find((t) => t.transactionId !== first)).toMatchObject({ connectorId: 2, authStatus: 'ConcurrentTx', active: false, stopReason: 'DeAuthorized' });
  });

  it('authorized but never plugged: back to Available after ConnectionTimeOut', async () => {
    const h = await charger();
    let m = h.mark();
    await h.vcp.presentIdTag(1, 'A-TAG-3');
    await h.quiet();
    expect(h.since(m)).toEqual([...roundTrip('Authorize(A-TAG-3)', 'Accepted'), ...roundTrip('StatusNotification(1:Preparing)')]);
    m = h.mark();
    await h.advance(59_000);
    expect(h.since(m)).toEqual([]);
    await h.advance(1_000);
    expect(h.since(m)).toEqual(roundTrip('StatusNotification(1:Available)'));
    // The cable now is just a cable: no transaction.
    m = h.mark();
    h.vcp.plug(1);
    await h.quiet();
    expect(h.sent(m)).toEqual(['StatusNotification(1:Preparing)']);
    expect(await h.benchTransactions()).toEqual([]);
  });

  it('suspend (SuspendedEV, no energy) and resume (Charging)', async () => {
    const h = await charger();
    await session(h, 'A-TAG-4');
    await h.advance(10 * 60_000);
    let m = h.mark();
    h.vcp.suspend(1);
    await h.quiet();
    expect(h.since(m)).toEqual(roundTrip('StatusNotification(1:SuspendedEV)'));
    const before = h.vcp.view().connectors[0];
    expect(before).toMatchObject({ status: 'SuspendedEV', evSuspended: true, powerW: 0 });
    await h.advance(5 * 60_000);
    expect(h.vcp.view().connectors[0].meterWh).toBe(before.meterWh);
    m = h.mark();
    h.vcp.resume(1);
    await h.quiet();
    expect(h.since(m)).toEqual(roundTrip('StatusNotification(1:Charging)'));
    expect(await h.benchStatuses()).toContainEqual([1, 'Charging', 'NoError']);
  });

  it('fault with an error code (Faulted, errorCode and info) and clear-fault; the charger as a whole too', async () => {
    const h = await charger();
    let m = h.mark();
    h.vcp.setFault(1, 'GroundFailure', 'RCD tripped');
    await h.quiet();
    expect(h.since(m)).toEqual(roundTrip('StatusNotification(1:Faulted/GroundFailure)'));
    expect(h.payloads('StatusNotification', m)[0]).toMatchObject({ connectorId: 1, status: 'Faulted', errorCode: 'GroundFailure', info: 'RCD tripped' });
    expect(await h.benchStatuses()).toContainEqual([1, 'Faulted', 'GroundFailure']);
    // A faulted connector refuses cards without asking the central system.
    m = h.mark();
    expect(await h.vcp.presentIdTag(1, 'A-TAG-5')).toMatchObject({ accepted: false, status: 'Rejected' });
    await h.quiet();
    expect(h.since(m)).toEqual([]);
    h.vcp.clearFault(1);
    await h.quiet();
    expect(h.since(m)).toEqual(roundTrip('StatusNotification(1:Available)'));

    m = h.mark();
    h.vcp.setFault(0, 'HighTemperature');
    await h.quiet();
    h.vcp.clearFault(0);
    await h.quiet();
    // A fault of the charger as a whole leaves every connector Faulted too (OCPP 1.6, 4.9).
    expect(h.sent(m)).toEqual([
      'StatusNotification(0:Faulted/HighTemperature)',
      'StatusNotification(1:Faulted/HighTemperature)',
      'StatusNotification(2:Faulted/HighTemperature)',
      'StatusNotification(0:Available)',
      'StatusNotification(1:Available)',
      'StatusNotification(2:Available)',
    ]);
    expect(await h.benchStatuses()).toEqual([
      [0, 'Available', 'NoError'],
      [1, 'Available', 'NoError'],
      [2, 'Available', 'NoError'],
    ]);
  });

  it('unplug during a transaction: StopTransaction EVDisconnected, then Available', async () => {
    const h = await charger();
    await session(h, 'A-TAG-6');
    await h.advance(60_000);
    const m = h.mark();
    h.vcp.unplug(1);
    await h.quiet();
    expect(h.since(m)).toEqual([...roundTrip('StopTransaction(EVDisconnected)'), ...roundTrip('StatusNotification(1:Available)')]);
    const [tx] = await h.benchTransactions();
    expect(tx).toMatchObject({ active: false, stopReason: 'EVDisconnected', meterStart: 0 });
    expect(tx.meterStop).toBe(Math.round((22_000 * 60) / 3600));
  });

  it('drop-connection: reconnects after its back-off and resumes without a new BootNotification', async () => {
    const h = await charger();
    await session(h, 'A-TAG-8');
    const m = h.mark();
    h.vcp.dropConnection();
    await h.until(() => !h.vcp.isConnected);
    await h.advanceUntil(() => h.vcp.isAccepted, 250);
    expect(h.since(m)).toEqual([]);
    expect((await suite.tb.request('GET', `/api/chargers/${h.id}`)).body.connected).toBe(true);
    // The session went on: the next sample is delivered on the new connection.
    await h.advance(60_000);
    expect(h.sent(m)).toEqual(['MeterValues(1:Sample.Periodic)']);
  });

  it('send-malformed: one broken frame goes out; the bench answers it with a CALLERROR and the charger carries on', async () => {
    const h = await charger();
    const m = h.mark();
    h.vcp.sendMalformed();
    await h.quiet();
    // The frame is cut short: no message id can be read from it, so the answer goes to id "-1".
    expect(h.since(m)).toEqual(['out INVALID ?', 'in CALLERROR ?(FormationViolation)']);
    expect(h.frames[m + 1].messageId).toBe('-1');
    expect(h.violations).toEqual(['out INVALID frame']);
    h.violations.length = 0;
    const after = h.mark();
    await h.vcp.presentIdTag(1, 'A-TAG-9');
    await h.quiet();
    expect(h.sent(after)).toEqual(['Authorize(A-TAG-9)', 'StatusNotification(1:Preparing)']);
  });

  it('power-cycle during a transaction: the new BootNotification, statuses, then StopTransaction PowerLoss', async () => {
    const h = await charger();
    await session(h, 'A-TAG-7');
    const [tx] = await h.benchTransactions();
    const m = h.mark();
    h.vcp.powerCycle();
    await h.until(() => !h.vcp.isConnected);
    expect(h.since(m)).toEqual([]);
    await h.advanceUntil(() => h.vcp.isAccepted);
    await h.quiet();
    expect(h.since(m)).toEqual([
      ...roundTrip('BootNotification', 'Accepted'),
      ...roundTrip('StatusNotification(0:Available)'),
      ...roundTrip('StatusNotification(1:Preparing)'),
      ...roundTrip('StatusNotification(2:Available)'),
      // No idTag in the request, so no idTagInfo in the answer.
      ...roundTrip('StopTransaction(PowerLoss)'),
    ]);
    expect(h.payloads('StopTransaction', m)[0]).toMatchObject({ transactionId: tx.transactionId, reason: 'PowerLoss' });
    const [done] = await h.benchTransactions();
    expect(done).toMatchObject({ transactionId: tx.transactionId, active: false, stopReason: 'PowerLoss' });
  });
});
