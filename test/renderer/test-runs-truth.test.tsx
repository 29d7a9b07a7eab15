// @vitest-environment jsdom
// The test-run screens show the truth: a run page opened mid-run shows the case in progress and its frames
// so far; an operator's countdown counts what is really left; a busy charger is not offered for a run and a
// refusal shows by the Start button; a stopped run lists the cases it never came to; a run page that lost
// the bench freezes as last known; an inconclusive step is no failure; a re-run starts from the earlier
// run's data, and a comparison says what the runs ran with differently.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { TestRunsScreen } from '../../src/renderer/src/features/test-runs/TestRunsScreen';
import { RunScreen } from '../../src/renderer/src/features/test-runs/RunScreen';
import { CompareScreen } from '../../src/renderer/src/features/test-runs/CompareScreen';
import { CaseDetail } from '../../src/renderer/src/features/test-runs/CaseDetail';
import { OperatorPrompts } from '../../src/renderer/src/features/test-runs/OperatorPrompts';
import type { CaseInfo, Pics, RunResult } from '../../src/shared/api/test-runs';
import { defaultTestData } from '../../src/shared/api/test-runs';
import { aCharger, fakeClient, routed, withBench } from './fake-client';
import { aCaseResult, aRunResult } from './builders';

const cases: CaseInfo[] = [
  { id: 'TC_001_CS', title: 'Cold Boot Charge Point', profile: 'Core', section: '2.1.1', decisions: [], notSupported: null },
  { id: 'TC_003_CS', title: 'Regular Charging Session - Plugin First', profile: 'Core', section: '2.2.1', decisions: [], notSupported: null },
  { id: 'TC_017_1_CS', title: 'Unlock Connector - With Charging Session', profile: 'Core', section: '2.7.1', decisions: [], notSupported: null },
  { id: 'TC_080_CS', title: 'Not yet', profile: 'Core', section: '9.9', decisions: [], notSupported: 'the bench cannot yet' },
];

const pics: Pics = { profiles: ['Core'], connectors: 1, fixedCable: false, connectorLock: true, reader: true, backupPower: false, config: {}, readOnly: [], basicAuth: false };

const midRun = (patch: Partial<RunResult> = {}): RunResult =>
  aRunResult({
    id: 'run-5',
    chargerId: 'CP001',
    virtual: false,
    fakeTime: false,
    state: 'running',
    finishedAt: null,
    pics,
    planned: ['TC_001_CS', 'TC_003_CS', 'TC_017_1_CS'],
    cases: [aCaseResult({ id: 'TC_001_CS', startedAt: '2025-01-01T10:00:00.000Z', ms: 5000 })],
    summary: { pass: 1, fail: 0, notApplicable: 0, inconclusive: 0, error: 0, notSupported: 0 },
    ...patch,
  });

const screens = routed({ '/test-runs': <TestRunsScreen />, '/test-runs/compare': <CompareScreen />, '/test-runs/:id': <RunScreen /> });

beforeEach(() => {
  useBench.setState({ ...initialBenchState, link: 'open', loaded: true, chargers: { CP001: aCharger('CP001'), CP002: aCharger('CP002') } });
});
afterEach(() => {
  cleanup();
  useBench.setState(initialBenchState);
});

describe('a run page opened mid-run', () => {
  it('shows the case in progress as the bench says it, its step and its frames so far', async () => {
    const frame = {
      id: 9,
      ts: '2025-01-01T10:00:06.000Z',
      chargerId: 'CP001',
      direction: 'in' as const,
      kind: 'CALL' as const,
      messageId: 'st-1',
      action: 'StartTransaction',
      raw: '[2,"st-1","StartTransaction",{}]',
      error: null,
    };
    const client = fakeClient({
      'tests:cases': () => cases,
      'tests:get': () => midRun({ caseId: 'TC_003_CS', step: 'Step 2: Charger sends StartTransaction' }),
      'messages:page': () => [frame],
    });
    render(withBench(client, screens, '/test-runs/run-5'));
    const step = await screen.findByRole('alert', { name: 'Current step' });
    expect(step.textContent).toBe('Step 2: Charger sends StartTransaction');
    expect(screen.getByRole('button', { name: 'TC_003_CS: running' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'TC_017_1_CS: waiting' })).toBeTruthy();
    // Its frames so far, read from the log since the case before ended.
    await waitFor(() => expect(screen.getByLabelText('Frames of TC_003_CS so far').textContent).toContain('StartTransaction'));
    expect(client.callsOf('messages:page')[0]).toMatchObject({ chargerId: 'CP001', from: '2025-01-01T10:00:05.000Z' });
    expect(screen.queryByText(/Reading what the charger supports/)).toBeNull();
  });

  it("reads the case's frames from when the bench says the case began, when it says so", async () => {
    const client = fakeClient({
      'tests:cases': () => cases,
      'tests:get': () => midRun({ caseId: 'TC_003_CS', step: 'Step 2: Charger sends StartTransaction', caseStartedAt: '2025-01-01T10:00:05.500Z' }),
      'messages:page': () => [],
    });
    render(withBench(client, screens, '/test-runs/run-5'));
    await waitFor(() => expect(client.callsOf('messages:page')[0]).toMatchObject({ chargerId: 'CP001', from: '2025-01-01T10:00:05.500Z' }));
    // From the case's own start: no note that the frames were read from some earlier time.
    expect(screen.queryByText(/Read from the log when this page opened/)).toBeNull();
  });

  it('shows no case running while the bench puts the charger right before the first one', async () => {
    const client = fakeClient({ 'tests:cases': () => cases, 'tests:get': () => midRun({ cases: [], summary: { ...midRun().summary, pass: 0 }, caseId: null, step: null }) });
    render(withBench(client, screens, '/test-runs/run-5'));
    expect((await screen.findByRole('alert', { name: 'Current step' })).textContent).toMatch(/Putting the charger right before the first case/);
    expect(screen.getByRole('button', { name: 'TC_001_CS: waiting' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /: running$/ })).toBeNull();
  });
});

describe("the operator's countdown", () => {
  it('counts to the deadline the bench set, not from when the page opened', async () => {
    const now = Date.now();
    const client = fakeClient({
      'tests:list': () => [{ id: 'run-5', chargerId: 'CP001', startedAt: '2025-01-01T10:00:00Z', finishedAt: null, state: 'running', summary: midRun().summary }],
      'tests:prompt': () => ({
        caseId: 'TC_003_CS',
        step: 1,
        action: { kind: 'plug', connectorId: 1 },
        text: 'Plug the EV cable into connector 1, then press Done.',
        timeoutS: 60,
        issuedAt: new Date(now - 40_000).toISOString(),
        deadline: new Date(now + 20_000).toISOString(),
      }),
    });
    render(withBench(client, <OperatorPrompts />));
    const timer = await screen.findByRole('timer', { name: 'Time left to answer' });
    expect(timer.textContent).toMatch(/^0:(19|20) left/);
  });
});

describe('starting a run on a busy charger', () => {
  const busyClient = () =>
    fakeClient({
      'tests:cases': () => cases,
      'tests:list': () => [{ id: 'run-7', chargerId: 'CP001', startedAt: '2025-01-01T10:00:00Z', finishedAt: null, state: 'running', summary: midRun().summary, caseId: 'TC_003_CS', step: null }],
      'commissioning:list': () => [],
    });

  it('marks the charger in the picker with what runs on it, and does not offer it', async () => {
    const user = userEvent.setup();
    render(withBench(busyClient(), screens, '/test-runs'));
    await user.click(screen.getByRole('combobox', { name: 'Charger' }));
    const option = await screen.findByRole('option', { name: /^CP001/ });
    await waitFor(() => expect(option.textContent).toContain('Busy: running TC_003_CS in run run-7'));
    expect(option.getAttribute('aria-disabled')).toBe('true');
    expect(screen.getByRole('option', { name: /^CP002/ }).getAttribute('aria-disabled')).not.toBe('true');
  });

  it('chosen already (from a link), says so and does not offer to start', async () => {
    render(withBench(busyClient(), screens, '/test-runs?charger=CP001'));
    expect((await screen.findByRole('alert', { name: 'Charger busy' })).textContent).toMatch(/CP001 is running TC_003_CS in run run-7/);
    expect((screen.getByRole('button', { name: /^Start \d+ cases? on CP001/ }) as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('a stopped run', () => {
  it('lists the cases it never came to as not run, and those the bench cannot run yet as such', async () => {
    const stopped = midRun({ state: 'stopped', finishedAt: '2025-01-01T10:00:09Z', planned: ['TC_001_CS', 'TC_003_CS', 'TC_080_CS'] });
    render(withBench(fakeClient({ 'tests:cases': () => cases, 'tests:get': () => stopped }), screens, '/test-runs/run-5'));
    expect(await screen.findByRole('button', { name: 'TC_003_CS: notRun' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'TC_080_CS: notSupported' })).toBeTruthy();
    expect(screen.getByText('1 not run (the run was stopped)')).toBeTruthy();
  });
});

describe('a run page that lost the bench', () => {
  it('freezes the running states as last known and disables Stop, saying why', async () => {
    const client = fakeClient({ 'tests:cases': () => cases, 'tests:get': () => midRun({ caseId: 'TC_003_CS', step: 'Step 1: Bench waits' }), 'messages:page': () => [] });
    render(withBench(client, screens, '/test-runs/run-5'));
    await screen.findByRole('button', { name: 'TC_003_CS: running' });
    const stop = screen.getByRole('button', { name: 'Stop run…' }) as HTMLButtonElement;
    expect(stop.disabled).toBe(false);
    useBench.setState({ link: 'closed', linkSince: '2025-01-01T10:00:30.000Z' });
    await waitFor(() => expect(stop.disabled).toBe(true));
    expect(screen.getByRole('status').textContent).toMatch(/cannot be reached.*nothing can be sent/);
    expect(screen.getAllByText(/^Running · as of /).length).toBeGreaterThan(1);
    // No spinner says it still runs.
    expect(document.querySelectorAll('.MuiChip-root .MuiCircularProgress-root').length).toBe(0);
    expect(screen.getByRole('alert', { name: 'Current step' }).textContent).toMatch(/^As of .+: Step 1: Bench waits/);
  });
});

describe("a case's deciding step", () => {
  it('inconclusive: amber, no failure; an operator step: no empty Expected and Actual', () => {
    const stoppedStep = { n: 1, by: 'charger' as const, title: 'Charger sends StartTransaction', status: 'failed' as const, startedAt: '2025-01-01T10:00:00Z', ms: 5, messageIds: [] };
    const { unmount } = render(
      withBench(
        fakeClient(),
        <CaseDetail result={aCaseResult({ verdict: 'inconclusive', reason: 'The run was stopped', decidingStep: 1, steps: [{ ...stoppedStep, actual: 'the run was stopped during this step' }] })} />,
      ),
    );
    const deciding = screen.getByRole('region', { name: 'Deciding step' });
    expect(deciding.getAttribute('data-tone')).toBe('unfinished');
    expect(within(deciding).getByLabelText('Actual').getAttribute('data-tone')).toBe('unfinished');
    expect(within(deciding).queryByLabelText('Expected')).toBeNull();
    unmount();
    render(
      withBench(
        fakeClient(),
        <CaseDetail result={aCaseResult({ verdict: 'inconclusive', reason: 'Nobody answered', decidingStep: 1, steps: [{ ...stoppedStep, by: 'operator', title: 'Operator plugs in' }] })} />,
      ),
    );
    const op = screen.getByRole('region', { name: 'Deciding step' });
    expect(within(op).queryByLabelText('Expected')).toBeNull();
    expect(within(op).queryByLabelText('Actual')).toBeNull();
    expect(op.textContent).not.toContain('—');
  });
});

describe('re-running the failed cases', () => {
  const earlier = midRun({
    id: 'run-1',
    state: 'finished',
    finishedAt: '2025-01-01T10:00:09Z',
    data: { ...defaultTestData(), validIdTag: 'MYCARD', operatorTimeoutS: 120 },
    pics: { ...pics, fixedCable: true },
    cases: [aCaseResult({ id: 'TC_001_CS', verdict: 'fail', reason: 'no' })],
    summary: { pass: 0, fail: 1, notApplicable: 0, inconclusive: 0, error: 0, notSupported: 0 },
  });

  it('starts from the earlier run’s test data and declarations, and says so', async () => {
    const client = fakeClient({
      'tests:cases': () => cases,
      'tests:list': () => [{ id: 'run-1', chargerId: 'CP001', startedAt: earlier.startedAt, finishedAt: earlier.finishedAt, state: 'finished', summary: earlier.summary }],
      'commissioning:list': () => [],
      'tests:get': () => earlier,
    });
    render(withBench(client, screens, '/test-runs?charger=CP001&rerun=run-1'));
    expect((await screen.findByRole('alert', { name: 'From the earlier run' })).textContent).toMatch(/from run run-1/);
    expect(screen.getByText(/idTag MYCARD, operator time limit 120 s/)).toBeTruthy();
    expect((screen.getByRole('switch', { name: 'Fixed cable (no socket)' }) as HTMLInputElement).checked).toBe(true);
  });

  it('a comparison says what the two runs ran with differently', async () => {
    const later = { ...earlier, id: 'run-2', startedAt: '2025-01-02T10:00:00.000Z', wallStartedAt: '2025-01-02T10:00:00.000Z', benchVersion: '0.2.0', data: defaultTestData(), pics };
    const client = fakeClient({ 'tests:get': ({ runId }) => (runId === 'run-1' ? earlier : later) });
    render(withBench(client, screens, '/test-runs/compare?a=run-1&b=run-2'));
    const said = (await screen.findByRole('alert', { name: 'What the runs ran with' })).textContent;
    expect(said).toContain('Test data validIdTag: MYCARD in A, OCTT-VALID in B');
    expect(said).toContain('Fixed cable: yes in A, no in B');
    expect(said).toContain('Bench version: 0.1.0 in A, 0.2.0 in B');
  });
});
