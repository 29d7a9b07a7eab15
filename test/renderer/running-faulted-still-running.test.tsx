// @vitest-environment jsdom
// A session whose connector reports Faulted or Unavailable after it started is still running (a fault, e.g. an
// RCD trip, can leave the transaction open until the cable is out): the start-run confirmation does not mark it
// "Not running", counts it among the sessions the run ends and still warns about it. A connector that reports
// Available after the start still marks its session not running.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { TestRunsScreen } from '../../src/renderer/src/features/test-runs/TestRunsScreen';
import { OperationsPanel } from '../../src/renderer/src/features/operations/OperationsPanel';
import { connectorSaysNoSession } from '../../src/renderer/src/components/running';
import { fakeClient, routed, withBench } from './fake-client';
import { aConnector, minutesAgo } from './builders';
import { acmeBoot, runningCases, threeOpenSessions } from './running-fixture';

/** CP001 with three sessions the record holds open: since they started, connector 1 reported Faulted, 2 Unavailable, 3 Available. */
function setUp() {
  threeOpenSessions(
    [
      aConnector(1, { status: 'Faulted', updatedAt: minutesAgo(2) }),
      aConnector(2, { status: 'Unavailable', updatedAt: minutesAgo(1) }),
      aConnector(3, { status: 'Available', updatedAt: minutesAgo(1) }),
    ],
    acmeBoot,
  );
}
beforeEach(() => setUp());
afterEach(() => {
  cleanup();
  useBench.setState(initialBenchState);
});

const client = () => fakeClient({ 'tests:cases': () => runningCases, 'tests:list': () => [], 'chargers:meterValues': () => [], 'transactions:recentMeterValues': () => [] });

describe('a session whose connector reports Faulted or Unavailable after it started', () => {
  it('is not contradicted by its connector; Available still is', () => {
    const start = { connectorId: 1, receivedAt: minutesAgo(10) };
    expect(connectorSaysNoSession(start, [aConnector(1, { status: 'Faulted', updatedAt: minutesAgo(2) })])).toBeNull();
    expect(connectorSaysNoSession(start, [aConnector(1, { status: 'Unavailable', updatedAt: minutesAgo(2) })])).toBeNull();
    expect(connectorSaysNoSession(start, [aConnector(1, { status: 'Available', updatedAt: minutesAgo(2) })])).toBe('Available');
  });

  it('start-run confirmation: still running, counted among the sessions the run ends', async () => {
    const user = userEvent.setup();
    render(withBench(client(), routed({ '/test-runs': <TestRunsScreen /> }, true), '/test-runs?charger=CP001'));
    await screen.findByText(/All cases \(2\)/);
    await user.click(screen.getByRole('button', { name: 'Start 2 cases on CP001…' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Run 2 conformance cases on CP001?' }));
    const table = dialog.getByRole('table', { name: 'Running transactions' });
    expect(within(table).getByText('TAG-ALICE')).toBeTruthy();
    expect(within(table).getByText('TAG-BOB')).toBeTruthy();
    expect(within(table).queryByText(/connector 1 reports/)).toBeNull();
    expect(within(table).queryByText(/connector 2 reports/)).toBeNull();
    // Connector 3's is listed apart, not among what runs.
    expect(within(table).queryByText(/connector 3 reports/)).toBeNull();
    const apart = dialog.getByRole('table', { name: 'Not running transactions' });
    expect(within(apart).getByText('Not running: record says open; connector 3 reports Available')).toBeTruthy();
    expect(dialog.getByText(/The run ends these 2 sessions/)).toBeTruthy();
  });

  it('the reset confirmation warns that both end', async () => {
    const user = userEvent.setup();
    render(withBench(client(), <OperationsPanel chargerId="CP001" initial="Reset" />));
    await user.click(await screen.findByRole('button', { name: 'Soft reset…' }));
    const dialog = within(await screen.findByRole('dialog'));
    expect(dialog.queryByText(/connector 1 reports Faulted/)).toBeNull();
    expect(dialog.queryByText(/connector 2 reports Unavailable/)).toBeNull();
    expect(dialog.getByText('Not running: record says open; connector 3 reports Available')).toBeTruthy();
    expect(dialog.getByText(/^2 running transactions end \(StopTransaction reason SoftReset\)/)).toBeTruthy();
  });
});
