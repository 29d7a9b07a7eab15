// The test session's end: after its RemoteStopTransaction the bench waits for the session's StopTransaction
// (and a Finishing status on its connector, if the charger reports one), in order behind the messages that may
// come at any time, as the engine's expectAll does. The wait is the charger's timeout, started again in full
// each time the charger reconnects during it: a charger that dropped as the session stopped sends, once it is
// back, the StopTransaction it kept while offline (OCPP 1.6 queues transaction messages), and is judged on
// it however near the end of the first window it came back. One that does not come back is waited for no
// longer than the window (session.ts then says it went offline). The whole wait is capped at
// SESSION_END_WINDOWS windows from its start: a charger that reconnects at most three times (each return
// within a window) always gets its full window after its last return; one that keeps dropping and coming back
// without sending the StopTransaction is not waited for forever (an unattended `chargebench commission`
// would hang): the step ends inconclusive saying it kept dropping (KeptDropping), not failed.
// Once back, a charger sends its queued transaction messages, possibly another session's StopTransaction
// (another connector's) first: only the StopTransaction of the session's transactionId is taken; any other
// is an observation of the step.
import { problems, type CaseContext } from '../conformance/context';
import type { ChargerCall } from '../conformance/frames';
import { UNSOLICITED, outsideFailure, outsideText, toleratedOutside } from '../conformance/outside-script';
import { Inconclusive, StepFailure } from '../conformance/types';
import { noteTime } from './outages';

/** The step's title (the session's advice in words.ts goes by it). */
export const SESSION_ENDS_TITLE = 'Charger ends the test session (StopTransaction, and Finishing if it reports it)';

/** The whole wait for the StopTransaction is at most this many of the charger's timeouts (windows), reconnections or not. */
export const SESSION_END_WINDOWS = 4;

/**
 * The wait for the session's StopTransaction reached its cap (SESSION_END_WINDOWS windows) because the
 * charger kept reconnecting (its last window cut short) without sending it: not a failure of the charger's
 * session, a connection that would not stay up. session.ts says when it went offline and came back.
 */
export class KeptDropping extends Inconclusive {
  constructor(
    readonly reconnections: number,
    readonly waitedS: number,
  ) {
    super(`the charger reconnected ${reconnections} times during the ${waitedS} s the bench waited for the session's StopTransaction, and never sent it`);
  }
}

/**
 * The step's reason when the charger kept dropping during the wait for the StopTransaction: each time it went
 * offline and came back (`outages`, from the stop on, times already in words), and that the wait gave up.
 */
export function keptDroppingWords(e: KeptDropping, outages: ReadonlyArray<{ went: string; back: string | null }>, timeoutS: number): string {
  const times = outages.map((o) => (o.back ? `offline at ${o.went}, back at ${o.back}` : `offline at ${o.went}, not back`)).join('; ');
  return `The charger kept dropping and coming back while the bench waited for the test session's StopTransaction (${times}), and never sent it: the bench gave up after ${e.waitedS} s (at most ${SESSION_END_WINDOWS} times the charger's timeout of ${timeoutS} s, ${e.reconnections} reconnections). The session's end could not be judged: check the charger's network connection (and its power), then Run again.`;
}

/** What the waiting found, or that the charger connected again (the window starts again). */
type Taken = { call: ChargerCall } | { outOfOrder: ChargerCall; failure: StepFailure | null } | 'reconnected';

/**
 * Waits, as a step of the test session, for the StopTransaction of `transactionId` (checked to be its) and
 * takes a Finishing status of the session's connector sent before it or right after it. Fails when the
 * StopTransaction does not come within the charger's timeout (of the wait's start, or of the charger's last
 * reconnection during it), or the charger sends something else first.
 */
export async function awaitSessionEnd(t: CaseContext, transactionId: number): Promise<void> {
  const frames = t.host.frames;
  const { pending } = frames;
  const seconds = t.data.chargerTimeoutS;
  const finishingLabel = `StatusNotification (connectorId ${t.connectorId}, status Finishing)`;
  const isFinishing = (c: ChargerCall) => c.action === 'StatusNotification' && c.payload.connectorId === t.connectorId && c.payload.status === 'Finishing';
  await t.step('charger', { title: SESSION_ENDS_TITLE, expected: `StopTransaction and ${finishingLabel} (if sent) within ${seconds} s` }, async (ids) => {
    let stop: ChargerCall | null = null;
    let finishing: ChargerCall | null = null;
    // The transactions of other StopTransactions that came meanwhile (replayed after a drop): observed, not taken.
    const others: unknown[] = [];
    const take = (): Exclude<Taken, 'reconnected'> | null => {
      while (pending.length > 0) {
        const call = pending.shift()!;
        // Another session's (a frame without a valid transactionId never gets here: the schema refuses it).
        if (call.action === 'StopTransaction' && call.payload.transactionId !== transactionId) {
          others.push(call.payload.transactionId);
          t.observe(
            `StopTransaction of transaction ${JSON.stringify(call.payload.transactionId)}, not the test session's (${transactionId}): another session's, not taken as the test session's end`,
            call.messageId,
          );
          continue;
        }
        if (call.action === 'StopTransaction' || (!finishing && isFinishing(call))) return { call };
        const tolerated = toleratedOutside(t, call);
        if (!UNSOLICITED.has(call.action) && !tolerated) return { outOfOrder: call, failure: null };
        const failure = tolerated ? null : outsideFailure(t, call);
        if (failure) return { outOfOrder: call, failure };
        t.observe(tolerated ?? outsideText(call), call.messageId);
      }
      return null;
    };
    let reconnections = 0;
    const began = t.clock.now();
    const cap = began + SESSION_END_WINDOWS * seconds * 1000;
    while (!stop) {
      const connections = frames.connections;
      const now = t.clock.now();
      const cut = now + seconds * 1000 > cap;
      const got: Taken | null = await t.waitFor(Math.max(0, Math.min(seconds * 1000, cap - now)), (): Taken | null => take() ?? (frames.connections !== connections ? 'reconnected' : null));
      if (got === 'reconnected') {
        reconnections++;
        continue;
      }
      if (!got && cut) throw new KeptDropping(reconnections, Math.round((t.clock.now() - began) / 1000));
      if (!got)
        throw new StepFailure(
          `StopTransaction within ${seconds} s${reconnections ? " of the charger's last reconnection" : ''}`,
          `${frames.connected ? 'nothing came' : 'nothing came (the charger is not connected)'}${others.length ? ` but the StopTransaction of ${others.length === 1 ? 'another transaction' : 'other transactions'} (${others.map((o) => JSON.stringify(o)).join(', ')}; if meant for the test session, the charger sent the wrong transactionId)` : ''}`,
        );
      if ('outOfOrder' in got) {
        ids.push(got.outOfOrder.messageId);
        throw (
          got.failure ??
          new StepFailure(`StopTransaction${finishing ? '' : ` and ${finishingLabel}`} next`, `the charger sent ${got.outOfOrder.action} ${JSON.stringify(got.outOfOrder.payload)} first`)
        );
      }
      ids.push(got.call.messageId);
      if (got.call.action === 'StopTransaction') stop = got.call;
      else finishing = got.call;
    }
    // A Finishing sent right after the StopTransaction (behind only messages that may come at any time) is taken too.
    if (!finishing) {
      await frames.settle();
      for (let k = 0; k < pending.length; k++) {
        const call = pending[k]!;
        if (isFinishing(call)) {
          pending.splice(k, 1);
          finishing = call;
          ids.push(call.messageId);
          break;
        }
        if (!UNSOLICITED.has(call.action)) break;
      }
    }
    for (const call of [stop, finishing]) if (call?.invalid) throw new StepFailure(`${call.action} valid under the OCPP 1.6 schema`, `it broke it: ${call.invalid}`);
    const wrong = problems(stop.payload, { transactionId });
    if (wrong.length)
      throw new StepFailure(`StopTransaction with ${wrong.map((w) => w.replace(/ \(got .*\)$/, '')).join(', ')}`, `it had ${wrong.map((w) => /\(got (.*)\)$/.exec(w)?.[1] ?? w).join(', ')}`);
    // The step includes the bench's answers.
    for (const call of [stop, finishing]) if (call) await t.waitFor(10_000, () => frames.frames.some((f) => f.direction === 'out' && f.kind !== 'CALL' && f.messageId === call.messageId) || null);
  });
}

/** What the session's meterStop is judged on. */
export interface MeterStopFacts {
  /** The StopTransaction's meterStop (Wh), NaN without one. */
  meterStop: number;
  /** The session's last energy register reading (Wh), NaN without one. */
  last: number;
  /** The energy the session drew up to its last reading (Wh): its tolerance is a share of it, never of the register's lifetime total. */
  drawn: number;
  /** Seconds from the last reading to the stop: the charger's own times, else (`gapFromBench`) when the bench got them. */
  gapS: number;
  gapFromBench: boolean;
  /** The most the charger could draw (W): the session's highest power reading (`fromPower`), else its rating. */
  maxW: number;
  fromPower: boolean;
  /** An outage during the session (its meter values may have come late), or null. */
  outage: { from: number; to: number | null } | null;
  /** Times are the simulated clock's. */
  simulated: boolean;
}

/**
 * The meterStop may stand off the reckoning by this much (rounding, meter resolution): 10 Wh or 1 % of what
 * the session drew (not of the register, which holds the charger's lifetime total: 1 % of 1,500 kWh is 15 kWh).
 */
const meterTolerance = (drawnWh: number): number => Math.max(10, Number.isFinite(drawnWh) ? Math.abs(drawnWh) * 0.01 : 0);

/** Power may stand this much above the highest reading (or the rating) between the last reading and the stop. */
const DRAW_MARGIN = 1.1;

/**
 * The session's StopTransaction energy against its meter values: at least the last reading, and at most the
 * last reading plus what the charger could draw until the stop (a stop that came late, e.g. after an outage
 * over the last reading, takes in what it drew meanwhile). ok: agreeing (true), disagreeing (false), or not
 * judgeable (null: an outage made the readings come late and the charger's times could not be read); `wanted`
 * for the step's row, `words` (not agreeing) what it means and what to check, for "What to do".
 */
export function judgeMeterStop(f: MeterStopFacts): { ok: boolean | null; wanted: string; words: string } {
  const again = 'then Run again.';
  if (!Number.isFinite(f.last))
    return {
      ok: false,
      wanted: 'the last register reading (none came)',
      words: `No energy register reading came during the session, so the charger's StopTransaction energy cannot be checked against its meter values: check that MeterValuesSampledData includes Energy.Active.Import.Register, ${again}`,
    };
  const tol = meterTolerance(f.drawn);
  const gapS = Math.round(f.gapS);
  const drawW = f.maxW * DRAW_MARGIN;
  const most = f.last + (drawW * f.gapS) / 3600 + tol;
  const wanted = `${f.last} Wh (the last reading) to ${Math.round(most)} Wh (what it could draw in the ${gapS} s to the stop at up to ${Math.round(f.maxW)} W${f.fromPower ? '' : ', its rating'})`;
  const check = `The readings the charger reports and the energy it reports for billing must come from the same meter: check the charger's meter settings and its firmware (update it if it can), ${again}`;
  if (!Number.isFinite(f.meterStop))
    return { ok: false, wanted, words: `The charger's StopTransaction carried no readable meterStop (the energy register at the stop), so the session's energy for billing is not known. ${check}` };
  if (f.meterStop < f.last - tol)
    return {
      ok: false,
      wanted,
      words: `The charger's StopTransaction says its meter stood at ${f.meterStop} Wh at the stop, ${Math.round(f.last - f.meterStop)} Wh less than its last meter value (${f.last} Wh): the energy it reports for billing went back. ${check}`,
    };
  if (f.meterStop <= most) return { ok: true, wanted, words: '' };
  if (f.gapFromBench && f.outage) {
    const o = f.outage;
    const when = `${noteTime(o.from, f.simulated)} to ${o.to === null ? 'the end of the step' : noteTime(o.to, f.simulated)}`;
    return {
      ok: null,
      wanted: `${wanted}; not judged: the charger was offline during the session`,
      words: `The charger was offline during the session (${when}), so its last meter value (${f.last} Wh) may have come late, and the charger's own times (of that reading and of the stop) cannot tell how long it charged between them: whether its meterStop (${f.meterStop} Wh) is what it drew meanwhile is not known, so the StopTransaction energy could not be judged. Check the charger's network connection (and its clock), ${again}`,
    };
  }
  return {
    ok: false,
    wanted,
    words: `The charger's StopTransaction says its meter stood at ${f.meterStop} Wh at the stop, ${Math.round(f.meterStop - f.last)} Wh more than its last meter value (${f.last} Wh), and more than it could have drawn in the ${gapS} s between them (at most ${Math.round(most - f.last)} Wh at up to ${Math.round(f.maxW)} W): the energy it reports for billing does not agree with its meter values. ${check}`,
  };
}
