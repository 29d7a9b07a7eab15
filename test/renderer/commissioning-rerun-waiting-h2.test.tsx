// @vitest-environment jsdom
// While every step runs again, a step the run has not reached yet says Waiting, as the steps of a first run
// do: its earlier verdict is said as the last run's ("last run: Fail"), never as this run's result. A step the
// run has already run again shows its new verdict.
import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { fakeClient } from './fake-client';
import { open, view, result, baselineFailed, freshCommissioningScreens } from './commissioning-fixtures';

freshCommissioningScreens();

/** The run again began at 11:00; the fixture's results are of 10:00. */
const startedAt = '2025-01-01T11:00:00.000Z';
const again = (patch: Parameters<typeof view>[0] = {}) =>
  view({
    state: 'running',
    lastRun: { outcome: 'running', startedAt, finishedAt: null, steps: ['C3_IDENTITY', 'C5_BASELINE', 'C8_SESSION'], stoppedIn: null },
    ...patch,
  });

const chipOf = (steps: HTMLElement, name: string) => within(within(steps).getByRole('listitem', { name })).queryByText(/^(Waiting|Not run yet|Running|Pass|Fail)$/)?.textContent;
const itemOf = (steps: HTMLElement, name: string) => within(steps).getByRole('listitem', { name });

describe('the steps while every step runs again', () => {
  it('say Waiting for those the run has not reached, their earlier verdict only as the last run’s', async () => {
    const v = again({ running: { stepId: 'C3_IDENTITY', step: 'Step 1: Bench asks the charger to tell who it is' } });
    open(fakeClient({ 'commissioning:get': () => v }), '/commissioning/c1?step=checks');
    const steps = await screen.findByRole('list', { name: 'Steps of the plan' });
    expect(chipOf(steps, 'Identity and clock')).toBe('Running');
    expect(chipOf(steps, 'Configuration baseline')).toBe('Waiting');
    const baseline = itemOf(steps, 'Configuration baseline');
    expect(baseline.textContent).toContain('last run: Fail');
    // Not opened as a failure of this run, nor told what to do about it.
    expect(within(baseline).queryByText('What to do:')).toBeNull();
    expect(chipOf(steps, 'Test session')).toBe('Waiting');
  });

  it('show the new verdict of a step this run has run again', async () => {
    const rerun = { ...baselineFailed, verdict: 'pass' as const, reason: null, startedAt: '2025-01-01T11:00:05.000Z' };
    const v = again({
      running: { stepId: 'C8_SESSION', step: null },
      steps: [
        { id: 'C3_IDENTITY', title: 'Identity and clock', section: '3', result: result({ startedAt: '2025-01-01T11:00:01.000Z' }), attempts: 2 },
        { id: 'C5_BASELINE', title: 'Configuration baseline', section: '5', result: rerun, attempts: 2 },
        { id: 'C8_SESSION', title: 'Test session', section: '8', result: null, attempts: 0 },
      ],
    });
    open(fakeClient({ 'commissioning:get': () => v }), '/commissioning/c1?step=checks');
    const steps = await screen.findByRole('list', { name: 'Steps of the plan' });
    expect(chipOf(steps, 'Identity and clock')).toBe('Pass');
    expect(chipOf(steps, 'Configuration baseline')).toBe('Pass');
    expect(itemOf(steps, 'Configuration baseline').textContent).not.toContain('last run');
  });

  it('once the run has ended, show every verdict as it is', async () => {
    open(
      fakeClient({ 'commissioning:get': () => view({ lastRun: { outcome: 'finished', startedAt, finishedAt: startedAt, steps: ['C3_IDENTITY', 'C5_BASELINE'], stoppedIn: null } }) }),
      '/commissioning/c1?step=checks',
    );
    const steps = await screen.findByRole('list', { name: 'Steps of the plan' });
    expect(chipOf(steps, 'Identity and clock')).toBe('Pass');
    expect(chipOf(steps, 'Configuration baseline')).toBe('Fail');
  });
});

describe('a step of a commissioning recorded before the step was renamed', () => {
  it('keeps its recorded title, and says the name it ran under when run again since', async () => {
    const unlock = result({ id: 'C9_UNLOCK', title: 'Unlock each connector', section: '9', verdict: 'pass' });
    const v = view({ steps: [...view().steps, { id: 'C9_UNLOCK', title: 'Unlock', section: '9', result: unlock, attempts: 2 }] });
    open(fakeClient({ 'commissioning:get': () => v }), '/commissioning/c1?step=checks');
    const steps = await screen.findByRole('list', { name: 'Steps of the plan' });
    expect(itemOf(steps, 'Unlock').textContent).toContain('Ran as “Unlock each connector”');
    // A step that ran under the title it is recorded by says nothing more.
    expect(itemOf(steps, 'Identity and clock').textContent).not.toContain('Ran as');
  });
});
