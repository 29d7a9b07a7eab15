// @vitest-environment jsdom
// A run made on a fake clock (`chargebench test --virtual`): its startedAt and finishedAt are the
// charger's time, its wall-clock start and finish are recorded beside them. The run page and the
// comparison show the wall-clock times, as the reports do, not the charger's.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { RunScreen } from '../../src/renderer/src/features/test-runs/RunScreen';
import { CompareScreen } from '../../src/renderer/src/features/test-runs/CompareScreen';
import { formatTime, zoneLabel } from '../../src/renderer/src/components/format';
import type { CaseInfo, RunResult } from '../../src/shared/api/test-runs';
import { fakeClient, withBench, aCharger } from './fake-client';
import { aRunResult } from './builders';

const cases: CaseInfo[] = [{ id: 'TC_003_CS', title: 'Regular Charging Session - Plugin First', profile: 'Core', section: '2.2.1', decisions: [], notSupported: null }];

/** Made on a fake clock: the charger's time ran 25 h ahead in 3 s of wall time, from a fake clock started a day off. */
const run = (patch: Partial<RunResult> = {}): RunResult =>
  aRunResult({
    finishedAt: '2025-01-02T11:00:00.000Z',
    wallStartedAt: '2025-03-04T08:15:00.000Z',
    wallFinishedAt: '2025-03-04T08:15:03.000Z',
    ms: 25 * 3600_000,
    ...patch,
  });

const screens = (
  <Routes>
    <Route path="/test-runs/compare" element={<CompareScreen />} />
    <Route path="/test-runs/:id" element={<RunScreen />} />
  </Routes>
);

beforeEach(() => {
  useBench.setState({ ...initialBenchState, link: 'open', loaded: true, chargers: { VCP1: aCharger('VCP1', { virtual: true }) } });
});

afterEach(() => {
  cleanup();
  useBench.setState(initialBenchState);
});

describe('a run made on a fake clock', () => {
  it('shows its wall-clock start and finish on the run page, not the charger clock’s', async () => {
    const client = fakeClient({ 'tests:cases': () => cases, 'tests:get': () => run() });
    render(withBench(client, screens, '/test-runs/run-1'));
    const line = await screen.findByText(/ · started /);
    expect(line.textContent).toContain(`started ${formatTime('2025-03-04T08:15:00.000Z')}`);
    expect(line.textContent).toContain(`finished ${formatTime('2025-03-04T08:15:03.000Z')}`);
    expect(line.textContent).toContain('took 3.0 s (');
    expect(line.textContent).not.toContain(formatTime('2025-01-01T10:00:00.000Z'));
    expect(line.textContent).not.toContain(formatTime('2025-01-02T11:00:00.000Z'));
  });

  it('works the wall-clock finish out from the start and wallMs for a fake-clock run kept before the finish was recorded', async () => {
    const client = fakeClient({ 'tests:cases': () => cases, 'tests:get': () => run({ wallFinishedAt: undefined }) });
    render(withBench(client, screens, '/test-runs/run-1'));
    const line = await screen.findByText(/ · started /);
    expect(line.textContent).toContain(`finished ${formatTime('2025-03-04T08:15:03.000Z')}`);
  });

  it('says no finish while the run runs', async () => {
    const client = fakeClient({ 'tests:cases': () => cases, 'tests:get': () => run({ state: 'running', finishedAt: null, wallFinishedAt: null, cases: [] }) });
    render(withBench(client, screens, '/test-runs/run-1'));
    const line = await screen.findByText(/ · started /);
    expect(line.textContent).toContain(`started ${formatTime('2025-03-04T08:15:00.000Z')}`);
    expect(line.textContent).not.toContain('finished');
  });

  it('shows and orders the runs compared by their wall-clock start', async () => {
    // A: on a fake clock that started far ahead, but run first; B: in real time, a day later on the wall.
    const a = run({ id: 'run-a', startedAt: '2025-06-01T00:00:00.000Z', finishedAt: '2025-06-02T01:00:00.000Z' });
    const b = run({
      id: 'run-b',
      startedAt: '2025-03-05T08:15:00.000Z',
      finishedAt: '2025-03-05T08:20:00.000Z',
      wallStartedAt: '2025-03-05T08:15:00.000Z',
      wallFinishedAt: '2025-03-05T08:20:00.000Z',
      fakeTime: false,
      ms: 300_000,
      wallMs: 300_000,
    });
    const runs = { 'run-a': a, 'run-b': b } as Record<string, RunResult>;
    const client = fakeClient({ 'tests:cases': () => cases, 'tests:get': ({ runId }) => runs[runId]! });
    render(withBench(client, screens, '/test-runs/compare?a=run-b&b=run-a'));
    const first = await screen.findByRole('region', { name: 'Run A' });
    expect(within(first).getByRole('link').textContent).toBe(`VCP1, ${formatTime('2025-03-04T08:15:00.000Z')} (${zoneLabel(Date.parse('2025-03-04T08:15:00.000Z'))})`);
    expect(within(first).getByText(/the earlier run/)).toBeTruthy();
    expect(within(screen.getByRole('region', { name: 'Run B' })).getByRole('link').textContent).toBe(
      `VCP1, ${formatTime('2025-03-05T08:15:00.000Z')} (${zoneLabel(Date.parse('2025-03-05T08:15:00.000Z'))})`,
    );
  });
});
