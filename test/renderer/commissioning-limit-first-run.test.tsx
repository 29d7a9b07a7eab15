// @vitest-environment jsdom
// The live test-session chart on a commissioning's first run: the session has not been recorded yet (it is
// once its step ends), so the load limit the template sets is drawn and named, as after the session.
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import { SessionChart } from '../../src/renderer/src/features/commissioning/ChecksStep';
import { useBench } from '../../src/renderer/src/stores/bench';
import { stubResizeObserver, withBench, fakeClient } from './fake-client';
import { template, view } from './commissioning-fixtures';

stubResizeObserver();
afterEach(cleanup);

const texts = (root: Element) => [...root.querySelectorAll('text')].map((t) => t.textContent ?? '');

describe('the live test session chart before the session is recorded', () => {
  it("draws and names the template's load limit (16 A on 3 phases: 11.0 kW)", () => {
    const v = view({
      template: { ...template, loadLimit: { limit: 16, unit: 'A', phases: 3 } },
      session: null,
      state: 'running',
      running: { stepId: 'C8_SESSION', step: 'Test session' } as never,
    });
    render(withBench(fakeClient({}), <SessionChart view={v} stale={false} />));
    const now = Date.now();
    act(() =>
      useBench.setState((s) => ({
        meter: { ...s.meter, [`${v.chargerId}/1`]: Array.from({ length: 4 }, (_, i) => ({ t: now + i * 10_000, powerW: 7000, energyWh: 100 + i * 20, transactionId: 5 })) as never },
      })),
    );
    expect(screen.getByText(/The power must stay under the load limit of 11\.0 kW\./)).toBeTruthy();
    const chart = screen.getByRole('figure', { name: 'Test session meter values' });
    expect(texts(chart)).toContain('Load limit 11.0 kW');
  });
});
