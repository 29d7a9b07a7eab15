// 2.14 Core Profile - Offline behavior Non-Happy Flow. The bench removes the connectivity itself: it drops
// the charger's connection and refuses it until the case lets it back in.
import type { CaseContext } from '../context';
import type { ChargerCall } from '../frames';
import { charging, idTagCached, idTagInLocalList, startedCharging, stoppedCharging } from '../states';
import type { Pics } from '../types';
import { all, configureIfWritable, reader, writable, type Case } from './cases';
import { meterToleranceS } from './meter-values';

const OFFLINE = 'The bench removes the connectivity itself (drops the connection and refuses the charger until it restores it), so no operator is needed for it.';

/** The charger can start a transaction offline: a local list, a cache or AllowOfflineTxForUnknownId. */
const offlineStart = (p: Pics) =>
  (p.profiles.includes('LocalAuthListManagement') && 'LocalAuthListEnabled' in p.config) || 'AuthorizationCacheEnabled' in p.config || 'AllowOfflineTxForUnknownId' in p.config
    ? null
    : 'The charger has no local list, authorization cache or AllowOfflineTxForUnknownId to start a transaction offline';

/** The configuration and memory states of TC_037_x and TC_039_CS: the idTag known locally, every offline means on. */
async function knownOffline(t: CaseContext, idTag: string): Promise<void> {
  await t.configure('LocalAuthorizeOffline', 'true');
  for (const key of ['LocalAuthListEnabled', 'AuthorizationCacheEnabled', 'AllowOfflineTxForUnknownId']) await configureIfWritable(t, key, 'true');
  if (t.pics.profiles.includes('LocalAuthListManagement') && t.pics.config.LocalAuthListEnabled === 'true') await idTagInLocalList(t, 1, idTag);
  if (t.pics.config.AuthorizationCacheEnabled === 'true') await idTagCached(t, idTag);
}

/** The bench is unreachable until `backOnline`: refused for at most the operator's time. */
const goOffline = (t: CaseContext) => t.goOffline(t.data.operatorTimeoutS);

async function backOnline(t: CaseContext): Promise<number> {
  await t.backOnline();
  await t.connected(60);
  return t.clock.now();
}

/** The transactionId the bench gave in its answer to a StartTransaction. */
function transactionIdOf(t: CaseContext, start: ChargerCall): number | undefined {
  const answer = t.host.frames.frames.find((f) => f.direction === 'out' && f.kind === 'CALLRESULT' && f.messageId === start.messageId);
  try {
    return answer ? (JSON.parse(answer.raw) as [number, string, { transactionId?: number }])[2].transactionId : undefined;
  } catch {
    return undefined;
  }
}

const stampOf = (call: ChargerCall) => Date.parse((call.payload.meterValue as Array<{ timestamp: string }> | undefined)?.[0]?.timestamp ?? '');

/** TC_037_x and TC_039_CS: offline, the driver presents the card and plugs in (and more), then the connection is back. */
async function offlineSession(t: CaseContext, idTag: string, then: (c: number) => Promise<void> = async () => {}): Promise<void> {
  const c = t.connectorId;
  await goOffline(t);
  await t.operator({ kind: 'presentIdTag', connectorId: c, idTag });
  await t.operator({ kind: 'plug', connectorId: c });
  await then(c);
  await backOnline(t);
}

/** TC_037_2/3: the invalid idTag known locally as Accepted while the memory states run, Invalid from then on. */
async function invalidKnownOffline(t: CaseContext, stopOnInvalid: boolean): Promise<void> {
  t.answerIdTags({ [t.data.invalidIdTag]: { status: 'Accepted' } });
  await knownOffline(t, t.data.invalidIdTag);
  await t.configure('StopTransactionOnInvalidId', String(stopOnInvalid));
  await configureIfWritable(t, 'MaxEnergyOnInvalidId', '0');
  t.answerIdTags({});
  await offlineSession(t, t.data.invalidIdTag);
}

const INVALID_KNOWN =
  'The memory states for <Configured invalid IdTag> make it known locally as Accepted (local list entry, and a session with it while the bench answers it Accepted); from then on the bench answers it Invalid.';

/** The MeterValues' timestamps as the charger sent them, quoted (a reason keeps them exact, to the millisecond and with their date). */
export const stampsAsSent = (calls: Array<{ payload: Record<string, unknown> }>): string =>
  calls.map((x) => JSON.stringify((x.payload.meterValue as Array<{ timestamp: string }> | undefined)?.[0]?.timestamp)).join(', ');

export const offlineCases: Case[] = [
  {
    id: 'TC_036_CS',
    title: 'Connection Loss During Transaction',
    profile: 'Core',
    section: '2.14.1',
    appliesTo: writable('MeterValueSampleInterval'),
    decisions: [
      OFFLINE,
      'The bench stays unreachable for 3.5 MeterValueSampleIntervals, then waits for the queued MeterValues of the connector until one stamped after the reconnection arrives (or none comes for an interval plus 30 s).',
      'Queued means stamped before the reconnection (by the bench clock); at least 3 are required, in chronological order, MeterValueSampleInterval apart within max(2 s, 10 %), and before the first new one.',
    ],
    async run(t) {
      const c = t.connectorId;
      const interval = t.data.meterValueIntervalS;
      const tol = meterToleranceS(interval);
      await t.configure('MeterValueSampleInterval', String(interval));
      await charging(t);
      await goOffline(t);
      await t.wait(interval * 3.5, 'the charger produces at least 3 meter values while offline');
      const backAt = await backOnline(t);
      const calls = await t.step('charger', 'Charger sends the MeterValues it queued while offline, then new ones', async (ids) => {
        const got: ChargerCall[] = [];
        const { pending } = t.host.frames;
        const next = () => {
          const i = pending.findIndex((p) => p.action === 'MeterValues' && p.payload.connectorId === c);
          return i >= 0 ? pending.splice(i, 1)[0] : null;
        };
        for (;;) {
          const call = await t.waitFor((interval + tol + t.data.chargerTimeoutS) * 1000, next);
          if (!call) break;
          ids.push(call.messageId);
          got.push(call);
          if (stampOf(call) >= backAt || got.length >= 100) break;
        }
        return got;
      });
      await t.verify('The queued MeterValues came in chronological order, before new ones, MeterValueSampleInterval apart', () => {
        const stamps = calls.map(stampOf);
        const queued = stamps.filter((s) => s < backAt);
        t.check(queued.length >= 3, 'at least 3 MeterValues queued while offline', `${queued.length} came (of ${calls.length} MeterValues after the reconnection)`);
        const backwards = stamps.findIndex((s, i) => i > 0 && !(s >= stamps[i - 1]!));
        t.check(
          backwards < 0,
          'the MeterValues in chronological order, the queued ones before new ones',
          `MeterValues ${backwards + 1} is stamped before the one ahead of it (${stampsAsSent(calls)})`,
        );
        const gaps = queued.slice(1).map((s, i) => (s - queued[i]!) / 1000);
        t.check(
          gaps.every((g) => Math.abs(g - interval) <= tol),
          `the queued MeterValues ${interval} s apart (± ${tol} s)`,
          `they are ${gaps.map((g) => `${g} s`).join(', ')} apart`,
        );
      });
    },
  },
  {
    id: 'TC_037_1_CS',
    title: 'Offline Start Transaction - Valid IdTag',
    profile: 'Core',
    section: '2.14.2',
    appliesTo: all(reader, offlineStart, writable('LocalAuthorizeOffline', 'true')),
    decisions: [OFFLINE, 'The memory states run where their keys are there: the local list (LocalAuthListManagement), then the cache (AuthorizationCacheEnabled).'],
    async run(t) {
      await knownOffline(t, t.data.validIdTag);
      await offlineSession(t, t.data.validIdTag);
      await startedCharging(t, t.connectorId, t.data.validIdTag);
    },
  },
  {
    id: 'TC_037_2_CS',
    title: 'Offline Start Transaction - Invalid IdTag - StopTransactionOnInvalidId = false',
    profile: 'Core',
    section: '2.14.3',
    appliesTo: all(reader, offlineStart, writable('LocalAuthorizeOffline', 'true'), writable('StopTransactionOnInvalidId', 'false')),
    decisions: [OFFLINE, INVALID_KNOWN, 'After SuspendedEVSE, no StopTransaction may come within <Configured Transaction Duration> (the verdict: the transaction is kept).'],
    async run(t) {
      const c = t.connectorId;
      await invalidKnownOffline(t, false);
      await startedCharging(t, c, t.data.invalidIdTag);
      await t.expect('StatusNotification', { where: { connectorId: c, status: 'SuspendedEVSE' }, title: 'Charger sends StatusNotification (status SuspendedEVSE) after the Invalid answer' });
      await t.expectNone(['StopTransaction'], t.data.transactionDurationS, 'The transaction is kept: no StopTransaction');
    },
  },
  {
    id: 'TC_037_3_CS',
    title: 'Offline Start Transaction - Invalid IdTag - StopTransactionOnInvalidId = true',
    profile: 'Core',
    section: '2.14.4',
    appliesTo: all(reader, offlineStart, writable('LocalAuthorizeOffline', 'true'), writable('StopTransactionOnInvalidId', 'true')),
    decisions: [OFFLINE, INVALID_KNOWN, 'StopTransaction (DeAuthorized) and Finishing may come in either order (the standing exception).'],
    async run(t) {
      const c = t.connectorId;
      await invalidKnownOffline(t, true);
      const [tx] = await startedCharging(t, c, t.data.invalidIdTag);
      await stoppedCharging(t, tx, { reason: 'DeAuthorized' });
    },
  },
  {
    id: 'TC_038_CS',
    title: 'Offline Stop Transaction',
    profile: 'Core',
    section: '2.14.5',
    appliesTo: reader,
    decisions: [OFFLINE, 'The driver stops the transaction with <Configured Valid IdTag>, the card that started it.'],
    async run(t) {
      const c = t.connectorId;
      const tx = await charging(t);
      await goOffline(t);
      await t.operator({ kind: 'presentIdTag', connectorId: c, idTag: t.data.validIdTag });
      await backOnline(t);
      await stoppedCharging(t, tx, { reason: ['Local', undefined] });
    },
  },
  {
    id: 'TC_039_CS',
    title: 'Offline Transaction',
    profile: 'Core',
    section: '2.14.6',
    appliesTo: all(reader, offlineStart, writable('LocalAuthorizeOffline', 'true')),
    decisions: [OFFLINE, 'StatusNotifications after the reconnection are observations (the document lists none); the StopTransaction must name the transactionId the bench gave the StartTransaction.'],
    async run(t) {
      const idTag = t.data.validIdTag;
      await knownOffline(t, idTag);
      await offlineSession(t, idTag, async (c) => {
        await t.operator({ kind: 'presentIdTag', connectorId: c, idTag });
        await t.operator({ kind: 'unplug', connectorId: c });
      });
      const start = await t.expect('StartTransaction', { checks: { connectorId: t.connectorId, idTag }, title: 'Charger sends the StartTransaction it queued while offline (answered Accepted)' });
      const transactionId = transactionIdOf(t, start);
      await t.expect('StopTransaction', { checks: { transactionId, reason: ['Local', undefined] }, title: 'Charger sends the StopTransaction it queued while offline' });
    },
  },
];
