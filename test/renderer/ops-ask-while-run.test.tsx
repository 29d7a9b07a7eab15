// @vitest-environment jsdom
// While a test run or a commissioning runs on the charger, whatever an operation panel sends can make the
// run's current case or check fail: Set charging profile (where no session runs), Change availability to
// Operative and a differential local list, which send at once otherwise, ask first. Their button ends with
// "…", the confirmation names the run and says truly what the operation does (no sessions claimed, Operative's
// own words, no full replace), and nothing is sent until it is confirmed. With nothing running on the charger,
// or while that has not been read yet, they send at once as before.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { OperationsPanel } from '../../src/renderer/src/features/operations/OperationsPanel';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { fakeClient, liveBench, withBench, type FakeClient } from './fake-client';
import { aCharger, aCommissioning, aConnector, aRun, completed } from './builders';

const RUN_WARNING = 'A test run is running on CP001: what you send can make its current case fail, or leave the charger other than the case expects.';
const COMMISSIONING_WARNING = 'CP001 is being commissioned (Depot Nord, Bay 4): what you send can make its current check fail, or leave the charger other than the check expects.';

let client: FakeClient;
let off: () => void = () => undefined;
/** CP001, idle: no session on any connector. */
beforeEach(() => {
  client = fakeClient();
  off = liveBench(client, { chargers: { CP001: aCharger('CP001', { connectors: [aConnector(0), aConnector(1), aConnector(2)] }) } });
});
afterEach(() => {
  cleanup();
  off();
  useBench.setState(initialBenchState);
});

type Busy = 'test run' | 'commissioning' | 'nothing' | 'unread';
function open(initial: 'SetChargingProfile' | 'ChangeAvailability' | 'SendLocalList', busy: Busy) {
  client.handlers = {
    'operations:list': () => [],
    'chargerEvents:list': () => [],
    'chargers:meterValues': () => [],
    'transactions:recentMeterValues': () => [],
    // 'unread': the bench has not answered what runs on the charger yet.
    'tests:list': () => (busy === 'unread' ? new Promise<never>(() => undefined) : busy === 'test run' ? [aRun('run-9', 'CP001')] : []),
    'commissioning:list': () => (busy === 'commissioning' ? [aCommissioning('CP001')] : []),
    'chargers:operate': () => completed({ status: 'Accepted' }),
  };
  render(withBench(client, <OperationsPanel chargerId="CP001" initial={initial} />));
}
const sent = () => client.callsOf('chargers:operate');

/** The confirmation, once what runs on the charger has been read (its confirm button enabled). */
async function confirmation(name: string) {
  const dialog = await screen.findByRole('dialog');
  await waitFor(() => expect((within(dialog).getByRole('button', { name }) as HTMLButtonElement).disabled).toBe(false));
  return within(dialog);
}

/** Asks, names the run, sends nothing until confirmed, then sends once. */
async function asksThenSends(user: ReturnType<typeof userEvent.setup>, button: string, title: string, confirm: string, warning: string, words: RegExp) {
  await user.click(await screen.findByRole('button', { name: button }));
  const dialog = await confirmation(confirm);
  expect(dialog.getByText(title)).toBeTruthy();
  expect(dialog.getByText(warning)).toBeTruthy();
  expect(dialog.getByText(words)).toBeTruthy();
  expect(sent()).toEqual([]);
  await user.click(dialog.getByRole('button', { name: 'Cancel' }));
  await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  expect(sent()).toEqual([]);
  await user.click(screen.getByRole('button', { name: button }));
  await user.click((await confirmation(confirm)).getByRole('button', { name: confirm }));
  await waitFor(() => expect(sent()).toHaveLength(1));
}

async function differential(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole('radio', { name: /^Differential/ }));
  await user.type(screen.getByRole('textbox', { name: 'Entry 1 idTag' }), 'TAG-NEW');
}

describe.each([
  ['test run', 'during a test run', RUN_WARNING],
  ['commissioning', 'during its commissioning', COMMISSIONING_WARNING],
] as const)('while a %s runs on the charger, operations that send at once ask first', (busy, during, warning) => {
  it('Set charging profile with no session running: its title claims none, its words say what it does', async () => {
    const user = userEvent.setup();
    open('SetChargingProfile', busy);
    await asksThenSends(
      user,
      'Install profile 1 on the charger…',
      `Install a TxDefaultProfile on CP001 ${during}?`,
      'Install the TxDefaultProfile on CP001',
      warning,
      /^No session runs on the charger now: it applies at once to the sessions that start there later, where no TxProfile of their own applies\.$/,
    );
    expect(sent()[0]).toMatchObject({ action: 'SetChargingProfile', payload: { connectorId: 0, csChargingProfiles: { chargingProfilePurpose: 'TxDefaultProfile' } } });
  });

  it('Change availability to Operative: Operative’s own words, not taking it out of service', async () => {
    const user = userEvent.setup();
    open('ChangeAvailability', busy);
    await user.click(screen.getByRole('radio', { name: /^Operative/ }));
    await asksThenSends(
      user,
      'Make CP001 Operative (all connectors)…',
      `Put it back into service ${during}?`,
      'Make CP001 Operative (all connectors)',
      warning,
      /^New sessions can start again: the charger should report its connectors Available/,
    );
    expect(sent()[0]).toMatchObject({ action: 'ChangeAvailability', payload: { connectorId: 0, type: 'Operative' } });
  });

  it('a differential local list: said as changes, not as replacing the list', async () => {
    const user = userEvent.setup();
    open('SendLocalList', busy);
    await differential(user);
    await user.click(await screen.findByRole('button', { name: 'Send 1 change…' }));
    const dialog = await confirmation('Send 1 change to the local list of CP001');
    expect(dialog.getByText(`Change the local list ${during}?`)).toBeTruthy();
    expect(dialog.getByText(warning)).toBeTruthy();
    expect(dialog.getByText(/^The 1 change is sent as version 1: an idTag with a status is added or updated, one without is removed; the rest of the charger's list stays as it is\.$/)).toBeTruthy();
    expect(dialog.queryByText(/replaced/)).toBeNull();
    expect(sent()).toEqual([]);
    await user.click(dialog.getByRole('button', { name: 'Send 1 change to the local list of CP001' }));
    await waitFor(() => expect(sent()).toMatchObject([{ action: 'SendLocalList', payload: { updateType: 'Differential', localAuthorizationList: [{ idTag: 'TAG-NEW' }] } }]));
  });
});

describe.each(['nothing', 'unread'] as const)('with %s known to run on the charger, they send at once as before', (busy) => {
  /** Once the bench has been asked what runs on the charger (and, when it answers, has answered). */
  const asked = () => waitFor(() => expect(client.callsOf('commissioning:list').length).toBeGreaterThan(0));

  it('Set charging profile', async () => {
    const user = userEvent.setup();
    open('SetChargingProfile', busy);
    await asked();
    await user.click(screen.getByRole('button', { name: 'Install profile 1 on the charger' }));
    await waitFor(() => expect(sent()).toHaveLength(1));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('Change availability to Operative', async () => {
    const user = userEvent.setup();
    open('ChangeAvailability', busy);
    await asked();
    await user.click(screen.getByRole('radio', { name: /^Operative/ }));
    await user.click(screen.getByRole('button', { name: 'Make CP001 Operative (all connectors)' }));
    await waitFor(() => expect(sent()).toMatchObject([{ action: 'ChangeAvailability', payload: { type: 'Operative' } }]));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('a differential local list', async () => {
    const user = userEvent.setup();
    open('SendLocalList', busy);
    await asked();
    await differential(user);
    await user.click(screen.getByRole('button', { name: 'Send 1 change' }));
    await waitFor(() => expect(sent()).toMatchObject([{ action: 'SendLocalList', payload: { updateType: 'Differential' } }]));
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
