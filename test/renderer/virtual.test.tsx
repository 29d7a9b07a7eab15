// @vitest-environment jsdom
// The Virtual chargers screen: creating one (checked as the bench checks it), physical actions and fault
// switches sent as calls, and the panels following the pushed events.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { VirtualChargersScreen } from '../../src/renderer/src/features/virtual/VirtualChargersScreen';
import { CallFailure } from '../../src/renderer/src/api/client';
import { connectStore, initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { contract } from '../../src/shared/api/contract';
import { activeFaults, Faults, type VirtualChargerView, type VirtualConnectorView } from '../../src/shared/api/virtual-chargers';
import { formatWhen } from '../../src/renderer/src/components/format';
import { fakeClient, withBench, type Handlers } from './fake-client';
import { defaultSettings } from '../../src/shared/api/settings';
import { aVirtualConnector, aVirtualCharger as twoConnectors } from './virtual-fixtures';

const ts = '2026-11-21T10:00:00.000Z';

const aConnector = aVirtualConnector;
const aVirtualCharger = (id = 'VCP1', over: Partial<VirtualChargerView> = {}): VirtualChargerView => twoConnectors(id, over, 2);

function showing(views: VirtualChargerView[], handlers: Handlers = {}) {
  useBench.setState({ loaded: true, link: 'open', virtualChargers: Object.fromEntries(views.map((v) => [v.id, v])) });
  const client = fakeClient(handlers);
  render(withBench(client, <VirtualChargersScreen />, '/virtual'));
  return client;
}

/** Replaces a field's text in one input event (typing key by key in jsdom is slow and tests nothing more). */
async function fill(user: ReturnType<typeof userEvent.setup>, field: HTMLElement, text: string) {
  await user.clear(field);
  if (text) await user.paste(text);
}

const region = (name: string) => screen.getByRole('region', { name });

beforeEach(() => useBench.setState(initialBenchState, true));
afterEach(cleanup);

describe('virtual chargers screen', () => {
  it('says how many MeterValues a charger did not keep because its queue was full', async () => {
    showing([aVirtualCharger('VCP-FULL', { queuedMessages: 10_001, meterValuesNotKept: 1234 })]);
    expect(screen.getByText('10001 · 1,234 MeterValues not kept (queue full)')).toBeTruthy();
  });

  it('checks a new charger as the bench does and suggests a free id', async () => {
    const client = showing([aVirtualCharger('VCP001')]);
    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByRole('button', { name: 'New virtual charger' }));
    const dialog = screen.getByRole('dialog', { name: 'New virtual charger' });
    const id = within(dialog).getByLabelText(/Charger id/);
    expect((id as HTMLInputElement).value).toBe('VCP002');

    await fill(user, id, 'VCP 1');
    await fill(user, within(dialog).getByLabelText('Connectors'), '11');
    await fill(user, within(dialog).getByLabelText('Password', { selector: 'input' }), 'short');
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(within(dialog).getByText('Charger id must not contain spaces, /, ?, # or %: it goes in URLs')).toBeTruthy();
    expect(within(dialog).getByText('Connectors must be a whole number from 1 to 10')).toBeTruthy();
    expect(within(dialog).getByText(/^Password must be at least 16 characters/)).toBeTruthy();
    expect(client.callsOf('virtualChargers:create')).toEqual([]);
    // Corrected, the message goes at once.
    await fill(user, id, 'VCP1');
    expect(within(dialog).queryByText(/Charger id must/)).toBeNull();
  });

  it('creates a charger with the definition the form describes', async () => {
    const created = aVirtualCharger('VCP1');
    const client = showing([], { 'virtualChargers:create': () => created });
    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByRole('button', { name: 'New virtual charger' }));
    const dialog = screen.getByRole('dialog', { name: 'New virtual charger' });
    await fill(user, within(dialog).getByLabelText(/Charger id/), 'VCP1');
    // Core stays on whatever the user does.
    expect((within(dialog).getByRole('checkbox', { name: 'Core' }) as HTMLInputElement).disabled).toBe(true);
    await user.click(within(dialog).getByRole('checkbox', { name: 'Smart charging' }));
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(client.callsOf('virtualChargers:create')).toEqual([
      {
        id: 'VCP1',
        connectors: 2,
        vendor: 'ChargeBench',
        model: 'Virtual AC',
        firmwareVersion: '1.0.0',
        profiles: ['Core', 'FirmwareManagement', 'LocalAuthListManagement', 'Reservation', 'RemoteTrigger'],
        maxPowerW: 22_000,
        phases: 3,
        autoStart: true,
      },
    ]);
    expect(region('Virtual charger VCP1')).toBeTruthy();
  });

  it('shows the bench\u2019s refusal on the field it names', async () => {
    let calls = 0;
    const client = showing([], {
      'virtualChargers:create': () => {
        if (++calls === 1) throw new CallFailure({ status: 400, message: 'Invalid body field "vendor": must not be reserved', field: 'vendor' });
        throw new CallFailure({ status: 409, message: 'A virtual charger "VCP001" already exists', field: 'id' });
      },
    });
    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByRole('button', { name: 'New virtual charger' }));
    await user.keyboard('{Enter}');
    const dialog = screen.getByRole('dialog', { name: 'New virtual charger' });
    expect(await within(dialog).findByText('Vendor must not be reserved')).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(await within(dialog).findByText('A virtual charger "VCP001" already exists')).toBeTruthy();
    expect(
      within(dialog)
        .getByLabelText(/Charger id/)
        .getAttribute('aria-invalid'),
    ).toBe('true');
    expect(client.callsOf('virtualChargers:create')).toHaveLength(2);
  });

  it('refuses the id of a real charger the bench knows, saying why at the id, and sends nothing', async () => {
    useBench.setState({
      chargers: {
        CP001: { id: 'CP001', connected: true, virtual: false, connectors: [] } as never,
        CP002: { id: 'CP002', connected: false, virtual: false, connectors: [] } as never,
        VCP9: { id: 'VCP9', connected: true, virtual: true, connectors: [] } as never,
      },
    });
    const client = showing([], { 'virtualChargers:create': () => aVirtualCharger('VCP9') });
    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByRole('button', { name: 'New virtual charger' }));
    const dialog = screen.getByRole('dialog', { name: 'New virtual charger' });
    const id = within(dialog).getByLabelText(/Charger id/);
    await fill(user, id, 'CP001');
    expect(within(dialog).getByText(/^A charger with the id CP001 is connected to this bench now: a virtual charger of the same id would take its place/)).toBeTruthy();
    expect(id.getAttribute('aria-invalid')).toBe('true');
    await fill(user, id, 'CP002');
    expect(within(dialog).getByText(/^CP002 is a real charger this bench knows .* would take over its identity and record/)).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(client.callsOf('virtualChargers:create')).toEqual([]);
    // An id that is a virtual charger's is the bench's to judge.
    await fill(user, id, 'VCP9');
    expect(within(dialog).queryByText(/real charger/)).toBeNull();
  });

  it('shows the bench’s refusal of a real charger’s id (409) at the id field', async () => {
    const why = 'CP777 is a real charger this bench knows (it has connected, or was registered): a virtual charger of the same id would take over its identity and record.';
    showing([], {
      'virtualChargers:create': () => {
        throw new CallFailure({ status: 409, message: why, field: 'id' });
      },
    });
    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByRole('button', { name: 'New virtual charger' }));
    const dialog = screen.getByRole('dialog', { name: 'New virtual charger' });
    await fill(user, within(dialog).getByLabelText(/Charger id/), 'CP777');
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    const id = within(dialog).getByLabelText(/Charger id/);
    expect(await within(dialog).findByText(why)).toBeTruthy();
    expect(document.getElementById(id.getAttribute('aria-describedby')!)?.textContent).toBe(why);
  });

  it('plugs a cable in with the act call, and enables only the actions that can happen', async () => {
    const vcp = aVirtualCharger();
    const plugged = aVirtualCharger('VCP1', { connectors: [aConnector(1, { plugged: true, status: 'Preparing' }), aConnector(2)] });
    const client = showing([vcp], { 'virtualChargers:act': () => ({ charger: plugged }) });
    const c1 = within(region('Connector 1'));
    expect((c1.getByRole('button', { name: 'Unplug cable from connector 1' }) as HTMLButtonElement).disabled).toBe(true);
    expect((c1.getByRole('button', { name: 'Suspend EV on connector 1' }) as HTMLButtonElement).disabled).toBe(true);
    await userEvent.setup({ delay: null }).click(c1.getByRole('button', { name: 'Plug connector 1' }));
    expect(client.callsOf('virtualChargers:act')).toEqual([{ id: 'VCP1', action: 'plug', body: { connectorId: 1 } }]);
    // The answer's view shows at once, before the event arrives.
    await waitFor(() => expect((c1.getByRole('button', { name: 'Unplug cable from connector 1' }) as HTMLButtonElement).disabled).toBe(false));
    expect((c1.getByRole('button', { name: 'Plug connector 1' }) as HTMLButtonElement).disabled).toBe(true);
    expect(c1.getByText('Preparing')).toBeTruthy();
  });

  it('presents a card and says in plain words when the bench says it cannot happen now', async () => {
    const client = showing([aVirtualCharger()], {
      'virtualChargers:act': ({ action }) => {
        if (action === 'present-id-tag') return { result: { accepted: false, status: 'Invalid', message: 'Card BADCARD was not accepted: Invalid' }, charger: aVirtualCharger() };
        throw new CallFailure({ status: 409, message: 'Virtual charger VCP1 is not connected' });
      },
    });
    const user = userEvent.setup({ delay: null });
    const c1 = within(region('Connector 1'));
    await fill(user, c1.getByLabelText('Card idTag for connector 1'), 'BADCARD');
    await user.keyboard('{Enter}');
    expect(client.callsOf('virtualChargers:act')).toEqual([{ id: 'VCP1', action: 'present-id-tag', body: { connectorId: 1, idTag: 'BADCARD' } }]);
    expect(await c1.findByText('Card BADCARD was not accepted: Invalid')).toBeTruthy();

    await fill(user, c1.getByLabelText('Card idTag for connector 1'), 'BADCARD-TOO-LONG-FOR-A-CARD');
    expect(c1.getByText(/Card idTag must be at most 20 characters/)).toBeTruthy();
    expect((c1.getByRole('button', { name: 'Present card on connector 1' }) as HTMLButtonElement).disabled).toBe(true);

    await user.click(within(region('Virtual charger VCP1')).getByRole('button', { name: 'Send malformed frame' }));
    // The failure names the action and when it failed.
    expect(await screen.findByText(/^Send malformed frame failed at \d\d?:\d\d:\d\d.*: Not possible right now: Virtual charger VCP1 is not connected$/)).toBeTruthy();
  });

  it('follows the pushed events: a session starting shows on the connector panel', async () => {
    const vcp = aVirtualCharger();
    const client = fakeClient({
      'bench:status': () => ({ version: '0.1.0', host: '0.0.0.0', port: 9000, connectedChargers: [], ftp: { port: 2121, fixed: false }, dataDir: '/tmp', face: 'serve' }),
      'chargers:list': () => [],
      'virtualChargers:list': () => [vcp],
      'transactions:list': () => [],
    });
    const stop = connectStore(client);
    render(withBench(client, <VirtualChargersScreen />, '/virtual'));
    const c1 = within(await screen.findByRole('region', { name: 'Connector 1' }));
    expect(c1.getByText('Available')).toBeTruthy();

    const charging = aVirtualCharger('VCP1', {
      connectors: [
        aConnector(1, { plugged: true, status: 'Charging', transaction: { transactionId: 42, idTag: 'TAG001', startedAt: ts, energyWh: 1500 }, meterWh: 1500, powerW: 7400 }),
        aConnector(2),
      ],
    });
    act(() => client.emit([{ type: 'virtualChargerChanged', charger: charging, ts }]));
    expect(c1.getByText('Charging', { selector: '.MuiChip-label' })).toBeTruthy();
    expect(c1.getByRole('link', { name: '#42' })).toBeTruthy();
    expect(c1.getByText(/1\.50 kWh · 7\.4 kW/)).toBeTruthy();
    expect((c1.getByRole('button', { name: 'Suspend EV on connector 1' }) as HTMLButtonElement).disabled).toBe(false);

    act(() => client.emit([{ type: 'virtualChargerRemoved', id: 'VCP1', ts }]));
    expect(screen.queryByRole('region', { name: 'Virtual charger VCP1' })).toBeNull();
    expect(screen.getByText('No virtual chargers yet')).toBeTruthy();
    stop();
  });

  it("shows a card said unconfirmed as the central system's later answer has it, with when it came", async () => {
    const presentedAt = new Date(Date.now() - 60_000).toISOString();
    const answeredAt = new Date().toISOString();
    const message =
      'Card LATE accepted and the session started on connector 1, but the central system has not confirmed it: StartTransaction not answered (No answer to StartTransaction within 30 s); sent again in 60 s. The StartTransaction stays queued and goes out when it can.';
    const unconfirmed = { idTag: 'LATE', accepted: true, status: 'Accepted', confirmed: false, transactionId: null, message, presentedAt, at: presentedAt, revised: false };
    const started = (cardOutcome: VirtualConnectorView['cardOutcome'], transactionId: number | null) =>
      aVirtualCharger('VCP1', {
        connectors: [aConnector(1, { plugged: true, status: 'Charging', transaction: { transactionId, idTag: 'LATE', startedAt: presentedAt, energyWh: 0 }, cardOutcome }), aConnector(2)],
      });
    const client = fakeClient({
      'bench:status': () => ({ version: '0.1.0', host: '0.0.0.0', port: 9000, connectedChargers: [], ftp: { port: 2121, fixed: false }, dataDir: '/tmp', face: 'serve' }),
      'chargers:list': () => [],
      'virtualChargers:list': () => [aVirtualCharger()],
      'transactions:list': () => [],
      'virtualChargers:act': () => ({ result: { accepted: true, status: 'Accepted', confirmed: false, transactionId: null, message }, charger: started(unconfirmed, null) }),
    });
    const stop = connectStore(client);
    render(withBench(client, <VirtualChargersScreen />, '/virtual'));
    const c1 = within(await screen.findByRole('region', { name: 'Connector 1' }));
    const user = userEvent.setup({ delay: null });
    await fill(user, c1.getByLabelText('Card idTag for connector 1'), 'LATE');
    await user.keyboard('{Enter}');
    expect(await c1.findByText(message)).toBeTruthy();

    // The queued StartTransaction is answered a minute later: the bench pushes the charger's view.
    const accepted = { ...unconfirmed, confirmed: true, transactionId: 42, message: 'Transaction 42 started on connector 1', at: answeredAt, revised: true };
    act(() => client.emit([{ type: 'virtualChargerChanged', charger: started(accepted, 42), ts }]));
    expect(c1.queryByText(message)).toBeNull();
    const shown = c1.getByText(`Transaction 42 started on connector 1. Answered at ${formatWhen(answeredAt)} (unconfirmed when the card was presented at ${formatWhen(presentedAt)}).`);
    expect(shown.closest('[role="status"]')).toBeTruthy();

    // Refused instead: the refusal's status, still a warning.
    const refusal =
      'The central system refused the session on connector 1: StartTransaction answered Invalid for card LATE (transaction 42); the charger ended the session (StopTransaction, reason DeAuthorized)';
    const refused = { ...accepted, accepted: false, status: 'Invalid', message: refusal };
    act(() => client.emit([{ type: 'virtualChargerChanged', charger: started(refused, 42), ts }]));
    expect(c1.getByText(new RegExp(`^${refusal.replace(/[()]/g, '\\$&')}\\. Answered at `)).closest('[role="alert"]')).toBeTruthy();
    stop();
  });

  it('sends only the fault switch that was toggled, and counts the faults that are on', async () => {
    const withSlow = aVirtualCharger('VCP1', { faults: Faults.parse({ slowCharging: true }) });
    const client = showing([aVirtualCharger()], { 'virtualChargers:setFaults': () => withSlow });
    const user = userEvent.setup({ delay: null });
    const card = within(region('Virtual charger VCP1'));
    await user.click(card.getByRole('button', { name: /Fault switches/ }));
    await user.click(card.getByRole('switch', { name: 'Slow charging' }));
    expect(client.callsOf('virtualChargers:setFaults')).toEqual([{ id: 'VCP1', faults: { slowCharging: true } }]);
    expect(await card.findByText('1 fault switch on')).toBeTruthy();

    // A number is sent when the user is done with it, and checked against the bounds first.
    const power = card.getByLabelText('Trickle power');
    await fill(user, power, '5000');
    await user.keyboard('{Enter}');
    expect(card.getByText('Trickle power must be from 0 to 3680 W')).toBeTruthy();
    await fill(user, power, '1000');
    await user.keyboard('{Enter}');
    expect(client.callsOf('virtualChargers:setFaults').at(-1)).toEqual({ id: 'VCP1', faults: { slowChargingW: 1000 } });
    // Leaving the field after Enter, before the bench's update arrives, does not send it a second time.
    await user.tab();
    expect(client.callsOf('virtualChargers:setFaults').filter((c) => 'slowChargingW' in c.faults)).toHaveLength(1);
    // Leaving it after an edit sends once too.
    await fill(user, power, '1200');
    await user.tab();
    expect(client.callsOf('virtualChargers:setFaults').filter((c) => 'slowChargingW' in c.faults)).toEqual([
      { id: 'VCP1', faults: { slowChargingW: 1000 } },
      { id: 'VCP1', faults: { slowChargingW: 1200 } },
    ]);
  });

  it('adds and removes a protocol fault for one action', async () => {
    const withReset = aVirtualCharger('VCP1', { faults: Faults.parse({ actions: { Reset: { mode: 'reject' } } }) });
    const client = showing([withReset], { 'virtualChargers:setFaults': () => withReset });
    const user = userEvent.setup({ delay: null });
    const card = within(region('Virtual charger VCP1'));
    await user.click(card.getByRole('button', { name: /Fault switches/ }));
    await user.click(card.getByRole('combobox', { name: 'Action' }));
    await user.click(screen.getByRole('option', { name: 'UnlockConnector' }));
    await user.click(card.getByRole('combobox', { name: 'Mode' }));
    await user.click(screen.getByRole('option', { name: /^CALLERROR/ }));
    await user.click(card.getByRole('button', { name: 'Add fault' }));
    expect(client.callsOf('virtualChargers:setFaults').at(-1)).toEqual({
      id: 'VCP1',
      faults: { actions: { Reset: { mode: 'reject', delaySeconds: 10, errorCode: 'InternalError' }, UnlockConnector: { mode: 'callError', delaySeconds: 10, errorCode: 'InternalError' } } },
    });
    // The switches are disabled while the previous change is being saved, as a person would see them.
    const remove = card.getByRole('button', { name: 'Remove the Reset fault' });
    await waitFor(() => expect((remove as HTMLButtonElement).disabled).toBe(false));
    await user.click(remove);
    expect(client.callsOf('virtualChargers:setFaults').at(-1)).toEqual({ id: 'VCP1', faults: { actions: {} } });
  });

  it('deletes a charger only after a confirmation that names it', async () => {
    const client = showing([aVirtualCharger()], { 'virtualChargers:delete': ({ id }) => ({ id, sessions: [], message: `Virtual charger ${id} deleted.` }) });
    const user = userEvent.setup({ delay: null });
    await user.click(within(region('Virtual charger VCP1')).getByRole('button', { name: 'Delete' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete virtual charger VCP1?' });
    expect(within(dialog).getByText(/saved state/)).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Delete VCP1' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Virtual charger VCP1' })).toBeNull());
    expect(client.callsOf('virtualChargers:delete')).toEqual([{ id: 'VCP1' }]);
  });
});

describe('a fault patch', () => {
  it('reaches the charger with only the fields sent, so the other switches stay as they are', () => {
    const args = contract['virtualChargers:setFaults'].args.parse({ id: 'VCP1', faults: { slowCharging: true } });
    expect(args.faults).toEqual({ slowCharging: true });
  });
});

describe('a virtual charger\u2019s password', () => {
  it('is filled in, with a warning, when the bench requires passwords, and sent with the new charger', async () => {
    const client = showing([], {
      'settings:get': () => ({ ...defaultSettings, requirePassword: true }),
      'virtualChargers:create': (def) => aVirtualCharger((def as { id: string }).id, { definition: { ...aVirtualCharger().definition, hasPassword: true } }),
    });
    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByRole('button', { name: 'New virtual charger' }));
    const dialog = screen.getByRole('dialog', { name: 'New virtual charger' });
    expect(await within(dialog).findByText(/This bench requires a password from every charger: a generated one is filled in/)).toBeTruthy();
    const password = within(dialog).getByLabelText('Password', { selector: 'input' }) as HTMLInputElement;
    expect(password.value).toMatch(/^[A-Za-z2-9]{24}$/);
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(client.callsOf('virtualChargers:create')).toHaveLength(1));
    expect(client.callsOf('virtualChargers:create')[0]).toMatchObject({ password: password.value });
  });

  it('can be set on the card: the charger and the bench get it, and it reconnects', async () => {
    const client = showing([aVirtualCharger('VCP1')], {
      'virtualChargers:act': ({ id }) => ({ charger: aVirtualCharger(id, { definition: { ...aVirtualCharger().definition, hasPassword: true } }) }),
    });
    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByRole('button', { name: 'Set the password of VCP1' }));
    const dialog = screen.getByRole('dialog', { name: 'Password of virtual charger VCP1' });
    await fill(user, within(dialog).getByLabelText('Password', { selector: 'input' }), 'correct-horse-battery-staple');
    await user.click(within(dialog).getByRole('button', { name: 'Set password' }));
    await waitFor(() => expect(client.callsOf('virtualChargers:act')).toEqual([{ id: 'VCP1', action: 'set-password', body: { password: 'correct-horse-battery-staple' } }]));
    expect(await screen.findByText('VCP1 has its new password, and so has the bench; it reconnects with it now.')).toBeTruthy();
    expect(screen.getByText('Basic auth (profile 1)')).toBeTruthy();
  });

  it('can be removed from the card, asked first, saying a bench that requires passwords refuses the charger then', async () => {
    const withPassword = aVirtualCharger('VCP1', { definition: { ...aVirtualCharger().definition, hasPassword: true } });
    const client = showing([withPassword], {
      'settings:get': () => ({ ...defaultSettings, requirePassword: true }),
      'virtualChargers:act': ({ id }) => ({ charger: aVirtualCharger(id) }),
    });
    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByRole('button', { name: 'Set the password of VCP1' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Password of virtual charger VCP1' })).getByRole('button', { name: 'Remove password…' }));
    const ask = screen.getByRole('dialog', { name: 'Remove the password of VCP1?' });
    expect(await within(ask).findByText('This bench requires a password from every charger: VCP1 will be refused (401) when it reconnects, at once, until it is given one again.')).toBeTruthy();
    // Asked first: nothing is sent until the user confirms.
    expect(client.callsOf('virtualChargers:act')).toEqual([]);
    await user.click(within(ask).getByRole('button', { name: 'Cancel' }));
    expect(client.callsOf('virtualChargers:act')).toEqual([]);

    await user.click(within(await screen.findByRole('dialog', { name: 'Password of virtual charger VCP1' })).getByRole('button', { name: 'Remove password…' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Remove the password of VCP1?' })).getByRole('button', { name: 'Remove password' }));
    await waitFor(() => expect(client.callsOf('virtualChargers:act')).toEqual([{ id: 'VCP1', action: 'set-password', body: { password: null } }]));
    expect(await screen.findByText('VCP1 has no password now, nor has the bench for it; it reconnects without one now, and is refused (this bench requires passwords).')).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('offers no removal to a charger without one, and says nothing of refusal where the bench does not require passwords', async () => {
    showing([aVirtualCharger('VCP1'), aVirtualCharger('VCP2', { definition: { ...aVirtualCharger('VCP2').definition, hasPassword: true } })], {
      'settings:get': () => ({ ...defaultSettings, requirePassword: false }),
    });
    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByRole('button', { name: 'Set the password of VCP1' }));
    expect(within(screen.getByRole('dialog', { name: 'Password of virtual charger VCP1' })).queryByRole('button', { name: 'Remove password…' })).toBeNull();
    await user.click(within(screen.getByRole('dialog', { name: 'Password of virtual charger VCP1' })).getByRole('button', { name: 'Cancel' }));

    await user.click(await screen.findByRole('button', { name: 'Set the password of VCP2' }, { timeout: 10_000 }));
    await user.click(within(screen.getByRole('dialog', { name: 'Password of virtual charger VCP2' })).getByRole('button', { name: 'Remove password…' }));
    const ask = screen.getByRole('dialog', { name: 'Remove the password of VCP2?' });
    expect(within(ask).getByText('VCP2 then connects without Basic auth (its AuthorizationKey emptied), and the bench checks no password for it.')).toBeTruthy();
    await waitFor(() => expect(within(ask).queryByText(/could not be read/)).toBeNull());
    expect(within(ask).queryByText(/refused/)).toBeNull();
  });
});

// The "StopTransaction with a wrong transactionId" fault switch: shown with its explanation beside its
// siblings, toggling it sends just its field, and once on it is counted and named among the faults that are on.
describe('the wrong-transactionId fault switch', () => {
  it('is shown with what it does, sends only its own field, and is counted once on', async () => {
    const on = aVirtualCharger('VCP1', { faults: Faults.parse({ wrongStopTransactionId: true }) });
    const client = showing([aVirtualCharger('VCP1')], { 'virtualChargers:setFaults': () => on });
    const user = userEvent.setup({ delay: null });
    const card = within(region('Virtual charger VCP1'));
    await user.click(card.getByRole('button', { name: /Fault switches/ }));
    expect(
      card.getByText(
        'Sends each StopTransaction with the transactionId the central system gave plus 1000 (plus 1000 again while that is the id of another of the charger\u2019s transactions); its own session ends as usual.',
      ),
    ).toBeTruthy();
    const toggle = card.getByRole('switch', { name: 'StopTransaction with a wrong transactionId' }) as HTMLInputElement;
    expect(toggle.checked).toBe(false);
    await user.click(toggle);
    expect(client.callsOf('virtualChargers:setFaults')).toEqual([{ id: 'VCP1', faults: { wrongStopTransactionId: true } }]);
    expect(await card.findByText('1 fault switch on')).toBeTruthy();
    expect(activeFaults(on.faults)).toEqual(['StopTransaction with a wrong transactionId']);
  });
});
