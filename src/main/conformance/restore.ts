// The end of every case: the charger back to the document's general preconditions (no session, no
// reservation, profile or local list the case made, connectors available, keys as they were), or a list
// of what could not be put back, which the report shows beside the case.
import type { CaseContext } from './context';
import { operatorText, VirtualOperator } from './operator';
import { sleep } from '../clock';

export async function restorePreconditions(t: CaseContext): Promise<string[]> {
  const problems: string[] = [];
  const host = t.host;
  host.behaviours.reset(host.chargerId);
  const attempt = async (what: string, fn: () => Promise<unknown>) => {
    try {
      await fn();
    } catch (e) {
      problems.push(`${what}: ${(e as Error).message}`);
    }
  };
  // A virtual charger a case left switched off is switched on again.
  if (host.operator instanceof VirtualOperator && !host.operator.vcp().isRunning) host.operator.vcp().start();
  if (t.touched.password) {
    const problem = await restorePassword(t, t.touched.password);
    if (problem) return [problem];
  }
  if (!host.frames.connected) {
    // A case that dropped or rebooted the charger: give it time to come back.
    await host.frames.waitFor(t.clock, t.data.chargerTimeoutS * 1000 * 2, () => host.frames.connected || null);
    if (!host.frames.connected) return ['The charger did not reconnect after the case'];
  }
  for (const tx of host.openTransactions()) {
    await attempt(`stopping transaction ${tx.transactionId}`, async () => {
      const r = await host.operate('RemoteStopTransaction', { transactionId: tx.transactionId }, t.data.chargerTimeoutS * 1000);
      if (r.outcome !== 'completed') throw new Error(r.outcome);
      await host.frames.waitFor(t.clock, t.data.chargerTimeoutS * 1000, () => !host.openTransactions().some((o) => o.transactionId === tx.transactionId) || null);
    });
  }
  {
    // The virtual charger's hands: cables out, faults cleared, EVs back.
    await attempt('resetting the virtual charger', async () => {
      if (!(host.operator instanceof VirtualOperator)) return;
      // What the case's last messages set off (a card's answer) happens first.
      await host.frames.settle();
      const cp = host.operator.vcp();
      // Only what the case's operator steps did is undone: fault switches a person set for the run stay on.
      const done = host.operator.done;
      if (done.has('disconnectNetwork')) cp.setFaults({ offline: false });
      if (done.has('jamLock')) cp.setFaults({ stuckConnector: false });
      const faulted = done.has('fault') || done.has('plugHalfway');
      // The whole charger's fault first: it shows on every connector.
      if (faulted && cp.view().chargerFault) cp.clearFault(0);
      for (const c of cp.view().connectors) {
        if (faulted && cp.connectors.get(c.connectorId).fault) cp.clearFault(c.connectorId);
        if (c.plugged) cp.unplug(c.connectorId);
        // A card presented without a cable following (it would start the next case's session).
        const waiting = cp.connectors.get(c.connectorId);
        if (waiting.authorized) {
          cp.transactions.dropAuthorized(waiting);
          cp.refresh();
        }
      }
      done.clear();
      await host.frames.settle();
      // General precondition: no queued messages waiting to be sent (retries run on the run's clock).
      for (let i = 0; i < 60 && cp.view().queuedMessages > 0; i++) await sleep(t.clock, 10_000);
    });
  }
  if (!(host.operator instanceof VirtualOperator)) await unplugCables(t, problems);
  for (const reservationId of t.touched.reservations)
    await attempt(`cancelling reservation ${reservationId}`, () => host.operate('CancelReservation', { reservationId }, t.data.chargerTimeoutS * 1000));
  if (t.touched.availability)
    for (let connectorId = 0; connectorId <= t.pics.connectors; connectorId++)
      await attempt(`making connector ${connectorId} Operative`, () => host.operate('ChangeAvailability', { connectorId, type: 'Operative' }, t.data.chargerTimeoutS * 1000));
  if (t.touched.profiles) await attempt('clearing charging profiles', () => host.operate('ClearChargingProfile', {}, t.data.chargerTimeoutS * 1000));
  if (t.touched.localList)
    await attempt('emptying the local list', () => host.operate('SendLocalList', { listVersion: 1, updateType: 'Full', localAuthorizationList: [] }, t.data.chargerTimeoutS * 1000));
  // General precondition: an empty authorization cache (where the charger has one).
  if (t.touched.cache || 'AuthorizationCacheEnabled' in t.pics.config) await attempt('clearing the cache', () => host.operate('ClearCache', {}, t.data.chargerTimeoutS * 1000));
  for (const [key, value] of t.touched.config) {
    if (value === null) continue;
    await attempt(`putting ${key} back to ${value}`, async () => {
      const r = await host.operate('ChangeConfiguration', { key, value }, t.data.chargerTimeoutS * 1000);
      if (r.outcome !== 'completed' || !['Accepted', 'RebootRequired'].includes(String((r.response as { status?: string }).status)))
        throw new Error(`answered ${JSON.stringify('response' in r ? r.response : r.outcome)}`);
      t.pics.config[key] = value;
    });
  }
  // Messages the restoring caused are no business of the next case.
  await host.frames.settle();
  host.frames.pending.length = 0;
  return problems;
}

/** Statuses that say a cable is in. (Preparing may be a card presented alone, which times out by itself.) */
const CABLE_IN = new Set(['Charging', 'SuspendedEV', 'SuspendedEVSE', 'Finishing']);

/**
 * A real charger's connectors left with a cable in (one the case had plugged in, or one that shows in the
 * status, as when the run started with it): the person is asked to unplug, and the connector must report
 * Available. After a Stop nobody is asked (the run ends now); the connector is named instead, for the next
 * run's start to ask.
 */
async function unplugCables(t: CaseContext, problems: string[]): Promise<void> {
  const { host } = t;
  await host.frames.settle();
  for (let connectorId = 1; connectorId <= t.pics.connectors; connectorId++) {
    const status = host.connectorStatus(connectorId);
    if (!status || status === 'Available' || !(CABLE_IN.has(status) || t.plugged.has(connectorId))) continue;
    if (host.signal?.aborted) {
      problems.push(`connector ${connectorId} is ${status}: unplug its cable before the next run`);
      continue;
    }
    const action = { kind: 'unplug', connectorId } as const;
    const answer = await host.operator.perform({ caseId: t.caseId, step: t.steps.length, action, text: operatorText(action), timeoutS: t.data.operatorTimeoutS });
    const available = answer === 'done' && (await host.frames.waitFor(t.clock, t.data.chargerTimeoutS * 1000, () => host.connectorStatus(connectorId) === 'Available' || null));
    if (answer === 'done') t.plugged.delete(connectorId);
    if (!available)
      problems.push(
        `connector ${connectorId} is ${host.connectorStatus(connectorId)}${answer === 'done' ? ' after the cable was unplugged' : ` (the person answered ${answer} to unplugging it)`}: the next case may fail`,
      );
  }
}

/**
 * A case changed the charger's AuthorizationKey: the charger goes back to the password the bench had for
 * it. Whichever of the two it uses now gets it in; then the old key is sent, the bench expects the old
 * password again, and the charger reconnects with it.
 */
async function restorePassword(t: CaseContext, { before, given }: { before: string; given: string }): Promise<string | null> {
  const { host } = t;
  const limit = t.data.chargerTimeoutS * 1000;
  const connectedWith = async (password: string) => {
    await host.password.set(password);
    return Boolean(await host.frames.waitFor(t.clock, limit, () => host.frames.connected || null));
  };
  if (!host.frames.connected && !(await connectedWith(given)) && !(await connectedWith(before))) return 'The charger did not reconnect with either password after the case';
  const connections = host.frames.connections;
  await host.password.set(before);
  const r = await host.operate('ChangeConfiguration', { key: 'AuthorizationKey', value: before }, limit);
  if (r.outcome !== 'completed' || (r.response as { status?: string }).status !== 'Accepted') {
    await host.password.set(given);
    return `putting the AuthorizationKey back: the charger answered ${JSON.stringify('response' in r ? r.response : r.outcome)}; the bench now expects the key the case set`;
  }
  // A charger that keeps its connection uses the old key from its next one, which the bench now expects.
  await host.frames.waitFor(t.clock, limit, () => (host.frames.connected && host.frames.connections > connections) || null);
  return host.frames.connected ? null : 'The charger did not reconnect with its old AuthorizationKey after the case';
}
