// A run's setup (the charger read and prepared before its first case or step) gives way to the run's Stop at
// once: the answer the bench waits on from the charger (up to the test data's chargerTimeoutS) is no longer
// waited for, no case is started, and what the setup then did not do is not named as a problem of the run
// (no case runs on it). The call itself may still be answered later; its answer is recorded with the frames.
// Nothing more is asked of the charger after that: a call would queue behind the unanswered one (one call at
// a time) and wait for its time-out, so what the run's end would have put back or read is named, not done.
import { untilStopped, type CaseHost } from './host';
import { RunStopped, SetupStopped } from './types';

/** Why a setup's call to the charger ended unanswered: the run was stopped while it waited. */
const STOPPED = 'the run was stopped before its first case, while the charger had not answered yet';

/** What a wait of the setup that a Stop ended throws (not a problem of the run: a put-back's step it ends names nothing, see restorePreconditions). */
export const setupStopped = (): SetupStopped => new SetupStopped(STOPPED);

/** The run's host for its setup, and the call a Stop left unanswered (its action), if any. */
export interface SetupCalls {
  host: CaseHost;
  unanswered(): string | null;
}

/** The run's host for its setup: each call to the charger ends at once (SetupStopped) when the run is stopped. */
export function setupHost(host: CaseHost): SetupCalls {
  const signal = host.signal;
  let unanswered: string | null = null;
  if (!signal) return { host, unanswered: () => null };
  return {
    host: {
      ...host,
      // Once stopped, nothing more is sent: a call would wait behind the one left unanswered.
      operate: (action, payload, timeoutMs) => {
        if (signal.aborted) return Promise.reject(setupStopped());
        // The Stop's own end of the wait (not an error of the call itself) is told by its class.
        let stopped = false;
        const stop = () => {
          stopped = true;
          unanswered ??= action;
        };
        return untilStopped(host.operate(action, payload, timeoutMs), signal, STOPPED, stop).catch((e: unknown) => {
          throw stopped && e instanceof RunStopped ? setupStopped() : e;
        });
      },
    },
    unanswered: () => unanswered,
  };
}

/**
 * The run's end when a Stop left the setup's `action` unanswered: nothing is asked of the charger, which
 * `phase` says (MinimumStatusDuration, when the run set it, is named as not put back; the configuration is
 * not read). What it returns goes on the run.
 */
export function afterUnanswered(action: string, commissioning: boolean, minimumStatusDuration: string | null, phase: (what: string) => void): { configAtEndProblem: string; error?: string } {
  const why = `the run was stopped before its first ${commissioning ? 'step' : 'case'} while the charger had not answered ${action}`;
  const notBack = minimumStatusDuration !== null ? `MinimumStatusDuration is not put back to ${minimumStatusDuration} and ` : '';
  phase(`${commissioning ? 'After the steps' : 'After the cases'}: ${why}, so ${notBack}the charger's configuration is not read at the end…`);
  return {
    configAtEndProblem: `${why} (nothing more was asked of it)`,
    ...(minimumStatusDuration !== null && {
      error: `MinimumStatusDuration may not have been put back to ${minimumStatusDuration}: it may still be 0 on the charger (${why}; nothing more was asked of it)`,
    }),
  };
}

/** Whether `e` is a setup's call ended by the run's Stop (the run then ends stopped, with no case). */
export const stoppedInSetup = (e: unknown, signal: AbortSignal | undefined): boolean => e instanceof SetupStopped && !!signal?.aborted;
