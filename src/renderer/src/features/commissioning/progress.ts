// How far a commissioning's checks got, told from its steps' results as the UI has them: which passed,
// failed (or erred), were left inconclusive, and which never ran. A run is "stopped" when the engine says
// its last run was (lastRun.outcome), even when every step has a result from an earlier run; steps never
// run without a stop make it "incomplete". Either way it is not "checked", and an inconclusive step is not
// a failure. A view without lastRun (kept before the engine recorded it): ended with steps never run reads
// as stopped. Works whatever state the engine names for a run that ended (finished, or a stopped state of
// its own): only ready, running and handed over are read from the state.
import { shutDownWords, type CommissioningView } from '../../../../shared/api/commissioning';
import { ownCountWords, partialCutShort, type PartialCutShort } from '../../../../shared/api/commissioning-cut-short';
import { commissioningPutBackWords, commissioningStopWords, INTERRUPTED_STATE, interruptedWords } from '../../../../shared/api/commissioning-run-end';
import { formatWhen } from '../../components/format';

export interface ChecksTally {
  total: number;
  /** Steps with a result (of this run or an earlier one). */
  ran: number;
  failed: number;
  erred: number;
  inconclusive: number;
  notRun: number;
  running: boolean;
  /** The last run was stopped, or cut short by the bench shutting down (for a view without lastRun: it ended before every step had run). */
  stopped: boolean;
  /** Of those, cut short by the bench shutting down (nobody pressed Stop). */
  shutDown: boolean;
  /** The last run was cut short by the bench stopping unexpectedly (killed, crashed, lost power: no clean shutdown); not stopped. */
  interrupted: boolean;
  /** Not stopped, yet some steps never ran (e.g. the run broke off). */
  incomplete: boolean;
}

export function tallyChecks(view: Pick<CommissioningView, 'steps' | 'state' | 'running' | 'lastRun'>): ChecksTally {
  const verdicts = view.steps.map((s) => s.result?.verdict ?? null);
  const count = (v: string) => verdicts.filter((x) => x === v).length;
  const total = view.steps.length;
  const ran = verdicts.filter((v) => v !== null).length;
  const running = view.state === 'running' || !!view.running;
  const ended = !running && !notStarted(view) && view.state !== 'handedOver' && ran > 0;
  return {
    total,
    ran,
    failed: count('fail'),
    erred: count('error'),
    inconclusive: count('inconclusive'),
    notRun: total - ran,
    running,
    // The engine records a stopped run as such (a re-run of some steps that was stopped, every step having an
    // older result, too); a later run that finished is not stopped, whatever an earlier one was.
    stopped: ended && (view.lastRun ? cutShort(view.lastRun.outcome) && view.lastRun.outcome !== 'interrupted' : ran < total),
    interrupted: ended && view.lastRun?.outcome === 'interrupted',
    shutDown: ended && view.lastRun?.outcome === 'shutDown',
    incomplete: ended && ran < total && (view.lastRun ? !cutShort(view.lastRun.outcome) : false),
  };
}

/** Never run: 'ready' with no run recorded (a record kept 'ready' through its first run, by an earlier version, has run). */
const notStarted = (view: Pick<CommissioningView, 'state' | 'lastRun'>) => view.state === 'ready' && !view.lastRun;

/** A run that ended before its steps had all run because someone pressed Stop, the bench shut down, or it stopped unexpectedly. */
const cutShort = (outcome: string) => outcome === 'stopped' || outcome === 'shutDown' || outcome === 'interrupted';

/** Who stopped the last run, when, during which step ("Stopped by Ctrl-C (SIGINT) to the CLI at 10:02:13 during step Card reader"); null when not recorded. */
const stopSaid = (view: Pick<CommissioningView, 'steps' | 'lastRun'>) =>
  view.lastRun?.stop
    ? commissioningStopWords(
        view.lastRun.stop,
        (id) => view.steps.find((s) => s.id === id)?.title ?? id,
        (at) => formatWhen(at),
      )
    : null;

/** "the bench stopped unexpectedly (…) during Card reader; the record last heard from the run at 10:02:13". */
const interruptedSaid = (view: Pick<CommissioningView, 'lastRun'>) =>
  view.lastRun?.interrupted ? interruptedWords(view.lastRun.interrupted, (at) => formatWhen(at)) : 'the bench stopped unexpectedly (no clean shutdown)';

/** "the bench shut down at 10:02:13 during Card reader" (its time as the screens write one); "the bench shut down" when not known. */
const shutDownSaid = (view: Pick<CommissioningView, 'lastRun'>) => (view.lastRun?.shutDown ? shutDownWords(view.lastRun.shutDown, (at) => formatWhen(at)) : 'the bench shut down');

/**
 * The last run, stopped or cut short (the bench shut down, or stopped unexpectedly), when it was asked for only some of the steps
 * (lastRun.steps): it is counted by its own steps, and the plan's steps without a result are said as not run
 * in any run yet, never as what it cut short (commissioning-cut-short.ts).
 */
const partialOf = (view: Pick<CommissioningView, 'steps' | 'lastRun'>, t: ChecksTally): PartialCutShort | null =>
  t.stopped || t.interrupted ? partialCutShort(view.steps, view.lastRun, (at) => formatWhen(at)) : null;

/** "Run of 1 step (Card reader)" at the start of a line. */
const runName = (p: PartialCutShort) => `R${p.name.slice(1)}`;

/** "1 failed, 1 inconclusive, 6 not run": the counts that are not zero. */
function counts(t: ChecksTally, withNotRun: boolean): string[] {
  return [
    ...(t.failed ? [`${t.failed} failed`] : []),
    ...(t.erred ? [`${t.erred} erred`] : []),
    ...(t.inconclusive ? [`${t.inconclusive} inconclusive`] : []),
    ...(withNotRun && t.notRun ? [`${t.notRun} not run`] : []),
  ];
}

/**
 * The run in progress counted by the steps it was asked to run (lastRun.steps: one step run again is "0 of
 * 1", not the plan's count with earlier results): those with a result begun in this run are done.
 */
function thisRun(view: Pick<CommissioningView, 'steps' | 'lastRun'>): { done: number; requested: number } | null {
  const run = view.lastRun;
  if (!run || run.outcome !== 'running') return null;
  const from = Date.parse(run.startedAt);
  const done = run.steps.filter((id) => {
    const at = view.steps.find((s) => s.id === id)?.result?.startedAt;
    return at !== undefined && Date.parse(at) >= from;
  }).length;
  return { done, requested: run.steps.length };
}

/** The stepper's note under Checks, and whether it reads as failed (a step failed or erred) or as done. */
export function checksNote(view: Pick<CommissioningView, 'steps' | 'state' | 'running' | 'lastRun'>): { text: string; failed: boolean; done: boolean; warn: boolean } {
  const t = tallyChecks(view);
  const failed = t.failed + t.erred > 0;
  const done = t.ran === t.total && !failed && !t.inconclusive;
  if (t.running) {
    const r = thisRun(view);
    const what = view.running?.before?.startsWith('waiting for') ? 'Waiting to connect' : 'Running';
    return { text: `${what} — ${r ? `${r.done} of ${r.requested}` : `${t.ran} of ${t.total}`}`, failed: false, done: false, warn: false };
  }
  const partial = partialOf(view, t);
  if (partial) {
    const said = [...counts(t, false), ...(t.notRun ? [`${t.notRun} not run yet`] : [])];
    const what = `Run of ${partial.requested} step${partial.requested === 1 ? '' : 's'} ${partial.shutDown || partial.interrupted ? 'cut short' : 'stopped'}`;
    return { text: said.length ? `${what} — ${said.join(', ')}` : what, failed, done: false, warn: true };
  }
  if (t.stopped || t.incomplete || t.interrupted) {
    const cut = t.notRun ? (t.shutDown ? 'Bench shut down' : 'Bench stopped unexpectedly') : 'Last run cut short';
    const what = t.incomplete ? 'Incomplete' : t.shutDown || t.interrupted ? cut : t.notRun ? 'Stopped' : 'Last run stopped';
    const said = counts(t, true);
    return { text: said.length ? `${what} — ${said.join(', ')}` : what, failed, done: false, warn: true };
  }
  const problems = counts(t, false);
  return { text: problems.length ? problems.join(', ') : `${t.ran} of ${t.total}`, failed, done, warn: t.inconclusive > 0 };
}

/** The commissioning's state in words, for its header: never "checked" when steps were left unrun. */
export function stateText(view: Pick<CommissioningView, 'steps' | 'state' | 'running' | 'lastRun'>): string {
  if (notStarted(view)) return 'Not started';
  if (view.state === 'handedOver') return 'Handed over';
  const t = tallyChecks(view);
  if (t.running) return 'Running';
  if (t.ran === 0) return view.lastRun?.outcome === 'interrupted' ? `${INTERRUPTED_STATE} before any step ran, not handed over` : 'Not run, not handed over';
  const partial = partialOf(view, t);
  if (partial)
    return `${runName(partial)} ${partial.shutDown ? 'cut short by the bench shutting down' : partial.interrupted ? `c${INTERRUPTED_STATE.slice(1)}` : 'stopped'}${t.notRun ? `, ${t.notRun} of ${t.total} steps not run in any run yet` : ''}, not handed over`;
  if (t.shutDown) return `Cut short by the bench shutting down${t.notRun ? `, ${t.notRun} of ${t.total} steps not run` : ''}, not handed over`;
  if (t.interrupted) return `${INTERRUPTED_STATE}${t.notRun ? `, ${t.notRun} of ${t.total} steps not run` : ''}, not handed over`;
  if (t.stopped && !t.notRun) return `Last run stopped${t.inconclusive ? ` (${t.inconclusive} inconclusive)` : ''}, not handed over`;
  if (t.stopped) return `Stopped, ${t.notRun} of ${t.total} steps not run, not handed over`;
  if (t.incomplete) return `Incomplete, ${t.notRun} of ${t.total} steps not run, not handed over`;
  return 'Checked, not handed over';
}

/** The checks step's line about the run when nothing runs: "Stopped before the end: 4 of 10 steps run, 6 not run." */
export function checksStatus(view: Pick<CommissioningView, 'steps' | 'state' | 'running' | 'lastRun'>): string {
  const t = tallyChecks(view);
  if (!notStarted(view) && t.ran === 0 && !t.running && view.lastRun?.outcome === 'interrupted')
    return `The last run was cut short: ${interruptedSaid(view)} (nobody pressed Stop): no step has a result yet (run the checks again).`;
  if (notStarted(view) || t.ran === 0) return 'Not started.';
  const partial = partialOf(view, t);
  if (partial) {
    const own = ownCountWords(partial);
    const others = t.notRun
      ? `${t.notRun} of the plan’s ${t.total} steps ${t.notRun === 1 ? 'has' : 'have'} not run in any run yet (each can be run on its own below).`
      : 'Every step of the plan has a result, the others from earlier runs.';
    return `The ${partial.name} ${partial.how}${partial.shutDown || partial.interrupted ? ' (nobody pressed Stop)' : ''}${own ? `: ${own}` : ''}${partial.putBack ? `; ${partial.putBack}` : ''}. ${others}`;
  }
  if (t.shutDown) {
    const said = `The last run was cut short: ${shutDownSaid(view)} (nobody pressed Stop)`;
    // What putting the charger back came to, when recorded: its own sentence (its words hold colons and semicolons).
    const back = view.lastRun?.stop ? `; ${commissioningPutBackWords(view.lastRun.stop)}.` : null;
    if (back) return `${said}${back} ${t.notRun ? `${t.ran} of ${t.total} steps run, ${t.notRun} not run (each can be run on its own below).` : 'Every step has a result, some from an earlier run.'}`;
    return t.notRun ? `${said}: ${t.ran} of ${t.total} steps run, ${t.notRun} not run (each can be run on its own below).` : `${said}; every step has a result, some from an earlier run.`;
  }
  if (t.interrupted) {
    const said = `The last run was cut short: ${interruptedSaid(view)} (nobody pressed Stop)`;
    return t.notRun ? `${said}: ${t.ran} of ${t.total} steps run, ${t.notRun} not run (each can be run on its own below).` : `${said}; every step has a result, some from an earlier run.`;
  }
  const by = stopSaid(view);
  if (t.stopped && !t.notRun)
    return `Last run stopped${t.inconclusive ? ` (${t.inconclusive} inconclusive)` : ''}${by ? ` (${by})` : ''}: every step has a result, some from an earlier run (each can be run again on its own below).`;
  if (t.stopped) return `${by ? `${by}. Stopped` : 'Stopped'} before the end: ${t.ran} of ${t.total} steps run, ${t.notRun} not run (each can be run on its own below).`;
  if (t.incomplete) return `Incomplete: ${t.ran} of ${t.total} steps run, ${t.notRun} not run (each can be run on its own below).`;
  return `${t.ran} of ${t.total} steps run.`;
}
