// @vitest-environment jsdom
// A run started while the charger is offline waits for it to connect: the checks step, its stepper and the
// Stop confirmation say so as the bench does ("waiting for CP001 to connect before Configuration baseline;
// 1 step requested"), count the steps requested (one step run again is "0 of 1", not the plan's "3 of 3"),
// and never name a step in progress ("starting", "none") that does not exist.
import { describe, expect, it } from 'vitest';
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useBench } from '../../src/renderer/src/stores/bench';
import { checksNote } from '../../src/renderer/src/features/commissioning/progress';
import { fakeClient } from './fake-client';
import { open, view, freshCommissioningScreens } from './commissioning-fixtures';

freshCommissioningScreens();

const waiting = 'waiting for CP001 to connect before Configuration baseline; 1 step requested';
const startedAt = '2025-01-01T11:00:00.000Z';
/** Every step has a result of an earlier run (the fixture's, at 10:00); the baseline is asked for again, the charger offline. */
const waitingView = () =>
  view({ state: 'running', running: { stepId: '', step: null, before: waiting }, lastRun: { outcome: 'running', startedAt, finishedAt: null, steps: ['C5_BASELINE'], stoppedIn: null } });

describe('a run waiting for an offline charger to connect', () => {
  it('says what it waits for on the status line, in the offline notice, in the stepper and in the Stop confirmation', async () => {
    const client = fakeClient({ 'commissioning:get': () => waitingView() });
    open(client, '/commissioning/c1?step=checks');
    act(() => useBench.setState((s) => ({ chargers: { ...s.chargers, CP001: { ...s.chargers.CP001, connected: false, lastSeen: new Date().toISOString() } } })));
    expect((await screen.findByRole('status', { name: '' })).textContent).toBe(`Running: ${waiting}`);
    expect(screen.getByTestId('charger-offline-notice').textContent).toContain(`The run is ${waiting}.`);
    expect(screen.getByText('Waiting to connect — 0 of 1')).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/starting|of 3\b/);
    await userEvent.click(screen.getByRole('button', { name: 'Stop' }));
    const dialog = await screen.findByRole('dialog', { name: /Stop the commissioning of CP001/ });
    expect(dialog.textContent).toContain(`No step has begun (the run is ${waiting}): the run ends now without running one, and no step’s result changes.`);
    expect(within(dialog).queryByText(/\(none\)/)).toBeNull();
  });

  it('counts a run of one step as the steps requested while it runs', () => {
    const running = view({
      state: 'running',
      running: { stepId: 'C5_BASELINE', step: 'Step 1: Bench sets HeartbeatInterval to 300' },
      lastRun: { outcome: 'running', startedAt, finishedAt: null, steps: ['C5_BASELINE'], stoppedIn: null },
    });
    expect(checksNote(running).text).toBe('Running — 0 of 1');
  });
});
