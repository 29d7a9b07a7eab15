// @vitest-environment jsdom
// The operation panels show the charger's state as the bench knows it, not what the panel sent while it
// was open: reservations from the record and the connectors' statuses, firmware and diagnostics progress
// tied to the request with its time (last known while offline), the local list's version from what the
// charger last said, the configuration's time of reading; and a charging profile is checked by the
// bench's rules for its purpose and its schedule, its refusal explained by the case sent.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { OperationsPanel } from '../../src/renderer/src/features/operations/OperationsPanel';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { reservationsOf } from '../../src/renderer/src/features/operations/panels/reservations';
import { locationFor } from '../../src/renderer/src/features/operations/kit/BenchLocation';
import type { ChargerEventView, OperationView } from '../../src/shared/api/views';
import type { OperationResult } from '../../src/shared/api/contract';
import { fakeClient, liveBench, withBench, type FakeClient } from './fake-client';
import { aCharger, aConnector, aTransaction, completed, minutesAgo } from './builders';

const connectors = () => [aConnector(0), aConnector(1), aConnector(2, { status: 'Charging' }), aConnector(3)];

let client: FakeClient;
let off: () => void = () => undefined;
beforeEach(() => {
  client = fakeClient();
  off = liveBench(client, {
    chargers: { CP001: aCharger('CP001', { connectors: connectors() }) },
    activeTransactions: { 17: aTransaction(17, 'CP001', 2, 'TAG-ALICE') },
  });
});
afterEach(() => {
  cleanup();
  off();
  useBench.setState(initialBenchState);
});

let nextId = 100;
function anOp(action: string, request: unknown, response: unknown, at: string, outcome = 'completed'): OperationView {
  return { id: nextId++, chargerId: 'CP001', action, request, sentAt: at, finishedAt: at, outcome, response, error: null };
}

function open(initial: Parameters<typeof OperationsPanel>[0]['initial'], handlers: FakeClient['handlers'] = {}) {
  client.handlers = { 'operations:list': () => [], 'chargerEvents:list': () => [], 'chargers:meterValues': () => [], 'chargers:operate': () => completed({ status: 'Accepted' }), ...handlers };
  render(withBench(client, <OperationsPanel chargerId="CP001" initial={initial} />));
}
const operated = () => client.callsOf('chargers:operate');
const status = (connectorId: number, s: 'Available' | 'Reserved' | 'Charging') =>
  client.emit([{ type: 'statusChanged', chargerId: 'CP001', connector: aConnector(connectorId, { status: s, updatedAt: new Date().toISOString() }), ts: new Date().toISOString() }]);
const later = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

describe('reservations, from what the bench knows', () => {
  it('lists the charger’s reservations on opening, each active, expired, ended or cancelled, with Cancel only for one that may hold', async () => {
    useBench.setState((s) => ({
      chargers: {
        CP001: {
          ...s.chargers.CP001,
          connectors: [aConnector(0), aConnector(1, { status: 'Reserved', updatedAt: minutesAgo(9) }), aConnector(2, { status: 'Charging' }), aConnector(3, { updatedAt: minutesAgo(2) })],
        },
      },
    }));
    const ops = [
      anOp('ReserveNow', { connectorId: 1, idTag: 'TAG-A', expiryDate: later(60), reservationId: 101 }, { status: 'Accepted' }, minutesAgo(10)),
      anOp('ReserveNow', { connectorId: 2, idTag: 'TAG-B', expiryDate: minutesAgo(5), reservationId: 102 }, { status: 'Accepted' }, minutesAgo(30)),
      anOp('ReserveNow', { connectorId: 3, idTag: 'TAG-C', expiryDate: later(60), reservationId: 103 }, { status: 'Accepted' }, minutesAgo(20)),
      anOp('ReserveNow', { connectorId: 3, idTag: 'TAG-D', expiryDate: later(60), reservationId: 104 }, { status: 'Occupied' }, minutesAgo(15)),
      anOp('ReserveNow', { connectorId: 0, idTag: 'TAG-E', expiryDate: later(60), reservationId: 105 }, { status: 'Accepted' }, minutesAgo(8)),
      anOp('CancelReservation', { reservationId: 105 }, { status: 'Accepted' }, minutesAgo(4)),
    ].reverse();
    open('ReserveNow', { 'operations:list': () => ops });
    const list = await screen.findByRole('list', { name: 'Reservations of CP001' });
    const row = (id: number) =>
      within(list)
        .getByText(new RegExp(`^Reservation ${id} ·`))
        .closest('li') as HTMLElement;
    expect(within(row(101)).getByText('Active')).toBeTruthy();
    expect(within(row(101)).getByText(/connector 1 is Reserved/)).toBeTruthy();
    expect(within(row(102)).getByText('Expired')).toBeTruthy();
    expect(within(row(103)).getByText('Ended')).toBeTruthy();
    expect(within(row(103)).getByText(/connector 3 is Available: the reservation was used or ended by the charger/)).toBeTruthy();
    expect(within(row(105)).getByText('Cancelled')).toBeTruthy();
    // Refused by the charger: never a reservation.
    expect(within(list).queryByText(/^Reservation 104 ·/)).toBeNull();
    expect(
      within(list)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Cancel reservation 101']);
  });

  it('follows the connector: a reservation made here ends when the connector is no longer Reserved, and its Cancel and "Accepted" go', async () => {
    const user = userEvent.setup();
    const recorded: OperationView[] = [];
    open('ReserveNow', {
      'operations:list': () => [...recorded].reverse(),
      'chargers:operate': (args) => {
        recorded.push(anOp(args.action, args.payload, { status: 'Accepted' }, new Date().toISOString()));
        return completed({ status: 'Accepted' });
      },
    });
    await user.type(screen.getByRole('textbox', { name: /^idTag/ }), 'RESTAG1');
    const reservationId = screen.getAllByRole('textbox', { name: /^Reservation id/ })[0];
    await user.clear(reservationId);
    await user.type(reservationId, '461375');
    await user.click(screen.getByRole('button', { name: 'Reserve connector 1' }));
    expect(await screen.findByText('ReserveNow: Accepted')).toBeTruthy();
    const list = await screen.findByRole('list', { name: 'Reservations of CP001' });
    expect(await within(list).findByText('Not confirmed')).toBeTruthy();
    act(() => status(1, 'Reserved'));
    expect(await within(list).findByText('Active')).toBeTruthy();
    expect(within(list).getByRole('button', { name: 'Cancel reservation 461375' })).toBeTruthy();
    // The charger ends it (expiry, a session, its own decision): the connector is Available again.
    act(() => status(1, 'Available'));
    expect(await within(list).findByText('Ended')).toBeTruthy();
    expect(within(list).queryByRole('button', { name: 'Cancel reservation 461375' })).toBeNull();
    expect(screen.queryByText('ReserveNow: Accepted')).toBeNull();
    expect(screen.getByText(/^The charger accepted reservation 461375; it no longer holds: at .+: connector 1 is Available/)).toBeTruthy();
  });

  it('lists a reservation made before a thousand other operations of the charger (the bench is asked for those of reservations)', async () => {
    const made = anOp('ReserveNow', { connectorId: 1, idTag: 'TAG-OLD', expiryDate: later(600), reservationId: 77 }, { status: 'Accepted' }, minutesAgo(120));
    const record = [made, ...Array.from({ length: 1500 }, () => anOp('GetConfiguration', {}, { configurationKey: [] }, minutesAgo(60)))];
    useBench.setState((s) => ({ chargers: { CP001: { ...s.chargers.CP001, connectors: [aConnector(0), aConnector(1, { status: 'Reserved', updatedAt: minutesAgo(119) })] } } }));
    open('ReserveNow', {
      // As the bench answers: newest first, narrowed as asked, at most `limit`.
      'operations:list': ({ chargerId, actions, limit }) =>
        record
          .filter((o) => o.chargerId === chargerId && (!actions || (actions as string[]).includes(o.action)))
          .sort((a, b) => b.id - a.id)
          .slice(0, limit ?? 100),
    });
    const list = await screen.findByRole('list', { name: 'Reservations of CP001' });
    const row = within(list)
      .getByText(/^Reservation 77 · connector 1 · TAG-OLD/)
      .closest('li') as HTMLElement;
    expect(within(row).getByText('Active')).toBeTruthy();
  });

  it('tells a reservation of any connector, one replaced by a later one, and one a session used', () => {
    const now = Date.now();
    const ops = [
      anOp('ReserveNow', { connectorId: 1, idTag: 'A', expiryDate: later(60), reservationId: 1 }, { status: 'Accepted' }, minutesAgo(30)),
      anOp('ReserveNow', { connectorId: 1, idTag: 'B', expiryDate: later(60), reservationId: 2 }, { status: 'Accepted' }, minutesAgo(20)),
      anOp('ReserveNow', { connectorId: 0, idTag: 'C', expiryDate: later(60), reservationId: 3 }, { status: 'Accepted' }, minutesAgo(10)),
      anOp('ReserveNow', { connectorId: 2, idTag: 'D', expiryDate: later(60), reservationId: 4 }, { status: 'Accepted' }, minutesAgo(5)),
    ];
    const state = (list: ReturnType<typeof reservationsOf>) => Object.fromEntries(list.map((r) => [r.reservationId, r.state]));
    const used = aTransaction(40, 'CP001', 2, 'D', { reservationId: 4 });
    // Connector 1 Reserved is reservation 2's: it does not tell that reservation 3 (any connector) holds.
    expect(state(reservationsOf(ops, [aConnector(1, { status: 'Reserved', updatedAt: minutesAgo(19) })], [used], now))).toEqual({ 1: 'ended', 2: 'active', 3: 'unconfirmed', 4: 'used' });
    expect(state(reservationsOf(ops, [aConnector(1, { updatedAt: minutesAgo(25) })], [], now))).toEqual({ 1: 'ended', 2: 'unconfirmed', 3: 'unconfirmed', 4: 'unconfirmed' });
    // The charger's Available at the expiry came before this window's clock passed it: expired, not ended.
    const soon = anOp('ReserveNow', { connectorId: 1, idTag: 'E', expiryDate: minutesAgo(1), reservationId: 5 }, { status: 'Accepted' }, minutesAgo(3));
    expect(state(reservationsOf([soon], [aConnector(1, { updatedAt: minutesAgo(0.5) })], [], now - 90_000))).toEqual({ 5: 'expired' });
  });
});

describe('firmware and diagnostics progress', () => {
  const firmwareEvent = (status: string, ts: string): ChargerEventView => ({ id: nextId++, chargerId: 'CP001', ts, action: 'FirmwareStatusNotification', data: { status } });

  it('ties the status to the request with its time: an earlier one is said as earlier, a new one as progress, greyed and last known while offline', async () => {
    useBench.setState((s) => ({ chargers: { CP001: { ...s.chargers.CP001, firmwareStatus: 'Installed' } } }));
    open('UpdateFirmware', {
      'files:hosted': () => [],
      'operations:list': () => [anOp('UpdateFirmware', { location: 'http://x/fw.bin', retrieveDate: minutesAgo(5) }, {}, minutesAgo(5))],
      'chargerEvents:list': () => [firmwareEvent('Installed', minutesAgo(20))],
    });
    const group = screen.getByRole('group', { name: 'Firmware update progress' });
    const line = within(group).getByRole('status');
    await waitFor(() => expect(line.textContent).toMatch(/^No status from the charger since UpdateFirmware was sent at .+; earlier \(at .+\) it reported: Installed: the new firmware runs$/));
    expect(group.querySelectorAll('.Mui-completed')).toHaveLength(0);

    act(() => client.emit([{ type: 'firmwareStatus', chargerId: 'CP001', status: 'Downloaded', ts: new Date().toISOString() }]));
    await waitFor(() => expect(line.textContent).toMatch(/^Last status from the charger: Downloaded; the charger installs it when it is ready \(it may wait for a session to end\) \(at .+\)$/));

    act(() => client.emit([{ type: 'firmwareStatus', chargerId: 'CP001', status: 'Installing', ts: new Date().toISOString() }]));
    await waitFor(() => expect(group.querySelector('.MuiStepLabel-label.Mui-active')?.textContent).toBe('Installing'));
    act(() => client.emit([{ type: 'chargerDisconnected', chargerId: 'CP001', ts: new Date().toISOString() } as never]));
    await waitFor(() => expect(line.textContent).toMatch(/^Last known \(CP001 is offline, last contact .+\)\. Last status from the charger: Installing \(at .+\)$/));
    expect(group.querySelector('.MuiStepLabel-label.Mui-active')).toBeNull();
    expect(within(group).getByText('· last known')).toBeTruthy();
  });

  it('says a diagnostics status with no request in the record as earlier, not as progress', async () => {
    open('GetDiagnostics', {
      'files:uploadLocation': () => ({
        id: 'u1',
        chargerId: 'CP001',
        http: 'http://10.0.0.2:9000/uploads/t/',
        ftp: null,
        alternatives: { http: [], ftp: [] },
        createdAt: minutesAgo(0),
        expiresAt: later(600),
      }),
      'chargerEvents:list': () => [{ id: 1, chargerId: 'CP001', ts: minutesAgo(30), action: 'DiagnosticsStatusNotification', data: { status: 'Uploaded' } }],
    });
    const line = within(screen.getByRole('group', { name: 'Diagnostics upload progress' })).getByRole('status');
    await waitFor(() => expect(line.textContent).toMatch(/^No GetDiagnostics request in the bench's record; earlier \(at .+\) it reported: Uploaded$/));
  });
});

describe('set charging profile: the rules for its purpose and schedule', () => {
  it('refuses a TxProfile on connector 0 and an Absolute schedule that is already over, and sends nothing', async () => {
    const user = userEvent.setup();
    open('SetChargingProfile');
    await user.click(screen.getByRole('combobox', { name: 'Purpose' }));
    await user.click(screen.getByRole('option', { name: 'TxProfile' }));
    await user.click(screen.getByRole('button', { name: /^Install profile 1 on the charger/ }));
    expect(screen.getByText('A TxProfile is set on the connector of its running transaction (1 or more), not on connector 0')).toBeTruthy();

    await user.click(screen.getByRole('combobox', { name: 'Purpose' }));
    await user.click(screen.getByRole('option', { name: 'TxDefaultProfile' }));
    await user.click(screen.getByRole('combobox', { name: 'Kind' }));
    await user.click(screen.getByRole('option', { name: 'Absolute' }));
    fireEvent.change(screen.getByLabelText('Start schedule'), { target: { value: '2020-01-01T10:00' } });
    await user.type(screen.getByRole('textbox', { name: 'Duration (s)' }), '60');
    await user.click(screen.getByRole('button', { name: /^Install profile 1 on the charger/ }));
    expect(screen.getByText(/^Already over: the start schedule plus this duration is in the past/)).toBeTruthy();
    expect(operated()).toEqual([]);
  });

  it('says under the stack level that it goes unchecked, and explains a refusal by the case sent', async () => {
    const user = userEvent.setup();
    open('SetChargingProfile', { 'chargers:operate': () => completed({ status: 'Rejected' }) });
    expect(screen.getByRole('textbox', { name: 'Stack level', description: /Sent unchecked: the charger's ChargeProfileMaxStackLevel has not been read/ })).toBeTruthy();
    // A TxProfile on connector 2, where transaction 17 runs: the refusal is not put down to a missing transaction.
    await user.click(screen.getByRole('combobox', { name: 'Purpose' }));
    await user.click(screen.getByRole('option', { name: 'TxProfile' }));
    await user.click(screen.getByRole('combobox', { name: 'Connector' }));
    await user.click(screen.getByRole('option', { name: /^Connector 2/ }));
    expect(screen.getByText('For transaction 17 (TAG-ALICE), running here')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: /^Install profile 1 on connector 2/ }));
    // Transaction 17 runs there: it is asked first.
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Install the TxProfile for transaction 17 on connector 2 of CP001' }));
    const outcome = (await screen.findByText('SetChargingProfile: Rejected')).closest('[role="status"]') as HTMLElement;
    expect(outcome.textContent).not.toMatch(/without a running transaction|No transaction was running/);
    expect(outcome.textContent).toMatch(/ChargeProfileMaxStackLevel had not been read: stack level 0 may be above it/);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    // On connector 1, where nothing runs: that is the case named.
    await user.click(screen.getByRole('combobox', { name: 'Connector' }));
    await user.click(screen.getByRole('option', { name: /^Connector 1/ }));
    expect(screen.getByText('No transaction runs on connector 1: the charger should reject a TxProfile here')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: /^Install profile 1 on connector 1/ }));
    await waitFor(() => expect(operated()).toHaveLength(2));
    expect((await screen.findByText('SetChargingProfile: Rejected')).closest('[role="status"]')!.textContent).toMatch(/No transaction was running on connector 1 when it was sent/);
  });
});

describe('local list version', () => {
  it('starts from the version the charger last accepted, says so, and moves to the next after an Accepted send', async () => {
    const user = userEvent.setup();
    open('SendLocalList', {
      'operations:list': () => [anOp('SendLocalList', { listVersion: 2, updateType: 'Differential', localAuthorizationList: [] }, { status: 'Accepted' }, minutesAgo(3))],
    });
    const version = screen.getByRole('textbox', { name: /^List version/ }) as HTMLInputElement;
    await waitFor(() => expect(version.value).toBe('3'));
    expect(screen.getByText(/^The charger accepted version 2 at .+ \(the last list sent\): this is the next$/)).toBeTruthy();
    await user.click(screen.getByRole('radio', { name: /^Differential/ }));
    await user.type(screen.getByRole('textbox', { name: 'Entry 1 idTag' }), 'TAG-NEW');
    await user.click(screen.getByRole('button', { name: 'Send 1 change' }));
    await waitFor(() => expect(version.value).toBe('4'));
    expect(operated()[0]).toMatchObject({ action: 'SendLocalList', payload: { listVersion: 3, updateType: 'Differential' } });
    expect(screen.getByText(/^The charger accepted version 3 at /)).toBeTruthy();
  });

  it('takes the version the charger reported to GetLocalListVersion when that is the newest', async () => {
    open('SendLocalList', {
      // Newest first, as the record lists them.
      'operations:list': () =>
        [
          anOp('SendLocalList', { listVersion: 2, updateType: 'Full', localAuthorizationList: [] }, { status: 'Accepted' }, minutesAgo(3)),
          anOp('GetLocalListVersion', {}, { listVersion: 7 }, minutesAgo(1)),
        ].reverse(),
    });
    await waitFor(() => expect((screen.getByRole('textbox', { name: /^List version/ }) as HTMLInputElement).value).toBe('8'));
    expect(screen.getByText(/^The charger reported version 7 at .+ \(Get local list version\)/)).toBeTruthy();
  });
});

describe('configuration table', () => {
  it('says when it was read, shows the value a refused edit tried, and is last known while the charger is offline', async () => {
    const user = userEvent.setup();
    const answer = (action: string): OperationResult =>
      action === 'GetConfiguration'
        ? completed({
            configurationKey: [
              { key: 'MeterValueSampleInterval', readonly: false, value: '60' },
              { key: 'NumberOfConnectors', readonly: true, value: '3' },
            ],
          })
        : completed({ status: 'Rejected' });
    open('GetConfiguration', { 'chargers:operate': (args) => answer(args.action) });
    await user.click(screen.getByRole('button', { name: 'Get all keys' }));
    expect(await screen.findByText(/^The charger reported 2 key\(s\)\. Read at \d/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Edit MeterValueSampleInterval' }));
    const field = screen.getByRole('textbox', { name: 'New value for MeterValueSampleInterval' });
    await user.clear(field);
    await user.type(field, '15{Enter}');
    const row = (await screen.findByText('Rejected')).closest('tr') as HTMLElement;
    expect(within(row).getByText('Tried:')).toBeTruthy();
    expect(within(row).getByText('15')).toBeTruthy();
    // The value stays as read.
    expect(within(row).getByText('60')).toBeTruthy();

    act(() => client.emit([{ type: 'chargerDisconnected', chargerId: 'CP001', ts: new Date().toISOString() } as never]));
    expect((await screen.findByTestId('configuration-last-known')).textContent).toMatch(/^Last known values, read at .+: CP001 is offline/);
    expect(screen.getByRole('table', { name: 'Configuration keys (last known)' })).toBeTruthy();
  });
});

describe("the bench's address a charger is given", () => {
  it('offers the other addresses the bench reports, the LAN one first', async () => {
    const user = userEvent.setup();
    open('UpdateFirmware', {
      'files:hosted': () => [
        {
          url: 'http://192.168.1.20:9551/files/f1/fw.bin',
          ftpUrl: null,
          name: 'fw.bin',
          size: 2000,
          alternatives: ['http://127.0.0.1:9551/files/f1/fw.bin'],
          ftpAlternatives: [],
          hostedAt: minutesAgo(1),
          expiresAt: later(600),
        },
      ],
    });
    const location = (await screen.findByDisplayValue('http://192.168.1.20:9551/files/f1/fw.bin')) as HTMLInputElement;
    await user.click(screen.getByRole('combobox', { name: 'Bench address given to the charger' }));
    await user.click(screen.getByRole('option', { name: /^127\.0\.0\.1 \(this machine only/ }));
    expect(location.value).toBe('http://127.0.0.1:9551/files/f1/fw.bin');
    expect(screen.getByText('Only a charger on this machine (e.g. a virtual one) reaches this address')).toBeTruthy();
  });

  it('fills in the address chosen, over each source that has it, and the first otherwise', () => {
    const bench = { http: 'http://10.0.0.2:80/u/', ftp: 'ftp://u:p@10.0.0.2:21/', alternatives: { http: ['http://127.0.0.1:80/u/'], ftp: ['ftp://u:p@127.0.0.1:21/'] } };
    expect(locationFor('http', bench, '', null)).toBe('http://10.0.0.2:80/u/');
    expect(locationFor('ftp', bench, '', '127.0.0.1')).toBe('ftp://u:p@127.0.0.1:21/');
    expect(locationFor('ftp', { ...bench, alternatives: { http: [], ftp: [] } }, '', '127.0.0.1')).toBe('ftp://u:p@10.0.0.2:21/');
    expect(locationFor('own', bench, 'ftp://mine/', '127.0.0.1')).toBe('ftp://mine/');
  });
});
