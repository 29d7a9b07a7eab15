// @vitest-environment jsdom
// "… ago" moves on while a screen stays open, however often the screen is redrawn meanwhile: the bench
// pushes something every few seconds (a frame, its keep-alive), and each redraw must not restart the
// shared clock's beat (a 15 s tick restarted every 5 s never fires, and "3 min ago" would stand still).
import { describe, expect, it, vi } from 'vitest';
import { act, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import type { FakeClient } from './fake-client';
import { aCharger, aConnector } from './builders';
import { ago, chargerScreenHooks, renderChargers } from './charger-page-harness';
import { Ago } from '../../src/renderer/src/components/Ago';

vi.mock('../../src/renderer/src/features/operations/MultiSendDialog', () => ({ MultiSendDialog: () => null }));
chargerScreenHooks({ fakeTimers: true });

/** `seconds` pass, with the bench's word every 5 s (`push`), each redrawing the screen. */
async function passWithNews(seconds: number, push: () => void) {
  for (let s = 0; s < seconds; s += 5) {
    await act(async () => void vi.advanceTimersByTime(5_000));
    act(push);
  }
}

/** A frame from `chargerId` now (its heartbeat): contact, which redraws what shows the charger. */
const frameFrom = (client: FakeClient, chargerId: string) => () =>
  client.emit([
    {
      type: 'frameLogged',
      message: { ts: new Date().toISOString(), chargerId, direction: 'in', kind: 'CALL', messageId: String(Date.now()), action: 'Heartbeat', raw: '[2,"1","Heartbeat",{}]', error: null },
    },
  ]);

describe('"ago"s redrawn every 5 s', () => {
  it('a redrawn "ago" still moves on with the shared clock', async () => {
    const at = ago(170_000);
    let redraw = () => undefined as void;
    function Redrawn() {
      const [n, setN] = useState(0);
      redraw = () => setN(n + 1);
      return (
        <span data-testid="ago" data-n={n}>
          <Ago iso={at} />
        </span>
      );
    }
    render(<Redrawn />);
    expect(screen.getByTestId('ago').textContent).toBe('2 min ago');
    await passWithNews(60, () => redraw());
    expect(screen.getByTestId('ago').textContent).toBe('3 min ago');
  });

  it('an "ago" drawn anew (its row remade) at every redraw still moves on', async () => {
    const at = ago(170_000);
    let redraw = () => undefined as void;
    function Remade() {
      const [n, setN] = useState(0);
      redraw = () => setN(n + 1);
      return (
        <span data-testid="ago" key={n}>
          <Ago iso={at} />
        </span>
      );
    }
    render(<Remade />);
    expect(screen.getByTestId('ago').textContent).toBe('2 min ago');
    await passWithNews(60, () => redraw());
    expect(screen.getByTestId('ago').textContent).toBe('3 min ago');
  });

  it('moves an offline charger\'s "last seen" on in the Chargers list while another charger\'s frames redraw the list', async () => {
    const offline = aCharger('CP-1', { connected: false, lastSeen: ago(170_000), lastHeartbeat: ago(170_000), connectors: [aConnector(1)] });
    const online = aCharger('CP-2', { lastSeen: ago(1_000), lastHeartbeat: ago(1_000), connectors: [aConnector(1)] });
    const client = renderChargers([offline, online]);
    const row = (await screen.findByText('CP-1')).closest('[role="row"]') as HTMLElement;
    expect(within(row).getByText('last seen 2 min ago')).toBeTruthy();
    await passWithNews(30, frameFrom(client, 'CP-2'));
    expect(within(row).getByText('last seen 3 min ago')).toBeTruthy();
  });

  it('moves "Last boot … (2 min ago)" on on a charger\'s page while its frames redraw the page', async () => {
    const charger = aCharger('CP-1', { lastBoot: ago(150_000), lastSeen: ago(1_000), lastHeartbeat: ago(1_000), connectors: [aConnector(1)] });
    const client = renderChargers([charger], { path: '/chargers/CP-1' });
    const about = await screen.findByRole('region', { name: 'About this charger' });
    expect(about.textContent).toContain('(2 min ago)');
    await passWithNews(65, frameFrom(client, 'CP-1'));
    expect(about.textContent).toContain('(3 min ago)');
  });
});
