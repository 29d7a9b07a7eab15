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

export const paths = {
  connect: () => routes.connect,
  chargers: () => routes.chargers,
  /** One charger's screen, on one of its tabs (the operations tab on one operation: `op`, e.g. "Reset"). */
  charger: (id: string, tab: ChargerTab = 'overview', op?: string) =>
    `/chargers/${encodeURIComponent(id)}${tab === 'overview' ? '' : `?tab=${tab}${tab === 'operations' && op ? `&op=${encodeURIComponent(op)}` : ''}`}`,
  log: () => routes.log,
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
