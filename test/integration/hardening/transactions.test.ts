// A transaction belongs to the charger that started it: another charger can neither stop it nor feed it
// meter values, a second stop does not overwrite the first, and an impossible meterStop gives a warning,
// not negative energy. The chargers are answered as the spec says throughout.
import { describe, expect, it } from 'vitest';
import { strictCharger, useTestBench } from '../../helpers/bench';

const tb = useTestBench();
const now = () => new Date().toISOString();

describe('transactions and their charger', () => {
  it('closes in the record a session its charger lost (it rebooted and says Available), once, and keeps a late StopTransaction as a warning', async () => {
    const cp = await strictCharger(tb.wsUrl(), 'LOST-ONE');
    await cp.connect();
    const { transactionId } = await cp.client.call('StartTransaction', { connectorId: 1, idTag: 'TAG', meterStart: 1000, timestamp: now() });
    // The charger reboots without its session.
    await cp.client.call('BootNotification', { chargePointVendor: 'Acme', chargePointModel: 'Wall' });
    await cp.client.call('StatusNotification', { connectorId: 1, status: 'Available', errorCode: 'NoError' });
    const stopped: unknown[] = [];
    const off = tb.bench.bus.subscribe((e) => e.type === 'transactionStopped' && stopped.push(e.transaction));
    const closed = await tb.request('POST', `/api/transactions/${transactionId}/close`);
    off();
    expect(closed).toMatchObject({
      status: 200,
      body: { transactionId, active: false, stopReason: 'Other', energyWh: null, warning: expect.stringContaining('no StopTransaction with its transactionId came') },
    });
    // The UIs hear it as any other end of a session.
    expect(stopped).toEqual([expect.objectContaining({ transactionId, active: false })]);
    expect((await tb.request('GET', `/api/transactions/${transactionId}`)).body).toMatchObject({ active: false, stopReason: 'Other', meterStop: null });
    expect(await tb.request('POST', `/api/transactions/${transactionId}/close`)).toMatchObject({ status: 409, body: { field: 'transactionId' } });
    expect(await tb.request('POST', '/api/transactions/999999/close')).toMatchObject({ status: 404 });
    // The charger finds it after all: its stop is answered and kept beside the closed session, not over it.
    expect(await cp.client.call('StopTransaction', { transactionId, meterStop: 4000, timestamp: now(), reason: 'PowerLoss' })).toEqual({});
    expect((await tb.request('GET', `/api/transactions/${transactionId}`)).body).toMatchObject({ stopReason: 'Other', meterStop: null });
    const events = (await tb.request('GET', '/api/charger-events?chargerId=LOST-ONE')).body as Array<{ action: string; data: { warning?: string } }>;
    expect(events.map((e) => e.action)).toEqual(['StopTransaction', 'TransactionClosed']);
    // One the charger reports as charging is not lost: it is refused, saying how to stop it.
    const running = await cp.client.call('StartTransaction', { connectorId: 2, idTag: 'TAG', meterStart: 0, timestamp: now() });
    await cp.client.call('StatusNotification', { connectorId: 2, status: 'Charging', errorCode: 'NoError' });
    await tb.bench.record.settled();
    expect(await tb.request('POST', `/api/transactions/${running.transactionId}/close`)).toMatchObject({ status: 409, body: { error: expect.stringContaining('reports Charging') } });
    // Stopped by the charger a moment ago (perhaps not in SQLite yet): already ended.
    await cp.client.call('StopTransaction', { transactionId: running.transactionId, meterStop: 100, timestamp: now(), reason: 'Local' });
    expect(await tb.request('POST', `/api/transactions/${running.transactionId}/close`)).toMatchObject({ status: 409, body: { error: expect.stringContaining('already ended') } });
    expect(cp.violations).toEqual([]);
    await cp.client.close();
  });

  it("applies StopTransaction and MeterValues only to the charger's own transactions, keeping the first stop", async () => {
    const a = await strictCharger(tb.wsUrl(), 'OWNER');
    const b = await strictCharger(tb.wsUrl(), 'INTRUDER');
    await a.connect();
    await b.connect();
    const { transactionId } = await a.client.call('StartTransaction', { connectorId: 1, idTag: 'TAG', meterStart: 1000, timestamp: now() });

    // Another charger's stop and meter values: answered, not applied, recorded as warnings.
    expect(await b.client.call('StopTransaction', { transactionId, meterStop: 0, timestamp: now(), reason: 'Local' })).toEqual({});
    await b.client.call('MeterValues', { connectorId: 1, transactionId, meterValue: [{ timestamp: now(), sampledValue: [{ value: '999999' }] }] });
    let tx = (await tb.request('GET', `/api/transactions/${transactionId}`)).body;
    expect(tx).toMatchObject({ active: true, meterStop: null });
    expect(tx.meterValues).toEqual([]);
    const events = (await tb.request('GET', '/api/charger-events?chargerId=INTRUDER')).body as Array<{ action: string; data: { warning: string } }>;
    expect(events.map((e) => e.data.warning)).toEqual([
      expect.stringContaining(`MeterValues from INTRUDER for transaction ${transactionId}, which belongs to charger OWNER`),
      expect.stringContaining(`StopTransaction from INTRUDER for transaction ${transactionId}, which belongs to charger OWNER`),
    ]);
    // The intruder's readings are kept as its own, not the transaction's.
    const own = (await tb.request('GET', '/api/chargers/INTRUDER/meter-values')).body as Array<{ transactionId: number | null; value: string }>;
    expect(own).toEqual([expect.objectContaining({ transactionId: null, value: '999999' })]);

    // The owner's stop applies; a second stop is answered but keeps the first.
    await a.client.call('StopTransaction', { transactionId, meterStop: 5000, timestamp: now(), reason: 'Local' });
    await a.client.call('StopTransaction', { transactionId, meterStop: 9000, timestamp: now(), reason: 'Remote' });
    tx = (await tb.request('GET', `/api/transactions/${transactionId}`)).body;
    expect(tx).toMatchObject({ active: false, meterStop: 5000, energyWh: 4000, stopReason: 'Local' });
    const ownerEvents = (await tb.request('GET', '/api/charger-events?chargerId=OWNER')).body as Array<{ data: { warning: string } }>;
    expect(ownerEvents[0].data.warning).toContain('already stopped: the first stop is kept');
    // Late meter values of its own stopped transaction still belong to it.
    await a.client.call('MeterValues', { connectorId: 1, transactionId, meterValue: [{ timestamp: now(), sampledValue: [{ value: '5000' }] }] });
    expect((await tb.request('GET', `/api/transactions/${transactionId}`)).body.meterValues).toHaveLength(1);

    // A stop for an id the bench never gave out.
    await a.client.call('StopTransaction', { transactionId: 987654, meterStop: 1, timestamp: now() });
    expect(((await tb.request('GET', '/api/charger-events?chargerId=OWNER')).body as any[])[0].data).toMatchObject({ warning: expect.stringContaining('never started'), unknownTransaction: true });
    // Its frame in the message log carries the warning; the stop that applied carries none, the later ones theirs.
    await tb.bench.record.settled();
    const frames = (await tb.request('GET', '/api/messages?chargerId=OWNER&action=StopTransaction')).body as Array<{ kind: string; direction: string; raw: string; error: string | null }>;
    const calls = frames.filter((m) => m.kind === 'CALL' && m.direction === 'in').reverse();
    expect(calls.map((m) => m.error)).toEqual([
      null,
      expect.stringContaining(`StopTransaction for transaction ${transactionId}, which is already stopped`),
      'Warning: StopTransaction for transaction 987654, which the bench never started: not applied',
    ]);
    const intruder = (await tb.request('GET', '/api/messages?chargerId=INTRUDER&action=StopTransaction')).body as Array<{ kind: string; error: string | null }>;
    expect(intruder.find((m) => m.kind === 'CALL')?.error).toContain('which belongs to charger OWNER');
    expect(a.violations).toEqual([]);
    expect(b.violations).toEqual([]);
    await a.client.close();
    await b.client.close();
  });

  it('flags a meterStop below meterStart instead of giving negative energy', async () => {
    const a = await strictCharger(tb.wsUrl(), 'BACKWARDS');
    await a.connect();
    const { transactionId } = await a.client.call('StartTransaction', { connectorId: 1, idTag: 'TAG2', meterStart: 50_000, timestamp: now() });
    await a.client.call('StopTransaction', { transactionId, meterStop: 10, timestamp: now() });
    const tx = (await tb.request('GET', `/api/transactions/${transactionId}`)).body;
    expect(tx).toMatchObject({ active: false, meterStop: 10, energyWh: null, warning: expect.stringContaining('meterStop (10 Wh) is below meterStart (50000 Wh)') });
    await a.client.close();
  });
});
