// @vitest-environment jsdom
// Stop's confirmation when a Stop would first wait for the charger to come back (the run just reset it, or it
// dropped a moment ago: the run's view says so, stopWouldWait): a test run's and a commissioning's say that
// Stop waits up to 30 s for it and puts it back, Stop without waiting then leaving it as it is, never that it
// "ends now" with the charger "not waited for". A test run's words follow the run's events.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { RunScreen } from '../../src/renderer/src/features/test-runs/RunScreen';
import { ChecksStep } from '../../src/renderer/src/features/commissioning/ChecksStep';
import { formatClock } from '../../src/shared/format/time';
import type { RunResult } from '../../src/shared/api/test-runs';
import type { StopWouldWait } from '../../src/shared/api/stop-waiting';
import { aCharger, fakeClient, routed, stubResizeObserver, withBench } from './fake-client';
import { aRunResult } from './builders';
import { view } from './commissioning-fixtures';

stubResizeObserver();

const RESET_AT = '2025-01-01T10:02:13.000Z';
const would: StopWouldWait = { why: { kind: 'reset', at: RESET_AT, droppedAt: null }, seconds: 30 };
const waits = `Stop waits up to 30 s for CP001 to come back (the run reset it at ${formatClock(RESET_AT)}) and puts it back; Stop without waiting then leaves it as it is.`;

const running = (patch: Partial<RunResult> = {}): RunResult =>
  aRunResult({
    id: 'run-ww',
    chargerId: 'CP001',
    virtual: false,
    fakeTime: false,
    state: 'running',
    finishedAt: null,
    planned: ['TC_013_CS', 'TC_019_CS'],
    cases: [],
    caseId: 'TC_013_CS',
    step: 'Step 2: Charger reboots',
    ...patch,
  });

beforeEach(() => {
  // The charger went offline: it reboots after the run's Reset.
  useBench.setState({ ...initialBenchState, link: 'open', loaded: true, chargers: { CP001: aCharger('CP001', { connected: false }) } });
});
afterEach(() => {
  cleanup();
  useBench.setState(initialBenchState);
});

const dialogText = () => screen.getByRole('dialog').textContent ?? '';

describe("a test run's Stop confirmation", () => {
  it('says Stop waits for the charger the run just reset and puts it back, not that nothing waits for it', async () => {
    const client = fakeClient({ 'tests:cases': () => [], 'tests:get': () => running({ stopWouldWait: would }), 'tests:stop': () => null });
    render(withBench(client, routed({ '/test-runs/:id': <RunScreen /> }), '/test-runs/run-ww'));
    fireEvent.click(await screen.findByRole('button', { name: 'Stop run…' }));
    await waitFor(() => expect(dialogText()).toContain(waits));
    expect(dialogText()).not.toMatch(/Nothing waits for it|It ends now|cannot be put back while it is offline/);
  });

  it('follows the run: the event that says a Stop would wait changes the words', async () => {
    const client = fakeClient({ 'tests:cases': () => [], 'tests:get': () => running(), 'tests:stop': () => null });
    render(withBench(client, routed({ '/test-runs/:id': <RunScreen /> }), '/test-runs/run-ww'));
    fireEvent.click(await screen.findByRole('button', { name: 'Stop run…' }));
    await waitFor(() => expect(dialogText()).toContain('Nothing waits for it'));
    const { id, chargerId, startedAt, finishedAt, state, summary } = running();
    act(() =>
      client.emit([
        { type: 'testRunChanged', run: { id, chargerId, startedAt, finishedAt, state, summary, planned: 2, caseId: 'TC_013_CS', step: 'Step 2: Charger reboots', stopWouldWait: would }, ts: RESET_AT },
      ]),
    );
    await waitFor(() => expect(dialogText()).toContain(waits));
    expect(dialogText()).not.toContain('Nothing waits for it');
  });
});

describe("a commissioning's Stop confirmation", () => {
  it('says Stop waits for the charger the run just reset and puts it back, not that it is not waited for', async () => {
    const client = fakeClient({ 'commissioning:prompt': () => null, 'commissioning:stop': () => null });
    const v = view({ state: 'running', running: { stepId: 'C9_RESET', step: null, stopWouldWait: would } });
    render(withBench(client, <ChecksStep view={v} live={{ view: v, error: null, readAt: null, stale: false, reload: () => undefined, show: () => undefined }} />));
    fireEvent.click(screen.getByRole('button', { name: 'Stop' }));
    await waitFor(() => expect(dialogText()).toContain(waits));
    expect(dialogText()).not.toMatch(/not waited for|ends now/);
  });
});
