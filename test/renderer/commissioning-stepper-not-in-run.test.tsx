// @vitest-environment jsdom
// The steps of the plan while a run of some of them is in progress: only the steps the run was asked to run
// and that have not run yet say "Waiting"; the others show their last result, or "Not run yet" (nothing
// queues them). With no run in progress, no step waits.
import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { fakeClient } from './fake-client';
import { open, view, result, freshCommissioningScreens } from './commissioning-fixtures';

freshCommissioningScreens();

const startedAt = '2025-01-01T11:00:00.000Z';
/** Four steps: identity passed earlier; a run of two (the baseline, running now, and the unlock) in progress; the session never run. */
const runOfTwo = () =>
  view({
    state: 'running',
    running: { stepId: 'C5_BASELINE', step: 'Step 1: Bench sets HeartbeatInterval to 300' },
    lastRun: { outcome: 'running', startedAt, finishedAt: null, steps: ['C5_BASELINE', 'C9_UNLOCK'], stoppedIn: null },
    steps: [
      { id: 'C3_IDENTITY', title: 'Identity and clock', section: '3', result: result({}), attempts: 1 },
      { id: 'C5_BASELINE', title: 'Configuration baseline', section: '5', result: null, attempts: 0 },
      { id: 'C8_SESSION', title: 'Test session', section: '8', result: null, attempts: 0 },
      { id: 'C9_UNLOCK', title: 'Unlock each connector', section: '9', result: null, attempts: 0 },
    ],
  });

const chipOf = (steps: HTMLElement, name: string) => within(within(steps).getByRole('listitem', { name })).queryByText(/^(Waiting|Not run yet|Running|Pass|Fail)$/)?.textContent;

describe('the stepper during a run of some steps', () => {
  it('says Waiting only for the steps of the run still to come; the others show their result or that they never ran', async () => {
    open(fakeClient({ 'commissioning:get': () => runOfTwo() }), '/commissioning/c1?step=checks');
    const steps = await screen.findByRole('list', { name: 'Steps of the plan' });
    expect(chipOf(steps, 'Configuration baseline')).toBe('Running');
    expect(chipOf(steps, 'Unlock each connector')).toBe('Waiting');
    expect(chipOf(steps, 'Identity and clock')).toBe('Pass');
    expect(chipOf(steps, 'Test session')).toBe('Not run yet');
  });

  it('shows no step waiting when no run is in progress', async () => {
    open(fakeClient({ 'commissioning:get': () => view() }), '/commissioning/c1?step=checks');
    const steps = await screen.findByRole('list', { name: 'Steps of the plan' });
    expect(within(steps).queryByText('Waiting')).toBeNull();
    expect(chipOf(steps, 'Test session')).toBe('Not run yet');
  });
});
