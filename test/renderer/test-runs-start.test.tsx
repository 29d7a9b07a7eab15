// @vitest-environment jsdom
// Starting a test run: the cases chosen, the test data changed, a refusal shown on the field at fault, a
// real charger (or one with a session running) asked about first, and what the charger has declared or
// corrected.
import { describe, expect, it } from 'vitest';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CallFailure } from '../../src/renderer/src/api/client';
import { useBench } from '../../src/renderer/src/stores/bench';
import { fakeClient, withBench } from './fake-client';
import { aTransaction } from './builders';
import { cases, chooseCharger, run, screens, twoChargersEachTest } from './test-runs-fixtures';

twoChargersEachTest();

describe('starting a run', () => {
  it('runs the cases picked by id on a virtual charger at once, with the changed test data only, and opens the run', async () => {
    const user = userEvent.setup();
    const client = fakeClient({ 'tests:cases': () => cases, 'tests:list': () => [], 'tests:start': () => ({ runId: 'run-9' }), 'tests:get': () => run({ id: 'run-9', state: 'running', cases: [] }) });
    render(withBench(client, screens, '/test-runs'));
    await chooseCharger(user, 'VCP1');
    expect(screen.getByRole('combobox', { name: 'Charger' }).textContent).toMatch(/^VCP1/);
    expect(within(screen.getByRole('combobox', { name: 'Charger' })).getByRole('img', { name: /^Virtual charger/ })).toBeTruthy();
    // What the run will do is said before it starts.
    const said = screen.getByLabelText('What will happen');
    expect(said.textContent).toMatch(/started and stopped/);
    expect(said.textContent).toMatch(/reset and rebooted/);
    expect(said.textContent).toMatch(/configuration is changed, and put back/);
    expect(said.textContent).toMatch(/done for you/);

    await user.click(screen.getByRole('radio', { name: 'Chosen by id' }));
    await user.type(screen.getByRole('textbox', { name: 'Search cases' }), 'TC_0');
    const list = screen.getByRole('group', { name: 'Cases to run' });
    await user.click(within(list).getByRole('checkbox', { name: /TC_003_CS/ }));
    await user.click(within(list).getByRole('checkbox', { name: /TC_017_1_CS/ }));
    await user.clear(screen.getByRole('textbox', { name: 'Search cases' }));
    await user.type(screen.getByRole('textbox', { name: 'Search cases' }), 'reservation');
    expect(within(list).getAllByRole('checkbox')).toHaveLength(1);

    await user.click(screen.getByText('Test data'));
    const idTag = screen.getByRole('textbox', { name: 'Valid idTag' });
    expect((idTag as HTMLInputElement).value).toBe('OCTT-VALID');
    await user.clear(idTag);
    await user.type(idTag, 'MY-CARD');
    await user.click(screen.getByRole('switch', { name: 'Card reader' }));

    await user.click(screen.getByRole('button', { name: 'Start 2 cases on VCP1' }));
    await waitFor(() => expect(screen.getByTestId('where').textContent).toBe('/test-runs/run-9'));
    expect(client.callsOf('tests:start')).toEqual([{ chargerId: 'VCP1', cases: ['TC_003_CS', 'TC_017_1_CS'], data: { validIdTag: 'MY-CARD' }, declared: { reader: false } }]);
  });

  it('shows a refusal on the field at fault: test data (400), a run already running (409)', async () => {
    const user = userEvent.setup();
    const refusals = [
      new CallFailure({ status: 400, message: 'Test data: connectorId: VCP1 has no connector 3', field: 'data.connectorId' }),
      new CallFailure({ status: 409, message: 'A test run is already running on VCP1: stop it first', field: 'chargerId' }),
    ];
    const client = fakeClient({
      'tests:cases': () => cases,
      'tests:list': () => [],
      'tests:start': () => {
        throw refusals.shift()!;
      },
    });
    render(withBench(client, screens, '/test-runs?charger=VCP1'));
    await screen.findByText(/All cases \(4\)/);
    await user.click(screen.getByText('Test data'));
    const connector = screen.getByRole('textbox', { name: 'Connector' });
    await user.clear(connector);
    await user.type(connector, '3');
    await user.click(screen.getByRole('button', { name: 'Start 4 cases on VCP1' }));
    await waitFor(() => expect(connector.getAttribute('aria-invalid')).toBe('true'));
    expect(client.callsOf('tests:start')[0]).toMatchObject({ chargerId: 'VCP1', data: { connectorId: 3 } });
    expect(connector.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(connector.getAttribute('aria-describedby')!)!.textContent).toMatch(/has no connector 3/);

    await user.click(screen.getByRole('button', { name: 'Start 4 cases on VCP1' }));
    const chargerField = screen.getByRole('combobox', { name: 'Charger' });
    await waitFor(() => expect(chargerField.getAttribute('aria-invalid')).toBe('true'));
    // Said by the Start button, where it was clicked (and on the field at fault).
    expect(screen.getByRole('alert', { name: 'The run did not start' }).textContent).toContain('A test run is already running on VCP1: stop it first');
    expect(connector.getAttribute('aria-invalid')).toBe('false');
    expect(screen.getByTestId('where').textContent).toBe('/test-runs?charger=VCP1');
  });

  it('asks before starting on a real charger, naming what will happen; Cancel starts nothing', async () => {
    const user = userEvent.setup();
    const client = fakeClient({ 'tests:cases': () => cases, 'tests:list': () => [], 'tests:start': () => ({ runId: 'run-2' }), 'tests:get': () => run({ id: 'run-2', state: 'running' }) });
    render(withBench(client, screens, '/test-runs?charger=CP001'));
    await screen.findByText(/All cases \(4\)/);
    await user.click(screen.getByRole('radio', { name: 'One feature profile' }));
    expect(screen.getByLabelText('What will happen').textContent).toMatch(/Someone must stay at the charger/);
    await user.click(screen.getByRole('button', { name: 'Start 3 cases on CP001…' }));
    const dialog = screen.getByRole('dialog', { name: 'Run 3 conformance cases on CP001?' });
    expect(dialog.textContent).toMatch(/real charger \(Acme Wall 22\)/);
    expect(dialog.textContent).toMatch(/reset and rebooted/);
    expect(dialog.textContent).toMatch(/300 s for each request/);
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(client.callsOf('tests:start')).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Start 3 cases on CP001…' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Start the run on CP001' }));
    await waitFor(() => expect(screen.getByTestId('where').textContent).toBe('/test-runs/run-2'));
    expect(client.callsOf('tests:start')).toEqual([{ chargerId: 'CP001', profile: 'Core' }]);
  });
});

describe('what the charger has', () => {
  it('declares back-up power and corrects the feature profiles the charger reports; a virtual charger starts from its own fixed cable and back-up power', async () => {
    const user = userEvent.setup();
    const client = fakeClient({
      'tests:cases': () => cases,
      'tests:list': () => [],
      'tests:start': () => ({ runId: 'run-3' }),
      'tests:get': () => run({ id: 'run-3', state: 'running' }),
      'chargers:operate': () => ({ outcome: 'completed', response: { configurationKey: [{ key: 'SupportedFeatureProfiles', readonly: true, value: 'Core,Reservation,SmartCharging' }] } }),
      'virtualChargers:get': () => ({ definition: { fixedCable: true, backupPower: true } }) as never,
    });
    render(withBench(client, screens, '/test-runs?charger=CP001'));
    await screen.findByText(/All cases \(4\)/);
    await user.click(screen.getByRole('switch', { name: /Back-up power/ }));
    await user.click(screen.getByRole('radio', { name: 'Confirm or correct them' }));
    expect(await screen.findByText('CP001 reports: Core, Reservation, SmartCharging. The run takes the profiles checked here.')).toBeTruthy();
    expect(client.callsOf('chargers:operate')).toEqual([{ chargerId: 'CP001', action: 'GetConfiguration', payload: { key: ['SupportedFeatureProfiles'] } }]);
    const profiles = within(screen.getByRole('group', { name: 'Profiles the charger supports' }));
    expect((profiles.getByRole('checkbox', { name: 'Core' }) as HTMLInputElement).disabled).toBe(true);
    await user.click(profiles.getByRole('checkbox', { name: 'Reservation' }));
    await user.click(profiles.getByRole('checkbox', { name: 'RemoteTrigger' }));
    // What differs from the report says so.
    expect(profiles.getByRole('checkbox', { name: 'Reservation (reported)' })).toBeTruthy();
    expect(profiles.getByRole('checkbox', { name: 'RemoteTrigger (not reported)' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Start 4 cases on CP001…' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Start the run on CP001' }));
    await waitFor(() => expect(client.callsOf('tests:start')).toHaveLength(1));
    expect(client.callsOf('tests:start')[0]!.declared).toEqual({ backupPower: true, profiles: ['Core', 'SmartCharging', 'RemoteTrigger'] });

    cleanup();
    render(withBench(client, screens, '/test-runs?charger=VCP1'));
    await waitFor(() => expect((screen.getByRole('switch', { name: 'Fixed cable (no socket)' }) as HTMLInputElement).checked).toBe(true));
    expect((screen.getByRole('switch', { name: /Back-up power/ }) as HTMLInputElement).checked).toBe(true);
    expect((screen.getByRole('radio', { name: 'As the charger reports them' }) as HTMLInputElement).checked).toBe(true);
    // A real charger picked next starts from a socket and no back-up power, not from the virtual one's.
    await chooseCharger(user, 'CP001');
    await waitFor(() => expect((screen.getByRole('switch', { name: 'Fixed cable (no socket)' }) as HTMLInputElement).checked).toBe(false));
    expect((screen.getByRole('switch', { name: /Back-up power/ }) as HTMLInputElement).checked).toBe(false);
  });
});

describe('what runs, before a run on a real charger', () => {
  it('names the sessions running on it in the confirmation, from the same source as every other confirmation', async () => {
    const user = userEvent.setup();
    act(() =>
      useBench.setState({
        activeTransactions: { 41: aTransaction(41, 'CP001', 2, 'TAG-ALICE') },
        meter: { 'CP001/2': [{ t: Date.now() - 5000, energyWh: 3400, transactionId: 41 }] },
      }),
    );
    const client = fakeClient({ 'tests:cases': () => cases, 'tests:list': () => [], 'chargers:meterValues': () => [] });
    render(withBench(client, screens, '/test-runs?charger=CP001'));
    await screen.findByText(/All cases \(4\)/);
    await user.click(screen.getByRole('button', { name: 'Start 4 cases on CP001…' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Run 4 conformance cases on CP001?' }));
    const running = within(dialog.getByRole('table', { name: 'Running transactions' }));
    expect(running.getByText('41')).toBeTruthy();
    expect(running.getByText('TAG-ALICE')).toBeTruthy();
    expect(dialog.getByText(/The run ends this session \(transaction \d+ on connector \d+\) before its first case/)).toBeTruthy();
    expect(dialog.queryByText(/Make sure no vehicle is charging/)).toBeNull();
    await user.click(dialog.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    // Nothing running: it says so, in the same words' shape.
    act(() => useBench.setState({ activeTransactions: {} }));
    await user.click(screen.getByRole('button', { name: 'Start 4 cases on CP001…' }));
    expect(within(screen.getByRole('dialog')).getByText('Nothing is charging on CP001 right now.')).toBeTruthy();
  });

  it('asks first on a virtual charger too when a session runs on it, naming the session the run ends', async () => {
    const user = userEvent.setup();
    act(() => useBench.setState({ activeTransactions: { 52: aTransaction(52, 'VCP1', 1, 'USER-CAR') }, meter: {} }));
    const client = fakeClient({ 'tests:cases': () => cases, 'tests:list': () => [], 'tests:start': () => ({ runId: 'run-9' }), 'chargers:meterValues': () => [] });
    render(withBench(client, screens, '/test-runs?charger=VCP1'));
    await screen.findByText(/All cases \(4\)/);
    await user.click(screen.getByRole('button', { name: 'Start 4 cases on VCP1…' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Run 4 conformance cases on VCP1?' }));
    expect(dialog.getByText(/is a built-in virtual charger/)).toBeTruthy();
    expect(within(dialog.getByRole('table', { name: 'Running transactions' })).getByText('USER-CAR')).toBeTruthy();
    expect(dialog.queryByText(/Someone at the charger is asked/)).toBeNull();
    await user.click(dialog.getByRole('button', { name: 'Cancel' }));
    expect(client.callsOf('tests:start')).toEqual([]);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    act(() => useBench.setState({ activeTransactions: {} }));
    // Nothing on it: a virtual charger starts at once.
    await user.click(await screen.findByRole('button', { name: 'Start 4 cases on VCP1' }));
    await waitFor(() => expect(client.callsOf('tests:start')).toHaveLength(1));
  });
});
