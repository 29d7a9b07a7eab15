// @vitest-environment jsdom
// The Chargers screens: chargers appear live as they connect, the register dialog names the bad field,
// and a charger's detail shows its running session and meter readings as they arrive.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeClient, liveBench, routed, withBench, stubResizeObserver } from './fake-client';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { aConnector, aTransaction } from './builders';
import { ChargerDetailScreen, ChargersScreen } from '../../src/renderer/src/app/screens';
import type { ChargerView, MeterValueView, TransactionView } from '../../src/shared/api/views';

vi.mock('../../src/renderer/src/features/operations/MultiSendDialog', () => ({
  MultiSendDialog: ({ chargerIds, open }: { chargerIds: string[]; open: boolean }) => (open ? <div role="dialog">Send to {chargerIds.join(', ')}</div> : null),
}));

stubResizeObserver();

const T0 = '2025-05-01T10:00:00.000Z';
const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString();

const screens = routed({ '/chargers': <ChargersScreen />, '/chargers/:id': <ChargerDetailScreen /> }, true);

function aCharger(over: Partial<ChargerView> = {}): ChargerView {
  return {
    id: 'CP-1',
    connected: true,
    firstSeen: T0,
    lastSeen: T0,
    lastHeartbeat: new Date(Date.now() - 5000).toISOString(),
    remoteAddress: '10.0.0.7:51000',
    bootPolicy: null,
    registrationStatus: 'Accepted',
    lastBoot: T0,
    boot: { chargePointVendor: 'Alfen', chargePointModel: 'Eve Single', firmwareVersion: '6.2.1' },
    firmwareStatus: null,
    diagnosticsStatus: null,
    hasPassword: false,
    registered: false,
    virtual: false,
    connectors: [{ connectorId: 1, status: 'Charging', errorCode: 'NoError', info: null, vendorId: null, vendorErrorCode: null, timestamp: T0, updatedAt: T0 }],
    ...over,
  };
}

function meterRows(ts: string, energyWh: number, powerW: number, transactionId: number | null = 7): Omit<MeterValueView, 'id'>[] {
  const base = { chargerId: 'CP-1', connectorId: 1, transactionId, timestamp: ts, phase: null, context: 'Sample.Periodic', location: null, format: 'Raw' };
  return [
    { ...base, measurand: 'Energy.Active.Import.Register', value: String(energyWh), unit: 'Wh' },
    { ...base, measurand: 'Power.Active.Import', value: String(powerW), unit: 'W' },
  ];
}

let off: (() => void) | undefined;
beforeEach(() => useBench.setState(initialBenchState, true));
afterEach(() => {
  off?.();
  cleanup();
});

describe('chargers list', () => {
  it('shows a charger the moment it connects, with a chip per connector, and selects it for sending', async () => {
    const client = fakeClient();
    off = liveBench(client, { status: { port: 9000 } as never });
    render(withBench(client, screens, '/chargers'));

    expect(screen.getByText('No chargers yet')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Show the addresses to use' }).getAttribute('href')).toBe('/connect');
    expect(screen.getByRole('link', { name: 'Try a virtual charger' }).getAttribute('href')).toBe('/virtual');
    expect(screen.getByText(/ws:\/\/<this computer>:9000\/ocpp\/<charger identity>/)).toBeTruthy();

    const ts = new Date().toISOString();
    act(() =>
      client.emit([
        { type: 'chargerConnected', chargerId: 'CP-1', remoteAddress: '10.0.0.7:51000', ts },
        { type: 'bootNotification', chargerId: 'CP-1', boot: { chargePointVendor: 'Alfen', chargePointModel: 'Eve Single', firmwareVersion: '6.2.1' }, status: 'Accepted', ts },
        {
          type: 'statusChanged',
          chargerId: 'CP-1',
          connector: aConnector(1, { status: 'Charging', timestamp: ts, updatedAt: ts }),
          ts,
        },
        {
          type: 'statusChanged',
          chargerId: 'CP-1',
          connector: aConnector(2, { status: 'Faulted', errorCode: 'GroundFailure', timestamp: ts, updatedAt: ts }),
          ts,
        },
      ]),
    );

    const row = (await screen.findByText('CP-1')).closest('[role="row"]') as HTMLElement;
    const cells = within(row);
    expect(cells.getByText('Online')).toBeTruthy();
    expect(cells.getByText('1: Charging')).toBeTruthy();
    expect(cells.getByText('2: Faulted · Ground fault')).toBeTruthy();
    expect(cells.getByText('Alfen')).toBeTruthy();
    expect(cells.getByText('6.2.1')).toBeTruthy();
    expect(cells.getByText('Accepted')).toBeTruthy();
    expect(cells.getByText('Eve Single')).toBeTruthy();
    expect(screen.getByText('1 online of 1 known')).toBeTruthy();

    const send = screen.getByRole('button', { name: /Send to selected/ }) as HTMLButtonElement;
    expect(send.disabled).toBe(true);
    await userEvent.click(cells.getByRole('checkbox'));
    expect(screen.getByTestId('where').textContent).toBe('/chargers');
    await userEvent.click(screen.getByRole('button', { name: 'Send to selected (1)…' }));
    expect(screen.getByRole('dialog').textContent).toBe('Send to CP-1');
  });

  it('opens the detail on a row click', async () => {
    const client = fakeClient();
    off = liveBench(client, { chargers: { 'CP-1': aCharger() } });
    render(withBench(client, screens, '/chargers'));
    await userEvent.click(screen.getByText('Alfen'));
    expect(screen.getByTestId('where').textContent).toBe('/chargers/CP-1');
  });

  it('refreshes the list for last heartbeat every 10 s', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const client = fakeClient({ 'chargers:list': () => [aCharger()] });
      off = liveBench(client);
      render(withBench(client, screens, '/chargers'));
      expect(await screen.findByText('under a minute ago')).toBeTruthy();
      expect(client.callsOf('chargers:list')).toHaveLength(1);
      await act(async () => void vi.advanceTimersByTime(10_000));
      expect(client.callsOf('chargers:list')).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('register charger', () => {
  it('names the field when the password is too short, and registers once it is right', async () => {
    const client = fakeClient({
      'chargers:register': ({ id }) => ({ charger: aCharger({ id, connected: false, registered: true }), created: true }),
      'chargers:list': () => [],
      'settings:get': () => ({ defaultBootStatus: 'Accepted' }) as never,
    });
    off = liveBench(client);
    render(withBench(client, screens, '/chargers'));
    await userEvent.click(screen.getByRole('button', { name: 'Register charger' }));
    const dialog = screen.getByRole('dialog', { name: 'Register charger' });
    const form = within(dialog);

    await userEvent.click(form.getByRole('button', { name: 'Register' }));
    expect(form.getByText('Must not be empty.')).toBeTruthy();

    await userEvent.type(form.getByLabelText(/Charge point identity/), 'CP-0042');
    await userEvent.type(form.getByLabelText('Password (optional)'), 'short');
    await userEvent.click(form.getByRole('button', { name: 'Register' }));
    expect(form.getByText(/Must be at least 16 characters/)).toBeTruthy();
    expect(form.getByLabelText('Password (optional)').getAttribute('aria-invalid')).toBe('true');
    expect(client.callsOf('chargers:register')).toHaveLength(0);

    await userEvent.clear(form.getByLabelText('Password (optional)'));
    await userEvent.type(form.getByLabelText('Password (optional)'), 'a-long-enough-secret{Enter}');
    // A blank boot policy is left out of the call, not sent as null (which would clear one set before).
    expect(client.callsOf('chargers:register')).toEqual([{ id: 'CP-0042', password: 'a-long-enough-secret' }]);
    expect(await screen.findByText(/Registered CP-0042/)).toBeTruthy();
  });

  it('registering a known id keeps its boot policy and password, and says so', async () => {
    const known = aCharger({ id: 'CP-1', connected: false, bootPolicy: 'Pending', hasPassword: true });
    const client = fakeClient({
      'chargers:register': ({ id }) => ({ charger: { ...known, id, registered: true }, created: false }),
      'chargers:list': () => [known],
      'settings:get': () => ({ defaultBootStatus: 'Accepted' }) as never,
    });
    off = liveBench(client, { chargers: { 'CP-1': known } });
    render(withBench(client, screens, '/chargers'));
    await userEvent.click(screen.getByRole('button', { name: 'Register charger' }));
    const form = within(screen.getByRole('dialog', { name: 'Register charger' }));
    await userEvent.type(form.getByLabelText(/Charge point identity/), 'CP-2');
    expect(form.queryByText(/already known to the bench/)).toBeNull();
    await userEvent.clear(form.getByLabelText(/Charge point identity/));
    await userEvent.type(form.getByLabelText(/Charge point identity/), 'CP-1');
    expect(form.getByText(/CP-1 is already known to the bench \(boot policy: Pending; a password is set\)\. Registering keeps its settings unless you change them here/)).toBeTruthy();
    await userEvent.click(form.getByRole('button', { name: 'Register' }));
    await waitFor(() => expect(client.callsOf('chargers:register')).toEqual([{ id: 'CP-1' }]));
    // Not "Registered": it was known already.
    expect(await screen.findByText('CP-1 was already known to the bench: its registration is updated. It shows as online as soon as it connects.')).toBeTruthy();
  });
});

describe('charger detail', () => {
  const tx: TransactionView = aTransaction(7, 'CP-1', 1, 'TAG1', { meterStart: 1000, startTime: T0 });

  it('shows the connector with its running session, and the meter moves as MeterValues arrive', async () => {
    const client = fakeClient({
      'chargers:meterValues': () => meterRows(minutesAgo(2), 1500, 7000).map((v, i) => ({ ...v, id: i + 1 })),
      'chargers:list': () => [aCharger()],
    });
    off = liveBench(client, { chargers: { 'CP-1': aCharger() }, activeTransactions: { 7: tx } });
    render(withBench(client, screens, '/chargers/CP-1'));

    expect(screen.getByRole('heading', { name: 'CP-1' })).toBeTruthy();
    const card = within(screen.getByRole('region', { name: 'Connector 1' }));
    expect(card.getByText('Charging')).toBeTruthy();
    expect(card.getByText('TAG1')).toBeTruthy();
    expect(card.getByRole('link', { name: '#7' }).getAttribute('href')).toBe('/transactions/7');
    expect(await card.findByText('500 Wh')).toBeTruthy();
    expect(screen.getByTestId('meter-latest-1').textContent).toMatch(/^7\.0 kW · 1\.50 kWh/);
    expect(screen.getByTestId('meter-chart-1')).toBeTruthy();
    expect(client.callsOf('chargers:meterValues')[0]).toMatchObject({ chargerId: 'CP-1', connectorId: 1 });

    act(() => client.emit([{ type: 'meterValues', chargerId: 'CP-1', connectorId: 1, transactionId: 7, values: meterRows(minutesAgo(1), 2520, 7400), ts: new Date().toISOString() }]));
    expect(screen.getByTestId('meter-latest-1').textContent).toMatch(/^7\.4 kW · 2\.52 kWh/);
    expect(card.getByText('1.52 kWh')).toBeTruthy();
    expect(card.getByText('7.4 kW')).toBeTruthy();
  });

  it("keeps the tab in the URL and lists the charger's transactions there", async () => {
    const client = fakeClient({ 'transactions:list': () => [tx], 'chargers:meterValues': () => [] });
    off = liveBench(client, { chargers: { 'CP-1': aCharger() } });
    render(withBench(client, screens, '/chargers/CP-1?tab=transactions'));
    expect(screen.getByRole('tab', { name: 'Transactions' }).getAttribute('aria-selected')).toBe('true');
    expect(await screen.findByText('#7')).toBeTruthy();
    expect(client.callsOf('transactions:list')[0]).toMatchObject({ chargerId: 'CP-1' });
    await userEvent.click(screen.getByRole('tab', { name: 'Message log' }));
    expect(screen.getByTestId('where').textContent).toBe('/chargers/CP-1?tab=log');
  });

  it('asks before deleting and says why an online charger cannot be deleted', async () => {
    const client = fakeClient({ 'chargers:meterValues': () => [], 'chargers:delete': () => null });
    off = liveBench(client, { chargers: { 'CP-1': aCharger() } });
    render(withBench(client, screens, '/chargers/CP-1'));
    await userEvent.click(screen.getByRole('button', { name: 'Delete' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Delete CP-1?' }));
    expect(dialog.getByText(/Disconnect it first/)).toBeTruthy();
    expect((dialog.getByRole('button', { name: 'Delete charger' }) as HTMLButtonElement).disabled).toBe(true);
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    act(() => client.emit([{ type: 'chargerDisconnected', chargerId: 'CP-1', reason: 'closed', ts: T0 }]));
    await userEvent.click(screen.getByRole('button', { name: 'Delete' }));
    await userEvent.click(screen.getByRole('button', { name: 'Delete charger' }));
    expect(client.callsOf('chargers:delete')).toEqual([{ id: 'CP-1' }]);
    await waitFor(() => expect(screen.getByTestId('where').textContent).toBe('/chargers'));
  });

  it('sets a password and boot policy through chargers:update, naming a bad password', async () => {
    const client = fakeClient({
      'chargers:meterValues': () => [],
      'chargers:update': ({ id }) => aCharger({ id }),
      'chargers:list': () => [aCharger()],
      'settings:get': () => ({ defaultBootStatus: 'Accepted' }) as never,
    });
    off = liveBench(client, { chargers: { 'CP-1': aCharger() } });
    render(withBench(client, screens, '/chargers/CP-1'));
    await userEvent.click(screen.getByRole('button', { name: 'Password & boot policy' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Password and boot policy of CP-1' }));
    await userEvent.click(dialog.getByRole('combobox', { name: 'Boot policy' }));
    await userEvent.click(screen.getByRole('option', { name: /^Pending/ }));
    await userEvent.type(dialog.getByLabelText('Password'), 'x'.repeat(41));
    await userEvent.click(dialog.getByRole('button', { name: 'Save' }));
    expect(dialog.getByText('Must be at most 40 characters.')).toBeTruthy();
    expect(client.callsOf('chargers:update')).toHaveLength(0);
    await userEvent.clear(dialog.getByLabelText('Password'));
    await userEvent.type(dialog.getByLabelText('Password'), 'sixteen-chars-ok{Enter}');
    expect(client.callsOf('chargers:update')).toEqual([{ id: 'CP-1', patch: { bootPolicy: 'Pending', password: 'sixteen-chars-ok' } }]);
    expect(await screen.findByText(/applies from its next connection/)).toBeTruthy();
  });

  it('says plainly when the charger is not known', () => {
    const client = fakeClient();
    off = liveBench(client);
    render(withBench(client, screens, '/chargers/NOPE'));
    expect(screen.getByText(/No charger “NOPE” is known to this bench/)).toBeTruthy();
  });
});
