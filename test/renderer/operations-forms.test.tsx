// @vitest-environment jsdom
// The operation forms keep the bench's own rules before sending (an empty idTag, a past expiry, a stack
// level the charger does not take), every confirmation shows what really runs, a HeartbeatInterval the
// next boot will undo says so, results stay honest, and the chosen operation lives in the URL.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { OperationsPanel } from '../../src/renderer/src/features/operations/OperationsPanel';
import { MultiSendDialog } from '../../src/renderer/src/features/operations/MultiSendDialog';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import type { OperationResult } from '../../src/shared/api/contract';
import type { OperationView } from '../../src/shared/api/views';
import { fakeClient, Where, withBench, type FakeClient } from './fake-client';
import { aCharger, aConnector, aTransaction, completed, minutesAgo } from './builders';

beforeEach(() => {
  useBench.setState({
    ...initialBenchState,
    link: 'open',
    loaded: true,
    chargers: { CP001: aCharger('CP001', { connectors: [aConnector(0), aConnector(1), aConnector(2, { status: 'Charging' })] }) },
    activeTransactions: { 17: aTransaction(17, 'CP001', 2, 'TAG-ALICE') },
    meter: { 'CP001/2': [{ t: Date.now() - 5000, energyWh: 5200, transactionId: 17 }] },
  });
});
afterEach(() => {
  cleanup();
  useBench.setState(initialBenchState);
});

let client: FakeClient;
function panel(initial: Parameters<typeof OperationsPanel>[0]['initial'], handlers: FakeClient['handlers'] = {}) {
  client = fakeClient({ 'operations:list': () => [], 'chargers:meterValues': () => [], 'chargers:operate': () => completed({ status: 'Accepted' }), ...handlers });
  render(withBench(client, <OperationsPanel chargerId="CP001" initial={initial} />));
}
const operated = () => client.callsOf('chargers:operate');

describe("the bench's rules, before sending", () => {
  it('refuses an empty or padded idTag on the field, and sends nothing', async () => {
    const user = userEvent.setup();
    panel('RemoteStartTransaction');
    await user.click(screen.getByRole('button', { name: 'Start transaction' }));
    expect(screen.getByText('Enter an idTag: an empty one would start a session for nobody')).toBeTruthy();
    await user.type(screen.getByRole('textbox', { name: /idTag/ }), '   ');
    await user.click(screen.getByRole('button', { name: 'Start transaction' }));
    expect(screen.getByText('Enter an idTag: an empty one would start a session for nobody')).toBeTruthy();
    await user.clear(screen.getByRole('textbox', { name: /idTag/ }));
    await user.type(screen.getByRole('textbox', { name: /idTag/ }), ' TAG');
    expect(screen.getByText('An idTag has no spaces at its start or end')).toBeTruthy();
    expect(operated()).toEqual([]);
  });

  it('refuses a stack level above what the charger reported as ChargeProfileMaxStackLevel', async () => {
    const user = userEvent.setup();
    const getConfiguration: OperationView = {
      id: 9,
      chargerId: 'CP001',
      action: 'GetConfiguration',
      request: {},
      sentAt: minutesAgo(5),
      finishedAt: minutesAgo(5),
      outcome: 'completed',
      response: { configurationKey: [{ key: 'ChargeProfileMaxStackLevel', readonly: true, value: '3' }] },
      error: null,
    };
    // Read among the charger's GetConfiguration operations only (their answers are large), a few of them.
    panel('SetChargingProfile', { 'operations:list': (p) => (p.actions?.includes('GetConfiguration') && (p.limit ?? Infinity) <= 20 ? [getConfiguration] : []) });
    expect(await screen.findByText('0 to 3 on this charger; higher wins over lower')).toBeTruthy();
    await user.clear(screen.getByRole('textbox', { name: 'Stack level' }));
    await user.type(screen.getByRole('textbox', { name: 'Stack level' }), '5');
    await user.click(screen.getByRole('button', { name: /^Install profile 1/ }));
    expect(screen.getByText('This charger takes stack levels up to 3 (its ChargeProfileMaxStackLevel)')).toBeTruthy();
    expect(operated()).toEqual([]);
  });

  it('refuses a reservation that has already expired and a composite schedule of no time', async () => {
    const user = userEvent.setup();
    panel('ReserveNow');
    await user.type(screen.getByRole('textbox', { name: /^idTag/ }), 'TAG-BOB');
    const expiry = screen.getByLabelText(/^Expires/) as HTMLInputElement;
    await user.clear(expiry);
    await user.type(expiry, '2020-01-01T10:00');
    await user.click(screen.getByRole('button', { name: /^Reserve connector/ }));
    expect(screen.getByText('The expiry must be in the future')).toBeTruthy();
    expect(operated()).toEqual([]);

    cleanup();
    panel('GetCompositeSchedule');
    await user.clear(screen.getByRole('textbox', { name: /Duration/ }));
    await user.type(screen.getByRole('textbox', { name: /Duration/ }), '0');
    await user.click(screen.getByRole('button', { name: 'Get composite schedule' }));
    expect(screen.getByText('A duration of more than 0 seconds')).toBeTruthy();
    expect(operated()).toEqual([]);
  });
});

describe('the rules beyond the schema, on the field', () => {
  it('refuses a card listed twice in a local list (idTags are case-insensitive), and sends nothing', async () => {
    const user = userEvent.setup();
    panel('SendLocalList');
    await user.type(screen.getByRole('textbox', { name: 'Entry 1 idTag' }), 'TAG-BOB');
    await user.click(screen.getByRole('button', { name: 'Add entry' }));
    await user.type(screen.getByRole('textbox', { name: 'Entry 2 idTag' }), 'tag-bob');
    await user.click(screen.getByRole('button', { name: /^Replace the list/ }));
    expect(screen.getByText('Listed twice: entry 1 has this idTag too')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(operated()).toEqual([]);
  });

  it('refuses a list version above 2147483647 (OCPP 1.6 integers are 32-bit) on the field, and sends nothing', async () => {
    const user = userEvent.setup();
    panel('SendLocalList');
    const version = screen.getByRole('textbox', { name: /^List version/ });
    await user.clear(version);
    await user.type(version, '99999999999');
    await user.type(screen.getByRole('textbox', { name: 'Entry 1 idTag' }), 'TAG-BOB');
    await user.click(screen.getByRole('radio', { name: /^Differential/ }));
    await user.click(screen.getByRole('button', { name: /^Send / }));
    expect(screen.getByText('A list version is at most 2147483647 (OCPP 1.6 integers are 32-bit)')).toBeTruthy();
    expect(version.getAttribute('aria-invalid')).toBe('true');
    expect(operated()).toEqual([]);
    // The largest one is sent.
    await user.clear(version);
    await user.type(version, '2147483647');
    await user.click(screen.getByRole('button', { name: /^Send / }));
    await waitFor(() => expect(operated()).toMatchObject([{ action: 'SendLocalList', payload: { listVersion: 2147483647, updateType: 'Differential' } }]));
  });
});

describe('confirmations show what runs', () => {
  it('clear cache and a full local list name the session running, like reset and unlock do', async () => {
    const user = userEvent.setup();
    panel('ClearCache');
    await user.click(screen.getByRole('button', { name: 'Clear the cache…' }));
    let dialog = within(await screen.findByRole('dialog'));
    expect(dialog.getByText('TAG-ALICE')).toBeTruthy();
    expect(dialog.queryByText('Nothing is charging here right now.')).toBeNull();
    await user.click(dialog.getByRole('button', { name: 'Cancel' }));

    cleanup();
    panel('SendLocalList');
    await user.type(screen.getByRole('textbox', { name: 'Entry 1 idTag' }), 'TAG-BOB');
    await user.click(screen.getByRole('button', { name: /^Replace the list/ }));
    dialog = within(await screen.findByRole('dialog'));
    expect(dialog.getByText('TAG-ALICE')).toBeTruthy();
    expect(dialog.queryByText('Nothing is charging here right now.')).toBeNull();
    expect(operated()).toEqual([]);
  });
});

describe('a lost link to the bench', () => {
  it('keeps the multi-send dialog from sending, and says why', async () => {
    const user = userEvent.setup();
    client = fakeClient({ 'chargers:operate': () => completed({ status: 'Accepted' }) });
    render(withBench(client, <MultiSendDialog chargerIds={['CP001']} open onClose={() => undefined} />));
    await user.type(screen.getByRole('textbox', { name: /Key/ }), 'MeterValueSampleInterval');
    await user.type(screen.getByRole('textbox', { name: /Value/ }), '60');
    act(() => useBench.setState({ link: 'closed', linkSince: null }));
    expect(screen.getByRole('alert').textContent).toBe('The bench cannot be reached from this window: nothing can be sent until the link is back.');
    expect((screen.getByRole('button', { name: 'Set MeterValueSampleInterval on 1 charger' }) as HTMLButtonElement).disabled).toBe(true);

    // A reset reviewed while the link was open cannot be confirmed once it drops.
    act(() => useBench.setState({ link: 'open' }));
    await user.click(screen.getByRole('combobox', { name: 'Operation' }));
    await user.click(screen.getByRole('option', { name: 'Reset' }));
    await user.click(screen.getByRole('button', { name: 'Review…' }));
    act(() => useBench.setState({ link: 'closed' }));
    expect((screen.getByRole('button', { name: 'Soft reset 1 charger and end 1 transaction' }) as HTMLButtonElement).disabled).toBe(true);
    expect(operated()).toEqual([]);
  });
});

describe('HeartbeatInterval the next boot will undo', () => {
  it('warns before and after sending, and offers to make the value the bench’s own', async () => {
    const user = userEvent.setup();
    let interval = 300;
    panel('GetConfiguration', {
      'settings:get': () => ({ heartbeatInterval: interval }) as never,
      'chargers:behaviour': () => ({ chargerId: 'CP001', behaviour: {}, refusedUntil: null }),
      'settings:update': ({ heartbeatInterval }) => {
        interval = heartbeatInterval!;
        return { heartbeatInterval: interval } as never;
      },
      'chargers:operate': ({ action }) =>
        action === 'GetConfiguration' ? completed({ configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value: '300' }] }) : completed({ status: 'Accepted' }),
    });
    await user.click(screen.getByRole('button', { name: 'Get all keys' }));
    await user.click(await screen.findByRole('button', { name: 'Edit HeartbeatInterval' }));
    const input = screen.getByRole('textbox', { name: 'New value for HeartbeatInterval' });
    await user.clear(input);
    await user.type(input, '60');
    expect(screen.getByText(/60 s holds only until CP001 next boots: the bench answers BootNotification with 300 s \(Settings\), so it is 300 s again after the next boot\./)).toBeTruthy();
    await user.type(input, '{Enter}');
    expect(await screen.findByText(/Accepted, but only until CP001 next boots: the bench answers BootNotification with 300 s/)).toBeTruthy();
    // The key's own result says so in a few words (the banner says it in full), not a plain "in effect".
    const table = screen.getByRole('table', { name: 'Configuration keys' });
    expect(within(table).getByText('In effect until its next boot (then 300 s).')).toBeTruthy();
    expect(within(table).queryByText('The new value is in effect.')).toBeNull();
    // It changes how the bench answers every charger's boot: asked first, and Cancel changes nothing.
    await user.click(screen.getByRole('button', { name: "Make 60 s the bench's setting" }));
    let ask = screen.getByRole('dialog', { name: "Change the bench's heartbeat interval?" });
    expect(ask.textContent).toContain("The bench will answer every charger's BootNotification with 60 s (now 300 s): each takes it at its next boot.");
    await user.click(within(ask).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(client.callsOf('settings:update')).toEqual([]);
    expect(screen.getByRole('button', { name: "Make 60 s the bench's setting" })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: "Make 60 s the bench's setting" }));
    ask = screen.getByRole('dialog', { name: "Change the bench's heartbeat interval?" });
    await user.click(within(ask).getByRole('button', { name: 'Answer every boot with 60 s' }));
    expect(await screen.findByText('The bench now answers every BootNotification with 60 s.')).toBeTruthy();
    expect(client.callsOf('settings:update')).toEqual([{ heartbeatInterval: 60 }]);
    // Now the boot answer keeps it: in effect, plainly.
    expect(await within(table).findByText('The new value is in effect.')).toBeTruthy();
  });

  it('says so in the result of each charger a multi-send set it on', async () => {
    const user = userEvent.setup();
    client = fakeClient({
      'settings:get': () => ({ heartbeatInterval: 300 }) as never,
      'settings:update': ({ heartbeatInterval }) => ({ heartbeatInterval }) as never,
      'chargers:operate': () => completed({ status: 'Accepted' }),
      // No boot interval of its own: the Settings' answers it.
      'chargers:behaviour': () => ({ chargerId: 'CP001', behaviour: {}, refusedUntil: null }),
    });
    render(withBench(client, <MultiSendDialog chargerIds={['CP001']} open onClose={() => undefined} />));
    await user.type(screen.getByRole('textbox', { name: /Key/ }), 'HeartbeatInterval');
    await user.type(screen.getByRole('textbox', { name: /Value/ }), '60');
    await user.click(screen.getByRole('button', { name: 'Set HeartbeatInterval on 1 charger' }));
    const row = within(within(await screen.findByRole('table', { name: 'Results per charger' })).getAllByRole('row')[1]);
    expect(await row.findByText('Until its next boot, then 300 s again.')).toBeTruthy();
    expect(row.getByText('Accepted')).toBeTruthy();
    expect(row.queryByText('The new value is in effect.')).toBeNull();
    expect(screen.getByRole('button', { name: "Make 60 s the bench's setting" })).toBeTruthy();
  });
});

describe('results stay honest', () => {
  it('shows no "Required" under a successful stop, and no stale success beside a new mistake', async () => {
    const user = userEvent.setup();
    panel('RemoteStopTransaction');
    await user.click(screen.getByRole('button', { name: 'Stop transaction…' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Stop transaction 17 on connector 2 of CP001' }));
    await screen.findByText('RemoteStopTransaction: Accepted');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    // The charger stops it: the transaction the form had picked is gone.
    act(() => useBench.setState({ activeTransactions: {} }));
    expect(screen.getByText('RemoteStopTransaction: Accepted')).toBeTruthy();
    expect(screen.queryByText('Required')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Stop transaction…' }));
    expect(screen.getByText('Required')).toBeTruthy();
    expect(screen.queryByText('RemoteStopTransaction: Accepted')).toBeNull();
  });

  it('explains Soft and Hard reset each on its own', () => {
    panel('Reset');
    expect(screen.getByRole('radio', { name: /^Soft A graceful restart of the software: running sessions are ended properly first/ })).toBeTruthy();
    expect(screen.getByRole('radio', { name: /^Hard A restart of the whole charger at once, as after a power cut/ })).toBeTruthy();
  });

  it('reports a malformed answer as malformed, at once', async () => {
    const user = userEvent.setup();
    const malformed: OperationResult = { outcome: 'invalidResponse', response: null, error: { code: 'FormationViolation', description: 'The answer was malformed: Unexpected token ] in JSON' } };
    panel('TriggerMessage', { 'chargers:operate': () => malformed });
    await user.click(screen.getByRole('button', { name: 'Trigger StatusNotification' }));
    expect(await screen.findByText('TriggerMessage: Malformed answer')).toBeTruthy();
    expect(screen.getByText(/answered TriggerMessage with a frame that is not valid OCPP-J \(Unexpected token \] in JSON\)/)).toBeTruthy();
    expect(screen.queryByText(/No answer/)).toBeNull();
  });
});

describe('the operations tab', () => {
  it('opens the operation the URL names, and puts the one picked in the URL', async () => {
    const user = userEvent.setup();
    client = fakeClient({ 'operations:list': () => [], 'chargers:meterValues': () => [] });
    const routes = (
      <>
        <Routes>
          <Route path="/chargers/:id" element={<OperationsPanel chargerId="CP001" />} />
        </Routes>
        <Where />
      </>
    );
    render(withBench(client, routes, '/chargers/CP001?tab=operations&op=Reset'));
    expect(screen.getByRole('heading', { level: 2, name: 'Reset · Reset' })).toBeTruthy();
    await user.click(within(screen.getByRole('navigation', { name: 'Operations' })).getByRole('button', { name: 'Clear cache' }));
    expect(screen.getByRole('heading', { level: 2, name: 'Clear cache · ClearCache' })).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('where').textContent).toBe('/chargers/CP001?tab=operations&op=ClearCache'));
    // The menu and the panel scroll apart.
    expect(getComputedStyle(screen.getByRole('navigation', { name: 'Operations' })).overflowY).toBe('auto');
    expect(getComputedStyle(screen.getByTestId('operation-panel-scroll')).overflowY).toBe('auto');
  });
});
