// @vitest-environment jsdom
// A charger given a HeartbeatInterval of 0 (a ChangeConfiguration it accepted after an earlier 60 s, or a
// GetConfiguration read of 0) was told to send no heartbeats: its silence is what it was asked for. The
// list and its page never say "Nothing heard since … (heartbeat overdue)" of it (nor grey its statuses as
// last known), an abnormal drop after a long silence is never "dropped after … silent (heartbeat
// overdue)", and its page's About says the interval is 0 (no heartbeats asked for) and where it came from;
// the same when only the record tells the 0 (a view from an earlier version). The stale 60 s is not used.
import { describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor } from '@testing-library/react';
import { aCharger, aConnector } from './builders';
import { aBootAnswer, aHeartbeatSet, ago, chargerScreenHooks, renderChargers, type HeartbeatRecord } from './charger-page-harness';
import { formatTime } from '../../src/renderer/src/components/format';
import type { ChargerView, ConnectionAttemptView } from '../../src/shared/api/views';
import type { FakeClient } from './fake-client';

vi.mock('../../src/renderer/src/features/operations/MultiSendDialog', () => ({ MultiSendDialog: () => null }));
chargerScreenHooks();

const booted = ago(3_600_000);
const setTo60 = ago(1_800_000);
const setTo0 = ago(1_700_000);
const zero = { seconds: 0, how: 'set', at: setTo0 } as const;
// The record: 60 s at its boot, set to 60 s, then to 0 (both accepted).
const record: HeartbeatRecord = { boot: aBootAnswer(60, booted), operations: [{ ...aHeartbeatSet('0', setTo0), id: 12 }, aHeartbeatSet('60', setTo60)] };
const lost = 'Connection lost (1006, no close frame): the network dropped, the charger restarted, or it stopped answering pings';

/** Online, last heard from 10 min ago (far past twice 60 s). */
const online = (given: ChargerView['heartbeatGiven']): ChargerView =>
  aCharger('CP-1', { lastSeen: ago(600_000), lastHeartbeat: ago(600_000), lastBoot: booted, connectors: [aConnector(1, { updatedAt: ago(600_000) })], heartbeatGiven: given });

/** What the screen was waiting for has come (the connection attempts, and the record when read), and what follows from it drawn. */
async function settled(client: FakeClient, recordRead: boolean) {
  await waitFor(() => expect(client.callsOf('connectionAttempts:list').length).toBeGreaterThan(0));
  if (recordRead) await waitFor(() => expect(client.callsOf('operations:list').length).toBeGreaterThan(0));
  for (let i = 0; i < 5; i++) await act(async () => void (await Promise.resolve()));
}

describe('an online charger given a heartbeat interval of 0', () => {
  it('is not said overdue on the list, however long it is silent, its statuses live', async () => {
    const client = renderChargers([online(zero)], { settings: { heartbeatInterval: 60 }, record });
    await screen.findByText('CP-1');
    await settled(client, false);
    expect(screen.queryByTestId('heartbeat-overdue')).toBeNull();
    expect(screen.queryByText(/heartbeat overdue/)).toBeNull();
    expect(document.querySelector('[data-stale]')).toBeNull();
  });

  it('is not said overdue on its page, whose About says 0 (no heartbeats asked for) and where it came from', async () => {
    const client = renderChargers([online(zero)], { path: '/chargers/CP-1', settings: { heartbeatInterval: 60 }, record });
    await screen.findByRole('heading', { name: 'CP-1' });
    await settled(client, false);
    expect(screen.getByText(`0 s (no heartbeats asked for: the charger was told to send none), as set on it (ChangeConfiguration accepted) at ${formatTime(setTo0)}`)).toBeTruthy();
    expect(screen.queryByTestId('charger-heartbeat-overdue')).toBeNull();
    expect(screen.queryByText(/heartbeat overdue/)).toBeNull();
  });

  it('read as 0 from the record when its view tells none (a boot recorded by an earlier version): not overdue on its page', async () => {
    const client = renderChargers([online(null)], { path: '/chargers/CP-1', settings: { heartbeatInterval: 60 }, record });
    await screen.findByRole('heading', { name: 'CP-1' });
    await settled(client, true);
    expect(await screen.findByText(`0 s (no heartbeats asked for: the charger was told to send none), as set on it (ChangeConfiguration accepted) at ${formatTime(setTo0)}`)).toBeTruthy();
    expect(screen.queryByTestId('charger-heartbeat-overdue')).toBeNull();
    expect(screen.queryByText(/heartbeat overdue/)).toBeNull();
  });
});

describe('an offline charger given 0, its connection lost after a long silence', () => {
  const lastContact = ago(700_000);
  const attempts: ConnectionAttemptView[] = [
    // Lost 9 min 57 s after its last contact.
    { id: 2, ts: new Date(Date.parse(lastContact) + 597_000).toISOString(), chargerId: 'CP-1', remoteAddress: '10.0.0.7', outcome: 'closed', reason: lost },
    { id: 1, ts: booted, chargerId: 'CP-1', remoteAddress: '10.0.0.7', outcome: 'accepted', reason: null },
  ];
  const offline = (given: ChargerView['heartbeatGiven']) =>
    aCharger('CP-1', { connected: false, lastSeen: lastContact, lastHeartbeat: lastContact, lastBoot: booted, connectors: [aConnector(1, { updatedAt: lastContact })], heartbeatGiven: given });

  it('is not said dropped after a silence (heartbeat overdue), with the 0 in its view', async () => {
    const client = renderChargers([offline(zero)], { settings: { heartbeatInterval: 60 }, record, handlers: { 'connectionAttempts:list': () => attempts } });
    await screen.findByText('CP-1');
    await settled(client, false);
    expect(screen.getByText(/^last seen 11 min ago/)).toBeTruthy();
    expect(screen.queryByTestId('dropped-after-silence')).toBeNull();
    expect(screen.queryByText(/heartbeat overdue/)).toBeNull();
  });

  it('nor when only the record tells the 0, on the list', async () => {
    const client = renderChargers([offline(null)], { settings: { heartbeatInterval: 60 }, record, handlers: { 'connectionAttempts:list': () => attempts } });
    await screen.findByText('CP-1');
    await settled(client, true);
    expect(screen.queryByTestId('dropped-after-silence')).toBeNull();
    expect(screen.queryByText(/heartbeat overdue/)).toBeNull();
  });
});
