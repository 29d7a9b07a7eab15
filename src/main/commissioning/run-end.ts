// How a commissioning run that did not finish is recorded. Stopped: its run.stop as a conformance run records
// it (conformance/run-stop.ts stopOf): who asked (the Stop of its page or the API, a signal to the CLI, the
// bench shutting down), when, and what was in progress when it took effect. Interrupted: the bench stopped
// without shutting down (killed, crashed, the computer lost power), so the run never recorded its end; its
// progress saved as it went (`heard`: when, the step begun last and the one ended last) says where it was.
import type { RunStop } from '../../shared/api/run-stop';
import type { RunInterrupted } from '../../shared/api/commissioning-run-end';
import { stopOf, type StopAsked, type StopTook, type StoppedRun } from '../conformance/run-stop';

/** The run's progress as last recorded: when, the step begun last and the one that ended last (ids; the same: none going on). */
export interface RunHeard {
  at: string;
  begun: string | null;
  ended: string | null;
}

/** A run's window in the record, as far as its end is concerned. */
export interface EndWindow {
  finishedAt: string | null;
  outcome?: string;
  steps?: string[];
  heard?: RunHeard;
  stop?: RunStop;
  interrupted?: RunInterrupted;
}

/** A run in progress as its stop reads it: the step begun last, the one ended last, the engine's step in progress; who asked for the stop, and what it cut short. */
export interface StopState {
  stepId: string | null;
  ended?: string;
  step: string | null;
  asked?: StopAsked;
  took?: StopTook;
  /** The instant a stop is being asked, while it is: one that takes effect then did not wait. */
  asking?: string;
}

/** Who asks for the stop (the first one asked is the one recorded: a second only ends its wait for the charger). */
export function askStop(a: StopState, o: { by?: StopAsked['by']; signal?: string; requestedAt?: string }, now: string): void {
  a.asked ??= { by: o.by ?? 'stop', ...(o.signal && { signal: o.signal }), requestedAt: o.requestedAt ?? now };
  a.asking = now;
}

type Titles = ReadonlyArray<{ id: string; title: string }>;
const titleOf = (steps: Titles, id: string | null | undefined) => steps.find((s) => s.id === id)?.title ?? id ?? null;

/** Where the run is: during its step begun last (not yet ended), or after the step that ended last (the run's last one?), or before the first. */
function where(begun: string | null, ended: string | null | undefined, steps: Titles, runSteps: string[] | undefined): Pick<RunInterrupted, 'during' | 'after'> {
  if (begun && begun !== ended) return { during: titleOf(steps, begun) };
  if (!ended) return { during: null };
  return { during: null, after: { step: titleOf(steps, ended)!, last: (runSteps ?? steps.map((s) => s.id)).at(-1) === ended } };
}

/** The stop took effect (the run's abort) at `at`: what was in progress then (a step, or what the run was doing between them). */
export function stopTook(a: StopState, steps: Titles, runSteps: string[] | undefined, at: string): void {
  const w = where(a.stepId, a.ended, steps, runSteps);
  const doing = !w.after ? 'before the first step' : w.after.last ? `after the last step (${w.after.step})` : `between steps (after ${w.after.step})`;
  a.took = w.during ? { at, caseId: a.stepId, step: a.step } : { at, caseId: null, step: doing };
}

/** Records the stop on a run that ended stopped (or cut short by the bench's shutdown); `run`: the engine's (null: it ended before its setup read the charger). */
export function recordStop(window: EndWindow, run: StoppedRun | null, a: StopState): void {
  if ((window.outcome !== 'stopped' && window.outcome !== 'shutDown') || !a.took) return;
  window.stop = stopOf(run ?? { cases: [], state: 'stopped', pics: null }, a.asked, a.took);
}

/** Records where the run is now (`at`), so a bench that dies before the run ends leaves where it was. */
export function heard(window: EndWindow, a: Pick<StopState, 'stepId' | 'ended'>, at: string): void {
  window.heard = { at, begun: a.stepId, ended: a.ended ?? null };
}

/**
 * A run recorded as running (or, recorded before outcomes were kept, never finished) that is not running, and
 * that the bench's shutdown did not mark: the bench stopped without shutting down. Where it was, from the
 * progress it recorded (or, recorded before that was kept, its steps' results of this run: `fromResults`).
 */
export function interruptedOf(window: EndWindow & { startedAt: string }, steps: ReadonlyArray<{ id: string; title: string; result: { startedAt: string } | null }>): RunInterrupted {
  if (window.interrupted) return window.interrupted;
  if (window.heard) return { lastHeardAt: window.heard.at, ...where(window.heard.begun, window.heard.ended, steps, window.steps) };
  const from = Date.parse(window.startedAt);
  const ran = steps.filter((s) => s.result && Date.parse(s.result.startedAt) >= from && (window.steps ?? [s.id]).includes(s.id));
  const last = ran.at(-1)?.id ?? null;
  // A result is recorded only when its step ends: the next step may have begun, or not (its words say so).
  return { lastHeardAt: null, ...where(last, last, steps, window.steps), fromResults: true };
}
