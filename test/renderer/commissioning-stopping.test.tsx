// @vitest-environment jsdom
// A commissioning after Stop, until its run has ended: the checks step says what the run still waits for
// (not "Running: … — Step 8: Charger sends meter values" beside "Stopping after this step…"), and once it
// has ended, what putting the charger back did not do because of the Stop.
import { describe, expect, it } from 'vitest';
import { act, screen, waitFor } from '@testing-library/react';
import { fakeClient } from './fake-client';
import { open, result, view, freshCommissioningScreens } from './commissioning-fixtures';

freshCommissioningScreens();

const stopping = 'Stopped: the charger is offline, so it is not asked anything (putting the charger back after Test session is skipped and recorded as not done); ending the run';

describe('a commissioning winding down after Stop', () => {
  it('says what the run still waits for, and the Stop button that it is stopping', async () => {
    const running = view({ state: 'running', verdict: 'incomplete', running: { stepId: 'C8_SESSION', step: 'Step 8: Charger sends meter values', stopping } });
    const client = fakeClient({ 'commissioning:get': () => running });
    open(client, '/commissioning/c1?step=checks');
    const status = await screen.findByRole('status', { name: '' });
    expect(status.textContent).toBe(`Test session ended unfinished. ${stopping}…`);
    const button = screen.getByRole('button', { name: 'Stopping…' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    // What it waits for next, as the bench tells it.
    act(() =>
      client.emit([
        {
          type: 'commissioningChanged',
          commissioning: {
            id: 'c1',
            chargerId: 'CP001',
            site: 'Depot Nord',
            location: 'Bay 4',
            state: 'running',
            verdict: 'incomplete',
            createdAt: '',
            updatedAt: '',
            running: { stepId: 'C8_SESSION', step: null, stopping: 'Stopped: recording how the run ended' },
          },
          ts: new Date().toISOString(),
        },
      ]),
    );
    await waitFor(() => expect(screen.getByRole('status', { name: '' }).textContent).toBe('Test session ended unfinished. Stopped: recording how the run ended…'));
  });

  it('lists, once the stopped run has ended, what putting the charger back did not do', async () => {
    const problems = [
      'stopping transaction 7 (it may still run on the charger): not done: the run was stopped while the charger was offline',
      'asking for the cable in connector 1 to be unplugged: not done: the run was stopped while the charger was offline',
    ];
    const stopped = view({
      state: 'finished',
      verdict: 'incomplete',
      steps: [
        { id: 'C3_IDENTITY', title: 'Identity and clock', section: '3', result: result({}), attempts: 1 },
        {
          id: 'C8_SESSION',
          title: 'Test session',
          section: '8',
          attempts: 1,
          result: result({ id: 'C8_SESSION', title: 'Test session', section: '8', verdict: 'inconclusive', cleanupProblems: problems }),
        },
      ],
      lastRun: { outcome: 'stopped', startedAt: '2025-01-01T10:00:00.000Z', finishedAt: '2025-01-01T10:02:00.000Z', steps: ['C8_SESSION'], stoppedIn: 'C8_SESSION' },
    });
    open(fakeClient({ 'commissioning:get': () => stopped }), '/commissioning/c1?step=checks');
    const alert = await screen.findByRole('alert', { name: 'Not put back after the Stop' });
    expect(alert.textContent).toContain('The run was stopped during Test session; putting the charger back after it was not finished:');
    expect([...alert.querySelectorAll('li')].map((li) => li.textContent)).toEqual(problems);
  });
});
