// The charger rebooting during the test session (a BootNotification after the session's StartTransaction,
// before its StopTransaction): whatever the step was waiting for then (meter values, the stop) did not come
// because the charger restarted, not because of its meter-value settings. The step says what happened: when
// it went offline and came back, when it booted, and whether it ended the session with its StopTransaction
// after the boot or lost it without one. The session could not be measured: inconclusive (as for any outage
// that kept the session from being measured), with Run again; a lost transaction is named with what to check.
import type { CaseContext } from '../conformance/context';
import type { SeenFrame } from '../conformance/frames';
import { Inconclusive, RunStopped } from '../conformance/types';
import { FakeClock } from '../clock';
import { noteTime, type Outage } from './outages';

type Payload = Record<string, unknown>;

const payloadOf = (f: SeenFrame): Payload => {
  try {
    const p = (JSON.parse(f.raw) as unknown[])[3];
    return p && typeof p === 'object' ? (p as Payload) : {};
  } catch {
    return {};
  }
};

const callsIn = (t: CaseContext): SeenFrame[] => t.host.frames.since(t.firstSeq).filter((f) => f.direction === 'in' && f.kind === 'CALL');

/** The charger's BootNotification after the session's StartTransaction and before its StopTransaction, or null. */
function rebootOf(t: CaseContext, tx: number): SeenFrame | null {
  const calls = callsIn(t);
  const start = calls.findIndex((f) => f.action === 'StartTransaction' && payloadOf(f).connectorId === t.connectorId);
  if (start < 0) return null;
  for (const f of calls.slice(start + 1)) {
    if (f.action === 'StopTransaction' && payloadOf(f).transactionId === tx) return null;
    if (f.action === 'BootNotification') return f;
  }
  return null;
}

/** The session's StopTransaction sent after the reboot (`boot`), or null. */
const stopAfter = (t: CaseContext, tx: number, boot: SeenFrame): SeenFrame | null =>
  callsIn(t).find((f) => f.seq > boot.seq && f.action === 'StopTransaction' && payloadOf(f).transactionId === tx) ?? null;

/**
 * When the charger rebooted during the test session (`tx`), the step's outcome in words: inconclusive, naming
 * the outage before the boot (`outages`: the step's), the BootNotification, and the session's end (its
 * StopTransaction after the boot, waited for up to the charger's timeout, or lost). Null when it did not reboot.
 * The run stopped during that wait, with no StopTransaction yet: RunStopped (the step says it was stopped).
 */
export async function rebootedDuringSession(t: CaseContext, tx: number | null, outages: readonly Outage[]): Promise<Inconclusive | null> {
  if (tx === null) return null;
  const boot = rebootOf(t, tx);
  if (!boot) return null;
  const simulated = t.clock instanceof FakeClock;
  const at = (ms: number) => noteTime(ms, simulated);
  const bootAt = Date.parse(boot.ts);
  const timeoutS = t.data.chargerTimeoutS;
  // A charger that kept the session through its restart sends its StopTransaction (reason PowerLoss or Reboot) once booted.
  const waitMs = Math.max(0, bootAt + timeoutS * 1000 - t.clock.now());
  const stop = stopAfter(t, tx, boot) ?? (await t.waitFor(waitMs, () => stopAfter(t, tx, boot)));
  // The run's Stop (or the bench's shutdown) cut that wait short: the step was stopped, not "lost without a StopTransaction".
  if (!stop && t.host.signal?.aborted) throw new RunStopped('The run was stopped');
  // The outage that ended with the reboot: the last one that began before the BootNotification.
  const outage = outages.findLast((o) => o.from <= bootAt) ?? null;
  const offline = !outage
    ? 'The charger'
    : outage.to === null
      ? `The charger went offline at ${at(outage.from)} during the test session,`
      : `The charger went offline at ${at(outage.from)} during the test session, was back at ${at(outage.to)},`;
  const reason = stop ? payloadOf(stop).reason : undefined;
  const ended = stop
    ? `ended transaction ${tx} with its StopTransaction (${typeof reason === 'string' ? `reason ${reason}` : 'no reason given'}) at ${at(Date.parse(stop.ts))}`
    : `lost transaction ${tx} without a StopTransaction (none came within ${timeoutS} s of its BootNotification)`;
  const advice = stop
    ? 'If nobody cut its power or restarted it, the charger restarted by itself: check its power supply and its firmware. Then Run again.'
    : "If nobody cut its power or restarted it, the charger restarted by itself: check its power supply and its firmware; either way a charger should keep a session through a restart and send its StopTransaction once back (reason PowerLoss or Reboot), so the session's energy is not lost for billing. Then Run again.";
  const rebooted = outage ? `rebooted (BootNotification at ${at(bootAt)})` : `rebooted during the test session (BootNotification at ${at(bootAt)})`;
  return new Inconclusive(`${offline} ${rebooted} and ${ended}: the session could not be measured. ${advice}`);
}
