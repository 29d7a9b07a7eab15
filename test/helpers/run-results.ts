// Builders for a conformance run's results as the record keeps them (a step, a case, a run), each with what
// a test does not care about filled in. Shared by the report tests (Node) and the run page's component tests
// (tsconfig.web-test.json includes this file), so it imports nothing but src/shared.
import { defaultTestData, type CaseResult, type RunResult, type RunSummary, type StepResult } from '../../src/shared/api/test-runs';

/** A step of a case: the person at the charger plugged in the cable, passed in 15 s, unless patched. */
export const aStepResult = (patch: Partial<StepResult> = {}): StepResult => ({
  n: 1,
  by: 'operator',
  title: 'Plug the EV cable into connector 1.',
  status: 'passed',
  startedAt: '2026-12-06T16:43:00.000Z',
  ms: 15_000,
  messageIds: [],
  ...patch,
});

/** A case's result as a run keeps it: passed, with nothing recorded, unless patched. */
export function aCaseResult(patch: Partial<CaseResult> = {}): CaseResult {
  return {
    id: 'TC_001_CS',
    title: 'Cold Boot Charge Point',
    profile: 'Core',
    section: '2.1',
    verdict: 'pass',
    reason: null,
    decidingStep: null,
    steps: [],
    observations: [],
    measurements: [],
    decisions: [],
    cleanupProblems: [],
    frames: [],
    startedAt: '2025-01-01T10:00:00.000Z',
    ms: 1000,
    ...patch,
  };
}

/** A finished run of the one case `c` on a real charger (REAL01), two minutes from 16:42 UTC; its summary counts the case's verdict. */
export function aRealChargerRun(c: CaseResult): RunResult {
  const summary: RunSummary = { pass: 0, fail: 0, notApplicable: 0, inconclusive: 0, error: 0, notSupported: 0 };
  summary[c.verdict] += 1;
  return {
    id: 'run-1',
    chargerId: 'REAL01',
    charger: { vendor: 'V', model: 'M', firmware: '1.0', serial: null },
    virtual: false,
    startedAt: '2026-12-06T16:42:00.000Z',
    finishedAt: '2026-12-06T16:44:00.000Z',
    wallStartedAt: '2026-12-06T16:42:00.000Z',
    wallFinishedAt: '2026-12-06T16:44:00.000Z',
    ms: 120_000,
    wallMs: 120_000,
    benchVersion: '0.1.0',
    data: defaultTestData(),
    pics: null,
    planned: [c.id],
    cases: [c],
    summary,
    state: 'finished',
    configAtEnd: { HeartbeatInterval: '60' },
    notYetSupported: [],
  };
}
