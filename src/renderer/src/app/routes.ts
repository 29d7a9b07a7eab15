// The bench UI's route table: each screen's path pattern, and a builder for every link to it, so no
// screen spells another's URL by hand. Pure (no screens imported): features import it to link.
export const routes = {
  home: '/',
  connect: '/connect',
  chargers: '/chargers',
  charger: '/chargers/:id',
  log: '/log',
  transactions: '/transactions',
  transaction: '/transactions/:id',
  virtual: '/virtual',
  testRuns: '/test-runs',
  testRun: '/test-runs/:id',
  compareRuns: '/test-runs/compare',
  commissioning: '/commissioning',
  commissioningNew: '/commissioning/new',
  commissioningSite: '/commissioning/sites/:site',
  commissioningOne: '/commissioning/:id',
  settings: '/settings',
} as const;

/** The screens of the commissioning wizard, in order, kept in its URL (?step=…). */
export const wizardSteps = ['site', 'connect', 'plan', 'checks', 'checklist', 'handover', 'report'] as const;
export type WizardStep = (typeof wizardSteps)[number];

/** The sections of a charger's screen, kept in its URL (?tab=…); the overview needs none. */
export type ChargerTab = 'overview' | 'operations' | 'transactions' | 'log' | 'files' | 'behaviour';

/**
 * The message log's filters and its open frame, as its URL keeps them (/log?…, and a charger's log tab):
 * `from`/`to` as ISO times, `frame` the id of the frame open in full. Read back by features/log/logUrl.ts.
 */
export interface LogQuery {
  charger?: string;
  actions?: readonly string[];
  direction?: 'in' | 'out';
  kinds?: readonly string[];
  errorsOnly?: boolean;
  from?: string;
  to?: string;
  search?: string;
  frame?: number;
}

/** The URL parameters the log's query is kept in (and only these: a charger's screen keeps its `tab` beside them). */
export const logParams = ['charger', 'action', 'dir', 'kind', 'errors', 'from', 'to', 'q', 'frame'] as const;

/** `base` (other parameters of the screen) with the log's parameters set to `q`'s, in one order. */
export function withLogQuery(base: URLSearchParams, q: LogQuery): URLSearchParams {
  const next = new URLSearchParams(base);
  for (const k of logParams) next.delete(k);
  if (q.charger) next.set('charger', q.charger);
  for (const a of q.actions ?? []) next.append('action', a);
  if (q.direction) next.set('dir', q.direction);
  for (const k of q.kinds ?? []) next.append('kind', k);
  if (q.errorsOnly) next.set('errors', '1');
  if (q.from) next.set('from', q.from);
  if (q.to) next.set('to', q.to);
  if (q.search) next.set('q', q.search);
  if (q.frame !== undefined) next.set('frame', String(q.frame));
  return next;
}

export const paths = {
  connect: () => routes.connect,
  chargers: () => routes.chargers,
  /** One charger's screen, on one of its tabs (the operations tab on one operation: `op`, e.g. "Reset"). */
  charger: (id: string, tab: ChargerTab = 'overview', op?: string) =>
    `/chargers/${encodeURIComponent(id)}${tab === 'overview' ? '' : `?tab=${tab}${tab === 'operations' && op ? `&op=${encodeURIComponent(op)}` : ''}`}`,
  /** The message log, filtered and on one frame (its id) as `q` says. */
  log: (q: LogQuery = {}) => {
    const search = withLogQuery(new URLSearchParams(), q).toString();
    return `${routes.log}${search ? `?${search}` : ''}`;
  },
  transactions: () => routes.transactions,
  transaction: (id: number) => `/transactions/${id}`,
  virtual: () => routes.virtual,
  /** The Test runs screen, for one charger's runs, or to re-run the failed cases of a run. */
  testRuns: (q: { charger?: string; rerun?: string } = {}) => {
    const search = new URLSearchParams(Object.entries(q).filter((e): e is [string, string] => !!e[1])).toString();
    return `${routes.testRuns}${search ? `?${search}` : ''}`;
  },
  /** One run, live or finished, optionally opened on one case. */
  testRun: (id: string, caseId?: string) => `/test-runs/${encodeURIComponent(id)}${caseId ? `?case=${encodeURIComponent(caseId)}` : ''}`,
  compareRuns: (a: string, b: string) => `${routes.compareRuns}?${new URLSearchParams({ a, b }).toString()}`,
  /** The commissionings and sites. */
  commissioning: () => routes.commissioning,
  /** The wizard for a new commissioning, on one of its first steps. */
  commissioningNew: (step: WizardStep = 'site') => `${routes.commissioningNew}?step=${step}`,
  /** One commissioning in the wizard, on one of its steps. */
  commissioningOne: (id: string, step?: WizardStep) => `/commissioning/${encodeURIComponent(id)}${step ? `?step=${step}` : ''}`,
  commissioningSite: (site: string) => `/commissioning/sites/${encodeURIComponent(site)}`,
  settings: () => routes.settings,
};
