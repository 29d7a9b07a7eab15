// @vitest-environment jsdom
// The Virtual chargers screen while the link to the bench is lost: the cards are the last known (as of when the
// link was lost), never live-looking; nothing can be sent (every control disabled, the screen saying why; an
// open confirmation cannot be confirmed); a failure names its action and when, and once the link is back one
// from while the bench could not be reached is not left as current. And the connection chip says the truth
// of a charger kept offline by its Offline fault switch.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { VirtualChargersScreen } from '../../src/renderer/src/features/virtual/VirtualChargersScreen';
import { CallFailure } from '../../src/renderer/src/api/client';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { formatClock, formatWhen } from '../../src/renderer/src/components/format';
import { Faults, type VirtualChargerView } from '../../src/shared/api/virtual-chargers';
import { fakeClient, withBench, type Handlers } from './fake-client';
import { aVirtualCharger, aVirtualConnector } from './virtual-fixtures';

const lost = '2026-11-21T10:05:00.000Z';

const charging = (): VirtualChargerView =>
  aVirtualCharger('VCP1', {
    connectors: [
      aVirtualConnector(1, {
        status: 'Charging',
        plugged: true,
        transaction: { transactionId: 12, idTag: 'TAG1', startedAt: '2026-11-21T10:00:00.000Z', energyWh: 1500 } as never,
        meterWh: 1500,
        powerW: 11_000,
      }),
    ],
  });

function showing(views: VirtualChargerView[], handlers: Handlers = {}) {
  useBench.setState({ loaded: true, link: 'open', linkSince: '2026-11-21T09:00:00.000Z', virtualChargers: Object.fromEntries(views.map((v) => [v.id, v])) });
  const client = fakeClient(handlers);
  render(withBench(client, <VirtualChargersScreen />, '/virtual'));
  return client;
}

const linkLost = () => act(() => useBench.setState({ link: 'closed', linkSince: lost }));
const linkBack = () => act(() => useBench.setState({ link: 'open', linkSince: '2026-11-21T10:06:00.000Z' }));
const card = () => within(screen.getByRole('region', { name: 'Virtual charger VCP1' }));
const disabled = (el: HTMLElement) => (el as HTMLButtonElement).disabled;

beforeEach(() => useBench.setState(initialBenchState, true));
afterEach(cleanup);

describe('the Virtual chargers screen with the link to the bench lost', () => {
  it('shows the cards as last known, as of when the link was lost, and disables every control, saying why', async () => {
    showing([charging()]);
    expect(card().getByText('Connected')).toBeTruthy();
    await linkLost();

    // Why, and since when, on the screen; the card as the last known.
    const why = screen.getByRole('alert');
    expect(why.textContent).toContain(`The bench cannot be reached from this window since ${formatClock(lost)}: nothing can be sent until the link is back.`);
    expect(why.textContent).toContain(`shown as last known, as of ${formatWhen(lost)} (bench not reachable)`);
    expect(card().getByRole('note').textContent).toContain(`Last known, as of ${formatWhen(lost)}`);

    // No chip looks live: the connection and the connector's status are drawn as the last known.
    expect(card().queryByText('Connected')).toBeNull();
    expect(card().getByText('Connected (last known)').closest('[data-stale]')).toBeTruthy();
    const c1 = within(screen.getByRole('region', { name: 'Connector 1' }));
    expect(c1.getByText('Charging', { selector: '.MuiChip-label' }).closest('[data-stale]')).toBeTruthy();
    // The session's energy and power are said as the last known.
    expect(c1.getByText((_, el) => el?.tagName === 'DD' && /TAG1 · .*Wh · .*kW \(last known, as of /.test(el.textContent ?? ''))).toBeTruthy();
    expect(c1.getByText(/^Meter/).textContent).toContain('(last known)');

    // Nothing can be sent.
    expect(disabled(screen.getByRole('button', { name: 'New virtual charger' }))).toBe(true);
    for (const name of ['Stop', 'Delete', 'Power cycle', 'Drop connection', 'Send malformed frame', 'Fault whole charger…', 'Set the password of VCP1']) {
      expect(disabled(card().getByRole('button', { name })), name).toBe(true);
    }
    for (const name of ['Unplug cable from connector 1', 'Suspend EV on connector 1', 'Fault connector 1', 'Present card on connector 1']) {
      expect(disabled(c1.getByRole('button', { name })), name).toBe(true);
    }
    await userEvent.setup({ delay: null }).click(card().getByRole('button', { name: /Fault switches \(last known/ }));
    expect(disabled(card().getByRole('switch', { name: 'Slow charging' }))).toBe(true);

    // Back: live again.
    await linkBack();
    expect(card().getByText('Connected')).toBeTruthy();
    expect(disabled(card().getByRole('button', { name: 'Power cycle' }))).toBe(false);
  });

  it('an open Power cycle confirmation cannot be confirmed once the link is lost, and says the sessions are the last known', async () => {
    const client = showing([charging()]);
    const user = userEvent.setup({ delay: null });
    await user.click(card().getByRole('button', { name: 'Power cycle' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Power cycle VCP1?' }));
    expect(disabled(dialog.getByRole('button', { name: 'Power cycle VCP1' }))).toBe(false);

    await linkLost();
    expect(dialog.getByText(`What follows is the last known, as of ${formatWhen(lost)} (bench not reachable), not now:`)).toBeTruthy();
    expect(dialog.getByRole('alert').textContent).toContain('nothing can be sent until the link is back');
    const confirm = dialog.getByRole('button', { name: 'Power cycle VCP1' });
    expect(disabled(confirm)).toBe(true);
    confirm.click();
    expect(client.callsOf('virtualChargers:act')).toEqual([]);
  });

  it('a failure names its action and when; one from while the bench could not be reached is not left as current once the link is back', async () => {
    const client = showing([aVirtualCharger('VCP1')], {
      'virtualChargers:act': () => {
        useBench.setState({ link: 'closed', linkSince: lost });
        throw new CallFailure({ status: 0, message: 'The bench is not reachable: is chargebench serve still running?' });
      },
    });
    const user = userEvent.setup({ delay: null });
    await user.click(card().getByRole('button', { name: 'Power cycle' }));
    expect(client.callsOf('virtualChargers:act')).toHaveLength(1);
    const failed = await card().findByText(/^Power cycle failed at .+: The bench could not do it: The bench is not reachable/);
    expect(failed).toBeTruthy();

    await linkBack();
    expect(card().queryByText(/The bench could not do it/)).toBeNull();
    expect(card().getByText(/^Power cycle failed at .+ while the bench could not be reached; the link is back now/)).toBeTruthy();
  });
});

describe('the connection chip of a virtual charger', () => {
  it('kept offline by its Offline fault switch for a time, says so and until when, not "retrying"', () => {
    const until = '2026-11-21T11:32:00.000Z';
    showing([aVirtualCharger('VCP1', { connection: 'disconnected', faults: Faults.parse({ offline: true, offlineSeconds: 3600 }), offlineUntil: until })]);
    expect(card().queryByText('Disconnected, retrying')).toBeNull();
    expect(card().getByText(`Offline (fault switch, back at ${formatWhen(until)})`)).toBeTruthy();
  });

  it('kept offline until switched off, and never said Stopped while it is on (the API: running)', () => {
    showing([aVirtualCharger('VCP1', { connection: 'stopped', registration: null, faults: Faults.parse({ offline: true, offlineSeconds: 0 }) })]);
    expect(card().queryByText('Stopped')).toBeNull();
    expect(card().getByText('Offline (fault switch, until switched off)')).toBeTruthy();
    expect(card().getByText('Not booted yet (boots when back online)')).toBeTruthy();
    expect(card().getByRole('button', { name: 'Stop' })).toBeTruthy();
  });
});
