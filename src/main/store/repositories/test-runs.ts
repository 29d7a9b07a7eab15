// The test_runs table: each conformance run with its cases, steps and verdicts (the whole result as JSON,
// the summary columns for lists), and the frames of the run stay in the message log by time and charger.
import type { Store, Writes } from '../repository';
import type { Row } from '../../../shared/records';

export const testRunWrites = {
  testRunPut: `INSERT INTO test_runs (id, charger_id, suite, started_at, finished_at, state, summary, result) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT(id) DO UPDATE SET finished_at = excluded.finished_at, state = excluded.state, summary = excluded.summary, result = excluded.result`,
  testRunDelete: 'DELETE FROM test_runs WHERE id = ?',
} satisfies Writes;

export interface TestRunRow {
  id: string;
  chargerId: string;
  suite: string;
  startedAt: string;
  finishedAt: string | null;
  state: string;
  summary: Record<string, number>;
  /** A stopped run's, or one that could not be carried out's, planned cases (absent when kept before they were). */
  planned?: number;
  /** Why a run could not be carried out (state error; absent when the record does not say). */
  error?: string;
  /** How long it took on the wall clock (absent for a run kept before it was listed). */
  wallMs?: number;
  /** When it started on the wall clock (absent for a run kept before it was listed). */
  wallStartedAt?: string;
}

/** Conformance runs, newest first. The result is kept whole (it is what the reports are made from). */
export class TestRunsRepository {
  constructor(private readonly store: Store) {}

  list(q: { chargerId?: string; limit?: number } = {}): TestRunRow[] {
    const rows = this.store.db
      // A stopped run's planned cases say how many it left out, and one that could not be carried out says why
      // too: kept in its summary column (see save); read from its result only for such a run kept before they
      // were (none in its summary). A finished run's result, megabytes for a long run, is never parsed: it
      // ended every case it planned.
      .prepare(
        `SELECT id, charger_id, suite, started_at, finished_at, state, summary,
           CASE WHEN state IN ('stopped', 'error') AND json_extract(summary, '$.planned') IS NULL THEN json_array_length(result, '$.planned') END AS planned,
           CASE WHEN state = 'error' AND json_extract(summary, '$.errorReason') IS NULL THEN json_extract(result, '$.error') END AS error
         FROM test_runs ${q.chargerId ? 'WHERE charger_id = ?' : ''} ORDER BY coalesce(json_extract(summary, '$.wallStartedAt'), started_at) DESC LIMIT ?`,
      )
      .all(...(q.chargerId ? [q.chargerId] : []), q.limit ?? 200) as Row[];
    return rows.map((r) => {
      // The list's facts ride in the summary column (see save); a run kept before has its verdicts only.
      const { planned, wallMs, wallStartedAt, errorReason, ...summary } = JSON.parse(r.summary) as Record<string, number> & { wallStartedAt?: string; errorReason?: string };
      const stoppedPlan = planned ?? r.planned;
      const why = errorReason ?? r.error;
      return {
        id: r.id,
        chargerId: r.charger_id,
        suite: r.suite,
        startedAt: r.started_at,
        finishedAt: r.finished_at,
        state: r.state,
        summary,
        ...((r.state === 'stopped' || r.state === 'error') && stoppedPlan != null && { planned: stoppedPlan }),
        ...(r.state === 'error' && why != null && { error: why }),
        ...(wallMs !== undefined && { wallMs }),
        ...(wallStartedAt !== undefined && { wallStartedAt }),
      };
    });
  }

  get(id: string): unknown | null {
    const row = this.store.db.prepare('SELECT result FROM test_runs WHERE id = ?').get(id) as Row | undefined;
    return row ? JSON.parse(row.result) : null;
  }

  /**
   * Saves a run (again as it goes on); resolves once it is durable. The summary column holds what the
   * list shows beside the verdicts (how many cases were planned, how long it took on the wall clock, why
   * a run could not be carried out), so the list never parses a result (megabytes for a long run).
   */
  async save(
    run: { id: string; chargerId: string; startedAt: string; finishedAt: string | null; state: string; summary: object; planned?: string[]; wallMs?: number; wallStartedAt?: string; error?: string },
    suite = 'octt16-cp',
  ): Promise<void> {
    this.store.mustBeWritable();
    const listed = {
      ...run.summary,
      ...(run.planned && { planned: run.planned.length }),
      ...(run.wallMs !== undefined && { wallMs: run.wallMs }),
      ...(run.wallStartedAt !== undefined && { wallStartedAt: run.wallStartedAt }),
      // Not `error`: that is the count of cases in error among the verdicts.
      ...(run.state === 'error' && run.error !== undefined && { errorReason: run.error }),
    };
    this.store.write('testRunPut', [run.id, run.chargerId, suite, run.startedAt, run.finishedAt, run.state, JSON.stringify(listed), JSON.stringify(run)]);
    await this.store.settled();
  }

  async delete(id: string): Promise<void> {
    this.store.mustBeWritable();
    this.store.write('testRunDelete', [id]);
    await this.store.settled();
  }
}
