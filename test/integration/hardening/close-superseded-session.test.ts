// A session the record holds open while a newer one is open on its connector (the charger restarted and
// started anew; the older one's StopTransaction never came) is not running: it can be closed in the record
// though its connector reports Charging (that is the newer one's), the note saying why; the newer one,
// which the charger does run, is still refused.
import { describe, expect, it } from 'vitest';
import { strictCharger, useTestBench } from '../../helpers/bench';

const tb = useTestBench();
const now = () => new Date().toISOString();

describe('closing a superseded session in the record', () => {
  it('closes the older of two open on a charging connector, naming the newer, and still refuses the newer', async () => {
    const cp = await strictCharger(tb.wsUrl(), 'TWO-OPEN');
    await cp.connect();
    const older = await cp.client.call('StartTransaction', { connectorId: 1, idTag: 'TAG-OLD', meterStart: 1000, timestamp: now() });
    await cp.client.call('StatusNotification', { connectorId: 1, status: 'Charging', errorCode: 'NoError' });
    // The charger starts anew on the same connector without ending the older session.
    const newerStart = new Date(Date.now() + 60_000).toISOString();
    const newer = await cp.client.call('StartTransaction', { connectorId: 1, idTag: 'TAG-NEW', meterStart: 5000, timestamp: newerStart });
    await cp.client.call('StatusNotification', { connectorId: 1, status: 'Charging', errorCode: 'NoError' });
    await tb.bench.record.settled();
    expect(newer.transactionId).toBeGreaterThan(older.transactionId);

    const closed = await tb.request('POST', `/api/transactions/${older.transactionId}/close`);
    expect(closed).toMatchObject({
      status: 200,
      body: { transactionId: older.transactionId, active: false, stopReason: 'Other', warning: expect.stringContaining(`a newer session (transaction ${newer.transactionId}) started on connector 1`) },
    });
    // It had ended by the time the newer one started: stopped then, not at the close (its duration stays as every screen said).
    expect(closed.body.stopTime).toBe(newerStart);
    expect((await tb.request('GET', `/api/transactions/${older.transactionId}`)).body).toMatchObject({ stopTime: newerStart, active: false });
    expect((await tb.request('GET', `/api/transactions/${newer.transactionId}`)).body).toMatchObject({ active: true });
    // The newer one is the session the connector reports: it is stopped with RemoteStopTransaction, not closed.
    expect(await tb.request('POST', `/api/transactions/${newer.transactionId}/close`)).toMatchObject({ status: 409, body: { error: expect.stringContaining('reports Charging') } });
    expect(cp.violations).toEqual([]);
    await cp.client.close();
  });
});
