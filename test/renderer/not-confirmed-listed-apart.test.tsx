// @vitest-environment jsdom
// A session its charger lost at a reboot (Not confirmed, its connector Available since the boot: not counted)
// is never listed under "Running right now" nor planned a remote stop the charger would refuse: a single-charger
// confirmation and the multi-send's list it apart under its own heading; the Remote stop panel offers only
// Close it in the record (as the connector card does); the test-run start names the sessions it ends and says
// the lost one is left as it is, as the commissioning checks' words do (the run sends it nothing).
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { OperationsPanel } from '../../src/renderer/src/features/operations/OperationsPanel';
import { MultiSendRunning } from '../../src/renderer/src/features/operations/MultiSendRunning';
import { RunningNow } from '../../src/renderer/src/features/test-runs/StartRunForm';
import { endedSessionsWords } from '../../src/renderer/src/features/commissioning/run-words';
import { RunningAtStart } from '../../src/renderer/src/features/commissioning/RunningAtStart';
import { runningTransactions } from '../../src/renderer/src/components/running';
import type { ConnectorView } from '../../src/shared/api/views';
import { fakeClient, withBench } from './fake-client';
import { aCharger, aConnector, aStrayStopEvent, aTransaction, minutesAgo } from './builders';

const bootAt = minutesAgo(5);

/** VCP1, booted 5 minutes ago: session 1 (connector 1, started before the boot) as `connector1` says, session 3 charging on connector 2 since the boot. */
function setUp(connector1: ConnectorView) {
  const charger = aCharger('VCP1', { lastBoot: bootAt, connectors: [aConnector(0), connector1, aConnector(2, { status: 'Charging', updatedAt: minutesAgo(1.5) })] });
  const activeTransactions = {
    1: aTransaction(1, 'VCP1', 1, 'TAGA', { receivedAt: minutesAgo(10) }),
    3: aTransaction(3, 'VCP1', 2, 'TAGC', { startTime: minutesAgo(2), receivedAt: minutesAgo(2) }),
  };
  useBench.setState({ ...initialBenchState, link: 'open', loaded: true, chargers: { VCP1: charger }, activeTransactions, meter: {} });
  return runningTransactions(activeTransactions, {}, 'VCP1', undefined, charger);
}
const lost = () => setUp(aConnector(1, { status: 'Available', updatedAt: minutesAgo(4) }));
afterEach(() => {
  cleanup();
  useBench.setState(initialBenchState);
});

const client = () => fakeClient({ 'chargers:meterValues': () => [], 'transactions:recentMeterValues': () => [], 'chargerEvents:list': () => [], 'operations:list': () => [] });

describe('a single-charger confirmation', () => {
  it('lists the lost session apart, under its own heading, not under "Running right now"', async () => {
    lost();
    const user = userEvent.setup();
    render(withBench(client(), <OperationsPanel chargerId="VCP1" initial="Reset" />));
    await user.click(await screen.findByRole('button', { name: 'Soft reset…' }));
    const dialog = within(await screen.findByRole('dialog'));
    const running = dialog.getByRole('table', { name: 'Running transactions' });
    expect(within(running).queryByText('TAGA')).toBeNull();
    expect(within(running).getByText('TAGC')).toBeTruthy();
    expect(dialog.getByText('Not confirmed by the charger (not counted: most likely lost)')).toBeTruthy();
    const apart = dialog.getByRole('table', { name: 'Not confirmed transactions' });
    expect(within(apart).getByText('TAGA')).toBeTruthy();
    expect(within(apart).getByText(/^Not confirmed: VCP1 has booted since this session started/)).toBeTruthy();
    expect(dialog.getByRole('button', { name: 'Soft reset VCP1 and end 1 transaction' })).toBeTruthy();
  });
});

describe('the multi-send list of a charger', () => {
  it('lists the lost session apart from those running', () => {
    render(<MultiSendRunning tx={lost()} lastKnown={null} now={Date.now()} />);
    const apart = screen.getByRole('group', { name: 'Not confirmed by the charger' });
    expect(apart.textContent).toMatch(/^Not confirmed by the charger \(not counted: most likely lost\):Transaction 1 · connector 1 · TAGA · not confirmed: /);
    expect(apart.textContent).not.toContain('TAGC');
    expect(screen.getByText(/^Transaction 3 · connector 2 · TAGC/)).toBeTruthy();
  });
});

describe('the Remote stop panel', () => {
  // A stray StopTransaction makes the Preparing one not confirmed.
  const stray = aStrayStopEvent('VCP1', 1001, minutesAgo(3), { meterStop: 0 });
  async function askToStop() {
    const c = fakeClient({ 'chargers:meterValues': () => [], 'transactions:recentMeterValues': () => [], 'chargerEvents:list': () => [stray], 'operations:list': () => [] });
    const user = userEvent.setup();
    render(withBench(c, <OperationsPanel chargerId="VCP1" initial="RemoteStopTransaction" />));
    await user.click(screen.getByRole('combobox', { name: /^Transaction/ }));
    await user.click(await screen.findByRole('option', { name: /^1 · connector 1 · TAGA/ }));
    await user.click(screen.getByRole('button', { name: 'Stop transaction…' }));
    return within(await screen.findByRole('dialog'));
  }

  it('offers only Close it in the record for a session lost (Available since the boot)', async () => {
    lost();
    const dialog = await askToStop();
    expect(dialog.getByText('Session #1 is not confirmed by the charger')).toBeTruthy();
    expect(dialog.getByRole('button', { name: 'Close it in the record…' })).toBeTruthy();
    expect(dialog.queryByRole('button', { name: /^Stop transaction 1/ })).toBeNull();
    expect(dialog.getAllByText(/remote stop would most likely be refused/)).toHaveLength(1);
  });

  it('keeps the remote stop, with Close it in the record beside it, for one that may still run (Preparing since the boot)', async () => {
    setUp(aConnector(1, { status: 'Preparing', updatedAt: minutesAgo(4) }));
    const dialog = await askToStop();
    expect(dialog.getByRole('button', { name: 'Stop transaction 1 on connector 1 of VCP1' })).toBeTruthy();
    expect(dialog.getByRole('button', { name: 'Close it in the record…' })).toBeTruthy();
    expect(dialog.queryByText('Session #1 is not confirmed by the charger')).toBeNull();
    expect(dialog.queryByText(/remote stop would most likely be refused/)).toBeNull();
    // Its Not confirmed note is listed with it.
    expect(dialog.getAllByText(/Not confirmed/).length).toBeGreaterThan(0);
  });
});

describe('the test-run start confirmation', () => {
  it('names the session it ends, and says the lost one is left as it is', () => {
    lost();
    render(withBench(client(), <RunningNow chargerId="VCP1" />));
    expect(screen.getByText(/^The run ends this session \(transaction 3 on connector 2\) before its first case/)).toBeTruthy();
    expect(
      screen.getByText(
        'Transaction 1 on connector 1: left as it is: not confirmed by the charger (most likely lost: a remote stop would be refused); close it in the record if it ended. The run sends it no RemoteStopTransaction.',
      ),
    ).toBeTruthy();
  });
});

describe('a session held open but not running, not lost at a reboot (superseded)', () => {
  // Session 2 on connector 2, older than session 3 there: not running; the charger would refuse to stop it, so the runner leaves it as it is.
  const superseded = () => {
    const listed = setUp(aConnector(1, { status: 'Charging', updatedAt: minutesAgo(4) }));
    useBench.setState({ activeTransactions: { ...useBench.getState().activeTransactions, 2: aTransaction(2, 'VCP1', 2, 'TAGB', { startTime: minutesAgo(20), receivedAt: minutesAgo(20) }) } });
    return listed;
  };
  it('the test-run start says the run leaves it as it is, not running, with why, and sends it nothing', () => {
    superseded();
    render(withBench(client(), <RunningNow chargerId="VCP1" />));
    expect(
      screen.getByText(
        /^Transaction 2 on connector 2: left as it is: not running \(a newer session \(transaction 3\) started on connector 2 at .+; a remote stop would be refused\); close it in the record\. The run sends it no RemoteStopTransaction\.$/,
      ),
    ).toBeTruthy();
    expect(screen.queryByText(/RemoteStopTransaction before its first case all the same/)).toBeNull();
    expect(screen.queryByText(/not confirmed by the charger \(most likely lost/)).toBeNull();
  });
  it('the commissioning checks before their first step say so too', () => {
    superseded();
    render(withBench(client(), <RunningAtStart chargerId="VCP1" />));
    expect(screen.getByText(/^Transaction 2 on connector 2 \(idTag TAGB\): left as it is: not running \(a newer session \(transaction 3\) started on connector 2/)).toBeTruthy();
    expect(screen.queryByText(/the bench ends the session the record holds open there \(RemoteStopTransaction\): transaction 2/)).toBeNull();
  });
  it('a confirmation lists it apart, under its own heading, not under "Running right now" nor counted', async () => {
    superseded();
    const user = userEvent.setup();
    render(withBench(client(), <OperationsPanel chargerId="VCP1" initial="Reset" />));
    await user.click(await screen.findByRole('button', { name: 'Soft reset…' }));
    const dialog = within(await screen.findByRole('dialog'));
    const running = dialog.getByRole('table', { name: 'Running transactions' });
    expect(within(running).queryByText('TAGB')).toBeNull();
    expect(within(running).getByText('TAGA')).toBeTruthy();
    expect(within(running).getByText('TAGC')).toBeTruthy();
    expect(dialog.getByText('Held open in the record, not running (not counted)')).toBeTruthy();
    const apart = dialog.getByRole('table', { name: 'Not running transactions' });
    expect(within(apart).getByText('TAGB')).toBeTruthy();
    expect(within(apart).getByText(/^Not running: record says open; a newer session \(transaction 3\) started on connector 2/)).toBeTruthy();
    expect(dialog.getByRole('button', { name: 'Soft reset VCP1 and end 2 transactions' })).toBeTruthy();
  });
});

describe('a session held open whose connector has reported Available since it started, with no reboot', () => {
  // Session 1 on connector 1 started 10 minutes ago; the charger last booted an hour ago; connector 1 said Available 4 minutes ago.
  const available = () => {
    const charger = aCharger('VCP1', { lastBoot: minutesAgo(60), connectors: [aConnector(0), aConnector(1, { status: 'Available', updatedAt: minutesAgo(4) })] });
    const activeTransactions = { 1: aTransaction(1, 'VCP1', 1, 'TAGA', { startTime: minutesAgo(10), receivedAt: minutesAgo(10) }) };
    useBench.setState({ ...initialBenchState, link: 'open', loaded: true, chargers: { VCP1: charger }, activeTransactions, meter: {} });
  };
  it('the test-run start says it is left as it is, not running, not that it was lost', () => {
    available();
    render(withBench(client(), <RunningNow chargerId="VCP1" />));
    expect(
      screen.getByText(
        'Transaction 1 on connector 1: left as it is: not running (connector 1 reports Available since it started; a remote stop would be refused); close it in the record. The run sends it no RemoteStopTransaction.',
      ),
    ).toBeTruthy();
    expect(screen.getByText('Held open in the record, not running (not counted)')).toBeTruthy();
    expect(screen.queryByText('Running right now')).toBeNull();
  });
});

describe('the commissioning checks before their first step', () => {
  it('plan no remote stop for the lost session, and say it is left as it is', () => {
    const words = endedSessionsWords(lost(), 'the first step');
    expect(words).toBe(
      'Before the first step, the bench ends the session the record holds open there (RemoteStopTransaction): transaction 3 on connector 2 (idTag TAGC). Transaction 1 on connector 1 (idTag TAGA): left as it is: not confirmed by the charger (most likely lost: a remote stop would be refused); close it in the record if it ended.',
    );
  });
});
