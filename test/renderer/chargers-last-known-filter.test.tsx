// @vitest-environment jsdom
// The Chargers list never looks live or whole when it is not: with the link to the bench lost (or the bench
// hung) its count is said as last known, as of when the news stopped; the Connection column is filtered as
// Online / Offline (not a raw true / false), and while a filter hides chargers the list says how many it
// shows of how many, with a way back to all of them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fakeClient, liveBench, stubResizeObserver, withBench } from './fake-client';
import { aCharger, minutesAgo } from './builders';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { formatClock } from '../../src/renderer/src/components/format';
import { ChargersScreen } from '../../src/renderer/src/features/chargers/ChargersScreen';

stubResizeObserver();

const NoSend = () => null;
let off: (() => void) | undefined;
beforeEach(() => useBench.setState(initialBenchState, true));
afterEach(() => {
  off?.();
  cleanup();
});

function showList() {
  const client = fakeClient({ 'chargers:list': () => Object.values(useBench.getState().chargers) });
  off = liveBench(client, {
    chargers: {
      'CP-1': aCharger('CP-1'),
      'CP-2': aCharger('CP-2'),
      'CP-3': aCharger('CP-3', { connected: false, lastSeen: minutesAgo(30) }),
    },
  });
  render(withBench(client, <ChargersScreen SendDialog={NoSend} />));
  return client;
}

const listed = () => screen.getAllByRole('row').flatMap((r) => r.getAttribute('data-id') ?? []);

describe('the chargers heading', () => {
  it('is said as last known, as of when the link was lost, while the bench cannot be reached or does not answer', async () => {
    showList();
    expect(await screen.findByText('2 online of 3 known')).toBeTruthy();

    const lost = minutesAgo(2);
    act(() => useBench.setState({ link: 'closed', linkSince: lost }));
    expect(screen.getByText(`2 online of 3 known as of ${formatClock(lost)} (bench not reachable)`)).toBeTruthy();
    expect(screen.queryByText('2 online of 3 known')).toBeNull();

    act(() => useBench.setState({ link: 'silent', linkSince: lost }));
    expect(screen.getByText(`2 online of 3 known as of ${formatClock(lost)} (bench not answering)`)).toBeTruthy();

    act(() => useBench.setState({ link: 'open', linkSince: new Date().toISOString() }));
    expect(screen.getByText('2 online of 3 known')).toBeTruthy();
  });
});

describe('filtering the chargers list', () => {
  it('offers Online / Offline for the connection, says how many the filter shows of how many, and clears it', async () => {
    const user = userEvent.setup();
    const client = showList();
    await screen.findByText('CP-3');
    // Chargers that connect with no filter set are all shown, and not said to be filtered.
    act(() => client.emit([{ type: 'chargerConnected', chargerId: 'CP-4', remoteAddress: '10.0.0.9:5000', ts: new Date().toISOString() }]));
    await waitFor(() => expect(listed()).toHaveLength(4));
    expect(screen.queryByText(/\(filtered\)/)).toBeNull();

    await user.click(screen.getByLabelText('Connection column menu'));
    await user.click(await screen.findByRole('menuitem', { name: /Filter/i }));
    // The value to filter by is a choice of Online and Offline, not true / false.
    const value = await screen.findByRole('combobox', { name: 'Value' });
    await user.click(value);
    const options = within(await screen.findByRole('listbox')).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual(['Any', 'Online', 'Offline']);
    await user.click(options.find((o) => o.textContent === 'Offline')!);

    await waitFor(() => expect(listed()).toEqual(['CP-3']));
    expect(screen.getByText('Showing 1 of 4 chargers (filtered)')).toBeTruthy();
    // The heading still counts every charger the bench knows.
    expect(screen.getByText('3 online of 4 known')).toBeTruthy();

    // A charger that goes offline meanwhile is counted as the grid filters it.
    act(() => useBench.setState((s) => ({ chargers: { ...s.chargers, 'CP-2': { ...s.chargers['CP-2']!, connected: false } } })));
    await waitFor(() => expect(screen.getByText('Showing 2 of 4 chargers (filtered)')).toBeTruthy());

    await user.keyboard('{Escape}');
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(listed()).toHaveLength(4));
    expect(screen.queryByText(/\(filtered\)/)).toBeNull();
  });
});
