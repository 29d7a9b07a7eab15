// @vitest-environment jsdom
// A transaction the record holds open (its StopTransaction never closed it) while its connector reports
// Available since it started is not running: the Reset panel's "running on … now" line does not count it,
// the Remote stop list still offers it (the person may want to stop it) but marked as not running and not
// picked for them, Send to selected… lists it marked and counts only the sessions running, and a
// connector's quick actions offer Start, not Stop, on it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { OperationsPanel } from '../../src/renderer/src/features/operations/OperationsPanel';
import { ConnectorActions } from '../../src/renderer/src/features/operations/QuickActions';
import { fakeClient, withBench } from './fake-client';
import { aConnector, aTransaction, minutesAgo } from './builders';
import { threeOpenSessions } from './running-fixture';
import { reviewReset } from './multi-send-review';

/** CP001 with three sessions the record holds open: on 1 and 2 the connector reported Available since, on 3 it charges. */
function setUp() {
  threeOpenSessions([
    aConnector(1, { status: 'Available', updatedAt: minutesAgo(2) }),
    aConnector(2, { status: 'Available', updatedAt: minutesAgo(1) }),
    aConnector(3, { status: 'Charging', updatedAt: minutesAgo(9) }),
  ]);
}
beforeEach(() => setUp());
afterEach(() => {
  cleanup();
  useBench.setState(initialBenchState);
});

/** Only the session on connector 1 open, its connector reporting Available since. */
const onlyNotRunning = () => act(() => useBench.setState({ activeTransactions: { 41: aTransaction(41, 'CP001', 1, 'TAG-ALICE', { receivedAt: minutesAgo(10) }) } }));

const client = () => fakeClient({ 'chargers:meterValues': () => [], 'transactions:recentMeterValues': () => [] });

describe('panels: a session the record holds open on a connector that reports Available', () => {
  it('the Reset panel counts only the session running', () => {
    render(withBench(client(), <OperationsPanel chargerId="CP001" initial="Reset" />));
    expect(screen.getByTestId('reset-running').textContent).toBe('1 transaction running on CP001 now.');
  });

  it('the Reset panel says nothing is charging when no open one is running', () => {
    onlyNotRunning();
    // Connector 3 no longer charging either (its session's record gone, it would say so: operation-panels-truth).
    act(() =>
      useBench.setState((s) => ({
        chargers: { CP001: { ...s.chargers.CP001!, connectors: s.chargers.CP001!.connectors.map((c) => (c.connectorId === 3 ? { ...c, status: 'Available' as const } : c)) } },
      })),
    );
    render(withBench(client(), <OperationsPanel chargerId="CP001" initial="Reset" />));
    expect(screen.getByTestId('reset-running').textContent).toBe('Nothing is charging on CP001 now.');
  });

  it('the Remote stop list offers it, marked as not running', async () => {
    const user = userEvent.setup();
    render(withBench(client(), <OperationsPanel chargerId="CP001" initial="RemoteStopTransaction" />));
    await user.click(screen.getByRole('combobox', { name: 'Transaction' }));
    const alice = screen.getByRole('option', { name: /^41 · connector 1 · TAG-ALICE/ });
    expect(alice.textContent).toBe('41 · connector 1 · TAG-ALICE · not running: record says open; connector 1 reports Available');
    expect(screen.getByRole('option', { name: /^42 · connector 2 · TAG-BOB/ }).textContent).toContain('not running: record says open; connector 2 reports Available');
    expect(screen.getByRole('option', { name: /^43 · connector 3 · TAG-CAROL/ }).textContent).not.toContain('not running');
  });

  it('Remote stop: the only one listed, not running, is not picked for the person and the charger is said to have nothing running', async () => {
    onlyNotRunning();
    const user = userEvent.setup();
    render(withBench(client(), <OperationsPanel chargerId="CP001" initial="RemoteStopTransaction" />));
    expect(screen.getByText('Nothing is running on this charger')).toBeTruthy();
    expect(screen.getByRole('combobox', { name: 'Transaction' }).textContent).not.toContain('41');
    await user.click(screen.getByRole('combobox', { name: 'Transaction' }));
    await user.click(screen.getByRole('option', { name: /^41 · connector 1 · TAG-ALICE · not running/ }));
    await user.click(screen.getByRole('button', { name: 'Send RemoteStopTransaction anyway…' }));
    const dialog = within(await screen.findByRole('dialog'));
    expect(dialog.getByText(/^The record holds transaction 41 open, but connector 1 reports Available since it started/)).toBeTruthy();
    expect(dialog.queryByText(/Charging for TAG-ALICE stops/)).toBeNull();
  });

  it('Send to selected…: a reset review lists it marked and counts only the session running', async () => {
    useBench.setState((s) => ({ chargers: { CP001: { ...s.chargers.CP001!, connected: true } } }));
    const table = await reviewReset(client(), ['CP001']);
    expect(table.textContent).toContain('Transaction 41 · connector 1 · TAG-ALICE · not running: record says open; connector 1 reports Available');
    expect(table.textContent).toContain('Transaction 43 · connector 3 · TAG-CAROL');
    expect(screen.getByRole('button', { name: /end 1 transaction\b/ })).toBeTruthy();
  });

  it("a connector's quick actions offer Start, not Stop, on it", () => {
    render(withBench(client(), <ConnectorActions chargerId="CP001" connectorId={1} />));
    expect(screen.getByRole('button', { name: 'Start session…' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Stop session…' })).toBeNull();
  });
});
