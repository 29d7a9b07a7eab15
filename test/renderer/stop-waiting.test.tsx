// @vitest-environment jsdom
// A Stop that waits for the charger to come back (the run just reset it): a test run's page and a
// commissioning's checks say so ("Stopping: waiting up to 30 s for CP001 to come back to put it back (the
// run reset it at …)"), with "Stop without waiting", whose caption says it leaves the charger as it is, and
// which asks the bench to stop again (ending the wait). The words follow the run's events: gone once the
// stop has taken effect.
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { formatClock } from '../../src/shared/format/time';
import type { RunResult } from '../../src/shared/api/test-runs';
import type { StopWaiting } from '../../src/shared/api/stop-waiting';
import { fakeClient } from './fake-client';
import { view } from './commissioning-fixtures';
import { offlineCP001, RESET_AT, runChanged, runningOnCP001, showChecks, showRun } from './stop-wait-fixtures';

offlineCP001();

const waiting: StopWaiting = { waitingFor: 'CP001', why: { kind: 'reset', at: RESET_AT, droppedAt: null }, until: '2025-01-01T10:02:45.000Z', seconds: 30 };
const words = `Stopping: waiting up to 30 s for CP001 to come back to put it back (the run reset it at ${formatClock(RESET_AT)})`;
const caption = 'Stops the run now and leaves CP001 as it is: what putting it back would take is listed in the report as not done.';

const running = (patch: Partial<RunResult> = {}): RunResult => runningOnCP001('run-cb', patch);

const notice = () => screen.queryByRole('status', { name: 'Stop waiting for the charger' });

describe("a test run's Stop waiting for the charger to come back", () => {
  it('says what it waits for, and "Stop without waiting" stops again, saying it leaves the charger as it is', async () => {
    const client = fakeClient({ 'tests:cases': () => [], 'tests:get': () => running({ stopWaiting: waiting }), 'tests:stop': () => null });
    showRun(client, 'run-cb');
    await waitFor(() => expect(notice()?.textContent).toContain(words));
    expect(notice()!.textContent).toContain(caption);
    expect(screen.getByRole('button', { name: /Stopping: waiting for CP001/ })).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByRole('button', { name: 'Stop without waiting' }));
    await waitFor(() => expect(client.callsOf('tests:stop')).toEqual([{ runId: 'run-cb' }]));
  });

  it('follows the run: the words come with the event that says the stop waits, and go once it has taken effect', async () => {
    const client = fakeClient({ 'tests:cases': () => [], 'tests:get': () => running(), 'tests:stop': () => null });
    showRun(client, 'run-cb');
    await screen.findByRole('button', { name: 'Stop run…' });
    expect(notice()).toBeNull();
    const changed = (stopWaiting: StopWaiting | null) => runChanged(client, running(), { stopWaiting });
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
    showChecks(client, v);
    await waitFor(() => expect(notice()?.textContent).toContain(words));
    expect(notice()!.textContent).toContain(caption);
    expect(screen.getByRole('button', { name: 'Stopping…' })).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByRole('button', { name: 'Stop without waiting' }));
    await waitFor(() => expect(client.callsOf('commissioning:stop')).toEqual([{ id: 'c1' }]));
  });
});
