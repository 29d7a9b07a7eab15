// A commissioning step's outcome in words an installer can act on. The engine's reasons are protocol
// traces ("Expected StatusNotification (connectorId 1, status Preparing) next; the charger sent
// StartTransaction {...} first"); they stay with the step that decided the verdict (its expected and actual,
// and its frames), while the step's reason, shown as "What to do", says what to check and that Run again
// repeats the step. A step the run's Stop cut short says so; one the charger going offline kept from being
// judged is inconclusive, naming the outage (prompts.ts throughOutage).
import type { CaseContext } from '../conformance/context';
import { Inconclusive, RunStopped, StepFailure, type StepResult } from '../conformance/types';
import { throughOutage, type OutageUnjudged } from './prompts';

/** A failure whose message is the installer's words (the protocol detail is in the deciding step). */
export class PlainFailure extends StepFailure {
  constructor(words: string, cause: StepFailure) {
    super(cause.expected, cause.actual);
    this.message = words;
  }
}

/** What to check, per step, when the charger did not do what the step needs of it. */
const advice: Record<string, string> = {
  C3_IDENTITY:
    'Check that the charger is online and answers the back office’s requests (it must send its identity, a status and a Heartbeat when asked); update its firmware if it cannot. Then Run again.',
  C4_CONNECTORS: 'Check that the charger is online and that no connector is in use or faulted, then Run again.',
  C5_BASELINE: 'Check that the charger is online (a key that needs a restart reboots it: give it time to come back), then Run again.',
  C6_READER: 'Hold the test card to the reader until the charger reacts, check that the reader works and that the charger shows the card accepted, then Run again.',
  C7_OFFLINE: 'Check that the charger is online, then Run again.',
  C10_LOAD_LIMIT: 'Check that the charger is online and supports smart charging, then Run again.',
  C8_SESSION:
    'Check that the cable is fully plugged in, the EV is ready to charge and the charger shows no fault, then Run again (with a card presented at the charger just before, plugging in may start the session by itself: that is fine).',
  C9_UNLOCK: 'Check that the charger is online and nothing holds the plug, then Run again.',
  C9_AVAILABILITY: 'Check that the charger is online and no session runs on it, then Run again.',
  C9_RESET: 'Check the charger’s power and network (it must reconnect by itself after a reboot), then Run again.',
};

/**
 * How a failed step's request went unanswered, from its actual text (the engine's: "no answer: No answer to
 * Reset within 30 s" for a charger that stayed connected yet did not answer, "no answer: the connection
 * dropped after it was sent: …" for one that went offline first, "the charger was not connected: …"), or null.
 */
export function unanswered(s: Pick<StepResult, 'expected' | 'actual'>): { kind: 'timeout' | 'dropped' | 'offline'; action: string | null; seconds: string | null } | null {
  const a = s.actual ?? '';
  const action = /^an answer to (\w+)/.exec(s.expected ?? '')?.[1] ?? /^No answer to (\w+)/.exec(a.replace(/^no answer: /, ''))?.[1] ?? null;
  if (a.startsWith('no answer: the connection dropped')) return { kind: 'dropped', action, seconds: null };
  if (a === 'no answer' || a.startsWith('no answer:')) return { kind: 'timeout', action, seconds: /within ([\d.]+) s/.exec(a)?.[1] ?? /within ([\d.]+) s/.exec(s.expected ?? '')?.[1] ?? null };
  if (a.startsWith('the charger was not connected')) return { kind: 'offline', action, seconds: null };
  return null;
}

/** What the charger did at a failed step, in words. */
function happened(s: StepResult): string {
  const a = s.actual ?? '';
  if (a.startsWith('nothing came')) {
    // Another transaction's StopTransaction came instead (session-stop.ts): said, with its hint.
    const other = / but (the StopTransaction of .*)$/.exec(a)?.[1];
    return `nothing came${/\d+ s/.exec(s.expected ?? '') ? ` within ${/(\d+) s/.exec(s.expected ?? '')![1]} s` : ''}${a.includes('not connected') ? ': the charger is not connected' : ''}${other ? ` but ${other}` : ''}`;
  }
  const none = unanswered(s);
  const what = none?.action ?? 'the request';
  if (none?.kind === 'timeout') return `the charger did not answer ${what}${none.seconds ? ` within ${none.seconds} s` : ''}`;
  if (none?.kind === 'dropped') return `the charger went offline after ${what} was sent, before it answered`;
  if (none?.kind === 'offline') return 'the charger is not connected';
  if (a.startsWith('a CALLERROR')) return `the charger could not do it (${a.replace(/^a /, '')})`;
  if (a.startsWith('an answer that broke the schema')) {
    const detail = a.replace(/^an answer that broke the schema:? ?/, '');
    return `the charger’s answer to ${/^an answer to (\w+)/.exec(s.expected ?? '')?.[1] ?? 'the request'} broke the OCPP schema${detail ? ` (${detail})` : ''}`;
  }
  const status = /"status":"([^"]+)"/.exec(a)?.[1];
  if (a.startsWith('it answered') && status) return `the charger answered ${status}`;
  const other = /^the charger sent (\w+)/.exec(a)?.[1];
  if (other) return `the charger did something else first (it sent ${other})`;
  if (a.startsWith('it had')) return `the charger sent something else than wanted (${a.replace(/^it had /, '')})`;
  return 'the charger did not do what the step needs';
}

/**
 * The test session's advice by where it failed: the cable and the EV while the session was starting; once it
 * ran, what the charger did not send (meter values, the stop) or did not show (free again after unplugging).
 */
function sessionAdvice(failed: StepResult): string {
  const title = failed.title;
  if (/meter values/i.test(title)) return 'The session started, but the charger stopped sending meter values: check MeterValueSampleInterval and that it stays online, then Run again.';
  if (/ends the test session/.test(title) && / but the StopTransaction of /.test(failed.actual ?? ''))
    return 'The session ran, but the charger sent no StopTransaction for it, only one for another transaction: if that was meant for the test session, the charger sent the wrong transactionId (it must send the one the bench gave it in the StartTransaction answer: check its firmware); if not, check that it is not stuck (restart it if so). Then Run again.';
  if (/stops the test session|ends the test session|StopTransaction/.test(title))
    return 'The session ran, but the charger did not end it when the bench asked: check that it stays online and is not stuck (restart it if so), then Run again.';
  if (/free again|Available/.test(title))
    return 'The session was measured, but the charger did not show the connector free (Available) after the cable was unplugged: check that the cable is out and the charger shows no fault, then Run again.';
  return advice.C8_SESSION!;
}

/** `n` things as "a", "a and b", "a, b and c". */
const listed = (items: string[]): string => (items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

/**
 * The test session's own checks of what it measured (the measurands, the energy register, the power, the
 * site's load limit), failed, in an installer's words: what the charger showed and what to set or check on it,
 * then Run again (the figures stay in the step's rows). Null for another failure.
 */
export function sessionCheckWords(e: Pick<StepFailure, 'expected' | 'actual'>): string | null {
  const { expected, actual } = e;
  const noPower = actual === 'no power readings came';
  const addPower = 'add Power.Active.Import to MeterValuesSampledData on the charger (its meter must be able to measure power), then Run again.';
  if (expected.startsWith('meter values with ')) {
    const missing = (/^(.*) never came/.exec(actual)?.[1] ?? '')
      .split(',')
      .map((m) => m.trim())
      .filter(Boolean);
    const them = missing.length === 1 ? 'it' : 'them';
    return `The charger did not send ${listed(missing) || 'every reading'} in its meter values during the session, though its MeterValuesSampledData setting asks for ${them}: set MeterValuesSampledData on the charger to the readings its meter can give (remove what it cannot measure), or update its firmware if it should send ${them}, then Run again.`;
  }
  if (expected === 'an energy register that never goes down') {
    if (actual === 'no register readings came')
      return 'The charger sent no energy readings during the session: add Energy.Active.Import.Register to MeterValuesSampledData on the charger, then Run again.';
    const at = /at reading (\d+)/.exec(actual)?.[1];
    return `The charger's energy reading went down during the session${at ? ` (at reading ${at}, counting the start of the session as the first)` : ''}: a charger's meter only counts up. Check the charger's meter settings and its firmware (update it if it can), then Run again.`;
  }
  const range = /^power between (\d+) W and (\d+) W while charging$/.exec(expected);
  if (range) {
    if (noPower) return `The charger sent no power readings during the session, so its charging power could not be checked: ${addPower}`;
    const reached = Number(/(\d+) W/.exec(actual)?.[1] ?? NaN);
    if (reached > Number(range[2]))
      return `The charger reported up to ${reached} W, more than the ${range[2]} W the template gives as its rating: check the rated power in the template and the charger's meter settings (a wrong unit or multiplier shows too much), then Run again.`;
    return `The session drew ${Number.isFinite(reached) ? `at most ${reached} W` : 'too little power'}, less than the ${range[1]} W wanted while charging: check the supply to the charger (its breaker, every phase connected), that the EV is ready to charge at full power (not nearly full, not limited in its own settings) and that nothing on the charger holds it back (its maximum current setting, a charging profile), then Run again.`;
  }
  const limit = /^power at most (\d+) W \(the site's load limit\)$/.exec(expected);
  if (limit) {
    if (noPower) return `The charger sent no power readings during the session, so whether it keeps to the site's load limit (${limit[1]} W) could not be checked: ${addPower}`;
    const reached = /(\d+) W/.exec(actual)?.[1];
    return `The session drew ${reached ? `up to ${reached} W` : 'more'}, above the site's load limit of ${limit[1]} W: the charger does not keep to it. Check the charging profiles on the charger (one of a higher stack level overrides the site's: clear it) and update its firmware if it ignores them, or set the limit in the vendor's tool, then Run again.`;
  }
  return null;
}

/**
 * The test session's words when the charger dropped as the session was stopped and came back: when it went
 * and when it was back (times as the report writes them), what did not come, and that Run again repeats it.
 */
export function offlineAtStopWords(failed: StepResult, went: string, back: string): string {
  return `The charger went offline at ${went}, as the bench stopped the test session, and was back at ${back}: at “${failed.title}”, ${happened(failed)}. Check the charger's network connection (and its power); Run again repeats the step.`;
}

/** Steps whose advice is about a charger that goes away (a reboot): it fits a charger that went offline. */
const offlineFits = new Set(['C5_BASELINE', 'C9_RESET']);

/** The step whose failure `e` is (a step may go on after one failure, e.g. connector by connector). */
const failedStepOf = (t: CaseContext, e: StepFailure): StepResult | undefined => t.steps.find((s) => s.status === 'failed' && s.expected === e.expected && s.actual === e.actual);

/** The failed step's request found the charger gone: it dropped before answering, or was not connected. */
function wentOffline(failed: StepResult): boolean {
  const kind = unanswered(failed)?.kind;
  return kind === 'dropped' || kind === 'offline' || (failed.actual ?? '').includes('not connected');
}

/** The step restarted the charger (it sent Reset): going away from then on is what the step judges (it must come back). */
const resetSent = (t: CaseContext): boolean => t.host.frames.since(t.firstSeq).some((f) => f.direction === 'out' && f.kind === 'CALL' && f.action === 'Reset');

/**
 * A failure that is only the charger being gone (a request that found it offline, or whose answer the drop
 * cut off): the step could not be judged, said with where it was in the step; null for any other failure,
 * and for a step that had restarted the charger (C5_BASELINE's reboot, C9_RESET), where a charger that does
 * not come back is the failure.
 */
function unjudgedByOutage(t: CaseContext, stepId: string, e: StepFailure): OutageUnjudged | null {
  if (e instanceof PlainFailure) return null;
  const failed = failedStepOf(t, e);
  if (!failed || !wentOffline(failed)) return null;
  if (offlineFits.has(stepId) && resetSent(t)) return null;
  return { during: 'during this step', unjudged: `at “${failed.title}”, ${happened(failed)}, so the step could not be judged` };
}

/**
 * What to do, fitting what happened: a charger that stayed online but did not answer is not told to check
 * that it is online; one that went offline (or was not connected) is told that, whatever the step.
 */
function adviceFor(stepId: string, failed: StepResult): string {
  const none = unanswered(failed);
  if (none?.kind === 'timeout') {
    const what = none.action ?? 'the request';
    return `The charger was online but did not answer ${what}: check that its firmware supports ${what} (update it if not) and that it is not busy or stuck (restart it if so), then Run again.`;
  }
  if (wentOffline(failed) && !offlineFits.has(stepId)) return 'The charger went offline during this step: check its power and network and wait until it shows connected, then Run again.';
  if (stepId === 'C8_SESSION') return sessionAdvice(failed);
  return advice[stepId] ?? 'Check that the charger is online, then Run again.';
}

/** Why a step the run's Stop cut short did not finish, and what repeats it. */
export function stoppedWords(t: CaseContext): string {
  const last = t.steps.at(-1);
  const where = last?.by === 'operator' ? ` while this step waited for the person at the charger (${last.title.replace(/\.$/, '')})` : ' during this step';
  return `The run was stopped${where}, so the step did not finish: Run again repeats it.`;
}

/**
 * Runs a commissioning step: a failure that is only the charger being gone (it went offline, or was not
 * connected) leaves the step inconclusive, naming the outage (prompts.ts throughOutage), except where going
 * away is what the step judges (a restart it must come back from); a failure the charger's messages decided
 * is said in the installer's words (the deciding step keeps the protocol detail), as are the test session's
 * own checks of what it measured (sessionCheckWords); a step the run's Stop cut short says it was stopped.
 */
export async function inWords(t: CaseContext, stepId: string, run: () => Promise<void>): Promise<void> {
  try {
    // Every outage during the step is noted with its result; the test session notes its own (where in the session it was).
    await throughOutage(t, run, (e) => unjudgedByOutage(t, stepId, e), stepId !== 'C8_SESSION');
  } catch (e) {
    if (e instanceof RunStopped || (e instanceof Inconclusive && t.host.signal?.aborted)) throw new Inconclusive(stoppedWords(t));
    if (e instanceof StepFailure && !(e instanceof PlainFailure)) {
      // A message of the charger's (or its answer) decided it: not one of the step's own checks, which say what to do.
      const failed = failedStepOf(t, e);
      if (failed) throw new PlainFailure(`${adviceFor(stepId, failed)} What happened: at “${failed.title}”, ${happened(failed)}.`, e);
      const words = stepId === 'C8_SESSION' ? sessionCheckWords(e) : null;
      if (words) throw new PlainFailure(words, e);
    }
    throw e;
  }
}
