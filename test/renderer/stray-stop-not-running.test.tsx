// @vitest-environment jsdom
// A session the charger no longer runs, where a StopTransaction for a transaction the bench never started
// (1003) came from that charger after the session started: its "Not confirmed" and "Not running" words say so
// (it may be the session's own stop with a wrong id) instead of "no StopTransaction came", linking the frame
// in the message log. The page asks the record for exactly those stops (StopTransactions noted with a
// warning, since the earliest open session started), not the newest events of every kind. And a session
// closed since the stop came is no longer named beside it as open.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { ChargerOverview } from '../../src/renderer/src/features/chargers/ChargerOverview';
import { NotRunningSession } from '../../src/renderer/src/features/transactions/NotRunningSession';
import { UnconfirmedSession } from '../../src/renderer/src/components/UnconfirmedSession';
import { TransactionDetailScreen } from '../../src/renderer/src/features/transactions/TransactionDetailScreen';
import { formatWhen } from '../../src/renderer/src/components/format';
import { fakeClient, liveBench, routed, stubResizeObserver, withBench } from './fake-client';
import { aCharger, aConnector, aStrayStopEvent, aTransaction, minutesAgo } from './builders';
import type { ChargerEventView } from '../../src/shared/api/views';

stubResizeObserver();

const startedAt = minutesAgo(10);
const stopAt = minutesAgo(6);
const tx3 = aTransaction(3, 'CP001', 2, 'TAG', { receivedAt: startedAt, startTime: startedAt });
const stop = { chargerId: 'CP001', transactionId: 1003, connectorId: null, at: stopAt };
// The bench records the id of its frame in the message log (handlers/StopTransaction).
const stopEvent = aStrayStopEvent('CP001', 1003, stopAt, { frameId: 42 });
const client = (events: ChargerEventView[]) =>
  fakeClient({
    'transactions:get': () => ({ ...tx3, meterValues: [] }),
    'transactions:meterReadings': () => ({ capped: false, shapes: {}, readings: [] }),
    'chargers:meterValues': () => [],
    'transactions:recentMeterValues': () => [],
    'chargerEvents:list': () => events,
    'operations:list': () => [],
  });
const came = `a StopTransaction for unknown transaction 1003 came at ${formatWhen(stopAt)} on this charger after it started (the bench did not apply it; it may be this session's stop, sent with a wrong transactionId: see it in the message log)`;
const logLink = (alert: HTMLElement) => new URL(within(alert).getByRole('link', { name: 'see it in the message log' }).getAttribute('href')!, 'http://x');

beforeEach(() => useBench.setState({ ...initialBenchState, link: 'open', loaded: true, snapshots: 1 }));
afterEach(() => {
  cleanup();
  useBench.setState(initialBenchState);
});

describe('a session the charger no longer runs, with a stray StopTransaction after it started', () => {
  it('"Not confirmed" names the stop and links its frame in the message log, not "no StopTransaction came"', () => {
    const charger = { connector: aConnector(2, { status: 'Available', updatedAt: minutesAgo(2) }), lastBoot: minutesAgo(3) };
    render(withBench(client([]), <UnconfirmedSession tx={tx3} charger={charger} stop={{ ...stop, frameId: 42 }} />));
    const alert = screen.getByRole('alert', { name: 'Session 3 not confirmed by the charger' });
    expect(alert.textContent).toContain(`no StopTransaction with its transactionId came, but ${came}: the charger has most likely lost or ended the session.`);
    expect(alert.textContent).not.toContain('yet no StopTransaction came');
    const href = logLink(alert);
    expect(href.pathname).toBe('/log');
    expect([href.searchParams.get('charger'), href.searchParams.getAll('action'), href.searchParams.get('frame')]).toEqual(['CP001', ['StopTransaction'], '42']);
  });

  it('"Not running" names it too, whether its connector says no session or a newer session superseded it', () => {
    const idle = { connectorSays: 'Available', supersededBy: null, connectorSaysAt: minutesAgo(0.5) };
    const { unmount } = render(withBench(client([]), <NotRunningSession tx={tx3} why={idle} cause="connector 2 reports Available since it started" stop={stop} />));
    let alert = screen.getByRole('alert', { name: 'Session 3 not running' });
    expect(alert.textContent).toContain(`no session is going on there, and ${came}.`);
    expect(logLink(alert).searchParams.get('charger')).toBe('CP001');
    unmount();
    const newer = { connectorSays: null, supersededBy: { transactionId: 19, startedAt: minutesAgo(1) }, connectorSaysAt: null } as never;
    render(withBench(client([]), <NotRunningSession tx={tx3} why={newer} cause="a newer session (transaction 19) started on connector 2" stop={stop} />));
    alert = screen.getByRole('alert', { name: 'Session 3 not running' });
    expect(alert.textContent).toContain(`no StopTransaction with its transactionId came, but ${came}. Stopping it remotely would be refused.`);
  });

  it("the charger page's card says it, from a read of only the charger's stray stops since the session started", async () => {
    useBench.setState({
      chargers: { CP001: aCharger('CP001', { lastBoot: minutesAgo(3), connectors: [aConnector(0), aConnector(2, { status: 'Available', updatedAt: minutesAgo(2) })] }) },
      activeTransactions: { 3: tx3 },
    });
    const c = client([stopEvent]);
    render(withBench(c, <ChargerOverview charger={useBench.getState().chargers.CP001!} />));
    const card = within(screen.getByRole('region', { name: 'Connector 2' }));
    await waitFor(() => expect(card.getByRole('alert', { name: 'Session 3 not confirmed by the charger' }).textContent).toContain(came));
    // Said once: not again in the note beside the session.
    expect(card.queryByRole('alert', { name: 'Stop with unknown transaction id during session 3' })).toBeNull();
    // Its link opens the stop's frame, as the record names it.
    expect(logLink(card.getByRole('alert', { name: 'Session 3 not confirmed by the charger' })).searchParams.get('frame')).toBe('42');
    // Other parts of the page read the charger's events too (newest of every kind): this read is of the stray stops only.
    const reads = c.callsOf('chargerEvents:list') as Array<{ action?: string }>;
    expect(reads.filter((q) => q.action === 'StopTransaction')).toEqual([{ chargerId: 'CP001', action: 'StopTransaction', warning: true, from: startedAt, limit: 1000 }]);
  });
});

describe('the page of a session the charger no longer runs, with a stray StopTransaction after it started', () => {
  it('names the stop once, in "Not confirmed", linking its frame', async () => {
    const c = client([stopEvent]);
    const off = liveBench(c, {
      chargers: { CP001: aCharger('CP001', { lastBoot: minutesAgo(3), connectors: [aConnector(0), aConnector(2, { status: 'Available', updatedAt: minutesAgo(2) })] }) },
      activeTransactions: { 3: tx3 },
    });
    render(withBench(c, routed({ '/transactions/:id': <TransactionDetailScreen /> }), '/transactions/3'));
    const alert = await screen.findByRole('alert', { name: 'Session 3 not confirmed by the charger' });
    await waitFor(() => expect(alert.textContent).toContain(came));
    expect(screen.queryByRole('alert', { name: 'Stop with unknown transaction id during session 3' })).toBeNull();
    expect(logLink(alert).searchParams.get('frame')).toBe('42');
    off();
  });
});

describe('a stray stop that came while several sessions were open on the charger', () => {
  it('"Not confirmed" names them all and pins it on none', () => {
    const charger = { connector: aConnector(2, { status: 'Available', updatedAt: minutesAgo(2) }), lastBoot: minutesAgo(3) };
    render(withBench(client([]), <UnconfirmedSession tx={tx3} charger={charger} stop={{ ...stop, openThen: [3, 4] }} />));
    const text = screen.getByRole('alert', { name: 'Session 3 not confirmed by the charger' }).textContent;
    expect(text).toContain(
      `a StopTransaction for unknown transaction 1003 came at ${formatWhen(stopAt)} on this charger after it started, while sessions #3 and #4 were open there (the bench applied it to none of them; it may be the stop of one of them, sent with a wrong transactionId, but which one the charger meant is not known: see it in the message log)`,
    );
    expect(text).not.toContain("it may be this session's stop");
  });
});

describe('a session closed since the stray stop came', () => {
  it('is no longer named beside it as open', async () => {
    const tx4 = aTransaction(4, 'CP001', 1, 'TAG-B', { receivedAt: minutesAgo(8), startTime: minutesAgo(8) });
    const c = client([stopEvent]);
    const off = liveBench(c, {
      chargers: { CP001: aCharger('CP001', { connectors: [aConnector(0), aConnector(1, { status: 'Charging' }), aConnector(2, { status: 'Charging' })] }) },
      activeTransactions: { 3: tx3, 4: tx4 },
    });
    render(withBench(c, <ChargerOverview charger={useBench.getState().chargers.CP001!} />));
    const card = within(screen.getByRole('region', { name: 'Connector 2' }));
    const note = () => card.getByRole('alert', { name: 'Stop with unknown transaction id during session 3' }).textContent;
    await waitFor(() => expect(note()).toContain('while sessions #3 and #4 were open there'));
    act(() => c.emit([{ type: 'transactionStopped', transaction: { ...tx4, active: false, stopTime: minutesAgo(1) }, ts: minutesAgo(1) } as never]));
    await waitFor(() => expect(note()).toContain("while the bench's session #3 was open there: not applied to #3"));
    expect(note()).not.toContain('#4');
    off();
  });
});
