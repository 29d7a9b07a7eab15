// @vitest-environment jsdom
// A run's page open while the run runs: when the run's own step jams the lock (TC_030_CS), the charger's live
// view shows Stuck connector on, and the run's record of it arrives with testRunChanged: the page says no
// "Faults injected" for it; a switch a person turns on meanwhile still shows.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { RunScreen } from '../../src/renderer/src/features/test-runs/RunScreen';
import type { CaseInfo, FaultSwitched, RunResult } from '../../src/shared/api/test-runs';
import type { BenchEvent } from '../../src/shared/api/events';
import { Faults, type VirtualChargerView } from '../../src/shared/api/virtual-chargers';
import { aCharger, fakeClient, routed, withBench } from './fake-client';
import { aRunResult } from './builders';

const screens = routed({ '/test-runs/:id': <RunScreen /> });
const cases: CaseInfo[] = [{ id: 'TC_030_CS', title: 'Unlock failure', profile: 'Core', section: '2.5.3', decisions: [], notSupported: null }];
const ts = '2025-01-01T10:00:10.000Z';
const running: RunResult = aRunResult({
  id: 'run-1',
  chargerId: 'QA2',
  virtual: true,
  planned: ['TC_030_CS'],
  cases: [],
  state: 'running',
  finishedAt: null,
  summary: { pass: 0, fail: 0, notApplicable: 0, inconclusive: 0, error: 0, notSupported: 0 },
  faults: { atStart: [], switched: [] },
});
const jam: FaultSwitched = { at: ts, caseId: 'TC_030_CS', on: ['Stuck connector'], off: [], by: 'run' };
const changed = (switched?: FaultSwitched[]): BenchEvent => ({
  type: 'testRunChanged',
  run: {
    id: 'run-1',
    chargerId: 'QA2',
    startedAt: running.startedAt,
    finishedAt: null,
    state: 'running',
    summary: running.summary,
    caseId: 'TC_030_CS',
    step: 'Step 2: Operator jams the connector lock',
    ...(switched && { faults: { atStart: [], switched } }),
  },
  ts,
});
const vcp = (faults: Partial<Faults>) => ({ QA2: { id: 'QA2', faults: { ...Faults.parse({}), ...faults } } as unknown as VirtualChargerView });

beforeEach(() => {
  useBench.setState({ ...initialBenchState, link: 'open', loaded: true, chargers: { QA2: aCharger('QA2', { virtual: true }) }, virtualChargers: vcp({}) });
});
afterEach(() => {
  cleanup();
  useBench.setState(initialBenchState);
});

describe("a run's page open when the run's own step jams the lock", () => {
  it('says no "Faults injected" once the run tells its record of the switch; a person\'s switch still shows', async () => {
    const client = fakeClient({ 'tests:cases': () => cases, 'tests:get': () => running });
    render(withBench(client, screens, '/test-runs/run-1'));
    await screen.findByRole('list', { name: 'Cases of the run' });
    act(() => client.emit([changed()]));
    expect(screen.queryByRole('alert', { name: 'Faults injected' })).toBeNull();

    // The charger's live view and the run's record of the jam, in either order.
    act(() => useBench.setState({ virtualChargers: vcp({ stuckConnector: true }) }));
    act(() => client.emit([changed([jam])]));
    expect(screen.queryByRole('alert', { name: 'Faults injected' })).toBeNull();
    // A later step event (no switch recorded) keeps the record the page has.
    act(() => client.emit([changed()]));
    expect(screen.queryByRole('alert', { name: 'Faults injected' })).toBeNull();

    // A person switches card authorization failures on meanwhile: injected, said (the jam still not).
    act(() => useBench.setState({ virtualChargers: vcp({ stuckConnector: true, authFailure: true }) }));
    const said = screen.getByRole('alert', { name: 'Faults injected' });
    expect(said.textContent).toContain('switched on during the run');
    expect(said.textContent).not.toContain('Stuck connector');
  });
});
