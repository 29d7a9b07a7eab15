// @vitest-environment jsdom
// The test session's chart on a charger without smart charging (“Site's load limit” not applicable): no limit
// can be set on it, so none is drawn or judged, and the words say so, not "run “Site's load limit” first",
// which cannot be done; while the session runs and once it is recorded. A step that has not run, or failed,
// keeps the words that say to run it first.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { SessionChart } from '../../src/renderer/src/features/commissioning/ChecksStep';
import { stubResizeObserver, withBench, fakeClient } from './fake-client';
import { result, template, view } from './commissioning-fixtures';
import { LOAD_LIMIT_LABEL, limitNotInForce } from '../../src/shared/api/session-limit';

stubResizeObserver();
afterEach(cleanup);

const NOT_SUPPORTED = /the charger does not support smart charging \(“Site's load limit” was not applicable\), so no limit can be set on it or judged\./;
const RUN_FIRST = /run “Site's load limit” first, then the test session/;

function renderChart(limitStep: 'notApplicable' | 'fail' | null, running: boolean) {
  const limitW = 11040;
  const sessionResult = running
    ? null
    : result({
        id: 'C8_SESSION',
        title: 'Test session',
        section: '8',
        verdict: 'pass',
        measurements: [{ label: LOAD_LIMIT_LABEL, value: limitStep ? limitNotInForce(limitStep) : 'not measured: x', ok: null, wanted: `at most ${limitW}` }],
      });
  const v = view({
    template: { ...template, loadLimit: { limit: 16, unit: 'A', phases: 3 } },
    session: running ? null : { samples: [{ ts: '2025-01-01T10:00:00.000Z', energyWh: 100, powerW: 7000 }], limitW, transactionId: 5 },
    state: running ? 'running' : 'finished',
    running: running ? ({ stepId: 'C8_SESSION', step: 'Test session' } as never) : null,
    steps: [
      { id: 'C10_LOAD_LIMIT', title: "Site's load limit", section: '10', result: limitStep ? result({ verdict: limitStep }) : null, attempts: limitStep ? 1 : 0 },
      { id: 'C8_SESSION', title: 'Test session', section: '8', result: sessionResult, attempts: running ? 0 : 1 },
    ],
  } as never);
  render(withBench(fakeClient({}), <SessionChart view={v} stale={false} />));
}

describe('the test session chart on a charger without smart charging (f1)', () => {
  for (const running of [true, false]) {
    it(`says no limit can be set on it or judged (${running ? 'while the session runs' : 'once recorded'})`, () => {
      renderChart('notApplicable', running);
      expect(screen.getByText(NOT_SUPPORTED)).toBeTruthy();
      expect(screen.queryByText(RUN_FIRST)).toBeNull();
    });
  }

  for (const limitStep of [null, 'fail'] as const) {
    it(`keeps “run it first” when “Site's load limit” ${limitStep === null ? 'has not run' : 'failed'}`, () => {
      renderChart(limitStep, true);
      expect(screen.getByText(RUN_FIRST)).toBeTruthy();
      expect(screen.queryByText(NOT_SUPPORTED)).toBeNull();
    });
  }
});

describe("the test session planned, before it runs, once “Site's load limit” has a result", () => {
  function renderPlanned(limitStep: 'notApplicable' | 'fail' | 'pass' | null) {
    const v = view({
      template: { ...template, loadLimit: { limit: 16, unit: 'A', phases: 3 } },
      session: null,
      state: 'finished',
      running: null,
      steps: [
        { id: 'C10_LOAD_LIMIT', title: "Site's load limit", section: '10', result: limitStep ? result({ verdict: limitStep }) : null, attempts: limitStep ? 1 : 0 },
        { id: 'C8_SESSION', title: 'Test session', section: '8', result: null, attempts: 0 },
      ],
    } as never);
    render(withBench(fakeClient({}), <SessionChart view={v} stale={false} />));
  }
  const JUDGED = /The power must stay under the load limit of 11\.0 kW\./;

  it('promises no judgement against the limit when the step was not applicable or failed', () => {
    renderPlanned('notApplicable');
    expect(screen.queryByText(JUDGED)).toBeNull();
    expect(screen.getByText(NOT_SUPPORTED)).toBeTruthy();
    cleanup();
    renderPlanned('fail');
    expect(screen.queryByText(JUDGED)).toBeNull();
    expect(screen.getByText(RUN_FIRST)).toBeTruthy();
  });

  it('plans the judgement when the step passed, or has not run (the plan sets the limit first)', () => {
    renderPlanned('pass');
    expect(screen.getByText(JUDGED)).toBeTruthy();
    cleanup();
    renderPlanned(null);
    expect(screen.getByText(JUDGED)).toBeTruthy();
  });
});
