// The sessions a commissioning's run ended at its start (running on the charger when it began, a customer's
// too: the conformance engine's setup stops them, see conformance/setup-sessions.ts), kept with the run in
// the record, listed in the view and the report.
import type { Bench } from '../core/bench';
import type { SessionEndedAtStart } from '../../shared/api/commissioning';
import type { RunResult } from '../../shared/api/test-runs';

/** The run's ended sessions with when each began as the record has it; undefined: none (or the run not known yet). */
export function endedAtStart(bench: Bench, chargerId: string, run: Pick<RunResult, 'setupEnded'> | null): SessionEndedAtStart[] | undefined {
  if (!run?.setupEnded?.length) return undefined;
  return run.setupEnded.map((s) => {
    const tx = bench.record.transactions.get(s.transactionId);
    return { ...s, startedAt: tx && tx.chargerId === chargerId ? tx.startTime : null };
  });
}

/** Every run's ended sessions, oldest first, as the view lists them (absent: none). */
export function sessionsEndedOf(runs: Array<{ sessionsEnded?: SessionEndedAtStart[] }>): { sessionsEnded?: SessionEndedAtStart[] } {
  const all = runs.flatMap((r) => r.sessionsEnded ?? []);
  return all.length ? { sessionsEnded: all } : {};
}
