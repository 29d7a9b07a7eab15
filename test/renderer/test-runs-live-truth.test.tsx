// @vitest-environment jsdom
// A conformance run's screens say what is really going on: Stop's confirmation (on the run's page and in the
// operator's request) names the case in progress, how many cases are left out, a put-back after a case
// instead of a case, and a charger offline (it cannot be put back then); the run's page says the charger is
// offline during a case and since when; the start form says what the picked cases do, not a fixed list; a
// comparison marks a stopped run and its cases not run, and its Change chip is whole.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { TestRunsScreen } from '../../src/renderer/src/features/test-runs/TestRunsScreen';
import { RunScreen } from '../../src/renderer/src/features/test-runs/RunScreen';
import { CompareScreen } from '../../src/renderer/src/features/test-runs/CompareScreen';
import { OperatorPrompts } from '../../src/renderer/src/features/test-runs/OperatorPrompts';
import { formatClock } from '../../src/renderer/src/components/format';
import { caseEffectsData } from '../../src/shared/api/case-effects.data';
import type { CaseInfo, OperatorPrompt, RunListItem, RunResult } from '../../src/shared/api/test-runs';
import type { BenchEvent, ChargerView } from '../../src/shared/api/views';
import { fakeClient, routed, withBench, aCharger } from './fake-client';
import { aCaseResult, aRunResult } from './builders';

const info = (id: string, title: string): CaseInfo => ({ id, title, profile: 'Core', section: '2.8', decisions: [], notSupported: null, effects: caseEffectsData[id] ?? null });
const catalogue: CaseInfo[] = [
  info('TC_003_CS', 'Regular Charging Session - Plugin First'),
  info('TC_010_CS', 'Remote Start Charging Session - Cable Plugged in First'),
  info('TC_019_CS', 'Retrieve configuration'),
  info('TC_021_CS', 'Change/set Configuration'),
  info('TC_040_1_CS', 'Configuration key - NotSupported'),
  info('TC_040_2_CS', 'Configuration key - Invalid value'),
];

/** A Core run of 50 cases on REAL01: two done, TC_003_CS in progress at step 2. */
const planned = ['TC_001_CS', 'TC_002_CS', 'TC_003_CS', ...Array.from({ length: 47 }, (_, i) => `TC_X${i}_CS`)];
const live = (patch: Partial<RunResult> = {}): RunResult =>
  aRunResult({
    chargerId: 'REAL01',
    virtual: false,
    fakeTime: false,
    state: 'running',
    finishedAt: null,
    planned,
    cases: [aCaseResult({ id: 'TC_001_CS', title: 'Cold Boot Charge Point' }), aCaseResult({ id: 'TC_002_CS', title: 'Cold Boot Charge Point - Pending' })],
    caseId: 'TC_003_CS',
    step: 'Step 2: Charger sends StatusNotification (status Preparing)',
    ...patch,
  });
const listItem = (r: RunResult): RunListItem => ({ id: r.id, chargerId: r.chargerId, startedAt: r.startedAt, finishedAt: r.finishedAt, state: r.state, summary: r.summary });
const ts = '2025-01-01T10:00:00Z';

const wentOffline = Date.now() - 90_000;
const offline = () => act(() => useBench.setState((s) => ({ chargers: { ...s.chargers, REAL01: { ...s.chargers.REAL01!, connected: false, lastSeen: new Date(wentOffline).toISOString() } } })));

beforeEach(() => {
  useBench.setState({ ...initialBenchState, link: 'open', loaded: true, chargers: { REAL01: aCharger('REAL01', { virtual: false }) as ChargerView } });
});
afterEach(() => {
  cleanup();
  useBench.setState(initialBenchState);
});

const screens = routed({ '/test-runs': <TestRunsScreen />, '/test-runs/compare': <CompareScreen />, '/test-runs/:id': <RunScreen /> }, true);

describe("a running run's Stop says what is really running", () => {
  it('names the case in progress and how many cases are left out; offline, that the charger cannot be put back; during a put-back, that instead', async () => {
    const user = userEvent.setup();
    const running = live();
    const client = fakeClient({ 'tests:cases': () => catalogue, 'tests:get': () => running, 'messages:page': () => [], 'tests:stop': () => null });
    render(withBench(client, screens, '/test-runs/run-1'));
    await screen.findByRole('list', { name: 'Cases of the run' });

    await user.click(screen.getByRole('button', { name: 'Stop run…' }));
    let said = within(screen.getByRole('dialog', { name: 'Stop the run on REAL01?' })).getByLabelText('What stopping does').textContent!;
    expect(said).toContain('TC_003_CS (Regular Charging Session - Plugin First) is in progress, at Step 2: Charger sends StatusNotification (status Preparing). It ends now, unfinished');
    expect(said).toContain('The 47 cases not run yet are left out');
    expect(said).toContain('The charger is then put back as the case found it.');
    expect(said).toContain('The verdicts so far (2 cases) are kept');
    await user.click(screen.getByRole('button', { name: 'Keep running' }));

    // The charger goes offline during the case: the page says so, since when, and what the case does about it.
    offline();
    const alert = screen.getByRole('alert', { name: 'Charger offline' });
    expect(alert.textContent).toContain(`REAL01 offline (last seen ${formatClock(wentOffline)})`);
    expect(alert.textContent).toContain('within its time limit (30 s');
    await user.click(screen.getByRole('button', { name: 'Stop run…' }));
    said = within(screen.getByRole('dialog')).getByLabelText('What stopping does').textContent!;
    expect(said).toContain(`REAL01 is offline (last seen ${formatClock(wentOffline)}): it cannot be put back while it is offline`);
    expect(said).toContain('not done: the run was stopped while the charger was offline');
    expect(said).not.toContain('put back as the case found it');
    await user.click(screen.getByRole('button', { name: 'Keep running' }));

    // The case's steps are over and the bench waits to put the charger back: no case "ends now".
    const putBack = 'Putting the charger back after TC_003_CS: waiting up to 60 s for the charger to reconnect…';
    const changed: BenchEvent = { type: 'testRunChanged', run: { ...listItem(running), caseId: 'TC_003_CS', step: putBack }, ts };
    act(() => client.emit([changed]));
    expect(screen.getByRole('alert', { name: 'Charger offline' }).textContent).toContain(putBack);
    await user.click(screen.getByRole('button', { name: 'Stop run…' }));
    said = within(screen.getByRole('dialog')).getByLabelText('What stopping does').textContent!;
    expect(said).toContain(`No case is in progress: the bench is putting the charger back after TC_003_CS (Regular Charging Session - Plugin First), whose steps are over (“${putBack}”)`);
    expect(said).toContain('The bench stops waiting for it now');
    expect(said).not.toMatch(/ends now, unfinished/);
  });

  it("says the same in the operator's request's Stop, read from the run's live state", async () => {
    const user = userEvent.setup();
    const prompt: OperatorPrompt = { caseId: 'TC_003_CS', step: 1, action: { kind: 'plug', connectorId: 1 }, text: 'Plug the EV cable into connector 1, then press Done.', timeoutS: 300 };
    const running = live({ step: 'Step 1: Plug the EV cable into connector 1.' });
    const client = fakeClient({ 'tests:cases': () => catalogue, 'tests:list': () => [listItem(running)], 'tests:get': () => running, 'tests:prompt': () => prompt, 'messages:page': () => [] });
    render(withBench(client, <OperatorPrompts />));
    const dialog = within(await screen.findByRole('dialog', { name: /Action needed at REAL01/ }));
    await user.click(dialog.getByRole('button', { name: 'Stop the run…' }));
    const ask = within(dialog.getByRole('alertdialog', { name: 'Stop the run?' }));
    await waitFor(() => expect(ask.getByLabelText('What stopping does').textContent).toContain('TC_003_CS (Regular Charging Session - Plugin First) is in progress'));
    expect(ask.getByLabelText('What stopping does').textContent).toContain('The 47 cases not run yet are left out');
  });
});

describe('the start form says what the picked cases do', () => {
  it('for configuration cases only: no session of a case, no reset, nobody at the charger, but what every run does; with a charging case, that too and for how many', async () => {
    const user = userEvent.setup();
    const client = fakeClient({ 'tests:cases': () => catalogue, 'tests:list': () => [] });
    render(withBench(client, screens, '/test-runs?charger=REAL01'));
    await screen.findByText(/All cases \(6\)/);
    await user.click(screen.getByRole('radio', { name: 'Chosen by id' }));
    const list = screen.getByRole('group', { name: 'Cases to run' });
    for (const id of ['TC_019_CS', 'TC_021_CS', 'TC_040_1_CS', 'TC_040_2_CS']) await user.click(within(list).getByRole('checkbox', { name: new RegExp(id) }));
    const said = screen.getByLabelText('What will happen').textContent!;
    expect(said).not.toMatch(/started and stopped|reset|Someone must stay/);
    expect(said).toContain('Its configuration is changed, and put back after each case (3 of the 4 cases).');
    expect(said).toContain('No case asks anything of the person at the charger.');
    await user.click(screen.getByRole('button', { name: 'Start 4 cases on REAL01…' }));
    let dialog = screen.getByRole('dialog', { name: 'Run 4 conformance cases on REAL01?' });
    expect(dialog.textContent).not.toMatch(/started and stopped|reset|Someone at the charger|nothing on it is changed/);
    // Nothing runs on REAL01: the generic "a charging session running on it is ended" is not said above "Nothing is charging".
    expect(dialog.textContent).not.toContain('a charging session running on it is ended');
    expect(dialog.textContent).toContain('Nothing is charging on REAL01 right now.');
    expect(dialog.textContent).toContain('Its MinimumStatusDuration is set to 0 for the run (where it has that key), and put back at the end.');
    expect(dialog.textContent).toContain('After each case, its authorization cache is cleared (where it has one: AuthorizationCacheEnabled).');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    await user.click(within(list).getByRole('checkbox', { name: /TC_003_CS/ }));
    await user.click(screen.getByRole('button', { name: 'Start 5 cases on REAL01…' }));
    dialog = screen.getByRole('dialog', { name: 'Run 5 conformance cases on REAL01?' });
    expect(dialog.textContent).toContain('Charging sessions are started and stopped on it (1 of the 5 cases).');
    expect(dialog.textContent).toContain('Someone at the charger is asked to plug and unplug the cable and present cards (in 1 of the 5 cases), with 300 s for each request.');
    expect(dialog.textContent).not.toMatch(/reset/);
  });
});

describe('a comparison with a stopped run', () => {
  it("marks the stopped run and its cases not run, and the Change column's chip is whole", async () => {
    const both = aCaseResult({ id: 'TC_003_CS', title: 'Regular Charging Session - Plugin First' });
    const run1 = aRunResult({ id: 'run1', planned: ['TC_003_CS', 'TC_010_CS'], cases: [both, aCaseResult({ id: 'TC_010_CS', title: 'Remote Start' })] });
    const run3 = aRunResult({
      id: 'run3',
      startedAt: '2025-01-02T10:00:00.000Z',
      wallStartedAt: '2025-01-02T10:00:00.000Z',
      state: 'stopped',
      planned: ['TC_003_CS', 'TC_010_CS', 'TC_011_1_CS', 'TC_012_CS', 'TC_013_CS'],
      cases: [both, aCaseResult({ id: 'TC_012_CS', title: 'Remote Stop', verdict: 'inconclusive' })],
      summary: { pass: 1, fail: 0, notApplicable: 0, inconclusive: 1, error: 0, notSupported: 0 },
    });
    const client = fakeClient({ 'tests:get': ({ runId }: { runId: string }) => (runId === 'run1' ? run1 : run3) });
    render(withBench(client, screens, '/test-runs/compare?a=run1&b=run3'));
    const b = await screen.findByRole('region', { name: 'Run B' });
    const ended = within(within(b).getByLabelText('How run B ended'));
    expect(ended.getByText('Stopped')).toBeTruthy();
    expect(ended.getByText('3 not run (the run was stopped)')).toBeTruthy();
    expect(within(within(screen.getByRole('region', { name: 'Run A' })).getByLabelText('How run A ended')).getByText('Finished')).toBeTruthy();

    // No verdict changed: every case is shown, those in one run only with a chip that says which, whole.
    const chip = screen.getByLabelText(/^Only in run A: the case is not in run B/);
    expect(chip.textContent).toBe('One run only (A)');
    const label = chip.querySelector('.MuiChip-label') as HTMLElement;
    expect(getComputedStyle(label).whiteSpace).toBe('normal');
  });
});
