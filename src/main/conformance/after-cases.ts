// What went wrong once a run's cases had ended (putting back what the run changed for them, with the record
// unwritable): the cases stand, so the run is not "could not run"; the problem is named in its `error`,
// in words that say it came after the cases.
import type { RunResult } from './types';

const AFTER_LAST_CASE = 'After the last case, ';

/** The words of a problem after the cases (run.error of a finished or stopped run). */
export const afterLastCase = (what: string): string => `${AFTER_LAST_CASE}${what}`;

/** The problem the run met after its cases, if any (null: none, or its error is why it ended early or could not run). */
export const afterCasesProblem = (run: Pick<RunResult, 'state' | 'error'>): string | null => (run.state !== 'error' && run.error?.startsWith(AFTER_LAST_CASE) ? run.error : null);
