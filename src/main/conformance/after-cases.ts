// What went wrong once a run's cases had ended (putting back what the run changed for them, with the record
// unwritable): the cases stand, so the run is not "could not run"; the problem is named in its `error`,
// in words that say it came after the cases.
import type { RunResult } from './types';
import type { OperationResult } from '../../shared/api/views';

const AFTER_LAST_CASE = 'After the last case, ';

/** The words of a problem after the cases (run.error of a finished or stopped run). */
export const afterLastCase = (what: string): string => `${AFTER_LAST_CASE}${what}`;

/** The problem the run met after its cases, if any (null: none, or its error is why it ended early or could not run). */
export const afterCasesProblem = (run: Pick<RunResult, 'state' | 'error'>): string | null => (run.state !== 'error' && run.error?.startsWith(AFTER_LAST_CASE) ? run.error : null);

/**
 * What became of putting MinimumStatusDuration back to `value` after the cases (the run set it to 0 for them),
 * as a problem after the cases, or null when the charger accepted it. Not only a throw: the charger offline
 * (a Stop with it offline ends at once), no answer, a refusal or a CALLERROR leave it at 0, which is said.
 */
export function minimumStatusDurationNotBack(back: OperationResult | Error, value: string, timeoutS: number, stopped: boolean): string | null {
  const key = 'MinimumStatusDuration';
  if (back instanceof Error) return afterLastCase(`the bench could not put ${key} back to ${value} (the run had set it to 0): ${back.message}`);
  const still = `${key} was not put back to ${value}: it is still 0 on the charger`;
  const unknown = `${key} may not have been put back to ${value}: it may still be 0 on the charger`;
  switch (back.outcome) {
    case 'completed': {
      const status = String((back.response as { status?: unknown }).status);
      if (status === 'Accepted') return null;
      if (status === 'RebootRequired') return afterLastCase(`${key} was set back to ${value}, but the charger answered RebootRequired: it stays 0 until the charger reboots`);
      return afterLastCase(`${still} (the charger answered ChangeConfiguration with ${status})`);
    }
    case 'callError':
      return afterLastCase(`${still} (the charger answered ChangeConfiguration with a CALLERROR ${back.error.code}${back.error.description ? `: ${back.error.description}` : ''})`);
    case 'invalidResponse':
      return afterLastCase(`${unknown} (the charger's answer to ChangeConfiguration broke the OCPP 1.6 schema: ${back.error.description})`);
    case 'timeout':
      return afterLastCase(`${unknown} (the charger did not answer ChangeConfiguration within ${timeoutS} s)`);
    case 'offline':
      if (back.sent) return afterLastCase(`${unknown} (the connection dropped after ChangeConfiguration was sent, before an answer)`);
      return afterLastCase(`${still} (${stopped ? 'it was offline when the run was stopped' : 'the charger was not connected at the end of the run'})`);
  }
}
