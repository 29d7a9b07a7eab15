// Counts the SQLite statements a piece of code runs: for tests that hold a read to a fixed number of
// statements (a list that must not grow with its rows).
import { vi } from 'vitest';
import type { Db } from '../../src/main/store/database';

/** Counts the statements run on `db` (each get, all, iterate or run) while `fn` runs. */
export function statementsRun<T>(db: Db, fn: () => T): { result: T; count: number } {
  let count = 0;
  const prepare = db.prepare.bind(db);
  const spy = vi.spyOn(db, 'prepare').mockImplementation(((sql: string) => {
    const statement = prepare(sql) as unknown as Record<string, (...a: unknown[]) => unknown>;
    for (const m of ['get', 'all', 'iterate', 'run']) {
      const f = statement[m]!.bind(statement);
      statement[m] = (...a: unknown[]) => {
        count++;
        return f(...a);
      };
    }
    return statement;
  }) as unknown as typeof db.prepare);
  try {
    return { result: fn(), count };
  } finally {
    spy.mockRestore();
  }
}
