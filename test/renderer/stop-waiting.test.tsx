// @vitest-environment jsdom
// A Stop that waits for the charger to come back (the run just reset it): a test run's page and a
// commissioning's checks say so ("Stopping: waiting up to 30 s for CP001 to come back to put it back (the
// run reset it at …)"), with "Stop without waiting", whose caption says it leaves the charger as it is, and
// which asks the bench to stop again (ending the wait). The words follow the run's events: gone once the
// stop has taken effect.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { RunScreen } from '../../src/renderer/src/features/test-runs/RunScreen';
import { ChecksStep } from '../../src/renderer/src/features/commissioning/ChecksStep';
import { formatClock } from '../../src/shared/format/time';
import type { RunResult } from '../../src/shared/api/test-runs';
import type { StopWaiting } from '../../src/shared/api/stop-waiting';
import { aCharger, fakeClient, routed, stubResizeObserver, withBench } from './fake-client';
import { aRunResult } from './builders';
import { view } from './commissioning-fixtures';

stubResizeObserver();

const RESET_AT = '2025-01-01T10:02:13.000Z';
const waiting: StopWaiting = { waitingFor: 'CP001', why: { kind: 'reset', at: RESET_AT, droppedAt: null }, until: '2025-01-01T10:02:45.000Z', seconds: 30 };
const words = `Stopping: waiting up to 30 s for CP001 to come back to put it back (the run reset it at ${formatClock(RESET_AT)})`;
const caption = 'Stops the run now and leaves CP001 as it is: what putting it back would take is listed in the report as not done.';

const running = (patch: Partial<RunResult> = {}): RunResult =>
  aRunResult({
    id: 'run-cb',
    chargerId: 'CP001',
    virtual: false,
    fakeTime: false,
    state: 'running',
    finishedAt: null,
    planned: ['TC_013_CS', 'TC_019_CS'],
    cases: [],
    caseId: 'TC_013_CS',
    step: null,
    ...patch,
  });

beforeEach(() => {
  useBench.setState({ ...initialBenchState, link: 'open', loaded: true, chargers: { CP001: aCharger('CP001', { connected: false }) } });
});
afterEach(() => {
  cleanup();
  useBench.setState(initialBenchState);
});

const notice = () => screen.queryByRole('status', { name: 'Stop waiting for the charger' });

describe("a test run's Stop waiting for the charger to come back", () => {
  it('says what it waits for, and "Stop without waiting" stops again, saying it leaves the charger as it is', async () => {
    const client = fakeClient({ 'tests:cases': () => [], 'tests:get': () => running({ stopWaiting: waiting }), 'tests:stop': () => null });
    render(withBench(client, routed({ '/test-runs/:id': <RunScreen /> }), '/test-runs/run-cb'));
    await waitFor(() => expect(notice()?.textContent).toContain(words));
    expect(notice()!.textContent).toContain(caption);
    expect(screen.getByRole('button', { name: /Stopping: waiting for CP001/ })).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByRole('button', { name: 'Stop without waiting' }));
    await waitFor(() => expect(client.callsOf('tests:stop')).toEqual([{ runId: 'run-cb' }]));
  });

  it('follows the run: the words come with the event that says the stop waits, and go once it has taken effect', async () => {
    const client = fakeClient({ 'tests:cases': () => [], 'tests:get': () => running(), 'tests:stop': () => null });
    render(withBench(client, routed({ '/test-runs/:id': <RunScreen /> }), '/test-runs/run-cb'));
    await screen.findByRole('button', { name: 'Stop run…' });
    expect(notice()).toBeNull();
    const changed = (stopWaiting: StopWaiting | null) => {
      const { id, chargerId, startedAt, finishedAt, state, summary } = running();
      act(() => client.emit([{ type: 'testRunChanged', run: { id, chargerId, startedAt, finishedAt, state, summary, planned: 2, caseId: 'TC_013_CS', step: null, stopWaiting }, ts: RESET_AT }]));
    };
    changed(waiting);
    await waitFor(() => expect(notice()?.textContent).toContain(words));
    changed(null);
    await waitFor(() => expect(notice()).toBeNull());
  });
});

describe("a commissioning's Stop waiting for the charger to come back", () => {
  it('says what it waits for on the checks, and "Stop without waiting" stops again', async () => {
    const client = fakeClient({ 'commissioning:prompt': () => null, 'commissioning:stop': () => null });
    const v = view({ state: 'running', running: { stepId: 'C8_SESSION', step: null, stopWaiting: waiting } });
    render(withBench(client, <ChecksStep view={v} live={{ view: v, error: null, readAt: null, stale: false, reload: () => undefined, show: () => undefined }} />));
    await waitFor(() => expect(notice()?.textContent).toContain(words));
    expect(notice()!.textContent).toContain(caption);
    expect(screen.getByRole('button', { name: 'Stopping…' })).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByRole('button', { name: 'Stop without waiting' }));
    await waitFor(() => expect(client.callsOf('commissioning:stop')).toEqual([{ id: 'c1' }]));
  });
});
