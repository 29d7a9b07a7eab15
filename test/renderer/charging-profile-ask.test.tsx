// @vitest-environment jsdom
// Installing or clearing a charging profile changes the power of the sessions running where it applies: while
// one runs there (connector 0: anywhere on the charger), Set charging profile asks first, naming them and
// saying what it does to them (a TxProfile names its transaction), Cancel sending nothing and Install
// sending once; with none running there (a session the record holds open while its connector reports
// Available is not running) it sends at once, as before. Clear charging profile's confirmation says how many
// sessions run where it clears and that they may then draw more power.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { OperationsPanel } from '../../src/renderer/src/features/operations/OperationsPanel';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { fakeClient, liveBench, withBench, type FakeClient } from './fake-client';
import { aCharger, aConnector, aTransaction, completed, minutesAgo } from './builders';

let client: FakeClient;
let off: () => void = () => undefined;
/** CP001: transaction 17 (TAG-ALICE) charging on connector 2, 18 (TAG-BOB) on connector 3; connector 1 free. */
beforeEach(() => {
  client = fakeClient();
  off = liveBench(client, {
    chargers: {
      CP001: aCharger('CP001', { connectors: [aConnector(0), aConnector(1), aConnector(2, { status: 'Charging' }), aConnector(3, { status: 'Charging' })] }),
    },
    activeTransactions: { 17: aTransaction(17, 'CP001', 2, 'TAG-ALICE'), 18: aTransaction(18, 'CP001', 3, 'TAG-BOB') },
  });
});
afterEach(() => {
  cleanup();
  off();
  useBench.setState(initialBenchState);
});

function open(initial: 'SetChargingProfile' | 'ClearChargingProfile') {
  client.handlers = {
    'operations:list': () => [],
    'chargerEvents:list': () => [],
    'chargers:meterValues': () => [],
    'transactions:recentMeterValues': () => [],
    'tests:list': () => [],
    'commissioning:list': () => [],
    'chargers:operate': () => completed({ status: 'Accepted' }),
  };
  render(withBench(client, <OperationsPanel chargerId="CP001" initial={initial} />));
}
const operated = () => client.callsOf('chargers:operate');
const sent = () => operated().filter((c) => c.action === 'SetChargingProfile' || c.action === 'ClearChargingProfile');

async function pick(user: ReturnType<typeof userEvent.setup>, field: string, option: RegExp | string) {
  await user.click(screen.getByRole('combobox', { name: field }));
  await user.click(screen.getByRole('option', { name: option }));
}

/** The confirmation, once what runs on the charger has been read (its confirm button enabled). */
async function confirmation(name: RegExp) {
  const dialog = await screen.findByRole('dialog');
  await waitFor(() => expect((within(dialog).getByRole('button', { name }) as HTMLButtonElement).disabled).toBe(false));
  return within(dialog);
}

describe('Set charging profile asks first while sessions run where it applies', () => {
  it('a TxDefaultProfile on connector 0: names both sessions and what it may do to them; Cancel sends nothing', async () => {
    const user = userEvent.setup();
    open('SetChargingProfile');
    await user.click(screen.getByRole('button', { name: /^Install profile 1 on the charger/ }));
    const dialog = await confirmation(/^Install the TxDefaultProfile on CP001$/);
    expect(dialog.getByText('Install a TxDefaultProfile on CP001 while 2 sessions run?')).toBeTruthy();
    const table = dialog.getByRole('table', { name: 'Running transactions' });
    expect(within(table).getByText('TAG-ALICE')).toBeTruthy();
    expect(within(table).getByText('TAG-BOB')).toBeTruthy();
    expect(dialog.getByText(/^It may change the charging power of the sessions running now \(listed below\) at once, on every connector/)).toBeTruthy();
    await user.click(dialog.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(sent()).toEqual([]);
  });

  it('confirmed, sends the profile once', async () => {
    const user = userEvent.setup();
    open('SetChargingProfile');
    await user.click(screen.getByRole('button', { name: /^Install profile 1 on the charger/ }));
    const dialog = await confirmation(/^Install the TxDefaultProfile on CP001$/);
    await user.click(dialog.getByRole('button', { name: /^Install the TxDefaultProfile on CP001$/ }));
    await screen.findByText('SetChargingProfile: Accepted');
    expect(sent()).toHaveLength(1);
    expect(sent()[0]).toMatchObject({ chargerId: 'CP001', action: 'SetChargingProfile', payload: { connectorId: 0, csChargingProfiles: { chargingProfilePurpose: 'TxDefaultProfile' } } });
  });

  it('a TxProfile on connector 2 names the transaction it is for, and says from when it applies', async () => {
    const user = userEvent.setup();
    open('SetChargingProfile');
    await pick(user, 'Purpose', 'TxProfile');
    await pick(user, 'Connector', /^Connector 2/);
    await pick(user, 'Kind', 'Absolute');
    const start = new Date(Date.now() + 60 * 60_000);
    const p = (n: number) => String(n).padStart(2, '0');
    const local = `${start.getFullYear()}-${p(start.getMonth() + 1)}-${p(start.getDate())}T${p(start.getHours())}:${p(start.getMinutes())}`;
    const field = screen.getByLabelText('Start schedule');
    await user.clear(field);
    await user.type(field, local);
    await user.click(screen.getByRole('button', { name: /^Install profile 1 on connector 2/ }));
    const dialog = await confirmation(/^Install the TxProfile for transaction 17 on connector 2 of CP001$/);
    expect(dialog.getByText('Install a TxProfile for transaction 17 (TAG-ALICE) on connector 2 of CP001?')).toBeTruthy();
    expect(dialog.getByText(/^It limits the charging power of transaction 17 \(TAG-ALICE\) from .+ \(its schedule's start\), until that transaction ends/)).toBeTruthy();
    // Only the session it reaches is listed.
    expect(dialog.queryByText('TAG-BOB')).toBeNull();
    await user.click(dialog.getByRole('button', { name: 'Cancel' }));
    expect(sent()).toEqual([]);
  });

  it('sends at once where no session runs: on a free connector, or on the charger when the only open one is not running', async () => {
    const user = userEvent.setup();
    open('SetChargingProfile');
    await pick(user, 'Connector', /^Connector 1/);
    await user.click(screen.getByRole('button', { name: /^Install profile 1 on connector 1/ }));
    await waitFor(() => expect(sent()).toHaveLength(1));
    expect(screen.queryByRole('dialog')).toBeNull();

    // The record holds transaction 41 open on connector 1, whose connector reports Available since: not running.
    act(() =>
      useBench.setState((s) => ({
        chargers: { CP001: { ...s.chargers.CP001!, connectors: [aConnector(0), aConnector(1, { updatedAt: minutesAgo(2) }), aConnector(2), aConnector(3)] } },
        activeTransactions: { 41: aTransaction(41, 'CP001', 1, 'TAG-CAROL', { receivedAt: minutesAgo(10) }) },
      })),
    );
    await pick(user, 'Connector', /^Whole charger/);
    await user.click(screen.getByRole('button', { name: /^Install profile 1 on the charger/ }));
    await waitFor(() => expect(sent()).toHaveLength(2));
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});

describe('Clear charging profile says what clearing does to the sessions running', () => {
  it('names how many run and that they may draw more power; Cancel sends nothing, confirming sends once', async () => {
    const user = userEvent.setup();
    open('ClearChargingProfile');
    await user.click(screen.getByRole('button', { name: 'Clear all profiles…' }));
    const dialog = await confirmation(/^Clear all charging profiles of CP001$/);
    expect(dialog.getByText('Clear every charging profile of CP001 while 2 sessions run?')).toBeTruthy();
    expect(dialog.getByText(/the sessions running now \(listed below\) may draw more power than they do now/)).toBeTruthy();
    await user.click(dialog.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(sent()).toEqual([]);

    // On connector 1, where none runs: said so.
    await pick(user, 'Connector', /^Connector 1/);
    await user.click(screen.getByRole('button', { name: 'Clear matching profiles…' }));
    const one = await confirmation(/^Clear the charging profiles of CP001 matching connector 1$/);
    expect(one.getByText('Clear the charging profiles of CP001 matching connector 1?')).toBeTruthy();
    expect(one.getByText(/No session runs there now/)).toBeTruthy();
    await user.click(one.getByRole('button', { name: /^Clear the charging profiles of CP001 matching connector 1$/ }));
    await waitFor(() => expect(sent()).toHaveLength(1));
    expect(sent()[0]).toMatchObject({ action: 'ClearChargingProfile', payload: { connectorId: 1 } });
  });
});
