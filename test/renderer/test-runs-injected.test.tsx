// @vitest-environment jsdom
// What a run's verdicts may owe to rather than to the charger's firmware, said where a person reads them: a
// case that began on a charger the case before could not put back is marked in the case list and says so by
// its verdict, with what was left; a virtual charger's fault switches injected during a run are on the run's
// page, in a comparison among what differs, and the start form warns of those on before a run begins.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { TestRunsScreen } from '../../src/renderer/src/features/test-runs/TestRunsScreen';
import { RunScreen } from '../../src/renderer/src/features/test-runs/RunScreen';
import { CompareScreen, runDifferences } from '../../src/renderer/src/features/test-runs/CompareScreen';
import type { CaseInfo, RunResult } from '../../src/shared/api/test-runs';
import { Faults, type VirtualChargerView } from '../../src/shared/api/virtual-chargers';
import { aCharger, fakeClient, routed, withBench } from './fake-client';
import { aCaseResult, aRunResult } from './builders';
import { formatClock } from '../../src/shared/format/time';

const screens = routed({ '/test-runs': <TestRunsScreen />, '/test-runs/compare': <CompareScreen />, '/test-runs/:id': <RunScreen /> });

const cases: CaseInfo[] = [
  { id: 'TC_051_CS', title: 'Cancel Reservation', profile: 'Reservation', section: '2.20.6', decisions: [], notSupported: null },
  { id: 'TC_052_CS', title: 'Reservation of a Connector - Faulted', profile: 'Reservation', section: '2.20.7', decisions: [], notSupported: null },
  { id: 'TC_054_CS', title: 'Reservation of a Connector - Unavailable', profile: 'Reservation', section: '2.20.9', decisions: [], notSupported: null },
];

const left = 'reservation 7 on connector 1 could not be cancelled: the charger answered Rejected; the connector may stay Reserved until it expires at 2025-01-01T10:02:00.000Z';

/** The QA engineer's run: CancelReservation rejected by a fault switch, so TC_051 left a reservation TC_052 and TC_054 began with. */
const qaRun = (patch: Partial<RunResult> = {}): RunResult =>
  aRunResult({
    id: 'run-qa',
    chargerId: 'QA2',
    fakeTime: false,
    ms: 60_000,
    wallMs: 60_000,
    planned: ['TC_051_CS', 'TC_052_CS', 'TC_054_CS'],
    cases: [
      aCaseResult({ id: 'TC_051_CS', title: 'Cancel Reservation', verdict: 'fail', reason: 'Expected CancelReservation Accepted; got Rejected', cleanupProblems: [left] }),
      aCaseResult({
        id: 'TC_052_CS',
        title: 'Reservation of a Connector - Faulted',
        verdict: 'fail',
        reason: 'Expected StatusNotification (connectorId 1, status Reserved) within 30 s; nothing came',
        notPutBack: { after: 'TC_051_CS', problems: [left] },
      }),
      aCaseResult({ id: 'TC_054_CS', title: 'Reservation of a Connector - Unavailable', verdict: 'pass' }),
    ],
    summary: { pass: 1, fail: 2, notApplicable: 0, inconclusive: 0, error: 0, notSupported: 0 },
    faults: { atStart: ['CancelReservation: reject'], switched: [{ at: '2025-01-01T10:00:40.000Z', caseId: 'TC_052_CS', on: ['Card authorization fails'], off: [] }] },
    ...patch,
  });

beforeEach(() => {
  useBench.setState({ ...initialBenchState, link: 'open', loaded: true, chargers: { QA2: aCharger('QA2', { virtual: true }) } });
});
afterEach(() => {
  cleanup();
  useBench.setState(initialBenchState);
});

describe('a case that began on a charger not put back', () => {
  it('is marked in the case list, and its detail says so by the verdict, with what was left', async () => {
    const user = userEvent.setup();
    const client = fakeClient({ 'tests:cases': () => cases, 'tests:get': () => qaRun() });
    render(withBench(client, screens, '/test-runs/run-qa'));
    const list = await screen.findByRole('list', { name: 'Cases of the run' });
    // The marked case, and only it.
    expect(within(list).getByRole('button', { name: 'TC_052_CS: fail, began on a charger not put back after TC_051_CS' })).toBeTruthy();
    expect(within(list).getByRole('button', { name: 'TC_051_CS: fail' })).toBeTruthy();
    expect(within(list).getByRole('button', { name: 'TC_054_CS: pass' })).toBeTruthy();

    await user.click(within(list).getByRole('button', { name: /^TC_052_CS/ }));
    const detail = screen.getByRole('article', { name: 'Case TC_052_CS' });
    const said = within(detail).getByRole('alert', { name: 'Began on a charger not put back' });
    // The report's words, with the reservation left.
    expect(said.textContent).toContain(`The charger was not put back after TC_051_CS, so this case began with it (and may have failed because of it): ${left}`);
    // Near the verdict: before the reason and the deciding step.
    const reason = within(detail).getByText(/Expected StatusNotification \(connectorId 1, status Reserved\)/);
    expect(said.compareDocumentPosition(reason) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    // The fault switched while it ran, too.
    expect(within(detail).getByRole('alert', { name: 'Fault injected during the case' }).textContent).toContain(`Card authorization fails switched on at ${formatClock('2025-01-01T10:00:40.000Z')}`);

    // A case that began on a charger put back says nothing of the kind.
    await user.click(within(list).getByRole('button', { name: 'TC_054_CS: pass' }));
    expect(within(screen.getByRole('article', { name: 'Case TC_054_CS' })).queryByRole('alert', { name: 'Began on a charger not put back' })).toBeNull();
  });
});

describe('fault switches injected during a run', () => {
  it('are said on the run page', async () => {
    const client = fakeClient({ 'tests:cases': () => cases, 'tests:get': () => qaRun() });
    render(withBench(client, screens, '/test-runs/run-qa'));
    const said = await screen.findByRole('alert', { name: 'Faults injected' });
    expect(said.textContent).toContain(
      `Faults injected: CancelReservation: reject (on when the run started); Card authorization fails switched on at ${formatClock('2025-01-01T10:00:40.000Z')} during TC_052_CS`,
    );
  });

  it('are not claimed for a clean run', async () => {
    const client = fakeClient({ 'tests:cases': () => cases, 'tests:get': () => qaRun({ faults: { atStart: [], switched: [] } }) });
    render(withBench(client, screens, '/test-runs/run-qa'));
    await screen.findByRole('list', { name: 'Cases of the run' });
    expect(screen.queryByRole('alert', { name: 'Faults injected' })).toBeNull();
  });

  it('are among what a comparison lists as different, and named on the run they were injected in', async () => {
    const injected = qaRun({ startedAt: '2025-01-01T10:00:00.000Z', wallStartedAt: '2025-01-01T10:00:00.000Z' });
    const clean = qaRun({ id: 'run-clean', startedAt: '2025-01-01T11:00:00.000Z', wallStartedAt: '2025-01-01T11:00:00.000Z', faults: { atStart: [], switched: [] } });
    expect(runDifferences(injected, clean)).toContain('Faults injected: CancelReservation: reject, Card authorization fails in A, none in B');
    // A virtual run kept before faults were recorded is not taken as clean.
    expect(runDifferences({ ...clean, faults: undefined }, clean)).toContain('Faults injected: not recorded in A, none in B');
    expect(runDifferences(clean, { ...clean, id: 'run-3' })).toEqual([]);

    const client = fakeClient({ 'tests:get': ({ runId }) => (runId === 'run-qa' ? injected : clean) });
    render(withBench(client, screens, '/test-runs/compare?a=run-qa&b=run-clean'));
    const differences = await screen.findByRole('alert', { name: 'What the runs ran with' });
    expect(differences.textContent).toContain('Faults injected: CancelReservation: reject, Card authorization fails in A, none in B');
    expect(screen.getByLabelText('Faults injected in run A').textContent).toBe('Faults injected: CancelReservation: reject, Card authorization fails');
    expect(screen.queryByLabelText('Faults injected in run B')).toBeNull();
  });
});

describe('the start form', () => {
  const vcp = (faults: Partial<Faults>) => ({ id: 'QA2', faults: { ...Faults.parse({}), ...faults }, definition: { fixedCable: false, backupPower: false } }) as unknown as VirtualChargerView;
  const client = () =>
    fakeClient({
      'tests:cases': () => cases,
      'tests:list': () => [],
      'virtualChargers:get': () => ({ definition: { fixedCable: false, backupPower: false } }) as never,
    });

  it('warns that the chosen virtual charger has fault switches on, naming them', async () => {
    useBench.setState({ virtualChargers: { QA2: vcp({ actions: { CancelReservation: { mode: 'reject', delaySeconds: 10, errorCode: 'InternalError' } }, slowCharging: true }) } });
    render(withBench(client(), screens, '/test-runs?charger=QA2'));
    const warning = await screen.findByRole('alert', { name: 'Fault switches on' });
    expect(warning.textContent).toContain('QA2 has 2 fault switches on: Slow charging (230 W), CancelReservation: reject');
  });

  it('says nothing of faults for a virtual charger with none on', async () => {
    useBench.setState({ virtualChargers: { QA2: vcp({}) } });
    render(withBench(client(), screens, '/test-runs?charger=QA2'));
    await screen.findByText(/All cases \(3\)/);
    expect(screen.queryByRole('alert', { name: 'Fault switches on' })).toBeNull();
  });
});
