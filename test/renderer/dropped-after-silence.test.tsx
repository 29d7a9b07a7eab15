// @vitest-environment jsdom
// A charger with a short heartbeat interval (10 s) that goes silent: the bench's WebSocket ping drops its
// connection 30 to 60 s later, before "heartbeat overdue" would show on the online charger. Once offline,
// its row and its page say it was dropped after being silent past its heartbeat, not merely "Offline".
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { fakeClient, liveBench, withBench, stubResizeObserver } from './fake-client';
import { aCharger, aConnector } from './builders';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { ChargerDetailScreen, ChargersScreen } from '../../src/renderer/src/app/screens';
import { formatTime } from '../../src/renderer/src/components/format';
import type { BenchSettings, ConnectionAttemptView } from '../../src/shared/api/views';

stubResizeObserver();

const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
const lastContact = ago(120_000);
// Seen to close 45 s after the last contact: the ping found it dead.
const dropped = ago(75_000);
const lost = 'Connection lost (1006, no close frame): the network dropped, the charger restarted, or it stopped answering pings';
const attempts: ConnectionAttemptView[] = [
  { id: 2, ts: dropped, chargerId: 'CP-1', remoteAddress: '10.0.0.7', outcome: 'closed', reason: lost },
  { id: 1, ts: ago(3_600_000), chargerId: 'CP-1', remoteAddress: '10.0.0.7', outcome: 'accepted', reason: null },
];

function start(heartbeatInterval: number, path = '/chargers') {
  const charger = aCharger('CP-1', { connected: false, lastSeen: lastContact, lastHeartbeat: lastContact, connectors: [aConnector(1, { updatedAt: lastContact })] });
  const client = fakeClient({
    'chargers:list': () => [charger],
    'chargers:meterValues': () => [],
    'connectionAttempts:list': () => attempts,
    'settings:get': () => ({ heartbeatInterval, unknownChargers: 'accept', requirePassword: false }) as BenchSettings,
  });
  off = liveBench(client, { chargers: { 'CP-1': charger } });
  render(
    withBench(
      client,
      <Routes>
        <Route path="/chargers" element={<ChargersScreen />} />
        <Route path="/chargers/:id" element={<ChargerDetailScreen />} />
      </Routes>,
      path,
    ),
  );
}

let off: (() => void) | undefined;
beforeEach(() => useBench.setState(initialBenchState, true));
afterEach(() => {
  off?.();
  cleanup();
});

describe('an offline charger dropped after going silent', () => {
  it('says on the Chargers list it was silent past its heartbeat before the drop, with when', async () => {
    start(10);
    const cell = await screen.findByTestId('dropped-after-silence', {}, { timeout: 5000 });
    expect(within(cell).getByText('Offline')).toBeTruthy();
    expect(cell.textContent).toContain('last seen 2 min ago');
    expect(within(cell).getByText('dropped after 45 s silent (heartbeat overdue)')).toBeTruthy();
    // The tooltip (the cell's accessible name) gives the times and the bench's reason.
    expect(cell.getAttribute('aria-label')).toBe(
      `Last seen ${formatTime(lastContact)}. Its connection dropped at ${formatTime(dropped)}, after 45 s without a word from the charger: longer than its heartbeat allows, so its heartbeat was overdue before the drop (${lost}).`,
    );
  });

  it('says so in the header of its page', async () => {
    start(10, '/chargers/CP-1');
    const header = within((await screen.findByRole('heading', { name: 'CP-1' })).parentElement as HTMLElement);
    expect(header.getByText('dropped after 45 s silent (heartbeat overdue)')).toBeTruthy();
  });

  it('says nothing of the kind when the silence was within its heartbeat interval', async () => {
    start(300);
    const row = (await screen.findByText('CP-1', {}, { timeout: 5000 })).closest('[role="row"]') as HTMLElement;
    expect(within(row).getByText('Offline')).toBeTruthy();
    expect(within(row).getByText('last seen 2 min ago')).toBeTruthy();
    expect(screen.queryByTestId('dropped-after-silence')).toBeNull();
    expect(screen.queryByText(/heartbeat overdue/)).toBeNull();
  });
});
