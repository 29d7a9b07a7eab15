// @vitest-environment jsdom
// A charger with a short heartbeat interval (10 s) that goes silent: the bench's WebSocket ping drops its
// connection 30 to 60 s later, before "heartbeat overdue" would show on the online charger. Once offline,
// its row and its page say it was dropped after being silent past its heartbeat, not merely "Offline".
// The interval is the one the charger was working to (its boot answer's, or a later configuration change
// or read of HeartbeatInterval), not the bench's setting now; and only a lost connection (1006, the ping
// unanswered) says so, not a clean close.
import { describe, expect, it } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import { aCharger, aConnector } from './builders';
import { aBootAnswer, aHeartbeatSet, ago, chargerScreenHooks, renderChargers, type HeartbeatRecord } from './charger-page-harness';
import { formatTime } from '../../src/renderer/src/components/format';
import type { ConnectionAttemptView, MessageView, OperationView } from '../../src/shared/api/views';
import { silentBeforeDrop } from '../../src/renderer/src/components/refusals';

chargerScreenHooks();

const lastContact = ago(120_000);
// Seen to close 45 s after the last contact: the ping found it dead.
const dropped = ago(75_000);
const lost = 'Connection lost (1006, no close frame): the network dropped, the charger restarted, or it stopped answering pings';
const booted = ago(3_600_000);
const attemptsOf = (at: string, reason: string): ConnectionAttemptView[] => [
  { id: 2, ts: at, chargerId: 'CP-1', remoteAddress: '10.0.0.7', outcome: 'closed', reason },
  { id: 1, ts: booted, chargerId: 'CP-1', remoteAddress: '10.0.0.7', outcome: 'accepted', reason: null },
];
/** The bench's answer to the charger's boot, with the interval it gave. */
const bootAnswer = (interval: number, ts = booted) => aBootAnswer(interval, ts);
const heartbeatRead = (value: string, at: string): OperationView => ({
  ...aHeartbeatSet(value, at),
  id: 12,
  action: 'GetConfiguration',
  request: { key: ['HeartbeatInterval'] },
  response: { configurationKey: [{ key: 'HeartbeatInterval', readonly: false, value }] },
});

interface Told extends HeartbeatRecord {
  /** The bench's answer to its boot (default: the setting's interval an hour ago). */
  boot?: MessageView | null;
  lastSeen?: string;
  attempts?: ConnectionAttemptView[];
}

function start(heartbeatInterval: number, path = '/chargers', record: Told = {}) {
  const seen = record.lastSeen ?? lastContact;
  const charger = aCharger('CP-1', { connected: false, lastSeen: seen, lastHeartbeat: seen, connectors: [aConnector(1, { updatedAt: seen })] });
  const boot = record.boot === undefined ? bootAnswer(heartbeatInterval) : record.boot;
  return renderChargers([charger], {
    path,
    settings: { heartbeatInterval },
    record: { boot, operations: record.operations },
    handlers: { 'connectionAttempts:list': () => record.attempts ?? attemptsOf(dropped, lost) },
  });
}

/** The charger's row on the Chargers list, once it shows "last seen". */
async function offlineRow(): Promise<HTMLElement> {
  const row = (await screen.findByText('CP-1', {}, { timeout: 5000 })).closest('[role="row"]') as HTMLElement;
  expect(within(row).getByText('Offline')).toBeTruthy();
  return row;
}

describe('an offline charger dropped after going silent', () => {
  it('says on the Chargers list it was silent past its heartbeat before the drop, with when', async () => {
    start(10);
    const cell = await screen.findByTestId('dropped-after-silence', {}, { timeout: 5000 });
    expect(within(cell).getByText('Offline')).toBeTruthy();
    expect(cell.textContent).toContain('last seen 2 min ago');
    expect(within(cell).getByText('dropped after 45 s silent (heartbeat overdue)')).toBeTruthy();
    // The tooltip (the cell's accessible name) gives the times and the bench's reason.
    expect(cell.getAttribute('aria-label')).toBe(
      `Last seen ${formatTime(lastContact)}. Its connection was lost at ${formatTime(dropped)}, after 45 s without a word from the charger: longer than its heartbeat interval allows (10 s, from the bench's answer to its boot at ${formatTime(booted)}), so its heartbeat was overdue before the drop (${lost}).`,
    );
  });

  it('says so in the header of its page', async () => {
    start(10, '/chargers/CP-1');
    const header = within((await screen.findByRole('heading', { name: 'CP-1' })).parentElement as HTMLElement);
    expect(await header.findByText('dropped after 45 s silent (heartbeat overdue)')).toBeTruthy();
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

describe('the heartbeat interval a drop is judged by', () => {
  // Silent for 10 minutes, then lost: past the bench's 300 s, within the 3600 s the charger was given.
  const longSilence = { lastSeen: ago(20 * 60_000), attempts: attemptsOf(ago(10 * 60_000), lost) };

  /** Waits until what the record tells of the charger's interval has been read and shown. */
  async function readBack(client: ReturnType<typeof start>) {
    await waitFor(() => expect(client.callsOf('operations:list').length + client.callsOf('messages:page').length).toBe(2));
    for (let i = 0; i < 5; i++) await act(async () => undefined);
  }

  it('is the one set on the charger (ChangeConfiguration accepted) after its boot, not the bench setting', async () => {
    const client = start(300, '/chargers', { ...longSilence, operations: [aHeartbeatSet('3600', ago(50 * 60_000))] });
    const row = await offlineRow();
    await readBack(client);
    expect(within(row).getByText('last seen 20 min ago')).toBeTruthy();
    expect(screen.queryByText(/heartbeat overdue/)).toBeNull();
    // Asked of a few configuration operations only, and of the boot answers before the drop.
    expect(client.callsOf('operations:list')[0]).toEqual({ chargerId: 'CP-1', actions: ['GetConfiguration', 'ChangeConfiguration'], limit: 20 });
    expect(client.callsOf('messages:page')[0]).toMatchObject({ chargerId: 'CP-1', actions: ['BootNotification'], direction: 'out', kinds: ['CALLRESULT'], to: longSilence.attempts[0].ts });
  });

  it('is the one read from the charger (GetConfiguration) after its boot', async () => {
    const client = start(300, '/chargers', { ...longSilence, operations: [heartbeatRead('3600', ago(40 * 60_000))] });
    await offlineRow();
    await readBack(client);
    expect(screen.queryByText(/heartbeat overdue/)).toBeNull();
  });

  it("is the boot answer's again after a boot that came after the change", async () => {
    const rebooted = ago(60 * 60_000);
    start(300, '/chargers', { ...longSilence, boot: bootAnswer(300, rebooted), operations: [aHeartbeatSet('3600', ago(2 * 3_600_000))] });
    const cell = await screen.findByTestId('dropped-after-silence', {}, { timeout: 5000 });
    expect(cell.textContent).toContain('dropped after 10 min 00 s silent (heartbeat overdue)');
    expect(cell.getAttribute('aria-label')).toContain(`(300 s, from the bench's answer to its boot at ${formatTime(rebooted)})`);
  });

  it("is the bench's setting, said as such, when the record holds no boot answer or configuration of it", async () => {
    start(10, '/chargers', { boot: null });
    const cell = await screen.findByTestId('dropped-after-silence', {}, { timeout: 5000 });
    expect(cell.getAttribute('aria-label')).toContain("(10 s, the bench's setting (the record holds no boot answer or configuration of it))");
  });
});

describe('a connection closed cleanly after a silence', () => {
  const clean = 'Connection closed (1000, normal close)';

  it('is not said to be a heartbeat overdue: the charger said goodbye (a reboot)', async () => {
    const client = start(300, '/chargers', { lastSeen: ago(20 * 60_000), attempts: attemptsOf(ago(10 * 60_000), clean) });
    const row = await offlineRow();
    expect(within(row).getByText('last seen 20 min ago')).toBeTruthy();
    expect(screen.queryByText(/heartbeat overdue/)).toBeNull();
    // Nothing to check: the interval is not even read.
    expect(client.callsOf('operations:list')).toEqual([]);
  });

  it('only a lost connection (1006, no close frame) counts, not 1000 or 1001', () => {
    const at = new Date(Date.parse(lastContact) + 60_000).toISOString();
    expect(silentBeforeDrop(lastContact, { at, reason: lost }, 10)).toBe(60_000);
    expect(silentBeforeDrop(lastContact, { at, reason: clean }, 10)).toBeNull();
    expect(silentBeforeDrop(lastContact, { at, reason: 'Connection closed (1001, going away): the charger or the bench is shutting down or restarting' }, 10)).toBeNull();
    expect(silentBeforeDrop(lastContact, { at, reason: null }, 10)).toBeNull();
  });
});
