// @vitest-environment jsdom
// A charger's page while the bench is not answering: "Password & boot policy" and "Delete" change the
// bench's own record, so they are disabled with the reason (the link and since when) as every other
// action is, and a dialog already open cannot be confirmed until the link is back.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeClient, liveBench, routed, withBench, stubResizeObserver, type FakeClient } from './fake-client';
import { aCharger, aConnector, minutesAgo } from './builders';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { ChargerDetailScreen } from '../../src/renderer/src/app/screens';
import { formatClock } from '../../src/renderer/src/components/format';

stubResizeObserver();

let client: FakeClient;
let off: (() => void) | undefined;
function open() {
  client = fakeClient({
    'chargers:meterValues': () => [],
    'chargers:list': () => Object.values(useBench.getState().chargers),
    'chargers:update': () => Object.values(useBench.getState().chargers)[0],
    'settings:get': () => ({ requirePassword: false, unknownChargers: 'accept', heartbeatInterval: 300, defaultBootStatus: 'Accepted' }) as never,
    'connectionAttempts:list': () => [],
  });
  // Offline: deleting is allowed (an online charger must be disconnected first).
  const charger = aCharger('CP001', { connected: false, lastSeen: minutesAgo(5), connectors: [aConnector(1)] });
  off = liveBench(client, { chargers: { CP001: charger } });
  render(withBench(client, routed({ '/chargers/:id': <ChargerDetailScreen /> }), '/chargers/CP001'));
}
const button = (name: string) => screen.getByRole('button', { name }) as HTMLButtonElement;

beforeEach(() => useBench.setState(initialBenchState, true));
afterEach(() => {
  off?.();
  cleanup();
});

describe('with the bench not answering', () => {
  it('disables Password & boot policy and Delete, saying why and since when', async () => {
    const user = userEvent.setup();
    open();
    await screen.findByRole('heading', { name: 'CP001' });
    expect(button('Password & boot policy').disabled).toBe(false);
    expect(button('Delete').disabled).toBe(false);

    const since = minutesAgo(1);
    act(() => useBench.setState({ link: 'silent', linkSince: since }));
    expect(button('Password & boot policy').disabled).toBe(true);
    expect(button('Delete').disabled).toBe(true);
    await user.hover(button('Password & boot policy').parentElement!);
    expect((await screen.findByRole('tooltip')).textContent).toBe(
      `The bench has not answered this window since ${formatClock(since)} (it is paused, hung or overloaded): the password and boot policy of CP001 cannot be changed until the link is back.`,
    );
    await user.unhover(button('Password & boot policy').parentElement!);
    await user.hover(button('Delete').parentElement!);
    expect((await screen.findByText(/CP001 cannot be deleted until the link is back/)).textContent).toContain(`since ${formatClock(since)}`);

    // Back: both work again.
    act(() => useBench.setState({ link: 'open', linkSince: new Date().toISOString() }));
    expect(button('Password & boot policy').disabled).toBe(false);
    expect(button('Delete').disabled).toBe(false);
  });

  it('lets a dialog opened before the link was lost not be confirmed, saying why', async () => {
    const user = userEvent.setup();
    open();
    await user.click(await screen.findByRole('button', { name: 'Password & boot policy' }));
    const settings = within(await screen.findByRole('dialog'));
    expect((settings.getByRole('button', { name: 'Save' }) as HTMLButtonElement).disabled).toBe(false);
    act(() => useBench.setState({ link: 'closed', linkSince: minutesAgo(1) }));
    expect((settings.getByRole('button', { name: 'Save' }) as HTMLButtonElement).disabled).toBe(true);
    expect(settings.getByRole('alert').textContent).toMatch(
      /^The bench cannot be reached from this window since .*: the password and boot policy of CP001 cannot be changed until the link is back\.$/,
    );
    await user.click(settings.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    act(() => useBench.setState({ link: 'open', linkSince: new Date().toISOString() }));
    await user.click(button('Delete'));
    const remove = within(await screen.findByRole('dialog'));
    expect((remove.getByRole('button', { name: 'Delete charger' }) as HTMLButtonElement).disabled).toBe(false);
    act(() => useBench.setState({ link: 'closed', linkSince: minutesAgo(1) }));
    expect((remove.getByRole('button', { name: 'Delete charger' }) as HTMLButtonElement).disabled).toBe(true);
    expect(remove.getByRole('alert').textContent).toContain('CP001 cannot be deleted until the link is back.');
    expect(client.callsOf('chargers:delete')).toHaveLength(0);
  });
});
