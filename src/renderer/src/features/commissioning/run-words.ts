// A commissioning run's status in words on the checks step: its status line, the offline notice beside it,
// and what Stop does, all from what the bench says the run is doing. Before its first step, a run waits for
// an offline charger to connect (or prepares it): the bench's words for that (running.before, "waiting for
// VBAD to connect before Configuration baseline; 1 step requested") are said as they are, never "starting"
// nor a step in progress that does not exist.
import { commissioningEffects, type CommissioningTemplate, type CommissioningView } from '../../../../shared/api/commissioning';
import { READ_ONLY_STEPS, runEndsSessions } from '../../../../shared/api/commissioning-steps';
import { isRunning, type RunningTransaction } from '../../components/running';
import { leftByRuns, leftByRunsSentences, notRunningCauseOf } from '../../components/notRunningLabel';
import { formatClock } from '../../components/format';
import { stopWouldWaitWords, type StopWouldWait } from '../../../../shared/api/stop-waiting';

/** The status line of a run: the step and what it does; before the first step, what the run does; after Stop, what it still waits for. */
export function runLine(view: CommissioningView, stepTitle: string | null): string {
  if (view.running?.stopping) return `${stepTitle ? `${stepTitle} ended unfinished. ` : ''}${view.running.stopping}…`;
  if (!stepTitle) return `Running: ${view.running?.before ?? 'before the first step'}`;
  return `Running: ${stepTitle}${view.running?.step ? ` — ${view.running.step}` : ''}`;
}

/** What the charger being offline means for the checks (after "<charger> is offline: last seen …. "). */
export function offlineWords(view: CommissioningView, stepTitle: string | null): string {
  if (view.state !== 'running') return 'It must be connected for the checks to run (a run started now waits for it to connect before its first step).';
  if (stepTitle) return `The step in progress (${stepTitle}) cannot go on until it reconnects.`;
  if (view.running?.before) return `The run is ${view.running.before}.`;
  return 'The run cannot go on until it reconnects.';
}

/** What a Stop does now, from the live state: the step in progress (if any), a request showing, the charger online. */
export interface StopState {
  chargerId: string;
  /** The step in progress, or null before the first step (the run prepares the charger, or waits for it). */
  stepTitle: string | null;
  /** What the run does before its first step (running.before). */
  before?: string;
  /** A request to the person at the charger is showing now. */
  requestShowing: boolean;
  /** The charger is connected to the bench now. */
  online: boolean;
  /** Stop first waits for the charger to come back (the run just reset it, or it dropped a moment ago: running.stopWouldWait). */
  wouldWait?: StopWouldWait;
}

/**
 * What Stop does now, in the confirmation's first sentence (the Stop on the checks and the one in the
 * operator's request alike): only what happens — a step ends unfinished only when one is in progress, a
 * request is withdrawn only when one shows, the charger is put back only when it is online.
 */
export function stopWords(s: StopState): string {
  const request = s.requestShowing ? ', its request to the person at the charger withdrawn' : '';
  const wait = s.wouldWait && stopWouldWaitWords(s.chargerId, s.wouldWait, (t) => formatClock(t));
  if (wait && !s.stepTitle)
    return `No step has begun${s.before ? ` (the run is ${s.before})` : ''}. ${wait} Once the stop takes effect, the run ends without running one${request}, and no step’s result changes.`;
  if (wait) return `${wait} The step in progress (${s.stepTitle}) goes on meanwhile; once the stop takes effect it ends, unfinished (inconclusive)${request}, unless it has ended by then.`;
  if (!s.stepTitle) return `No step has begun${s.before ? ` (the run is ${s.before})` : ''}: the run ends now without running one${request}, and no step’s result changes.`;
  const back = s.online ? 'and the charger is put back' : `and nothing is put back: ${s.chargerId} is offline and is not waited for (what putting it back would ask of it is recorded as not done)`;
  return `The step in progress (${s.stepTitle}) ends now, unfinished (inconclusive)${request}, ${back}.`;
}

/** The live Stop state of a commissioning's view. */
export const stopStateOf = (view: CommissioningView, a: { stepTitle: string | null; requestShowing: boolean; online: boolean }): StopState => ({
  chargerId: view.chargerId,
  stepTitle: a.stepTitle,
  before: view.running?.before,
  requestShowing: a.requestShowing,
  online: a.online,
  ...(view.running?.stopWouldWait && { wouldWait: view.running.stopWouldWait }),
});

/** The confirmation's title before steps run: "again" only for a step (or a plan) that has run before. */
export function rerunTitle(view: CommissioningView, steps: string[] | undefined): string {
  return `${rerunWords(view, steps)} on ${view.chargerId}?`;
}

/** The confirm button before steps run, as the title says it (without the charger). */
export function rerunLabel(view: CommissioningView, steps: string[] | undefined): string {
  return rerunWords(view, steps);
}

function rerunWords(view: CommissioningView, steps: string[] | undefined): string {
  if (!steps) return view.steps.some((s) => s.result) ? 'Run every step again' : 'Run the checks';
  const step = view.steps.find((s) => s.id === steps[0]);
  return `Run “${step?.title ?? steps[0]}”${step?.result ? ' again' : ''}`;
}

/**
 * What running one step does to the charger, in words. That its settings are left as they are is said only of a step
 * that only reads (READ_ONLY_STEPS) and only when no session is ended before it (`endsSession`); every run still sets
 * MinimumStatusDuration to 0 for its steps where the charger has it, and puts it back, so that is said too.
 */
export function stepEffect(id: string, t: CommissioningTemplate, endsSession: boolean): string {
  const keys = Object.keys(t.keys).length;
  const effects: Record<string, string> = {
    C3_IDENTITY: 'It asks the charger for a BootNotification (the bench’s answer gives it the bench’s heartbeat interval) and a Heartbeat (TriggerMessage)',
    C4_CONNECTORS: 'It checks the connectors’ statuses',
    C5_BASELINE: `It sets ${keys} configuration key${keys === 1 ? '' : 's'} to the baseline (a key that needs it restarts the charger)`,
    C6_READER: `It asks the person at the charger to present the test card ${t.testIdTag}`,
    C7_OFFLINE: 'It reads the offline authorization settings and the local list version',
    C10_LOAD_LIMIT: 'It sets the site’s load limit as the default charging profile (it stays on the charger)',
    C8_SESSION: `It starts a test session with the card ${t.testIdTag}, takes meter values for at least ${t.sessionSeconds} s, then stops it`,
    C9_UNLOCK: 'It unlocks each connector (a cable in one is released)',
    C9_AVAILABILITY: 'It takes each connector out of service (Inoperative) and back',
    C9_RESET: 'It resets the charger and waits for it to come back',
  };
  const effect = effects[id] ?? 'It runs the step as in the plan';
  return READ_ONLY_STEPS.includes(id) && !endsSession ? `${effect}; its settings are left as they are (MinimumStatusDuration, where it has one, is set to 0 for the step and put back after)` : effect;
}

/** A transaction the bench's record holds open on the charger (running or not), as the confirmation names it. */
export type HeldTransaction = Pick<RunningTransaction, 'transactionId' | 'connectorId' | 'idTag' | 'connectorSays' | 'supersededBy'> &
  Partial<Pick<RunningTransaction, 'chargerId' | 'unconfirmedSince' | 'unconfirmedByStop' | 'strayStop' | 'mayStillRun' | 'leftByRunsAs'>>;

/**
 * One the run will send RemoteStopTransaction for: "transaction 5 on connector 2 (idTag CUSTOMER-9)"; one
 * that is not running (its connector reports no session, a newer one supersedes it, or the charger answered
 * earlier that it no longer runs it: `lost`) is "held open in the record only", saying why.
 */
function heldWords(t: HeldTransaction, lost: ReadonlyArray<{ transactionId: number; answer: string }>): string {
  const refused = lost.find((h) => h.transactionId === t.transactionId);
  const answered =
    refused &&
    (refused.answer === 'not asked'
      ? 'a run left it as it is: its charger lost it at a reboot'
      : refused.answer.startsWith('not asked')
        ? 'a run left it as it is: it was not running'
        : `the charger answered ${refused.answer} when a run asked it to stop it`);
  const why = notRunningCauseOf(t) ?? answered ?? null;
  return `transaction ${t.transactionId} on connector ${t.connectorId} (idTag ${t.idTag}${why ? `; held open in the record only: ${why}` : ''})`;
}

/**
 * Held open but not running, yet not left as it is by the runs (leftByRuns): not confirmed by a stray stop alone,
 * the runner sends it RemoteStopTransaction too (main/conformance/running-before).
 */
export const stoppedNotRunning = (
  t: Pick<RunningTransaction, 'connectorSays' | 'supersededBy'> & Partial<Pick<RunningTransaction, 'unconfirmedSince' | 'unconfirmedByStop' | 'mayStillRun' | 'leftByRunsAs'>>,
): boolean => !isRunning(t) && !leftByRuns(t);

/**
 * The sessions a run ends before its first step (`before`: "the step", "the first step"), each named: every
 * transaction the record holds open on the charger is sent RemoteStopTransaction; but one the charger would
 * refuse to stop (leftByRuns: lost at a reboot, superseded or not, or not running by the rule: its connector
 * reports no session since it started, a newer one supersedes it) is left as it is, said so with why
 * (main/conformance/running-before). Empty when there is none.
 */
export function endedSessionsWords(held: readonly HeldTransaction[], before: string, lost: ReadonlyArray<{ transactionId: number; answer: string }> = []): string {
  const stopped = held.filter((t) => !leftByRuns(t));
  const left = held.filter(leftByRuns);
  const which = stopped.length === 1 ? 'the session' : `the ${stopped.length} sessions`;
  const ends = stopped.length ? `Before ${before}, the bench ends ${which} the record holds open there (RemoteStopTransaction): ${stopped.map((t) => heldWords(t, lost)).join('; ')}.` : '';
  const kept = leftByRunsSentences(left, (t) => `transaction ${t.transactionId} on connector ${t.connectorId} (idTag ${t.idTag})`);
  return [ends, ...kept].filter(Boolean).join(' ');
}

/**
 * The confirmation's words before steps run (all of them: `steps` undefined), given the transactions the record
 * holds open on the charger now (`held`: running or not): each one the run will send RemoteStopTransaction for
 * is named; steps that only read leave the running ones running.
 */
export function rerunConsequence(view: CommissioningView, steps: string[] | undefined, held: readonly HeldTransaction[], extra: string | null): string {
  const ids = steps ?? view.steps.map((s) => s.id);
  const ends = held.length > 0 && runEndsSessions(ids);
  const running = held.filter(isRunning);
  const what = steps ? stepEffect(steps[0]!, view.template, ends) : `The plan ${commissioningEffects(view.template).join('; ')}`;
  const replaced = (steps ? view.steps.filter((s) => steps.includes(s.id)) : view.steps).some((s) => s.result) ? ' Earlier results are replaced.' : '';
  const session = ends
    ? ` ${endedSessionsWords(held, steps?.length === 1 ? 'the step' : 'the first step', view.heldOpen)}`
    : running.length > 0
      ? ` ${running.length === 1 ? 'The session running there now is' : `The ${running.length} sessions running there now are`} left running: ${running.map((t) => heldWords(t, [])).join('; ')}.`
      : '';
  return `${what}.${replaced}${session}${extra ? ` ${extra}` : ''}`;
}
