// @vitest-environment jsdom
// Installing or clearing a charging profile changes the power of the sessions running where it applies: while
// one runs there (connector 0: anywhere on the charger), Set charging profile asks first, naming them and
// saying what it does to them (a TxProfile names its transaction), Cancel sending nothing and Install
// sending once; with none running there (a session the record holds open while its connector reports
// Available is not running) it sends at once, as before. Clear charging profile's confirmation says how many
// sessions run where it clears and that they may then draw more power.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { OperationsPanel } from '../../src/renderer/src/features/operations/OperationsPanel';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { fakeClient, liveBench, withBench, type FakeClient } from './fake-client';
import { aCharger, aConnector, aTransaction, completed, minutesAgo } from './builders';
import { installConsequence } from '../../src/renderer/src/features/operations/panels/chargingProfileAsk';
import type { RunningTransaction } from '../../src/renderer/src/components/running';

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
    // The sessions are listed above the words (the table comes first in the dialog), which say so.
    const words = dialog.getByText(/^It may change the charging power of the sessions running now \(listed above\) at once, on every connector, where no TxProfile of their own applies/);
    expect(table.compareDocumentPosition(words) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
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
    const words = dialog.getByText(/the sessions running now \(listed above\) may draw more power than they do now, even above a site's limit these profiles kept them under\.$/);
    expect(dialog.getByRole('table', { name: 'Running transactions' }).compareDocumentPosition(words) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
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

describe('the words agree with how many sessions run', () => {
  it('Set charging profile on connector 2, where one session runs: "the session running now … of its own"', async () => {
    const user = userEvent.setup();
    open('SetChargingProfile');
    await pick(user, 'Connector', /^Connector 2/);
    await user.click(screen.getByRole('button', { name: /^Install profile 1 on connector 2/ }));
    const dialog = await confirmation(/^Install the TxDefaultProfile on connector 2 of CP001$/);
    expect(dialog.getByText('Install a TxDefaultProfile on connector 2 of CP001 while 1 session runs?')).toBeTruthy();
    expect(
      dialog.getByText(
        'It may change the charging power of the session running now (listed above) at once, on connector 2, where no TxProfile of its own applies; sessions that start later follow it too.',
      ),
    ).toBeTruthy();
  });

  it('a ChargePointMaxProfile: "it does now" for one session, "they do now" for several', () => {
    const cap = { chargingProfilePurpose: 'ChargePointMaxProfile' };
    const [alice, bob] = [aTransaction(17, 'CP001', 2, 'TAG-ALICE'), aTransaction(18, 'CP001', 3, 'TAG-BOB')].map((t) => ({ ...t, connectorSays: null }) as unknown as RunningTransaction);
    expect(installConsequence(cap, 0, [alice!])).toBe(
      'It caps what the whole charger may draw at once: the session running now (listed above) may charge slower than it does now, without being told.',
    );
    expect(installConsequence(cap, 0, [alice!, bob!])).toBe(
      'It caps what the whole charger may draw at once: the sessions running now (listed above) may charge slower than they do now, without being told.',
    );
  });

  it('Clear charging profile on connector 2, purpose TxProfile, where one session runs: a comma before "while", and "it does now … kept it under"', async () => {
    const user = userEvent.setup();
    open('ClearChargingProfile');
    await pick(user, 'Connector', /^Connector 2/);
    await pick(user, 'Purpose', 'TxProfile');
    await user.click(screen.getByRole('button', { name: 'Clear matching profiles…' }));
    const dialog = await confirmation(/^Clear the charging profiles of CP001 matching connector 2, purpose TxProfile$/);
    expect(dialog.getByText('Clear the charging profiles of CP001 matching connector 2, purpose TxProfile, while 1 session runs?')).toBeTruthy();
    expect(
      dialog.getByText(
        "Profiles matching connector 2, purpose TxProfile are removed. Their limits stop applying at once: the session running now (listed above) may draw more power than it does now, even above a site's limit these profiles kept it under.",
      ),
    ).toBeTruthy();
  });
});

describe('Set charging profile refuses a profile over before its schedule starts', () => {
  it('Valid to at or before the start schedule: said under Valid to, nothing sent', async () => {
    const user = userEvent.setup();
    open('SetChargingProfile');
    await pick(user, 'Connector', /^Connector 1/);
    await pick(user, 'Kind', 'Absolute');
    const p = (n: number) => String(n).padStart(2, '0');
    const local = (d: Date) => `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
    const start = new Date(Date.now() + 3 * 60 * 60_000);
    fireEvent.change(screen.getByLabelText('Start schedule'), { target: { value: local(start) } });
    fireEvent.change(screen.getByLabelText('Valid to'), { target: { value: local(new Date(start.getTime() - 30 * 60_000)) } });
    await user.click(screen.getByRole('button', { name: /^Install profile 1 on connector 1/ }));
    const message = 'Over before its schedule starts: pick a time after "Start schedule", or none';
    expect(screen.getByLabelText('Valid to').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(message)).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
    // At the very start it still never applies.
    fireEvent.change(screen.getByLabelText('Valid to'), { target: { value: local(start) } });
    await user.click(screen.getByRole('button', { name: /^Install profile 1 on connector 1/ }));
    expect(screen.getByText(message)).toBeTruthy();
    expect(sent()).toEqual([]);
    // After the start: sent.
    fireEvent.change(screen.getByLabelText('Valid to'), { target: { value: local(new Date(start.getTime() + 60 * 60_000)) } });
    await user.click(screen.getByRole('button', { name: /^Install profile 1 on connector 1/ }));
    await waitFor(() => expect(sent()).toHaveLength(1));
  });
});
