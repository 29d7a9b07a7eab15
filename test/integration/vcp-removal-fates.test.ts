// Deleting a virtual charger: each session's fate is told from what really became of its messages (closed in
// the record, never in it, open in it, or unknown), the wait covers every queued StopTransaction (one on its
// way too), a second delete gets the first one's answer, and a card's outcome says when its StartTransaction
// was dropped rather than queued; a dropped StartTransaction is "never accepted" only when none of its
// attempts can have reached the central system (on a fake wire: no answer, a CALLERROR, an invalid one), and
// a StopTransaction dropped while deleting "stays open" only when none of its attempts can have reached it.
import { describe, expect, it } from 'vitest';
import { benchSuite, chargingThroughApi, configure, session, type VcpHarness } from '../helpers/vcp-harness';
import { waitFor } from '../helpers/bench';
import { fakeWire, type Answer } from '../helpers/vcp-model';
import { endSessionsForRemoval, type RemovalOutcome } from '../../src/main/virtual-cp/removal';

const suite = benchSuite('VCP-RF');
const { charger } = suite;

/** Runs the removal on the charger's fake clock until it has its answer. */
async function removal(h: VcpHarness, meanwhile?: () => Promise<void>): Promise<RemovalOutcome> {
  let out: RemovalOutcome | undefined;
  void endSessionsForRemoval(h.vcp).then((o) => (out = o));
  await meanwhile?.();
  await h.advanceUntil(() => out, 200, 20_000);
  return out!;
}

describe('the sessions of a deleted charger, told from their final state', () => {
  it('unplugged just before: its StopTransaction on its way is waited for, and the session said closed', async () => {
    const h = await charger();
    const txId = await session(h, 'RF-UNPLUG');
    h.vcp.unplug(1);
    const out = await removal(h);
    expect(out.sessions).toEqual([expect.objectContaining({ connectorId: null, transactionId: txId, leftOpen: false })]);
    expect(out.sessions[0]!.detail).toBe(`Transaction ${txId}, which had ended on ${h.id}, is closed in the record: its queued StopTransaction (reason EVDisconnected) was delivered and answered`);
    expect(out.summary).toBe('');
    expect((await h.benchTransactions())[0]).toMatchObject({ transactionId: txId, active: false, stopReason: 'EVDisconnected' });
  });

  it('a session whose StartTransaction was dropped: the card says so, and deleting says nothing of it is open', async () => {
    const h = await charger();
    await configure(h, 'TransactionMessageAttempts', '1');
    h.vcp.connection.misbehaviours.set([{ kind: 'drop', action: 'StartTransaction' }]);
    h.vcp.plug(1);
    const outcome = await h.vcp.presentIdTag(1, 'RF-DROP');
    expect(outcome).toMatchObject({ accepted: true, confirmed: false, transactionId: null });
    expect(outcome.message).toMatch(/has not confirmed it: StartTransaction not answered \(.*\); dropped after 1 attempt\. The StartTransaction is not sent again/);
    expect(outcome.message).not.toMatch(/stays queued/);
    const out = await removal(h);
    expect(out.sessions).toEqual([expect.objectContaining({ connectorId: 1, transactionId: null, leftOpen: false })]);
    expect(out.sessions[0]!.detail).toMatch(
      /^The unconfirmed session on connector 1 \(RF-DROP\) was never accepted by the central system \(its StartTransaction was not answered .*dropped after 1 attempt\)/,
    );
    expect(out.summary).toBe('');
    expect(await h.benchTransactions()).toEqual([]);
  });

  it('a StartTransaction that gets an error is "answered with an error (code)", and stays queued for the retry', async () => {
    const h = await charger();
    // A connectorId the schema refuses: the message comes back as a CALLERROR without going out.
    h.vcp.connection.misbehaviours.set([{ kind: 'patch', action: 'StartTransaction', patch: { connectorId: 'one' }, times: 1 }]);
    h.vcp.plug(1);
    const outcome = await h.vcp.presentIdTag(1, 'RF-ERR');
    expect(outcome.message).toMatch(/has not confirmed it: StartTransaction answered with an error \(InternalError: .*\); sent again in \d+ s\. The StartTransaction stays queued/);
  });

  it('a StartTransaction still queued behind another (never sent): never reported, so nothing of it is open', async () => {
    const h = await charger();
    const first = await session(h, 'RF-Q1');
    // The first session's StopTransaction gets no answer and waits for its retries: what follows waits behind it.
    h.vcp.connection.misbehaviours.set([{ kind: 'drop', action: 'StopTransaction' }]);
    h.vcp.unplug(1);
    await h.quiet();
    h.vcp.plug(2);
    expect((await h.vcp.presentIdTag(2, 'RF-Q2')).confirmed).toBe(false);
    const out = await removal(h);
    expect(out.sessions).toEqual([
      expect.objectContaining({ connectorId: 2, transactionId: null, leftOpen: false }),
      expect.objectContaining({ connectorId: null, transactionId: first, leftOpen: true }),
    ]);
    expect(out.sessions[0]!.detail).toBe('The unconfirmed session on connector 2 (RF-Q2) was never reported (its StartTransaction was still queued unsent), so nothing of it is open in the record');
    expect(out.sessions[1]!.detail).toMatch(
      `Transaction ${first}, which had ended on ${h.id}, may be open in the record: its StopTransaction (reason EVDisconnected) was sent but its answer was not awaited (no answer came within 5 s)`,
    );
    expect(out.summary).toBe('1 session may be open in the record: check the Transactions screen.');
  });

  it('the charger stopped while it waited: said so, not "within 5 s"', async () => {
    const h = await charger();
    const txId = await session(h, 'RF-STOPPED');
    h.vcp.connection.misbehaviours.set([{ kind: 'drop', action: 'StopTransaction' }]);
    const out = await removal(h, () => h.vcp.stop());
    expect(out.sessions).toEqual([expect.objectContaining({ connectorId: 1, transactionId: txId, leftOpen: true })]);
    expect(out.sessions[0]!.detail).toMatch(
      `Transaction ${txId} on connector 1 (RF-STOPPED) may be open in the record: its StopTransaction (reason Other) was sent but its answer was not awaited (${h.id} was stopped while it waited)`,
    );
    expect(out.sessions[0]!.detail).not.toMatch(/within 5 s/);
  });
});

describe('a session whose StartTransaction was dropped: "never accepted" only when no attempt can have reached the central system', () => {
  const noAnswer = () => ({ outcome: 'timeout' as const, error: { description: 'No answer to StartTransaction within 30 s' } });
  const callError = () => ({ outcome: 'callError' as const, error: { code: 'InternalError', description: 'down', details: {} } });
  const invalid = () => ({ outcome: 'invalidResponse' as const, response: {}, error: { code: 'FormationViolation' as const, description: 'idTagInfo is missing' } });

  /** A session on a fake wire whose StartTransaction gets `answers` in turn (one attempt each, a minute apart) until dropped; then deleted. */
  async function deletedAfter(...answers: Answer[]) {
    const w = fakeWire({ connectors: 1 });
    w.cp.config.change('TransactionMessageAttempts', String(answers.length));
    let n = 0;
    w.answers.StartTransaction = (p) => answers[n++]!(p);
    w.cp.plug(1);
    await w.cp.presentIdTag(1, 'RF-LOST');
    for (let i = 1; i < answers.length; i++) await w.clock.advance(60_000 * i);
    await w.settle();
    expect(w.sent().filter((a) => a === 'StartTransaction')).toHaveLength(answers.length);
    return { w, out: await endSessionsForRemoval(w.cp) };
  }
  const mayBeOpen = (how: string) =>
    `The unconfirmed session on connector 1 (RF-LOST) may be open in the record: its StartTransaction was sent ${how}; check the Transactions screen and, if it is open there, close it with Close…`;

  it('sent and never answered (timed out): may be open in the record, check it', async () => {
    const { out } = await deletedAfter(noAnswer);
    expect(out.sessions).toEqual([expect.objectContaining({ connectorId: 1, transactionId: null, leftOpen: true })]);
    expect(out.sessions[0]!.detail).toBe(mayBeOpen('once and never answered (No answer to StartTransaction within 30 s)'));
    expect(out.summary).toBe('1 session may be open in the record: check the Transactions screen.');
  });

  it('the connection lost after it was sent, then refused with a CALLERROR: may be open (the first may have been recorded)', async () => {
    const lostAfterSend = () => ({ outcome: 'offline' as const, error: { description: 'Connection dropped on request' }, sent: true as const });
    const w = fakeWire({ connectors: 1 });
    w.cp.config.change('TransactionMessageAttempts', '1');
    const answers: Answer[] = [lostAfterSend, callError];
    let n = 0;
    w.answers.StartTransaction = (p) => answers[n++]!(p);
    w.cp.plug(1);
    await w.cp.presentIdTag(1, 'RF-LOST');
    // Back online: the StartTransaction goes again, and is refused.
    w.cp.transactions.pump();
    await w.settle();
    expect(w.sent().filter((a) => a === 'StartTransaction')).toHaveLength(2);
    const out = await endSessionsForRemoval(w.cp);
    expect(out.sessions[0]).toMatchObject({ leftOpen: true });
    expect(out.sessions[0]!.detail).toBe(mayBeOpen('once and never answered (the connection was lost after it was sent (Connection dropped on request))'));
  });

  it('an invalid CALLRESULT, then no answer: may be open, "without a valid answer"', async () => {
    const { out } = await deletedAfter(invalid, noAnswer);
    expect(out.sessions[0]!.detail).toBe(mayBeOpen('2 times without a valid answer (No answer to StartTransaction within 30 s)'));
  });

  it('refused with a CALLERROR every time: never accepted, nothing of it open', async () => {
    const { out } = await deletedAfter(callError, callError);
    expect(out.sessions).toEqual([expect.objectContaining({ connectorId: 1, transactionId: null, leftOpen: false })]);
    expect(out.sessions[0]!.detail).toBe(
      'The unconfirmed session on connector 1 (RF-LOST) was never accepted by the central system (its StartTransaction was answered with an error (InternalError: down); dropped after 2 attempts), so it has no transaction open in the record',
    );
    expect(out.summary).toBe('');
  });

  it("timed out, then refused: may be open; the card's kept outcome says it was dropped", async () => {
    const { w, out } = await deletedAfter(noAnswer, callError);
    expect(out.sessions[0]!.detail).toBe(mayBeOpen('once and never answered (No answer to StartTransaction within 30 s)'));
    expect(w.cp.view().connectors[0].cardOutcome).toMatchObject({ confirmed: false, revised: true });
    expect(w.cp.view().connectors[0].cardOutcome!.message).toMatch(
      /StartTransaction answered with an error \(InternalError: down\); dropped after 2 attempts\. The StartTransaction is not sent again/,
    );
  });
});

describe('deleting through the API', () => {
  const tb = () => suite.tb;
  const charging = async (id: string) => (await chargingThroughApi(tb(), id)).transactionId;

  it('two deletes at once both get the one true answer', async () => {
    const txId = await charging('RF-TWICE');
    const [a, b] = await Promise.all([tb().request('DELETE', '/api/virtual-chargers/RF-TWICE'), tb().request('DELETE', '/api/virtual-chargers/RF-TWICE')]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(b.body).toEqual(a.body);
    expect(a.body.sessions).toEqual([expect.objectContaining({ connectorId: 1, transactionId: txId, leftOpen: false })]);
    expect((await tb().request('GET', '/api/transactions?chargerId=RF-TWICE')).body[0]).toMatchObject({ transactionId: txId, active: false, stopReason: 'Other' });
    expect((await tb().request('DELETE', '/api/virtual-chargers/RF-TWICE')).status).toBe(404);
  });

  it('DELETE /api/chargers/{id} of a virtual charger that is running but offline is refused too (it would come back)', async () => {
    expect((await tb().request('POST', '/api/virtual-chargers', { id: 'RF-OFF', connectors: 1 })).status).toBe(201);
    await waitFor(async () => (await tb().request('GET', '/api/chargers/RF-OFF')).body?.connected === true);
    await tb().request('POST', '/api/virtual-chargers/RF-OFF/faults/offline', { on: true });
    await waitFor(async () => (await tb().request('GET', '/api/chargers/RF-OFF')).body.connected === false);
    const refused = await tb().request('DELETE', '/api/chargers/RF-OFF');
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatch(/built-in virtual chargers and is running .*delete the virtual charger instead/);
    expect((await tb().request('POST', '/api/virtual-chargers/RF-OFF/stop')).status).toBe(200);
    expect((await tb().request('DELETE', '/api/chargers/RF-OFF')).status).toBe(204);
    expect((await tb().request('DELETE', '/api/virtual-chargers/RF-OFF')).status).toBe(200);
  });
});

describe('a running session whose StopTransaction was dropped while deleting: "stays open" only when no attempt can have reached the central system', () => {
  const noAnswer = () => ({ outcome: 'timeout' as const, error: { description: 'No answer to StopTransaction within 30 s' } });
  const callError = () => ({ outcome: 'callError' as const, error: { code: 'InternalError', description: 'down', details: {} } });
  const invalid = () => ({ outcome: 'invalidResponse' as const, response: {}, error: { code: 'FormationViolation' as const, description: 'idTagInfo is wrong' } });

  /** A session started on a fake wire, then deleted while its StopTransaction gets `answers` in turn (one attempt each, a second apart) until dropped. */
  async function deletedAfter(...answers: Answer[]) {
    const w = fakeWire({ connectors: 1 });
    w.cp.config.change('TransactionMessageAttempts', String(answers.length));
    w.cp.config.change('TransactionMessageRetryInterval', '1');
    w.cp.plug(1);
    const started = await w.cp.presentIdTag(1, 'RF-STOP');
    expect(started).toMatchObject({ confirmed: true });
    let n = 0;
    w.answers.StopTransaction = (p) => answers[n++]!(p);
    let out: RemovalOutcome | undefined;
    void endSessionsForRemoval(w.cp).then((o) => (out = o));
    for (let i = 0; i < 100 && !out; i++) {
      await w.clock.advance(100);
      await w.settle();
    }
    expect(w.sent().filter((a) => a === 'StopTransaction')).toHaveLength(answers.length);
    return { txId: started.transactionId!, out: out! };
  }

  it('sent and timed out every time: may be open in the record, check it', async () => {
    const { txId, out } = await deletedAfter(noAnswer, noAnswer);
    expect(out.sessions).toEqual([expect.objectContaining({ connectorId: 1, transactionId: txId, leftOpen: true })]);
    expect(out.sessions[0]!.detail).toBe(
      `Transaction ${txId} on connector 1 (RF-STOP) may be open in the record: its StopTransaction (reason Other) was sent 2 times and never answered (No answer to StopTransaction within 30 s) and was dropped after 2 attempts; check the Transactions screen and, if it is open there, close it with Close…`,
    );
    expect(out.summary).toBe('1 session may be open in the record: check the Transactions screen.');
  });

  it('an invalid CALLRESULT, then refused: may be open, "without a valid answer"', async () => {
    const { out } = await deletedAfter(invalid, callError);
    expect(out.sessions[0]).toMatchObject({ leftOpen: true });
    expect(out.sessions[0]!.detail).toMatch(
      /may be open in the record: its StopTransaction \(reason Other\) was sent once without a valid answer \(answered with an invalid CALLRESULT .*\) and was dropped after 2 attempts/,
    );
    expect(out.summary).toBe('1 session may be open in the record: check the Transactions screen.');
  });

  it('refused with a CALLERROR every time: stays open in the record, close it', async () => {
    const { txId, out } = await deletedAfter(callError, callError);
    expect(out.sessions).toEqual([expect.objectContaining({ connectorId: 1, transactionId: txId, leftOpen: true })]);
    expect(out.sessions[0]!.detail).toBe(
      `Transaction ${txId} on connector 1 (RF-STOP) stays open in the record: its StopTransaction (reason Other) was answered with an error (InternalError: down) and was dropped after 2 attempts; close it with Close… on the Transactions screen`,
    );
    expect(out.summary).toBe('1 session left open in the record.');
  });
});
