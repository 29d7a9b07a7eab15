// @vitest-environment jsdom
// While every step runs again, the step running now shows Running, its result (the last run's: replaced when
// the step ends) said as the last run's, never as this run's: not opened as a failure, no "What to do:", no red
// border. The last run's notes of a step waiting or running are said as the last run's, and do not open it.
import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { fakeClient } from './fake-client';
import { open, view, result, baselineFailed, freshCommissioningScreens } from './commissioning-fixtures';

freshCommissioningScreens();

const startedAt = '2025-01-01T11:00:00.000Z';
const note = { at: '2025-01-01T10:00:30.000Z', text: 'The charger was offline for 28 s during the session', messageId: null, note: true as const };
const sessionWithNote = result({ id: 'C8_SESSION', title: 'Test session', section: '8', verdict: 'pass', observations: [note] });

const again = (runningStepId: string) =>
  view({
    state: 'running',
    running: { stepId: runningStepId, step: 'Step 1: Bench sets AllowOfflineTxForUnknownId to false' },
    lastRun: { outcome: 'running', startedAt, finishedAt: null, steps: ['C3_IDENTITY', 'C5_BASELINE', 'C8_SESSION'], stoppedIn: null },
    steps: [
      { id: 'C3_IDENTITY', title: 'Identity and clock', section: '3', result: result({ startedAt: '2025-01-01T11:00:01.000Z' }), attempts: 2 },
      { id: 'C5_BASELINE', title: 'Configuration baseline', section: '5', result: baselineFailed, attempts: 1 },
      { id: 'C8_SESSION', title: 'Test session', section: '8', result: sessionWithNote, attempts: 1 },
    ],
  });

const itemOf = (steps: HTMLElement, name: string) => within(steps).getByRole('listitem', { name });
const expandedOf = (item: HTMLElement) => item.querySelector('[aria-expanded]')?.getAttribute('aria-expanded');

describe('a step running again whose last result was Fail (f1)', () => {
  it('shows Running, the Fail as the last run’s, not opened and without “What to do:”', async () => {
    open(fakeClient({ 'commissioning:get': () => again('C5_BASELINE') }), '/commissioning/c1?step=checks');
    const steps = await screen.findByRole('list', { name: 'Steps of the plan' });
    const baseline = itemOf(steps, 'Configuration baseline');
    expect(within(baseline).getByText('Running')).toBeTruthy();
    expect(baseline.textContent).toContain('last run: Fail');
    expect(expandedOf(baseline)).toBe('false');
    expect(within(baseline).queryByText('What to do:')).toBeNull();
    expect(baseline.textContent).toContain('Below, the result of the last run (Fail)');
  });
});

describe('the last run’s notes of a step this run has yet to reach or is running (f1)', () => {
  for (const running of ['C5_BASELINE', 'C8_SESSION']) {
    it(`are said as the last run’s and do not open the step (${running === 'C8_SESSION' ? 'running' : 'waiting'})`, async () => {
      open(fakeClient({ 'commissioning:get': () => again(running) }), '/commissioning/c1?step=checks');
      const steps = await screen.findByRole('list', { name: 'Steps of the plan' });
      const session = itemOf(steps, 'Test session');
      expect(session.textContent).toContain('1 note of the last run');
      expect(expandedOf(session)).toBe('false');
      expect(within(session).getByLabelText('Note on Test session').textContent).toContain('Note of the last run: ');
    });
  }
});

describe('the last step of the run, ended while the run ends (its step still the one named running)', () => {
  it('shows its fresh result as this run’s, not as the last run’s', async () => {
    // The run's last step (C3 here) has its result of this run; the bench still names it while it ends the run.
    open(fakeClient({ 'commissioning:get': () => again('C3_IDENTITY') }), '/commissioning/c1?step=checks');
    const steps = await screen.findByRole('list', { name: 'Steps of the plan' });
    const identity = itemOf(steps, 'Identity and clock');
    expect(identity.textContent).not.toContain('last run');
    expect(identity.textContent).not.toContain('Below, the result of the last run');
  });
});
