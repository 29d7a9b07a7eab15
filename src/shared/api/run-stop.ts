// How a conformance run was stopped (run.stop), in the words every face of the run uses: its reports (HTML,
// PDF, JSON, JUnit, the evidence pack) and its page. When, by what (the run's Stop in the UI or the API, a
// signal to the CLI, the bench shutting down), the case and step it cut short, and what became of putting the
// charger back afterwards, "nothing was left undone" included.

/** What stopped a run: the Stop of the run's page or of the API; a signal to the CLI (Ctrl-C, SIGTERM, SIGHUP); the bench shutting down (the app closed, `serve` ended). */
export type RunStopBy = 'stop' | 'signal' | 'shutdown';

export interface RunStop {
  by: RunStopBy;
  /** The signal that stopped the CLI's run (by 'signal'): SIGINT (Ctrl-C), SIGTERM, SIGHUP. */
  signal?: string;
  /** When the stop was asked for (the wall clock, ISO). */
  requestedAt: string;
  /** When it took effect (the wall clock): later than requestedAt when it waited for the charger to come back first. */
  at: string;
  /** The case in progress when it took effect (null: none, before the first case or between two), and its step (or what the bench was doing). */
  caseId: string | null;
  step: string | null;
  /** What became of putting the charger back once it was stopped. */
  putBack: {
    /** The case the charger was put back after (the last that ran); null: none ran (stopped before the first case). */
    after: string | null;
    /** What was left undone (empty: nothing was). */
    problems: string[];
  };
}

/** What stopped it, in words: "Ctrl-C (SIGINT) to the CLI", "the bench shutting down", "the run's Stop (its page or the API)". */
export const stopByWords = (stop: Pick<RunStop, 'by' | 'signal'>): string =>
  stop.by === 'signal'
    ? `${stop.signal === 'SIGINT' || !stop.signal ? 'Ctrl-C (SIGINT)' : stop.signal} to the CLI`
    : stop.by === 'shutdown'
      ? 'the bench shutting down'
      : "the run's Stop (its page or the API)";

/** "Stopped at 23:23:23 UTC by the run's Stop (its page or the API), during TC_010_CS at Step 2: …": when (by `time`), by what, and what it cut short. */
export function stoppedWords(stop: RunStop, time: (iso: string) => string): string {
  const asked = stop.requestedAt !== stop.at ? ` (asked at ${time(stop.requestedAt)}; it waited for the charger to come back)` : '';
  const during = stop.caseId ? `, during ${stop.caseId}${stop.step ? ` at ${stop.step}` : ' before its first step'}` : stop.step ? `, while ${stop.step}` : ', with no case in progress';
  return `Stopped at ${time(stop.at)}${asked} by ${stopByWords(stop)}${during}`;
}

/** "Put back after TC_010_CS: nothing was left undone", or "Not put back after TC_010_CS: …": the put-back's result. */
export function putBackWords(stop: RunStop): string {
  const after = stop.putBack.after ? `after ${stop.putBack.after}` : 'before the first case';
  return stop.putBack.problems.length ? `Not put back ${after}: ${stop.putBack.problems.join('; ')}` : `Put back ${after}: nothing was left undone`;
}
