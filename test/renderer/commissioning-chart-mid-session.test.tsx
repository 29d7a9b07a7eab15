// @vitest-environment jsdom
// The checks step opened (or reloaded) while the test session runs, minutes into it: the chart shows the
// session's readings so far, those the bench recorded before the page opened joined with those arriving
// live (each once), not "Waiting for the first meter values…" until the next one; never a reading of the
// last run's session, nor one of the connector from before the session started.
import { describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor } from '@testing-library/react';
import { useBench } from '../../src/renderer/src/stores/bench';
import type { MeterChartProps } from '../../src/renderer/src/components/MeterChart';
import type { MeterValueView, TransactionView } from '../../src/shared/api/views';
import { fakeClient } from './fake-client';
import { aTransaction, meterRows } from './builders';
import { open, view, result, freshCommissioningScreens } from './commissioning-fixtures';

// The chart as drawn is not read back here: what it is given to draw is.
vi.mock('../../src/renderer/src/components/MeterChart', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  MeterChart: (p: MeterChartProps) => <div role="figure" aria-label={p.title} data-powers={JSON.stringify(p.samples.map((s) => s.powerW ?? null))} />,
}));

freshCommissioningScreens();

const base = Date.now();
/** `min` minutes before the test began, on a whole second. */
const at = (min: number) => new Date(Math.floor(base / 1000) * 1000 - min * 60_000).toISOString();

/** The running session: transaction 41, the test card's, on connector 1, started 5 minutes ago. */
const running = () => aTransaction(41, 'CP001', 1, view().template.testIdTag, { startTime: at(5) });

/** The step runs again: the commissioning still holds the last run's session (transaction 7) until it ends. */
const midSession = () =>
  view({
    state: 'running',
    running: { stepId: 'C8_SESSION', step: 'Step 4: Charger sends meter values' },
    lastRun: { outcome: 'running', startedAt: at(8), finishedAt: null, steps: ['C8_SESSION'], stoppedIn: null },
    session: { samples: [0, 1, 2].map((i) => ({ ts: at(30 - i), energyWh: 100 + i, powerW: 3000 })), limitW: null, transactionId: 7 },
    steps: view().steps.map((s) => (s.id === 'C8_SESSION' ? { ...s, result: result({ id: 'C8_SESSION', title: 'Test session', section: '8', verdict: 'pass', startedAt: at(31) }), attempts: 1 } : s)),
  });

/** What the bench recorded of connector 1: the last run's session, a reading before this one began, and this session's so far. */
const recorded: MeterValueView[] = [
  ...meterRows('CP001', 1, at(30), 100, 3000, 7),
  ...meterRows('CP001', 1, at(29), 101, 3000, 7),
  ...meterRows('CP001', 1, at(6), 150, 1000, null),
  ...meterRows('CP001', 1, at(4), 1000, 7000, 41),
  ...meterRows('CP001', 1, at(3), 1100, 7000, 41),
  // A charger that leaves transactionId out of MeterValues: after the session's start, on its connector.
  ...meterRows('CP001', 1, at(2), 1200, 7100, null),
].reverse();

/** How long the page and its fetches are waited for (not a timed assertion: a loaded machine is slow). */
const PATIENCE = 10_000;
const wait = { timeout: PATIENCE };

const powers = () => JSON.parse(screen.getByRole('figure', { name: 'Test session meter values' }).getAttribute('data-powers')!) as Array<number | null>;

async function openMidSession(meterValues: () => MeterValueView[] | Promise<MeterValueView[]> = () => recorded, sessions: TransactionView[] = []) {
  // As after a reload: the bench's snapshot has the running session (none once it has stopped).
  useBench.setState({ activeTransactions: sessions.length ? {} : { 41: running() } });
  const client = fakeClient({
    'commissioning:get': () => midSession(),
    'chargers:meterValues': (q) => (q.connectorId === 1 ? meterValues() : []),
    'transactions:list': () => sessions,
  });
  open(client, '/commissioning/c1?step=checks');
  // The page's first render may take a while on a loaded machine: waited for generously.
  await screen.findByRole('heading', { name: /Test session.*\(live\)/ }, { timeout: PATIENCE });
  return client;
}

describe('the test session chart opened mid-session', () => {
  it('shows the session’s readings so far, then the live ones after them, each once', async () => {
    const client = await openMidSession();
    await waitFor(() => expect(powers()).toEqual([7000, 7000, 7100]), wait);
    expect(client.callsOf('chargers:meterValues')[0]).toMatchObject({ chargerId: 'CP001', connectorId: 1 });
    // The next reading arrives, with the last recorded one again (the store has it too): each is shown once.
    act(() =>
      useBench.setState({
        meter: {
          'CP001/1': [
            { t: Date.parse(at(2)), powerW: 7100, energyWh: 1200, transactionId: null },
            { t: Date.parse(at(1)), powerW: 7200, energyWh: 1300, transactionId: 41 },
          ],
        },
      }),
    );
    await waitFor(() => expect(powers()).toEqual([7000, 7000, 7100, 7200]), wait);
  });

  it('keeps showing them after the session’s StopTransaction, while the step waits for the cable out', async () => {
    await openMidSession();
    await waitFor(() => expect(powers()).toEqual([7000, 7000, 7100]), wait);
    act(() => useBench.setState({ activeTransactions: {} }));
    expect(powers()).toEqual([7000, 7000, 7100]);
  });

  it('says so when the readings before the page opened cannot be read, and shows the live ones', async () => {
    await openMidSession(() => Promise.reject(new Error('the record is busy')));
    expect(await screen.findByText(/readings from before this page opened could not be read \(the record is busy\)/, {}, wait)).toBeTruthy();
    act(() => useBench.setState({ meter: { 'CP001/1': [{ t: Date.parse(at(1)), powerW: 7200, energyWh: 1300, transactionId: 41 }] } }));
    await waitFor(() => expect(powers()).toEqual([7200]), wait);
  });

  it('opened after the session’s StopTransaction, while the step waits for the cable out, shows them from the record', async () => {
    // The record, newest first: this run's session (received after the run began), stopped; the last run's.
    const stopped = { ...running(), active: false, stopTime: at(1.5), meterStop: 1250, receivedAt: at(5) };
    const last = aTransaction(7, 'CP001', 1, view().template.testIdTag, { startTime: at(30), stopTime: at(25), active: false, receivedAt: at(30) });
    // A reading naming no transaction after the session stopped (a meter of the connector's own) is not the session's.
    await openMidSession(() => [...meterRows('CP001', 1, at(1), 1250, 50, null), ...recorded], [stopped, last]);
    await waitFor(() => expect(powers()).toEqual([7000, 7000, 7100]), wait);
  });

  it('never takes the last run’s session for this one', async () => {
    const last = aTransaction(7, 'CP001', 1, view().template.testIdTag, { startTime: at(30), stopTime: at(25), active: false, receivedAt: at(30) });
    const client = await openMidSession(() => recorded, [last]);
    await waitFor(() => expect(client.callsOf('transactions:list')).toHaveLength(1), wait);
    expect(powers()).toEqual([]);
    expect(client.callsOf('chargers:meterValues')).toEqual([]);
  });
});
