// Transactions on a FakeClock: a card then the cable, ConnectionTimeOut, the cable left locked in, and the
// transaction message queue: in order, retried per TransactionMessageAttempts, kept while offline and
// across a restart.
import { describe, expect, it } from 'vitest';
import { fakeWire } from '../../../../helpers/vcp-model';

const failing = () => ({ outcome: 'callError' as const, error: { code: 'InternalError', description: 'down', details: {} } });

describe('starting and stopping a session', () => {
  it('starts when the cable follows the card within ConnectionTimeOut, and forgets the card after it', async () => {
    const w = fakeWire();
    expect((await w.cp.presentIdTag(1, 'TAG1')).message).toBe('Card TAG1 accepted: plug in the cable within 60 s');
    w.cp.plug(1);
    await w.settle();
    expect(w.sent()).toEqual(['Authorize', 'StatusNotification', 'StartTransaction', 'StatusNotification']);
    expect(w.cp.view().connectors[0].transaction).toMatchObject({ transactionId: 100, idTag: 'TAG1' });

    await w.cp.presentIdTag(2, 'TAG2');
    await w.clock.advance(60_000);
    expect(w.cp.view().connectors[1]).toMatchObject({ authorizedIdTag: null, status: 'Available' });
  });

  it('stops on unplugging, and keeps the cable locked for its card when UnlockConnectorOnEVSideDisconnect is false', async () => {
    const w = fakeWire();
    w.cp.config.change('UnlockConnectorOnEVSideDisconnect', 'false');
    w.cp.plug(1);
    await w.cp.presentIdTag(1, 'TAG1');
    w.cp.unplug(1);
    expect(w.calls.find((c) => c.action === 'StopTransaction')?.payload.reason).toBe('EVDisconnected');
    expect(w.cp.view().connectors[0].status).toBe('Finishing');
    expect(await w.cp.presentIdTag(1, 'OTHER')).toMatchObject({ accepted: false, message: 'The cable on connector 1 is locked for card TAG1' });
    expect(await w.cp.presentIdTag(1, 'TAG1')).toMatchObject({ accepted: true, message: 'Cable on connector 1 unlocked' });
    expect(w.cp.view().connectors[0].status).toBe('Available');
  });

  it('lets only the card that started a session (or one with its parent tag) stop it', async () => {
    const w = fakeWire();
    w.answers.Authorize = () => ({ outcome: 'completed', response: { idTagInfo: { status: 'Accepted', parentIdTag: 'FLEET' } } });
    w.cp.plug(1);
    await w.cp.presentIdTag(1, 'TAG1');
    await w.settle();
    w.answers.Authorize = () => ({ outcome: 'completed', response: { idTagInfo: { status: 'Accepted' } } });
    expect((await w.cp.presentIdTag(1, 'STRANGER')).accepted).toBe(false);
    w.answers.Authorize = () => ({ outcome: 'completed', response: { idTagInfo: { status: 'Accepted', parentIdTag: 'FLEET' } } });
    expect(await w.cp.presentIdTag(1, 'COLLEAGUE')).toMatchObject({ accepted: true, message: 'Transaction on connector 1 stopped by card COLLEAGUE' });
    expect(w.calls.find((c) => c.action === 'StopTransaction')?.payload).toMatchObject({ reason: 'Local', idTag: 'COLLEAGUE', transactionId: 100 });
  });
});

/** A session started offline (the card accepted by AllowOfflineTxForUnknownId), a minute on: its messages queued. */
async function offlineMinute() {
  const w = fakeWire();
  w.cp.config.change('AllowOfflineTxForUnknownId', 'true');
  w.accepted = false;
  w.cp.plug(1);
  await w.cp.presentIdTag(1, 'TAG1');
  await w.clock.advance(60_000);
  return w;
}

describe('the transaction message queue', () => {
  it('retries after TransactionMessageRetryInterval \u00d7 attempt, and drops a message after TransactionMessageAttempts', async () => {
    const w = fakeWire();
    w.cp.config.change('TransactionMessageRetryInterval', '10');
    w.answers.StartTransaction = failing;
    w.cp.plug(1);
    await w.cp.presentIdTag(1, 'TAG1');
    await w.settle();
    expect(w.sent().filter((a) => a === 'StartTransaction')).toHaveLength(1);
    await w.clock.advance(10_000);
    expect(w.sent().filter((a) => a === 'StartTransaction')).toHaveLength(2);
    await w.clock.advance(19_000);
    expect(w.sent().filter((a) => a === 'StartTransaction')).toHaveLength(2);
    await w.clock.advance(1_000);
    expect(w.sent().filter((a) => a === 'StartTransaction')).toHaveLength(3);
    expect(w.cp.view()).toMatchObject({ queuedMessages: 0, lastError: 'StartTransaction was not accepted after 3 attempts; dropped' });
    // Without a transactionId, what followed has nothing to attach to: it goes too.
    w.cp.unplug(1);
    await w.settle();
    expect(w.sent().filter((a) => a === 'StopTransaction')).toEqual([]);
  });

  it('keeps the messages while offline and delivers them in order, with the transactionId, once registered again', async () => {
    const w = await offlineMinute();
    w.cp.unplug(1);
    expect(w.cp.view().queuedMessages).toBe(3);
    w.accepted = true;
    w.cp.transactions.pump();
    for (let i = 0; i < 4; i++) await w.settle();
    expect(w.calls.map((c) => [c.action, c.payload.transactionId])).toEqual([
      ['StartTransaction', undefined],
      ['MeterValues', 100],
      ['StopTransaction', 100],
    ]);
  });

  it('keeps at most its bound of MeterValues while offline, never drops a Start- or StopTransaction, and says what it did not keep', async () => {
    const w = await offlineMinute();
    w.cp.transactions.maxQueuedMeterValues = 3;
    // Three minutes more: the second and third readings are kept, the fourth is not.
    await w.clock.advance(3 * 60_000);
    expect(w.cp.view()).toMatchObject({
      queuedMessages: 4,
      meterValuesNotKept: 1,
      lastError: 'The transaction message queue is full (3 MeterValues waiting): 1 newer MeterValues not kept in all',
    });
    await w.clock.advance(60_000);
    expect(w.cp.view().lastError).toContain(': 2 newer MeterValues not kept in all');
    // The count is kept with the charger's state: a restart of the bench shows it still.
    const restarted = fakeWire({}, { state: w.cp.persistentState() });
    // (its running session stopped by PowerLoss: one more message, never refused)
    expect(restarted.cp.view()).toMatchObject({ queuedMessages: 5, meterValuesNotKept: 2 });
    expect(w.cp.view().queuedMessages).toBe(4);
    // Back online with the session still running: the queue drains, and the next reading is kept again.
    w.accepted = true;
    w.cp.transactions.pump();
    for (let i = 0; i < 6; i++) await w.settle();
    expect(w.cp.view().queuedMessages).toBe(0);
    await w.clock.advance(60_000);
    for (let i = 0; i < 3; i++) await w.settle();
    w.cp.unplug(1);
    for (let i = 0; i < 3; i++) await w.settle();
    expect(w.calls.map((c) => c.action).filter((a) => a !== 'StatusNotification')).toEqual(['StartTransaction', 'MeterValues', 'MeterValues', 'MeterValues', 'MeterValues', 'StopTransaction']);
    // The kept readings are the oldest three, in order, then the one after the queue drained.
    const times = w.calls.filter((c) => c.action === 'MeterValues').map((c) => Date.parse((c.payload.meterValue as Array<{ timestamp: string }>)[0].timestamp));
    expect(times.map((t) => t - times[0])).toEqual([0, 60_000, 120_000, 300_000]);
    expect(w.cp.view()).toMatchObject({ queuedMessages: 0, meterValuesNotKept: 2 });
  });

  it('reports the Charging a transaction started offline had before what an Invalid answer changes (SuspendedEVSE, or DeAuthorized)', async () => {
    for (const stopOnInvalid of [false, true]) {
      const w = fakeWire();
      w.cp.config.change('AllowOfflineTxForUnknownId', 'true');
      w.cp.config.change('StopTransactionOnInvalidId', String(stopOnInvalid));
      w.cp.config.change('MaxEnergyOnInvalidId', '0');
      w.accepted = false;
      w.cp.plug(1);
      await w.cp.presentIdTag(1, 'TAG1');
      await w.clock.advance(5_000);
      w.answers.StartTransaction = () => ({ outcome: 'completed', response: { transactionId: 7, idTagInfo: { status: 'Invalid' } } });
      w.accepted = true;
      const from = w.calls.length;
      w.cp.boot.resume();
      for (let i = 0; i < 6; i++) await w.settle();
      const statuses = (action: string, p: any) => (action === 'StatusNotification' ? `${action}(${p.connectorId} ${p.status})` : action === 'StopTransaction' ? `${action}(${p.reason})` : action);
      const sent = w.calls
        .slice(from)
        .map((c) => statuses(c.action, c.payload))
        .filter((a) => !a.startsWith('StatusNotification(0') && !a.startsWith('StatusNotification(2') && a !== 'Heartbeat');
      expect(sent).toEqual(
        stopOnInvalid
          ? ['StartTransaction', 'StatusNotification(1 Charging)', 'StopTransaction(DeAuthorized)', 'StatusNotification(1 Finishing)']
          : ['StartTransaction', 'StatusNotification(1 Charging)', 'StatusNotification(1 SuspendedEVSE)'],
      );
    }
  });

  it('numbers the queued messages for the record, on from where a restart left off (and numbers a queue an older version saved)', async () => {
    const w = await offlineMinute();
    const saved = w.cp.persistentState();
    expect(saved.queue.map((m) => [m.action, m.seq])).toEqual([
      ['StartTransaction', 1],
      ['MeterValues', 2],
    ]);
    expect(saved.nextQueueSeq).toBe(3);
    // Restarted (the transaction ends by loss of power): the next message follows the last.
    const again = fakeWire({}, { state: { ...saved, queue: saved.queue.slice(1), openTransactions: [{ localTx: 1, connectorId: 1, meterWh: 10 }] } });
    expect(again.cp.persistentState().queue.map((m) => [m.action, m.seq])).toEqual([
      ['MeterValues', 2],
      ['StopTransaction', 3],
    ]);
    const older = fakeWire({}, { state: { queue: saved.queue.map(({ seq: _seq, ...m }) => m) as never } });
    expect(older.cp.persistentState()).toMatchObject({ queue: [{ seq: 1 }, { seq: 2 }], nextQueueSeq: 3 });
  });

  it('stops a transaction the bench was running when it stopped with PowerLoss, at the meter reading saved', () => {
    const w = fakeWire({}, { state: { openTransactions: [{ localTx: 7, connectorId: 1, meterWh: 1234.5 }], txIds: [[7, 77]], nextLocalTx: 8 } });
    expect(w.cp.persistentState()).toMatchObject({ queue: [{ action: 'StopTransaction', localTx: 7, payload: { meterStop: 1235, reason: 'PowerLoss' } }], meters: [1234.5, 0], nextLocalTx: 8 });
  });
});
