// @vitest-environment jsdom
// The operation panels say only what is true: the HeartbeatInterval advice follows a value the charger took,
// never one it refused or errored on; an Accepted reset's words follow the type sent; a connector reporting
// Charging with no transaction the bench knows of is not "nothing is charging"; and a remote start on a
// connector with a car already plugged in does not wait for one to be plugged in.
import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ConnectorActions } from '../../src/renderer/src/features/operations/QuickActions';
import { ConfirmDialog } from '../../src/renderer/src/components/ConfirmDialog';
import { formatWhen } from '../../src/renderer/src/components/format';
import type { OperationResult } from '../../src/shared/api/contract';
import type { ConnectorView } from '../../src/shared/api/views';
import { fakeClient, withBench, type Handlers } from './fake-client';
import { aConnector, completed } from './builders';
import { lastSeen, oneCharging, renderVcp2Panel, resetBenchAfterEach, vcp2Bench } from './offline-ops-fixtures';

resetBenchAfterEach();

/** VCP2's configuration panel, live, its ChangeConfiguration answered `answer`; the bench's boot answer gives 300 s. */
function configurationPanel(answer: OperationResult) {
  vcp2Bench(true);
  renderVcp2Panel('GetConfiguration', {
    'chargers:behaviour': () => ({ chargerId: 'VCP2', behaviour: {}, refusedUntil: null }),
    'chargers:operate': () => answer,
  });
}

/** Sets HeartbeatInterval to 40 through "Set any key". */
async function setAnyKey(user: ReturnType<typeof userEvent.setup>) {
  const form = within(screen.getByRole('form', { name: 'Set any key' }));
  await user.type(form.getByRole('combobox', { name: /Key/ }), 'HeartbeatInterval');
  await user.type(form.getByRole('textbox', { name: /Value/ }), '40');
  // Before sending: the value would hold only until the next boot.
  expect(await form.findByText(/^40 s holds only until VCP2 next boots:/)).toBeTruthy();
  await user.click(form.getByRole('button', { name: 'Change key' }));
  return form;
}

describe('Set any key: HeartbeatInterval', () => {
  it('a Rejected value gets no advice about keeping it', async () => {
    const user = userEvent.setup();
    configurationPanel(completed({ status: 'Rejected' }));
    const form = await setAnyKey(user);
    expect(await form.findByText('Rejected')).toBeTruthy();
    expect(form.queryByText(/holds only until/)).toBeNull();
    expect(form.queryByText(/only until VCP2 next boots/)).toBeNull();
    expect(screen.queryByRole('button', { name: "Make 40 s the bench's setting" })).toBeNull();
  });

  it('a CALLERROR gets no advice about keeping it', async () => {
    const user = userEvent.setup();
    configurationPanel({ outcome: 'callError', error: { code: 'InternalError', description: '', details: {} } });
    const form = await setAnyKey(user);
    expect(await form.findByText('Error from the charger: InternalError')).toBeTruthy();
    expect(form.queryByText(/holds only until/)).toBeNull();
    expect(screen.queryByRole('button', { name: "Make 40 s the bench's setting" })).toBeNull();
  });

  it('an Accepted value is said to last only until the next boot, with the offer to keep it', async () => {
    const user = userEvent.setup();
    configurationPanel(completed({ status: 'Accepted' }));
    const form = await setAnyKey(user);
    expect(await form.findByText(/^Accepted, but only until VCP2 next boots:/)).toBeTruthy();
    expect(screen.getByRole('button', { name: "Make 40 s the bench's setting" })).toBeTruthy();
  });

  it('a RebootRequired value is said not to take effect, with the offer to keep it', async () => {
    const user = userEvent.setup();
    configurationPanel(completed({ status: 'RebootRequired' }));
    const form = await setAnyKey(user);
    expect(await form.findByText(/^Stored for after VCP2 restarts, but 40 s will not take effect:/)).toBeTruthy();
    expect(form.queryByText(/holds only until/)).toBeNull();
    expect(screen.getByRole('button', { name: "Make 40 s the bench's setting" })).toBeTruthy();
  });
});

describe('Reset Accepted', () => {
  async function reset(type: 'Soft' | 'Hard') {
    const user = userEvent.setup();
    vcp2Bench(true, [aConnector(1)]);
    renderVcp2Panel('Reset', { 'chargers:operate': () => completed({ status: 'Accepted' }) });
    await user.click(screen.getByRole('radio', { name: new RegExp(`^${type}`) }));
    await user.click(screen.getByRole('button', { name: `${type} reset…` }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: `${type} reset VCP2` }));
    return (await screen.findByText(`${type} reset: Accepted`)).closest('[role="status"]')!.textContent!;
  }

  it('after a Hard reset: transactions end with the reboot, their StopTransaction after the BootNotification', async () => {
    const said = await reset('Hard');
    expect(said).toContain('Running transactions end with the reboot: their StopTransaction (reason HardReset) comes after the BootNotification.');
    expect(said).not.toMatch(/end first/);
    expect(said).not.toMatch(/SoftReset/);
  });

  it('after a Soft reset: transactions end first, reason SoftReset', async () => {
    const said = await reset('Soft');
    expect(said).toContain('Running transactions end first (StopTransaction with reason SoftReset)');
    expect(said).not.toMatch(/HardReset/);
  });
});

describe('a connector reporting Charging with no transaction the bench knows of', () => {
  it('the Reset confirmation and panel say so, not "nothing is charging"', async () => {
    const user = userEvent.setup();
    vcp2Bench(true, oneCharging());
    renderVcp2Panel('Reset');
    expect(screen.getByTestId('reset-running').textContent).toBe('Connector 2 reports Charging, but the bench knows of no transaction there.');
    await user.click(screen.getByRole('button', { name: 'Soft reset…' }));
    const dialog = within(await screen.findByRole('dialog'));
    expect(dialog.getByText('Connector 2 reports Charging, but the bench knows of no transaction there.')).toBeTruthy();
    expect(dialog.queryByText(/nothing (is|was) charging/i)).toBeNull();
  });

  it('while the charger is offline: said as last known', () => {
    vcp2Bench(false, oneCharging());
    const client = fakeClient({ 'operations:list': () => [] } as Handlers);
    render(
      withBench(
        client,
        <ConfirmDialog
          open
          title="Soft reset VCP2?"
          chargerId="VCP2"
          target="VCP2 · the whole charger"
          consequence="…"
          confirmLabel="Soft reset VCP2"
          onCancel={() => undefined}
          onConfirm={() => undefined}
        />,
      ),
    );
    const dialog = within(screen.getByRole('dialog'));
    expect(dialog.getByText(/connector 2 reported Charging, with no transaction the bench knows of\.$/).textContent).toBe(
      `Last known (VCP2 is offline, last seen ${formatWhen(lastSeen)} (5 min ago)): connector 2 reported Charging, with no transaction the bench knows of.`,
    );
    expect(dialog.queryByText(/nothing (is|was) charging/i)).toBeNull();
  });

  it('a connector that is Available still says nothing is charging', async () => {
    const user = userEvent.setup();
    vcp2Bench(true, [aConnector(1), aConnector(2)]);
    renderVcp2Panel('Reset');
    await user.click(screen.getByRole('button', { name: 'Soft reset…' }));
    expect(within(await screen.findByRole('dialog')).getByText('Nothing is charging here right now.')).toBeTruthy();
  });
});

describe('Start session from a connector card', () => {
  async function startConfirmation(status: ConnectorView['status']) {
    const user = userEvent.setup();
    vcp2Bench(true, [aConnector(1, { status })]);
    render(withBench(fakeClient({}), <ConnectorActions chargerId="VCP2" connectorId={1} />));
    await user.click(screen.getByRole('button', { name: 'Start session…' }));
    return (await screen.findByRole('dialog')).textContent!;
  }

  it('with a car already plugged in (Preparing): charging begins once the charger starts it', async () => {
    const said = await startConfirmation('Preparing');
    expect(said).toContain('a car is already plugged in (connector 1 reports Preparing), so charging begins once the charger starts it.');
    expect(said).not.toContain('once a car is plugged in');
  });

  it('on an Available connector: charging begins once a car is plugged in', async () => {
    expect(await startConfirmation('Available')).toContain('charging begins once a car is plugged in.');
  });
});
