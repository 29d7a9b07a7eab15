// @vitest-environment jsdom
// "Set password…" on a built-in virtual charger while a commissioning or a test run runs on it: the new
// password makes the charger reconnect mid-check, so the dialog says what it interrupts (the step or the
// test case, by name) and asks first; nothing is sent until confirmed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { VirtualChargersScreen } from '../../src/renderer/src/features/virtual/VirtualChargersScreen';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import type { CommissioningListItem, CommissioningView } from '../../src/shared/api/commissioning';
import type { RunListItem } from '../../src/shared/api/test-runs';
import { fakeClient, withBench, type Handlers } from './fake-client';
import { aRunResult } from './builders';
import { aVirtualCharger } from './virtual-fixtures';

beforeEach(() => useBench.setState(initialBenchState, true));
afterEach(cleanup);

const ts = '2026-11-21T10:00:00.000Z';
const PASSWORD = 'correct-horse-battery-staple';

function showing(handlers: Handlers) {
  useBench.setState({ loaded: true, link: 'open', virtualChargers: { VCP1: aVirtualCharger('VCP1') } });
  const client = fakeClient({
    'settings:get': () => ({ requirePassword: false }) as never,
    'virtualChargers:act': ({ id }) => ({ charger: aVirtualCharger(id, { definition: { ...aVirtualCharger().definition, hasPassword: true } }) }) as never,
    ...handlers,
  });
  render(withBench(client, <VirtualChargersScreen />, '/virtual'));
  return client;
}

const commissioning: CommissioningListItem = {
  id: 'com-1',
  chargerId: 'VCP1',
  site: 'Depot Nord',
  location: 'Bay 3',
  state: 'running',
  verdict: 'incomplete',
  createdAt: ts,
  updatedAt: ts,
};

const running: RunListItem = {
  id: 'run-7',
  chargerId: 'VCP1',
  startedAt: ts,
  finishedAt: null,
  state: 'running',
  summary: { pass: 0, fail: 0, notApplicable: 0, inconclusive: 0, error: 0, notSupported: 0 },
};

async function openPassword(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole('button', { name: 'Set the password of VCP1' }));
  return screen.getByRole('dialog', { name: 'Password of virtual charger VCP1' });
}

describe('setting a virtual charger\u2019s password while something runs on it', () => {
  it('names the commissioning and its step, and sends only once asked and confirmed', async () => {
    const client = showing({
      'tests:list': () => [],
      'commissioning:list': () => [commissioning],
      'commissioning:get': () =>
        ({
          ...commissioning,
          running: { stepId: 'C6_SESSION', step: 'charging' },
          steps: [
            { id: 'C3_IDENTITY', title: 'Identity and clock', section: '3', result: null, attempts: 0 },
            { id: 'C6_SESSION', title: 'Test charging session', section: '6', result: null, attempts: 0 },
          ],
        }) as unknown as CommissioningView,
    });
    const user = userEvent.setup({ delay: null });
    const dialog = await openPassword(user);
    const warning = await within(dialog).findByText(/is being commissioned \(Depot Nord, Bay 3\)/);
    await waitFor(() => expect(warning.textContent).toContain(`A new password makes VCP1 reconnect at once, mid-way through the commissioning's current check, the step "Test charging session".`));

    await user.paste(PASSWORD);
    await user.click(within(dialog).getByRole('button', { name: 'Set password…' }));
    const ask = await screen.findByRole('dialog', { name: 'Set the password of VCP1 now?' });
    expect(within(ask).getByText(/the step "Test charging session"/)).toBeTruthy();
    expect(client.callsOf('virtualChargers:act')).toEqual([]);
    await user.click(within(ask).getByRole('button', { name: 'Set password and interrupt' }));
    await waitFor(() => expect(client.callsOf('virtualChargers:act')).toEqual([{ id: 'VCP1', action: 'set-password', body: { password: PASSWORD } }]));
  });

  it('names the test run\u2019s case in progress, follows it to the next case, and a Cancel sends nothing', async () => {
    const client = showing({
      'tests:list': () => [running],
      'commissioning:list': () => [],
      'tests:get': () => aRunResult({ id: 'run-7', state: 'running', finishedAt: null, caseId: 'TC_003_CS' }),
    });
    const user = userEvent.setup({ delay: null });
    const dialog = await openPassword(user);
    expect(await within(dialog).findByText(/A test run is running on VCP1: .* mid-way through the test run's current case, test case TC_003_CS\./)).toBeTruthy();
    act(() => client.emit([{ type: 'testRunChanged', run: { ...running, caseId: 'TC_004_1_CS', step: null }, ts }]));
    expect(await within(dialog).findByText(/test case TC_004_1_CS\./)).toBeTruthy();

    await user.paste(PASSWORD);
    await user.click(within(dialog).getByRole('button', { name: 'Set password…' }));
    const ask = await screen.findByRole('dialog', { name: 'Set the password of VCP1 now?' });
    await user.click(within(ask).getByRole('button', { name: 'Cancel' }));
    expect(client.callsOf('virtualChargers:act')).toEqual([]);
  });

  it('asks nothing more when nothing runs on the charger', async () => {
    const client = showing({ 'tests:list': () => [], 'commissioning:list': () => [] });
    const user = userEvent.setup({ delay: null });
    const dialog = await openPassword(user);
    await user.paste(PASSWORD);
    await user.click(await within(dialog).findByRole('button', { name: 'Set password' }));
    await waitFor(() => expect(client.callsOf('virtualChargers:act')).toHaveLength(1));
    expect(screen.queryByRole('dialog', { name: 'Set the password of VCP1 now?' })).toBeNull();
  });
});
