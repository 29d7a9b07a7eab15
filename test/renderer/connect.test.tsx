// @vitest-environment jsdom
// The Connect screen: the URL a charger is given is built from the address and the charge point id, a
// QR code shows it, and connection attempts list refusals with their reasons, refreshed as they happen.
import { beforeEach, describe, expect, it } from 'vitest';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeClient, withBench, type FakeClient } from './fake-client';
import { connectBenchEachTest, strictSettings } from './connect-fixtures';
import { useBench } from '../../src/renderer/src/stores/bench';
import { ConnectScreen } from '../../src/renderer/src/features/connect/ConnectScreen';
import type { NetworkAddress } from '../../src/shared/api/contract';
import type { ConnectionAttemptView } from '../../src/shared/api/views';

const addresses: NetworkAddress[] = [
  { interface: 'eth0', address: '192.168.1.20', family: 'IPv4', url: 'ws://192.168.1.20:9000/ocpp/', internal: false },
  { interface: 'wlan0', address: '10.0.0.5', family: 'IPv4', url: 'ws://10.0.0.5:9000/ocpp/', internal: false },
  { interface: 'lo', address: '127.0.0.1', family: 'IPv4', url: 'ws://127.0.0.1:9000/ocpp/', internal: true },
];

const wrongPassword = "Wrong password: the charger's AuthorizationKey does not match the password set for CP-7 on this bench (security profile 1). Set the same password on both";
const wrongVersion = 'Wrong OCPP version: CP-2 offered subprotocol "ocpp2.0.1", but ChargeBench speaks OCPP 1.6J only (subprotocol "ocpp1.6"). Set the charger\'s OCPP version to 1.6 JSON (OCPP-J)';
const unknown =
  'Unknown charger: CP-X is not registered on this bench, and unknown chargers are refused. Register it (Chargers screen, Register charger; or POST /api/chargers), or let unknown chargers connect in Settings';

function attempt(id: number, over: Partial<ConnectionAttemptView>): ConnectionAttemptView {
  return { id, ts: new Date(Date.now() - id * 1000).toISOString(), chargerId: 'CP-7', remoteAddress: '::ffff:192.168.1.77', outcome: 'refused', reason: wrongPassword, ...over };
}

let attempts: ConnectionAttemptView[];

function client(): FakeClient {
  return fakeClient({
    'network:addresses': () => addresses,
    'settings:get': () => strictSettings,
    'connectionAttempts:list': () => attempts,
  });
}

connectBenchEachTest();
beforeEach(() => {
  attempts = [
    attempt(3, {}),
    attempt(2, { chargerId: 'CP-2', reason: wrongVersion }),
    attempt(1, { chargerId: 'CP-X', reason: unknown }),
    attempt(4, { chargerId: 'CP-OK', outcome: 'accepted', reason: null }),
  ];
});

describe('Connect screen', () => {
  it('builds the URL from each address and the charge point id, network addresses first, with a QR code of the chosen one', async () => {
    render(withBench(client(), <ConnectScreen />));
    expect(await screen.findByText('ws://192.168.1.20:9000/ocpp/CP001')).toBeTruthy();
    expect(screen.getByText('ws://10.0.0.5:9000/ocpp/CP001')).toBeTruthy();
    expect(screen.getByText('ws://127.0.0.1:9000/ocpp/CP001')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Copy ws://192.168.1.20:9000/ocpp/CP001' })).toBeTruthy();
    expect(screen.getByRole('img', { name: 'QR code of ws://192.168.1.20:9000/ocpp/CP001' })).toBeTruthy();

    const id = screen.getByLabelText('Charge point id');
    await userEvent.clear(id);
    await userEvent.type(id, 'CP/7 A');
    expect(screen.getByText('ws://192.168.1.20:9000/ocpp/CP%2F7%20A')).toBeTruthy();

    // Another address: the QR code follows.
    await userEvent.click(screen.getByRole('radio', { name: /ws:\/\/10\.0\.0\.5:9000/ }));
    expect(screen.getByRole('img', { name: 'QR code of ws://10.0.0.5:9000/ocpp/CP%2F7%20A' })).toBeTruthy();
    // The id is remembered for next time.
    expect(localStorage.getItem('chargebench.connect.chargePointId')).toBe('CP/7 A');
  });

  it('says what is wrong with a bad id and shows no QR code for it', async () => {
    render(withBench(client(), <ConnectScreen />));
    await screen.findByText('ws://192.168.1.20:9000/ocpp/CP001');
    await userEvent.clear(screen.getByLabelText('Charge point id'));
    expect(screen.getByText('Charge point id must not be empty')).toBeTruthy();
    expect(screen.queryByRole('img', { name: /QR code/ })).toBeNull();
    await userEvent.click(screen.getByLabelText('Charge point id'));
    await userEvent.paste('X'.repeat(49));
    expect(screen.getByText(/Charge point id must be at most 48 characters/)).toBeTruthy();
  });

  it('summarises the security the charger must match, with a way to Settings', async () => {
    render(withBench(client(), <ConnectScreen />));
    const section = (await screen.findByRole('region', { name: 'Charger settings to match' })) as HTMLElement;
    await within(section).findByText(/Required from every charger \(security profile 1\)/);
    expect(within(section).getByText(/only chargers registered on the bench/)).toBeTruthy();
    expect(within(section).getByText('9000')).toBeTruthy();
    expect(within(section).getByRole('link', { name: 'Change in Settings' }).getAttribute('href')).toBe('/settings');
  });

  it('lists connection attempts with each refusal reason in words, and refreshes when connections change', async () => {
    const c = client();
    render(withBench(c, <ConnectScreen />));
    const table = await screen.findByRole('table', { name: 'Connection attempts' });
    expect(within(table).getByText(wrongPassword)).toBeTruthy();
    expect(within(table).getByText(wrongVersion)).toBeTruthy();
    expect(within(table).getByText(unknown)).toBeTruthy();
    expect(within(table).getAllByText('Refused')).toHaveLength(3);
    expect(within(table).getByText('Connected')).toBeTruthy();
    // IPv4-mapped peers read as plain IPv4.
    expect(within(table).getAllByText('192.168.1.77').length).toBeGreaterThan(0);

    await userEvent.click(screen.getByLabelText('Refusals only'));
    expect(within(table).queryByText('Connected')).toBeNull();

    const before = c.callsOf('connectionAttempts:list').length;
    attempts = [attempt(0, { chargerId: 'CP-NEW', reason: 'Password missing: CP-NEW sent no password, but the bench has one set for it (security profile 1).' }), ...attempts];
    act(() => useBench.setState((s) => ({ connectionsVersion: s.connectionsVersion + 1 })));
    await waitFor(() => expect(c.callsOf('connectionAttempts:list').length).toBe(before + 1));
    expect(await within(table).findByText(/Password missing: CP-NEW sent no password/)).toBeTruthy();
  });

  it('warns when no address is reachable from the network', async () => {
    const c = fakeClient({ 'network:addresses': () => [addresses[2]], 'settings:get': () => strictSettings, 'connectionAttempts:list': () => [] });
    render(withBench(c, <ConnectScreen />));
    expect(await screen.findByText(/no network address besides itself/)).toBeTruthy();
    expect(screen.getByText(/No charger has tried to connect yet/)).toBeTruthy();
  });
});
