// The commissioning test session's row for the site's load limit, and whether the limit was set on the charger
// when the session ran: the main process writes the row (src/main/commissioning/session.ts), and the report's
// chart and the checks step's live chart read it to draw the limit only where the session was judged against it.
import type { CommissioningView } from './commissioning';

/** The session step's row for the power against the site's load limit (always there: measured, or why not). */
export const LOAD_LIMIT_LABEL = "Power under the site's load limit (W)";

/**
 * The load limit's row when this commissioning has not set the limit on the charger (its "Site's load limit"
 * step has not passed): a charger without the site's profile charges at what it can, which says nothing of
 * whether it keeps to the limit, so the power is not judged against it.
 */
export const LIMIT_NOT_SET = "not measured: the site's load limit has not been set on the charger by this commissioning (run “Site's load limit” first)";

/** How the load limit's row begins when the "Site's load limit" step ran but did not pass (limitNotInForce). */
const NOT_IN_FORCE = "not measured: the site's load limit is not known to be in force on the charger";

/** The load limit's row when the "Site's load limit" step ran in this commissioning but did not pass (its verdict). */
export function limitNotInForce(verdict: string): string {
  const how: Record<string, string> = { fail: 'failed', inconclusive: 'was inconclusive', notApplicable: 'was not applicable', error: 'erred' };
  return `${NOT_IN_FORCE} (“Site's load limit” ${how[verdict] ?? `ended ${verdict}`}: see that step)`;
}

/** The load limit's row when the template sets none. */
export const NO_TEMPLATE_LIMIT = 'not measured: the template sets no load limit';

/** The id of the step that sets the site's load limit on the charger (plan.ts). */
export const LOAD_LIMIT_STEP = 'C10_LOAD_LIMIT';

/**
 * Whether the test session ran with the site's load limit set on the charger by this commissioning (the
 * condition its power is judged against the limit on), read from the session step's load-limit row; null when
 * the row does not tell (no row, as in a record made before it was kept; a template without a limit).
 */
export function limitSetForSession(measurements: ReadonlyArray<{ label: string; value: string }>): boolean | null {
  const row = measurements.find((m) => m.label === LOAD_LIMIT_LABEL);
  if (!row || row.value === NO_TEMPLATE_LIMIT) return null;
  return row.value !== LIMIT_NOT_SET && !row.value.startsWith(NOT_IN_FORCE);
}

/**
 * The load limit a chart of the test session draws: `limitW` (the limit the session has or the template sets)
 * when the limit was set on the charger when the session ran, else null with `notSetW` the limit not drawn,
 * and `notSupported` when that is because the charger does not support smart charging ("Site's load limit"
 * not applicable: no limit can ever be set on it, so none is judged). A session running now (`live`) is judged
 * against the limit when "Site's load limit" has passed; a session that ran, by its step's load-limit row (by
 * that step's verdict for a record without the row).
 */
export function sessionChartLimit(view: Pick<CommissioningView, 'steps'>, limitW: number | null, live = false): { limitW: number | null; notSetW: number | null; notSupported: boolean } {
  if (limitW === null) return { limitW: null, notSetW: null, notSupported: false };
  const result = (id: string) => view.steps.find((s) => s.id === id)?.result ?? null;
  const limitVerdict = result(LOAD_LIMIT_STEP)?.verdict;
  const limitPassed = limitVerdict === 'pass';
  const rows = result('C8_SESSION')?.measurements ?? [];
  const set = live ? limitPassed : (limitSetForSession(rows) ?? limitPassed);
  if (set) return { limitW, notSetW: null, notSupported: false };
  const row = live ? undefined : rows.find((m) => m.label === LOAD_LIMIT_LABEL);
  const notSupported = row ? row.value === limitNotInForce('notApplicable') : limitVerdict === 'notApplicable';
  return { limitW: null, notSetW: limitW, notSupported };
}
