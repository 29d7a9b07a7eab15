// @vitest-environment jsdom
// The chargers list while the link to the bench is lost: "Register charger" writes the bench's own record,
// so it is disabled with the reason (the link and since when), as a charger's Password & boot policy and
// Delete are; the empty list's "Register a charger first" too; and the dialog, opened before the link was
// lost, cannot be confirmed until it is back.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { fakeClient, liveBench, withBench, stubResizeObserver, type FakeClient } from './fake-client';
import { aCharger, minutesAgo } from './builders';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { ChargersScreen } from '../../src/renderer/src/app/screens';
import { formatClock } from '../../src/renderer/src/components/format';
import type { ChargerView } from '../../src/shared/api/views';

vi.mock('../../src/renderer/src/features/operations/MultiSendDialog', () => ({ MultiSendDialog: () => null }));
stubResizeObserver();

let client: FakeClient;
let off: (() => void) | undefined;
function open(chargers: ChargerView[]) {
  client = fakeClient({
    'chargers:list': () => chargers,
    'chargers:register': ({ id }) => ({ charger: aCharger(id, { connected: false }), created: true }),
    'settings:get': () => ({ requirePassword: false, unknownChargers: 'accept', heartbeatInterval: 300, defaultBootStatus: 'Accepted' }) as never,
    'connectionAttempts:list': () => [],
  });
  off = liveBench(client, { chargers: Object.fromEntries(chargers.map((c) => [c.id, c])) });
  render(
    withBench(
      client,
      <Routes>
        <Route path="/chargers" element={<ChargersScreen />} />
      </Routes>,
      '/chargers',
    ),
  );
}
const button = (name: string) => screen.getByRole('button', { name }) as HTMLButtonElement;

beforeEach(() => useBench.setState(initialBenchState, true));
afterEach(() => {
  off?.();
  cleanup();
});

describe('Register charger with the link to the bench lost', () => {
  it('is disabled, saying why and since when, and enabled again when the link is back', async () => {
    const user = userEvent.setup();
    open([aCharger('CP001', { connected: false })]);
    await screen.findByText('CP001');
    expect(button('Register charger').disabled).toBe(false);

    const since = minutesAgo(1);
    act(() => useBench.setState({ link: 'silent', linkSince: since }));
    expect(button('Register charger').disabled).toBe(true);
    await user.hover(button('Register charger').parentElement!);
    expect((await screen.findByRole('tooltip')).textContent).toBe(
      `The bench has not answered this window since ${formatClock(since)} (it is paused, hung or overloaded): no charger can be registered until the link is back.`,
    );

    act(() => useBench.setState({ link: 'open', linkSince: new Date().toISOString() }));
    expect(button('Register charger').disabled).toBe(false);
  });

  it('disables the empty list\'s "Register a charger first" too', async () => {
    const user = userEvent.setup();
    open([]);
    expect((await screen.findByRole('button', { name: 'Register a charger first' })).hasAttribute('disabled')).toBe(false);
    act(() => useBench.setState({ link: 'closed', linkSince: minutesAgo(2) }));
    expect(button('Register a charger first').disabled).toBe(true);
    await user.hover(button('Register a charger first').parentElement!);
    expect((await screen.findByRole('tooltip')).textContent).toMatch(/^The bench cannot be reached from this window since .*: no charger can be registered until the link is back\.$/);
  });

  it('lets a register dialog opened before the link was lost not be confirmed, saying why', async () => {
    const user = userEvent.setup();
    open([aCharger('CP001', { connected: false })]);
    await user.click(await screen.findByRole('button', { name: 'Register charger' }));
    const dialog = within(await screen.findByRole('dialog'));
    await user.type(dialog.getByLabelText(/Charge point identity/), 'CP-NEW');
    expect((dialog.getByRole('button', { name: 'Register' }) as HTMLButtonElement).disabled).toBe(false);

    act(() => useBench.setState({ link: 'closed', linkSince: minutesAgo(1) }));
    expect((dialog.getByRole('button', { name: 'Register' }) as HTMLButtonElement).disabled).toBe(true);
    expect(dialog.getByRole('alert').textContent).toContain('no charger can be registered until the link is back');
    // Enter in the field does not send it either.
    await user.type(dialog.getByLabelText(/Charge point identity/), '{Enter}');
    expect(client.callsOf('chargers:register')).toHaveLength(0);

    act(() => useBench.setState({ link: 'open', linkSince: new Date().toISOString() }));
    expect((dialog.getByRole('button', { name: 'Register' }) as HTMLButtonElement).disabled).toBe(false);
  });
});
