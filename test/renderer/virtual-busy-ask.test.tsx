// @vitest-environment jsdom
// A built-in virtual charger's card while a test run or a commissioning runs on it: the card says so (the
// case or the step by name), and Drop connection, Power cycle, Unplug, Set fault and switching a fault on
// ask first, naming what they interrupt, and send only once confirmed; with nothing running, they go at once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { VirtualChargersScreen } from '../../src/renderer/src/features/virtual/VirtualChargersScreen';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import type { CommissioningListItem, CommissioningView } from '../../src/shared/api/commissioning';
import type { RunListItem } from '../../src/shared/api/test-runs';
import { fakeClient, withBench, type Handlers } from './fake-client';
import { aRunResult } from './builders';
import { aVirtualCharger, aVirtualConnector } from './virtual-fixtures';

beforeEach(() => useBench.setState(initialBenchState, true));
afterEach(cleanup);

const ts = '2026-11-21T10:00:00.000Z';
const plugged = aVirtualCharger('VCP1', { connectors: [aVirtualConnector(1, { plugged: true, status: 'Preparing' })] });

function showing(handlers: Handlers) {
  useBench.setState({ loaded: true, link: 'open', virtualChargers: { VCP1: plugged } });
  const client = fakeClient({
    'virtualChargers:act': () => ({ charger: plugged }) as never,
    'virtualChargers:setFaults': () => plugged,
    ...handlers,
  });
  render(withBench(client, <VirtualChargersScreen />, '/virtual'));
  return client;
}

const running: RunListItem = {
  id: 'run-7',
  chargerId: 'VCP1',
  startedAt: ts,
  finishedAt: null,
  state: 'running',
  summary: { pass: 0, fail: 0, notApplicable: 0, inconclusive: 0, error: 0, notSupported: 0 },
};
const testRun: Handlers = {
  'tests:list': () => [running],
  'commissioning:list': () => [],
  'tests:get': () => aRunResult({ id: 'run-7', state: 'running', finishedAt: null, caseId: 'TC_003_CS' }),
};

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
const commissioningRun: Handlers = {
  'tests:list': () => [],
  'commissioning:list': () => [commissioning],
  'commissioning:get': () =>
    ({
      ...commissioning,
      running: { stepId: 'C5_CARD', step: 'checking' },
      steps: [{ id: 'C5_CARD', title: 'Card reader', section: '5', result: null, attempts: 0 }],
    }) as unknown as CommissioningView,
};

const card = () => within(screen.getByRole('region', { name: 'Virtual charger VCP1' }));
/** Lets the reads of what runs on the charger answer. */
const settle = () => act(async () => new Promise((r) => setTimeout(r, 0)));

describe('the Virtual chargers screen while something runs on the charger', () => {
  it('with nothing running: no chip, and Drop connection, Unplug and a fault switch go at once, until a run starts there', async () => {
    const client = showing({ 'tests:list': () => [], 'commissioning:list': () => [] });
    const user = userEvent.setup({ delay: null });
    await settle();
    expect(card().queryByText(/Test run running|Commissioning running/)).toBeNull();
    await user.click(card().getByRole('button', { name: 'Drop connection' }));
    await waitFor(() => expect(client.callsOf('virtualChargers:act')).toEqual([{ id: 'VCP1', action: 'drop-connection', body: {} }]));
    await user.click(card().getByRole('button', { name: 'Unplug cable from connector 1' }));
    await waitFor(() => expect(client.callsOf('virtualChargers:act')).toHaveLength(2));
    await user.click(card().getByRole('button', { name: /Fault switches/ }));
    await user.click(card().getByRole('switch', { name: 'Session start fails' }));
    await waitFor(() => expect(client.callsOf('virtualChargers:setFaults')).toEqual([{ id: 'VCP1', faults: { sessionStartFailure: true } }]));
    expect(screen.queryByRole('dialog')).toBeNull();

    // A test run starting on it: said on the card at once, and Drop connection asks from then on.
    act(() => client.emit([{ type: 'testRunChanged', run: { ...running, caseId: 'TC_009_CS', step: null }, ts }]));
    expect(await card().findByText('Test run running: TC_009_CS')).toBeTruthy();
    await user.click(card().getByRole('button', { name: 'Drop connection' }));
    expect(await screen.findByRole('dialog', { name: 'Drop the connection of VCP1 now?' })).toBeTruthy();
    expect(client.callsOf('virtualChargers:act')).toHaveLength(2);
  });

  it('a test run: the card names its case, and Drop connection asks first naming it, sending only once confirmed', async () => {
    const client = showing(testRun);
    const user = userEvent.setup({ delay: null });
    expect(await card().findByText('Test run running: TC_003_CS')).toBeTruthy();
    await user.click(card().getByRole('button', { name: 'Drop connection' }));
    const ask = await screen.findByRole('dialog', { name: 'Drop the connection of VCP1 now?' });
    expect(within(ask).getByText(/A test run is running on VCP1: .*Dropping the connection disconnects VCP1 at once, mid-way through the test run's current case, test case TC_003_CS\./)).toBeTruthy();
    expect(client.callsOf('virtualChargers:act')).toEqual([]);
    await user.click(within(ask).getByRole('button', { name: 'Drop connection and interrupt' }));
    await waitFor(() => expect(client.callsOf('virtualChargers:act')).toEqual([{ id: 'VCP1', action: 'drop-connection', body: {} }]));
  });

  it('a test run: Unplug and Power cycle ask first, and Cancel sends nothing', async () => {
    const client = showing(testRun);
    const user = userEvent.setup({ delay: null });
    await card().findByText('Test run running: TC_003_CS');
    await user.click(card().getByRole('button', { name: 'Unplug cable from connector 1' }));
    const unplug = await screen.findByRole('dialog', { name: 'Unplug the cable from connector 1 of VCP1 now?' });
    expect(within(unplug).getByText(/test case TC_003_CS/)).toBeTruthy();
    await user.click(within(unplug).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await user.click(card().getByRole('button', { name: 'Power cycle' }));
    const cycle = await screen.findByRole('dialog', { name: 'Power cycle VCP1?' });
    expect(within(cycle).getByText(/A power cycle cuts the power of VCP1, which boots again, at once, mid-way through .* test case TC_003_CS/)).toBeTruthy();
    await user.click(within(cycle).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(client.callsOf('virtualChargers:act')).toEqual([]);
    await user.click(card().getByRole('button', { name: 'Power cycle' }));
    await user.click(within(await screen.findByRole('dialog', { name: 'Power cycle VCP1?' })).getByRole('button', { name: 'Power cycle VCP1 and interrupt' }));
    await waitFor(() => expect(client.callsOf('virtualChargers:act')).toEqual([{ id: 'VCP1', action: 'power-cycle', body: {} }]));
  });

  it('a test run: Set fault on a connector says what it interrupts, its button saying so', async () => {
    const client = showing(testRun);
    const user = userEvent.setup({ delay: null });
    await card().findByText('Test run running: TC_003_CS');
    await user.click(card().getByRole('button', { name: 'Fault connector 1' }));
    const dialog = await screen.findByRole('dialog', { name: 'Fault connector 1' });
    expect(within(dialog).getByText(/A fault puts connector 1 of VCP1 in Faulted at once, mid-way through .* test case TC_003_CS/)).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Set fault and interrupt' }));
    await waitFor(() => expect(client.callsOf('virtualChargers:act')).toEqual([{ id: 'VCP1', action: 'fault', body: { connectorId: 1, errorCode: 'OtherError' } }]));
  });

  it('a commissioning: the card names its step, and switching a fault on asks first naming it', async () => {
    const client = showing(commissioningRun);
    const user = userEvent.setup({ delay: null });
    expect(await card().findByText('Commissioning running: step Card reader')).toBeTruthy();
    await user.click(card().getByRole('button', { name: /Fault switches/ }));
    await user.click(card().getByRole('switch', { name: 'Session start fails' }));
    const ask = await screen.findByRole('dialog', { name: 'Switch on "Session start fails" on VCP1 now?' });
    expect(within(ask).getByText(/VCP1 is being commissioned \(Depot Nord, Bay 3\).* mid-way through the commissioning's current check, the step "Card reader"\./)).toBeTruthy();
    expect(client.callsOf('virtualChargers:setFaults')).toEqual([]);
    await user.click(within(ask).getByRole('button', { name: 'Switch on and interrupt' }));
    await waitFor(() => expect(client.callsOf('virtualChargers:setFaults')).toEqual([{ id: 'VCP1', faults: { sessionStartFailure: true } }]));
  });

  it('while what runs is not read yet, asks too, and nothing can be confirmed until it is', async () => {
    const client = showing({ 'tests:list': () => new Promise<never>(() => undefined), 'commissioning:list': () => [] });
    const user = userEvent.setup({ delay: null });
    await user.click(card().getByRole('button', { name: 'Drop connection' }));
    const ask = await screen.findByRole('dialog', { name: 'Drop the connection of VCP1 now?' });
    expect(within(ask).getByText('Reading what runs on VCP1…')).toBeTruthy();
    expect((within(ask).getByRole('button', { name: 'Drop connection' }) as HTMLButtonElement).disabled).toBe(true);
    expect(client.callsOf('virtualChargers:act')).toEqual([]);
  });
});
