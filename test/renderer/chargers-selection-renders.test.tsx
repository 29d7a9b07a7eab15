// @vitest-environment jsdom
// The Chargers screen with many chargers: ticking one row's checkbox redraws that row only (a thousand
// rows redrawn per click froze the page), and the header chip and the screen's subtitle count the same
// chargers online, even while a burst of them connects.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeClient, liveBench, stubResizeObserver, withBench } from './fake-client';
import { aCharger } from './builders';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { ChargersScreen } from '../../src/renderer/src/features/chargers/ChargersScreen';
import { Layout } from '../../src/renderer/src/app/Layout';

/** How many times each charger's row drew its badges (the row's first cell). */
const drawn = vi.hoisted(() => new Map<string, number>());
vi.mock('../../src/renderer/src/components/ChargerBadges', () => ({
  ChargerBadges: ({ chargerId }: { chargerId: string }) => {
    drawn.set(chargerId, (drawn.get(chargerId) ?? 0) + 1);
    return null;
  },
}));

stubResizeObserver();

const SendDialog = () => null;
let off: (() => void) | undefined;
beforeEach(() => {
  drawn.clear();
  useBench.setState(initialBenchState, true);
});
afterEach(() => {
  off?.();
  cleanup();
});

const ids = Array.from({ length: 30 }, (_, i) => `CP-${String(i).padStart(2, '0')}`);

describe('chargers list selection', () => {
  it('redraws only the row whose checkbox is ticked', async () => {
    const client = fakeClient();
    off = liveBench(client, { chargers: Object.fromEntries(ids.map((id) => [id, aCharger(id)])) });
    render(withBench(client, <ChargersScreen SendDialog={SendDialog} />, '/chargers'));
    const row = (await screen.findByText('CP-03')).closest('[role="row"]') as HTMLElement;
    const shown = [...drawn.keys()];
    expect(shown.length).toBeGreaterThan(5);
    const before = new Map(drawn);

    await userEvent.click(within(row).getByRole('checkbox'));
    expect((within(row).getByRole('checkbox') as HTMLInputElement).checked).toBe(true);
    expect(screen.getByRole('button', { name: 'Send to selected (1)…' })).toBeTruthy();
    const redrawn = shown.filter((id) => drawn.get(id) !== before.get(id));
    expect(redrawn.filter((id) => id !== 'CP-03')).toEqual([]);
  });
});

describe('chargers online, counted twice on the screen', () => {
  const chip = () => Number(/Live · (\d+) chargers? online/.exec(screen.getByRole('status').textContent ?? '')?.[1]);
  const subtitle = () => Number(/^(\d+) online of \d+ known$/.exec(screen.getByText(/online of \d+ known/).textContent ?? '')?.[1]);

  it('the header chip and the subtitle agree through a burst of connects', async () => {
    const client = fakeClient();
    off = liveBench(client, { chargers: { 'CP-00': aCharger('CP-00') } });
    render(
      withBench(
        client,
        <Layout>
          <ChargersScreen SendDialog={SendDialog} />
        </Layout>,
        '/chargers',
      ),
    );
    expect(subtitle()).toBe(1);
    expect(chip()).toBe(1);

    // A mass reconnect: the rest connect in quick batches, faster than the list is redrawn.
    const ts = new Date().toISOString();
    for (const batch of [ids.slice(1, 10), ids.slice(10, 20), ids.slice(20)]) {
      act(() => client.emit(batch.map((id) => ({ type: 'chargerConnected' as const, chargerId: id, remoteAddress: '10.0.0.9:5000', ts }))));
      expect(chip()).toBe(subtitle());
    }
    // Both reach the whole fleet, together.
    await waitFor(() => expect(subtitle()).toBe(30), { timeout: 5000 });
    expect(chip()).toBe(30);
  });
});
