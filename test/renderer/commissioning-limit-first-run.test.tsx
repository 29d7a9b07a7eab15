// @vitest-environment jsdom
// The live test-session chart on a commissioning's first run: the session has not been recorded yet (it is
// once its step ends), so the load limit the template sets is drawn and named, as after the session, when
// "Site's load limit" has passed (the limit is set on the charger); otherwise it is not drawn, and said why.
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import { SessionChart } from '../../src/renderer/src/features/commissioning/ChecksStep';
import { useBench } from '../../src/renderer/src/stores/bench';
import { stubResizeObserver, withBench, fakeClient } from './fake-client';
import { result, template, view } from './commissioning-fixtures';

stubResizeObserver();
afterEach(cleanup);

const texts = (root: Element) => [...root.querySelectorAll('text')].map((t) => t.textContent ?? '');

function renderRunning(limitStep: 'pass' | 'fail' | null) {
  const v = view({
    template: { ...template, loadLimit: { limit: 16, unit: 'A', phases: 3 } },
    session: null,
    state: 'running',
    running: { stepId: 'C8_SESSION', step: 'Test session' } as never,
    steps: [
      { id: 'C10_LOAD_LIMIT', title: "Site's load limit", section: '10', result: limitStep ? result({ verdict: limitStep }) : null, attempts: limitStep ? 1 : 0 },
      { id: 'C8_SESSION', title: 'Test session', section: '8', result: null, attempts: 0 },
    ],
  });
  render(withBench(fakeClient({}), <SessionChart view={v} stale={false} />));
  const now = Date.now();
  act(() =>
    useBench.setState((s) => ({
      meter: { ...s.meter, [`${v.chargerId}/1`]: Array.from({ length: 4 }, (_, i) => ({ t: now + i * 10_000, powerW: 7000, energyWh: 100 + i * 20, transactionId: 5 })) as never },
    })),
  );
  return texts(screen.getByRole('figure', { name: 'Test session meter values' }));
}

describe('the live test session chart before the session is recorded', () => {
  it("draws and names the template's load limit (16 A on 3 phases: 11.0 kW) once “Site's load limit” passed", () => {
    const chart = renderRunning('pass');
    expect(screen.getByText(/The power must stay under the load limit of 11\.0 kW\./)).toBeTruthy();
    expect(chart).toContain('Load limit 11.0 kW');
  });

  for (const limitStep of [null, 'fail'] as const) {
    it(`draws no limit, and says why, when “Site's load limit” ${limitStep === null ? 'has not run' : 'failed'} (the charger was not given it)`, () => {
      const chart = renderRunning(limitStep);
      expect(chart).not.toContain('Load limit 11.0 kW');
      expect(screen.queryByText(/The power must stay under the load limit/)).toBeNull();
      expect(screen.getByText(/The site's load limit \(11\.0 kW\) is not drawn and the power is not judged against it/)).toBeTruthy();
    });
  }
});
