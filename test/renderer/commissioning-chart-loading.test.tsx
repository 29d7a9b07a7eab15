// @vitest-environment jsdom
// The test session chart opened mid-session while the readings the bench recorded before the page opened
// are still being read: it says they are loading (a progress bar where the chart will be), never
// "Waiting for the first meter values…", and draws them once they come.
import { describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import { useBench } from '../../src/renderer/src/stores/bench';
import type { MeterChartProps } from '../../src/renderer/src/components/MeterChart';
import type { MeterValueView } from '../../src/shared/api/views';
import { fakeClient } from './fake-client';
import { aTransaction, meterRows } from './builders';
import { open, view, freshCommissioningScreens } from './commissioning-fixtures';

// The chart as drawn is not read back here: what it is given to draw is.
vi.mock('../../src/renderer/src/components/MeterChart', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  MeterChart: (p: MeterChartProps) => <div role="figure" aria-label={p.title} data-powers={JSON.stringify(p.samples.map((s) => s.powerW ?? null))} data-empty={p.emptyText} />,
}));

freshCommissioningScreens();

const base = Date.now();
/** `min` minutes before the test began, on a whole second. */
const at = (min: number) => new Date(Math.floor(base / 1000) * 1000 - min * 60_000).toISOString();

/** The running session: transaction 41, the test card's, on connector 1, started 5 minutes ago. */
const running = () => aTransaction(41, 'CP001', 1, view().template.testIdTag, { startTime: at(5) });
const midSession = () => view({ state: 'running', running: { stepId: 'C8_SESSION', step: 'Step 4: Charger sends meter values' } });
const recorded: MeterValueView[] = [...meterRows('CP001', 1, at(4), 1000, 7000, 41), ...meterRows('CP001', 1, at(3), 1100, 7000, 41)].reverse();

const PATIENCE = 10_000;
const wait = { timeout: PATIENCE };
const chart = () => screen.getByRole('figure', { name: 'Test session meter values' });

describe('the test session chart while the recorded readings are read', () => {
  it('says they are loading, not "Waiting for the first meter values…", then draws them', async () => {
    let answer!: (v: MeterValueView[]) => void;
    const pending = new Promise<MeterValueView[]>((resolve) => (answer = resolve));
    useBench.setState({ activeTransactions: { 41: running() } });
    const client = fakeClient({
      'commissioning:get': () => midSession(),
      'chargers:meterValues': (q) => (q.connectorId === 1 ? pending : []),
      'transactions:list': () => [],
    });
    open(client, '/commissioning/c1?step=checks');
    await screen.findByRole('heading', { name: /Test session.*\(live\)/ }, wait);
    await waitFor(() => expect(client.callsOf('chargers:meterValues')).toHaveLength(1), wait);
    expect(chart().textContent).toBe('Loading the session’s readings…');
    expect(within(chart()).getByRole('progressbar')).toBeTruthy();
    expect(chart().getAttribute('data-empty')).toBeNull();

    await act(async () => answer(recorded));
    await waitFor(() => expect(chart().getAttribute('data-powers')).toBe('[7000,7000]'), wait);
    expect(screen.queryByRole('progressbar')).toBeNull();
  });
});
