// @vitest-environment jsdom
// A charger sends StopTransaction with a transactionId the bench never gave out (1003) while the bench's
// session #3 is open on it, then reports its connector Finishing: the charger page says that stop came (and
// when) beside #3, does not show #3's last power as live, and a "Not running" #3 names that stop instead of
// saying no StopTransaction came. The note links the stop's frame in the message log, as does the warning
// icon of its row in the Transactions list.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { ChargerOverview } from '../../src/renderer/src/features/chargers/ChargerOverview';
import { NotRunningSession } from '../../src/renderer/src/features/transactions/NotRunningSession';
import { useUnknownStops } from '../../src/renderer/src/components/unknownStops';
import { formatWhen } from '../../src/renderer/src/components/format';
import userEvent from '@testing-library/user-event';
import { TransactionsScreen } from '../../src/renderer/src/app/screens';
import { fakeClient, routed, stubResizeObserver, withBench } from './fake-client';
import { aCharger, aConnector, aStrayStopEvent, aStrayStopFrame, aTransaction, meterRows, minutesAgo } from './builders';
import type { ChargerEventView, ConnectorView, MessageView } from '../../src/shared/api/views';

stubResizeObserver();

const startedAt = minutesAgo(10);
const stopAt = minutesAgo(1);
const tx3 = aTransaction(3, 'CP001', 2, 'TAG', { receivedAt: startedAt, startTime: startedAt });

/** What the bench records of the stop (StopTransaction handler), newest first among the charger's events. */
const stopEvent = aStrayStopEvent('CP001', 1003, stopAt);

function setUp(status: ConnectorView['status']) {
  useBench.setState({
    ...initialBenchState,
    link: 'open',
    loaded: true,
    snapshots: 1,
    chargers: { CP001: aCharger('CP001', { connectors: [aConnector(0), aConnector(2, { status, updatedAt: minutesAgo(0.5) })] }) },
    activeTransactions: { 3: tx3 },
    meter: {},
  });
}
beforeEach(() => setUp('Finishing'));
afterEach(() => {
  cleanup();
  useBench.setState(initialBenchState);
});

const client = (events: ChargerEventView[]) =>
  fakeClient({
    'chargers:meterValues': ({ connectorId }) => (connectorId === 2 ? meterRows('CP001', 2, minutesAgo(0.2), 5000, 22_000, 3) : []),
    'transactions:recentMeterValues': () => [],
    'chargerEvents:list': () => events,
    'operations:list': () => [],
  });

const note = () => `A StopTransaction for unknown transaction 1003 came at ${formatWhen(stopAt)} on this charger while the bench's session #3 was open there`;

describe('a StopTransaction for an unknown transaction id', () => {
  it("the charger page's card names it beside the open session, and its last power is not live while the connector reports Finishing", async () => {
    render(withBench(client([stopEvent]), <ChargerOverview charger={useBench.getState().chargers.CP001!} />));
    const card = within(screen.getByRole('region', { name: 'Connector 2' }));
    await waitFor(() => expect(card.getByRole('alert', { name: 'Stop with unknown transaction id during session 3' }).textContent).toContain(note()));
    await waitFor(() => expect(card.getByText('Last power reading')).toBeTruthy());
    expect(card.queryByText('Power now')).toBeNull();
    expect(card.getByText(/^Session open in the record/).textContent).toBe('Session open in the record #3 (the connector reports Finishing)');
  });

  it('says nothing of a stop that came before the session started, nor of one on another charger', async () => {
    setUp('Charging');
    const before = { ...stopEvent, ts: minutesAgo(20) };
    const elsewhere = { ...stopEvent, id: 8, chargerId: 'CP002' };
    render(withBench(client([before, elsewhere]), <ChargerOverview charger={useBench.getState().chargers.CP001!} />));
    const card = within(screen.getByRole('region', { name: 'Connector 2' }));
    await waitFor(() => expect(card.getByText('Power now')).toBeTruthy());
    expect(card.queryByRole('alert', { name: /unknown transaction id/ })).toBeNull();
  });

  it('a "Not running" session names the stop that came instead of saying none came', () => {
    const why = { connectorSays: 'Available', supersededBy: null, connectorSaysAt: minutesAgo(0.5) };
    const stop = { chargerId: 'CP001', transactionId: 1003, connectorId: null, at: stopAt };
    render(withBench(client([]), <NotRunningSession tx={tx3} why={why} cause="connector 2 reports Available since it started" stop={stop} />));
    const text = screen.getByRole('alert', { name: 'Session 3 not running' }).textContent ?? '';
    expect(text).toContain(`a StopTransaction for unknown transaction 1003 came at ${formatWhen(stopAt)} on this charger after it started (the bench did not apply it; it may be this session's stop`);
    expect(text).not.toContain('no StopTransaction with its transactionId came');
  });
});

describe("the note links the stop's frame in the message log", () => {
  /** The bench records the id of the stop's frame (handlers/StopTransaction). */
  const withFrame = aStrayStopEvent('CP001', 1003, stopAt, { frameId: 42 });
  const logHref = (link: HTMLElement) => new URL(link.getAttribute('href')!, 'http://x');
  const expectStopFrame = (href: URL) => {
    expect(href.pathname).toBe('/log');
    expect([href.searchParams.get('charger'), href.searchParams.getAll('action'), href.searchParams.get('frame')]).toEqual(['CP001', ['StopTransaction'], '42']);
  };

  it("on the charger page's card", async () => {
    render(withBench(client([withFrame]), <ChargerOverview charger={useBench.getState().chargers.CP001!} />));
    const card = within(screen.getByRole('region', { name: 'Connector 2' }));
    const alert = await card.findByRole('alert', { name: 'Stop with unknown transaction id during session 3' });
    expect(alert.textContent).toContain(`${note()}: not applied to #3 (the charger may have meant to end it). See it in the message log.`);
    expectStopFrame(logHref(within(alert).getByRole('link', { name: 'See it in the message log' })));
  });

  it('for a stop pushed live (its frame not yet numbered when pushed), as for one read from the record', async () => {
    const at = minutesAgo(0.1);
    // As the bench pushes it: the frame without its id in the log.
    const live = aStrayStopFrame('CP001', 1003, at, 'm9');
    let written = false;
    const c = client([]);
    // A read made once the frame is written finds the event naming its id (handlers/StopTransaction); one made before, nothing.
    c.handlers['chargerEvents:list'] = () => (written ? [{ ...withFrame, ts: at }] : []);
    render(withBench(c, <ChargerOverview charger={useBench.getState().chargers.CP001!} />));
    const card = within(screen.getByRole('region', { name: 'Connector 2' }));
    await waitFor(() => expect(c.callsOf('chargerEvents:list').length).toBeGreaterThan(0));
    written = true;
    act(() => c.emit([{ type: 'frameLogged', message: live }]));
    const alert = await card.findByRole('alert', { name: 'Stop with unknown transaction id during session 3' });
    await waitFor(() => expectStopFrame(logHref(within(alert).getByRole('link', { name: 'See it in the message log' }))));
  });

  it("in the Transactions list, the row's warning icon, which opens the log and not the session", async () => {
    setUp('Charging');
    const c = fakeClient({
      'transactions:list': () => [tx3],
      'transactions:recentMeterValues': () => [],
      'chargerEvents:list': () => [withFrame],
      'operations:list': () => [],
    });
    render(withBench(c, routed({ '/transactions': <TransactionsScreen />, '/log': <p>message log</p>, '/transactions/:id': <p>session page</p> }, true), '/transactions'));
    const row = within((await screen.findByText('#3')).closest('[role="row"]') as HTMLElement);
    const link = await row.findByRole('link', { name: /^A StopTransaction for unknown transaction 1003 came at .* See it in the message log\.$/ });
    expect(link.getAttribute('aria-label')).toBe(`${note()}: not applied to #3 (the charger may have meant to end it). See it in the message log.`);
    expectStopFrame(logHref(link));
    await userEvent.click(link);
    const where = new URL(screen.getByTestId('where').textContent!, 'http://x');
    expect(where.pathname).toBe('/log');
    expect(where.searchParams.get('frame')).toBe('42');
    expect(screen.queryByText('session page')).toBeNull();
  });
});

describe('two sessions open on the charger when an unknown stop came (StopTransaction names no connector)', () => {
  const tx4 = aTransaction(4, 'CP001', 1, 'TAG-B', { receivedAt: minutesAgo(5), startTime: minutesAgo(5) });
  it('each card names both and pins it on neither, from one read of the charger events for the page', async () => {
    useBench.setState({
      chargers: { CP001: aCharger('CP001', { connectors: [aConnector(0), aConnector(1, { status: 'Charging' }), aConnector(2, { status: 'Charging' })] }) },
      activeTransactions: { 3: tx3, 4: tx4 },
    });
    const c = client([stopEvent]);
    render(withBench(c, <ChargerOverview charger={useBench.getState().chargers.CP001!} />));
    const both = `A StopTransaction for unknown transaction 1003 came at ${formatWhen(stopAt)} on this charger while sessions #3 and #4 were open there: not applied to either; which one the charger meant is not known. See it in the message log.`;
    for (const [connector, id] of [
      ['Connector 1', 4],
      ['Connector 2', 3],
    ] as const) {
      const card = within(screen.getByRole('region', { name: connector }));
      await waitFor(() => expect(card.getByRole('alert', { name: `Stop with unknown transaction id during session ${id}` }).textContent).toBe(both));
    }
    // The page reads the charger's events for them once, not once per connector card: as many reads as with one card.
    const reads = c.callsOf('chargerEvents:list').length;
    cleanup();
    useBench.setState({ chargers: { CP001: aCharger('CP001', { connectors: [aConnector(0), aConnector(2, { status: 'Charging' })] }) }, activeTransactions: { 3: tx3 } });
    const one = client([stopEvent]);
    render(withBench(one, <ChargerOverview charger={useBench.getState().chargers.CP001!} />));
    await waitFor(() => expect(screen.getByRole('alert', { name: 'Stop with unknown transaction id during session 3' })).toBeTruthy());
    expect(reads).toBe(one.callsOf('chargerEvents:list').length);
  });
});

describe('the unknown stops pushed since the screen read the record', () => {
  const frame = (chargerId: string): MessageView => ({ id: 99, ...aStrayStopFrame(chargerId, 1003, minutesAgo(0.1), 'm1') });
  function Stops({ chargerId }: { chargerId: string }) {
    const stops = useUnknownStops(chargerId);
    return <output aria-label="stops">{stops.map((s) => `${s.chargerId}:${s.transactionId}`).join(',')}</output>;
  }
  const shown = () => screen.getByRole('status', { name: 'stops' }).textContent;

  it("are forgotten when the screen turns to another charger (not that charger's)", async () => {
    const c = client([]);
    const { rerender } = render(withBench(c, <Stops chargerId="CP001" />));
    await waitFor(() => expect(c.callsOf('chargerEvents:list')).toHaveLength(1));
    act(() => c.emit([{ type: 'frameLogged', message: frame('CP001') }]));
    expect(shown()).toBe('CP001:1003');
    // Read again for the frame's id (the record here does not hold it: the pushed one stays).
    await waitFor(() => expect(c.callsOf('chargerEvents:list')).toHaveLength(2));
    expect(shown()).toBe('CP001:1003');
    rerender(withBench(c, <Stops chargerId="CP002" />));
    await waitFor(() => expect(c.callsOf('chargerEvents:list')).toHaveLength(3));
    expect(shown()).toBe('');
  });

  it('are forgotten when the bench snapshot is read again (the record read again holds what it holds)', async () => {
    const c = client([]);
    render(withBench(c, <Stops chargerId="CP001" />));
    await waitFor(() => expect(c.callsOf('chargerEvents:list')).toHaveLength(1));
    act(() => c.emit([{ type: 'frameLogged', message: frame('CP001') }]));
    expect(shown()).toBe('CP001:1003');
    await waitFor(() => expect(c.callsOf('chargerEvents:list')).toHaveLength(2));
    act(() => useBench.setState({ snapshots: 2 }));
    await waitFor(() => expect(c.callsOf('chargerEvents:list')).toHaveLength(3));
    expect(shown()).toBe('');
  });
});
