// @vitest-environment jsdom
// The tables of sessions in a confirmation: an idTag and a transaction id stay whole on one line (the table
// scrolls sideways rather than split "TAG-ALICE" mid-token), and the tables of sessions not running, or not
// confirmed and not counted, name their energy as what was recorded ("Energy recorded", "no readings
// recorded": none will come), while what runs keeps "Energy so far" and "no reading yet".
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { initialBenchState, useBench } from '../../src/renderer/src/stores/bench';
import { OperationsPanel } from '../../src/renderer/src/features/operations/OperationsPanel';
import { fakeClient, withBench } from './fake-client';
import { aCharger, aConnector, aTransaction, minutesAgo } from './builders';
import { threeOpenSessions } from './running-fixture';

/** CP001: sessions 41 and 42 held open on connectors 1 and 2, which reported Available since (not running); 43 charging on 3. */
beforeEach(() =>
  threeOpenSessions([
    aConnector(1, { status: 'Available', updatedAt: minutesAgo(2) }),
    aConnector(2, { status: 'Available', updatedAt: minutesAgo(1) }),
    aConnector(3, { status: 'Charging', updatedAt: minutesAgo(9) }),
  ]),
);
afterEach(() => {
  cleanup();
  useBench.setState(initialBenchState);
});

const client = () => fakeClient({ 'chargers:meterValues': () => [], 'transactions:recentMeterValues': () => [], 'chargerEvents:list': () => [], 'operations:list': () => [] });

async function openSoftReset() {
  const user = userEvent.setup();
  render(withBench(client(), <OperationsPanel chargerId="CP001" initial="Reset" />));
  await user.click(await screen.findByRole('button', { name: 'Soft reset…' }));
  return within(await screen.findByRole('dialog'));
}

const headers = (table: HTMLElement) =>
  within(table)
    .getAllByRole('columnheader')
    .map((h) => h.textContent);

describe("a confirmation's tables of sessions", () => {
  it('keeps an idTag and a transaction id on one line, the table scrolling sideways instead', async () => {
    const dialog = await openSoftReset();
    const table = dialog.getByRole('table', { name: 'Running transactions' });
    expect(getComputedStyle(within(table).getByText('TAG-CAROL')).whiteSpace).toBe('nowrap');
    expect(getComputedStyle(within(table).getByText('43')).whiteSpace).toBe('nowrap');
    const apart = dialog.getByRole('table', { name: 'Not running transactions' });
    expect(getComputedStyle(within(apart).getByText('TAG-ALICE')).whiteSpace).toBe('nowrap');
    expect(getComputedStyle(table.parentElement!).overflowX).toBe('auto');
  });

  it('says "Energy recorded" and "no readings recorded" for sessions not running; "Energy so far" and "no reading yet" for what runs', async () => {
    const dialog = await openSoftReset();
    const running = dialog.getByRole('table', { name: 'Running transactions' });
    const apart = dialog.getByRole('table', { name: 'Not running transactions' });
    await waitFor(() => expect(within(running).getByText('no reading yet')).toBeTruthy());
    expect(headers(running)).toContain('Energy so far');
    expect(headers(apart)).toContain('Energy recorded');
    expect(headers(apart)).not.toContain('Energy so far');
    await waitFor(() => expect(within(apart).getAllByText('no readings recorded')).toHaveLength(2));
    expect(within(apart).queryByText('no reading yet')).toBeNull();
  });

  it('says the same for a session not confirmed and not counted', async () => {
    // CP001 booted 5 minutes ago; session 41 started before and its connector reported Available since.
    useBench.setState({
      chargers: {
        CP001: aCharger('CP001', {
          lastBoot: minutesAgo(5),
          connectors: [aConnector(0), aConnector(1, { status: 'Available', updatedAt: minutesAgo(4) }), aConnector(3, { status: 'Charging', updatedAt: minutesAgo(4.5) })],
        }),
      },
      activeTransactions: {
        41: aTransaction(41, 'CP001', 1, 'TAG-ALICE', { receivedAt: minutesAgo(10) }),
        43: aTransaction(43, 'CP001', 3, 'TAG-CAROL', { startTime: minutesAgo(2), receivedAt: minutesAgo(2) }),
      },
    });
    const dialog = await openSoftReset();
    const apart = dialog.getByRole('table', { name: 'Not confirmed transactions' });
    expect(headers(apart)).toContain('Energy recorded');
    await waitFor(() => expect(within(apart).getByText('no readings recorded')).toBeTruthy());
    expect(headers(dialog.getByRole('table', { name: 'Running transactions' }))).toContain('Energy so far');
  });
});
