// @vitest-environment jsdom
// "Nothing heard since … (heartbeat overdue)" for an online charger is judged against the heartbeat interval
// the charger was given (its view's heartbeatGiven: its boot answer's, or a later accepted change or read of
// HeartbeatInterval, tracked by the bench), not the bench's setting now; the setting only when the view
// tells none. The tooltip and the charger's page say which interval and where it came from; a refresh of
// the list brings a new interval.
import { describe, expect, it, vi } from 'vitest';
import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { aCharger, aConnector } from './builders';
import { ago, chargerScreenHooks, renderChargers } from './charger-page-harness';
import { formatTime, formatWhen } from '../../src/renderer/src/components/format';
import type { ChargerView } from '../../src/shared/api/views';

vi.mock('../../src/renderer/src/features/operations/MultiSendDialog', () => ({ MultiSendDialog: () => null }));
chargerScreenHooks({ fakeTimers: true });

const booted = ago(3_600_000);

/** An online charger last heard from `silentMs` ago, given `given` (none: the view tells no interval). */
const online = (silentMs: number, given: ChargerView['heartbeatGiven']): ChargerView =>
  aCharger('CP-1', { lastSeen: ago(silentMs), lastHeartbeat: ago(silentMs), lastBoot: booted, connectors: [aConnector(1, { updatedAt: ago(silentMs) })], heartbeatGiven: given });

let listed: ChargerView;
function start(charger: ChargerView, settingS: number, path = '/chargers') {
  listed = charger;
  renderChargers([charger], { path, settings: { heartbeatInterval: settingS }, handlers: { 'chargers:list': () => [listed] } });
}

describe('the chargers list', () => {
  it('says heartbeat overdue against the interval the charger was given at boot, not the longer setting, naming it', async () => {
    // Given 60 s at its boot; the setting is now 1 h. Silent for 150 s: past twice 60 s.
    start(online(150_000, { seconds: 60, how: 'boot', at: booted }), 3600);
    const overdue = await screen.findByTestId('heartbeat-overdue');
    expect(overdue.textContent).toContain('Online');
    expect(overdue.textContent).toContain('(heartbeat overdue)');
    vi.useRealTimers();
    await userEvent.hover(overdue);
    expect((await screen.findByRole('tooltip')).textContent).toContain(`longer than twice its heartbeat interval allows (60 s, from the bench's answer to its boot at ${formatTime(booted)})`);
  });

  it('says nothing while the charger is within an interval it was set to, longer than the setting', async () => {
    // Set to 1 h (ChangeConfiguration accepted); the setting says 30 s. Silent for 5 min: due, not overdue.
    start(online(300_000, { seconds: 3600, how: 'set', at: ago(600_000) }), 30);
    await screen.findByText('CP-1');
    await act(async () => void vi.advanceTimersByTime(1000));
    expect(screen.queryByTestId('heartbeat-overdue')).toBeNull();
    expect(document.querySelector('[data-stale]')).toBeNull();
  });

  it("judges by the bench's setting when the view tells no interval given, and says so", async () => {
    start(online(90_000, null), 30);
    const overdue = await screen.findByTestId('heartbeat-overdue');
    vi.useRealTimers();
    await userEvent.hover(overdue);
    // It booted (accepted) an hour ago: the interval of that boot is what the view does not hold.
    expect((await screen.findByRole('tooltip')).textContent).toContain(
      "30 s, the bench's setting (the interval its last boot was given is not tracked for this charger: that boot was recorded by an earlier version of the bench; it is tracked from its next boot)",
    );
  });

  it('takes a new interval from the refreshed list', async () => {
    // Silent for 3 min: not overdue against 1 h; then the bench says it was set to 60 s.
    start(online(180_000, { seconds: 3600, how: 'boot', at: booted }), 3600);
    await screen.findByText('CP-1');
    expect(screen.queryByTestId('heartbeat-overdue')).toBeNull();
    listed = { ...listed, heartbeatGiven: { seconds: 60, how: 'set', at: ago(170_000) } };
    await act(async () => void vi.advanceTimersByTime(10_000));
    expect((await screen.findByTestId('heartbeat-overdue')).textContent).toContain('(heartbeat overdue)');
  });
});

describe("the charger's page", () => {
  it('says overdue against the interval it was read at, with where it came from', async () => {
    const read = ago(900_000);
    const heard = ago(150_000);
    start({ ...online(150_000, { seconds: 45, how: 'read', at: read }), lastSeen: heard, lastHeartbeat: heard }, 3600, '/chargers/CP-1');
    const alert = await screen.findByTestId('charger-heartbeat-overdue');
    expect(alert.textContent).toContain(
      `since ${formatWhen(heard)} (heartbeat overdue): longer than twice its heartbeat interval allows (45 s, as read from it (GetConfiguration) at ${formatTime(read)}).`,
    );
    // The facts say which interval it works to.
    expect(screen.getByText(`45 s, as read from it (GetConfiguration) at ${formatTime(read)}`)).toBeTruthy();
    // The header's chip says so too.
    expect(screen.getByTestId('heartbeat-overdue').textContent).toContain('(heartbeat overdue)');
  });

  it('says nothing against the setting when the charger was given longer', async () => {
    start(online(150_000, { seconds: 600, how: 'boot', at: booted }), 30, '/chargers/CP-1');
    await screen.findByRole('heading', { name: 'CP-1' });
    await act(async () => void vi.advanceTimersByTime(1000));
    expect(screen.queryByTestId('charger-heartbeat-overdue')).toBeNull();
    expect(screen.queryByTestId('heartbeat-overdue')).toBeNull();
  });
});
