// @vitest-environment jsdom
// What runs on a charger that went offline is the last known, not "now": the Reset panel, the confirmations
// (a panel's, Unlock's, a remote stop's: one dialog), Remote stop's list and Send to selected… say so, with
// when the charger was last seen. A live charger still reads "now". And the charger's About panel says when it
// was first seen (its first connection) apart from when it was registered.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { fakeClient, liveBench, stubResizeObserver, withBench } from './fake-client';
import { aCharger, aConnector, aTransaction, minutesAgo } from './builders';
import { unlockSiteCp1Confirm } from './offline-ops-fixtures';
import { reviewReset } from './multi-send-review';
import { initialBenchState, reduceEvents, useBench } from '../../src/renderer/src/stores/bench';
import { OperationsPanel } from '../../src/renderer/src/features/operations/OperationsPanel';
import { ChargerDetailScreen } from '../../src/renderer/src/app/screens';
import { formatTime, formatWhen } from '../../src/renderer/src/components/format';
import type { BenchSettings, ChargerView } from '../../src/shared/api/views';

stubResizeObserver();

const lastSeen = minutesAgo(5);
const seenWords = () => `SITE-CP1 is offline, last seen ${formatWhen(lastSeen)} (5 min ago)`;

/** SITE-CP1 charging on connector 1; `connected: false`: its Offline switch turned on 5 min ago. */
function bench(connected: boolean) {
  useBench.setState({
    ...initialBenchState,
    link: 'open',
    loaded: true,
    chargers: { 'SITE-CP1': aCharger('SITE-CP1', { connected, lastSeen: connected ? minutesAgo(0) : lastSeen, connectors: [aConnector(0), aConnector(1, { status: 'Charging' })] }) },
    activeTransactions: { 7: aTransaction(7, 'SITE-CP1', 1, 'TAG-ALICE') },
  });
}

const client = () => fakeClient({ 'operations:list': () => [], 'chargers:meterValues': () => [], 'tests:list': () => [], 'commissioning:list': () => [] });

let off: (() => void) | undefined;
afterEach(() => {
  off?.();
  off = undefined;
  cleanup();
  useBench.setState(initialBenchState, true);
});

describe('what runs on an offline charger', () => {
  it('the Reset panel says it as last known, with when the charger was last seen', () => {
    bench(false);
    render(withBench(client(), <OperationsPanel chargerId="SITE-CP1" initial="Reset" />));
    const said = screen.getByTestId('reset-running').textContent ?? '';
    expect(said).toBe(`Last known (${seenWords()}): 1 transaction running on SITE-CP1.`);
    expect(said).not.toMatch(/\bnow\b/);
  });

  it('the Reset panel still says "now" for a live charger', () => {
    bench(true);
    render(withBench(client(), <OperationsPanel chargerId="SITE-CP1" initial="Reset" />));
    expect(screen.getByTestId('reset-running').textContent).toBe('1 transaction running on SITE-CP1 now.');
  });

  it('a confirmation lists the session as last known, not "right now"', async () => {
    bench(false);
    render(withBench(client(), unlockSiteCp1Confirm()));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(`Running as last known (${seenWords()})`)).toBeTruthy();
    expect(within(dialog).queryByText('Running right now')).toBeNull();
    expect(within(dialog).getByRole('table', { name: 'Running transactions' })).toBeTruthy();
  });

  it('a confirmation still says "Running right now" for a live charger', async () => {
    bench(true);
    render(withBench(client(), unlockSiteCp1Confirm('Unlock?')));
    expect(within(await screen.findByRole('dialog')).getByText('Running right now')).toBeTruthy();
  });

  it("Remote stop's list says its transactions are the last known", () => {
    bench(false);
    render(withBench(client(), <OperationsPanel chargerId="SITE-CP1" initial="RemoteStopTransaction" />));
    expect(screen.getByText(`Last known (${seenWords()})`)).toBeTruthy();
  });

  it("Send to selected… says an offline charger's sessions as last known, and that nothing is sent to it", async () => {
    bench(false);
    useBench.setState((s) => ({ chargers: { ...s.chargers, CP002: aCharger('CP002') } }));
    const table = await reviewReset(client(), ['SITE-CP1', 'CP002']);
    const row = within(table).getByText('SITE-CP1').closest('tr') as HTMLElement;
    expect(row.textContent).toContain(`Last known (${seenWords()}):`);
    expect(row.textContent).toContain('Transaction 7');
    expect(within(table).getByText('Running now, or last known')).toBeTruthy();
    expect(screen.getByText(/Running now, and ended by the reset \(an offline charger's as last known: nothing is sent to it\):/)).toBeTruthy();
    const live = within(table).getByText('CP002').closest('tr') as HTMLElement;
    expect(live.textContent).not.toContain('Last known');
  });
});

describe("the charger's About panel", () => {
  const registeredAt = minutesAgo(30);
  const connectedAt = minutesAgo(28);
  const start = (charger: ChargerView) => {
    const c = fakeClient({
      'chargers:list': () => [charger],
      'connectionAttempts:list': () => [],
      'settings:get': () => ({ heartbeatInterval: 300, unknownChargers: 'accept', requirePassword: false, defaultBootStatus: 'Accepted' }) as BenchSettings,
      'chargers:meterValues': () => [],
      'operations:list': () => [],
    });
    off = liveBench(c, { chargers: { [charger.id]: charger } });
    render(
      withBench(
        c,
        <Routes>
          <Route path="/chargers/:id" element={<ChargerDetailScreen />} />
        </Routes>,
        `/chargers/${charger.id}`,
      ),
    );
  };

  it('says when a charger registered ahead was first seen (its first connection) and, apart, when it was registered', async () => {
    start(aCharger('SITE-CP1', { registered: true, firstSeen: connectedAt, registeredAt }));
    const about = await screen.findByRole('region', { name: 'About this charger' });
    expect(about.textContent).toContain(`First seen${formatTime(connectedAt)}`);
    expect(about.textContent).toContain(`Registered${formatTime(registeredAt)}`);
  });

  /** SITE-CP1 registered ahead of its first connection, never connected since. */
  const registeredNeverConnected = () =>
    aCharger('SITE-CP1', {
      registered: true,
      firstSeen: registeredAt,
      registeredAt,
      lastSeen: registeredAt,
      connected: false,
      lastBoot: null,
      remoteAddress: null,
      boot: null,
      connectors: [],
      lastHeartbeat: null,
    });

  it('takes its first connection as first seen as soon as the bench says it connected', () => {
    const never = registeredNeverConnected();
    const state = reduceEvents({ ...initialBenchState, chargers: { 'SITE-CP1': never } }, [{ type: 'chargerConnected', chargerId: 'SITE-CP1', remoteAddress: '10.0.0.9', ts: connectedAt }]);
    expect(state.chargers['SITE-CP1']).toMatchObject({ firstSeen: connectedAt, registeredAt, connected: true });
    // A charger seen before it was registered keeps its first contact.
    const seen = aCharger('CP-SEEN', { registered: true, firstSeen: minutesAgo(90), registeredAt, connected: false });
    const again = reduceEvents({ ...initialBenchState, chargers: { 'CP-SEEN': seen } }, [{ type: 'chargerConnected', chargerId: 'CP-SEEN', remoteAddress: '10.0.0.9', ts: connectedAt }]);
    expect(again.chargers['CP-SEEN'].firstSeen).toBe(seen.firstSeen);
  });

  it('says "Known since" its registration while it has never connected, and no "First seen"', async () => {
    start(registeredNeverConnected());
    const about = await screen.findByRole('region', { name: 'About this charger' });
    expect(about.textContent).toContain(`Known since${formatTime(registeredAt)}`);
    expect(about.textContent).not.toContain('First seen');
  });
});
