// A commissioning step's outcome in words an installer can act on. The engine's reasons are protocol
// traces ("Expected StatusNotification (connectorId 1, status Preparing) next; the charger sent
// StartTransaction {...} first"); they stay with the step that decided the verdict (its expected and actual,
// and its frames), while the step's reason, shown as "What to do", says what to check and that Run again
// repeats the step. A step the run's Stop cut short says so.
import type { CaseContext } from '../conformance/context';
import { Inconclusive, RunStopped, StepFailure, type StepResult } from '../conformance/types';

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

/**
 * The test session's words when the charger dropped as the session was stopped and came back: when it went
 * and when it was back (times as the report writes them), what did not come, and that Run again repeats it.
 */
export function offlineAtStopWords(failed: StepResult, went: string, back: string): string {
  return `The charger went offline at ${went}, as the bench stopped the test session, and was back at ${back}: at “${failed.title}”, ${happened(failed)}. Check the charger's network connection (and its power); Run again repeats the step.`;
}

/** Steps whose advice is about a charger that goes away (a reboot): it fits a charger that went offline. */
const offlineFits = new Set(['C5_BASELINE', 'C9_RESET']);

/**
 * What to do, fitting what happened: a charger that stayed online but did not answer is not told to check
 * that it is online; one that went offline (or was not connected) is told that, whatever the step.
 */
function adviceFor(stepId: string, failed: StepResult): string {
  const none = unanswered(failed);
  const offline = none?.kind === 'dropped' || none?.kind === 'offline' || (failed.actual ?? '').includes('not connected');
  if (none?.kind === 'timeout') {
    const what = none.action ?? 'the request';
    return `The charger was online but did not answer ${what}: check that its firmware supports ${what} (update it if not) and that it is not busy or stuck (restart it if so), then Run again.`;
  }
  if (offline && !offlineFits.has(stepId)) return 'The charger went offline during this step: check its power and network and wait until it shows connected, then Run again.';
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
 * Runs a commissioning step: a failure the charger's messages decided is said in the installer's words (the
 * deciding step keeps the protocol detail), and a step the run's Stop cut short says it was stopped.
 */
export async function inWords(t: CaseContext, stepId: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (e) {
    if (e instanceof RunStopped || (e instanceof Inconclusive && t.host.signal?.aborted)) throw new Inconclusive(stoppedWords(t));
    if (e instanceof StepFailure && !(e instanceof PlainFailure)) {
      // A message of the charger's (or its answer) decided it: not one of the step's own checks, which say what to do.
      const failed = t.steps.find((s) => s.status === 'failed');
      if (failed && failed.expected === e.expected && failed.actual === e.actual) throw new PlainFailure(`${adviceFor(stepId, failed)} What happened: at “${failed.title}”, ${happened(failed)}.`, e);
    }
    throw e;
  }
}
