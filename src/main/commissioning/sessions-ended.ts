// The sessions a commissioning's run ended at its start (running on the charger when it began, a customer's
// too: the conformance engine's setup stops them, see conformance/setup-sessions.ts), kept with the run in
// the record, listed in the view and the report. While the run prepares the charger, each is listed as soon
// as it ends (EndedInSetup), not only once its first step begins.
import type { Bench } from '../core/bench';
import type { SessionEndedAtStart } from '../../shared/api/commissioning';
import type { RunResult } from '../../shared/api/test-runs';
import type { TransactionRecord } from '../../shared/records';
import { payloadOf } from '../conformance/setup-sessions';

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

/**
 * The sessions a run's preparation ends, as they end: those running on the charger when the run began that
 * the bench asked to stop (RemoteStopTransaction) and whose stop came. The run's own list (endedAtStart)
 * replaces it once its first step begins.
 */
export class EndedInSetup {
  readonly ended: SessionEndedAtStart[] = [];
  private readonly asked = new Set<number>();
  private readonly off: () => void;

  constructor(bench: Bench, chargerId: string, onEnded: (ended: SessionEndedAtStart[]) => void) {
    const open = new Map<number, TransactionRecord>(bench.record.transactions.list({ chargerId, active: true }).map((t) => [t.transactionId, t]));
    this.off = bench.bus.subscribe((e) => {
      if (e.type === 'frameLogged') {
        const m = e.message;
        if (m.chargerId !== chargerId || m.direction !== 'out' || m.kind !== 'CALL' || m.action !== 'RemoteStopTransaction') return;
        const id = payloadOf(m).transactionId;
        if (typeof id === 'number' && open.has(id)) this.asked.add(id);
      } else if (e.type === 'transactionStopped' && e.transaction.chargerId === chargerId) {
        const t = open.get(e.transaction.transactionId);
        if (!t || !this.asked.has(t.transactionId) || this.ended.some((s) => s.transactionId === t.transactionId)) return;
        this.ended.push({ transactionId: t.transactionId, connectorId: t.connectorId, idTag: t.idTag, endedAt: e.ts, startedAt: t.startTime });
        onEnded([...this.ended]);
      }
    });
  }

  /** Stops watching (again: nothing). */
  dispose(): void {
    this.off();
  }
}
