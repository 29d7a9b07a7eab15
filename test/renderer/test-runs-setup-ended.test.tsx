// @vitest-environment jsdom
// A run's page names the sessions the run ended before its first case (running on the charger when it began,
// a customer's too), as its reports do: how many, then each with its transaction, connector, idTag and when it
// ended (local time, as the page writes times); beside what the run could not put right then.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { RunScreen } from '../../src/renderer/src/features/test-runs/RunScreen';
import type { CaseInfo, RunResult } from '../../src/shared/api/test-runs';
import { formatClock } from '../../src/shared/format/time';
import { aCharger, fakeClient, routed, withBench } from './fake-client';
import { aRunResult } from './builders';

const cases: CaseInfo[] = [{ id: 'TC_003_CS', title: 'Regular Charging Session - Plugin First', profile: 'Core', section: '2.2.1', decisions: [], notSupported: null }];
const screens = routed({ '/test-runs/:id': <RunScreen /> });
const endedAt = '2025-01-01T10:00:03.000Z';

/** A run on a real charger, in real time, that ended a customer's session before its first case. */
const run = (patch: Partial<RunResult> = {}): RunResult =>
  aRunResult({ id: 'run-7', chargerId: 'CP001', virtual: false, fakeTime: false, wallMs: 90_000, setupEnded: [{ transactionId: 6, connectorId: 1, idTag: 'ABC', endedAt }], ...patch });

const show = async (r: RunResult) => {
  render(withBench(fakeClient({ 'tests:cases': () => cases, 'tests:get': () => r }), screens, '/test-runs/run-7'));
  await screen.findByText('Test run on CP001');
};

beforeEach(() => {
  useBench.setState({ ...initialBenchState, link: 'open', loaded: true, chargers: { CP001: aCharger('CP001') } });
});
afterEach(() => {
  cleanup();
  useBench.setState(initialBenchState);
});

describe("a run's page: the sessions the run ended before its first case", () => {
  it('names each with its transaction, connector, idTag and when it ended', async () => {
    await show(run());
    const alert = screen.getByRole('alert', { name: 'Sessions ended before the first case' });
    expect(alert.textContent).toBe(
      `Before the first case the run ended 1 session running on the charger (RemoteStopTransaction):transaction 6 on connector 1 (idTag ABC), ended at ${formatClock(endedAt)}`,
    );
  });

  it('counts several, beside what could not be put right', async () => {
    await show(
      run({
        setupEnded: [
          { transactionId: 6, connectorId: 1, idTag: 'ABC', endedAt },
          { transactionId: 7, connectorId: 2, idTag: 'DEF', endedAt },
        ],
        setupProblems: ['connector 2 is Finishing: the next case may fail'],
      }),
    );
    const alert = screen.getByRole('alert', { name: 'Sessions ended before the first case' });
    expect(alert.textContent).toContain('the run ended 2 sessions running on the charger');
    expect(alert.querySelectorAll('li')).toHaveLength(2);
    expect(alert.querySelectorAll('li')[1]!.textContent).toBe(`transaction 7 on connector 2 (idTag DEF), ended at ${formatClock(endedAt)}`);
    expect(screen.getByRole('alert', { name: 'Before the first case' }).textContent).toContain('connector 2 is Finishing');
  });

  it('says nothing of it when the run ended none', async () => {
    await show(run({ setupEnded: undefined }));
    expect(screen.queryByRole('alert', { name: 'Sessions ended before the first case' })).toBeNull();
    expect(screen.queryByText(/the run ended \d+ session/)).toBeNull();
  });
});
