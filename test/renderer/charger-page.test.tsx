// @vitest-environment jsdom
// The charger page on a live site: quick actions on the connector cards (a stuck cable unlocked in two
// clicks), Disconnect asks first, an offline charger or a lost bench never looks live, a meter that
// invents nothing, faults (and virtual chargers) that stand out in plain words, and the bench's
// behaviour toward the charger applied by hand, shown as it is, and put back to normal.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { fakeClient, liveBench, Where, withBench, type FakeClient, stubResizeObserver } from './fake-client';
import { aCharger, aConnector, aTransaction, completed, meterRows, minutesAgo } from './builders';
import { initialBenchState, MAX_SAMPLES, useBench } from '../../src/renderer/src/stores/bench';
import { ChargerDetailScreen, ChargersScreen } from '../../src/renderer/src/app/screens';
import { Layout } from '../../src/renderer/src/app/Layout';
import { Faults } from '../../src/shared/api/virtual-chargers';
import type { VirtualChargerView } from '../../src/shared/api/virtual-chargers';
import type { ChargerView, MeterValueView } from '../../src/shared/api/views';
import type { BenchBehaviour, BenchBehaviourView } from '../../src/shared/api/bench-behaviour';

stubResizeObserver();

const screens = (
  <Layout>
    <Routes>
      <Route path="/chargers" element={<ChargersScreen />} />
      <Route path="/chargers/:id" element={<ChargerDetailScreen />} />
    </Routes>
    <Where />
  </Layout>
);

const charging = () => aCharger('CP001', { connectors: [aConnector(0), aConnector(1), aConnector(2, { status: 'Charging', timestamp: minutesAgo(10) })] });
const alice = () => aTransaction(17, 'CP001', 2, 'TAG-ALICE', { meterStart: 1000 });

let client: FakeClient;
let off: (() => void) | undefined;
function open(path = '/chargers/CP001', chargers: Record<string, ChargerView> = { CP001: charging() }, handlers: FakeClient['handlers'] = {}) {
  client = fakeClient({
    'chargers:meterValues': () => [],
    'chargers:list': () => Object.values(useBench.getState().chargers),
    'chargers:operate': () => completed({ status: 'Accepted' }),
    ...handlers,
  });
  off = liveBench(client, { chargers, activeTransactions: { 17: alice() }, meter: { 'CP001/2': [{ t: Date.now() - 20_000, energyWh: 5200, powerW: 7400, transactionId: 17 }] } });
  render(withBench(client, screens, path));
}
const card = (n: number) => within(screen.getByRole('region', { name: `Connector ${n}` }));

beforeEach(() => useBench.setState(initialBenchState, true));
afterEach(() => {
  off?.();
  cleanup();
});

describe('quick actions on the connector cards', () => {
  it('unlocks a stuck cable in two clicks: the card’s connector is chosen, the session that may stop is named, and the answers are explained before sending', async () => {
    const user = userEvent.setup();
    open('/chargers/CP001', { CP001: charging() }, { 'chargers:operate': () => completed({ status: 'Unlocked' }) });
    await user.click(card(2).getByRole('button', { name: 'Unlock…' }));
    const dialog = within(await screen.findByRole('dialog'));
    expect((dialog.getByRole('radio', { name: /^Connector 2/ }) as HTMLInputElement).checked).toBe(true);
    expect((dialog.getByRole('radio', { name: /^Connector 1/ }) as HTMLInputElement).checked).toBe(false);
    expect(dialog.getByText('A running session on connector 2 (TAG-ALICE, transaction 17) may stop and the cable may be released.')).toBeTruthy();
    const answers = within(dialog.getByLabelText('What the charger may answer'));
    expect(answers.getByText('Unlocked')).toBeTruthy();
    expect(answers.getByText(/could not unlock: a mechanical failure/)).toBeTruthy();
    expect(answers.getByText(/No remote unlock on this model/)).toBeTruthy();
    expect(client.callsOf('chargers:operate')).toEqual([]);

    await user.click(dialog.getByRole('button', { name: 'Unlock connector 2 of CP001' }));
    expect(await screen.findByText('UnlockConnector: Unlocked')).toBeTruthy();
    expect(client.callsOf('chargers:operate')).toEqual([{ chargerId: 'CP001', action: 'UnlockConnector', payload: { connectorId: 2 } }]);
  });

  it('starts a session on an idle connector once a real idTag is given, and stops the running one after confirming', async () => {
    const user = userEvent.setup();
    open();
    await user.click(card(1).getByRole('button', { name: 'Start session…' }));
    let dialog = within(await screen.findByRole('dialog'));
    const confirm = () => dialog.getByRole('button', { name: 'Start on connector 1 of CP001' }) as HTMLButtonElement;
    expect(confirm().disabled).toBe(true);
    await user.type(dialog.getByRole('textbox', { name: /idTag/ }), '   ');
    expect(dialog.getByText('Enter an idTag: an empty one would start a session for nobody')).toBeTruthy();
    expect(confirm().disabled).toBe(true);
    await user.clear(dialog.getByRole('textbox', { name: /idTag/ }));
    await user.type(dialog.getByRole('textbox', { name: /idTag/ }), 'TAG-BOB');
    await user.click(confirm());
    await screen.findByText('RemoteStartTransaction: Accepted');
    await user.click(screen.getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    await user.click(card(2).getByRole('button', { name: 'Stop session…' }));
    dialog = within(await screen.findByRole('dialog'));
    expect(dialog.getByText('TAG-ALICE')).toBeTruthy();
    await user.click(dialog.getByRole('button', { name: 'Stop transaction 17 on connector 2 of CP001' }));
    await screen.findByText('RemoteStopTransaction: Accepted');
    expect(client.callsOf('chargers:operate')).toEqual([
      { chargerId: 'CP001', action: 'RemoteStartTransaction', payload: { connectorId: 1, idTag: 'TAG-BOB' } },
      { chargerId: 'CP001', action: 'RemoteStopTransaction', payload: { transactionId: 17 } },
    ]);
  });
});

describe('disconnect', () => {
  it('asks first, naming the session it interrupts; cancel sends nothing', async () => {
    const user = userEvent.setup();
    open('/chargers/CP001', { CP001: charging() }, { 'chargers:disconnect': () => ({ disconnected: true }) });
    await user.click(screen.getByRole('button', { name: 'Disconnect…' }));
    let dialog = within(await screen.findByRole('dialog'));
    expect(dialog.getByText('TAG-ALICE')).toBeTruthy();
    expect(dialog.getByText(/loses its connection in the middle of 1 session/)).toBeTruthy();
    await user.click(dialog.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(client.callsOf('chargers:disconnect')).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Disconnect…' }));
    dialog = within(await screen.findByRole('dialog'));
    await user.click(dialog.getByRole('button', { name: 'Disconnect CP001 during 1 session' }));
    await waitFor(() => expect(client.callsOf('chargers:disconnect')).toEqual([{ id: 'CP001' }]));
  });
});

describe('a commissioning or a test run on the charger', () => {
  const item = { id: 'com-1', chargerId: 'CP001', site: 'Depot Nord', location: 'Bay 4', verdict: 'pending', createdAt: minutesAgo(5), updatedAt: minutesAgo(1) };
  it('says so on the page, with the way to it, and every confirmation warns that sending disturbs it', async () => {
    const user = userEvent.setup();
    open('/chargers/CP001', { CP001: charging() }, { 'commissioning:list': () => [{ ...item, state: 'running' }] as never, 'tests:list': () => [] });
    const banner = await screen.findByText(/^CP001 is being commissioned \(Depot Nord, Bay 4\): what you send can make its current check fail/);
    expect(
      within(banner.closest('.MuiAlert-root') as HTMLElement)
        .getByRole('link', { name: 'Open the commissioning' })
        .getAttribute('href'),
    ).toBe('/commissioning/com-1?step=checks');
    await user.click(card(2).getByRole('button', { name: 'Stop session…' }));
    const dialog = within(await screen.findByRole('dialog'));
    expect(await dialog.findByText(/^CP001 is being commissioned \(Depot Nord, Bay 4\)/)).toBeTruthy();
    await user.click(dialog.getByRole('button', { name: 'Cancel' }));

    // It ends: the page says nothing more.
    act(() => client.emit([{ type: 'commissioningChanged', commissioning: { ...item, state: 'checked', running: null } as never, ts: minutesAgo(0) }]));
    await waitFor(() => expect(screen.queryByText(/is being commissioned/)).toBeNull());
    // A test run starts on it.
    act(() =>
      client.emit([
        {
          type: 'testRunChanged',
          run: { id: 'run-9', chargerId: 'CP001', startedAt: minutesAgo(0), finishedAt: null, state: 'running', summary: {} as never, caseId: 'TC_003_CS', step: null },
          ts: minutesAgo(0),
        },
      ]),
    );
    expect(await screen.findByText(/^A test run is running on CP001: what you send can make its current case \(TC_003_CS\) fail/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Open the test run' }).getAttribute('href')).toBe('/test-runs/run-9');
  });
});

describe('offline must not look live', () => {
  it('greys an offline charger’s last-known state, says when it was last seen, and disables what would send', async () => {
    open('/chargers/CP001', { CP001: { ...charging(), connected: false, lastSeen: minutesAgo(3) } });
    expect(screen.getByText(/CP001 is offline: last seen .* \(3 min ago\)\. The statuses, sessions and readings below are the last known, not live/)).toBeTruthy();
    expect(screen.getAllByText('last seen 3 min ago').length).toBeGreaterThan(0);
    const chip = card(2).getByText('Charging').closest('.MuiChip-root') as HTMLElement;
    expect(chip.className).toMatch(/MuiChip-colorDefault/);
    expect(chip.className).not.toMatch(/MuiChip-colorPrimary/);
    expect(card(2).queryByText('Power now')).toBeNull();
    expect(card(2).getByText('Last power reading')).toBeTruthy();
    expect(card(2).getByText('Last known session')).toBeTruthy();
    for (const name of ['Unlock…', 'Stop session…']) expect((card(2).getByRole('button', { name }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Disconnect…' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('with the link to the bench lost: says so on every screen, shows the connection as unknown, and lets nothing be confirmed', async () => {
    const user = userEvent.setup();
    open('/chargers/CP001?tab=operations&op=Reset');
    act(() => useBench.setState({ link: 'closed', linkSince: minutesAgo(2) }));
    expect(screen.getByText(/What this window shows is as of then, not live; sending to chargers is disabled until the link is back/).parentElement?.textContent).toMatch(
      /^The bench cannot be reached from this window since /,
    );
    expect(screen.getByText(/^Bench unreachable since/)).toBeTruthy();
    const header = within(screen.getByRole('heading', { name: 'CP001' }).parentElement as HTMLElement);
    expect(header.queryByText('Online')).toBeNull();
    expect(header.getByText('Unknown')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Soft reset…' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getAllByText(/nothing can be sent until the link is back/).length).toBeGreaterThan(0);
    await user.click(screen.getByRole('tab', { name: 'Overview' }));
    expect((card(2).getByRole('button', { name: 'Unlock…' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('with the bench not answering (paused or hung, its socket still open): says since when, and sends nothing', async () => {
    open('/chargers/CP001?tab=operations&op=Reset');
    act(() => useBench.setState({ link: 'silent', linkSince: minutesAgo(1) }));
    expect(screen.getByText(/What this window shows is as of then, not live/).parentElement?.textContent).toMatch(
      /^The bench has not answered this window since .* \(it is paused, hung or overloaded\)/,
    );
    expect(screen.getByText(/Waiting for the bench…/)).toBeTruthy();
    expect(screen.getByText(/^Bench not answering since/)).toBeTruthy();
    expect(screen.queryByText(/^Live ·/)).toBeNull();
    expect((screen.getByRole('button', { name: 'Soft reset…' }) as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('the meter on a card', () => {
  it('shows no power on an idle connector, nor one carried over from the last session', async () => {
    const previous = meterRows('CP001', 1, minutesAgo(12), 9000, 22_000, 5);
    open('/chargers/CP001', { CP001: charging() }, { 'chargers:meterValues': ({ connectorId }) => (connectorId === 1 ? previous : []) });
    await waitFor(() => expect(screen.getByTestId('meter-latest-1').textContent).toBe('No session running · register 9.00 kWh'));
    expect(card(1).queryByText(/22\.0 kW/)).toBeNull();
    expect(card(1).queryByText(/last reading/i)).toBeNull();
    // The running session on connector 2 reports its power now.
    expect(card(2).getByText('Power now')).toBeTruthy();
    expect(card(2).getByText('7.4 kW')).toBeTruthy();
  });

  it('says a running session has no reading yet, and that the chart beside shows earlier sessions’ readings', async () => {
    client = fakeClient({ 'chargers:meterValues': () => [], 'chargers:list': () => Object.values(useBench.getState().chargers) });
    off = liveBench(client, {
      chargers: { CP001: charging() },
      activeTransactions: { 17: alice() },
      meter: { 'CP001/2': [{ t: Date.now() - 30 * 60_000, energyWh: 900, powerW: 7000, transactionId: 5 }] },
    });
    render(withBench(client, screens, '/chargers/CP001'));
    await waitFor(() => expect(screen.getByTestId('meter-latest-2').textContent).toBe('No readings in this session yet (the chart shows earlier ones)'));
  });
});

describe('a session the charger no longer reports', () => {
  it('says the session is not confirmed once its connector reports Available, and closes it in the record only when confirmed', async () => {
    // The charger rebooted 3 minutes ago: connector 2 has said Available since 2 minutes ago (the bench's clock), though
    // session 17 (10 minutes old) never stopped. Its own clock restarted with it (the status's timestamp is from before the session).
    const rebooted = aCharger('CP001', {
      lastBoot: minutesAgo(3),
      connectors: [aConnector(0), aConnector(1), aConnector(2, { status: 'Available', updatedAt: minutesAgo(2), timestamp: minutesAgo(600) })],
    });
    open('/chargers/CP001', { CP001: rebooted }, { 'transactions:close': () => ({ ...alice(), active: false, stopReason: 'Other' }) });
    const alert = within(await card(2).findByRole('alert', { name: 'Session 17 not confirmed by the charger' }));
    expect(alert.getByText(/CP001 has booted since session #17 started .* yet no StopTransaction came/)).toBeTruthy();
    expect(card(2).getByText('Session not confirmed by the charger')).toBeTruthy();
    // Its last power is not shown as "now".
    expect(card(2).queryByText('Power now')).toBeNull();
    await userEvent.click(alert.getByRole('button', { name: 'Close it in the record…' }));
    const ask = within(screen.getByRole('dialog', { name: 'Close session #17 in the record?' }));
    expect(ask.getByText(/Nothing is sent to the charger/)).toBeTruthy();
    await userEvent.click(ask.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(client.callsOf('transactions:close')).toEqual([]);
    await userEvent.click(alert.getByRole('button', { name: 'Close it in the record…' }));
    await userEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Close session #17 in the record' }));
    await waitFor(() => expect(client.callsOf('transactions:close')).toEqual([{ transactionId: 17 }]));
  });

  it('does not doubt a session whose charger did not reboot (back from offline, it says Available before its queued stop)', async () => {
    const back = aCharger('CP001', { lastBoot: minutesAgo(60), connectors: [aConnector(0), aConnector(1), aConnector(2, { status: 'Available', updatedAt: minutesAgo(1) })] });
    open('/chargers/CP001', { CP001: back });
    // Open in the record while the connector says Available (its stop is on its way), not doubted as never confirmed.
    await card(2).findByText(/^Session open in the record/);
    expect(card(2).queryByRole('alert', { name: /not confirmed/ })).toBeNull();
  });
});

describe('the meter chart on a card left open', () => {
  it('fetches the history again once the live samples no longer meet it, so no pause that never was is drawn', async () => {
    // 10 minutes of history at 10 s, then a reading a second for longer than the store keeps.
    const t0 = Date.now() - 3 * 3600_000;
    const at = (s: number) => new Date(t0 + s * 1000).toISOString();
    const recorded: MeterValueView[] = [];
    for (let s = 0; s < 600; s += 10) recorded.push(...meterRows('CP001', 1, at(s), 9000 + s, 11_000, 5));
    open('/chargers/CP001', { CP001: charging() }, { 'chargers:meterValues': ({ connectorId }) => (connectorId === 1 ? [...recorded].reverse() : []) });
    await waitFor(() => expect(client.callsOf('chargers:meterValues').filter((c) => c.connectorId === 1)).toHaveLength(1));
    const readings = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, k) => {
        const rows = meterRows('CP001', 1, at(600 + from + k), 9600 + from + k, 11_000, 5);
        recorded.push(...rows);
        return { type: 'meterValues' as const, chargerId: 'CP001', connectorId: 1, transactionId: 5, values: rows.map(({ id: _id, ...v }) => v), ts: rows[0].timestamp };
      });
    act(() => client.emit(readings(0, 400)));
    act(() => client.emit(readings(400, MAX_SAMPLES + 100)));
    await waitFor(() => expect(client.callsOf('chargers:meterValues').filter((c) => c.connectorId === 1)).toHaveLength(2));
    await waitFor(() => {
      const lines = [...screen.getByTestId('meter-chart-1').querySelectorAll('path[class*="MuiLineElement"], path.MuiLineChart-line')].map((p) => p.getAttribute('d'));
      expect(lines.length).toBeGreaterThan(0);
      for (const d of lines) expect(d!.match(/M/g)).toHaveLength(1);
    });
  });
});

describe('faults in plain words', () => {
  it('says what an error code means, puts the fault in the header and makes the charger stand out in the list', async () => {
    const faulted = aCharger('CP001', {
      connectors: [aConnector(0), aConnector(1, { status: 'Faulted', errorCode: 'GroundFailure', info: 'RCD tripped' }), aConnector(2, { status: 'Available', vendorErrorCode: 'E12' })],
    });
    open('/chargers/CP001', { CP001: faulted, CP002: aCharger('CP002') });
    expect(card(1).getByText('Ground fault')).toBeTruthy();
    expect(card(1).getByText(/Current is leaking to earth .* The charger says: RCD tripped\./)).toBeTruthy();
    // An empty vendor id leaves no hole in the sentence.
    expect(card(2).getByText('Vendor code E12.')).toBeTruthy();
    expect(screen.getAllByText('Connector 1 faulted: Ground fault').length).toBeGreaterThan(0);

    await userEvent.click(within(screen.getByRole('navigation', { name: 'Screens' })).getByRole('link', { name: 'Chargers' }));
    const row = (await screen.findByText('1: Faulted · Ground fault')).closest('[role="row"]') as HTMLElement;
    expect(row.className).toMatch(/concern-fault/);
    expect((within(row).getByText('1: Faulted · Ground fault').closest('.MuiChip-root') as HTMLElement).className).toMatch(/MuiChip-colorError/);
    // Not faulted, but a vendor error code: a warning, not a calm status colour.
    expect((within(row).getByText('2: Available').closest('.MuiChip-root') as HTMLElement).className).toMatch(/MuiChip-colorWarning/);
    // The faulted charger comes first.
    const ids = screen
      .getAllByRole('row')
      .map((r) => r.textContent?.match(/CP00\d/)?.[0])
      .filter(Boolean);
    expect(ids).toEqual(['CP001', 'CP002']);
  });

  it('marks a virtual charger as virtual, and one with fault switches on with a badge, wherever it is listed', () => {
    const vcp = { id: 'VCP001', faults: { ...Faults.parse({}), stuckConnector: true } } as unknown as VirtualChargerView;
    client = fakeClient({ 'chargers:meterValues': () => [], 'chargers:list': () => Object.values(useBench.getState().chargers) });
    off = liveBench(client, { chargers: { VCP001: aCharger('VCP001', { virtual: true }), CP001: aCharger('CP001') }, virtualChargers: { VCP001: vcp } });
    render(withBench(client, screens, '/chargers'));
    const row = screen.getByText('VCP001').closest('[role="row"]') as HTMLElement;
    expect(within(row).getByText('Virtual')).toBeTruthy();
    expect(within(row).getByText('1 fault switch on')).toBeTruthy();
    const real = screen.getByText('CP001').closest('[role="row"]') as HTMLElement;
    expect(within(real).queryByText('Virtual')).toBeNull();
  });
});

describe('bench behaviour', () => {
  /** The bench's side: what it does toward CP001 now, changed by the calls as the real one does. */
  function behaving() {
    let now: BenchBehaviourView = { chargerId: 'CP001', behaviour: {}, refusedUntil: null };
    const set = (patch: Partial<BenchBehaviourView>) => (now = { ...now, ...patch });
    return {
      'chargers:behaviour': () => now,
      'tests:list': () => [],
      'commissioning:list': () => [],
      'chargers:setBehaviour': ({ behaviour }: { behaviour: BenchBehaviour }) => set({ behaviour }),
      'chargers:goOffline': ({ seconds }: { seconds: number }) => set({ refusedUntil: new Date(Date.now() + seconds * 1000).toISOString() }),
      'chargers:backOnline': () => set({ refusedUntil: null }),
    } as FakeClient['handlers'];
  }
  const activeNow = () => screen.getByRole('alert', { name: 'Active now' });

  it('applies an idTag status and a CALLERROR by hand, shows them as active (and in the header) only once applied, and Back to normal clears them', async () => {
    const user = userEvent.setup();
    open('/chargers/CP001?tab=behaviour', { CP001: charging() }, behaving());
    await waitFor(() => expect(activeNow().textContent).toMatch(/Active now: nothing\. The bench answers CP001 as a good central system/));
    await user.click(screen.getByRole('switch', { name: 'Answer every idTag the same' }));
    await user.click(screen.getByRole('button', { name: 'Add Heartbeat' }));
    expect(screen.getByText('Not applied yet: the bench still does what “Active now” says.')).toBeTruthy();
    expect(client.callsOf('chargers:setBehaviour')).toEqual([]);
    expect(activeNow().textContent).toMatch(/Active now: nothing/);

    await user.click(screen.getByRole('button', { name: 'Apply to CP001' }));
    await waitFor(() => expect(activeNow().textContent).toMatch(/misbehaves toward CP001 on purpose/));
    expect(client.callsOf('chargers:setBehaviour')).toEqual([
      { id: 'CP001', behaviour: { idTagStatus: 'Blocked', actions: { Heartbeat: { mode: 'callError', delaySeconds: 10, errorCode: 'InternalError' } } } },
    ]);
    expect(within(activeNow()).getByText('Every idTag answered Blocked')).toBeTruthy();
    expect(within(activeNow()).getByText('Heartbeat answered with a CALLERROR InternalError')).toBeTruthy();
    const header = within(screen.getByRole('heading', { name: 'CP001' }).parentElement as HTMLElement);
    expect(header.getByText('Bench misbehaving on purpose: 2 faults')).toBeTruthy();

    await user.click(within(activeNow()).getByRole('button', { name: 'Back to normal' }));
    await waitFor(() => expect(activeNow().textContent).toMatch(/Active now: nothing/));
    expect(client.callsOf('chargers:setBehaviour').at(-1)).toEqual({ id: 'CP001', behaviour: {} });
    expect(header.queryByText(/Bench misbehaving/)).toBeNull();
    expect((screen.getByRole('switch', { name: 'Answer every idTag the same' }) as HTMLInputElement).checked).toBe(false);
  });

  it('goes offline only once confirmed, naming the session on it, says for how long, and lets the charger in again', async () => {
    const user = userEvent.setup();
    open('/chargers/CP001?tab=behaviour', { CP001: charging() }, behaving());
    await user.click(await screen.findByRole('button', { name: 'Go offline…' }));
    let dialog = within(await screen.findByRole('dialog'));
    expect(dialog.getByText('TAG-ALICE')).toBeTruthy();
    expect(dialog.getByText(/refuses it for 60 s: to the charger the central system is down\. 1 session on it go on or stop as its offline settings say/)).toBeTruthy();
    await user.click(dialog.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(client.callsOf('chargers:goOffline')).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Go offline…' }));
    dialog = within(await screen.findByRole('dialog'));
    await user.click(dialog.getByRole('button', { name: 'Refuse CP001 for 60 s' }));
    await waitFor(() => expect(client.callsOf('chargers:goOffline')).toEqual([{ id: 'CP001', seconds: 60 }]));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await within(activeNow()).findByText(/Refusing its connections until .* \((59|60) s left\)/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Let it in now' }));
    await waitFor(() => expect(activeNow().textContent).toMatch(/Active now: nothing/));
    expect(client.callsOf('chargers:backOnline')).toEqual([{ id: 'CP001' }]);
  });

  it('shows what another face or a test case set, and changes nothing while a test run runs on the charger', async () => {
    open('/chargers/CP001?tab=behaviour', { CP001: charging() }, behaving());
    await waitFor(() => expect(activeNow().textContent).toMatch(/Active now: nothing/));
    act(() => client.emit([{ type: 'benchBehaviourChanged', behaviour: { chargerId: 'CP001', behaviour: { boot: { status: 'Pending', interval: 5 } }, refusedUntil: null }, ts: minutesAgo(0) }]));
    expect(within(activeNow()).getByText('BootNotification answered Pending with interval 5 s')).toBeTruthy();
    // What the bench does shows in the form too, while nobody edits it.
    expect((screen.getByRole('switch', { name: 'Answer BootNotification differently' }) as HTMLInputElement).checked).toBe(true);
    act(() =>
      client.emit([
        {
          type: 'testRunChanged',
          run: {
            id: 'run-1',
            chargerId: 'CP001',
            startedAt: minutesAgo(0),
            finishedAt: null,
            state: 'running',
            summary: { pass: 0, fail: 0, notApplicable: 0, inconclusive: 0, error: 0, notSupported: 0 },
            caseId: null,
            step: null,
          },
          ts: minutesAgo(0),
        },
      ]),
    );
    expect(screen.getByText("A test run is running on CP001: its cases set the bench's behaviour themselves.")).toBeTruthy();
    expect((within(activeNow()).getByRole('button', { name: 'Back to normal' }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Go offline…' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('changes nothing while the charger is being commissioned, and is free again when the commissioning stops', async () => {
    const item = { id: 'cm-1', chargerId: 'CP001', site: 'Depot', location: 'Bay 1', state: 'running', verdict: 'incomplete', createdAt: minutesAgo(1), updatedAt: minutesAgo(0) };
    open('/chargers/CP001?tab=behaviour', { CP001: charging() }, { ...behaving(), 'commissioning:list': () => [item] } as FakeClient['handlers']);
    expect(await screen.findByText("CP001 is being commissioned: its checks set the bench's behaviour themselves.")).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Go offline…' }) as HTMLButtonElement).disabled).toBe(true);
    act(() => client.emit([{ type: 'commissioningChanged', commissioning: { ...item, state: 'finished', running: null }, ts: minutesAgo(0) } as never]));
    await waitFor(() => expect(screen.queryByText(/is being commissioned/)).toBeNull());
    expect((screen.getByRole('button', { name: 'Go offline…' }) as HTMLButtonElement).disabled).toBe(false);
  });
});
