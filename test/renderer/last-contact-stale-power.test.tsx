// @vitest-environment jsdom
// While the bench is out of reach, a charger offline before it keeps its last contact (not the link loss)
// and its "Offline (last known)" on the list; and a connector card's power and energy read longer ago than
// twice the charger's usual interval between readings are marked old, with when they were read.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { fakeClient, liveBench, withBench, stubResizeObserver } from './fake-client';
import { aCharger, aConnector, aTransaction, minutesAgo } from './builders';
import { initialBenchState, useBench, type ReceivedSample } from '../../src/renderer/src/stores/bench';
import { ChargerDetailScreen, ChargersScreen } from '../../src/renderer/src/app/screens';
import { Layout } from '../../src/renderer/src/app/Layout';
import { lastContactOf } from '../../src/renderer/src/components/ChargerOfflineNotice';
import { lastKnownNote } from '../../src/renderer/src/components/lastKnownNote';
import { formatClock, formatWhen } from '../../src/renderer/src/components/format';
import type { ChargerView } from '../../src/shared/api/views';

stubResizeObserver();

const screens = (
  <Layout>
    <Routes>
      <Route path="/chargers" element={<ChargersScreen />} />
      <Route path="/chargers/:id" element={<ChargerDetailScreen />} />
    </Routes>
  </Layout>
);

let off: (() => void) | undefined;
function open(path: string, chargers: Record<string, ChargerView>, meter: Record<string, ReceivedSample[]> = {}) {
  const client = fakeClient({ 'chargers:meterValues': () => [], 'chargers:list': () => Object.values(useBench.getState().chargers) });
  off = liveBench(client, { chargers, activeTransactions: { 17: aTransaction(17, 'CP001', 2, 'TAG-ALICE', { meterStart: 1000, startTime: minutesAgo(20) }) }, meter });
  render(withBench(client, screens, path));
}

beforeEach(() => useBench.setState(initialBenchState, true));
afterEach(() => {
  off?.();
  cleanup();
});

describe('the last contact while the link to the bench is down', () => {
  const offlineAt = '2025-05-01T03:19:10.000Z';
  const linkLost = '2025-05-01T03:19:28.000Z';
  const down = { stale: true, linkDown: true };

  it('is the charger’s last contact for one offline before the link loss, the link loss for one online then', () => {
    expect(lastContactOf(down, offlineAt, linkLost, false)).toBe(offlineAt);
    expect(lastContactOf(down, offlineAt, linkLost, true)).toBe(linkLost);
    // Never later than the link loss.
    expect(lastContactOf(down, '2025-05-01T03:20:00.000Z', linkLost, false)).toBe(linkLost);
    expect(lastContactOf({ stale: true, linkDown: false }, offlineAt, linkLost, false)).toBe(offlineAt);
  });

  it('says a charger offline before the link loss as offline, with when it was last seen', () => {
    const now = Date.parse(linkLost) + 60_000;
    expect(lastKnownNote('CP001', down, offlineAt, false, now, null, true)).toBe(`CP001 was offline when the link to the bench went down, last seen ${formatWhen(offlineAt, now)} (1 min ago)`);
    expect(lastKnownNote('CP002', down, linkLost, false, now, null, false)).toBe(`the link to the bench is down, last contact ${formatWhen(linkLost, now)} (1 min ago)`);
  });

  it('keeps "Offline (last known)" and its last seen on the chargers list; one online then is unknown', async () => {
    open('/chargers', {
      CP001: aCharger('CP001', { connected: false, lastSeen: minutesAgo(3) }),
      CP002: aCharger('CP002'),
    });
    expect(await screen.findByText('CP002')).toBeTruthy();
    act(() => useBench.setState({ link: 'silent', linkSince: minutesAgo(1) }));
    const row = (id: string) => within(screen.getByText(id).closest('[role="row"]') as HTMLElement);
    expect(row('CP001').getByText('Offline (last known)')).toBeTruthy();
    expect(row('CP001').getByText('last seen 3 min ago')).toBeTruthy();
    expect(row('CP001').queryByText('Unknown')).toBeNull();
    expect(row('CP002').getByText('Unknown')).toBeTruthy();
  });
});

describe('power and energy on a connector card', () => {
  const charging = () => aCharger('CP001', { lastSeen: new Date().toISOString(), connectors: [aConnector(0), aConnector(2, { status: 'Charging', timestamp: minutesAgo(20) })] });
  /** Readings every 10 s, the newest `lastAgoMs` ago (received then). */
  const every10s = (lastAgoMs: number): ReceivedSample[] =>
    Array.from({ length: 6 }, (_, i) => {
      const t = Date.now() - lastAgoMs - (5 - i) * 10_000;
      return { t, receivedAt: t, energyWh: 5000 + 100 * i, powerW: 22_000, transactionId: 17 };
    });
  const card = () => within(screen.getByRole('region', { name: 'Connector 2' }));

  it('marks a reading older than twice the usual interval as an old reading, with when it was read, not as power now', async () => {
    const meter = { 'CP001/2': every10s(90_000) };
    open('/chargers/CP001', { CP001: charging() }, meter);
    const at = meter['CP001/2'][5].receivedAt as number;
    expect(await card().findByText('Last power reading')).toBeTruthy();
    expect(card().queryByText('Power now')).toBeNull();
    expect(card().getByText(`22.0 kW, old reading, at ${formatClock(at)} (1 min ago)`)).toBeTruthy();
    expect(card().getByText(`old reading, at ${formatClock(at)} (1 min ago)`)).toBeTruthy();
  });

  it('says power now, unmarked, while readings come as usual', async () => {
    open('/chargers/CP001', { CP001: charging() }, { 'CP001/2': every10s(5_000) });
    expect(await card().findByText('22.0 kW')).toBeTruthy();
    expect(card().getByText('Power now')).toBeTruthy();
    expect(card().queryByText(/old reading/)).toBeNull();
  });
});
