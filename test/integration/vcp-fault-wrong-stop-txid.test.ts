// The virtual charger's "StopTransaction with a wrong transactionId" fault switch, through the API: its body is
// checked as its siblings' are; while it is on, each StopTransaction goes out with the transactionId the
// central system gave plus 1000, and the charger's own session ends as usual (the next session starts, and,
// switched off, its StopTransaction carries the right id again). On a charger with two connectors, the
// wrong id is never the id of its other session (+1000 again while it would be): the bench stops any open
// transaction of the charger by the id it is sent, so it would end the other session in its record.
import { describe, expect, it } from 'vitest';
import { useTestBench, waitFor } from '../helpers/bench';
import { FakeClock } from '../../src/main/clock';

const clock = new FakeClock(Date.now());
const tb = useTestBench({ virtualClock: clock });

const ID = 'F-WRONGTX';
const api = (method: string, path: string, body?: unknown) => tb.request(method, path, body);
const act = (action: string, body: unknown = {}) => api('POST', `/api/virtual-chargers/${ID}/actions/${action}`, body);
const vcpView = async () => (await api('GET', `/api/virtual-chargers/${ID}`)).body;
const calls = async (action: string) =>
  ((await api('GET', `/api/messages?chargerId=${ID}&limit=1000`)).body as any[])
    .reverse()
    .filter((m) => m.direction === 'in' && m.kind === 'CALL' && m.action === action)
    .map((m) => JSON.parse(m.raw)[3]);
const connector = async () => ((await api('GET', `/api/chargers/${ID}`)).body.connectors as any[]).find((c) => c.connectorId === 1);

/** Plugs in and presents the card: the session's transactionId as the central system gave it. */
async function startSession(idTag: string): Promise<number> {
  await act('plug', { connectorId: 1 });
  const r = await act('present-id-tag', { connectorId: 1, idTag });
  expect(r.body.result.accepted, JSON.stringify(r.body)).toBe(true);
  return waitFor(async () => (await vcpView()).connectors[0].transaction?.transactionId ?? null);
}

/** Presents the card again (it stops the session) and unplugs: the StopTransaction the charger sent. */
async function stopSession(idTag: string, stopsBefore: number): Promise<{ transactionId: number; reason?: string; idTag?: string }> {
  const r = await act('present-id-tag', { connectorId: 1, idTag });
  expect(r.body.result.message).toBe(`Transaction on connector 1 stopped by card ${idTag}`);
  const stop = await waitFor(async () => (await calls('StopTransaction'))[stopsBefore] ?? null);
  await act('unplug', { connectorId: 1 });
  await waitFor(async () => ((await connector())?.status === 'Available' ? true : null));
  return stop;
}

describe('the wrong-stop-transaction-id fault switch', () => {
  it('refuses a body its siblings would refuse, naming the field', async () => {
    expect((await api('POST', '/api/virtual-chargers', { id: ID, connectors: 1 })).status).toBe(201);
    await waitFor(async () => ((await vcpView()).registration === 'Accepted' ? true : null));
    const bad = await api('POST', `/api/virtual-chargers/${ID}/faults/wrong-stop-transaction-id`, { on: 'yes' });
    expect(bad).toMatchObject({ status: 400, body: { field: 'on', error: 'Invalid body field "on": Invalid input: expected boolean, received string' } });
    const extra = await api('POST', `/api/virtual-chargers/${ID}/faults/wrong-stop-transaction-id`, { on: true, offset: 5 });
    expect(extra).toMatchObject({ status: 400, body: { field: 'offset', error: 'Invalid body field "offset": Unrecognized key: "offset"' } });
    expect((await api('GET', `/api/virtual-chargers/${ID}/faults`)).body.wrongStopTransactionId).toBe(false);
  });

  it('sends StopTransaction with the given transactionId + 1000, and the charger ends its own session as usual', async () => {
    await waitFor(async () => ((await connector())?.status === 'Available' ? true : null));
    const on = await api('POST', `/api/virtual-chargers/${ID}/faults/wrong-stop-transaction-id`, { on: true });
    expect(on.status).toBe(200);
    expect((await api('GET', `/api/virtual-chargers/${ID}/faults`)).body.wrongStopTransactionId).toBe(true);

    const given = await startSession('TAG-W1');
    await clock.advance(60_000);
    const stop = await stopSession('TAG-W1', 0);
    expect(stop).toMatchObject({ transactionId: given + 1000, reason: 'Local', idTag: 'TAG-W1' });
    // Every message with the right id until then: only the StopTransaction carries the wrong one.
    expect((await calls('MeterValues')).every((m) => m.transactionId === given)).toBe(true);

    // The charger's own state: the session over, nothing left queued, the connector free for the next card.
    const v = await vcpView();
    expect([v.connectors[0].transaction, v.queuedMessages]).toEqual([null, 0]);

    // Switched off, the next session's StopTransaction carries the id the central system gave.
    await api('POST', `/api/virtual-chargers/${ID}/faults/wrong-stop-transaction-id`, { on: false });
    const next = await startSession('TAG-W2');
    expect(next).not.toBe(given);
    const again = await stopSession('TAG-W2', 1);
    expect(again.transactionId).toBe(next);
  });

  it("never sends the id of the charger's other running session: +1000 again while the id is taken", async () => {
    const ID2 = 'F-WRONGTX2';
    const act2 = (action: string, body: unknown = {}) => api('POST', `/api/virtual-chargers/${ID2}/actions/${action}`, body);
    const view2 = async () => (await api('GET', `/api/virtual-chargers/${ID2}`)).body;
    const openIds = async () => ((await api('GET', `/api/transactions?chargerId=${ID2}&active=true`)).body as any[]).map((t) => t.transactionId).sort((a, b) => a - b);
    const start2 = async (connectorId: number, idTag: string): Promise<number> => {
      await act2('plug', { connectorId });
      expect((await act2('present-id-tag', { connectorId, idTag })).body.result.accepted).toBe(true);
      return waitFor(async () => (await view2()).connectors[connectorId - 1].transaction?.transactionId ?? null);
    };
    const stops2 = async () =>
      ((await api('GET', `/api/messages?chargerId=${ID2}&limit=1000`)).body as any[])
        .reverse()
        .filter((m) => m.direction === 'in' && m.kind === 'CALL' && m.action === 'StopTransaction')
        .map((m) => JSON.parse(m.raw)[3]);

    expect((await api('POST', '/api/virtual-chargers', { id: ID2, connectors: 2 })).status).toBe(201);
    await waitFor(async () => ((await view2()).registration === 'Accepted' ? true : null));
    expect((await api('POST', `/api/virtual-chargers/${ID2}/faults/wrong-stop-transaction-id`, { on: true })).status).toBe(200);

    const first = await start2(1, 'TAG-A');
    // The bench's next transaction id made the first one's + 1000: connector 2's session gets it.
    (tb.bench.record.transactions as unknown as { nextId: number }).nextId = first + 1000;
    const second = await start2(2, 'TAG-B');
    expect(second).toBe(first + 1000);

    expect((await act2('present-id-tag', { connectorId: 1, idTag: 'TAG-A' })).body.result.accepted).toBe(true);
    const stop = await waitFor(async () => (await stops2())[0] ?? null);
    expect(stop).toMatchObject({ transactionId: first + 2000, idTag: 'TAG-A' });
    await waitFor(async () => ((await view2()).queuedMessages === 0 ? true : null));
    // The bench still has connector 2's session running (and the first, whose StopTransaction never named it).
    expect(await openIds()).toEqual([first, second]);
    const v = await view2();
    expect([v.connectors[0].transaction, v.connectors[1].transaction?.transactionId]).toEqual([null, second]);

    // Switched off, connector 2's StopTransaction carries its own id, and the bench ends that session.
    await api('POST', `/api/virtual-chargers/${ID2}/faults/wrong-stop-transaction-id`, { on: false });
    expect((await act2('present-id-tag', { connectorId: 2, idTag: 'TAG-B' })).body.result.accepted).toBe(true);
    expect(await waitFor(async () => (await stops2())[1] ?? null)).toMatchObject({ transactionId: second, idTag: 'TAG-B' });
    await waitFor(async () => ((await openIds()).length === 1 ? true : null));
    expect(await openIds()).toEqual([first]);
  });
});
