// @vitest-environment jsdom
// An online charger whose heartbeat is overdue (its connection open, yet nothing heard from it for longer than
// its heartbeat interval allows, as the Overview judges it: reach.ts silenceOf) may be gone without the
// connection closing: what runs there is the last known, not "now". The Reset panel, the confirmations and
// Send to selected… say so, with since when nothing came; a charger heard from lately still reads "now".
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import { fakeClient, stubResizeObserver, withBench } from './fake-client';
import { aCharger, aConnector, aTransaction, minutesAgo } from './builders';
import { unlockSiteCp1Confirm } from './offline-ops-fixtures';
import { reviewReset } from './multi-send-review';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { OperationsPanel } from '../../src/renderer/src/features/operations/OperationsPanel';
import { silenceOf } from '../../src/renderer/src/components/reach';
import { formatWhen } from '../../src/renderer/src/components/format';
import type { BenchSettings, ChargerView } from '../../src/shared/api/views';

stubResizeObserver();

const heard = minutesAgo(5);
const overdueWords = () => `SITE-CP1 has sent nothing since ${formatWhen(heard)} (5 min ago; heartbeat overdue)`;
const booted = minutesAgo(60);

/** SITE-CP1 online, charging on connector 1, last heard from at `lastSeen`, given `given` as its heartbeat interval. */
function bench(lastSeen: string, given: ChargerView['heartbeatGiven']) {
  useBench.setState({
    ...initialBenchState,
    link: 'open',
    loaded: true,
    chargers: {
      'SITE-CP1': aCharger('SITE-CP1', {
        connected: true,
        lastSeen,
        lastHeartbeat: lastSeen,
        lastBoot: booted,
        heartbeatGiven: given,
        connectors: [aConnector(0), aConnector(1, { status: 'Charging' })],
      }),
    },
    activeTransactions: { 7: aTransaction(7, 'SITE-CP1', 1, 'TAG-ALICE') },
  });
}

/** Given 60 s at its boot: silent for 5 min is past twice that. */
const given60 = { seconds: 60, how: 'boot', at: booted } as const;

const settings = (heartbeatInterval: number) => ({ heartbeatInterval, unknownChargers: 'accept', requirePassword: false, defaultBootStatus: 'Accepted' }) as BenchSettings;
const client = (heartbeatSetting = 300) =>
  fakeClient({ 'operations:list': () => [], 'chargers:meterValues': () => [], 'tests:list': () => [], 'commissioning:list': () => [], 'settings:get': () => settings(heartbeatSetting) });

afterEach(() => {
  cleanup();
  useBench.setState(initialBenchState, true);
});

describe('what runs on an online charger whose heartbeat is overdue', () => {
  it('is overdue by the rule the Overview uses', () => {
    bench(heard, given60);
    expect(silenceOf(useBench.getState().chargers['SITE-CP1'], 300)?.since).toBe(heard);
  });

  it('the Reset panel says it as last known, with since when nothing came', () => {
    bench(heard, given60);
    render(withBench(client(), <OperationsPanel chargerId="SITE-CP1" initial="Reset" />));
    const said = screen.getByTestId('reset-running').textContent ?? '';
    expect(said).toBe(`Last known (${overdueWords()}): 1 transaction running on SITE-CP1.`);
    expect(said).not.toMatch(/\bnow\b/);
  });

  it('the Reset panel still says "now" for a charger heard from lately', () => {
    bench(minutesAgo(0), given60);
    render(withBench(client(), <OperationsPanel chargerId="SITE-CP1" initial="Reset" />));
    expect(screen.getByTestId('reset-running').textContent).toBe('1 transaction running on SITE-CP1 now.');
  });

  it('a charger told to send no heartbeats (given 0) is never overdue: still "now"', () => {
    bench(heard, { seconds: 0, how: 'boot', at: booted });
    render(withBench(client(), <OperationsPanel chargerId="SITE-CP1" initial="Reset" />));
    expect(screen.getByTestId('reset-running').textContent).toBe('1 transaction running on SITE-CP1 now.');
  });

  it("judges by the bench's heartbeat setting when the charger's view tells no interval given, as the Overview does", async () => {
    // No interval given in its view; the setting is 60 s: 5 min silent is overdue (with 300 s assumed it would not be).
    bench(heard, null);
    render(withBench(client(60), <OperationsPanel chargerId="SITE-CP1" initial="Reset" />));
    expect(await screen.findByText(`Last known (${overdueWords()}): 1 transaction running on SITE-CP1.`)).toBeTruthy();
  });

  it('a confirmation lists the session as last known, not "right now"', async () => {
    bench(heard, given60);
    render(withBench(client(), unlockSiteCp1Confirm()));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(`Running as last known (${overdueWords()})`)).toBeTruthy();
    expect(within(dialog).queryByText('Running right now')).toBeNull();
  });

  it('a confirmation still says "Running right now" for a charger heard from lately', async () => {
    bench(minutesAgo(0), given60);
    render(withBench(client(), unlockSiteCp1Confirm()));
    expect(within(await screen.findByRole('dialog')).getByText('Running right now')).toBeTruthy();
  });

  it('Send to selected… says its sessions as last known, and does not say nothing is sent to it (it is online)', async () => {
    bench(heard, given60);
    useBench.setState((s) => ({ chargers: { ...s.chargers, CP002: aCharger('CP002', { lastSeen: minutesAgo(0), lastHeartbeat: minutesAgo(0) }) } }));
    const table = await reviewReset(client(), ['SITE-CP1', 'CP002']);
    const row = within(table).getByText('SITE-CP1').closest('tr') as HTMLElement;
    expect(row.textContent).toContain(`Last known (${overdueWords()}):`);
    expect(row.textContent).toContain('Transaction 7');
    expect(within(table).getByText('Running now, or last known')).toBeTruthy();
    expect(screen.getByText('Running now, and ended by the reset:')).toBeTruthy();
    const live = within(table).getByText('CP002').closest('tr') as HTMLElement;
    expect(live.textContent).not.toContain('Last known');
  });
});
