// @vitest-environment jsdom
// An offline charger dropped after a silence is judged against the heartbeat interval it was given (its
// view's heartbeatGiven), not the bench's setting: one given 30 s while the setting is 300 s, silent 2 min
// before its connection was lost, was overdue, and says so; nothing is read from the record for it.
import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { aCharger, aConnector } from './builders';
import { ago, chargerScreenHooks, renderChargers } from './charger-page-harness';
import { formatTime } from '../../src/renderer/src/components/format';
import type { ChargerView, ConnectionAttemptView } from '../../src/shared/api/views';

chargerScreenHooks();

const lost = 'Connection lost (1006, no close frame): the network dropped, the charger restarted, or it stopped answering pings';
const booted = ago(3_600_000);
const lastContact = ago(200_000);
// Seen to close 2 min after its last contact.
const dropped = ago(80_000);

function start(given: ChargerView['heartbeatGiven'], settingS: number, path = '/chargers') {
  const charger = aCharger('CP-1', { connected: false, lastSeen: lastContact, lastHeartbeat: lastContact, connectors: [aConnector(1, { updatedAt: lastContact })], heartbeatGiven: given });
  const attempts: ConnectionAttemptView[] = [
    { id: 2, ts: dropped, chargerId: 'CP-1', remoteAddress: '10.0.0.7', outcome: 'closed', reason: lost },
    { id: 1, ts: booted, chargerId: 'CP-1', remoteAddress: '10.0.0.7', outcome: 'accepted', reason: null },
  ];
  // Its view tells the interval: the record holds nothing of it.
  return renderChargers([charger], { path, settings: { heartbeatInterval: settingS }, record: { boot: null }, handlers: { 'connectionAttempts:list': () => attempts } });
}

describe('a drop judged by the interval the charger was given', () => {
  it('says a charger given 30 s (setting 300 s) silent 2 min before the drop was overdue, on the list and its page', async () => {
    const client = start({ seconds: 30, how: 'boot', at: booted }, 300);
    const cell = await screen.findByTestId('dropped-after-silence', {}, { timeout: 5000 });
    expect(within(cell).getByText(/^dropped after 2 min( 00 s)? silent \(heartbeat overdue\)$/)).toBeTruthy();
    expect(cell.getAttribute('aria-label')).toContain(`(30 s, from the bench's answer to its boot at ${formatTime(booted)})`);
    // Its view told the interval: nothing read from the record.
    expect(client.callsOf('messages:page')).toEqual([]);
    expect(client.callsOf('operations:list')).toEqual([]);
  });

  it('says so in the header of its page', async () => {
    start({ seconds: 30, how: 'set', at: ago(1_800_000) }, 300, '/chargers/CP-1');
    const header = within((await screen.findByRole('heading', { name: 'CP-1' })).parentElement as HTMLElement);
    expect(await header.findByText(/^dropped after 2 min( 00 s)? silent \(heartbeat overdue\)$/, {}, { timeout: 5000 })).toBeTruthy();
  });

  it('says nothing of the kind for one given 3600 s, however short the setting', async () => {
    const client = start({ seconds: 3600, how: 'set', at: ago(1_800_000) }, 10);
    const row = (await screen.findByText('CP-1', {}, { timeout: 5000 })).closest('[role="row"]') as HTMLElement;
    expect(within(row).getByText('last seen 3 min ago')).toBeTruthy();
    expect(screen.queryByText(/heartbeat overdue/)).toBeNull();
    expect(client.callsOf('messages:page')).toEqual([]);
  });
});
