// The end of every case, and the start of a run: the charger back to the document's general preconditions
// (no session, no reservation, profile or local list the case made, connectors available with no cable in,
// keys as they were), or a list of what could not be put back, which the report shows beside the case (or
// the run, for its start).
import type { CaseContext } from './context';
import { operatorText, VirtualOperator, type OperatorAnswer } from './operator';
import type { SeenFrame } from './frames';
import { sleep } from '../clock';
import { passwordLeftWhenStopped, restorePassword } from './password-back';
import { putBackCalls } from './outside-script';
import { setupStopped } from './setup-stop';
import { SetupStopped } from './types';
import { keysToPutBack, noStopFor, stopBeforeAsked } from './restore-details';
import type { OperationResult } from '../../shared/api/views';

export interface RestoreOptions {
  /** The run's start (before the first case), not the end of a case. */
  setup?: boolean;
  /** Told what the bench does as it goes ("Putting the charger back after TC_003_CS: stopping transaction 4…"): the run's current step meanwhile. */
  phase?: (text: string) => void;
  /** How the phase names the case ("TC_003_CS"; a commissioning's step by its title) and the run's start ("before the run"; "before the first step"). */
  words?: { after: string; setup: string };
  /**
   * A commissioning's step: the interval the bench's BootNotification answer gives the charger (at its reset)
   * is not put back; the configuration read at the end judges it against the template.
   */
  keepBootInterval?: boolean;
  /**
   * Sessions running on the charger are left running (a run of steps that only read, on a live site): no
   * RemoteStopTransaction, no cable to unplug (but one the case itself had plugged in), no card waiting for a
   * cable dropped. The rest of the put-back is unchanged.
   */
  leaveSessions?: boolean;
}

export async function restorePreconditions(t: CaseContext, o: RestoreOptions = {}): Promise<string[]> {
  // Whatever way the put-back ends (an early return too), what the charger sent meanwhile is recorded for the
  // case and never left for the next case's steps to judge.
  try {
    return await putBack(t, o);
  } finally {
    if (!o.setup) putBackCalls(t);
    t.host.frames.pending.length = 0;
  }
}

/**
 * A put-back call's answer, thrown as words unless its status is one of `ok`: a charger offline, silent or
 * refusing has not been put back (the call returning is not enough).
 */
async function done(call: Promise<OperationResult>, ok: string[]): Promise<void> {
  const r = await call;
  if (r.outcome === 'completed') {
    const status = String((r.response as { status?: unknown }).status);
    if (ok.includes(status)) return;
    throw new Error(`the charger answered ${status}`);
  }
  if (r.outcome === 'offline') throw new Error(`not done: ${r.sent ? 'the connection dropped before an answer, so whether the charger did it is unknown' : 'the charger was not connected'}`);
  if (r.outcome === 'timeout') throw new Error(r.error.description);
  if (r.outcome === 'callError') throw new Error(`the charger answered a CALLERROR (${r.error.code}: ${r.error.description})`);
  throw new Error(`the charger's answer breaks the OCPP schema (${r.error.description})`);
}

async function putBack(t: CaseContext, o: RestoreOptions): Promise<string[]> {
  const problems: string[] = [];
  const host = t.host;
  const limit = t.data.chargerTimeoutS * 1000;
  const phase = phaseOf(t, o);
  // The case's last frame: what the charger sends after it came during the put-back.
  const caseEnd = host.frames.lastSeq;
  phase();
  // After a Stop the step's own work may still be under way (an operation awaiting the charger's answer).
  if (host.signal?.aborted) await t.stepSettled(limit);
  host.behaviours.reset(host.chargerId);
  const attempt = async (what: string, fn: () => Promise<unknown>) => {
    try {
      await fn();
    } catch (e) {
      // In a run's setup, what its Stop left undone is no problem of the run: no case runs after it.
      if (e instanceof SetupStopped) return;
      problems.push(`${what}: ${(e as Error).message}`);
    }
  };
  // A virtual charger a case left switched off is switched on again, and the fault switches its hands switched
  // on (a jammed lock, the network cut) off, before it is waited for: only those, a person's stay on.
  if (host.operator instanceof VirtualOperator && !host.operator.vcp().isRunning) host.operator.vcp().start();
  // A person's Offline that still holds the charger (one they switched over the network the run cut, too) is
  // theirs: when the charger does not come back, that is said, not blamed on the charger.
  const { back: own, heldOffline } = host.operator instanceof VirtualOperator ? host.operator.switchOffOwn() : { back: [], heldOffline: null };
  if (own.includes('offline') && !host.signal?.aborted) {
    // The network its hands cut is back: the charger reconnects (its connection may not be seen closing yet).
    const before = host.frames.connections;
    phase(`waiting up to ${t.data.chargerTimeoutS * 2} s for the charger to reconnect (its network back)`);
    await host.frames.waitFor(t.clock, limit * 2, () => (host.frames.connections > before && host.frames.connected) || null, host.signal);
  }
  if (heldOffline && host.frames.connected) {
    // A person's Offline switched (or its seconds changed) just now has cut the charger's socket, but the bench
    // may not have seen it close yet: it is offline, and put back (or waited for) as such, not as connected.
    // The close is on its way: a fake clock stays still (up to 3 s of wall time) until it is seen. A stopped
    // run's put-back waits for it too (it is about to be seen); a Stop pressed during the wait ends it.
    phase("waiting for the charger's connection to close (a person's Offline switch holds it offline)");
    const stop = host.signal?.aborted ? undefined : host.signal;
    await host.frames.waitFor(t.clock, limit, () => !host.frames.connected || null, stop).finally(host.frames.holdFor(3000));
  }
  if (t.touched.password) {
    phase('putting the AuthorizationKey back');
    // After a Stop with the charger offline it is not waited for (nor asked): the key is named as not put back.
    if (host.signal?.aborted && !host.frames.connected) {
      const left = await passwordLeftWhenStopped(t, t.touched.password);
      if (left) problems.push(left);
    } else {
      const problem = await restorePassword(t, t.touched.password);
      // A key the charger would not take back is named, and the rest is still put back (the next case begins
      // with the document's preconditions but the key); a charger that did not reconnect with either password
      // is named as such, with nothing more to ask of it.
      if (problem) problems.push(problem);
      if (problem && !host.frames.connected) return problems;
    }
  }
  if (!host.frames.connected) {
    // A case that dropped or rebooted the charger: give it time to come back, unless the run was stopped (then
    // nothing waits on an offline charger: what putting it back would have asked of it is named, not done).
    if (!host.signal?.aborted) phase(`waiting up to ${t.data.chargerTimeoutS * 2} s for the charger to reconnect`);
    if (!host.signal?.aborted) await host.frames.waitFor(t.clock, t.data.chargerTimeoutS * 1000 * 2, () => host.frames.connected || null, host.signal);
    if (!host.frames.connected) return host.signal?.aborted ? [...problems, ...notAskedWhenStopped(t, o)] : [...problems, heldOffline ?? 'The charger did not reconnect after the case'];
  }
  // After a Stop between a remote start the charger accepted and its session's start, the session begins
  // soon: it is waited for, so it is stopped here rather than left running.
  const caseFrames = () => host.frames.since(t.firstSeq);
  if (host.signal?.aborted && remoteStartPending(caseFrames())) phase('waiting for the session the charger accepted to start, to stop it');
  if (host.signal?.aborted && remoteStartPending(caseFrames())) await host.frames.waitFor(t.clock, limit, () => !remoteStartPending(caseFrames()) || null);
  // Each session once: one the charger refuses to stop (a session it has lost) is named, not waited on again.
  const tried = new Set<number>();
  const running = (id: number) => host.openTransactions().some((o) => o.transactionId === id);
  const stopSessions = async () => {
    // A StopTransaction on its way (a session the charger ended itself as the case ended) arrives first.
    if (host.openTransactions().length) await host.frames.settle();
    for (const tx of host.openTransactions()) {
      if (tried.has(tx.transactionId)) continue;
      tried.add(tx.transactionId);
      if (running(tx.transactionId)) phase(`stopping the session (transaction ${tx.transactionId} on connector ${tx.connectorId}: RemoteStopTransaction, then its StopTransaction)`);
      await attempt(`stopping transaction ${tx.transactionId}`, async () => {
        // Its StopTransaction came while an earlier session was being stopped: nothing left to stop.
        if (!running(tx.transactionId)) return;
        // The sessions the bench knows as it asks: a StopTransaction for none of them is for an unknown one.
        const known = new Set(host.openTransactions().map((o) => o.transactionId));
        const asked = host.frames.lastSeq;
        const r = await host.operate('RemoteStopTransaction', { transactionId: tx.transactionId }, limit);
        // A refusal (or no answer) crossing the charger's own StopTransaction of it is no problem: it ended.
        const ended = async () => {
          await host.frames.settle();
          return !running(tx.transactionId);
        };
        if (r.outcome !== 'completed') {
          if (await ended()) return;
          throw new Error(r.outcome);
        }
        const status = (r.response as { status?: string }).status;
        if (status !== 'Accepted' && (await ended())) return;
        // A StopTransaction with the wrong transactionId before the bench asked is likely why: it is named.
        const why = status !== 'Accepted' ? stopBeforeAsked(t, tx.transactionId, asked, caseEnd) : '';
        if (status !== 'Accepted') throw new Error(`the charger answered ${status}: it may have lost the session${why ? `; ${why}` : ''} (close it in the record if it no longer runs)`);
        // In a run's setup, a Stop ends this wait too (what the Stop left undone is not a problem of the run).
        const stopped = await host.frames.waitFor(t.clock, limit, () => !host.openTransactions().some((o) => o.transactionId === tx.transactionId) || null, o.setup ? host.signal : undefined);
        if (!stopped && o.setup && host.signal?.aborted) throw setupStopped();
        if (!stopped) throw new Error(noStopFor(tx.transactionId, host.frames.since(asked), known, t.data.chargerTimeoutS));
      });
    }
  };
  if (!o.leaveSessions) await stopSessions();
  {
    // The virtual charger's hands: cables out, faults cleared, EVs back.
    await attempt('resetting the virtual charger', async () => {
      if (!(host.operator instanceof VirtualOperator)) return;
      phase('resetting the virtual charger (cables out, faults the case set cleared)');
      // What the case's last messages set off (a card's answer) happens first.
      await host.frames.settle();
      const cp = host.operator.vcp();
      // Only what the case's operator steps did is undone: fault switches a person set for the run stay on.
      const done = host.operator.done;
      const faulted = done.has('fault') || done.has('plugHalfway');
      // The whole charger's fault first: it shows on every connector.
      if (faulted && cp.view().chargerFault) cp.clearFault(0);
      for (const c of cp.view().connectors) {
        if (faulted && cp.connectors.get(c.connectorId).fault) cp.clearFault(c.connectorId);
        // Sessions left running: only a cable the case itself plugged in comes out.
        if (c.plugged && (!o.leaveSessions || t.plugged.has(c.connectorId))) cp.unplug(c.connectorId);
        // A card presented without a cable following (it would start the next case's session).
        const waiting = cp.connectors.get(c.connectorId);
        if (waiting.authorized && !o.leaveSessions) {
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
  await cancelReservations(t, problems, o.setup ?? false, phase, o);
  if (t.touched.availability) phase('making the connectors Operative');
  if (t.touched.availability)
    for (let connectorId = 0; connectorId <= t.pics.connectors; connectorId++)
      await attempt(`making connector ${connectorId} Operative`, () => done(host.operate('ChangeAvailability', { connectorId, type: 'Operative' }, limit), ['Accepted', 'Scheduled']));
  // After the reservations and the availability: a connector must end up Available.
  if (!(host.operator instanceof VirtualOperator)) await unplugCables(t, problems, o.setup ?? false, phase, o);
  if (t.touched.profiles) phase('clearing the charging profiles');
  // Unknown: no profile left to clear, which is what the put-back wants.
  if (t.touched.profiles) await attempt('clearing charging profiles', () => done(host.operate('ClearChargingProfile', {}, limit), ['Accepted', 'Unknown']));
  if (t.touched.localList) phase('emptying the local list');
  if (t.touched.localList) await attempt('emptying the local list', () => done(host.operate('SendLocalList', { listVersion: 1, updateType: 'Full', localAuthorizationList: [] }, limit), ['Accepted']));
  // General precondition: an empty authorization cache (where the charger has one), unless the run keeps it.
  const clearCache = t.touched.cache || (!host.keepAuthorizationCache && 'AuthorizationCacheEnabled' in t.pics.config);
  if (clearCache) phase('clearing the authorization cache');
  // A charger whose cache is switched off may refuse to clear it: nothing is left in it either way.
  const cacheOff = String(t.pics.config.AuthorizationCacheEnabled).toLowerCase() === 'false';
  if (clearCache) await attempt('clearing the cache', () => done(host.operate('ClearCache', {}, limit), cacheOff ? ['Accepted', 'Rejected'] : ['Accepted']));
  // The keys the case changed, HeartbeatInterval too when the bench's boot answer gave another interval.
  for (const { key, value, why } of keysToPutBack(t, o.setup ?? false, o.keepBootInterval ?? false)) {
    phase(`putting ${key} back to ${value}`);
    await attempt(`putting ${key} back to ${value}${why ? ` (${why})` : ''}`, async () => {
      const r = await host.operate('ChangeConfiguration', { key, value }, t.data.chargerTimeoutS * 1000);
      if (r.outcome !== 'completed' || !['Accepted', 'RebootRequired'].includes(String((r.response as { status?: string }).status)))
        throw new Error(`answered ${JSON.stringify('response' in r ? r.response : r.outcome)}`);
      t.pics.config[key] = value;
    });
  }
  // Messages the restoring caused are no business of the next case; a session begun meanwhile is stopped.
  await host.frames.settle();
  if (host.openTransactions().length && !o.leaveSessions) await stopSessions();
  // What the charger sent meanwhile (the put-back's own messages aside): observations of an OCTT case (restorePreconditions).
  return problems;
}

/**
 * What the bench is doing now, as the run's current step says it: "Putting the charger back after TC_003_CS…",
 * then each thing it does ("…: stopping the session (transaction 4 …)…"); "Preparing the charger before the run" at the run's start.
 */
function phaseOf(t: CaseContext, o: RestoreOptions): (what?: string) => void {
  const during = duringOf(t, o.setup ?? false, o);
  return (what) => o.phase?.(what ? `${during}: ${what}…` : `${during}…`);
}

/** What the bench is doing, in the phase's words: preparing the charger before the run, or putting it back after the case. */
const duringOf = (t: CaseContext, setup: boolean, o: RestoreOptions) =>
  setup ? `Preparing the charger ${o.words?.setup ?? 'before the run'}` : `Putting the charger back after ${o.words?.after ?? t.caseId}`;

/**
 * What putting the charger back would have asked of it, each named as not done: the run was stopped while it
 * was offline. Nothing is said when nothing needed putting back (a step that changed nothing on the charger);
 * a commissioning's step is named in its own words ("the step"), a conformance case as a case.
 */
function notAskedWhenStopped(t: CaseContext, o: RestoreOptions): string[] {
  const why = 'not done: the run was stopped while the charger was offline';
  const { host } = t;
  // What the case (or step) itself did; none at the run's start.
  const who = o.words ? 'the step' : 'the case';
  const faulted = !o.setup && host.operator instanceof VirtualOperator && (host.operator.done.has('fault') || host.operator.done.has('plugHalfway'));
  const starting = !o.setup && remoteStartPending(host.frames.since(t.firstSeq));
  const what = [
    ...(o.leaveSessions ? [] : host.openTransactions()).map((tx) => `stopping transaction ${tx.transactionId} (it may still run on the charger)`),
    ...(starting ? [`stopping the session the charger accepted to start when ${who} asked it (it may start when the charger is back)`] : []),
    ...[...t.touched.reservations].map((id) => `cancelling reservation ${id}`),
    ...(t.touched.availability ? ['making the connectors Operative'] : []),
    ...[...t.plugged].map((c) => `asking for the cable in connector ${c} to be unplugged`),
    ...(faulted ? [`clearing the faults ${who} set on the virtual charger`] : []),
    ...(t.touched.profiles ? ['clearing charging profiles'] : []),
    ...(t.touched.localList ? ['emptying the local list'] : []),
    // As the put-back would: the cache it touched, or the general precondition's empty cache after each case.
    ...(t.touched.cache || (!o.setup && !host.keepAuthorizationCache && 'AuthorizationCacheEnabled' in t.pics.config) ? ['clearing the cache'] : []),
    ...keysToPutBack(t, o.setup ?? false, o.keepBootInterval ?? false).map(({ key, value, why }) => `putting ${key} back to ${value}${why ? ` (${why})` : ''}`),
  ];
  return what.map((w) => `${w}: ${why}`);
}

/**
 * The case's reservations cancelled. One the charger keeps (it refuses the CancelReservation, or does not
 * answer it) is named with the connector and until when it may stay Reserved; a refusal of one that is no
 * longer there (never accepted, cancelled or used by the case, expired) is what a charger should answer.
 * Then a connector the case itself reserved (and that reservation not used, cancelled or expired as far as
 * the case's frames tell) must not be left Reserved, as the charger says when asked. At the run's start any
 * connector Reserved is named once (a reservation the bench did not make); a case does not name it again.
 */
async function cancelReservations(t: CaseContext, problems: string[], setup: boolean, phase: (what: string) => void, o: RestoreOptions): Promise<void> {
  const { host } = t;
  const limit = t.data.chargerTimeoutS * 1000;
  /** Connectors already named (0: the whole charger). */
  const named = new Set<number>();
  let cancelled = false;
  for (const reservationId of t.touched.reservations) {
    phase(`cancelling reservation ${reservationId}`);
    let answer: string;
    try {
      const r = await host.operate('CancelReservation', { reservationId }, limit);
      const status = r.outcome === 'completed' ? String((r.response as { status?: string }).status) : null;
      if (status === 'Accepted') {
        cancelled = true;
        continue;
      }
      answer =
        status !== null
          ? `the charger answered ${status}`
          : r.outcome === 'timeout'
            ? `the charger did not answer within ${t.data.chargerTimeoutS} s`
            : r.outcome === 'callError'
              ? `the charger answered a CALLERROR ${r.error.code}`
              : r.outcome === 'offline'
                ? r.sent
                  ? 'the connection dropped after it was sent, before an answer'
                  : 'the charger was not connected'
                : 'the charger answered outside the OCPP 1.6 schema';
    } catch (e) {
      answer = `the bench failed to send it: ${(e as Error).message}`;
    }
    const held = reservationHeld(host.frames.since(t.firstSeq), reservationId, t.clock.now());
    if (!held) continue;
    named.add(held.connectorId);
    const where = held.connectorId === 0 ? 'the charger (connector 0)' : `connector ${held.connectorId}`;
    problems.push(
      `reservation ${reservationId} on ${where} could not be cancelled: ${answer}; ${held.connectorId === 0 ? 'a connector' : 'the connector'} may stay Reserved until it expires at ${held.expiryDate}`,
    );
  }
  if (named.has(0)) return;
  if (setup) {
    for (let c = 1; c <= t.pics.connectors; c++)
      if (host.connectorStatus(c) === 'Reserved') problems.push(`connector ${c} is Reserved (a reservation the bench did not make; it ends when it expires or is cancelled): ${mayFail(true, o)}`);
    return;
  }
  // A cancellation just accepted: the connector's StatusNotification is on its way.
  if (cancelled) await host.frames.settle();
  for (const c of reservedByCase(host.frames.since(t.firstSeq), t.clock.now())) {
    if (named.has(c) || !(await stillReserved(t, c))) continue;
    problems.push(
      `connector ${c} is still Reserved after ${o.words?.after ?? 'the case'} (a reservation ${o.words ? 'the step' : 'the case'} made, which the bench could not cancel; it ends when it expires): ${mayFail(false, o)}`,
    );
  }
}

/** The connectors (not 0) the case's frames show it reserved and still holding the reservation (see reservationHeld). */
export function reservedByCase(frames: SeenFrame[], now: number): number[] {
  const ids = new Set(frames.filter((f) => f.direction === 'out' && f.kind === 'CALL' && f.action === 'ReserveNow').map((f) => payloadOf(f).reservationId));
  const connectors = new Set<number>();
  for (const id of ids) {
    if (typeof id !== 'number') continue;
    const held = reservationHeld(frames, id, now);
    if (held && held.connectorId > 0) connectors.add(held.connectorId);
  }
  return [...connectors].sort((a, b) => a - b);
}

/**
 * Whether the charger says the connector is Reserved: as it reported it during the run (a status from
 * before the run is not believed), or, where that is Reserved or unknown, as it reports when asked now.
 */
async function stillReserved(t: CaseContext, connectorId: number): Promise<boolean> {
  const { host } = t;
  const seen = host.frames.statuses.get(connectorId);
  if (seen !== undefined && seen !== 'Reserved') return false;
  const before = host.frames.lastSeq;
  const reported = (): string | null => {
    const s = host.frames.since(before).findLast((f) => f.direction === 'in' && f.kind === 'CALL' && f.action === 'StatusNotification' && payloadOf(f).connectorId === connectorId);
    return s ? String(payloadOf(s).status) : null;
  };
  const asked = await host.operate('TriggerMessage', { requestedMessage: 'StatusNotification', connectorId }, t.data.chargerTimeoutS * 1000).catch(() => null);
  if (asked?.outcome !== 'completed' || (asked.response as { status?: string }).status !== 'Accepted') return seen === 'Reserved';
  const status = await host.frames.waitFor(t.clock, t.data.chargerTimeoutS * 1000, reported);
  return (status ?? seen) === 'Reserved';
}

const payloadOf = (f: SeenFrame): Record<string, unknown> => {
  try {
    const parsed = JSON.parse(f.raw) as unknown[];
    const body = parsed[f.kind === 'CALL' ? 3 : 2];
    return body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  } catch {
    return {};
  }
};

/** The charger's answer (CALLRESULT) to the bench's CALL `call` among `frames`, as a payload, or null. */
const answerTo = (frames: SeenFrame[], call: SeenFrame): Record<string, unknown> | null => {
  const a = frames.find((f) => f.seq > call.seq && f.direction === 'in' && f.kind === 'CALLRESULT' && f.messageId === call.messageId);
  return a ? payloadOf(a) : null;
};

/**
 * A reservation the charger still holds as far as the case's frames tell: its ReserveNow was accepted, and
 * since then it was not cancelled (accepted), used by a StartTransaction (with its reservationId, or on its
 * connector), nor did it expire. Its connector
 * and expiry date, or null.
 */
export function reservationHeld(frames: SeenFrame[], reservationId: number, now: number): { connectorId: number; expiryDate: string } | null {
  const isCall = (f: SeenFrame, direction: 'in' | 'out', action: string) => f.direction === direction && f.kind === 'CALL' && f.action === action && payloadOf(f).reservationId === reservationId;
  const reserve = frames.findLast((f) => isCall(f, 'out', 'ReserveNow'));
  if (!reserve || answerTo(frames, reserve)?.status !== 'Accepted') return null;
  const later = frames.filter((f) => f.seq > reserve.seq);
  if (later.some((f) => isCall(f, 'out', 'CancelReservation') && answerTo(frames, f)?.status === 'Accepted')) return null;
  const { connectorId, expiryDate } = payloadOf(reserve);
  // Used: a session started with it, or on its connector (a charger may leave the reservationId out).
  const startsOn = (f: SeenFrame) => f.direction === 'in' && f.kind === 'CALL' && f.action === 'StartTransaction' && Number(connectorId) > 0 && payloadOf(f).connectorId === Number(connectorId);
  if (later.some((f) => isCall(f, 'in', 'StartTransaction') || startsOn(f))) return null;
  if (typeof expiryDate === 'string' && Date.parse(expiryDate) <= now) return null;
  return { connectorId: Number(connectorId), expiryDate: String(expiryDate) };
}

/** Statuses that say a cable is in. (Preparing may be a card presented alone, which times out by itself.) */
const CABLE_IN = new Set(['Charging', 'SuspendedEV', 'SuspendedEVSE', 'Finishing']);

/** Whether the charger accepted the last RemoteStartTransaction sent to it and its StartTransaction has not come yet. */
function remoteStartPending(frames: SeenFrame[]): boolean {
  for (let i = frames.length - 1; i >= 0; i--) {
    const f = frames[i]!;
    if (f.direction === 'in' && f.kind === 'CALL' && f.action === 'StartTransaction') return false;
    if (f.direction === 'out' && f.kind === 'CALL' && f.action === 'RemoteStartTransaction') {
      const answer = frames.slice(i + 1).find((a) => a.direction === 'in' && a.kind === 'CALLRESULT' && a.messageId === f.messageId);
      return !!answer && /"status"\s*:\s*"Accepted"/.test(answer.raw);
    }
  }
  return false;
}

/**
 * A real charger's connectors that may have a cable in: one the case had plugged in (whatever the charger
 * reported since), one whose status says so, and at the run's start one Preparing too. The person is asked
 * to unplug, and the connector must then report Available. After a Stop nobody is asked (the run ends now):
 * the connector is named instead, and the next run's start asks.
 */
async function unplugCables(t: CaseContext, problems: string[], setup: boolean, phase: (what: string) => void, o: RestoreOptions): Promise<void> {
  const { host } = t;
  await host.frames.settle();
  for (let connectorId = 1; connectorId <= t.pics.connectors; connectorId++) {
    const status = host.connectorStatus(connectorId);
    if (status === 'Available') continue;
    // Sessions left running (leaveSessions): only a cable the case itself plugged in is asked out.
    const cableIn = t.plugged.has(connectorId) || (!o.leaveSessions && status !== null && (CABLE_IN.has(status) || (setup && status === 'Preparing')));
    if (!cableIn) continue;
    const shown = status ?? 'not reported';
    if (host.signal?.aborted) {
      problems.push(`connector ${connectorId} (${shown}) may still have a cable in: unplug it before the next run`);
      continue;
    }
    phase(`waiting for the cable in connector ${connectorId} to be unplugged (asked of the person at the charger), then for the connector to report Available`);
    const action = { kind: 'unplug', connectorId } as const;
    const during = duringOf(t, setup, o);
    // Not a step of the case: without an answer the cable is named as maybe still in, and the run goes on.
    const onTimeout = setup
      ? 'Without an answer the run goes on, and the cable is named with the run as perhaps still in (what follows may fail on it).'
      : `Without an answer the run goes on, and the cable is named with ${o.words?.after ?? t.caseId} as perhaps still in (what follows may fail on it).`;
    const answer = await host.operator.perform({ caseId: t.caseId, step: t.steps.length + 1, during, putBack: true, onTimeout, action, text: operatorText(action), timeoutS: t.data.operatorTimeoutS });
    const available = answer === 'done' && (await host.frames.waitFor(t.clock, t.data.chargerTimeoutS * 1000, () => host.connectorStatus(connectorId) === 'Available' || null));
    if (answer === 'done') t.plugged.delete(connectorId);
    if (!available)
      problems.push(
        `connector ${connectorId} is ${host.connectorStatus(connectorId)}${answer === 'done' ? ' after the cable was unplugged' : ` (${notUnplugged(answer, host.operator.nobody)})`}: ${mayFail(setup, o)}`,
      );
  }
}

/** Why the cable is not out, in words: nobody to ask, or what came of asking. */
function notUnplugged(answer: Exclude<OperatorAnswer, 'done'>, nobody: string | undefined): string {
  if (nobody) return `nobody could be asked to unplug it: ${nobody}`;
  const why: Record<typeof answer, string> = {
    cannot: 'the person could not unplug the cable',
    skip: 'the person skipped unplugging the cable',
    timeout: 'nobody answered in time when asked to unplug the cable',
    stopped: 'the run was stopped before the cable was unplugged',
  };
  return why[answer];
}

/** What a connector left so may do to what follows: a conformance run's next case (its first ones, at its start), a commissioning's next step or run. */
const mayFail = (setup: boolean, o: RestoreOptions): string =>
  o.words ? (setup ? 'the first steps may fail' : 'the next step, or the next run, may fail') : setup ? 'the first cases may fail' : 'the next case may fail';
