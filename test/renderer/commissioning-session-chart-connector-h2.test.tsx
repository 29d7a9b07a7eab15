// @vitest-environment jsdom
// The checks step's live chart of the test session shows the readings of the session's connector only: the
// charger's other connectors (another session there, a meter reporting on its own) are not the session's.
import { describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor } from '@testing-library/react';
import { useBench } from '../../src/renderer/src/stores/bench';
import type { MeterChartProps } from '../../src/renderer/src/components/MeterChart';
import { fakeClient } from './fake-client';
import { aTransaction } from './builders';
import { open, view, result, freshCommissioningScreens } from './commissioning-fixtures';

// The chart as drawn is not read back here: what it is given to draw is.
vi.mock('../../src/renderer/src/components/MeterChart', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  MeterChart: (p: MeterChartProps) => <div role="figure" aria-label={p.title} data-powers={JSON.stringify(p.samples.map((s) => s.powerW ?? null))} />,
}));

freshCommissioningScreens();

const sessionRunning = (patch: Parameters<typeof view>[0] = {}) =>
  view({
    state: 'running',
    running: { stepId: 'C8_SESSION', step: 'Step 4: Charger sends meter values' },
    lastRun: { outcome: 'running', startedAt: '2025-01-01T11:00:00.000Z', finishedAt: null, steps: ['C8_SESSION'], stoppedIn: null },
    ...patch,
  });

/** Readings now on connector 1 (7 kW) and on connector 2 (22 kW, another session). */
function readingsOnBoth() {
  const now = Date.now();
  const at = (i: number) => now + i * 1000;
  act(() =>
    useBench.setState({
      meter: {
        'CP001/1': [0, 1, 2].map((i) => ({ t: at(i), powerW: 7000, energyWh: 100 + i, transactionId: 41 })),
        'CP001/2': [0, 1, 2, 3].map((i) => ({ t: at(i), powerW: 22000, energyWh: 900 + i, transactionId: 40 })),
      },
    }),
  );
}

const powersNow = () => JSON.parse(screen.getByRole('figure', { name: 'Test session meter values' }).getAttribute('data-powers')!) as Array<number | null>;
/**
 * What the chart is given once it follows the store: its subscriptions start in its effects, which a loaded
 * machine may run after the chart was found (they then read the store as it is).
 */
const expectPowers = (wanted: Array<number | null>) => waitFor(() => expect(powersNow()).toEqual(wanted));

describe('the live test session chart', () => {
  it('shows the readings of the connector its transaction (the test card’s) runs on', async () => {
    open(fakeClient({ 'commissioning:get': () => sessionRunning() }), '/commissioning/c1?step=checks');
    await screen.findByRole('figure', { name: 'Test session meter values' });
    act(() =>
      useBench.setState({
        activeTransactions: {
          40: aTransaction(40, 'CP001', 2, view().template.testIdTag),
          41: aTransaction(41, 'CP001', 1, 'SOMEONE-ELSE'),
        },
      }),
    );
    readingsOnBoth();
    await expectPowers([22000, 22000, 22000, 22000]);
  });

  it('shows the readings of the connector an earlier run of the step recorded, until its transaction is known', async () => {
    const earlier = result({
      id: 'C8_SESSION',
      title: 'Test session',
      section: '8',
      verdict: 'pass',
      measurements: [
        { label: 'Test session on connector', value: '2', ok: null },
        { label: 'Connector 1', value: 'not tested in a session', ok: null, wanted: 'the test session ran on connector 2' },
      ],
    });
    const steps = view().steps.map((s) => (s.id === 'C8_SESSION' ? { ...s, result: earlier, attempts: 1 } : s));
    open(fakeClient({ 'commissioning:get': () => sessionRunning({ steps }) }), '/commissioning/c1?step=checks');
    await screen.findByRole('figure', { name: 'Test session meter values' });
    readingsOnBoth();
    await expectPowers([22000, 22000, 22000, 22000]);
  });

  it('before its transaction is known, shows the readings of the connector the bench runs it on (1), not another’s', async () => {
    open(fakeClient({ 'commissioning:get': () => sessionRunning() }), '/commissioning/c1?step=checks');
    await screen.findByRole('figure', { name: 'Test session meter values' });
    act(() => useBench.setState({ activeTransactions: { 40: aTransaction(40, 'CP001', 2, 'SOMEONE-ELSE') } }));
    readingsOnBoth();
    await expectPowers([7000, 7000, 7000]);
  });
});
