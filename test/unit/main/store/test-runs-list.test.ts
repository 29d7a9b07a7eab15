// The runs list reads what it shows of a run from the summary column: why a run could not be carried out
// and how many cases it was started with are kept there when it is saved, so listing never reads the
// stored result of such a run (a result it cannot even parse does not matter). A run kept before they were
// (none in its summary) still says them, from its result.
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { migrations } from '../../../../src/main/store/migrations';
import { TestRunsRepository, testRunWrites } from '../../../../src/main/store/repositories/test-runs';
import type { Store } from '../../../../src/main/store/repository';

function repository() {
  const db = new Database(':memory:');
  for (const m of migrations) db.exec(m);
  const store = {
    db,
    write: (name: string, params: unknown[]) => void db.prepare(testRunWrites[name as keyof typeof testRunWrites]).run(...params),
    settled: async () => undefined,
    mustBeWritable: () => undefined,
  } as unknown as Store;
  return { db, runs: new TestRunsRepository(store) };
}

const summary = { pass: 0, fail: 0, notApplicable: 0, inconclusive: 0, error: 0, notSupported: 0 };
const why = 'GetConfiguration got no answer (timeout)';
const run = (id: string, state: string, more: object = {}) => ({
  id,
  chargerId: 'CP-1',
  startedAt: '2026-01-01T00:00:00.000Z',
  finishedAt: '2026-01-01T00:01:00.000Z',
  state,
  summary,
  planned: ['TC_017_1_CS', 'TC_040_1_CS', 'TC_001_CS'],
  wallMs: 60_000,
  ...more,
});

describe('the runs list', () => {
  it('says why a run could not be carried out and how many cases it planned, without reading its result', async () => {
    const { db, runs } = repository();
    await runs.save(run('run-e', 'error', { error: why }));
    // Its result unreadable: the list does not need it.
    db.prepare('UPDATE test_runs SET result = ? WHERE id = ?').run('{not json', 'run-e');
    expect(runs.list()).toEqual([expect.objectContaining({ id: 'run-e', state: 'error', error: why, planned: 3, summary })]);
  });

  it('keeps the count of cases in error apart from why the run could not be carried out', async () => {
    const { runs } = repository();
    await runs.save(run('run-e', 'error', { error: why, summary: { ...summary, error: 1 } }));
    expect(runs.list()[0]).toMatchObject({ summary: { error: 1 }, error: why });
  });

  it('reads why and the planned cases from the result of such a run kept before they were in its summary', () => {
    const { db, runs } = repository();
    const old = run('run-old', 'error', { error: why });
    db.prepare(testRunWrites.testRunPut).run(old.id, old.chargerId, 'octt16-cp', old.startedAt, old.finishedAt, 'error', JSON.stringify(summary), JSON.stringify(old));
    expect(runs.list()).toEqual([expect.objectContaining({ id: 'run-old', state: 'error', error: why, planned: 3 })]);
  });

  it('gives a finished run neither', async () => {
    const { runs } = repository();
    await runs.save(run('run-f', 'finished', { error: 'After the last case, the bench failed' }));
    const [row] = runs.list();
    expect(row).not.toHaveProperty('error');
    expect(row).not.toHaveProperty('planned');
  });
});
