// @vitest-environment jsdom
// The Chargers list's once-a-second redraw costs what changed: a charger with news is drawn again with it,
// the rows of the others are left as drawn (every row in sight was drawn again each second, and a click
// landing on that redraw waited for it), and the order and the selection stay right when chargers move.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeClient, liveBench, stubResizeObserver, withBench, type FakeClient } from './fake-client';
import { aCharger, aConnector } from './builders';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { ChargersScreen } from '../../src/renderer/src/features/chargers/ChargersScreen';
import { compareChargers, orderChargers } from '../../src/renderer/src/features/chargers/steadyRows';
import type { ChargerView } from '../../src/shared/api/views';

/** How many times each charger's connection and connector cells worked out its silence (once per drawing of the cell). */
const drawn = vi.hoisted(() => new Map<string, number>());
/** How many connector chips were drawn. */
const chips = vi.hoisted(() => ({ n: 0 }));
vi.mock('../../src/renderer/src/components/reach', async (real) => {
  const reach = await real<typeof import('../../src/renderer/src/components/reach')>();
  return {
    ...reach,
    silenceOf: (...args: Parameters<typeof reach.silenceOf>) => {
      const id = (args[0] as { id?: string } | undefined)?.id;
      if (id) drawn.set(id, (drawn.get(id) ?? 0) + 1);
      return reach.silenceOf(...args);
    },
  };
});
vi.mock('../../src/renderer/src/components/StatusChip', async (real) => {
  const { StatusChip } = await real<typeof import('../../src/renderer/src/components/StatusChip')>();
  return {
    StatusChip: (props: Parameters<typeof StatusChip>[0]) => {
      chips.n++;
      return StatusChip(props);
    },
  };
});

stubResizeObserver();

const SendDialog = () => null;
let off: (() => void) | undefined;
beforeEach(() => {
  drawn.clear();
  chips.n = 0;
  useBench.setState(initialBenchState, true);
});
afterEach(() => {
  off?.();
  cleanup();
});

const ts = () => new Date().toISOString();
const rowOf = (id: string) => screen.getByText(id).closest('[role="row"]') as HTMLElement;
const listed = () => screen.getAllByRole('row').flatMap((r) => r.getAttribute('data-id') ?? []);

function showList(ids: string[]): FakeClient {
  const client = fakeClient();
  off = liveBench(client, { chargers: Object.fromEntries(ids.map((id) => [id, aCharger(id)])) });
  render(withBench(client, <ChargersScreen SendDialog={SendDialog} />, '/chargers'));
  return client;
}

describe('the chargers list redrawn for news', () => {
  const ids = Array.from({ length: 30 }, (_, i) => `CP-${String(i).padStart(2, '0')}`);

  it('draws a charger whose connector changed with its new status, and leaves the other rows as drawn', async () => {
    const client = showList(ids);
    await screen.findByText('CP-03');
    const shown = [...drawn.keys()];
    expect(shown.length).toBeGreaterThan(5);
    const before = new Map(drawn);
    act(() => client.emit([{ type: 'statusChanged', chargerId: 'CP-03', connector: aConnector(1, { status: 'Charging', timestamp: ts(), updatedAt: ts() }), ts: ts() }]));
    await waitFor(() => expect(within(rowOf('CP-03')).getByText('1: Charging')).toBeTruthy(), { timeout: 3000 });
    expect(within(rowOf('CP-03')).getByText('2: Available')).toBeTruthy();
    expect(drawn.get('CP-03')).toBeGreaterThan(before.get('CP-03') ?? 0);
    expect(shown.filter((id) => id !== 'CP-03' && drawn.get(id) !== before.get(id))).toEqual([]);
  });

  it('does not draw the chips again when a charger was only heard from', async () => {
    const client = showList(ids);
    await screen.findByText('CP-03');
    const before = { chips: chips.n, drawn: drawn.get('CP-03') ?? 0 };
    const message = { ts: ts(), chargerId: 'CP-03', direction: 'in', kind: 'CALL', messageId: '9', action: 'Heartbeat', raw: '[2,"9","Heartbeat",{}]', error: null } as const;
    act(() => client.emit([{ type: 'frameLogged', message }]));
    // Its row had the news (when it was last heard from), and its chips still say the same: not drawn again.
    await waitFor(() => expect(drawn.get('CP-03')).toBeGreaterThan(before.drawn), { timeout: 3000 });
    expect(chips.n).toBe(before.chips);
    expect(within(rowOf('CP-03')).getByText('Online')).toBeTruthy();
  });

  it('moves a charger that went offline or faulted to its place, keeping the selection', async () => {
    const client = showList(['CP-1', 'CP-2', 'CP-3', 'CP-4']);
    await screen.findByText('CP-1');
    expect(listed()).toEqual(['CP-1', 'CP-2', 'CP-3', 'CP-4']);
    await userEvent.click(within(rowOf('CP-2')).getByRole('checkbox'));
    expect(screen.getByRole('button', { name: 'Send to selected (1)…' })).toBeTruthy();

    act(() =>
      client.emit([
        { type: 'chargerDisconnected', chargerId: 'CP-2', reason: 'closed', ts: ts() },
        { type: 'statusChanged', chargerId: 'CP-4', connector: aConnector(1, { status: 'Faulted', errorCode: 'GroundFailure', timestamp: ts(), updatedAt: ts() }), ts: ts() },
      ]),
    );
    await waitFor(() => expect(listed()).toEqual(['CP-4', 'CP-1', 'CP-3', 'CP-2']), { timeout: 3000 });
    expect(screen.getByText('3 online of 4 known')).toBeTruthy();
    expect(within(rowOf('CP-2')).getByText('Offline')).toBeTruthy();
    expect((within(rowOf('CP-2')).getByRole('checkbox') as HTMLInputElement).checked).toBe(true);
    expect((within(rowOf('CP-1')).getByRole('checkbox') as HTMLInputElement).checked).toBe(false);
    expect(screen.getByRole('button', { name: 'Send to selected (1)…' })).toBeTruthy();
  });
});

describe('the list order', () => {
  const fleet = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`CP-${(i * 7) % n}`, aCharger(`CP-${(i * 7) % n}`)]));
  const sorted = (chargers: Record<string, ChargerView>) => Object.values(chargers).sort(compareChargers);

  it('is the same list while nothing changed, and the same order with the news while nothing can have moved', () => {
    const chargers = fleet(12);
    const first = orderChargers(chargers, null);
    expect(first.map((c) => c.id)).toEqual(sorted(chargers).map((c) => c.id));
    expect(orderChargers({ ...chargers }, first)).toBe(first);
    const heard = { ...chargers, 'CP-5': { ...chargers['CP-5'], lastSeen: ts() } };
    const next = orderChargers(heard, first);
    expect(next.map((c) => c.id)).toEqual(first.map((c) => c.id));
    expect(next.find((c) => c.id === 'CP-5')).toBe(heard['CP-5']);
  });

  it('is always the order a full sort gives, whatever changed', () => {
    let chargers = fleet(40);
    let order = orderChargers(chargers, null);
    let seed = 7;
    const random = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
    for (let step = 0; step < 200; step++) {
      const id = `CP-${random(45)}`;
      const was = chargers[id] ?? aCharger(id);
      const change = random(5);
      const now =
        change === 0
          ? { ...was, connected: !was.connected }
          : change === 1
            ? { ...was, connectors: [aConnector(1, { status: random(2) ? 'Faulted' : 'Available', errorCode: random(3) ? 'NoError' : 'GroundFailure' })] }
            : { ...was, lastSeen: ts() };
      chargers = { ...chargers, [id]: now };
      if (change === 4) delete chargers[`CP-${random(45)}`];
      order = orderChargers(chargers, order);
      expect(order).toEqual(sorted(chargers));
    }
  });
});
