// What a person is told about a virtual charger's sessions, checked against what the bench recorded: a card's
// outcome follows the central system's answer to the StartTransaction (also one that comes after the card
// was said unconfirmed), a stopped charger reports its session ended when started again, and deleting a
// charger mid-session ends the session (or says it stays open).
import { describe, expect, it } from 'vitest';
import { benchSuite, chargingThroughApi, configure, session, type VcpHarness } from '../helpers/vcp-harness';
import { waitFor } from '../helpers/bench';

const suite = benchSuite('VCP-SO');
const { charger } = suite;

describe("a card's outcome follows the central system's answer", () => {
  it('accepted: names the transaction the central system gave', async () => {
    const h = await charger();
    h.vcp.plug(1);
    const outcome = await h.vcp.presentIdTag(1, 'SO-TAG-1');
    const [tx] = await h.benchTransactions();
    expect(outcome).toEqual({ accepted: true, status: 'Accepted', confirmed: true, transactionId: tx.transactionId, message: `Transaction ${tx.transactionId} started on connector 1` });
  });

  it('refused (ConcurrentTx): not accepted, with the status and what the charger did', async () => {
    const h = await charger();
    await session(h, 'SO-TWICE', 1);
    h.vcp.plug(2);
    await h.quiet();
    const outcome = await h.vcp.presentIdTag(2, 'SO-TWICE');
    expect(outcome).toMatchObject({ accepted: false, status: 'ConcurrentTx', confirmed: true });
    expect(outcome.message).toMatch(/^The central system refused the session on connector 2: StartTransaction answered ConcurrentTx .*ended the session \(StopTransaction, reason DeAuthorized\)$/);
    await h.quiet();
    const refused = (await h.benchTransactions()).find((t) => t.connectorId === 2);
    expect(refused).toMatchObject({ transactionId: outcome.transactionId, active: false, stopReason: 'DeAuthorized' });
  });

  it('offline: the session started but is said to be unconfirmed, its StartTransaction queued', async () => {
    const h = await charger();
    await configure(h, 'AllowOfflineTxForUnknownId', 'true');
    h.vcp.setFaults({ offline: true, offlineSeconds: 0 });
    await h.until(() => !h.vcp.isConnected);
    h.vcp.plug(1);
    const outcome = await h.vcp.presentIdTag(1, 'SO-OFF');
    expect(outcome).toMatchObject({ accepted: true, confirmed: false, transactionId: null });
    expect(outcome.message).toMatch(/not confirmed it: .* is offline\. The StartTransaction stays queued/);
    h.vcp.setFaults({ offline: false });
    await h.until(() => h.vcp.view().queuedMessages === 0);
  });
});

describe("a card's unconfirmed outcome follows the central system's later answer", () => {
  /** A card presented on `connectorId` whose first StartTransaction goes unanswered (not sent, once): the outcome and when. */
  async function unconfirmedCard(h: VcpHarness, connectorId: number, idTag: string) {
    h.vcp.connection.misbehaviours.set([{ kind: 'drop', action: 'StartTransaction', times: 1 }]);
    h.vcp.plug(connectorId);
    const presentedAt = h.iso();
    const outcome = await h.vcp.presentIdTag(connectorId, idTag);
    expect(outcome).toMatchObject({ accepted: true, confirmed: false, transactionId: null });
    expect(outcome.message).toMatch(/not confirmed it: StartTransaction not answered .*; sent again in 60 s\. The StartTransaction stays queued/);
    const card = () => h.vcp.view().connectors[connectorId - 1].cardOutcome;
    expect(card()).toEqual({ idTag, accepted: true, status: 'Accepted', confirmed: false, transactionId: null, message: outcome.message, presentedAt, at: presentedAt, revised: false });
    // The retry goes out a minute on and is answered.
    await h.advance(60_000);
    return { presentedAt, answeredAt: h.iso(), card };
  }

  it('accepted later: the transaction the central system gave, and when its answer came', async () => {
    const h = await charger();
    const { presentedAt, answeredAt, card } = await unconfirmedCard(h, 1, 'SO-LATE');
    const [tx] = await h.benchTransactions();
    expect(tx).toMatchObject({ idTag: 'SO-LATE', active: true });
    expect(card()).toEqual({
      idTag: 'SO-LATE',
      accepted: true,
      status: 'Accepted',
      confirmed: true,
      transactionId: tx.transactionId,
      message: `Transaction ${tx.transactionId} started on connector 1`,
      presentedAt,
      at: answeredAt,
      revised: true,
    });
    expect(answeredAt).not.toBe(presentedAt);
  });

  it("refused later (ConcurrentTx): the refusal's status and what the charger did", async () => {
    const h = await charger();
    await session(h, 'SO-LATE-TWICE', 1);
    const { answeredAt, card } = await unconfirmedCard(h, 2, 'SO-LATE-TWICE');
    await h.quiet();
    const refused = (await h.benchTransactions()).find((t) => t.connectorId === 2);
    expect(refused).toMatchObject({ active: false, stopReason: 'DeAuthorized' });
    expect(card()).toMatchObject({ accepted: false, status: 'ConcurrentTx', confirmed: true, transactionId: refused.transactionId, at: answeredAt, revised: true });
    expect(card()!.message).toBe(
      `The central system refused the session on connector 2: StartTransaction answered ConcurrentTx for card SO-LATE-TWICE (transaction ${refused.transactionId}); the charger ended the session (StopTransaction, reason DeAuthorized)`,
    );
  });
});

describe('a virtual charger switched off mid-session', () => {
  it('reports the session ended (PowerLoss, dated when it was stopped) only when started again', async () => {
    const h = await charger();
    const txId = await session(h, 'SO-STOP');
    const stoppedAt = h.iso();
    await h.vcp.stop();
    await h.advance(60_000);
    expect((await h.benchTransactions())[0]).toMatchObject({ transactionId: txId, active: true });
    h.vcp.start();
    await h.until(() => h.vcp.isAccepted);
    await h.until(() => h.vcp.view().queuedMessages === 0);
    await h.quiet();
    expect((await h.benchTransactions())[0]).toMatchObject({ transactionId: txId, active: false, stopReason: 'PowerLoss', stopTime: stoppedAt });
  });
});

describe('deleting a virtual charger mid-session (API)', () => {
  const tb = () => suite.tb;
  const charging = async (id: string) => {
    const result = await chargingThroughApi(tb(), id);
    expect(result).toMatchObject({ accepted: true, confirmed: true });
    return result.transactionId;
  };
  const transactions = async (id: string) => (await tb().request('GET', `/api/transactions?chargerId=${id}`)).body as any[];

  it('online: ends the session with StopTransaction (Other) before it goes, and says so', async () => {
    const txId = await charging('SO-DEL1');
    const deleted = await tb().request('DELETE', '/api/virtual-chargers/SO-DEL1');
    expect(deleted.status).toBe(200);
    expect(deleted.body.sessions).toEqual([expect.objectContaining({ connectorId: 1, transactionId: txId, idTag: 'SO-DEL1-TAG', leftOpen: false })]);
    expect(deleted.body.message).toMatch(`Transaction ${txId} on connector 1 (SO-DEL1-TAG) ended: StopTransaction (reason Other) answered`);
    expect((await transactions('SO-DEL1'))[0]).toMatchObject({ transactionId: txId, active: false, stopReason: 'Other' });
  });

  it('offline: says the session stays open in the record and how to close it', async () => {
    const txId = await charging('SO-DEL2');
    await tb().request('POST', '/api/virtual-chargers/SO-DEL2/faults/offline', { on: true });
    await waitFor(async () => (await tb().request('GET', '/api/chargers/SO-DEL2')).body.connected === false);
    const deleted = await tb().request('DELETE', '/api/virtual-chargers/SO-DEL2');
    expect(deleted.status).toBe(200);
    expect(deleted.body.sessions).toEqual([expect.objectContaining({ transactionId: txId, leftOpen: true })]);
    expect(deleted.body.message).toMatch(/1 session left open in the record\..*stays open in the record: SO-DEL2 was offline .*Close… on the Transactions screen/);
    expect((await transactions('SO-DEL2'))[0]).toMatchObject({ transactionId: txId, active: true });
  });

  it('DELETE /api/chargers/{id} of a connected virtual charger says to delete the virtual charger', async () => {
    expect((await tb().request('POST', '/api/virtual-chargers', { id: 'SO-DEL3', connectors: 1 })).status).toBe(201);
    await waitFor(async () => (await tb().request('GET', '/api/chargers/SO-DEL3')).body?.connected === true);
    const refused = await tb().request('DELETE', '/api/chargers/SO-DEL3');
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatch(/built-in virtual chargers .*delete the virtual charger instead \(Virtual chargers screen, Delete on its card; or DELETE \/api\/virtual-chargers\/SO-DEL3\)/);
    expect(refused.body.error).not.toMatch(/come back/);
    const unknown = await tb().request('POST', '/api/virtual-chargers/SO-DEL3/actions/explode', {});
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatch(/plug, unplug, .*, set-password$/);
    expect((await tb().request('DELETE', '/api/virtual-chargers/SO-DEL3')).status).toBe(200);
  });
});
