// @vitest-environment jsdom
// The Transactions list at a laptop's width (1366 px) cut long cells short with "…": a Not confirmed
// session's duration ("≤ 25 min 0…") and a not running session's energy ("no readings r…"), so what the cell
// says could not be read. Those words are in the cell whole and wrap to a second line instead of being cut
// (the grid's cells are one line, ellipsized, by default), in a box of their own so that the second line
// shows within the row. (The pixels are checked by screenshot.)
import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import { liveBench, withBench, stubResizeObserver } from './fake-client';
import { aCharger, aConnector, aTransaction, minutesAgo } from './builders';
import { freshBenchEachTest, rowOf, supersededOnCp001, transactionScreens, transactionsClient } from './transaction-screens';

stubResizeObserver();

// Lost at a reboot: started 30 min ago, GEN1 rebooted 5 min ago and says Available since; no reading came.
const lost = aTransaction(21, 'GEN1', 1, 'T21', { startTime: minutesAgo(30), receivedAt: minutesAgo(30) });
const gen1 = aCharger('GEN1', { lastBoot: minutesAgo(5), connectors: [aConnector(0), aConnector(1, { status: 'Available', updatedAt: minutesAgo(4) })] });
// Not running: a newer session (#19) started on its connector; the record holds no reading of it.
const { older, newer, cp001 } = supersededOnCp001;

const held = freshBenchEachTest();

/** The words lay out their second line in a box of their own: an inline run in the grid's cell would take the cell's row-high line for each line, and the second would be cut off below the row. */
const ownBox = (el: HTMLElement) => getComputedStyle(el).display !== 'inline' && getComputedStyle(el).display !== '';

/** The white-space the words of `el` are laid out by: its own, else that of the nearest element up to the cell that sets one. */
function whiteSpaceOf(el: HTMLElement): string {
  for (let at: HTMLElement | null = el; at; at = at.parentElement) {
    const ws = getComputedStyle(at).whiteSpace;
    if (ws) return ws;
    if (at.getAttribute('role') === 'gridcell') break;
  }
  return 'normal';
}

const cellOf = (row: HTMLElement, field: string) => row.querySelector<HTMLElement>(`[data-field="${field}"]`)!;

describe('the long words of the Transactions list', () => {
  it('are in their cell whole and wrap to a second line rather than being cut', async () => {
    const client = transactionsClient([newer, lost, older]);
    held.stop = liveBench(client, { chargers: { GEN1: gen1, CP001: cp001 }, activeTransactions: { 21: lost, 10: older, 19: newer } });
    render(withBench(client, transactionScreens, '/transactions'));
    await screen.findByText('#21');

    // The Not confirmed session's duration, a bound up to the reboot.
    await waitFor(() => expect(within(rowOf(21)!).getByText('Not confirmed')).toBeTruthy());
    const duration = cellOf(rowOf(21)!, 'duration');
    await waitFor(() => expect(duration.textContent).toBe('≤ 25 min 00 s'));
    const words = within(duration).getByText('≤ 25 min 00 s');
    expect(words.title).toMatch(/^Up to the charger's reboot/);
    expect(whiteSpaceOf(words)).not.toBe('nowrap');
    expect(getComputedStyle(words).textOverflow).not.toBe('ellipsis');
    expect(ownBox(words)).toBe(true);

    // The not running session's energy: none recorded, said in full.
    const energy = await waitFor(() => within(cellOf(rowOf(10)!, 'energy')).getByText('no readings recorded'));
    expect(whiteSpaceOf(energy)).not.toBe('nowrap');
    expect(getComputedStyle(energy).textOverflow).not.toBe('ellipsis');
    expect(ownBox(energy)).toBe(true);
    // Its duration (up to the newer session's start) wraps likewise.
    const upToNewer = within(cellOf(rowOf(10)!, 'duration')).getByText('≤ 1 h 05 min');
    expect(whiteSpaceOf(upToNewer)).not.toBe('nowrap');
  });
});
