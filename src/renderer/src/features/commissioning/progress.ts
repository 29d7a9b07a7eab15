// How far a commissioning's checks got, told from its steps' results as the UI has them: which passed,
// failed (or erred), were left inconclusive, and which never ran. A run that ended with steps never run
// was stopped (or broke off) before the end: it is not "checked", and an inconclusive step is not a
// failure. Works whatever state the engine names for a run that ended (finished, or a stopped state of
// its own): only ready, running and handed over are read from the state.
import type { CommissioningView } from '../../../../shared/api/commissioning';

export interface ChecksTally {
  total: number;
  /** Steps with a result (of this run or an earlier one). */
  ran: number;
  failed: number;
  erred: number;
  inconclusive: number;
  notRun: number;
  running: boolean;
  /** The run ended before every step had run. */
  stopped: boolean;
}

export function tallyChecks(view: Pick<CommissioningView, 'steps' | 'state' | 'running' | 'lastRun'>): ChecksTally {
  const verdicts = view.steps.map((s) => s.result?.verdict ?? null);
  const count = (v: string) => verdicts.filter((x) => x === v).length;
  const total = view.steps.length;
  const ran = verdicts.filter((v) => v !== null).length;
  const running = view.state === 'running' || !!view.running;
  return {
    total,
    ran,
    failed: count('fail'),
    erred: count('error'),
    inconclusive: count('inconclusive'),
    notRun: total - ran,
    running,
    // The engine records a stopped run as such (a re-run of some steps that was stopped, every step having an older result, too).
    stopped: !running && view.state !== 'ready' && view.state !== 'handedOver' && ran > 0 && (ran < total || view.lastRun?.outcome === 'stopped'),
  };
}

/** "1 failed, 1 inconclusive, 6 not run": the counts that are not zero. */
function counts(t: ChecksTally, withNotRun: boolean): string[] {
  return [
    ...(t.failed ? [`${t.failed} failed`] : []),
    ...(t.erred ? [`${t.erred} erred`] : []),
    ...(t.inconclusive ? [`${t.inconclusive} inconclusive`] : []),
    ...(withNotRun && t.notRun ? [`${t.notRun} not run`] : []),
  ];
}

/** The stepper's note under Checks, and whether it reads as failed (a step failed or erred) or as done. */
export function checksNote(view: Pick<CommissioningView, 'steps' | 'state' | 'running' | 'lastRun'>): { text: string; failed: boolean; done: boolean; warn: boolean } {
  const t = tallyChecks(view);
  const failed = t.failed + t.erred > 0;
  const done = t.ran === t.total && !failed && !t.inconclusive;
  if (t.running) return { text: `Running — ${t.ran} of ${t.total}`, failed: false, done: false, warn: false };
  if (t.stopped) return { text: `Stopped — ${counts(t, true).join(', ')}`, failed, done: false, warn: true };
  const problems = counts(t, false);
  return { text: problems.length ? problems.join(', ') : `${t.ran} of ${t.total}`, failed, done, warn: t.inconclusive > 0 };
}

/** The commissioning's state in words, for its header: never "checked" when steps were left unrun. */
export function stateText(view: Pick<CommissioningView, 'steps' | 'state' | 'running' | 'lastRun'>): string {
  if (view.state === 'ready') return 'Not started';
  if (view.state === 'handedOver') return 'Handed over';
  const t = tallyChecks(view);
  if (t.running) return 'Running';
  if (t.ran === 0) return 'Not run, not handed over';
  if (t.stopped) return `Stopped, ${t.notRun} of ${t.total} steps not run, not handed over`;
  return 'Checked, not handed over';
}

/** The checks step's line about the run when nothing runs: "Stopped before the end: 4 of 10 steps run, 6 not run." */
export function checksStatus(view: Pick<CommissioningView, 'steps' | 'state' | 'running' | 'lastRun'>): string {
  const t = tallyChecks(view);
  if (view.state === 'ready' || t.ran === 0) return 'Not started.';
  if (t.stopped) return `Stopped before the end: ${t.ran} of ${t.total} steps run, ${t.notRun} not run (each can be run on its own below).`;
  return `${t.ran} of ${t.total} steps run.`;
}
