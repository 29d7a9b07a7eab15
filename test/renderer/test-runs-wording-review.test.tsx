// @vitest-environment jsdom
// The Test runs screens word what they show truthfully: an offline charger is said "offline (last seen …)"
// (its last frame: the page does not know when its connection closed), never "offline since" that time; a
// stopped run's note ends each sentence once, even after a step title with its own full stop; and a step's
// countdown never starts above the step's limit ("Waits up to 1 min 30 s · 1 min 31 s left").
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { RunScreen } from '../../src/renderer/src/features/test-runs/RunScreen';
import { ChargerOfflineAlert, stopWords } from '../../src/renderer/src/features/test-runs/LiveWords';
import { LiveCase, beforeFirstCase } from '../../src/renderer/src/features/test-runs/RunParts';
import { formatClock } from '../../src/renderer/src/components/format';
import type { ChargerView } from '../../src/shared/api/views';
import { aCharger, fakeClient, routed, withBench } from './fake-client';
import { aCaseResult, aRunResult } from './builders';

const now = Date.parse('2026-12-06T01:45:00.000Z');
const lastFrame = '2026-12-06T01:42:24.000Z';
const running = { state: 'running' as const, finishedAt: null, chargerId: 'REAL01', virtual: false, fakeTime: false, startedAt: '2026-12-06T01:40:00.000Z', wallStartedAt: '2026-12-06T01:40:00.000Z' };
const offlineCharger = aCharger('REAL01', { connected: false, lastSeen: lastFrame, virtual: false });

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(now);
  useBench.setState({ ...initialBenchState, link: 'open', loaded: true, chargers: { REAL01: aCharger('REAL01', { virtual: false }) as ChargerView } });
});
afterEach(() => {
  cleanup();
  useBench.setState(initialBenchState);
  vi.useRealTimers();
});

describe('an offline charger on a run is said last seen, not offline since its last frame', () => {
  it("the alert during a case: 'REAL01 offline (last seen 01:42:24)'", () => {
    const run = aRunResult({ ...running, planned: ['TC_003_CS'], cases: [] });
    render(<ChargerOfflineAlert run={run} current={{ caseId: 'TC_003_CS', step: 'Step 1: Plug' }} charger={offlineCharger} />);
    const alert = screen.getByRole('alert', { name: 'Charger offline' }).textContent!;
    expect(alert).toContain(`REAL01 offline (last seen ${formatClock(lastFrame)})`);
    expect(alert).not.toContain('offline since');
  });

  it("the wait before the first case and Stop's words say last seen too", () => {
    const run = aRunResult({ ...running, planned: ['TC_003_CS'], cases: [] });
    const waiting = beforeFirstCase(run, offlineCharger, now);
    expect(waiting).toContain(`Waiting for REAL01 to connect: it is offline (last seen ${formatClock(lastFrame)}).`);
    expect(waiting).not.toContain('offline since');
    const stop = stopWords(run, { caseId: 'TC_003_CS', step: 'Step 1: Plug' }, {}, offlineCharger, now).join(' ');
    expect(stop).toContain(`REAL01 is offline (last seen ${formatClock(lastFrame)}): it cannot be put back while it is offline`);
    expect(stop).not.toMatch(/since \d/);
  });
});

describe("a stopped run's note", () => {
  it('ends the stop sentence once after a step title that ends with a full stop', async () => {
    const stopped = aRunResult({
      ...running,
      id: 'run-s',
      state: 'stopped',
      finishedAt: '2026-12-06T01:44:00.000Z',
      wallFinishedAt: '2026-12-06T01:44:00.000Z',
      cases: [aCaseResult({ id: 'TC_004_1_CS', verdict: 'inconclusive' })],
      stop: {
        by: 'stop',
        requestedAt: '2026-12-06T01:43:00.000Z',
        at: '2026-12-06T01:43:00.000Z',
        caseId: 'TC_004_1_CS',
        step: 'Step 1: Present the idTag (or press its start/stop button).',
        putBack: { after: 'TC_004_1_CS', problems: [] },
      },
    });
    const client = fakeClient({ 'tests:cases': () => [], 'tests:get': () => stopped });
    render(withBench(client, routed({ '/test-runs/:id': <RunScreen /> }), '/test-runs/run-s'));
    const said = (await screen.findByLabelText('How the run was stopped')).textContent!;
    expect(said).toContain('(or press its start/stop button). Put back after TC_004_1_CS: nothing was left undone.');
    expect(said).not.toContain('..');
  });
});

describe("a step's countdown", () => {
  const liveCase = (deadlineMs: number) =>
    render(
      <LiveCase
        caseId="TC_003_CS"
        step="Step 2: Charger sends StatusNotification"
        started
        frames={[]}
        framesFrom={null}
        title={null}
        frozen={null}
        stepWait={{ withinS: 90, deadline: new Date(deadlineMs).toISOString() }}
      />,
    );

  it('never starts above the limit: a part of a second over 1 min 30 s is not said "1 min 31 s"', () => {
    liveCase(now + 90_400);
    const wait = screen.getByLabelText('How long the step waits').textContent!;
    expect(wait).toContain('Waits up to 1 min 30 s · 1 min 30 s left');
  });

  it('says no more than the limit when the deadline is further off on this clock', () => {
    liveCase(now + 92_000);
    expect(screen.getByLabelText('How long the step waits').textContent).toContain('Waits up to 1 min 30 s · 1 min 30 s left');
  });

  it('counts down in whole seconds, rounded down', () => {
    liveCase(now + 45_700);
    expect(screen.getByLabelText('How long the step waits').textContent).toContain('· 45 s left');
  });
});
