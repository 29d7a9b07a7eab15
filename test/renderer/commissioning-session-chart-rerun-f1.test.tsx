// @vitest-environment jsdom
// The test session run again: while its step runs, the commissioning still holds the last run's session (it is
// replaced when the step ends), so "Test session (live)" shows the charger's readings of this session, never
// the last run's curve; the recorded session is shown while the step runs only when it is the live one's.
import { describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor } from '@testing-library/react';
import { useBench } from '../../src/renderer/src/stores/bench';
import type { MeterChartProps } from '../../src/renderer/src/components/MeterChart';
import { fakeClient } from './fake-client';
import { aTransaction } from './builders';
import { open, view, result, freshCommissioningScreens } from './commissioning-fixtures';

vi.mock('../../src/renderer/src/components/MeterChart', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  MeterChart: (p: MeterChartProps) => <div role="figure" aria-label={p.title} data-powers={JSON.stringify(p.samples.map((s) => s.powerW ?? null))} />,
}));

freshCommissioningScreens();

/** The last run's session (transaction 7): five readings at 3 kW. */
const lastSession = (transactionId: number) => ({
  samples: [0, 1, 2, 3, 4].map((i) => ({ ts: `2025-01-01T10:0${i}:00.000Z`, energyWh: 100 + i, powerW: 3000 })),
  limitW: null,
  transactionId,
});
const lastResult = result({ id: 'C8_SESSION', title: 'Test session', section: '8', verdict: 'pass', startedAt: '2025-01-01T10:00:00.000Z' });

const runningAgain = (transactionId: number) =>
  view({
    state: 'running',
    running: { stepId: 'C8_SESSION', step: 'Step 4: Charger sends meter values' },
    lastRun: { outcome: 'running', startedAt: '2025-01-01T11:00:00.000Z', finishedAt: null, steps: ['C8_SESSION'], stoppedIn: null },
    session: lastSession(transactionId),
    steps: view().steps.map((s) => (s.id === 'C8_SESSION' ? { ...s, result: lastResult, attempts: 1 } : s)),
  });

const powers = () => JSON.parse(screen.getByRole('figure', { name: 'Test session meter values' }).getAttribute('data-powers')!) as Array<number | null>;

async function showLive(v: ReturnType<typeof view>) {
  open(fakeClient({ 'commissioning:get': () => v }), '/commissioning/c1?step=checks');
  await screen.findByRole('figure', { name: 'Test session meter values' });
  // The readings come while the session runs: after the page took the session step's start (a loaded machine
  // may render the page again later, taking it anew), so they are dated a minute ahead.
  const now = Date.now() + 60_000;
  act(() =>
    useBench.setState({
      activeTransactions: { 41: aTransaction(41, 'CP001', 1, view().template.testIdTag) },
      meter: { 'CP001/1': [0, 1].map((i) => ({ t: now + i * 1000, powerW: 7000, energyWh: 200 + i, transactionId: 41 })) },
    }),
  );
}

describe('the test session chart while the session step runs again (f1)', () => {
  it('shows the live readings, not the last run’s recorded session', async () => {
    await showLive(runningAgain(7));
    expect(screen.getByRole('heading', { name: /Test session.*\(live\)/ })).toBeTruthy();
    await waitFor(() => expect(powers()).toEqual([7000, 7000]));
  });

  it('shows the recorded session when it is the live transaction’s', async () => {
    await showLive(runningAgain(41));
    await waitFor(() => expect(powers()).toEqual([3000, 3000, 3000, 3000, 3000]));
  });
});
