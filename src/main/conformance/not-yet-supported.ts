// The one rule for the suite's cases the bench cannot run yet that have no verdict in a run: the run's own
// notYetSupported (what its JSON, the API and the UI give) and every report count them the same way.
import type { CaseDefinition } from './types';
import type { NotYetSupported, RunResult } from '../../shared/api/test-runs';

const listed = (c: CaseDefinition): NotYetSupported => ({ id: c.id, title: c.title, profile: c.profile, section: c.section, reason: c.notSupported! });

/** The suite's cases the bench cannot run yet that are not among `cases`, with why. */
export function notYetSupported(suite: CaseDefinition[], cases: CaseDefinition[]): NotYetSupported[] {
  const included = new Set(cases.map((c) => c.id));
  return suite.filter((c) => c.notSupported && !included.has(c.id)).map(listed);
}

/**
 * The suite's cases the bench cannot run yet that have no verdict in the run: those it did not include (its
 * notYetSupported list as started), and those a stopped run, or one that could not be carried out, was
 * started with and never came to (in the order planned). With a case's verdict (notSupported) it is counted
 * in summary.notSupported instead: the two make the total, whether or not the run came to them. Works on a
 * run kept before the run itself listed those it never came to.
 */
export function notYetSupportedOf(run: Pick<RunResult, 'state' | 'planned' | 'cases' | 'notYetSupported'>, suite: CaseDefinition[]): NotYetSupported[] {
  const known = run.notYetSupported ?? [];
  if ((run.state !== 'stopped' && run.state !== 'error') || !run.planned) return known;
  // A run kept by a bench that died as it began may have no cases yet.
  const have = new Set([...known.map((c) => c.id), ...((run.cases as RunResult['cases'] | undefined) ?? []).map((c) => c.id)]);
  const never = run.planned.flatMap((id) => {
    const def = suite.find((c) => c.id === id);
    return def?.notSupported && !have.has(id) ? [listed(def)] : [];
  });
  return never.length ? [...known, ...never] : known;
}

/** The run with its notYetSupported made whole (a stopped run's never come to among them); the same run when it already is. */
export function withNotYetSupported<T extends RunResult>(run: T, suite: CaseDefinition[]): T {
  const all = notYetSupportedOf(run, suite);
  return all.length === (run.notYetSupported?.length ?? 0) ? run : { ...run, notYetSupported: all };
}
