// @vitest-environment jsdom
// Every column of the Transactions list fits a laptop's screen: at 1280 px the grid has 1010 px (at 1440,
// 1170), and a session shown as last known holds "Last known" and Stop… in its State cell. Below 1440 px the
// connector rides under the charger rather than in a column of its own; from 1440 it has its column. (The
// widths are the column model's; the pixels themselves are checked by screenshot.)
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import { fakeClient, liveBench, routed, withBench, stubResizeObserver } from './fake-client';
import { aCharger, aTransaction } from './builders';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { TransactionsScreen } from '../../src/renderer/src/features/transactions/TransactionsScreen';
import { columnsFor, CONNECTOR_UNDER_CHARGER, type StopButtonSlot } from '../../src/renderer/src/features/transactions/TransactionsTable';

stubResizeObserver();

/** The window's width as the media queries read it. */
let width = 1280;
const matches = (query: string) => {
  const max = /max-width:\s*([\d.]+)px/.exec(query);
  return max ? width <= Number(max[1]) : false;
};
beforeEach(() => {
  window.matchMedia = ((query: string) => ({
    matches: matches(query),
    media: query,
    onchange: null,
    addListener: () => undefined,
    removeListener: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    dispatchEvent: () => false,
  })) as unknown as typeof window.matchMedia;
});
let off: (() => void) | undefined;
afterEach(() => {
  off?.();
  cleanup();
  useBench.setState(initialBenchState, true);
});

const Stop: StopButtonSlot = () => <button type="button">Stop…</button>;
/** The grid's width at a window's width: the window less the navigation and the screen's padding (measured: 1010 px at 1280). */
const gridAt = (window: number) => window - 270;
/** What the columns need at least: a flexible column its minimum, the others their width. */
const needed = (connectorUnder: boolean, showCharger: boolean) => columnsFor(showCharger, connectorUnder, Stop).reduce((sum, c) => sum + (c.flex ? (c.minWidth ?? 50) : (c.width ?? 100)), 0);

describe('the Transactions list on a laptop screen', () => {
  it('fits every column at 1280 px and at 1440 px, with or without the charger column', () => {
    for (const w of [1280, 1440]) {
      width = w;
      const under = matches(CONNECTOR_UNDER_CHARGER);
      expect(needed(under, true), `the list at ${w} px`).toBeLessThanOrEqual(gridAt(w));
      expect(needed(under, false), `a charger's tab at ${w} px`).toBeLessThanOrEqual(gridAt(w));
    }
  });

  it('says the connector under the charger at 1280 px, and in its own column at 1440 px', async () => {
    const client = fakeClient({ 'transactions:list': () => [aTransaction(7, 'CP-1', 2, 'ABCDEFGHIJ0123456789')] });
    off = liveBench(client, { chargers: { 'CP-1': aCharger('CP-1') } });
    width = 1280;
    const { unmount } = render(withBench(client, routed({ '/transactions': <TransactionsScreen /> }), '/transactions'));
    const row = await screen.findByRole('row', { name: /#7/ }, { timeout: 10_000 });
    expect(screen.queryByRole('columnheader', { name: /^Connector/ })).toBeNull();
    expect(within(row).getByText('connector 2')).toBeTruthy();
    unmount();

    width = 1440;
    render(withBench(client, routed({ '/transactions': <TransactionsScreen /> }), '/transactions'));
    const wide = await screen.findByRole('row', { name: /#7/ }, { timeout: 10_000 });
    expect(screen.getByRole('columnheader', { name: /^Connector/ })).toBeTruthy();
    expect(within(wide).queryByText('connector 2')).toBeNull();
  });
});
