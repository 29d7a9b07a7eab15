// A run of some of a commissioning's steps (lastRun.steps: one step run again, say) that a person's Stop, the
// bench shutting down or the bench stopping unexpectedly (killed, crashed, lost power) cut short, counted by its own steps: "the run of 1 step (Card reader) was cut short",
// never "9 of 10 steps not run" as if the shutdown had cost the steps it was never asked to run. The plan's
// steps that have no result are said as not run in any run yet; those outside the run keep their earlier
// results. A run of the whole plan is not one of these (its words count the plan, as they always did).
import { shutDownWords, type CommissioningLastRun, type CommissioningView } from './commissioning';
import { commissioningPutBackWords, interruptedWords } from './commissioning-run-end';

type Steps = ReadonlyArray<Pick<CommissioningView['steps'][number], 'id' | 'title' | 'result'>>;

export interface PartialCutShort {
  /** "run of 1 step (Card reader)": its count, and its steps' titles when there are at most three. */
  name: string;
  /** "was cut short: the bench shut down at 10:02:13 during Card reader", "was cut short: the bench stopped unexpectedly (…)", "was stopped during Card reader". */
  how: string;
  /** Stopped, or cut short by the bench's shutdown: what putting the charger back came to ("the charger was put back", "not put back: …"); null: not recorded, or not stopped. */
  putBack: string | null;
  shutDown: boolean;
  /** Cut short by the bench stopping unexpectedly (no clean shutdown): nobody pressed Stop either. */
  interrupted: boolean;
  /** How many steps the run was asked to run. */
  requested: number;
  /** Of those, the ones with a result of this run (the step cut short among them). */
  reached: number;
  /** The plan's steps with no result from any run. */
  notRun: number;
  total: number;
}

/**
 * The run cut short (stopped, the bench shut down, or it stopped unexpectedly) when it was asked for only some of the plan's steps;
 * null for any other run (the whole plan, one that finished or is running, none recorded). `time` writes a
 * time as the face does.
 */
export function partialCutShort(steps: Steps, lastRun: CommissioningLastRun | null | undefined, time: (iso: string) => string): PartialCutShort | null {
  if (!lastRun || (lastRun.outcome !== 'stopped' && lastRun.outcome !== 'shutDown' && lastRun.outcome !== 'interrupted')) return null;
  if (steps.every((s) => lastRun.steps.includes(s.id))) return null;
  const own = steps.filter((s) => lastRun.steps.includes(s.id));
  const from = Date.parse(lastRun.startedAt);
  const reached = own.filter((s) => s.result && Date.parse(s.result.startedAt) >= from).length;
  const n = own.length;
  const shutDown = lastRun.outcome === 'shutDown';
  const interrupted = lastRun.outcome === 'interrupted';
  const stoppedIn = lastRun.stoppedIn ? steps.find((s) => s.id === lastRun.stoppedIn)?.title : undefined;
  return {
    name: `run of ${n} step${n === 1 ? '' : 's'}${n > 0 && n <= 3 ? ` (${own.map((s) => s.title).join(', ')})` : ''}`,
    how: shutDown
      ? `was cut short: ${lastRun.shutDown ? shutDownWords(lastRun.shutDown, time) : 'the bench shut down'}`
      : interrupted
        ? `was cut short: ${lastRun.interrupted ? interruptedWords(lastRun.interrupted, time) : 'the bench stopped unexpectedly (no clean shutdown)'}`
        : `was stopped${stoppedIn ? ` during ${stoppedIn}` : ''}`,
    putBack: (lastRun.outcome === 'stopped' || shutDown) && lastRun.stop ? commissioningPutBackWords(lastRun.stop) : null,
    shutDown,
    interrupted,
    requested: n,
    reached,
    notRun: steps.filter((s) => !s.result).length,
    total: steps.length,
  };
}

/** "1 of its 3 steps run, 2 not reached"; null when it reached each of its steps. */
export function ownCountWords(p: PartialCutShort): string | null {
  return p.reached < p.requested ? `${p.reached} of its ${p.requested} step${p.requested === 1 ? '' : 's'} run, ${p.requested - p.reached} not reached` : null;
}

/**
 * What is open about it, as one item: "The run of 1 step (Card reader) was cut short: the bench shut down at
 * … during Card reader; 9 of the plan’s 10 steps not run in any run yet", "The run of 1 step (Card reader) was
 * stopped during Card reader; the charger was put back; 9 of …".
 */
export function partialCutShortOpenWords(p: PartialCutShort): string {
  const own = ownCountWords(p);
  const notRun = p.notRun ? `${p.notRun} of the plan’s ${p.total} steps not run in any run yet` : 'every step of the plan has a result, the others from earlier runs';
  return `The ${p.name} ${p.how}${own ? ` (${own})` : ''}${p.putBack ? `; ${p.putBack}` : ''}; ${notRun}`;
}
