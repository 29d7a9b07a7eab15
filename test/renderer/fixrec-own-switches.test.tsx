// @vitest-environment jsdom
// The run's own steps (TC_030_CS jamming the lock: faults.switched entries marked by: 'run') are not injected
// misbehaviour: the run's page, its case and a comparison say nothing of them, while a person's Stuck
// connector still shows and still differs; a timed switch that ended by itself says so.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { RunScreen } from '../../src/renderer/src/features/test-runs/RunScreen';
import { CompareScreen, runDifferences } from '../../src/renderer/src/features/test-runs/CompareScreen';
import type { CaseInfo, FaultSwitched, RunResult } from '../../src/shared/api/test-runs';
import { Faults, type VirtualChargerView } from '../../src/shared/api/virtual-chargers';
import { aCharger, fakeClient, routed, withBench } from './fake-client';
import { aCaseResult, aRunResult } from './builders';
import { formatClock } from '../../src/shared/format/time';

const screens = routed({ '/test-runs/compare': <CompareScreen />, '/test-runs/:id': <RunScreen /> });
const cases: CaseInfo[] = [{ id: 'TC_030_CS', title: 'Unlock failure', profile: 'Core', section: '2.5.3', decisions: [], notSupported: null }];

/** The virtual charger's hands jamming the lock in TC_030_CS and putting it back. */
const ownJam: FaultSwitched[] = [
  { at: '2025-01-01T10:00:10.000Z', caseId: 'TC_030_CS', on: ['Stuck connector'], off: [], by: 'run' },
  { at: '2025-01-01T10:00:20.000Z', caseId: 'TC_030_CS', on: [], off: ['Stuck connector'], by: 'run' },
];
const run = (patch: Partial<RunResult> = {}): RunResult =>
  aRunResult({
    id: 'run-1',
    chargerId: 'QA2',
    virtual: true,
    planned: ['TC_030_CS'],
    cases: [aCaseResult({ id: 'TC_030_CS', title: 'Unlock failure', verdict: 'pass' })],
    summary: { pass: 1, fail: 0, notApplicable: 0, inconclusive: 0, error: 0, notSupported: 0 },
    faults: { atStart: [], switched: ownJam },
    ...patch,
  });

beforeEach(() => {
  useBench.setState({ ...initialBenchState, link: 'open', loaded: true, chargers: { QA2: aCharger('QA2', { virtual: true }) } });
});
afterEach(() => {
  cleanup();
  useBench.setState(initialBenchState);
});

describe("the run's own steps", () => {
  it('are no "Faults injected" on the run page nor in the case it ran in', async () => {
    const user = userEvent.setup();
    render(withBench(fakeClient({ 'tests:cases': () => cases, 'tests:get': () => run() }), screens, '/test-runs/run-1'));
    const list = await screen.findByRole('list', { name: 'Cases of the run' });
    expect(screen.queryByRole('alert', { name: 'Faults injected' })).toBeNull();
    await user.click(within(list).getByRole('button', { name: /^TC_030_CS/ }));
    expect(within(screen.getByRole('article', { name: 'Case TC_030_CS' })).queryByRole('alert', { name: 'Fault injected during the case' })).toBeNull();
  });

  it('are no "Faults injected" while the run runs with the lock the run jammed on', async () => {
    useBench.setState({ virtualChargers: { QA2: { id: 'QA2', faults: { ...Faults.parse({}), stuckConnector: true } } as unknown as VirtualChargerView } });
    const running = run({ state: 'running', finishedAt: null, faults: { atStart: [], switched: [ownJam[0]!] } } as Partial<RunResult>);
    render(withBench(fakeClient({ 'tests:cases': () => cases, 'tests:get': () => running }), screens, '/test-runs/run-1'));
    await screen.findByRole('list', { name: 'Cases of the run' });
    expect(screen.queryByRole('alert', { name: 'Faults injected' })).toBeNull();
  });

  it('compare equal with a run without them; a person’s Stuck connector for the whole run still differs', () => {
    const clean = run({ id: 'run-2', faults: { atStart: [], switched: [] } });
    expect(runDifferences(run(), clean)).toEqual([]);
    const person = run({ id: 'run-3', faults: { atStart: ['Stuck connector'], switched: [] } });
    expect(runDifferences(person, run())).toContain('Faults injected: Stuck connector in A, none in B');
  });
});

describe("a person's timed Offline that ended by itself", () => {
  it('is said switched off by itself, in the case it ended in', async () => {
    const timed: FaultSwitched[] = [
      { at: '2025-01-01T10:00:05.000Z', caseId: 'TC_030_CS', on: ['Offline (5 s)'], off: [] },
      { at: '2025-01-01T10:00:10.000Z', caseId: 'TC_030_CS', on: [], off: ['Offline (5 s)'], by: 'itself' },
    ];
    render(withBench(fakeClient({ 'tests:cases': () => cases, 'tests:get': () => run({ faults: { atStart: [], switched: [...timed, ...ownJam] } }) }), screens, '/test-runs/run-1'));
    const said = await screen.findByRole('alert', { name: 'Faults injected' });
    expect(said.textContent).toContain(
      `Faults injected: Offline (5 s) switched on at ${formatClock('2025-01-01T10:00:05.000Z')} during TC_030_CS; Offline (5 s) switched off by itself at ${formatClock('2025-01-01T10:00:10.000Z')} during TC_030_CS.`,
    );
    expect(said.textContent).not.toContain('Stuck connector');
  });
});
