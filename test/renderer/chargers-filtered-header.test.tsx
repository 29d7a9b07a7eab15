// @vitest-environment jsdom
// A filtered column of the Chargers list keeps its name readable at a laptop's width: at 1366 px the
// Connection column is at its least width (130 px), where the filter icon and the grid's hidden sort
// button (kept as wide as shown) left "Conne…". The hidden sort button of a filtered, unsorted column takes
// no room until the header is hovered, and a header name of two words may go on two lines rather than be cut.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeClient, liveBench, stubResizeObserver, withBench } from './fake-client';
import { aCharger, minutesAgo } from './builders';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { ChargersScreen } from '../../src/renderer/src/features/chargers/ChargersScreen';

stubResizeObserver();

const NoSend = () => null;
let off: (() => void) | undefined;
beforeEach(() => useBench.setState(initialBenchState, true));
afterEach(() => {
  off?.();
  cleanup();
});

const header = (field: string) => document.querySelector<HTMLElement>(`.MuiDataGrid-columnHeader[data-field="${field}"]`)!;
/** Whether `el` takes room in its header (not display: none). */
const takesRoom = (el: Element | null) => !!el && getComputedStyle(el).display !== 'none';

describe('a filtered column’s header', () => {
  it('gives the name the room of the hidden sort button, and lets two words wrap', async () => {
    const user = userEvent.setup();
    const client = fakeClient({ 'chargers:list': () => Object.values(useBench.getState().chargers) });
    off = liveBench(client, { chargers: { 'CP-1': aCharger('CP-1'), 'CP-3': aCharger('CP-3', { connected: false, lastSeen: minutesAgo(30) }) } });
    render(withBench(client, <ChargersScreen SendDialog={NoSend} />));
    await screen.findByText('CP-3');
    // Not filtered: the sort button is where the grid puts it.
    expect(takesRoom(header('connected').querySelector('.MuiDataGrid-sortButton'))).toBe(true);

    await user.click(screen.getByLabelText('Connection column menu'));
    await user.click(await screen.findByRole('menuitem', { name: /Filter/i }));
    await user.click(await screen.findByRole('combobox', { name: 'Value' }));
    await user.click(within(await screen.findByRole('listbox')).getByRole('option', { name: 'Offline' }));
    await user.keyboard('{Escape}');
    await waitFor(() => expect(header('connected').classList.contains('MuiDataGrid-columnHeader--filtered')).toBe(true));

    const connection = header('connected');
    expect(connection.querySelector('.MuiDataGrid-columnHeaderTitle')?.textContent).toBe('Connection');
    // The filter icon shows; the unsorted column's hidden sort button takes no room beside it.
    expect(takesRoom(connection.querySelector('.MuiDataGrid-filterIcon'))).toBe(true);
    expect(takesRoom(connection.querySelector('.MuiDataGrid-sortButton'))).toBe(false);
    // A name of two words goes on two lines when its column is short of room, rather than being cut.
    expect(getComputedStyle(header('lastHeartbeat').querySelector('.MuiDataGrid-columnHeaderTitle')!).whiteSpace).toBe('normal');
  });
});
