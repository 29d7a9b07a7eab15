// @vitest-environment jsdom
// The Test runs screens: starting a run (the cases chosen, a refusal shown on the field at fault, a real
// charger asked about first), the live view (current step, frames as they pass, verdicts as they land,
// Stop asked first), the operator's request as a dialog answered with Done, a finished run's failure
// explained next to its frames with the reports to download, and two runs compared.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CallFailure } from '../../src/renderer/src/api/client';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { TestRunsScreen } from '../../src/renderer/src/features/test-runs/TestRunsScreen';
import { RunScreen } from '../../src/renderer/src/features/test-runs/RunScreen';
import { CompareScreen } from '../../src/renderer/src/features/test-runs/CompareScreen';
import { OperatorPrompts } from '../../src/renderer/src/features/test-runs/OperatorPrompts';
import type { CaseInfo, CaseResult, OperatorPrompt, RunListItem, RunResult } from '../../src/shared/api/test-runs';
import type { BenchEvent, ChargerView } from '../../src/shared/api/views';
import { fakeClient, routed, withBench, aCharger } from './fake-client';
import { aCaseResult, aRunResult, aTransaction } from './builders';

const charger = (id: string, virtual: boolean): ChargerView =>
  aCharger(id, { virtual, boot: { chargePointVendor: virtual ? 'ChargeBench' : 'Acme', chargePointModel: virtual ? 'Virtual AC' : 'Wall 22' } as ChargerView['boot'] });

const cases: CaseInfo[] = [
  { id: 'TC_001_CS', title: 'Cold Boot Charge Point', profile: 'Core', section: '2.1.1', decisions: [], notSupported: null },
  { id: 'TC_003_CS', title: 'Regular Charging Session - Plugin First', profile: 'Core', section: '2.2.1', decisions: [], notSupported: null },
  { id: 'TC_017_1_CS', title: 'Unlock Connector - With Charging Session', profile: 'Core', section: '2.7.1', decisions: [], notSupported: null },
  { id: 'TC_046_CS', title: 'Reservation of a Connector - Local start transaction', profile: 'Reservation', section: '2.20.1', decisions: [], notSupported: null },
];

const summary = (patch: Partial<RunResult['summary']> = {}): RunResult['summary'] => ({ pass: 0, fail: 0, notApplicable: 0, inconclusive: 0, error: 0, notSupported: 0, ...patch });

const passed = (id: string, title: string): CaseResult =>
  aCaseResult({
    id,
    title,
    section: '2.2.1',
    steps: [{ n: 1, by: 'charger', title: 'Charger sends StatusNotification (status Preparing)', status: 'passed', startedAt: '2025-01-01T10:00:00.000Z', ms: 120, messageIds: ['m1'] }],
    ms: 1500,
  });

const failed: CaseResult = {
  id: 'TC_017_1_CS',
  title: 'Unlock Connector - With Charging Session',
  profile: 'Core',
  section: '2.7.1',
  verdict: 'fail',
  reason: 'Charger sends StopTransaction (reason UnlockCommand): reason UnlockCommand (got Local)',
  decidingStep: 2,
  steps: [
    { n: 1, by: 'tool', title: 'Bench sends UnlockConnector (connector 1)', status: 'passed', startedAt: '2025-01-01T10:01:00.000Z', ms: 30, messageIds: ['u-1'] },
    {
      n: 2,
      by: 'charger',
      title: 'Charger sends StopTransaction (reason UnlockCommand)',
      status: 'failed',
      startedAt: '2025-01-01T10:01:00.030Z',
      ms: 400,
      expected: 'StopTransaction with reason UnlockCommand',
      actual: 'StopTransaction with reason Local',
      messageIds: ['stop-7'],
    },
  ],
  measurements: [],
  observations: [{ at: '2025-01-01T10:01:00.200Z', text: 'Heartbeat (any time, declared policy)', messageId: 'hb-1' }],
  decisions: ['StopTransaction and StatusNotification Finishing may come in either order.'],
  cleanupProblems: [],
  frames: [
    { ts: '2025-01-01T10:01:00.000Z', direction: 'out', kind: 'CALL', messageId: 'u-1', action: 'UnlockConnector', raw: '[2,"u-1","UnlockConnector",{"connectorId":1}]', error: null },
    { ts: '2025-01-01T10:01:00.020Z', direction: 'in', kind: 'CALLRESULT', messageId: 'u-1', action: 'UnlockConnector', raw: '[3,"u-1",{"status":"Unlocked"}]', error: null },
    {
      ts: '2025-01-01T10:01:00.300Z',
      direction: 'in',
      kind: 'CALL',
      messageId: 'stop-7',
      action: 'StopTransaction',
      raw: '[2,"stop-7","StopTransaction",{"transactionId":5,"meterStop":1200,"timestamp":"2025-01-01T10:01:00Z","reason":"Local"}]',
      error: null,
    },
  ],
  startedAt: '2025-01-01T10:01:00.000Z',
  ms: 430,
};

const run = (patch: Partial<RunResult> = {}): RunResult =>
  aRunResult({
    finishedAt: '2025-01-01T10:00:03.000Z',
    planned: ['TC_003_CS', 'TC_017_1_CS'],
    cases: [passed('TC_003_CS', 'Regular Charging Session - Plugin First'), failed],
    summary: summary({ pass: 1, fail: 1 }),
    ...patch,
  });

const listItem = (r: RunResult): RunListItem => ({ id: r.id, chargerId: r.chargerId, startedAt: r.startedAt, finishedAt: r.finishedAt, state: r.state, summary: r.summary });

const ts = '2025-01-01T10:00:00Z';

beforeEach(() => {
  useBench.setState({ ...initialBenchState, link: 'open', loaded: true, chargers: { VCP1: charger('VCP1', true), CP001: charger('CP001', false) } });
});

afterEach(() => {
  cleanup();
  useBench.setState(initialBenchState);
});

const screens = routed({ '/test-runs': <TestRunsScreen />, '/test-runs/compare': <CompareScreen />, '/test-runs/:id': <RunScreen /> }, true);

async function chooseCharger(user: ReturnType<typeof userEvent.setup>, id: string) {
  await user.click(screen.getByRole('combobox', { name: 'Charger' }));
  await user.click(await screen.findByRole('option', { name: new RegExp(`^${id}\\b`) }));
}

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
    expect(dialog.getByText(/The run ends this session before its first case/)).toBeTruthy();
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

describe('a run, live', () => {
  it('shows the current step and the frames as they pass, the verdicts as they land, and stops only when confirmed', async () => {
    const user = userEvent.setup();
    const running = run({ state: 'running', cases: [], summary: summary(), finishedAt: null });
    const client = fakeClient({ 'tests:cases': () => cases, 'tests:get': () => running, 'tests:stop': () => null });
    render(withBench(client, screens, '/test-runs/run-1'));
    const list = await screen.findByRole('list', { name: 'Cases of the run' });
    expect(within(list).getByRole('button', { name: 'TC_003_CS: running' })).toBeTruthy();
    expect(within(list).getByRole('button', { name: 'TC_017_1_CS: waiting' })).toBeTruthy();

    const changed = (step: string | null, caseId = 'TC_003_CS', state: RunResult['state'] = 'running', s = summary()): BenchEvent => ({
      type: 'testRunChanged',
      run: { ...listItem(running), state, summary: s, caseId, step },
      ts,
    });
    act(() =>
      client.emit([
        changed('Step 1: Operator plugs the cable into connector 1'),
        {
          type: 'frameLogged',
          message: {
            ts,
            chargerId: 'VCP1',
            direction: 'in',
            kind: 'CALL',
            messageId: 'sn-1',
            action: 'StatusNotification',
            raw: '[2,"sn-1","StatusNotification",{"status":"Preparing"}]',
            error: null,
          },
        },
        { type: 'frameLogged', message: { ts, chargerId: 'OTHER', direction: 'in', kind: 'CALL', messageId: 'x', action: 'Heartbeat', raw: '[2,"x","Heartbeat",{}]', error: null } },
      ]),
    );
    expect(screen.getByLabelText('Current step').textContent).toBe('Step 1: Operator plugs the cable into connector 1');
    const frames = screen.getByRole('table', { name: 'Frames of TC_003_CS so far' });
    expect(within(frames).getAllByRole('row')).toHaveLength(2);
    expect(frames.textContent).toContain('StatusNotification');
    expect(frames.textContent).toContain('"status":"Preparing"');

    act(() =>
      client.emit([
        { type: 'testCaseFinished', runId: 'run-1', result: passed('TC_003_CS', 'Regular Charging Session - Plugin First'), ts },
        changed('Step 1: Bench sends UnlockConnector (connector 1)', 'TC_017_1_CS', 'running', summary({ pass: 1 })),
      ]),
    );
    expect(within(list).getByRole('button', { name: 'TC_003_CS: pass' })).toBeTruthy();
    expect(within(list).getByRole('button', { name: 'TC_017_1_CS: running' })).toBeTruthy();
    expect(screen.getByText('1 of 2 cases done')).toBeTruthy();
    expect(screen.getByText('No frame yet in this case.')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Stop run…' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Stop the run on VCP1?' })).getByRole('button', { name: 'Keep running' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(client.callsOf('tests:stop')).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Stop run…' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Stop the run' }));
    await waitFor(() => expect(client.callsOf('tests:stop')).toEqual([{ runId: 'run-1' }]));
    // Until the run has put the charger back, it says so, and Stop is not offered again.
    const stopping = await screen.findByRole('button', { name: 'Stopping: putting the charger back…' });
    expect((stopping as HTMLButtonElement).disabled).toBe(true);
  });

  it("stops the whole run from the operator's request, asked once more (the request covers the run's own Stop)", async () => {
    const user = userEvent.setup();
    const prompt: OperatorPrompt = { caseId: 'TC_003_CS', step: 1, action: { kind: 'plug', connectorId: 1 }, text: 'Plug the EV cable into connector 1, then press Done.', timeoutS: 300 };
    const real = run({ id: 'run-6', chargerId: 'CP001', virtual: false, state: 'running', cases: [], finishedAt: null });
    const client = fakeClient({ 'tests:list': () => [listItem(real)], 'tests:prompt': () => prompt, 'tests:answer': () => null, 'tests:stop': () => null });
    render(withBench(client, <OperatorPrompts />));
    const dialog = within(await screen.findByRole('dialog', { name: /Action needed at CP001/ }));
    await user.click(dialog.getByRole('button', { name: 'Stop the run…' }));
    const ask = within(dialog.getByRole('alertdialog', { name: 'Stop the run?' }));
    expect(ask.getByText(/the case in progress ends \(inconclusive\)/)).toBeTruthy();
    await user.click(ask.getByRole('button', { name: 'Keep running' }));
    expect(dialog.queryByRole('alertdialog')).toBeNull();
    expect(client.callsOf('tests:stop')).toEqual([]);
    await user.click(dialog.getByRole('button', { name: 'Stop the run…' }));
    await user.click(within(dialog.getByRole('alertdialog')).getByRole('button', { name: 'Stop the run' }));
    await waitFor(() => expect(client.callsOf('tests:stop')).toEqual([{ runId: 'run-6' }]));
    expect(client.callsOf('tests:answer')).toEqual([]);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it("puts the operator's request in a large dialog with the connector, idTag and a countdown, and sends the answer", async () => {
    const user = userEvent.setup();
    const prompt: OperatorPrompt = {
      caseId: 'TC_003_CS',
      step: 2,
      action: { kind: 'presentIdTag', connectorId: 2, idTag: 'OCTT-VALID' },
      text: 'Present idTag OCTT-VALID at connector 2, then press Done.',
      timeoutS: 300,
    };
    const real = run({ id: 'run-5', chargerId: 'CP001', virtual: false, state: 'running', cases: [], finishedAt: null });
    const client = fakeClient({ 'tests:list': () => [listItem(real)], 'tests:prompt': () => null, 'tests:answer': () => null });
    render(withBench(client, <OperatorPrompts />));
    await waitFor(() => expect(client.callsOf('tests:prompt')).toEqual([{ runId: 'run-5' }]));
    expect(screen.queryByRole('dialog')).toBeNull();

    act(() => client.emit([{ type: 'testPrompt', runId: 'run-5', prompt, ts }]));
    const dialog = screen.getByRole('dialog', { name: /Action needed at CP001/ });
    expect(within(dialog).getByText(prompt.text)).toBeTruthy();
    expect(within(dialog).getByLabelText('Connector').textContent).toBe('2');
    expect(within(dialog).getByLabelText('idTag').textContent).toBe('OCTT-VALID');
    expect(within(dialog).getByRole('timer').textContent).toMatch(/^5:00 left|^4:5\d left/);
    expect(within(dialog).getByText('Test case TC_003_CS, step 2')).toBeTruthy();

    await user.keyboard('{Escape}');
    expect(screen.getByRole('dialog')).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(client.callsOf('tests:answer')).toEqual([{ runId: 'run-5', answer: 'done' }]);
  });

  it('after the link to the bench was lost, shows what the run asks now, and nothing can be answered meanwhile', async () => {
    const asked: OperatorPrompt = { caseId: 'TC_003_CS', step: 2, action: { kind: 'plug', connectorId: 1 }, text: 'Plug in at connector 1, then press Done.', timeoutS: 300 };
    const later: OperatorPrompt = { caseId: 'TC_003_CS', step: 4, action: { kind: 'unplug', connectorId: 1 }, text: 'Unplug at connector 1, then press Done.', timeoutS: 300 };
    let waitsOn: OperatorPrompt | null = asked;
    const real = run({ id: 'run-7', chargerId: 'CP001', virtual: false, state: 'running', cases: [], finishedAt: null });
    const client = fakeClient({ 'tests:list': () => [listItem(real)], 'tests:prompt': () => waitsOn, 'tests:answer': () => null });
    render(withBench(client, <OperatorPrompts />));
    const dialog = await screen.findByRole('dialog', { name: /Action needed at CP001/ });
    act(() => useBench.setState({ link: 'closed' }));
    expect(within(dialog).getByText(/The link to the bench is lost/)).toBeTruthy();
    expect((within(dialog).getByRole('button', { name: 'Done' }) as HTMLButtonElement).disabled).toBe(true);
    // Meanwhile the first request was answered at the charger and the run asks the next (the events are missed).
    waitsOn = later;
    act(() => useBench.setState({ link: 'open' }));
    // What became of the first is said first (in its place, so no click aimed at it lands on the next).
    const closed = await screen.findByRole('dialog', { name: /^A request was closed while the link was lost/ });
    expect(within(closed).getByText(/^TC_003_CS step 2 \(Plug in at connector 1\) was closed while the link to the bench was lost, without an answer from this window/)).toBeTruthy();
    expect(screen.queryByText(later.text)).toBeNull();
    await userEvent.setup().click(within(closed).getByRole('button', { name: 'Understood: show what is asked now' }));
    expect(await screen.findByText(later.text)).toBeTruthy();
    expect(screen.queryByText(asked.text)).toBeNull();
    // A new request in the same place: its buttons work after a moment.
    await waitFor(() => expect((screen.getByRole('button', { name: 'Done' }) as HTMLButtonElement).disabled).toBe(false), { timeout: 3000 });
  });

  it('opened mid-run, shows the request the run already waits on; a countdown runs down', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['Date', 'setInterval', 'clearInterval'] });
    try {
      const prompt: OperatorPrompt = { caseId: 'TC_010_CS', step: 1, action: { kind: 'powerCycle' }, text: 'Switch the charger off and on again, then press Done.', timeoutS: 60 };
      const real = run({ id: 'run-6', chargerId: 'CP001', virtual: false, state: 'running', cases: [], finishedAt: null });
      const client = fakeClient({ 'tests:list': () => [listItem(real)], 'tests:prompt': () => prompt, 'tests:answer': () => null });
      render(withBench(client, <OperatorPrompts />));
      const dialog = await screen.findByRole('dialog', { name: /Action needed at CP001/ });
      expect(within(dialog).queryByLabelText('Connector')).toBeNull();
      act(() => void vi.advanceTimersByTime(45_000));
      expect(within(dialog).getByRole('timer').textContent).toMatch(/^0:1\d left/);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('results', () => {
  it("explains a failure with the deciding step's expected and actual beside its frames, highlights them, and downloads the reports", async () => {
    const user = userEvent.setup();
    const client = fakeClient({ 'tests:cases': () => cases, 'tests:get': () => run() });
    const download = vi.spyOn(client, 'downloadReport');
    render(withBench(client, screens, '/test-runs/run-1'));
    // The first failed case opens by itself.
    const article = await screen.findByRole('article', { name: 'Case TC_017_1_CS' });
    expect(within(article).getByText('Charger sends StopTransaction (reason UnlockCommand): reason UnlockCommand (got Local)')).toBeTruthy();
    const deciding = within(article).getByRole('region', { name: 'Deciding step' });
    expect(deciding.textContent).toContain('Deciding step 2: Charger sends StopTransaction (reason UnlockCommand)');
    expect(within(deciding).getByLabelText('Expected').textContent).toBe('StopTransaction with reason UnlockCommand');
    expect(within(deciding).getByLabelText('Actual').textContent).toBe('StopTransaction with reason Local');
    const its = within(deciding).getByRole('table', { name: 'Frames of step 2' });
    expect(within(its).getAllByRole('row')).toHaveLength(2);
    expect(its.textContent).toContain('"reason":"Local"');

    const all = within(article).getByRole('table', { name: 'Frames of TC_017_1_CS' });
    const highlighted = all.querySelectorAll('tr[data-highlighted]');
    expect(highlighted).toHaveLength(1);
    expect(highlighted[0].textContent).toContain('stop-7');
    // Another step chosen: its frames are highlighted instead.
    await user.click(within(article).getByRole('row', { name: /Bench sends UnlockConnector/ }));
    expect([...all.querySelectorAll('tr[data-highlighted]')].map((r) => r.textContent)).toEqual([expect.stringContaining('UnlockConnector'), expect.stringContaining('UnlockConnector result')]);

    expect(within(article).getByRole('region', { name: 'Decisions taken' }).textContent).toContain('either order');
    expect(within(article).getByRole('region', { name: 'Observations' }).textContent).toContain('Heartbeat');
    expect(screen.getByText(/took 3\.0 s \(1 min 30 s of charger time\)/)).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Evidence pack (zip)' }));
    await user.click(screen.getByRole('button', { name: 'PDF' }));
    expect(download.mock.calls).toEqual([[{ runId: 'run-1', file: 'evidence.zip' }], [{ runId: 'run-1', file: 'report.pdf' }]]);
    expect(await screen.findByText(/saved to test download/)).toBeTruthy();

    // Another case from the list; and the failed one offered to run again.
    await user.click(screen.getByRole('button', { name: 'TC_003_CS: pass' }));
    expect(screen.getByRole('article', { name: 'Case TC_003_CS' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Re-run the 1 failed case…' }));
    expect(screen.getByTestId('where').textContent).toBe('/test-runs?charger=VCP1&rerun=run-1');
  });

  it('offers to re-run a stopped run’s inconclusive case as inconclusive, not as failed', async () => {
    const stoppedRun = run({
      state: 'stopped',
      cases: [{ ...passed('TC_003_CS', 'Regular Charging Session - Plugin First'), verdict: 'inconclusive', reason: 'The run was stopped' }],
      summary: summary({ inconclusive: 1 }),
    });
    const client = fakeClient({ 'tests:cases': () => cases, 'tests:get': () => stoppedRun });
    render(withBench(client, screens, '/test-runs/run-1'));
    expect(await screen.findByRole('button', { name: 'Re-run the 1 inconclusive case…' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /failed case/ })).toBeNull();
  });

  it('shows a report the bench cannot make as an error', async () => {
    const user = userEvent.setup();
    const client = fakeClient({ 'tests:cases': () => cases, 'tests:get': () => run() });
    client.downloadReport = async () => {
      throw new CallFailure({ status: 501, message: 'No Chromium to print the PDF with' });
    };
    render(withBench(client, screens, '/test-runs/run-1'));
    await user.click(await screen.findByRole('button', { name: 'PDF' }));
    expect(await screen.findByText('PDF: No Chromium to print the PDF with')).toBeTruthy();
  });
});

describe('history and comparison', () => {
  it('says how many cases a stopped run left out, and nothing of the kind for a finished one', async () => {
    // Started and finished on a fake clock 70 s apart, in 3.7 s of wall time: the history says what it took.
    const stopped: RunListItem = {
      ...listItem(run({ id: 'run-s', state: 'stopped', finishedAt: '2025-01-01T10:01:10.000Z' })),
      summary: summary({ pass: 3, inconclusive: 1 }),
      planned: 40,
      wallMs: 3687,
      // Its startedAt is the fake clock's (2025); on the wall clock it ran on 2026-12-05.
      wallStartedAt: '2026-12-05T08:00:00.000Z',
    };
    const whole: RunListItem = { ...listItem(run({ id: 'run-f', startedAt: '2025-01-01T09:00:00.000Z' })), summary: summary({ pass: 2 }) };
    const client = fakeClient({ 'tests:cases': () => cases, 'tests:list': () => [stopped, whole] });
    render(withBench(client, screens, '/test-runs?charger=VCP1'));
    const rows = within(await screen.findByRole('table', { name: 'Test runs' })).getAllByRole('row');
    expect(rows[1].textContent).toContain('Stopped36 of 40 cases not run');
    expect(rows[1].textContent).toContain('2026');
    expect(rows[1].textContent).not.toContain('2025');
    expect(rows[2].textContent).toContain('2025');
    expect(within(rows[1]).getAllByRole('cell').at(-1)!.textContent).toBe('3.7 s');
    expect(rows[2].textContent).toContain('Finished');
    expect(rows[2].textContent).not.toContain('not run');
  });

  it('compares two runs with the same verdicts: the switch for changed cases is off (every case shows) and says why', async () => {
    const a = run({ id: 'run-a' });
    const b = run({ id: 'run-b', startedAt: '2025-01-02T10:00:00.000Z' });
    const runs = { 'run-a': a, 'run-b': b } as Record<string, RunResult>;
    const client = fakeClient({ 'tests:cases': () => cases, 'tests:get': ({ runId }) => runs[runId] });
    render(withBench(client, screens, '/test-runs/compare?a=run-a&b=run-b'));
    expect(await screen.findByText(/^From A \(the earlier run\) to B: no verdict changed/)).toBeTruthy();
    const toggle = screen.getByRole('switch', { name: /^Only the cases whose verdict changed \(none did/ }) as HTMLInputElement;
    expect(toggle.checked).toBe(false);
    expect(toggle.disabled).toBe(true);
    expect(within(screen.getByRole('table', { name: 'Verdicts side by side' })).getAllByRole('row').length).toBe(a.cases.length + 1);
  });

  it("lists a charger's runs and compares two: the verdicts that changed, side by side", async () => {
    const user = userEvent.setup();
    const a = run({ id: 'run-a', charger: { vendor: 'Acme', model: 'Wall 22', firmware: '1.4.2', serial: null }, startedAt: '2025-01-01T10:00:00.000Z' });
    const b = run({
      id: 'run-b',
      charger: { vendor: 'Acme', model: 'Wall 22', firmware: '1.5.0', serial: null },
      startedAt: '2025-01-02T10:00:00.000Z',
      cases: [
        { ...passed('TC_003_CS', 'Regular Charging Session - Plugin First'), verdict: 'fail', reason: 'No StartTransaction within 30 s' },
        { ...failed, verdict: 'pass', reason: null },
        passed('TC_001_CS', 'Cold Boot Charge Point'),
      ],
      summary: summary({ pass: 2, fail: 1 }),
    });
    const runs = { 'run-a': a, 'run-b': b } as Record<string, RunResult>;
    const client = fakeClient({ 'tests:cases': () => cases, 'tests:list': () => [listItem(b), listItem(a)], 'tests:get': ({ runId }) => runs[runId] });
    render(withBench(client, screens, '/test-runs?charger=VCP1'));
    const table = await screen.findByRole('table', { name: 'Test runs' });
    expect(client.callsOf('tests:list')).toContainEqual({ chargerId: 'VCP1' });
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    const compare = screen.getByRole('button', { name: 'Compare' });
    expect((compare as HTMLButtonElement).disabled).toBe(true);
    const picks = within(table).getAllByRole('checkbox');
    await user.click(picks[1]);
    await user.click(picks[0]);
    await user.click(compare);
    expect(screen.getByTestId('where').textContent).toBe('/test-runs/compare?a=run-a&b=run-b');

    expect(await screen.findByText('From A (the earlier run) to B: 2 verdicts changed: 1 worse, 1 better, of 2 cases in both runs. 1 case is in one run only.')).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Run A' }).textContent).toContain('firmware 1.4.2');
    expect(screen.getByRole('region', { name: 'Run B' }).textContent).toContain('firmware 1.5.0');
    const side = screen.getByRole('table', { name: 'Verdicts side by side' });
    const worse = within(side).getByRole('row', { name: 'TC_003_CS worse' });
    expect(
      within(worse)
        .getAllByText(/Pass|Fail/)
        .map((e) => e.textContent),
    ).toEqual(['Pass', 'Fail']);
    expect(worse.textContent).toContain('No StartTransaction within 30 s');
    expect(within(side).getByRole('row', { name: 'TC_017_1_CS better' })).toBeTruthy();
    expect(within(worse).getByRole('link', { name: 'TC_003_CS in run A' }).getAttribute('href')).toBe('/test-runs/run-a?case=TC_003_CS');
    // A case in one run only is no verdict change: shown with every case, not counted.
    expect(within(side).queryByRole('row', { name: /^TC_001_CS/ })).toBeNull();
    await user.click(screen.getByRole('switch', { name: 'Only the cases whose verdict changed' }));
    expect(within(side).getByRole('row', { name: 'TC_001_CS in one run only' }).textContent).toContain('Not in this run');

    // Picked the other way round (the newer first), the earlier run is still the baseline: the regression reads as worse.
    cleanup();
    render(withBench(client, screens, '/test-runs/compare?a=run-b&b=run-a'));
    const again = await screen.findByRole('table', { name: 'Verdicts side by side' });
    expect(within(again).getByRole('row', { name: 'TC_003_CS worse' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Run A' }).textContent).toContain('the earlier run, the baseline');
    await user.click(screen.getByRole('button', { name: 'Swap: the later run as A' }));
    expect(within(again).getByRole('row', { name: 'TC_003_CS better' })).toBeTruthy();
  });
});
