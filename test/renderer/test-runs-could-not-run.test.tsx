// @vitest-environment jsdom
// A run the bench could not carry out (its charger's configuration unreadable, the charger never connected)
// reads as such on its page and in the history, with why and how many cases it did not run: not as a run
// somebody stopped, and with no "No verdict yet". While a run waits for an offline charger before its first
// case, its page says so: since when the charger is offline, how long the run waits, and what happens then.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { TestRunsScreen } from '../../src/renderer/src/features/test-runs/TestRunsScreen';
import { RunScreen } from '../../src/renderer/src/features/test-runs/RunScreen';
import type { CaseInfo, RunListItem, RunResult } from '../../src/shared/api/test-runs';
import { aCharger, fakeClient, routed, withBench } from './fake-client';
import { aRunResult } from './builders';

const cases: CaseInfo[] = [
  { id: 'TC_017_1_CS', title: 'Unlock Connector - With Charging Session', profile: 'Core', section: '2.7.1', decisions: [], notSupported: null },
  { id: 'TC_040_1_CS', title: 'Configuration keys', profile: 'Core', section: '3.1', decisions: [], notSupported: null },
];

const none = { pass: 0, fail: 0, notApplicable: 0, inconclusive: 0, error: 0, notSupported: 0 };
const reason = "GetConfiguration got no answer (timeout): the charger's capabilities cannot be read";

const broken = (patch: Partial<RunResult> = {}): RunResult =>
  aRunResult({
    id: 'run-9',
    chargerId: 'CP001',
    virtual: true,
    fakeTime: false,
    state: 'error',
    error: reason,
    pics: null,
    planned: ['TC_017_1_CS', 'TC_040_1_CS'],
    cases: [],
    summary: none,
    ...patch,
  });

const screens = routed({ '/test-runs': <TestRunsScreen />, '/test-runs/:id': <RunScreen /> });

beforeEach(() => {
  useBench.setState({ ...initialBenchState, link: 'open', loaded: true, chargers: { CP001: aCharger('CP001') } });
});
afterEach(() => {
  cleanup();
  useBench.setState(initialBenchState);
});

describe('a run the bench could not carry out', () => {
  it('reads Could not run on its page, with why and the cases it did not run; not Stopped, not "No verdict yet"', async () => {
    const client = fakeClient({ 'tests:cases': () => cases, 'tests:get': () => broken() });
    render(withBench(client, screens, '/test-runs/run-9'));
    const alert = await screen.findByRole('alert', { name: 'Could not run' });
    expect(alert.textContent).toBe(`The bench could not carry this run out: ${reason}. 2 of 2 planned cases were not run.`);
    expect(screen.getByText('Could not run')).toBeTruthy();
    expect(screen.getByText(/could not be carried out$/)).toBeTruthy();
    expect(screen.queryByText('Stopped')).toBeNull();
    expect(screen.queryByText(/stopped before the end/)).toBeNull();
    expect(screen.queryByText('No verdict yet')).toBeNull();
    expect(screen.getByText('2 not run (the run could not be carried out)')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'TC_017_1_CS: notRun' })).toBeTruthy();
  });

  it('reads Could not run in the history, with why and how many of its cases it did not run', async () => {
    const item: RunListItem = {
      id: 'run-9',
      chargerId: 'CP001',
      startedAt: '2025-01-01T10:00:00Z',
      finishedAt: '2025-01-01T10:00:30Z',
      state: 'error',
      summary: none,
      planned: 2,
      error: reason,
      wallMs: 30_000,
    };
    const client = fakeClient({ 'tests:cases': () => cases, 'tests:list': () => [item], 'commissioning:list': () => [] });
    render(withBench(client, screens, '/test-runs'));
    const table = await screen.findByRole('table', { name: 'Test runs' });
    const row = (await within(table).findByText('Could not run')).closest('tr')!;
    expect(row.textContent).toContain(reason);
    expect(row.textContent).toContain('2 of 2 cases not run');
    expect(row.textContent).toContain('No case ran');
    expect(row.textContent).not.toContain('Stopped');
    expect(row.textContent).not.toContain('No verdict yet');
  });
});

describe('a run waiting for its charger before the first case', () => {
  const waiting = (): RunResult =>
    broken({
      state: 'running',
      error: undefined,
      finishedAt: null,
      wallStartedAt: new Date(Date.now() - 60_000).toISOString(),
      caseId: null,
      step: null,
      data: { ...broken().data, operatorTimeoutS: 300 },
    });

  it('says the charger is offline since when, how long the run waits for it, and that it then ends as Could not run', async () => {
    const lastSeen = new Date(Date.now() - 10 * 60_000).toISOString();
    useBench.setState({ chargers: { CP001: aCharger('CP001', { connected: false, lastSeen }) } });
    const client = fakeClient({ 'tests:cases': () => cases, 'tests:get': () => waiting() });
    render(withBench(client, screens, '/test-runs/run-9'));
    const status = await screen.findByRole('alert', { name: 'Current step' });
    expect(status.textContent).toMatch(
      /^Waiting for CP001 to connect: it is offline \(last seen \S.*\)\. The run waits up to 5 min for it \(until \S.*\); if it does not connect by then, the run ends as Could not run and no case is run\.$/,
    );
    expect(status.textContent).not.toContain('Reading what the charger supports');
  });

  it('reads the charger once it is connected', async () => {
    const client = fakeClient({ 'tests:cases': () => cases, 'tests:get': () => waiting() });
    render(withBench(client, screens, '/test-runs/run-9'));
    expect((await screen.findByRole('alert', { name: 'Current step' })).textContent).toBe('Reading what the charger supports (its configuration keys) before the first case…');
  });
});
