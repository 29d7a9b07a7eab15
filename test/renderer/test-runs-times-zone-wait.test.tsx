// @vitest-environment jsdom
// A conformance run's screens say the truth about time: the run's page, the history and a comparison name
// the zone of their local times (the reports are UTC: in Berlin "7 Dec, 00:23" is the reports' 6 Dec);
// a case's frames count from the case's start live as they do once it has ended (the same frame, the same
// "+47.535 s", the header saying so); the live step says how long the bench waits and counts it down; and a
// stopped run's page says when, by what and what putting the charger back came to.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { RunScreen } from '../../src/renderer/src/features/test-runs/RunScreen';
import { RunHistory } from '../../src/renderer/src/features/test-runs/RunHistory';
import { CompareScreen } from '../../src/renderer/src/features/test-runs/CompareScreen';
import { CaseDetail } from '../../src/renderer/src/features/test-runs/CaseDetail';
import { formatClock } from '../../src/renderer/src/components/format';
import type { CaseFrame, RunListItem, RunResult } from '../../src/shared/api/test-runs';
import type { ChargerView } from '../../src/shared/api/views';
import { aCharger, fakeClient, inTimeZone, routed, withBench } from './fake-client';
import { aCaseResult, aRunResult } from './builders';

// The QA engineer's browser in Berlin (UTC+01:00 in December).
inTimeZone('Europe/Berlin');
beforeEach(() => {
  useBench.setState({ ...initialBenchState, link: 'open', loaded: true, chargers: { REAL01: aCharger('REAL01', { virtual: false }) as ChargerView } });
});
afterEach(() => {
  cleanup();
  useBench.setState(initialBenchState);
  vi.useRealTimers();
});

const started = '2026-12-06T23:23:23.988Z';
const finished = aRunResult({
  id: 'run-a',
  chargerId: 'REAL01',
  virtual: false,
  fakeTime: false,
  startedAt: started,
  wallStartedAt: started,
  finishedAt: '2026-12-06T23:30:00.000Z',
  wallFinishedAt: '2026-12-06T23:30:00.000Z',
});
const screens = routed({ '/test-runs/compare': <CompareScreen />, '/test-runs/:id': <RunScreen /> });

describe('the zone of the times on the run screens', () => {
  it("the run's page names the zone of its local times", async () => {
    const client = fakeClient({ 'tests:cases': () => [], 'tests:get': () => finished });
    render(withBench(client, screens, '/test-runs/run-a'));
    await screen.findByRole('list', { name: 'Cases of the run' });
    const head = screen.getByText(/started /).textContent!;
    expect(head).toMatch(/started 7 Dec 2026, 00:23:23|started Dec 7, 2026/);
    expect(head).toContain('UTC+01:00');
  });

  it('the history says the zone in its Started header', async () => {
    const item: RunListItem = { id: 'run-a', chargerId: 'REAL01', startedAt: started, finishedAt: finished.finishedAt, state: 'finished', summary: finished.summary, wallStartedAt: started };
    const client = fakeClient({ 'tests:list': () => [item] });
    render(withBench(client, <RunHistory charger="" onCharger={() => undefined} />));
    await screen.findByRole('table', { name: 'Test runs' });
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toContain('Started (UTC+01:00)');
  });

  it('a comparison says the zone by each run', async () => {
    const b = { ...finished, id: 'run-b' };
    const client = fakeClient({ 'tests:cases': () => [], 'tests:get': ({ runId }) => (runId === 'run-a' ? finished : b) });
    render(withBench(client, screens, '/test-runs/compare?a=run-a&b=run-b'));
    const runA = await screen.findByRole('region', { name: 'Run A' });
    expect(within(runA).getByRole('link').textContent).toContain('(UTC+01:00)');
  });
});

const caseStart = '2026-12-06T23:24:00.000Z';
/** The BootNotification answered Rejected, 47.535 s into TC_001_CS. */
const frame: CaseFrame = {
  ts: '2026-12-06T23:24:47.535Z',
  direction: 'in',
  kind: 'CALL',
  messageId: 'boot-1',
  action: 'BootNotification',
  raw: '[2,"boot-1","BootNotification",{"chargePointVendor":"V","chargePointModel":"M"}]',
  error: null,
};
const running = (patch: Partial<RunResult> = {}): RunResult =>
  aRunResult({
    id: 'run-live',
    chargerId: 'REAL01',
    virtual: false,
    fakeTime: false,
    state: 'running',
    finishedAt: null,
    planned: ['TC_001_CS', 'TC_003_CS'],
    cases: [],
    caseId: 'TC_001_CS',
    caseStartedAt: caseStart,
    step: 'Step 2: Charger sends BootNotification (answered Rejected)',
    ...patch,
  });

describe("a case's frames, live and once it has ended", () => {
  it('count from the case start both ways, and the header says so', async () => {
    const client = fakeClient({ 'tests:cases': () => [], 'tests:get': () => running(), 'messages:page': () => [{ id: 1, chargerId: 'REAL01', ...frame }] as never });
    render(withBench(client, screens, '/test-runs/run-live'));
    const live = await screen.findByRole('table', { name: 'Frames of TC_001_CS so far' });
    expect(within(live).getAllByRole('columnheader')[0]!.textContent).toBe('+s since the case started');
    await within(live).findByText('+47.535 s');
    cleanup();

    // The same frame once the case has ended: the same time.
    render(<CaseDetail result={aCaseResult({ id: 'TC_001_CS', startedAt: caseStart, frames: [frame] })} />);
    const done = screen.getByRole('table', { name: 'Frames of TC_001_CS' });
    expect(within(done).getAllByRole('columnheader')[0]!.textContent).toBe('+s since the case started');
    expect(within(done).getByText('+47.535 s')).toBeTruthy();
  });
});

describe('the live step', () => {
  it('says how long it waits at most and counts down to its deadline', async () => {
    // The browser's clock and its ticks in the test's hands: the countdown is seen going down.
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    vi.setSystemTime(Date.parse('2026-12-06T23:25:00.000Z'));
    const deadline = new Date(Date.now() + 90_000).toISOString();
    const client = fakeClient({ 'tests:cases': () => [], 'tests:get': () => running({ stepWait: { withinS: 120, deadline } }), 'messages:page': () => [] });
    render(withBench(client, screens, '/test-runs/run-live'));
    const wait = await screen.findByLabelText('How long the step waits');
    expect(wait.textContent).toContain('Waits up to 2 min');
    const left = () => /(\d+) min (\d+) s left \(until (.+)\)|(\d+) s left \(until (.+)\)/.exec(wait.textContent!);
    expect(left()?.slice(1, 4)).toEqual(['1', '30', formatClock(deadline)]);
    // The page's effects (its ticking among them) in place first, then the seconds pass.
    const pass = async (ms: number) => {
      await act(async () => undefined);
      await act(async () => void vi.advanceTimersByTime(ms));
    };
    await pass(5_000);
    expect(left()?.slice(1, 4)).toEqual(['1', '25', formatClock(deadline)]);
    await pass(80_000);
    expect(left()?.slice(4)).toEqual(['5', formatClock(deadline)]);
  });

  it("moves to the next step's limit as the bench says it", async () => {
    const client = fakeClient({ 'tests:cases': () => [], 'tests:get': () => running(), 'messages:page': () => [] });
    render(withBench(client, screens, '/test-runs/run-live'));
    await screen.findByLabelText('Current step');
    expect(screen.queryByLabelText('How long the step waits')).toBeNull();
    const deadline = new Date(Date.now() + 30_000).toISOString();
    const base = running();
    client.emit([
      {
        type: 'testRunChanged',
        run: {
          id: base.id,
          chargerId: base.chargerId,
          startedAt: base.startedAt,
          finishedAt: null,
          state: 'running',
          summary: base.summary,
          caseId: 'TC_001_CS',
          caseStartedAt: caseStart,
          step: 'Step 3: Bench sends ChangeAvailability',
          stepWait: { withinS: 30, deadline },
        },
        ts: new Date().toISOString(),
      },
    ]);
    const wait = await screen.findByLabelText('How long the step waits');
    expect(wait.textContent).toMatch(/^Waits up to 30 s · (\d+) s left/);
  });
});

describe("a stopped run's page", () => {
  it('says when and by what it was stopped, what it cut short and what the put-back came to', async () => {
    const stopped = aRunResult({
      ...finished,
      id: 'run-s',
      state: 'stopped',
      cases: [aCaseResult({ id: 'TC_010_CS', verdict: 'inconclusive' })],
      stop: {
        by: 'signal',
        signal: 'SIGINT',
        requestedAt: '2026-12-06T23:29:00.000Z',
        at: '2026-12-06T23:29:00.000Z',
        caseId: 'TC_010_CS',
        step: 'Step 2: Charger sends StatusNotification',
        putBack: { after: 'TC_010_CS', problems: [] },
      },
    });
    const client = fakeClient({ 'tests:cases': () => [], 'tests:get': () => stopped });
    render(withBench(client, screens, '/test-runs/run-s'));
    const said = (await screen.findByLabelText('How the run was stopped')).textContent!;
    expect(said).toContain('by Ctrl-C (SIGINT) to the CLI, during TC_010_CS at Step 2: Charger sends StatusNotification');
    expect(said).toContain('Put back after TC_010_CS: nothing was left undone.');
    expect(said).toMatch(/Stopped at 7 Dec 2026, 00:29:00|Stopped at Dec 7, 2026/);
  });
});
