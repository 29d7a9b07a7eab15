// The end of every case: the charger back to the document's general preconditions (no session, no
// reservation, profile or local list the case made, connectors available, keys as they were), or a list
// of what could not be put back, which the report shows beside the case.
import type { CaseContext } from './context';
import { VirtualOperator } from './operator';

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
      const cp = host.operator.vcp();
      cp.setFaults({ offline: false });
      if (cp.view().chargerFault) cp.clearFault(0);
      for (const c of cp.view().connectors) {
        if (c.errorCode !== 'NoError' || c.status === 'Faulted') cp.clearFault(c.connectorId);
        if (c.plugged) cp.unplug(c.connectorId);
      }
      await host.frames.settle();
    });
  }
  for (const reservationId of t.touched.reservations)
    await attempt(`cancelling reservation ${reservationId}`, () => host.operate('CancelReservation', { reservationId }, t.data.chargerTimeoutS * 1000));
  if (t.touched.availability) await attempt('making the charger Operative', () => host.operate('ChangeAvailability', { connectorId: 0, type: 'Operative' }, t.data.chargerTimeoutS * 1000));
  if (t.touched.profiles) await attempt('clearing charging profiles', () => host.operate('ClearChargingProfile', {}, t.data.chargerTimeoutS * 1000));
  if (t.touched.localList)
    await attempt('emptying the local list', () => host.operate('SendLocalList', { listVersion: 1, updateType: 'Full', localAuthorizationList: [] }, t.data.chargerTimeoutS * 1000));
  if (t.touched.cache) await attempt('clearing the cache', () => host.operate('ClearCache', {}, t.data.chargerTimeoutS * 1000));
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
