// @vitest-environment jsdom
// A session the record holds open while its connector reports Available since it started is not running,
// and the panels that count or warn about running sessions leave it out: the firmware update's
// confirmation asks the charger to wait only for the sessions running, the unlock panel names a session
// only on a connector where one runs, a TxProfile is offered only for a session running on its connector,
// and the start of a run warns only of the sessions running (a virtual charger with none running starts
// at once, its button promising no confirmation).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { OperationsPanel } from '../../src/renderer/src/features/operations/OperationsPanel';
import { TestRunsScreen } from '../../src/renderer/src/features/test-runs/TestRunsScreen';
import { fakeClient, routed, withBench, type FakeClient } from './fake-client';
import { aConnector, aTransaction, completed, minutesAgo } from './builders';
import { acmeBoot, runningCases, threeOpenSessions } from './running-fixture';

/** CP001 with three sessions the record holds open: on 1 and 2 the connector reported Available since, on 3 it charges. */
beforeEach(() =>
  threeOpenSessions(
    [
      aConnector(1, { status: 'Available', updatedAt: minutesAgo(2) }),
      aConnector(2, { status: 'Available', updatedAt: minutesAgo(1) }),
      aConnector(3, { status: 'Charging', updatedAt: minutesAgo(9) }),
    ],
    acmeBoot,
  ),
);
afterEach(() => {
  cleanup();
  useBench.setState(initialBenchState);
});

/** Only the session on connector 1 open, its connector reporting Available since: nothing runs. */
const onlyNotRunning = () => act(() => useBench.setState({ activeTransactions: { 41: aTransaction(41, 'CP001', 1, 'TAG-ALICE', { receivedAt: minutesAgo(10) }) } }));

/** CP001 made a built-in virtual charger. */
const makeVirtual = () => act(() => useBench.setState((s) => ({ chargers: { CP001: { ...s.chargers.CP001!, virtual: true } } })));

const client = (handlers: FakeClient['handlers'] = {}) =>
  fakeClient({
    'chargers:meterValues': () => [],
    'transactions:recentMeterValues': () => [],
    'operations:list': () => [],
    'chargerEvents:list': () => [],
    'files:hosted': () => [],
    'chargers:operate': () => completed({ status: 'Accepted' }),
    'tests:cases': () => runningCases,
    'tests:list': () => [],
    ...handlers,
  });

describe('Update firmware: the confirmation asks the charger to wait only for the sessions running', () => {
  async function openConfirmation() {
    const user = userEvent.setup();
    render(withBench(client(), <OperationsPanel chargerId="CP001" initial="UpdateFirmware" />));
    await user.type(screen.getByRole('textbox', { name: /Firmware location/ }), 'http://10.0.0.2/fw-2.2.0.bin');
    await user.click(screen.getByRole('button', { name: 'Update firmware…' }));
    return within(await screen.findByRole('dialog'));
  }

  it('counts the one session running, not the two whose connector reports Available', async () => {
    const dialog = await openConfirmation();
    expect(dialog.getByText(/installs it and restarts; nothing charges while it installs\./).textContent).toMatch(/ The charger should wait for the 1 running transaction to end before installing\.$/);
  });

  it('says nothing of waiting when no open session is running', async () => {
    onlyNotRunning();
    const dialog = await openConfirmation();
    expect(dialog.getByText(/installs it and restarts; nothing charges while it installs\./).textContent).toMatch(/nothing charges while it installs\.$/);
    expect(dialog.queryByText(/should wait/)).toBeNull();
  });
});

describe('Unlock connector: a session is named only on a connector where one runs', () => {
  it('names the session on connector 3, none on the connectors that report Available', async () => {
    const user = userEvent.setup();
    render(withBench(client(), <OperationsPanel chargerId="CP001" initial="UnlockConnector" />));
    expect(screen.getByRole('radio', { name: 'Connector 1 · Available' })).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'Connector 2 · Available' })).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'Connector 3 · Charging · session of TAG-CAROL' })).toBeTruthy();
    expect(screen.queryByText(/session of TAG-ALICE|session of TAG-BOB/)).toBeNull();
    // The confirmation for connector 1 warns of no session stopping there.
    await user.click(screen.getByRole('radio', { name: 'Connector 1 · Available' }));
    await user.click(screen.getByRole('button', { name: 'Unlock connector 1…' }));
    const dialog = within(await screen.findByRole('dialog'));
    expect(dialog.getByText(/^The cable lock of connector 1 is released/)).toBeTruthy();
    expect(dialog.queryByText(/A running session on connector 1/)).toBeNull();
  });

  it('names no session when no open one is running', () => {
    onlyNotRunning();
    render(withBench(client(), <OperationsPanel chargerId="CP001" initial="UnlockConnector" />));
    expect(screen.getByRole('radio', { name: 'Connector 1 · Available' })).toBeTruthy();
    expect(screen.queryByText(/session of/)).toBeNull();
  });
});

describe('Set charging profile: a TxProfile is offered only for a session running on its connector', () => {
  async function txProfileOn(user: ReturnType<typeof userEvent.setup>, connector: number) {
    await user.click(screen.getByRole('combobox', { name: 'Connector' }));
    await user.click(screen.getByRole('option', { name: new RegExp(`^Connector ${connector}\\b`) }));
  }

  it('says no transaction runs on connector 1, names the one on connector 3, and explains a refusal on 1 by the missing transaction', async () => {
    const user = userEvent.setup();
    render(withBench(client({ 'chargers:operate': () => completed({ status: 'Rejected' }) }), <OperationsPanel chargerId="CP001" initial="SetChargingProfile" />));
    await user.click(screen.getByRole('combobox', { name: 'Purpose' }));
    await user.click(screen.getByRole('option', { name: 'TxProfile' }));
    await txProfileOn(user, 3);
    expect(screen.getByText('For transaction 43 (TAG-CAROL), running here')).toBeTruthy();
    await txProfileOn(user, 1);
    expect(screen.getByText('No transaction runs on connector 1: the charger should reject a TxProfile here')).toBeTruthy();
    expect(screen.queryByText(/For transaction 41/)).toBeNull();
    await user.click(screen.getByRole('button', { name: /^Install profile 1 on connector 1/ }));
    const outcome = (await screen.findByText('SetChargingProfile: Rejected')).closest('[role="status"]') as HTMLElement;
    expect(outcome.textContent).toMatch(/No transaction was running on connector 1 when it was sent, and a TxProfile needs one\./);
  });

  it('says no transaction runs when the only open one is not running', async () => {
    onlyNotRunning();
    const user = userEvent.setup();
    render(withBench(client(), <OperationsPanel chargerId="CP001" initial="SetChargingProfile" />));
    await user.click(screen.getByRole('combobox', { name: 'Purpose' }));
    await user.click(screen.getByRole('option', { name: 'TxProfile' }));
    await txProfileOn(user, 1);
    expect(screen.getByText('No transaction runs on connector 1: the charger should reject a TxProfile here')).toBeTruthy();
  });
});

describe('Start a run: only the sessions running are warned of', () => {
  function renderForm(c: FakeClient) {
    render(withBench(c, routed({ '/test-runs': <TestRunsScreen /> }, true), '/test-runs?charger=CP001'));
    return screen.findByText(/All cases \(2\)/);
  }

  it('a real charger: the confirmation says the run ends the one session running', async () => {
    const user = userEvent.setup();
    await renderForm(client());
    await user.click(screen.getByRole('button', { name: 'Start 2 cases on CP001…' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Run 2 conformance cases on CP001?' }));
    expect(dialog.getByText(/^The run ends this session \(transaction \d+ on connector \d+\) before its first case/)).toBeTruthy();
  });

  it('a real charger with only a session not running: the confirmation warns of no session to end', async () => {
    onlyNotRunning();
    const user = userEvent.setup();
    await renderForm(client());
    await user.click(screen.getByRole('button', { name: 'Start 2 cases on CP001…' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Run 2 conformance cases on CP001?' }));
    expect(dialog.queryByText(/The run ends/)).toBeNull();
  });

  it('a virtual charger with only a session not running asks first, naming it as left as it is, ending none', async () => {
    onlyNotRunning();
    makeVirtual();
    const user = userEvent.setup();
    const c = client({ 'tests:start': () => ({ runId: 'run-9' }) });
    await renderForm(c);
    await user.click(screen.getByRole('button', { name: 'Start 2 cases on CP001…' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Run 2 conformance cases on CP001?' }));
    expect(dialog.getByText(/left as it is: not running/)).toBeTruthy();
    expect(dialog.queryByText(/The run ends/)).toBeNull();
    expect(c.callsOf('tests:start')).toHaveLength(0);
  });

  it('a virtual charger with a session running asks first, naming it', async () => {
    makeVirtual();
    const user = userEvent.setup();
    const c = client({ 'tests:start': () => ({ runId: 'run-9' }) });
    await renderForm(c);
    await user.click(screen.getByRole('button', { name: 'Start 2 cases on CP001…' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Run 2 conformance cases on CP001?' }));
    expect(dialog.getByText(/^The run ends this session \(transaction \d+ on connector \d+\) before its first case/)).toBeTruthy();
    expect(c.callsOf('tests:start')).toHaveLength(0);
  });
});
