// @vitest-environment jsdom
// A transaction the record holds open (its StopTransaction came with a wrong transactionId, so the record
// never closed it) while its connector reports Available after it started is not running: the start-run
// confirmation and the operation confirmations list it apart (not under what runs), marked "record says open; connector N reports
// Available", and neither count it among the sessions they end nor warn about it. A status that came
// before the session started says nothing about it. The list scrolls within its dialog rather than overflow it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { TestRunsScreen } from '../../src/renderer/src/features/test-runs/TestRunsScreen';
import { OperationsPanel } from '../../src/renderer/src/features/operations/OperationsPanel';
import { fakeClient, routed, withBench } from './fake-client';
import { aConnector, aTransaction, minutesAgo } from './builders';
import { acmeBoot, runningCases, threeOpenSessions } from './running-fixture';

/** CP001 with three sessions the record holds open: on 1 and 2 the connector reported Available since (a stop the record missed), on 3 it charges. */
function setUp(connector1 = aConnector(1, { status: 'Available', updatedAt: minutesAgo(2) })) {
  threeOpenSessions([connector1, aConnector(2, { status: 'Available', updatedAt: minutesAgo(1) }), aConnector(3, { status: 'Charging', updatedAt: minutesAgo(9) })], acmeBoot);
}
beforeEach(() => setUp());
afterEach(() => {
  cleanup();
  useBench.setState(initialBenchState);
});

const client = () => fakeClient({ 'tests:cases': () => runningCases, 'tests:list': () => [], 'chargers:meterValues': () => [], 'transactions:recentMeterValues': () => [] });

async function openStartConfirmation() {
  const user = userEvent.setup();
  render(withBench(client(), routed({ '/test-runs': <TestRunsScreen /> }, true), '/test-runs?charger=CP001'));
  await screen.findByText(/All cases \(2\)/);
  await user.click(screen.getByRole('button', { name: 'Start 2 cases on CP001…' }));
  return within(screen.getByRole('dialog', { name: 'Run 2 conformance cases on CP001?' }));
}

describe('a session the record holds open on a connector that reports Available', () => {
  it('start-run confirmation: listed, marked with what the connector reports, not counted among the sessions the run ends', async () => {
    const dialog = await openStartConfirmation();
    const table = dialog.getByRole('table', { name: 'Running transactions' });
    expect(within(table).getByText('TAG-CAROL')).toBeTruthy();
    expect(within(table).queryByText('TAG-ALICE')).toBeNull();
    expect(within(table).queryByText(/reports Available/)).toBeNull();
    // Listed apart, under their own heading, never under Running right now.
    expect(dialog.getByText('Held open in the record, not running (not counted)')).toBeTruthy();
    const apart = dialog.getByRole('table', { name: 'Not running transactions' });
    expect(within(apart).getByText('TAG-ALICE')).toBeTruthy();
    expect(within(apart).getByText('Not running: record says open; connector 1 reports Available')).toBeTruthy();
    expect(within(apart).getByText('Not running: record says open; connector 2 reports Available')).toBeTruthy();
    expect(within(apart).queryByText(/connector 3 reports/)).toBeNull();
    expect(dialog.getByText(/The run ends this session \(transaction \d+ on connector \d+\) before its first case/)).toBeTruthy();
    expect(dialog.queryByText(/these 3 sessions/)).toBeNull();
    // The table scrolls sideways within the dialog rather than overflow it.
    expect(getComputedStyle(table.parentElement!).overflowX).toBe('auto');
  });

  it('start-run confirmation: with every open one on an Available connector, no session is said to be ended', async () => {
    act(() => useBench.setState({ activeTransactions: { 41: aTransaction(41, 'CP001', 1, 'TAG-ALICE', { receivedAt: minutesAgo(10) }) } }));
    const dialog = await openStartConfirmation();
    expect(dialog.getByText('Not running: record says open; connector 1 reports Available')).toBeTruthy();
    expect(dialog.queryByText(/The run ends/)).toBeNull();
  });

  it('a connector status from before the session started does not mark it', async () => {
    setUp(aConnector(1, { status: 'Available', updatedAt: minutesAgo(20) }));
    const dialog = await openStartConfirmation();
    expect(dialog.queryByText('Not running: record says open; connector 1 reports Available')).toBeNull();
    expect(dialog.getByText(/The run ends these 2 sessions/)).toBeTruthy();
  });

  it('the reset confirmation marks it too and counts only the session running', async () => {
    const user = userEvent.setup();
    render(withBench(client(), <OperationsPanel chargerId="CP001" initial="Reset" />));
    await user.click(await screen.findByRole('button', { name: 'Soft reset…' }));
    const dialog = within(await screen.findByRole('dialog'));
    expect(dialog.getByText('Not running: record says open; connector 1 reports Available')).toBeTruthy();
    expect(dialog.getByRole('table', { name: 'Running transactions' }).textContent).toContain('TAG-CAROL');
    expect(dialog.getByText(/^1 running transaction ends \(StopTransaction reason SoftReset\)/)).toBeTruthy();
  });
});
