// @vitest-environment jsdom
// The operation panels: confirmation before disruptive operations (cancel sends nothing, confirm sends
// exactly one call), field messages from the core's schemas, configuration edit, and multi-send.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { OperationsPanel } from '../../src/renderer/src/features/operations/OperationsPanel';
import { MultiSendDialog } from '../../src/renderer/src/features/operations/MultiSendDialog';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import type { OperationResult } from '../../src/shared/api/contract';
import type { ChargerView, ConnectorView, TransactionView } from '../../src/shared/api/views';
import { aCharger, fakeClient, withBench } from './fake-client';
import { aMeterValue, aTransaction } from './builders';

const connector = (connectorId: number, status: ConnectorView['status'] = 'Available'): ConnectorView => ({
  connectorId,
  status,
  errorCode: 'NoError',
  info: null,
  vendorId: null,
  vendorErrorCode: null,
  timestamp: null,
  updatedAt: '2025-01-01T10:00:00Z',
});

// Heard from just now: an online charger silent past its heartbeat says what runs there as the last known.
const charger = (id: string, connected = true, connectors = 2): ChargerView =>
  aCharger(id, { connected, lastSeen: new Date().toISOString(), connectors: [connector(0), ...Array.from({ length: connectors }, (_, i) => connector(i + 1, i === 1 ? 'Charging' : 'Available'))] });

const transaction = (transactionId: number, chargerId: string, connectorId: number, idTag: string, meterStart: number): TransactionView =>
  aTransaction(transactionId, chargerId, connectorId, idTag, { meterStart, startTime: new Date(Date.now() - 600_000).toISOString() });

beforeEach(() => {
  useBench.setState({
    ...initialBenchState,
    link: 'open',
    loaded: true,
    chargers: { CP001: charger('CP001'), CP002: charger('CP002', false) },
    activeTransactions: { 17: transaction(17, 'CP001', 2, 'TAG-ALICE', 1000) },
    meter: { 'CP001/2': [{ t: Date.now() - 5000, energyWh: 5200, transactionId: 17 }] },
  });
});

afterEach(() => {
  cleanup();
  useBench.setState(initialBenchState);
});

const completed = (response: Record<string, unknown>): OperationResult => ({ outcome: 'completed', response: response as never, operationId: 1 });

describe('unlock connector', () => {
  it('confirms naming the connector chosen and what runs on it; cancel sends nothing, confirm sends exactly one UnlockConnector', async () => {
    const user = userEvent.setup();
    const client = fakeClient({ 'chargers:operate': () => completed({ status: 'Unlocked' }) });
    render(withBench(client, <OperationsPanel chargerId="CP001" initial="UnlockConnector" />));

    // With two connectors, none is chosen for the person: nothing can be confirmed yet.
    expect((screen.getByRole('button', { name: 'Unlock a connector…' }) as HTMLButtonElement).disabled).toBe(true);
    await user.click(screen.getByRole('radio', { name: /^Connector 2 · Charging · session of TAG-ALICE/ }));
    await user.click(screen.getByRole('button', { name: 'Unlock connector 2…' }));
    let dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('CP001 · connector 2')).toBeTruthy();
    expect(within(dialog).getByText('4.20 kWh')).toBeTruthy();
    expect(within(dialog).getByText(/A running session on connector 2 \(TAG-ALICE, transaction 17\) may stop and the cable may be released/)).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(client.callsOf('chargers:operate')).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Unlock connector 2…' }));
    dialog = await screen.findByRole('dialog');
    const confirm = within(dialog).getByRole('button', { name: 'Unlock connector 2 of CP001' });
    await user.dblClick(confirm);
    await screen.findByText(/The connector unlocked; the cable can be removed/);
    expect(client.callsOf('chargers:operate')).toEqual([{ chargerId: 'CP001', action: 'UnlockConnector', payload: { connectorId: 2 } }]);
  });

  it("says nothing of sessions before a connector is chosen, then names that connector's (and can change it in the dialog)", async () => {
    // A click on the button before a choice is tried even when it is disabled.
    const user = userEvent.setup({ pointerEventsCheck: 0 });
    const client = fakeClient({ 'chargers:operate': () => completed({ status: 'Unlocked' }) });
    render(withBench(client, <OperationsPanel chargerId="CP001" initial="UnlockConnector" />));
    // The list names connector 2's session; nothing claims that nothing is charging, and no dialog opens unchosen.
    expect(screen.getByRole('radio', { name: /^Connector 2 · Charging · session of TAG-ALICE/ })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Unlock a connector…' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.queryByText('Nothing is charging here right now.')).toBeNull();
    expect(screen.getByText('Choose the connector whose cable lock is to be released.')).toBeTruthy();

    await user.click(screen.getByRole('radio', { name: /^Connector 2/ }));
    await user.click(screen.getByRole('button', { name: 'Unlock connector 2…' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByRole('heading', { name: 'Unlock connector 2 of CP001?' })).toBeTruthy();
    expect(within(dialog).getByText('TAG-ALICE')).toBeTruthy();
    expect(within(dialog).queryByText('Nothing is charging here right now.')).toBeNull();
    // Connector 1 chosen in the dialog: its (no) session is what it names now.
    await user.click(within(dialog).getByRole('radio', { name: /^Connector 1/ }));
    expect(within(dialog).getByText('Nothing is charging here right now.')).toBeTruthy();
    expect(within(dialog).queryByText('TAG-ALICE')).toBeNull();
    await user.click(within(dialog).getByRole('button', { name: 'Unlock connector 1 of CP001' }));
    await waitFor(() => expect(client.callsOf('chargers:operate')).toEqual([{ chargerId: 'CP001', action: 'UnlockConnector', payload: { connectorId: 1 } }]));
  });

  it('says what UnlockFailed means', async () => {
    const user = userEvent.setup();
    const client = fakeClient({ 'chargers:operate': () => completed({ status: 'UnlockFailed' }) });
    render(withBench(client, <OperationsPanel chargerId="CP001" initial="UnlockConnector" />));
    await user.click(screen.getByRole('radio', { name: /^Connector 1/ }));
    await user.click(screen.getByRole('button', { name: 'Unlock connector 1…' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Unlock connector 1 of CP001' }));
    const outcome = (await screen.findByText('UnlockConnector: UnlockFailed')).closest('[role="status"]') as HTMLElement;
    expect(within(outcome).getByText(/mechanical failure, an active transaction or a safety interlock/)).toBeTruthy();
  });
});

describe('what is running', () => {
  it("reads the energy from the bench's record when no live reading arrived since the UI connected", async () => {
    const user = userEvent.setup();
    useBench.setState((s) => ({ activeTransactions: { ...s.activeTransactions, 18: transaction(18, 'CP001', 1, 'TAG-BOB', 2000) } }));
    const value = (v: string, timestamp: string) => aMeterValue({ id: 1, chargerId: 'CP001', connectorId: 1, transactionId: 18, timestamp, value: v });
    const client = fakeClient({
      'transactions:recentMeterValues': ({ transactionIds }) =>
        transactionIds.map((transactionId) => ({ transactionId, meterValues: [value('3500', '2025-01-01T10:02:00Z'), value('2500', '2025-01-01T10:01:00Z')] })),
    });
    render(withBench(client, <OperationsPanel chargerId="CP001" initial="UnlockConnector" />));
    await user.click(screen.getByRole('radio', { name: /^Connector 1/ }));
    await user.click(screen.getByRole('button', { name: 'Unlock connector 1…' }));
    const dialog = await screen.findByRole('dialog');
    expect(await within(dialog).findByText('1.50 kWh')).toBeTruthy();
    expect(within(dialog).getByText('TAG-BOB')).toBeTruthy();
    expect(client.callsOf('transactions:recentMeterValues')).toEqual([{ transactionIds: [18], limit: 50 }]);
  });
});

describe('remote start', () => {
  it('shows the idTag limit on the field and sends nothing', async () => {
    const user = userEvent.setup();
    const client = fakeClient({ 'chargers:operate': () => completed({ status: 'Accepted' }) });
    render(withBench(client, <OperationsPanel chargerId="CP001" initial="RemoteStartTransaction" />));
    await user.type(screen.getByRole('textbox', { name: /idTag/ }), 'ABCDEFGHIJKLMNOPQRSTUVW');
    await user.click(screen.getByRole('button', { name: 'Start transaction' }));
    expect(await screen.findByText('At most 20 characters (this one has 23)')).toBeTruthy();
    expect(client.callsOf('chargers:operate')).toHaveLength(0);

    await user.clear(screen.getByRole('textbox', { name: /idTag/ }));
    await user.type(screen.getByRole('textbox', { name: /idTag/ }), 'TAG-BOB');
    expect(screen.queryByText(/At most 20 characters/)).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Start transaction' }));
    await screen.findByText('RemoteStartTransaction: Accepted');
    expect(client.callsOf('chargers:operate')).toEqual([{ chargerId: 'CP001', action: 'RemoteStartTransaction', payload: { idTag: 'TAG-BOB' } }]);
  });

  it("shows the bench's refusal of a field on that field", async () => {
    const user = userEvent.setup();
    const { CallFailure } = await import('../../src/renderer/src/api/client');
    const client = fakeClient({
      'chargers:operate': () => {
        throw new CallFailure({ status: 400, message: 'Invalid RemoteStartTransaction payload: idTag: not allowed here', field: 'idTag' });
      },
    });
    render(withBench(client, <OperationsPanel chargerId="CP001" initial="RemoteStartTransaction" />));
    await user.type(screen.getByRole('textbox', { name: /idTag/ }), 'TAG');
    await user.click(screen.getByRole('button', { name: 'Start transaction' }));
    expect(await screen.findByText('Invalid RemoteStartTransaction payload: idTag: not allowed here')).toBeTruthy();
    expect(screen.getByText('Nothing was sent')).toBeTruthy();
  });

  it('names the operation and its OCPP action apart in the heading', () => {
    render(withBench(fakeClient(), <OperationsPanel chargerId="CP001" initial="RemoteStartTransaction" />));
    expect(screen.getByRole('heading', { level: 2, name: 'Remote start · RemoteStartTransaction' })).toBeTruthy();
  });

  it('keeps the form usable but does not send while the charger is offline, and does not promise to queue', async () => {
    const user = userEvent.setup();
    render(withBench(fakeClient(), <OperationsPanel chargerId="CP002" initial="RemoteStartTransaction" />));
    expect(screen.getByText(/^CP002 is offline \(last seen .+\): connect it to send\. You can prepare an operation meanwhile; nothing is queued\.$/)).toBeTruthy();
    expect(screen.getByText(/^CP002 is offline \(last seen .+\): connect it to send\.$/)).toBeTruthy();
    expect(screen.queryByText(/waits until/)).toBeNull();
    await user.type(screen.getByRole('textbox', { name: /idTag/ }), 'TAG');
    expect((screen.getByRole('textbox', { name: /idTag/ }) as HTMLInputElement).value).toBe('TAG');
    expect((screen.getByRole('button', { name: 'Start transaction' }) as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('configuration', () => {
  it('edits a key inline, sends ChangeConfiguration on Enter and shows what RebootRequired means', async () => {
    const user = userEvent.setup();
    const client = fakeClient({
      'chargers:operate': ({ action }) =>
        action === 'GetConfiguration'
          ? completed({
              configurationKey: [
                { key: 'HeartbeatInterval', readonly: false, value: '300' },
                { key: 'NumberOfConnectors', readonly: true, value: '2' },
              ],
              unknownKey: [],
            })
          : completed({ status: 'RebootRequired' }),
    });
    render(withBench(client, <OperationsPanel chargerId="CP001" initial="GetConfiguration" />));
    await user.click(screen.getByRole('button', { name: 'Get all keys' }));
    const table = await screen.findByRole('table', { name: 'Configuration keys' });
    expect(within(table).getByText('read-only')).toBeTruthy();
    expect(within(table).queryByRole('button', { name: 'Edit NumberOfConnectors' })).toBeNull();

    await user.click(within(table).getByRole('button', { name: 'Edit HeartbeatInterval' }));
    const input = within(table).getByRole('textbox', { name: 'New value for HeartbeatInterval' });
    await user.clear(input);
    await user.type(input, '60{Enter}');
    expect(await within(table).findByText('RebootRequired')).toBeTruthy();
    expect(within(table).getByText(/takes effect only after the charger restarts/)).toBeTruthy();
    expect(client.callsOf('chargers:operate').slice(1)).toEqual([{ chargerId: 'CP001', action: 'ChangeConfiguration', payload: { key: 'HeartbeatInterval', value: '60' } }]);
    expect(within(table).getByText('60')).toBeTruthy();
  });

  it('lists the keys the charger does not know', async () => {
    const user = userEvent.setup();
    const client = fakeClient({ 'chargers:operate': () => completed({ configurationKey: [], unknownKey: ['FooKey'] }) });
    render(withBench(client, <OperationsPanel chargerId="CP001" initial="GetConfiguration" />));
    await user.click(screen.getByRole('button', { name: 'Get all keys' }));
    expect(await screen.findByText('FooKey')).toBeTruthy();
    expect(screen.getByText(/does not know this key/)).toBeTruthy();
  });
});

describe('reset', () => {
  it('says on the confirm button what will happen; Escape cancels and sends nothing', async () => {
    const user = userEvent.setup();
    const client = fakeClient({ 'chargers:operate': () => completed({ status: 'Accepted' }) });
    render(withBench(client, <OperationsPanel chargerId="CP001" initial="Reset" />));
    await user.click(screen.getByRole('radio', { name: /^Hard/ }));
    await user.click(screen.getByRole('button', { name: 'Hard reset…' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByRole('button', { name: 'Hard reset CP001 and end 1 transaction' })).toBeTruthy();
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(client.callsOf('chargers:operate')).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Hard reset…' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Hard reset CP001 and end 1 transaction' }));
    await screen.findByText('Hard reset: Accepted');
    expect(client.callsOf('chargers:operate')).toEqual([{ chargerId: 'CP001', action: 'Reset', payload: { type: 'Hard' } }]);
  });
});

describe('trigger message', () => {
  it('offers no connector 0 (TriggerMessage connectorId must be > 0) and leaves it out by default', async () => {
    const user = userEvent.setup();
    const client = fakeClient({ 'chargers:operate': () => completed({ status: 'Accepted' }) });
    render(withBench(client, <OperationsPanel chargerId="CP001" initial="TriggerMessage" />));
    await user.click(screen.getByRole('combobox', { name: 'Connector' }));
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['Not given (all connectors)', 'Connector 1 · Available', 'Connector 2 · Charging']);
    await user.keyboard('{Escape}');
    await user.click(screen.getByRole('button', { name: 'Trigger StatusNotification' }));
    await screen.findByText('TriggerMessage: Accepted');
    expect(client.callsOf('chargers:operate')).toEqual([{ chargerId: 'CP001', action: 'TriggerMessage', payload: { requestedMessage: 'StatusNotification' } }]);
  });
});

describe('firmware update', () => {
  it('shows the progress the charger reports', async () => {
    render(withBench(fakeClient(), <OperationsPanel chargerId="CP001" initial="UpdateFirmware" />));
    expect(screen.getByText(/No status reported yet/)).toBeTruthy();
    useBench.setState((s) => ({ chargers: { ...s.chargers, CP001: { ...s.chargers.CP001, firmwareStatus: 'DownloadFailed' } } }));
    expect(await screen.findByText(/Download failed: check the location/)).toBeTruthy();
  });

  it('fills the location from a file the bench hosts, or says why it cannot', async () => {
    const user = userEvent.setup();
    const client = fakeClient();
    render(withBench(client, <OperationsPanel chargerId="CP001" initial="UpdateFirmware" />));
    await user.click(screen.getByRole('button', { name: 'Choose file…' }));
    expect((screen.getByRole('textbox', { name: /Firmware location/ }) as HTMLInputElement).value).toBe('http://127.0.0.1:1/files/x/fw.bin');
    expect(screen.getByText('Served by the bench: fw.bin')).toBeTruthy();
    const { CallFailure } = await import('../../src/renderer/src/api/client');
    client.hostFile = async () => {
      throw new CallFailure({ status: 501, message: 'File hosting is not available yet' });
    };
    await user.click(screen.getByRole('button', { name: 'Choose file…' }));
    expect(await screen.findByText(/File hosting is not available yet/)).toBeTruthy();
  });
});

describe('multi-send', () => {
  it('sends to every charger in parallel and shows the result of each', async () => {
    const user = userEvent.setup();
    const client = fakeClient({
      'chargers:operate': ({ chargerId }) => (chargerId === 'CP002' ? { outcome: 'offline', error: { description: 'Charger CP002 is not connected' } } : completed({ status: 'Accepted' })),
    });
    render(withBench(client, <MultiSendDialog chargerIds={['CP001', 'CP002']} open onClose={() => undefined} />));
    await user.type(screen.getByRole('textbox', { name: /Key/ }), 'HeartbeatInterval');
    await user.type(screen.getByRole('textbox', { name: /Value/ }), '60');
    await user.click(screen.getByRole('button', { name: 'Set HeartbeatInterval on 1 charger (1 offline)' }));
    const table = await screen.findByRole('table', { name: 'Results per charger' });
    await within(table).findByText('Charger offline');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(within(rows[0]).getByText('CP001')).toBeTruthy();
    expect(within(rows[0]).getByText('Accepted')).toBeTruthy();
    expect(within(rows[0]).getByText('The new value is in effect.')).toBeTruthy();
    expect(within(rows[1]).getByText('CP002')).toBeTruthy();
    expect(within(rows[1]).getByText(/not connected to the bench, so nothing was sent/)).toBeTruthy();
    expect(client.callsOf('chargers:operate')).toHaveLength(2);
  });

  it('triggers a message on all connectors by default, and refuses connector 0', async () => {
    const user = userEvent.setup();
    const client = fakeClient({ 'chargers:operate': () => completed({ status: 'Accepted' }) });
    render(withBench(client, <MultiSendDialog chargerIds={['CP001', 'CP002']} open onClose={() => undefined} />));
    await user.click(screen.getByRole('combobox', { name: 'Operation' }));
    await user.click(screen.getByRole('option', { name: 'Trigger a message' }));
    const connectorField = screen.getByRole('textbox', { name: 'Connector' }) as HTMLInputElement;
    expect(connectorField.value).toBe('');
    expect(screen.getByText('Blank: all connectors')).toBeTruthy();

    await user.type(connectorField, '0');
    await user.click(screen.getByRole('button', { name: 'Trigger StatusNotification on 1 charger (1 offline)' }));
    expect(screen.getByText('A connector number is 1 or more; leave blank for all connectors')).toBeTruthy();
    expect(client.callsOf('chargers:operate')).toHaveLength(0);

    await user.clear(connectorField);
    await user.click(screen.getByRole('button', { name: 'Trigger StatusNotification on 1 charger (1 offline)' }));
    await screen.findByText('All 2 chargers accepted.');
    expect(client.callsOf('chargers:operate').map((c) => c.payload)).toEqual([{ requestedMessage: 'StatusNotification' }, { requestedMessage: 'StatusNotification' }]);
  });

  it('keeps connector 0 of Change availability apart from Trigger message', async () => {
    const user = userEvent.setup();
    render(withBench(fakeClient(), <MultiSendDialog chargerIds={['CP001']} open onClose={() => undefined} />));
    await user.click(screen.getByRole('combobox', { name: 'Operation' }));
    await user.click(screen.getByRole('option', { name: 'Change availability' }));
    expect((screen.getByRole('textbox', { name: /Connector/ }) as HTMLInputElement).value).toBe('0');
    await user.click(screen.getByRole('combobox', { name: 'Operation' }));
    await user.click(screen.getByRole('option', { name: 'Trigger a message' }));
    expect((screen.getByRole('textbox', { name: 'Connector' }) as HTMLInputElement).value).toBe('');
  });

  it('lists every affected charger and its transactions before a reset; cancel sends nothing', async () => {
    const user = userEvent.setup();
    const client = fakeClient({ 'chargers:operate': () => completed({ status: 'Accepted' }) });
    render(withBench(client, <MultiSendDialog chargerIds={['CP001', 'CP002']} open onClose={() => undefined} />));
    await user.click(screen.getByRole('combobox', { name: 'Operation' }));
    await user.click(screen.getByRole('option', { name: 'Reset' }));
    await user.click(screen.getByRole('radio', { name: 'Hard' }));
    await user.click(screen.getByRole('button', { name: 'Review…' }));
    const affected = await screen.findByRole('table', { name: 'Affected chargers' });
    expect(within(affected).getByText(/Transaction 17 · connector 2 · TAG-ALICE · 4.20 kWh, (old reading, )?at \d/)).toBeTruthy();
    expect(within(affected).getByText('(offline)')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(client.callsOf('chargers:operate')).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Review…' }));
    await user.click(screen.getByRole('button', { name: 'Hard reset 1 charger (1 offline) and end 1 transaction' }));
    await screen.findByText('All 2 chargers accepted.');
    expect(
      client
        .callsOf('chargers:operate')
        .map((c) => c.chargerId)
        .sort(),
    ).toEqual(['CP001', 'CP002']);
  });
});
