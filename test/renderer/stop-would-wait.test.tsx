// @vitest-environment jsdom
// Stop's confirmation when a Stop would first wait for the charger to come back (the run just reset it, or it
// dropped a moment ago: the run's view says so, stopWouldWait): a test run's and a commissioning's say that
// Stop waits up to 30 s for it and puts it back, Stop without waiting then leaving it as it is, never that it
// "ends now" with the charger "not waited for". A test run's words follow the run's events.
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { formatClock } from '../../src/shared/format/time';
import type { RunResult } from '../../src/shared/api/test-runs';
import type { StopWouldWait } from '../../src/shared/api/stop-waiting';
import { fakeClient } from './fake-client';
import { view } from './commissioning-fixtures';
import { offlineCP001, RESET_AT, runChanged, runningOnCP001, showChecks, showRun } from './stop-wait-fixtures';

// The charger went offline: it reboots after the run's Reset.
offlineCP001();

const would: StopWouldWait = { why: { kind: 'reset', at: RESET_AT, droppedAt: null }, seconds: 30 };
const waits = `Stop waits up to 30 s for CP001 to come back (the run reset it at ${formatClock(RESET_AT)}) and puts it back; Stop without waiting then leaves it as it is.`;

const running = (patch: Partial<RunResult> = {}): RunResult => runningOnCP001('run-ww', { step: 'Step 2: Charger reboots', ...patch });

const dialogText = () => screen.getByRole('dialog').textContent ?? '';

describe("a test run's Stop confirmation", () => {
  it('says Stop waits for the charger the run just reset and puts it back, not that nothing waits for it', async () => {
    const client = fakeClient({ 'tests:cases': () => [], 'tests:get': () => running({ stopWouldWait: would }), 'tests:stop': () => null });
    showRun(client, 'run-ww');
    fireEvent.click(await screen.findByRole('button', { name: 'Stop run…' }));
    await waitFor(() => expect(dialogText()).toContain(waits));
    expect(dialogText()).not.toMatch(/Nothing waits for it|It ends now|cannot be put back while it is offline/);
  });

  it('follows the run: the event that says a Stop would wait changes the words', async () => {
    const client = fakeClient({ 'tests:cases': () => [], 'tests:get': () => running(), 'tests:stop': () => null });
    showRun(client, 'run-ww');
    fireEvent.click(await screen.findByRole('button', { name: 'Stop run…' }));
    await waitFor(() => expect(dialogText()).toContain('Nothing waits for it'));
    runChanged(client, running(), { stopWouldWait: would });
    await waitFor(() => expect(dialogText()).toContain(waits));
    expect(dialogText()).not.toContain('Nothing waits for it');
  });
});

describe("a commissioning's Stop confirmation", () => {
  it('says Stop waits for the charger the run just reset and puts it back, not that it is not waited for', async () => {
    const client = fakeClient({ 'commissioning:prompt': () => null, 'commissioning:stop': () => null });
    const v = view({ state: 'running', running: { stepId: 'C9_RESET', step: null, stopWouldWait: would } });
    showChecks(client, v);
    fireEvent.click(screen.getByRole('button', { name: 'Stop' }));
    await waitFor(() => expect(dialogText()).toContain(waits));
    expect(dialogText()).not.toMatch(/not waited for|ends now/);
  });
});
