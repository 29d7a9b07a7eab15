// The Stop-wait tests' bench: CP001 offline (it reboots after the run's Reset, at RESET_AT), a real charger's
// test run on it in TC_013_CS; a test run's page and a commissioning's checks shown with a fake client, and
// the run's events as the bench tells them.
import { afterEach, beforeEach } from 'vitest';
import { act, cleanup, render } from '@testing-library/react';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { RunScreen } from '../../src/renderer/src/features/test-runs/RunScreen';
import { ChecksStep } from '../../src/renderer/src/features/commissioning/ChecksStep';
import type { RunListItem, RunResult } from '../../src/shared/api/test-runs';
import type { CommissioningView } from '../../src/shared/api/commissioning';
import { aCharger, routed, stubResizeObserver, withBench, type FakeClient } from './fake-client';
import { aRunResult } from './builders';

export const RESET_AT = '2025-01-01T10:02:13.000Z';

/** Each test begins with CP001 offline on a live link, and ends with the page and the store cleared. */
export function offlineCP001(): void {
  stubResizeObserver();
  beforeEach(() => {
    useBench.setState({ ...initialBenchState, link: 'open', loaded: true, chargers: { CP001: aCharger('CP001', { connected: false }) } });
  });
  afterEach(() => {
    cleanup();
    useBench.setState(initialBenchState);
  });
}

/** Run `id` on CP001, running TC_013_CS of TC_013_CS and TC_019_CS, as `patch` changes it. */
export const runningOnCP001 = (id: string, patch: Partial<RunResult> = {}): RunResult =>
  aRunResult({
    id,
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

/** The run's page of `runId`. */
export const showRun = (client: FakeClient, runId: string) => render(withBench(client, routed({ '/test-runs/:id': <RunScreen /> }), `/test-runs/${runId}`));

/** A commissioning's checks, showing `v` as live. */
export const showChecks = (client: FakeClient, v: CommissioningView) =>
  render(withBench(client, <ChecksStep view={v} live={{ view: v, error: null, readAt: null, stale: false, reload: () => undefined, show: () => undefined }} />));

/** The bench tells the run changed: `run`'s list item with its case and step, as `patch` changes them. */
export function runChanged(client: FakeClient, run: RunResult, patch: Partial<RunListItem>): void {
  const { id, chargerId, startedAt, finishedAt, state, summary, caseId, step } = run;
  act(() =>
    client.emit([
      { type: 'testRunChanged', run: { id, chargerId, startedAt, finishedAt, state, summary, planned: run.planned?.length, caseId: caseId ?? null, step: step ?? null, ...patch }, ts: RESET_AT },
    ]),
  );
}
